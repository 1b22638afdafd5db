import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, keepingSchemas, openWorld, type TestWorld } from '../../test/databases';
import { makeAccount, makeCounty, makeUnit } from '../../test/factories';
import { Client, signIn } from '../../test/http';
import { checkPasswordRule, verifyPassword } from '../platform/auth/passwords';
import { createAccountFromCli, resetPasswordFromCli } from './accounts';
import { backupDatabase, restoreDatabase } from './backup';
import { migrateDatabase, seedDatabase } from './setup';
import { parseOptions } from './args';
import { progressLine } from './progress';
import { CliError } from './errors';

const hasPgTools = ['pg_dump', 'pg_restore'].every((tool) => spawnSync(tool, ['--version']).status === 0);

/** Change an entry behind the chain's back: the append-only trigger has to go first. */
async function tamper(world: TestWorld, seq: number): Promise<void> {
  const db = world.platform.database.db;
  if (world.engine === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(db);
  else await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  await db.updateTable('audit_log').set({ detail: '{"forged":true}' }).where('seq', '=', seq).execute();
}

function auditEntries(world: TestWorld, action: string) {
  return world.platform.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe.each(engines)('command-line tool on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('creates an account that must change its password at first sign-in, audited as the cli', async () => {
    const county = await makeCounty(world);
    const result = await createAccountFromCli(world.platform, { username: 'cli.inspector', displayName: '督学 新', role: 'inspector', region: county.code });
    expect(result.scope).toContain(county.name);
    const password = result.generatedPassword!;
    expect(checkPasswordRule(password, 'cli.inspector', 8)).toBeNull();
    expect(password.length).toBeGreaterThanOrEqual(20);

    const row = await world.platform.database.db.selectFrom('accounts').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'inspector', scope_region_id: county.id, scope_unit_id: null, must_change_password: 1, active: 1 });
    expect(await verifyPassword(row.password_hash, password)).toBe(true);

    const [entry] = (await auditEntries(world, 'account.create')).filter((e) => e.entity_id === result.id);
    expect(entry).toMatchObject({ actor_name: 'cli', actor_id: null, entity_type: 'account', success: 1 });
    expect(JSON.parse(entry.detail!)).toMatchObject({ after: { username: 'cli.inspector', role: 'inspector', scope_region_id: county.id }, origin: { host: expect.any(String) } });

    const client = await signIn(world, 'cli.inspector', password);
    const blocked = await client.get('/api/units');
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('scopes a unit account by school code or id, and keeps administrators unscoped', async () => {
    const unit = await makeUnit(world);
    const byCode = await createAccountFromCli(world.platform, { username: 'cli.school', displayName: '学校', role: 'unit_user', unit: unit.school_code!, password: 'School#Pass2026' });
    const byId = await createAccountFromCli(world.platform, { username: 'cli.school2', displayName: '学校', role: 'unit_user', unit: unit.id, password: 'School#Pass2026' });
    const admin = await createAccountFromCli(world.platform, { username: 'cli.admin', displayName: '管理员', role: 'sysadmin', password: 'Admin#Pass2026' });
    expect(byCode.generatedPassword).toBeNull();
    const rows = await world.platform.database.db.selectFrom('accounts').select(['id', 'scope_unit_id', 'scope_region_id']).where('id', 'in', [byCode.id, byId.id, admin.id]).execute();
    const scopeOf = (id: string) => rows.find((r) => r.id === id);
    expect(scopeOf(byCode.id)).toMatchObject({ scope_unit_id: unit.id, scope_region_id: null });
    expect(scopeOf(byId.id)).toMatchObject({ scope_unit_id: unit.id });
    expect(scopeOf(admin.id)).toMatchObject({ scope_unit_id: null, scope_region_id: null });
  });

  it('refuses a weak password naming the rule, and a bad role, region code, scope or username, writing nothing', async () => {
    const county = await makeCounty(world);
    const base = { username: 'cli.refused', displayName: '拒绝', role: 'office_staff', region: county.code };
    const refusals: [Partial<typeof base> & { password?: string; unit?: string }, string][] = [
      [{ password: 'Ab1!x' }, '密码至少 8 位 The password needs at least 8 characters'],
      [{ password: 'abcdefgh1' }, 'The password needs three of: upper case, lower case, digits, symbols'],
      [{ password: 'Cli.Refused#1' }, 'The password must not contain the username'],
      [{ role: 'boss' }, 'Unknown role: boss'],
      [{ region: '000000' }, 'Unknown region code: 000000'],
      [{ region: undefined }, 'This role needs a region or a unit as its scope'],
      [{ unit: 'no-such-unit' }, 'Choose either a region or a unit as the scope, not both'],
      [{ role: 'auditor' }, 'Role auditor has no scope'],
      [{ username: 'bad name' }, 'The username must be 3–32 letters'],
    ];
    for (const [change, message] of refusals) {
      const attempt = createAccountFromCli(world.platform, { ...base, password: 'Good#Pass2026', ...change });
      await expect(attempt).rejects.toThrow(CliError);
      await expect(attempt).rejects.toThrow(message);
    }
    const existing = await makeAccount(world);
    await expect(createAccountFromCli(world.platform, { ...base, username: existing.username })).rejects.toThrow('This username is taken');
    expect(await world.platform.database.db.selectFrom('accounts').select('id').where('username', '=', 'cli.refused').execute()).toHaveLength(0);
  });

  it('reset-password lifts a lockout, ends the sessions and makes the password change at next sign-in', async () => {
    const account = await makeAccount(world);
    const signedIn = await signIn(world, account.username, account.password);
    for (let i = 1; i <= 5; i += 1) await new Client(world).post('/api/auth/sign-in', { username: account.username, password: `Wrong#Pass${i}` });
    expect((await new Client(world).post('/api/auth/sign-in', { username: account.username, password: account.password })).status).toBe(423);

    await expect(resetPasswordFromCli(world.platform, { username: account.username, password: 'short' })).rejects.toThrow('The password needs at least 8 characters');
    const result = await resetPasswordFromCli(world.platform, { username: account.username, password: 'Fresh#Start2026' });
    expect(result).toMatchObject({ wasLocked: true, sessionsEnded: 1, generatedPassword: null, active: true });

    expect((await signedIn.get('/api/auth/session')).status).toBe(401);
    const again = new Client(world);
    const res = await again.post('/api/auth/sign-in', { username: account.username, password: 'Fresh#Start2026' });
    expect(res.status).toBe(200);
    expect(res.body.account.mustChangePassword).toBe(true);
    const [entry] = (await auditEntries(world, 'account.reset_password')).filter((e) => e.entity_id === account.id);
    expect(entry).toMatchObject({ actor_name: 'cli', entity_type: 'account' });

    const generated = await resetPasswordFromCli(world.platform, { username: account.username });
    expect(checkPasswordRule(generated.generatedPassword!, account.username, 8)).toBeNull();
    await expect(resetPasswordFromCli(world.platform, { username: 'nobody-here' })).rejects.toThrow('No account with username: nobody-here');
  });

  it.skipIf(engine === 'postgres' && !hasPgTools)('backs up, and a restore brings back the backed-up data with an intact audit chain (PostgreSQL: needs pg_dump and pg_restore on PATH)', async () => {
    const db = world.platform.database.db;
    const kept = await createAccountFromCli(world.platform, { username: 'cli.kept', displayName: '备份前', role: 'auditor', password: 'Kept#Pass2026' });
    const chainAtBackup = await world.platform.audit.verify();
    const file = path.join(world.dir, 'backups', 'dudao.backup');
    const progress: [number, number][] = [];
    const backup = await backupDatabase(world.platform, file, { onProgress: (done, total) => progress.push([done, total]) });
    expect(backup).toEqual({ file, bytes: fs.statSync(file).size });
    expect(backup.bytes).toBeGreaterThan(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['dudao.backup']);
    await expect(backupDatabase(world.platform, file)).rejects.toThrow('add --force');
    expect(await auditEntries(world, 'system.backup')).toMatchObject([{ actor_name: 'cli', seq: chainAtBackup.checked + 1 }]);

    await db.updateTable('accounts').set({ display_name: '备份后改过' }).where('id', '=', kept.id).execute();
    await createAccountFromCli(world.platform, { username: 'cli.later', displayName: '备份后', role: 'auditor', password: 'Later#Pass2026' });

    await expect(restoreDatabase(world.platform, file)).rejects.toThrow('add --force');
    const steps = new Set<string>();
    const result = await restoreDatabase(world.platform, file, { force: true, onProgress: (step) => steps.add(step) });
    expect(steps).toEqual(new Set(['restore', 'verify']));
    expect(result.integrity).toEqual(engine === 'sqlite' ? ['ok'] : null);
    // The backup's own audit entry was written after the copy, so the restored chain ends just before it.
    expect(result.audit).toEqual({ ok: true, checked: chainAtBackup.checked });

    const names = await db.selectFrom('accounts').select(['username', 'display_name']).where('username', 'in', ['cli.kept', 'cli.later']).execute();
    expect(names).toEqual([{ username: 'cli.kept', display_name: '备份前' }]);
    const [restoreEntry] = await auditEntries(world, 'system.restore');
    expect(restoreEntry).toMatchObject({ actor_name: 'cli', seq: chainAtBackup.checked + 1 });
    expect(await world.platform.audit.verify()).toEqual({ ok: true, checked: chainAtBackup.checked + 1 });
    // The restored database still refuses changes to the log.
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow('append-only');
  });

  it('refuses to restore a file that is not a backup of this engine, changing nothing', async () => {
    const junk = path.join(world.dir, 'junk.backup');
    fs.writeFileSync(junk, 'not a backup at all');
    await expect(restoreDatabase(world.platform, junk, { force: true })).rejects.toThrow(engine === 'sqlite' ? 'Not a SQLite backup' : 'Not a pg_dump custom-format (-Fc) backup');
    await expect(restoreDatabase(world.platform, path.join(world.dir, 'missing.backup'), { force: true })).rejects.toThrow('No such backup file');
    expect((await world.platform.audit.verify()).ok).toBe(true);
  });

  it('verify-audit reports the first tampered entry, and an intact chain otherwise', async () => {
    const own = await openWorld(engine);
    try {
      for (const n of [1, 2, 3]) {
        await createAccountFromCli(own.platform, { username: `cli.chain${n}`, displayName: '链', role: 'auditor', password: 'Chain#Pass2026' });
      }
      const seen: [number, number][] = [];
      expect(await own.platform.audit.verify((done, total) => seen.push([done, total]))).toEqual({ ok: true, checked: 3 });
      expect(seen.at(-1)).toEqual([3, 3]);
      await tamper(own, 2);
      expect(await own.platform.audit.verify()).toEqual({ ok: false, checked: 1, brokenAt: 2 });
    } finally {
      await own.close();
    }
  });

  it('migrate runs nothing on a migrated database; seed loads the demo data once', async () => {
    const own = await openWorld(engine);
    try {
      expect(await keepingSchemas(engine, () => migrateDatabase(own.platform.database))).toEqual([]);
      const steps = new Set<string>();
      expect(await keepingSchemas(engine, () => seedDatabase(own.platform, (step) => steps.add(step)))).toEqual({ migrated: [], seeded: true });
      expect(steps).toEqual(new Set(['regions', 'units', 'accounts']));
      expect(await keepingSchemas(engine, () => seedDatabase(own.platform))).toEqual({ migrated: [], seeded: false });
      expect(await own.platform.audit.verify()).toEqual({ ok: true, checked: 1 });
    } finally {
      await own.close();
    }
  });
});

