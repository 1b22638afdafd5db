import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, TEST_PASSWORD } from '../../../test/factories';
import { Client, signIn } from '../../../test/http';
import { buildApp } from '../../app';

describe.each(engines)('sign-in and sessions on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('signs in with the right password and answers the session with role, scope and permissions', async () => {
    const account = await makeAccount(world, { role: 'office_staff' });
    const client = await signIn(world, account.username, account.password);
    const session = await client.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.account.username).toBe(account.username);
    expect(session.body.account.scope).toMatchObject({ kind: 'region', regionId: account.region!.id, regionName: account.region!.name });
    expect(session.body.account.permissions).toContain('units.write');
    expect(session.body.account.phoneMasked).toBe('139****5678');
  });

  it('refuses a wrong password in the caller\'s language and audits the failure', async () => {
    const account = await makeAccount(world);
    const zh = await new Client(world).post('/api/auth/sign-in', { username: account.username, password: 'Wrong#Pass1' });
    expect(zh.status).toBe(401);
    expect(zh.body.error.message).toBe('用户名或密码错误');
    const en = await new Client(world, 'en').post('/api/auth/sign-in', { username: account.username, password: 'Wrong#Pass1' });
    expect(en.body.error.message).toBe('Wrong username or password');
    const entries = await world.platform.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.sign_in').where('actor_name', '=', account.username).execute();
    expect(entries.filter((e) => e.success === 0)).toHaveLength(2);
  });

  it('locks the account for 15 minutes after five wrong passwords, even against the right one', async () => {
    const account = await makeAccount(world);
    for (let i = 1; i <= 4; i += 1) {
      const res = await new Client(world).post('/api/auth/sign-in', { username: account.username, password: `Wrong#Pass${i}` });
      expect(res.status).toBe(401);
    }
    const fifth = await new Client(world).post('/api/auth/sign-in', { username: account.username, password: 'Wrong#Pass5' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await new Client(world).post('/api/auth/sign-in', { username: account.username, password: TEST_PASSWORD });
    expect(right.status).toBe(423);
    world.clock.advanceMinutes(16);
    const later = await new Client(world).post('/api/auth/sign-in', { username: account.username, password: TEST_PASSWORD });
    expect(later.status).toBe(200);
  });

  it('ends a session idle for longer than the timeout, and sign-out ends it at once', async () => {
    const account = await makeAccount(world);
    const client = await signIn(world, account.username, account.password);
    world.clock.advanceMinutes(20);
    expect((await client.get('/api/auth/session')).status).toBe(200);
    world.clock.advanceMinutes(20);
    expect((await client.get('/api/auth/session')).status).toBe(200);
    world.clock.advanceMinutes(31);
    const expired = await client.get('/api/auth/session');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('会话已失效');

    const again = await signIn(world, account.username, account.password);
    const cookie = again.cookie;
    expect((await again.post('/api/auth/sign-out')).status).toBe(204);
    const replay = new Client(world);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/session')).status).toBe(401);
  });

  it('measures idle from the last request, in the database, whichever process answered it', async () => {
    const secadmin = await makeAccount(world, { role: 'secadmin' });
    const security = await signIn(world, secadmin.username, secadmin.password);
    const current = (await security.get('/api/settings/security')).body;
    expect((await security.put('/api/settings/security', { ...current, idleTimeoutMinutes: 5 })).status).toBe(200);
    const second = await buildApp(world.platform, { logger: false });
    try {
      const account = await makeAccount(world);
      const client = await signIn(world, account.username, account.password);
      const seconds = (s: number) => world.clock.set(new Date(world.clock.now().getTime() + s * 1000));
      const onSecond = async () => (await second.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: client.cookie! } })).statusCode;
      seconds(20);
      expect((await client.get('/api/auth/session')).status).toBe(200);
      // 4 min 55 s after the last request, on another process: still signed in.
      seconds(295);
      expect(await onSecond()).toBe(200);
      seconds(299);
      expect((await client.get('/api/auth/session')).status).toBe(200);
      // 5 min 1 s after the last request (answered by the other process): gone, on both.
      seconds(301);
      expect(await onSecond()).toBe(401);
      expect((await client.get('/api/auth/session')).status).toBe(401);
    } finally {
      await second.close();
      expect((await (await signIn(world, secadmin.username, secadmin.password)).put('/api/settings/security', current)).status).toBe(200);
    }
  });

  it('lists one\'s own sessions with address and time, ends one of them, and signs out everywhere', async () => {
    const account = await makeAccount(world);
    const laptop = await signIn(world, account.username, account.password);
    const phone = await signIn(world, account.username, account.password);
    const stranger = await signIn(world, (await makeAccount(world)).username, TEST_PASSWORD);
    const listed = await laptop.get('/api/auth/sessions');
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    expect(listed.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ ip: '127.0.0.1', createdAt: expect.any(String), lastSeenAt: expect.any(String) });
    const phoneSession = listed.body.find((s: { current: boolean }) => !s.current).id;
    // Another account's session cannot be ended from here.
    const strangers = (await stranger.get('/api/auth/sessions')).body;
    expect((await laptop.post('/api/auth/sessions/end', { id: strangers[0].id })).status).toBe(204);
    expect((await stranger.get('/api/auth/session')).status).toBe(200);
    expect((await laptop.post('/api/auth/sessions/end', { id: phoneSession })).status).toBe(204);
    expect((await phone.get('/api/auth/session')).status).toBe(401);
    expect((await laptop.get('/api/auth/session')).status).toBe(200);
    const tablet = await signIn(world, account.username, account.password);
    expect((await laptop.post('/api/auth/sign-out-everywhere')).status).toBe(204);
    expect((await laptop.get('/api/auth/session')).status).toBe(401);
    expect((await tablet.get('/api/auth/session')).status).toBe(401);
    const audited = await world.platform.database.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', account.id)
      .where('action', 'in', ['auth.session_end', 'auth.sign_out_everywhere']).orderBy('seq').execute();
    expect(audited.map((a) => [a.action, JSON.parse(a.detail!).ended])).toEqual([['auth.session_end', 0], ['auth.session_end', 1], ['auth.sign_out_everywhere', 2]]);
  });

  it('keeps one session per account when the security administrator says so', async () => {
    const secadmin = await makeAccount(world, { role: 'secadmin' });
    const security = await signIn(world, secadmin.username, secadmin.password);
    const current = (await security.get('/api/settings/security')).body;
    expect(current.singleSession).toBe(false);
    expect((await security.put('/api/settings/security', { ...current, singleSession: true })).status).toBe(200);
    try {
      const account = await makeAccount(world);
      const first = await signIn(world, account.username, account.password);
      const second = await signIn(world, account.username, account.password);
      expect((await first.get('/api/auth/session')).status).toBe(401);
      expect((await second.get('/api/auth/session')).status).toBe(200);
    } finally {
      expect((await security.put('/api/settings/security', { ...current, singleSession: false })).status).toBe(200);
    }
  });

  it('tells the account when it signs in from an address it never used, once per address', async () => {
    const account = await makeAccount(world);
    const from = (remoteAddress: string) => world.app.inject({
      method: 'POST', url: '/api/auth/sign-in', remoteAddress, payload: { username: account.username, password: TEST_PASSWORD },
    });
    const told = async () => (await world.platform.database.db.selectFrom('notifications').select(['title', 'link'])
      .where('account_id', '=', account.id).where('kind', '=', 'auth.new_address').execute());
    expect((await from('127.0.0.1')).statusCode).toBe(200);
    expect((await from('127.0.0.1')).statusCode).toBe(200);
    expect(await told()).toEqual([]);
    expect((await from('192.0.2.7')).statusCode).toBe(200);
    expect((await from('192.0.2.7')).statusCode).toBe(200);
    expect(await told()).toEqual([{ title: '您的账号从新地址 192.0.2.7 登录', link: '/profile' }]);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const account = await makeAccount(world);
    const client = await signIn(world, account.username, account.password);
    const res = await client.request('PUT', '/api/auth/profile', { displayName: '新名字', locale: 'zh-CN' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF');
    const withToken = await client.put('/api/auth/profile', { displayName: '新名字', locale: 'zh-CN' });
    expect(withToken.status).toBe(200);
    expect(withToken.body.displayName).toBe('新名字');
  });

  it('makes an account created by an administrator change its password before anything else', async () => {
    const account = await makeAccount(world, { mustChangePassword: true });
    const client = await signIn(world, account.username, account.password);
    const blocked = await client.get('/api/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await client.post('/api/auth/password', { currentPassword: account.password, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0]).toMatchObject({ field: 'newPassword', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
    const hasName = await client.post('/api/auth/password', { currentPassword: account.password, newPassword: `X1-${account.username}` });
    expect(hasName.body.error.fields[0].message).toBe('密码不能包含用户名');
    const short = await client.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Ab1!' });
    expect(short.body.error.fields[0].message).toBe('密码至少 8 位');
    const wrongCurrent = await client.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Good#Pass2027' });
    expect(wrongCurrent.body.error.fields[0]).toMatchObject({ field: 'currentPassword', message: '当前密码不正确' });
    expect((await client.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Good#Pass2027' })).status).toBe(204);
    expect((await client.get('/api/units')).status).toBe(200);
    expect((await new Client(world).post('/api/auth/sign-in', { username: account.username, password: 'Good#Pass2027' })).status).toBe(200);
  });

  it('asks for a new password once the old one is older than the allowed lifetime', async () => {
    const account = await makeAccount(world);
    world.clock.advanceMinutes(91 * 24 * 60);
    const client = await signIn(world, account.username, account.password);
    expect((await client.get('/api/auth/session')).body.account.mustChangePassword).toBe(true);
    expect((await client.get('/api/units')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await client.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Fresh#Pass2026' })).status).toBe(204);
    expect((await client.get('/api/auth/session')).body.account.mustChangePassword).toBe(false);
  });

  it('names each missing or bad field in the user\'s language', async () => {
    const zh = await new Client(world).post('/api/auth/sign-in', { password: 'x' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ field: 'username', message: '用户名：不能为空' }]);
    const en = await new Client(world, 'en').post('/api/auth/sign-in', { username: 'a', password: 5 });
    expect(en.body.error.fields).toEqual([{ field: 'password', message: 'Password has the wrong type' }]);
    const junk = await world.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(junk.statusCode).toBe(400);
    expect(JSON.parse(junk.body).error.code).toBe('VALIDATION');
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const limited = await openWorld(engine, { SIGNIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await new Client(limited).post('/api/auth/sign-in', { username: 'nobody', password: 'x' })).status);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('sends security headers', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
