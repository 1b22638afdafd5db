import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { makeAccount, makeCounty } from '../../test/factories';
import { signIn } from '../../test/http';

describe.each(engines)('audit log on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('records every write with who, when, where from, before and after, in an unbroken chain', async () => {
    const county = await makeCounty(world);
    const staff = await makeAccount(world, { region: county });
    const office = await signIn(world, staff.username, staff.password);
    const created = await office.post('/api/regions', { code: `${county.code}001`, name: '新设镇', level: 'township', parentId: county.id });
    expect(created.status).toBe(200);
    await office.patch(`/api/regions/${created.body.id}`, { name: '新设街道' });
    const entries = await world.platform.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.body.id).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['region.create', 'region.update']);
    expect(entries[1]).toMatchObject({ actor_id: staff.id, actor_name: staff.username, ip: '127.0.0.1', success: 1 });
    const detail = JSON.parse(entries[1].detail!);
    expect(detail.before.name).toBe('新设镇');
    expect(detail.after.name).toBe('新设街道');
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: expect.any(Number) });
  });

  it('cannot be changed or deleted through the database', async () => {
    const db = world.platform.database.db;
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('shows the auditor where the chain was broken by someone with the triggers off', async () => {
    const db = world.platform.database.db;
    if (engine === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    else await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set actor_name = 'someone-else' where seq = 2`.execute(db);
    const auditor = await makeAccount(world, { role: 'auditor' });
    const client = await signIn(world, auditor.username, auditor.password);
    const res = await client.get('/api/audit/verify');
    expect(res.body).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('lets the auditor search the log, and nobody else', async () => {
    const auditor = await makeAccount(world, { role: 'auditor' });
    const client = await signIn(world, auditor.username, auditor.password);
    const res = await client.get('/api/audit?action=region.&pageSize=10');
    expect(res.status).toBe(200);
    expect(res.body.items.every((e: { action: string }) => e.action.startsWith('region.'))).toBe(true);
    const failures = await client.get('/api/audit?action=auth.sign_in&success=false');
    expect(failures.status).toBe(200);
    const admin = await makeAccount(world, { role: 'sysadmin' });
    const adminClient = await signIn(world, admin.username, admin.password);
    expect((await adminClient.get('/api/audit')).status).toBe(403);
  });
});
