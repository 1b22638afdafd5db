import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { ensureStarterTemplates } from './starter-templates';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('checklist templates on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let office: Client;
  let otherOffice: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    await ensureStarterTemplates(world.platform.database.db, world.clock.now().toISOString());
    county = await makeCounty(world, '检查表县');
    office = await signIn(world, (await makeAccount(world, { region: county })).username, 'Test#Pass2026');
    otherOffice = await signIn(world, (await makeAccount(world)).username, 'Test#Pass2026');
  });
  afterAll(async () => world.close());

  it('ships the starting templates written from the seed, to every office', async () => {
    const list = await otherOffice.get('/api/checklists?pageSize=50');
    expect(list.body.items.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining([
      '开学工作督导检查表（中小学、幼儿园）', '校外培训机构督导检查表', '学校食堂专项治理检查表', '义务教育教师工资待遇落实情况督导检查表', '城镇小区配套幼儿园治理检查表',
    ]));
    const opening = list.body.items.find((c: { code: string }) => c.code === 'semester-opening');
    expect(opening.areas).toEqual(['疫情防控', '课程设置', '安全教育', '其他']);
    // Every process lays them down at start; several starting together still leave one of each.
    const db = world.platform.database.db;
    await Promise.all([1, 2, 3].map(() => db.transaction().execute((trx) => ensureStarterTemplates(trx, world.clock.now().toISOString()))));
    expect((await ensureStarterTemplates(db, world.clock.now().toISOString())).size).toBe(5);
    const perCode = await db.selectFrom('checklist_templates').select(['code', (eb) => eb.fn.countAll<number>().as('n')]).where('region_path', 'is', null).groupBy('code').execute();
    expect(perCode.map((r) => Number(r.n))).toEqual([1, 1, 1, 1, 1]);
    expect((await office.get('/api/checklists?pageSize=50')).body.total).toBe(5);
  });

  it('refuses repeated item keys and empty ranges, naming the item', async () => {
    const res = await office.post('/api/checklists', {
      regionId: county.id, title: '有误的检查表',
      items: [{ key: 'a', area: '甲', text: '一', type: 'yesno' }, { key: 'a', area: '甲', text: '二', type: 'score', min: 5, max: 5 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { field: 'items.1.key', message: '检查项编号 a 重复' },
      { field: 'items.1.max', message: '检查项“二”的取值范围不正确（下限须小于上限）' },
    ]);
  });

  it('keeps an office\'s own template to its subtree, and built-in templates read-only', async () => {
    const own = await office.post('/api/checklists', { regionId: county.id, title: '县级专项检查表', items: [{ key: 'a', area: '甲', text: '一', type: 'yesno' }] });
    expect(own.body).toMatchObject({ version: 1, builtIn: false, abilities: { revise: true } });
    expect((await otherOffice.get(`/api/checklists/${own.body.id}`)).status).toBe(404);
    const builtIn = (await office.get('/api/checklists?q=食堂')).body.items[0];
    expect((await office.get(`/api/checklists/${builtIn.id}`)).body.abilities.revise).toBe(false);
    expect((await office.post(`/api/checklists/${builtIn.id}/versions`, { items: [{ key: 'a', area: '甲', text: '一', type: 'yesno' }] })).status).toBe(403);
  });
});
