import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { makeAccount, makeCounty, makeUnit } from '../../test/factories';
import { signIn, type Client } from '../../test/http';
import { permissionsOf, roles, type Permission, type Role } from './permissions';

/**
 * Input no route may answer with a 500: a multipart body without its boundary or cut off mid-part, and the NUL
 * character (which PostgreSQL text cannot hold) anywhere in a path, a query or a JSON body.
 */
const uuid = '01900000-0000-7000-8000-000000000000';

function storedBlobs(world: TestWorld): number {
  const root = world.config.filesDir;
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true }).filter((f) => !String(f).startsWith('tmp') && fs.statSync(path.join(root, String(f))).isFile()).length;
}

describe.each(engines)('broken input on %s', (engine) => {
  let world: TestWorld;
  const clients = new Map<Role, Client>();
  let unitId = '';

  beforeAll(async () => {
    world = await openWorld(engine);
    const county = await makeCounty(world);
    unitId = (await makeUnit(world, { region: county })).id;
    for (const role of roles) {
      const account = await makeAccount(world, { role, region: ['sysadmin', 'secadmin', 'auditor'].includes(role) ? undefined : county });
      clients.set(role, await signIn(world, account.username, account.password));
    }
  });
  afterAll(async () => world?.close());

  /** A signed-in caller allowed to reach the route, so the request gets as far as its input. */
  function callerFor(permission: string | undefined): Client {
    const role = roles.find((r) => !permission || permissionsOf(r).has(permission as Permission)) ?? 'office_staff';
    return clients.get(role)!;
  }

  async function send(route: { method: string; url: string; permission?: string }, url: string, headers: Record<string, string>, payload?: string | Buffer) {
    const caller = callerFor(route.permission);
    return world.app.inject({
      method: route.method as never, url, payload,
      headers: { cookie: caller.cookie!, 'x-csrf-token': caller.csrf!, 'accept-language': 'zh-CN', ...headers },
    });
  }

  const concrete = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id);

  it('answers a broken multipart body with a 400 on every upload route, and stores nothing', async () => {
    const uploads = world.app.routeTable.filter((r) => r.upload);
    expect(uploads.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/regions/import', '/api/units/import', '/api/inspectors/import', '/api/experts/import', '/api/problems/import', '/api/files', '/api/visits/:id/evidence', '/api/notices/:id/attachments', '/api/rectifications/:id/reports', '/api/filings/:id/files']));
    const filesBefore = await world.platform.database.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const blobsBefore = storedBlobs(world);
    const bodies: [string, Record<string, string>, string][] = [
      ['no boundary', { 'content-type': 'multipart/form-data' }, 'abc'],
      ['cut off mid-part', { 'content-type': 'multipart/form-data; boundary=xyz' },
        '--xyz\r\nContent-Disposition: form-data; name="entityType"\r\n\r\nunit\r\n--xyz\r\nContent-Disposition: form-data; name="entityId"\r\n\r\n' + unitId + '\r\n--xyz\r\nContent-Disposition: form-data; name="clientKey"\r\n\r\nclient-key-1\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\u0003\u0004abc'],
    ];
    for (const route of uploads) {
      for (const [what, headers, payload] of bodies) {
        // A route whose query names where the upload goes gets a valid one, so that the body is what is tested.
        const query = ({ '/api/indicator-frameworks/import': `?regionId=${uuid}&title=x`, '/api/school-statistics/import': '?schoolYear=2020' } as Record<string, string>)[route.url] ?? '';
        const res = await send(route, `${concrete(route.url, uuid)}${query}`, headers, payload);
        // A route that looks its record up first answers 404 for the unknown id; none may fail.
        expect([400, 404], `${route.method} ${route.url} (${what}): ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        if (!route.url.includes(':')) expect(res.json().error.message, `${route.url} (${what})`).toBe('上传内容不完整或格式错误');
      }
    }
    const filesAfter = await world.platform.database.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(filesAfter.n)).toBe(Number(filesBefore.n));
    expect(storedBlobs(world)).toBe(blobsBefore);
  });

  it('refuses NUL in every path parameter with a 400 naming the field, the same on both engines', async () => {
    const withId = world.app.routeTable.filter((r) => r.method === 'GET' && r.url.includes('/:'));
    expect(withId.length).toBeGreaterThan(20);
    for (const route of withId) {
      const res = await send(route, concrete(route.url, '%00'), {});
      expect(res.statusCode, `${route.url}: ${res.body}`).toBe(400);
      expect(res.json().error.message, route.url).toMatch(/不能包含空字符/);
    }
  });

  it('refuses NUL in a query and in any text field of a JSON body, nothing written', async () => {
    const office = clients.get('office_staff')!;
    const q = await office.get('/api/units?q=%00');
    expect(q.status).toBe(400);
    expect(q.body.error.fields[0].field).toBe('q');
    const before = await world.platform.database.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unit = await office.post('/api/units', { name: '测试\u0000学校', kind: 'school' });
    expect(unit.status).toBe(400);
    expect(unit.body.error.message).toBe('名称：不能包含空字符（U+0000）');
    const typeName = await office.post('/api/notice-types', { nameZh: '督办\u0000通知' });
    expect(typeName.status).toBe(400);
    expect(typeName.body.error.fields[0].field).toBe('nameZh');
    office.locale = 'en';
    const en = await office.post('/api/units', { name: 'a\u0000', kind: 'school' });
    office.locale = 'zh-CN';
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/must not contain the NUL character/);
    const after = await world.platform.database.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
