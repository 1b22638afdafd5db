import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { makeStatistic, primaryFigures, statisticSheet } from '../../../test/balance-factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx } from '../../../test/xlsx';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';

const upload = (content: Buffer) => ({ file: { name: '学年统计.xlsx', content } });

describe.each(engines)('school-year statistics on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let office: Client;
  let otherOffice: Client;
  let leader: Client;
  let schoolA: UnitsTable;
  let schoolB: UnitsTable;
  let outsider: UnitsTable;

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    const city = await makeRegion(world, { parent: province, name: '统计市' });
    county = await makeRegion(world, { parent: city, name: '统计县' });
    const neighbour = await makeRegion(world, { parent: city, name: '邻县' });
    schoolA = await makeUnit(world, { region: county, name: '统计县第一小学' });
    schoolB = await makeUnit(world, { region: county, name: '统计县九年一贯制学校', stage: 'nine_year' });
    outsider = await makeUnit(world, { region: neighbour, name: '邻县小学' });
    const as = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);
    office = await as({ region: county });
    otherOffice = await as({ region: neighbour });
    leader = await as({ role: 'leader', region: city });
  });
  afterAll(async () => world.close());

  const stored = (schoolYear: number) => world.platform.database.db.selectFrom('school_statistics').select(['unit_id', 'figures']).where('school_year', '=', schoolYear).execute();

  it('gives a template in the statistics returns\' headers', async () => {
    const res = await office.get('/api/school-statistics/template');
    expect(res.status).toBe(200);
    const [header] = await readXlsx(res.raw);
    expect(header).toEqual(expect.arrayContaining(['学校标识码*', '小学在校生数（有学籍）', '初中高于规定学历教师数', '教学仪器设备值（元）', '网络多媒体教室数']));
  });

  it('refuses a sheet with a bad row whole, naming the row and column, and stores nothing', async () => {
    const res = await office.request('POST', '/api/school-statistics/import?schoolYear=2020', undefined, {
      upload: upload(await statisticSheet([
        [schoolA.school_code, schoolA.name, 300, 20, 9000, 650000, null],
        [schoolB.school_code, schoolB.name, 500, '二十', 12000, null, 80],
        [outsider.school_code, outsider.name, 200, 10, 5000, 100000, null],
        ['2151999999', '不存在的学校', 0, 5, 100, null, null],
      ])),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const cells = res.body.error.rows.map((r: { row: number; column: string; message: string }) => `${r.row}${r.column}:${r.message}`);
    expect(cells).toEqual([
      '3D:“二十”应为不小于 0 的整数',
      `4A:学校标识码 ${outsider.school_code} 不存在或不在您的管辖范围内`,
      '5A:学校标识码 2151999999 不存在或不在您的管辖范围内',
      '5C:在校生数合计为 0，无法计算生均指标',
    ]);
    expect(await stored(2020)).toHaveLength(0);
  });

  it('imports a year, reads 万元 as 元 exactly, replaces a school reported again, and keeps other years', async () => {
    await makeStatistic(world, schoolA, 2019, primaryFigures({ books: '7000' }));
    const first = await office.request('POST', '/api/school-statistics/import?schoolYear=2020', undefined, {
      upload: upload(await statisticSheet([[schoolA.school_code, schoolA.name, 300, 20, 9000, 650000, null], [schoolB.school_code, schoolB.name, 500, 30, 12000, null, '80.125']])),
    });
    expect(first.body).toEqual({ imported: 2, replaced: 0 });
    const again = await office.request('POST', '/api/school-statistics/import?schoolYear=2020', undefined, {
      upload: upload(await statisticSheet([[schoolA.school_code, schoolA.name, 310, 20, 9500, 650000, null]])),
    });
    expect(again.body).toEqual({ imported: 1, replaced: 1 });
    const year = new Map((await stored(2020)).map((r) => [r.unit_id, JSON.parse(r.figures)]));
    expect(year.get(schoolA.id)).toMatchObject({ studentsPrimary: '310', books: '9500' });
    expect(year.get(schoolB.id)).toMatchObject({ studentsPrimary: '500', fullTimePrimary: '30', equipmentValue: '801250' });
    expect(JSON.parse((await stored(2019))[0].figures)).toMatchObject({ books: '7000' });
    const audit = await world.platform.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'school_statistic.import').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].detail as string).replaced).toEqual([{ unitId: schoolA.id, before: expect.objectContaining({ books: '9000' }) }]);
  });

  it('lists a year within the scope, with what each caller may do', async () => {
    await makeStatistic(world, outsider, 2020);
    const own = (await office.get('/api/school-statistics?schoolYear=2020')).body;
    expect(own.items.map((i: { unitName: string }) => i.unitName).sort()).toEqual([schoolB.name, schoolA.name].sort());
    expect(own.items[0].abilities).toEqual({ correct: true });
    const city = (await leader.get('/api/school-statistics?schoolYear=2020')).body;
    expect(city.total).toBe(3);
    expect(city.items.every((i: { abilities: { correct: boolean } }) => !i.abilities.correct)).toBe(true);
    const neighbour = (await otherOffice.get(`/api/school-statistics?schoolYear=2020&regionId=${county.id}`));
    expect(neighbour.status).toBe(400);
  });

  it('corrects a school\'s figures in the browser, audited with before and after; a wrong figure is named', async () => {
    const { items } = (await office.get(`/api/school-statistics?schoolYear=2020&q=${schoolA.school_code}`)).body;
    const id = items[0].id;
    const bad = await office.request('PUT', `/api/school-statistics/${id}`, { figures: { books: '-3', computers: '1.5' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['figures.books', 'figures.computers']);
    const res = await office.request('PUT', `/api/school-statistics/${id}`, { figures: { books: '9600', studentsSenior: '', computers: '' } });
    expect(res.status).toBe(200);
    expect(res.body.figures.books).toBe('9600');
    expect(res.body.figures.computers).toBeUndefined();
    const audit = await world.platform.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'school_statistic.correct').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail as string).changed).toEqual({ books: { before: '9500', after: '9600' } });
    expect((await otherOffice.request('PUT', `/api/school-statistics/${id}`, { figures: { books: '1' } })).status).toBe(404);
    expect((await leader.request('PUT', `/api/school-statistics/${id}`, { figures: { books: '1' } })).status).toBe(403);
  });
});
