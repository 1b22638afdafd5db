import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { makeAccount } from '../../test/factories';
import { signIn } from '../../test/http';
import { loadConfig, startRefusal } from './config';

describe.each(engines)('audit checkpoints on %s', (engine) => {
  let world: TestWorld;
  afterEach(async () => world?.close());

  const write = async (n: number) => {
    for (let i = 0; i < n; i++) await world.platform.audit.recordAlone(null, { action: 'test.entry', detail: { i } });
  };
  const head = () => world.platform.database.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();

  /** What someone with the database file can do: the append-only triggers off, the newest entries gone, the head rewound. */
  async function cutOff(keep: number) {
    const db = world.platform.database.db;
    if (engine === 'postgres') {
      await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
      await sql`drop trigger audit_head_forward on audit_head`.execute(db);
    } else {
      await sql`drop trigger audit_log_no_delete`.execute(db);
      await sql`drop trigger audit_head_no_rewind`.execute(db);
    }
    const last = await db.selectFrom('audit_log').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
    await db.deleteFrom('audit_log').where('seq', '>', keep).execute();
    await db.updateTable('audit_head').set({ seq: keep, hash: last.hash }).where('id', '=', 1).execute();
  }

  it('catches entries cut off the end with the triggers dropped and the head rewound, which the chain alone cannot', async () => {
    world = await openWorld(engine);
    await write(6);
    const checkpoint = await world.platform.audit.checkpoint();
    expect(checkpoint).toMatchObject({ seq: 6, hash: (await head()).hash });
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: 6 });
    await cutOff(4);
    const result = await world.platform.audit.verify();
    expect(result).toMatchObject({ ok: false, checked: 4, brokenAt: 5, cutShort: { checkpointSeq: 6 } });
    const auditor = await makeAccount(world, { role: 'auditor' });
    const client = await signIn(world, auditor.username, auditor.password);
    expect((await client.get('/api/audit/verify')).body).toMatchObject({ ok: false, cutShort: { checkpointSeq: 6 } });
  });

  it('writes a checkpoint by itself after every N entries, signed so that an edited line is reported', async () => {
    world = await openWorld(engine, { AUDIT_CHECKPOINT_EVERY: '5' });
    await write(5);
    const file = path.join(world.config.auditCheckpointDir, 'audit-checkpoints.jsonl');
    await expect.poll(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '')).toContain('"seq":5');
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: 5 });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(lines[0]), seq: 2 };
    fs.appendFileSync(file, `${JSON.stringify(forged)}\n`);
    expect(await world.platform.audit.verify()).toMatchObject({ ok: false, forgedCheckpoints: 1 });
  });

  it('keeps the head from moving back or being deleted while the triggers are in place', async () => {
    world = await openWorld(engine);
    await write(3);
    const db = world.platform.database.db;
    await expect(db.updateTable('audit_head').set({ seq: 1 }).where('id', '=', 1).execute()).rejects.toThrow(/only moves forward/);
    await expect(db.deleteFrom('audit_head').execute()).rejects.toThrow(/only moves forward/);
    expect((await head()).seq).toBe(3);
  });

  it('accepts a deliberate rewind once a signed restore mark says so', async () => {
    world = await openWorld(engine);
    await write(6);
    await world.platform.audit.checkpoint();
    // As restoring an older backup does: the database goes back to seq 4, and the restore marks it.
    await cutOff(4);
    await world.platform.audit.checkpoint('restore');
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: 4 });
    await write(2);
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: 6 });
  });
});

describe('the built-in audit key', () => {
  const base = { SQLITE_FILE: '/tmp/x.db' };
  it('refuses to start on an address other machines reach, unless the deployment says it is a development one', () => {
    expect(startRefusal(loadConfig({ ...base, HOST: '0.0.0.0' }))).toMatch(/AUDIT_HMAC_KEY is not set/);
    expect(startRefusal(loadConfig({ ...base, HOST: '10.0.0.5' }))).toMatch(/审计链将以公开的开发密钥签名/);
    expect(startRefusal(loadConfig({ ...base, HOST: '0.0.0.0', NODE_ENV: 'development' }))).toBeNull();
    expect(startRefusal(loadConfig({ ...base, HOST: '127.0.0.1' }))).toBeNull();
    const keys = { AUDIT_HMAC_KEY: 'a-long-random-secret-of-the-deployment', COMPLAINT_KEY: 'another-long-random-secret-of-it' };
    expect(startRefusal(loadConfig({ ...base, HOST: '0.0.0.0', ...keys }))).toBeNull();
    expect(startRefusal(loadConfig({ ...base, HOST: '0.0.0.0', AUDIT_HMAC_KEY: keys.AUDIT_HMAC_KEY }))).toMatch(/COMPLAINT_KEY is not set/);
  });
});
