import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx, sheetOf } from '../../../test/xlsx';
import type { RegionsTable } from '../../platform/db/schema';
import { ensureStarterFramework, starterTitle } from './starter-framework';

const xlsx = (content: Buffer) => ({ file: { name: '指标体系.xlsx', content } });
const sheetHeader = ['指标编码*', '上级编码', '指标名称*', '分值*', '评分方式', '等级分值', '汇总方式', '否决项'];

// A small framework out of 20: one area summed from a yes/no veto item and a graded item.
const small = (regionId: string, title: string, over: Record<string, unknown> = {}) => ({
  regionId, title, totalPoints: '20',
  nodes: [
    { code: '1', name: '教育保障', maxPoints: '20', aggregation: 'weightedSum' },
    { code: '1.1', parentCode: '1', name: '教师工资', maxPoints: '12', scoring: 'yesNo', veto: true },
    { code: '1.2', parentCode: '1', name: '校舍安全', maxPoints: '8', scoring: 'graded', levels: [{ tier: 'A', points: '8' }, { tier: 'B', points: '6' }, { tier: 'D', points: '0' }] },
  ] as Record<string, unknown>[],
  rules: {
    grades: [{ grade: '优秀', minPoints: '18' }, { grade: '合格', minPoints: '12' }, { grade: '不合格', minPoints: '0' }],
    downgrades: [{ event: 'falsification', label: '弄虚作假' }], caps: [], vetoes: [], credibility: null,
  },
  ...over,
});

