import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx, sheetOf } from '../../../test/xlsx';
import { makeProblem, makeRecommendation, makeTarget, makeTask, makeTeam } from '../../../test/supervision-factories';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';

const header = ['问题描述*', '问题领域*', '严重程度', '所属区划代码*', '责任单位', '发现日期*', '整改时限', '问题来源', '发现单位（人）'];

describe.each(engines)('the problem register on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let town: RegionsTable;
  let school: UnitsTable;
  let office: Client;
  let otherOffice: Client;
  let schoolUser: Client;
  let sysadmin: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '问题县');
    town = await makeRegion(world, { parent: county, name: '问题镇' });
    school = await makeUnit(world, { region: town, name: '问题镇中心小学' });
    office = await signIn(world, (await makeAccount(world, { region: county })).username, 'Test#Pass2026');
    otherOffice = await signIn(world, (await makeAccount(world)).username, 'Test#Pass2026');
    schoolUser = await signIn(world, (await makeAccount(world, { role: 'unit_user', unit: school })).username, 'Test#Pass2026');
    sysadmin = await signIn(world, (await makeAccount(world, { role: 'sysadmin' })).username, 'Test#Pass2026');
  });
  afterAll(async () => world.close());

  it('imports the province\'s problem list, or nothing when any row is bad, naming row and column', async () => {
    const bad = await sheetOf(header, [
      ['教师绩效工资发放不及时', '教师队伍建设与待遇', '严重', county.code, null, '2020-11-20', '2021-03-31', '上级反馈', '省督导组'],
      ['', '不存在的领域', '很严重', '999999', '没有这个学校', '2020-13-01', null, '实地督导', null],
      ['教师绩效工资发放不及时', '教师队伍建设与待遇', '很严重', county.code, null, '2020-11-20', '2021-02-30', '上级反馈', '省督导组'],
    ]);
    const refused = await office.upload('/api/problems/import', { file: { name: 'p.xlsx', content: bad } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('IMPORT_INVALID');
    const cells = refused.body.error.rows.map((r: { row: number; column: string }) => `${r.row}${r.column}`);
    expect(cells).toEqual(expect.arrayContaining(['3A', '3B', '3C', '3D', '3F', '3H', '4C', '4G']));
    // Listed as the sheet reads: row by row, and left to right within a row.
    expect(cells.filter((c: string) => ['3A', '3B', '3C', '3D', '3F', '3H', '4C', '4G'].includes(c))).toEqual(['3A', '3B', '3C', '3D', '3F', '3H', '4C', '4G']);
    expect((await office.get('/api/problems?source=higher_feedback')).body.total).toBe(0);

    const good = await sheetOf(header, [
      ['教师绩效工资发放不及时', '教师队伍建设与待遇', '严重', county.code, null, '2020-11-20', '2021-03-31', null, '省督导组'],
      ['校舍安全隐患整改不到位', '校园安全与食品卫生', '一般', town.code, '问题镇中心小学', '2020-11-20', '2021-02-28', '上级反馈', '省督导组'],
    ]);
    const imported = await office.upload('/api/problems/import', { file: { name: 'p.xlsx', content: good } });
    expect(imported.body).toEqual({ imported: 2 });
    const list = await office.get('/api/problems?source=higher_feedback&sort=deadline&order=asc');
    expect(list.body.items.map((p: { description: string }) => p.description)).toEqual(['校舍安全隐患整改不到位', '教师绩效工资发放不及时']);
    expect(list.body.items[0]).toMatchObject({ unit: { name: '问题镇中心小学' }, areaName: '校园安全与食品卫生', severity: 'medium', foundBy: '省督导组' });
  });

  it('exports exactly the rows the filters on screen show', async () => {
    await makeProblem(world, county, { area: 'preschool', description: '小区配套园未移交', unit: school });
    const res = await office.get(`/api/problems/export?area=preschool&unitId=${school.id}`);
    expect(res.status).toBe(200);
    const rows = await readXlsx(res.raw);
    expect(rows[0]).toContain('问题描述');
    expect(rows.slice(1).map((r) => r[6])).toEqual(['小区配套园未移交']);
  });

  it('flags the same problem found again at the same unit, linking the earlier one', async () => {
    const first = await office.post('/api/problems', { source: 'complaint', area: 'conduct', unitId: school.id, description: '违规收取 资料费', foundOn: '2026-03-01' });
    const again = await office.post('/api/problems', { source: 'data_signal', area: 'conduct', unitId: school.id, description: '违规收取资料费。', foundOn: '2026-04-01' });
    expect(again.body.recurringOf).toMatchObject({ id: first.body.id, foundOn: '2026-03-01' });
    const elsewhere = await office.post('/api/problems', { source: 'complaint', area: 'conduct', regionId: town.id, description: '违规收取资料费', foundOn: '2026-04-02' });
    expect(elsewhere.body.recurringOf).toBeNull();
    expect((await office.get('/api/problems?recurring=true')).body.items.map((p: { id: string }) => p.id)).toEqual([again.body.id]);
    const late = await office.post('/api/problems', { source: 'complaint', area: 'conduct', regionId: town.id, description: 'x', foundOn: '2026-04-02', deadline: '2026-04-01' });
    expect(late.body.error.fields[0].field).toBe('deadline');
    const noArea = await office.post('/api/problems', { source: 'complaint', area: 'nowhere', regionId: town.id, description: 'x', foundOn: '2026-04-02' });
    expect(noArea.body.error.fields[0]).toEqual({ field: 'area', message: '问题领域“nowhere”不存在或已停用' });
  });

  it('shows a unit only what is addressed to it, and another county nothing', async () => {
    const mine = await makeProblem(world, town, { unit: school, description: '致学校的问题' });
    const townOnly = await makeProblem(world, town, { description: '致乡镇的问题' });
    const rec = await makeRecommendation(world, town, { unit: school });
    const seen = (await schoolUser.get('/api/problems?pageSize=200')).body.items.map((p: { id: string }) => p.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(townOnly.id);
    expect((await schoolUser.get(`/api/problems/${townOnly.id}`)).status).toBe(404);
    expect((await schoolUser.get('/api/recommendations')).body.items.map((r: { id: string }) => r.id)).toEqual([rec.id]);
    expect((await schoolUser.post('/api/problems', { source: 'self_report', area: 'safety', unitId: school.id, description: 'x', foundOn: '2026-03-01' })).status).toBe(403);
    expect((await otherOffice.get('/api/problems?pageSize=200')).body.total).toBe(0);
    expect((await otherOffice.get(`/api/problems/${mine.id}`)).status).toBe(404);
    expect((await otherOffice.get('/api/problems/export')).raw.length).toBeGreaterThan(0);
    expect((await readXlsx((await otherOffice.get('/api/problems/export')).raw)).length).toBe(1);
  });

  it('counts each problem once however many ways lead to it: its place, its task\'s team, the team\'s targets', async () => {
    // A county office on a city task's team: the task reaches a school in another county.
    const city = await makeRegion(world, { parent: await makeRegion(world), name: '计数市' });
    const home = await makeRegion(world, { parent: city, name: '本县' });
    const away = await makeRegion(world, { parent: city, name: '外县' });
    const homeSchool = await makeUnit(world, { region: home, name: '本县小学' });
    const [target, elsewhere] = [await makeUnit(world, { region: away, name: '外县被督导小学' }), await makeUnit(world, { region: away, name: '外县其他小学' })];
    const staff = await makeAccount(world, { region: home });
    const task = await makeTask(world, city);
    await makeTarget(world, task, { unit: target, team: await makeTeam(world, task, staff.id) });
    await makeTarget(world, task, { unit: homeSchool });
    const seen = [
      await makeProblem(world, home, { unit: homeSchool }), // the place only
      await makeProblem(world, home, { unit: homeSchool, task_id: task.id }), // the place, the task and a target
      await makeProblem(world, away, { unit: target, task_id: task.id }), // the task and a target
      await makeProblem(world, away, { unit: target }), // a target only, with no task
      await makeProblem(world, away, { unit: elsewhere, task_id: task.id }), // the task only
    ];
    await makeProblem(world, away, { unit: elsewhere }); // none of them
    const client = await signIn(world, staff.username, 'Test#Pass2026');
    const list = (await client.get('/api/problems?status=open&pageSize=100')).body;
    expect(list.items.map((p: { id: string }) => p.id).sort()).toEqual(seen.map((p) => p.id).sort());
    expect(list.total).toBe(5);
    expect((await client.get('/api/problems?status=open&pageSize=2')).body.total).toBe(5);
  });

  it('keeps the area dictionary configurable by the system administrator, seeded with seven areas', async () => {
    const areas = await office.get('/api/problem-areas');
    expect(areas.body).toHaveLength(7);
    expect((await office.post('/api/problem-areas', { key: 'funds', nameZh: '资金', nameEn: 'Funds' })).status).toBe(403);
    const added = await sysadmin.post('/api/problem-areas', { key: 'funds', nameZh: '惠民资金落实', nameEn: 'Benefit funds' });
    expect(added.body).toMatchObject({ key: 'funds', active: true, sort: 8 });
    expect((await sysadmin.post('/api/problem-areas', { key: 'funds', nameZh: '重复', nameEn: 'Again' })).status).toBe(409);
    await sysadmin.patch('/api/problem-areas/funds', { active: false });
    const used = await office.post('/api/problems', { source: 'complaint', area: 'funds', regionId: town.id, description: 'x', foundOn: '2026-04-02' });
    expect(used.status).toBe(400);
  });
});
