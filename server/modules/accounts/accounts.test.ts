import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { Client, signIn } from '../../../test/http';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('accounts on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let admin: Client;
  let office: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world);
    const a = await makeAccount(world, { role: 'sysadmin' });
    admin = await signIn(world, a.username, a.password);
    const o = await makeAccount(world, { region: county });
    office = await signIn(world, o.username, o.password);
  });
  afterAll(async () => world.close());

  it('creates an account that must change its password at first sign-in', async () => {
    const res = await admin.post('/api/accounts', { username: 'newstaff', displayName: '新同事', role: 'office_staff', scopeRegionId: county.id, phone: '13811112222', password: 'First#Pass2026' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'newstaff', mustChangePassword: true, phoneMasked: '138****2222', scope: { kind: 'region', regionId: county.id } });
    const client = await signIn(world, 'newstaff', 'First#Pass2026');
    expect((await client.get('/api/auth/session')).body.account.mustChangePassword).toBe(true);
    expect((await client.get('/api/units')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('holds the password rule and a unique username', async () => {
    const weak = await admin.post('/api/accounts', { username: 'weakling', displayName: '弱密码', role: 'auditor', password: 'weakling1' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].field).toBe('password');
    const dup = await admin.post('/api/accounts', { username: 'newstaff', displayName: '重名', role: 'auditor', password: 'Other#Pass2026' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0]).toMatchObject({ field: 'username', message: '用户名已被使用' });
  });

  it('lets an office create accounts only inside its region and never an administrator', async () => {
    const town = await makeRegion(world, { parent: county });
    const school = await makeUnit(world, { region: town });
    const ok = await office.post('/api/accounts', { username: 'schoolcontact', displayName: '学校联络员', role: 'unit_user', scopeUnitId: school.id, password: 'School#Pass2026' });
    expect(ok.status).toBe(200);
    const admin2 = await office.post('/api/accounts', { username: 'sneaky', displayName: '越权', role: 'sysadmin', password: 'Sneaky#Pass2026' });
    expect(admin2.body.error.fields[0]).toMatchObject({ field: 'role', message: '您不能创建或授予该角色' });
    const other = await makeCounty(world);
    const outside = await office.post('/api/accounts', { username: 'outsider', displayName: '外县', role: 'inspector', scopeRegionId: other.id, password: 'Outer#Pass2026' });
    expect(outside.body.error.fields[0]).toMatchObject({ field: 'scopeRegionId', message: '所选区划不在您的管辖范围内' });
    const noScope = await office.post('/api/accounts', { username: 'noscope', displayName: '无范围', role: 'inspector', password: 'Scope#Pass2026' });
    expect(noScope.body.error.fields[0].message).toBe('该角色须指定管辖区划或所属单位');
    const list = await office.get('/api/accounts?pageSize=100');
    expect(list.body.items.map((a: { username: string }) => a.username)).toContain('schoolcontact');
    expect(list.body.items.map((a: { role: string }) => a.role)).not.toContain('sysadmin');
  });

  it('disabling an account ends its sessions; a reset password must be changed again', async () => {
    const target = await makeAccount(world, { role: 'inspector', region: county });
    const session = await signIn(world, target.username, target.password);
    const off = await office.patch(`/api/accounts/${target.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await session.get('/api/auth/session')).status).toBe(401);
    expect((await new Client(world).post('/api/auth/sign-in', { username: target.username, password: TEST_PASSWORD })).body.error.message).toBe('账号已停用');
    await office.patch(`/api/accounts/${target.id}`, { active: true });
    expect((await office.post(`/api/accounts/${target.id}/reset-password`, { password: 'Reset#Pass2026' })).status).toBe(204);
    const again = await signIn(world, target.username, 'Reset#Pass2026');
    expect((await again.get('/api/auth/session')).body.account.mustChangePassword).toBe(true);
  });

  it('lets the security administrator unlock a locked account', async () => {
    const target = await makeAccount(world, { role: 'inspector', region: county });
    for (let i = 0; i < 5; i += 1) await new Client(world).post('/api/auth/sign-in', { username: target.username, password: 'Wrong#Pass0' });
    const sec = await makeAccount(world, { role: 'secadmin' });
    const secClient = await signIn(world, sec.username, sec.password);
    const seen = await secClient.get(`/api/accounts/${target.id}`);
    expect(seen.body).toMatchObject({ locked: true, abilities: { unlock: true } });
    expect((await secClient.post(`/api/accounts/${target.id}/unlock`)).body.locked).toBe(false);
    expect((await new Client(world).post('/api/auth/sign-in', { username: target.username, password: TEST_PASSWORD })).status).toBe(200);
    expect((await secClient.post('/api/accounts', { username: 'x1', displayName: 'x', role: 'auditor', password: 'Xx#Pass20261' })).status).toBe(403);
  });

  it('security settings belong to the security administrator and take effect', async () => {
    const sec = await makeAccount(world, { role: 'secadmin' });
    const secClient = await signIn(world, sec.username, sec.password);
    expect((await admin.get('/api/settings/security')).status).toBe(403);
    const bad = await secClient.put('/api/settings/security', { passwordMinLength: 4, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, passwordMaxAgeDays: 90 });
    expect(bad.body.error.fields[0]).toMatchObject({ field: 'passwordMinLength', message: '密码最小长度：不能小于 8' });
    const ok = await secClient.put('/api/settings/security', { passwordMinLength: 12, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 10, passwordMaxAgeDays: 90 });
    expect(ok.body.passwordMinLength).toBe(12);
    const short = await admin.post('/api/accounts', { username: 'longpw', displayName: '长密码', role: 'auditor', password: 'Short#Pw201' });
    expect(short.body.error.fields[0].message).toBe('密码至少 12 位');
    world.clock.advanceMinutes(11);
    expect((await secClient.get('/api/auth/session')).status).toBe(401);
  });
});