describe('argument parsing and progress display', () => {
  const specs = [{ name: 'out', value: 'FILE', help: '' }, { name: 'force', help: '' }];

  it('reads --name value, --name=value and flags, and refuses mistakes with a usage error', () => {
    const options = parseOptions(['--out', 'a.db', '--force'], specs);
    expect([options.required('out'), options.flag('force')]).toEqual(['a.db', true]);
    expect(parseOptions(['--out=--odd'], specs).text('out')).toBe('--odd');
    expect(parseOptions([], specs).flag('force')).toBe(false);
    const mistakes: [string[], string][] = [
      [['--bogus'], 'Unknown option: --bogus'],
      [['--out'], 'Option needs a value: --out FILE'],
      [['--out', '--force'], 'Option needs a value: --out FILE'],
      [['--out', 'a', '--out', 'b'], 'Option given twice: --out'],
      [['--force=yes'], 'Option takes no value: --force'],
      [['stray'], 'Unexpected argument: stray'],
    ];
    for (const [args, message] of mistakes) {
      expect(() => parseOptions(args, specs)).toThrow(message);
      expect(() => parseOptions(args, specs)).toThrow(expect.objectContaining({ exitCode: 2 }));
    }
    expect(() => parseOptions([], specs).required('out')).toThrow('Missing option: --out');
  });

  it('redraws one line on a terminal and writes occasional lines otherwise', () => {
    let now = 0;
    const written: string[] = [];
    const tty = progressLine({ isTTY: true, write: (text) => written.push(text) > 0 }, () => now);
    tty.update('copy', 1, 4);
    now += 10;
    tty.update('copy', 2, 4);
    now += 200;
    tty.update('copy', 3, 4);
    tty.update('copy', 4, 4);
    tty.finish();
    expect(written).toEqual(['\rcopy 1/4 (25%)\x1b[K', '\rcopy 3/4 (75%)\x1b[K', '\rcopy 4/4 (100%)\x1b[K', '\n']);

    written.length = 0;
    const log = progressLine({ isTTY: false, write: (text) => written.push(text) > 0 }, () => now);
    for (let done = 0; done <= 1000; done += 1) {
      now += 10;
      log.update('copy', done, 1000);
    }
    log.finish();
    expect(written).toEqual(['copy 0/1000 (0%)\n', 'copy 500/1000 (50%)\n', 'copy 1000/1000 (100%)\n']);
  });
});

describe('the cli as a process', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld('sqlite');
  });
  afterAll(async () => world.close());

  const repo = path.resolve(import.meta.dirname, '../..');
  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, DATABASE_URL: '', SQLITE_FILE: world.platform.database.sqliteFile!, AUDIT_HMAC_KEY: 'test-audit-key-0123456789', LOG_LEVEL: 'info' };
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'server/cli/main.ts', ...args], { cwd: repo, env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  it('verify-audit exits 0 on an intact chain and 1 naming the broken seq; a usage mistake exits 2 without a stack trace', async () => {
    for (const n of [1, 2]) {
      await createAccountFromCli(world.platform, { username: `cli.proc${n}`, displayName: '进程', role: 'auditor', password: 'Proc#Pass2026' });
    }
    const [intact, unknown, missing] = await Promise.all([run(['verify-audit']), run(['frobnicate']), run(['backup'])]);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('审计链完整 Audit chain intact: 2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('错误 Error: 未知命令 Unknown command: frobnicate (npm run cli -- --help)');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('错误 Error: 缺少选项 Missing option: --out');

    await tamper(world, 2);
    const broken = await run(['verify-audit']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Audit chain BROKEN at seq 2');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