describe.each(engines)('indicator frameworks on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let county: RegionsTable;
  let cityOffice: Client;
  let countyOffice: Client;
  let otherOffice: Client;
  let leader: Client;
  let builtInId: string;

  beforeAll(async () => {
    world = await openWorld(engine);
    builtInId = await ensureStarterFramework(world.platform.database.db, world.clock.now().toISOString());
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '评价市' });
    county = await makeRegion(world, { parent: city, name: '评价县' });
    const as = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);
    cityOffice = await as({ region: city });
    countyOffice = await as({ region: county });
    otherOffice = await as({});
    leader = await as({ role: 'leader', region: city });
  });
  afterAll(async () => world.close());

  it('ships the national six areas adapted to a county, out of 100, to every office, frozen', async () => {
    const again = await ensureStarterFramework(world.platform.database.db, world.clock.now().toISOString());
    expect(again).toBe(builtInId);
    const detail = (await otherOffice.get(`/api/indicator-frameworks/${builtInId}`)).body;
    expect(detail).toMatchObject({ title: starterTitle, status: 'published', builtIn: true, totalPoints: '100.00', abilities: { edit: false, publish: false, newVersion: false, copy: true } });
    const top = detail.nodes.filter((n: { depth: number }) => n.depth === 1);
    expect(top.map((n: { name: string }) => n.name)).toEqual([
      '贯彻执行党的教育方针情况', '落实教育法律、法规、规章和政策情况', '各级各类教育发展情况', '统筹推进本行政区域教育工作情况', '加强教育保障情况', '学校规范办学行为情况',
    ]);
    expect(detail.nodes.find((n: { code: string }) => n.code === '3.1.1')).toMatchObject({ depth: 3, scoring: 'formula', threshold: '0.90', numerator: 'kindergartenPupils' });
    expect(detail.rules.grades.map((g: { grade: string; minPoints: string }) => `${g.grade}≥${g.minPoints}`)).toEqual(['优秀≥90.00', '良好≥80.00', '合格≥65.00', '不合格≥0.00']);
    expect(detail.rules.caps[0]).toEqual({ event: 'd-class-buildings', label: '仍有师生使用D级危房', best: '良好' });
    expect(detail.numberKeys).toContain('bigClasses');
    expect((await cityOffice.put(`/api/indicator-frameworks/${builtInId}`, small(city.id, 'x'))).status).toBe(409);
  });

  it('refuses children whose points do not add up, naming the indicator, and saves nothing', async () => {
    const bad = small(city.id, '不平衡的体系');
    bad.nodes[2] = { ...bad.nodes[2], maxPoints: '7', levels: [{ tier: 'A', points: '7' }, { tier: 'D', points: '0' }] };
    const res = await cityOffice.post('/api/indicator-frameworks', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'nodes.0.maxPoints', message: '指标 1 教育保障 的下级指标分值合计 19.00 分，应等于其分值 20.00 分' }]);
    const totals = await cityOffice.post('/api/indicator-frameworks', small(city.id, '总分不符', { totalPoints: '100' }));
    expect(totals.body.error.fields).toEqual([{ field: 'totalPoints', message: '一级指标分值合计 20.00 分，应等于总分 100.00 分' }]);
    const unknownParent = small(city.id, '上级不存在');
    unknownParent.nodes[1] = { ...unknownParent.nodes[1], parentCode: '9' };
    expect((await cityOffice.post('/api/indicator-frameworks', unknownParent)).body.error.fields[0]).toEqual({ field: 'nodes.1.parentCode', message: '指标 1.1 的上级编码 9 不存在' });
    const en = await signIn(world, (await makeAccount(world, { region: city })).username, TEST_PASSWORD, 'en');
    expect((await en.post('/api/indicator-frameworks', bad)).body.error.fields[0].message).toBe('The sub-indicators of 1 教育保障 add up to 19.00; they must add up to its 20.00');
    expect((await cityOffice.get('/api/indicator-frameworks?q=体系&pageSize=50')).body.items.map((f: { title: string }) => f.title)).not.toContain('不平衡的体系');
  });

  it('freezes a published version; a new version is a copy, one draft at a time; the county reads the city\'s published versions only', async () => {
    const draft = await cityOffice.post('/api/indicator-frameworks', small(city.id, '市对县履职评价指标体系'));
    expect(draft.body).toMatchObject({ version: 1, status: 'draft', abilities: { edit: true, publish: true, newVersion: false } });
    const id = draft.body.id;
    expect((await countyOffice.get(`/api/indicator-frameworks/${id}`)).status).toBe(404);
    const edited = await cityOffice.put(`/api/indicator-frameworks/${id}`, small(city.id, '市对县履职评价指标体系（2020年）'));
    expect(edited.body.title).toBe('市对县履职评价指标体系（2020年）');
    expect((await leader.get(`/api/indicator-frameworks/${id}`)).body.abilities.publish).toBe(false);
    expect((await leader.post(`/api/indicator-frameworks/${id}/publish`)).status).toBe(403);
    expect((await countyOffice.post(`/api/indicator-frameworks/${id}/publish`)).status).toBe(404);
    expect((await cityOffice.post(`/api/indicator-frameworks/${id}/versions`)).status).toBe(409);
    expect((await cityOffice.post(`/api/indicator-frameworks/${id}/publish`)).body).toMatchObject({ status: 'published', abilities: { edit: false, newVersion: true } });

    const frozen = await cityOffice.put(`/api/indicator-frameworks/${id}`, small(city.id, '改已发布的'));
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toBe('第 1 版已发布，不能修改；请新建版本');
    // Published above: the county reads it and may copy it, never change it.
    expect((await countyOffice.get(`/api/indicator-frameworks/${id}`)).body.abilities).toEqual({ edit: false, publish: false, newVersion: false, copy: true });
    expect((await otherOffice.get(`/api/indicator-frameworks/${id}`)).status).toBe(404);

    const v2 = await cityOffice.post(`/api/indicator-frameworks/${id}/versions`);
    expect(v2.body).toMatchObject({ version: 2, status: 'draft', family: draft.body.family, title: '市对县履职评价指标体系（2020年）' });
    expect(v2.body.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['2:draft', '1:published']);
    expect((await cityOffice.post(`/api/indicator-frameworks/${id}/versions`)).status).toBe(409);
    const changed = small(city.id, '市对县履职评价指标体系（2021年）');
    changed.nodes[2] = { ...changed.nodes[2], guidance: '以住建部门鉴定为准' };
    await cityOffice.put(`/api/indicator-frameworks/${v2.body.id}`, changed);
    // The county does not see the draft; version 1 is as it was.
    expect((await countyOffice.get(`/api/indicator-frameworks/${v2.body.id}`)).status).toBe(404);
    const v1 = (await cityOffice.get(`/api/indicator-frameworks/${id}`)).body;
    expect(v1.title).toBe('市对县履职评价指标体系（2020年）');
    expect(v1.nodes[2].guidance).toBeNull();

    const copy = await countyOffice.post(`/api/indicator-frameworks/${id}/copies`, { regionId: county.id, title: '县对乡镇评价指标体系' });
    expect(copy.body).toMatchObject({ version: 1, status: 'draft', regionName: '评价县', abilities: { edit: true } });
    expect(copy.body.family).not.toBe(draft.body.family);
    const upward = await countyOffice.post(`/api/indicator-frameworks/${id}/copies`, { regionId: city.id, title: '复制到上级' });
    expect(upward.body.error.fields).toEqual([{ field: 'regionId', message: '所选区划不在您的管辖范围内' }]);
  });

  it('exports a framework as one row per indicator and imports it back unchanged', async () => {
    const exported = await cityOffice.get(`/api/indicator-frameworks/${builtInId}/export`);
    expect(exported.status).toBe(200);
    const rows = await readXlsx(exported.raw);
    expect(rows[0].slice(0, 5)).toEqual(['指标编码*', '上级编码', '指标名称*', '分值*', '评分方式']);
    expect(rows.find((r) => r[0] === '3.2.1')?.slice(0, 5)).toEqual(['3.2.1', '3.2', '56 人以上大班额比例（不高于 5%）', '5.00', '公式']);
    const imported = await cityOffice.upload(`/api/indicator-frameworks/import?regionId=${city.id}&title=${encodeURIComponent('导入的体系')}`, xlsx(exported.raw));
    expect(imported.status).toBe(200);
    const original = (await cityOffice.get(`/api/indicator-frameworks/${builtInId}`)).body;
    expect(imported.body).toMatchObject({ status: 'draft', totalPoints: '100.00', title: '导入的体系' });
    expect(imported.body.nodes).toEqual(original.nodes);
  });

  it('names the row and column of every bad cell of an import and imports nothing', async () => {
    const before = (await cityOffice.get('/api/indicator-frameworks?pageSize=100')).body.total;
    const sheet = await sheetOf(sheetHeader, [
      ['1', null, '教育保障', '20', null, null, '求和', null],
      ['1.1', '1', '教师工资', '12', '是否', null, null, '是'],
      ['1.2', '9', '校舍安全', '8', '等级', 'A=8;D=0', null, null],
      ['1.3', '1', '规范办学', '八', '打分', null, null, null],
    ]);
    const res = await cityOffice.upload(`/api/indicator-frameworks/import?regionId=${city.id}&title=x`, xlsx(sheet));
    expect(res.status).toBe(400);
    expect(res.body.error.rows).toEqual([
      { row: 5, column: 'D', header: '分值', message: '格式不正确' },
      { row: 5, column: 'E', header: '评分方式', message: '“打分”不是可选的值' },
    ]);
    const second = await cityOffice.upload(`/api/indicator-frameworks/import?regionId=${city.id}&title=x`, xlsx(await sheetOf(sheetHeader, [
      ['1', null, '教育保障', '20', null, null, '求和', null],
      ['1.1', '1', '教师工资', '12', '是否', null, null, '是'],
      ['1.2', '9', '校舍安全', '8', '等级', 'A=8;D=0', null, null],
    ])));
    expect(second.body.error.rows).toEqual([{ row: 4, column: 'B', header: '上级编码', message: '指标 1.2 的上级编码 9 不存在' }]);
    expect((await cityOffice.get('/api/indicator-frameworks?pageSize=100')).body.total).toBe(before);
  });

  it('replaces a draft\'s indicators from a sheet only when they still add up to its total', async () => {
    const draft = (await cityOffice.post('/api/indicator-frameworks', small(city.id, '待导入的草稿'))).body;
    const short = await cityOffice.upload(`/api/indicator-frameworks/${draft.id}/import`, xlsx(await sheetOf(sheetHeader, [
      ['A', null, '新的一级指标', '15', '手动评分', null, null, null],
    ])));
    expect(short.body.error.rows).toEqual([{ row: 2, column: 'D', header: '分值', message: '一级指标分值合计 15.00 分，应等于总分 20.00 分' }]);
    const ok = await cityOffice.upload(`/api/indicator-frameworks/${draft.id}/import`, xlsx(await sheetOf(sheetHeader, [
      ['A', null, '新的一级指标', '12', '手动评分', null, null, null],
      ['B', null, '另一项', '8', '是否', null, null, null],
    ])));
    expect(ok.body.nodes.map((n: { code: string; maxPoints: string }) => `${n.code}=${n.maxPoints}`)).toEqual(['A=12.00', 'B=8.00']);
  });
});
