import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { makeStatistic, primaryFigures } from '../../../test/balance-factories';
import { signIn, type Client } from '../../../test/http';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';

interface ReportSchool { unitId: string; name: string; passed: boolean | null; values: { indicator: string; value: string; met: boolean | null; gap: string | null }[]; reasons: string[] }
interface ReportStage { stage: string; outcome: string; verdict: string[]; indicators: { id: string; mean: string; cv: string | null; cvMet: boolean | null }[]; schools: ReportSchool[] }

describe.each(engines)('a county\'s balanced-development assessment on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let county: RegionsTable;
  let booksCounty: RegionsTable;
  let office: Client;
  let neighbourOffice: Client;
  let leader: Client;
  let provinceOffice: Client;
  let province: RegionsTable;
  let good: UnitsTable;
  let short: UnitsTable;

  beforeAll(async () => {
    world = await openWorld(engine);
    province = await makeRegion(world, { level: 'province', name: '评估省' });
    city = await makeRegion(world, { parent: province, level: 'city', name: '评估市' });
    county = await makeRegion(world, { parent: city, name: '评估县' });
    booksCounty = await makeRegion(world, { parent: city, name: '图书县' });
    const neighbour = await makeRegion(world, { parent: city, name: '邻县' });
    good = await makeUnit(world, { region: county, name: '评估县第一小学' });
    const large = await makeUnit(world, { region: county, name: '评估县第二小学' });
    short = await makeUnit(world, { region: county, name: '评估县第三小学' });
    const special = await makeUnit(world, { region: county, name: '评估县特殊教育学校', stage: 'special' });
    await makeStatistic(world, good, 2020);
    await makeStatistic(world, large, 2020, primaryFigures({ studentsPrimary: '600', aboveQualifiedPrimary: '30', backbonePrimary: '8', peTeachersPrimary: '2', musicTeachersPrimary: '2', artTeachersPrimary: '2', teachingAuxArea: '3000', indoorSportsRoomArea: '200', sportsGroundArea: '4800', equipmentValue: '1300000', multimediaRooms: '16' }));
    // 2 backbone teachers for 300 students: 0.67 per hundred, under 85 % of the standard 1
    await makeStatistic(world, short, 2020, primaryFigures({ backbonePrimary: '2' }));
    await makeStatistic(world, special, 2020, primaryFigures());
    await makeStatistic(world, good, 2019, primaryFigures());
    // domain rules §1.3: books per student in five primary schools, the other figures alike
    for (const [students, books] of [[45, 279], [37, 137], [89, 935], [76, 160], [55, 402]]) {
      const school = await makeUnit(world, { region: booksCounty });
      await makeStatistic(world, school, 2020, primaryFigures({ studentsPrimary: String(students), books: String(books), intermediateTitlePrimary: '5' }));
    }
    const as = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);
    office = await as({ region: county });
    neighbourOffice = await as({ region: neighbour });
    leader = await as({ role: 'leader', region: city });
    provinceOffice = await as({ region: province });
  });
  afterAll(async () => world.close());

  const query = (region: RegionsTable, extra = '') => `regionId=${region.id}&schoolYear=2020${extra}`;
  const primary = (body: { stages: ReportStage[] }) => body.stages.find((s) => s.stage === 'primary')!;

  it('shows each school\'s values, a failing school with its reason and gap, the county verdict, and who is not counted', async () => {
    const res = await office.get(`/api/balance/assessment?${query(county)}`);
    expect(res.status).toBe(200);
    expect(res.body.standard).toMatchObject({ id: 'quality2017', document: '教督〔2017〕6号' });
    const stage = primary(res.body);
    expect(stage.schools.map((s) => s.name).sort()).toEqual(['评估县第一小学', '评估县第二小学', '评估县第三小学'].sort());
    const failing = stage.schools.find((s) => s.unitId === short.id)!;
    expect(failing.passed).toBe(false);
    expect(failing.values.find((v) => v.indicator === 'Q2')).toMatchObject({ value: '0.67', met: false, gap: '1' });
    expect(failing.reasons.join('')).toContain('低于标准的 85%');
    expect(stage.schools.find((s) => s.unitId === good.id)!.passed).toBe(true);
    expect(stage.outcome).toBe('notMet');
    expect(stage.verdict.join('')).toContain('评估县第三小学');
    expect(res.body.outcome).toBe('notMet');
    expect(res.body.excluded.map((x: { reason: string }) => x.reason)).toEqual(['评估县特殊教育学校为特殊教育学校，不纳入计算']);
    expect(res.body.abilities).toEqual({ raiseProblems: true });
  });

  it('weights the coefficient by students: the official books example gives 0.515 under 基本均衡', async () => {
    const res = await office.get(`/api/balance/assessment?${query(booksCounty, '&standard=basic2012')}`);
    expect(res.status).toBe(400);
    const city = await leader.get(`/api/balance/assessment?${query(booksCounty, '&standard=basic2012')}`);
    expect(city.status).toBe(200);
    const books = primary(city.body).indicators.find((i) => i.id === 'B5')!;
    expect(books).toMatchObject({ mean: '6.33', cv: '0.515' });
    expect(city.body.abilities).toEqual({ raiseProblems: false });
  });

  it('moves the verdict in a what-if without saving anything', async () => {
    const res = await office.post('/api/balance/assessment/what-if', { regionId: county.id, schoolYear: 2020, changes: { [short.id]: { backbonePrimary: '3' } } });
    expect(res.status).toBe(200);
    expect(primary(res.body).schools.find((s) => s.unitId === short.id)!.passed).toBe(true);
    expect(primary(res.body).outcome).toBe('met');
    const again = await office.get(`/api/balance/assessment?${query(county)}`);
    expect(primary(again.body).schools.find((s) => s.unitId === short.id)!.passed).toBe(false);
    const bad = await office.post('/api/balance/assessment/what-if', { regionId: county.id, schoolYear: 2020, changes: { [short.id]: { backbonePrimary: '两' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe(`changes.${short.id}.figures.backbonePrimary`);
  });

  it('exports the county table with failing cells marked, as .xlsx and as PDF', async () => {
    const res = await office.get(`/api/balance/assessment/export?${query(county)}`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('评估县2020—2021学年义务教育优质均衡发展评估.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('小学')!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const header = rows[1].values as unknown[];
    const q2 = header.findIndex((v) => String(v).startsWith('Q2'));
    const shortRow = rows.find((r) => String(r.getCell(2).value).startsWith('评估县第三小学'))!;
    expect(shortRow.getCell(q2).value).toBe('0.67');
    expect((shortRow.getCell(q2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const goodRow = rows.find((r) => String(r.getCell(2).value).startsWith('评估县第一小学'))!;
    expect((goodRow.getCell(q2).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    expect(rows.some((r) => r.getCell(2).value === '差异系数')).toBe(true);
    const findings: string[] = [];
    wb.getWorksheet('评估结论')!.eachRow((r) => findings.push(String(r.getCell(1).value)));
    expect(findings.join('\n')).toContain('评估县第三小学');

    const pdf = await office.get(`/api/balance/assessment/export?${query(county, '&format=pdf')}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('turns a failing school into a problem once, and refuses a school that passes', async () => {
    const res = await office.post('/api/balance/assessment/problems', { regionId: county.id, schoolYear: 2020, unitIds: [short.id] });
    expect(res.body).toEqual({ created: 1, skipped: 0 });
    expect((await office.post('/api/balance/assessment/problems', { regionId: county.id, schoolYear: 2020, unitIds: [short.id], county: true })).body).toEqual({ created: 1, skipped: 1 });
    const problems = (await office.get(`/api/problems?unitId=${short.id}`)).body.items;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: 'data_signal', area: 'compulsory' });
    const detail = (await office.get(`/api/problems/${problems[0].id}`)).body;
    expect(detail.description).toMatch(/^2020—2021学年义务教育优质均衡发展评估：评估县第三小学/);
    const passing = await office.post('/api/balance/assessment/problems', { regionId: county.id, schoolYear: 2020, unitIds: [good.id] });
    expect(passing.status).toBe(400);
    expect(passing.body.error.fields[0].field).toBe('unitIds');
    expect((await leader.post('/api/balance/assessment/problems', { regionId: county.id, schoolYear: 2020, unitIds: [short.id] })).status).toBe(403);
  });

  it('refuses a county outside the scope and a region that is not a county', async () => {
    const outside = await neighbourOffice.get(`/api/balance/assessment?${query(county)}`);
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].field).toBe('regionId');
    const notCounty = await leader.get(`/api/balance/assessment?${query(city)}`);
    expect(notCounty.status).toBe(400);
    expect(notCounty.body.error.fields[0].message).toContain('县级');
  });

  it('sets a city\'s counties side by side over the school years on record', async () => {
    const res = await leader.get(`/api/balance/comparison?regionId=${city.id}`);
    expect(res.status).toBe(200);
    expect(res.body.schoolYears).toEqual([2020, 2019]);
    const assessed = res.body.counties.find((c: { id: string }) => c.id === county.id);
    expect(assessed.years.map((y: { schoolYear: number }) => y.schoolYear)).toEqual([2020, 2019]);
    expect(assessed.years[0]).toMatchObject({ outcome: 'notMet', schools: 4, failingSchools: 1 });
    expect(assessed.years[1]).toMatchObject({ outcome: 'met', schools: 1, failingSchools: 0 });
    const books = res.body.counties.find((c: { id: string }) => c.id === booksCounty.id);
    expect(books.years).toHaveLength(1);
    expect(res.body.counties.find((c: { name: string }) => c.name === '邻县').years).toEqual([]);
  });

  it('assesses a county by its province\'s own rule values, which only the province\'s office sets', async () => {
    const own = await office.get(`/api/balance/rules?regionId=${county.id}`);
    expect(own.body).toMatchObject({ province: { name: '评估省' }, adjusted: false, abilities: { edit: false } });
    expect(own.body.values.thresholds.Q1).toEqual({ primary: '4.2', junior: '5.3' });
    expect((await office.request('PUT', '/api/balance/rules', { regionId: county.id, standard: 'quality2017', values: own.body.values })).status).toBe(403);

    const values = { ...own.body.values, thresholds: { ...own.body.values.thresholds, Q1: { primary: 'abc', junior: '5.3' } } };
    const bad = await provinceOffice.request('PUT', '/api/balance/rules', { regionId: province.id, standard: 'quality2017', values });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('values.thresholds.Q1.primary');

    // 15 above-qualified teachers for 300 students are 5 per hundred: under 85 % of a standard of 6
    values.thresholds.Q1.primary = '6';
    const saved = await provinceOffice.request('PUT', '/api/balance/rules', { regionId: province.id, standard: 'quality2017', values });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ adjusted: true, abilities: { edit: true } });
    const report = (await office.get(`/api/balance/assessment?${query(county)}`)).body;
    expect(report.standard.adjustedBy).toBe('评估省');
    const school = primary(report).schools.find((s) => s.unitId === good.id)!;
    expect(school.passed).toBe(false);
    expect(school.values.find((v) => v.indicator === 'Q1')).toMatchObject({ value: '5.00', met: false });
    const audit = await world.platform.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'balance_rules.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail as string).after.thresholds.Q1.primary).toBe('6');

    await provinceOffice.request('PUT', '/api/balance/rules', { regionId: province.id, standard: 'quality2017', values: own.body.national });
    expect(primary((await office.get(`/api/balance/assessment?${query(county)}`)).body).schools.find((s) => s.unitId === good.id)!.passed).toBe(true);
  });
});
