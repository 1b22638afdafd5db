import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion } from '../../../test/factories';
import { makeInspector, makeTerm } from '../../../test/people-factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx, sheetOf } from '../../../test/xlsx';
import type { RegionsTable } from '../../platform/db/schema';

const header = ['姓名*', '性别', '身份证号码', '手机号', '督学级别*', '专兼职*', '工作单位', '职务职称', '专业特长', '聘任区划代码*', '届次', '聘任机关', '聘期开始', '聘期结束', '聘书编号'];
const fieldsOf = (body: { error: { fields: { field: string; message: string }[] } }) => Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));

describe.each(engines)('inspectors on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let town: RegionsTable;
  let otherCounty: RegionsTable;
  let office: Client;
  let officeEn: Client;
  let leader: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '甲区');
    town = await makeRegion(world, { parent: county, name: '甲镇' });
    otherCounty = await makeCounty(world, '乙县');
    const staff = await makeAccount(world, { role: 'office_staff', region: county });
    office = await signIn(world, staff.username, staff.password);
    officeEn = await signIn(world, staff.username, staff.password, 'en');
    const lead = await makeAccount(world, { role: 'leader', region: county });
    leader = await signIn(world, lead.username, lead.password);
  });
  afterAll(async () => world.close());

  const db = () => world.platform.database.db;

  it('registers an inspector with personal numbers masked everywhere but the audited full read', async () => {
    const res = await office.post('/api/inspectors', {
      name: '王督学', gender: 'male', idNumber: '511902198001010016', phone: '13812345678', level: 'city', employment: 'part_time',
      employer: '甲区实验小学', jobTitle: '校长、高级教师', specialties: ['学校管理', '小学教育'], regionId: county.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '王督学', phoneMasked: '138****5678', idNumberMasked: '511***********0016', status: 'pending', abilities: { update: true, readPersonal: true } });
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
    const list = await office.get('/api/inspectors?q=王督学');
    expect(list.body.items[0].phoneMasked).toBe('138****5678');
    expect(JSON.stringify(list.body)).not.toContain('511902198001010016');
    const created = await db().selectFrom('audit_log').select('detail').where('action', '=', 'inspector.create').where('entity_id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(created.detail).not.toContain('13812345678');

    const full = await office.post(`/api/inspectors/${res.body.id}/personal`);
    expect(full.body).toEqual({ phone: '13812345678', idNumber: '511902198001010016' });
    const read = await db().selectFrom('audit_log').selectAll().where('action', '=', 'inspector.read_personal').where('entity_id', '=', res.body.id).execute();
    expect(read).toHaveLength(1);
    expect((await leader.post(`/api/inspectors/${res.body.id}/personal`)).status).toBe(403);
    const moved = await office.patch(`/api/inspectors/${res.body.id}`, { employer: '甲区第二小学' });
    expect(moved.body).toMatchObject({ employer: '甲区第二小学', specialties: ['学校管理', '小学教育'], phoneMasked: '138****5678' });
    expect((await leader.get(`/api/inspectors/${res.body.id}`)).body.abilities).toMatchObject({ update: false, readPersonal: false });
  });

  it('refuses a wrong ID check digit and a second person with the same ID number', async () => {
    const bad = await office.post('/api/inspectors', { name: '错号', idNumber: '511902198001010017', level: 'county', employment: 'part_time', regionId: county.id });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).idNumber).toBe('身份证号码校验位不正确');
    const dup = await office.post('/api/inspectors', { name: '重号', idNumber: '511902198001010016', level: 'county', employment: 'part_time', regionId: county.id });
    expect(dup.status).toBe(409);
    expect(fieldsOf(dup.body).idNumber).toBe('该身份证号码已登记');
  });

  it('keeps the term rules: order, three years, no overlap, three part-time terms — in both languages', async () => {
    const person = await makeInspector(world, { region: county, employment: 'part_time' });
    const url = `/api/inspectors/${person.id}/terms`;
    const first = await office.post(url, { termNumber: 2, authority: '甲区人民政府', startDate: '2017-06-01', endDate: '2020-05-31', certificateNo: 'JQ-2017-001' });
    expect(first.status).toBe(200);

    const overlap = await office.post(url, { termNumber: 3, authority: '甲区人民政府', startDate: '2020-05-01', endDate: '2023-04-30' });
    expect(overlap.status).toBe(400);
    expect(fieldsOf(overlap.body).startDate).toBe('与该督学第 2 届聘期（2017-06-01 至 2020-05-31）重叠');
    const overlapEn = await officeEn.post(url, { termNumber: 3, authority: '甲区人民政府', startDate: '2020-05-01', endDate: '2023-04-30' });
    expect(fieldsOf(overlapEn.body).startDate).toBe("Overlaps this inspector's term 2 (2017-06-01 to 2020-05-31)");

    const tooLong = await office.post(url, { termNumber: 3, authority: '甲区人民政府', startDate: '2020-06-01', endDate: '2023-06-01' });
    expect(fieldsOf(tooLong.body).endDate).toBe('每届聘期不超过 3 年（最晚至 2023-05-31）');
    const backwards = await officeEn.post(url, { termNumber: 3, authority: 'x', startDate: '2020-06-01', endDate: '2020-01-01' });
    expect(fieldsOf(backwards.body).endDate).toBe('The term must end after it starts');
    const notADate = await office.post(url, { termNumber: 3, authority: 'x', startDate: '2021-02-29', endDate: '2023-01-01' });
    expect(fieldsOf(notADate.body).startDate).toBe('开始日期：格式不正确');
    const certTaken = await office.post(url, { termNumber: 3, authority: '甲区人民政府', startDate: '2020-06-01', endDate: '2023-05-31', certificateNo: 'JQ-2017-001' });
    expect(certTaken.status).toBe(409);
    expect(fieldsOf(certTaken.body).certificateNo).toBe('聘书编号已被使用');

    expect((await office.post(url, { termNumber: 3, authority: '甲区人民政府', startDate: '2020-06-01', endDate: '2023-05-31' })).status).toBe(200);
    expect((await office.post(url, { termNumber: 4, authority: '甲区人民政府', startDate: '2023-06-01', endDate: '2026-05-31' })).status).toBe(200);
    const fourth = await office.post(url, { termNumber: 5, authority: '甲区人民政府', startDate: '2026-06-01', endDate: '2029-05-31' });
    expect(fourth.status).toBe(400);
    expect(fieldsOf(fourth.body).terms).toBe('兼职督学连续聘任一般不超过 3 届，该督学将连续聘任第 2 至 5 届（共 4 届）');
    const fourthEn = await officeEn.post(url, { termNumber: 5, authority: '甲区人民政府', startDate: '2026-06-01', endDate: '2029-05-31' });
    expect(fieldsOf(fourthEn.body).terms).toBe('A part-time inspector serves at most 3 consecutive terms; this would make terms 2 to 5 in a row (4)');

    const detail = await office.get(`/api/inspectors/${person.id}`);
    expect(detail.body.status).toBe('serving');
    expect(detail.body.currentTerm).toMatchObject({ termNumber: 4, endDate: '2026-05-31' });
    expect(detail.body.terms.map((t: { termNumber: number }) => t.termNumber)).toEqual([4, 3, 2]);

    const moveOnto = await office.patch(`/api/inspectors/${person.id}/terms/${first.body.id}`, { endDate: '2020-07-01' });
    expect(moveOnto.status).toBe(400);
    expect(fieldsOf(moveOnto.body).startDate).toContain('第 3 届');
  });

  it('counts consecutive part-time terms only: a 届 without appointment starts the count again', async () => {
    // Three separate terms over 14 years (the 2nd, 4th and 6th 届 of three years each).
    const returning = await makeInspector(world, { region: county, employment: 'part_time' });
    for (const [n, start, end] of [[2, '2011-06-01', '2014-05-31'], [4, '2017-06-01', '2020-05-31'], [6, '2023-06-01', '2026-05-31']] as const) {
      await makeTerm(world, returning, { term_number: n, start_date: start, end_date: end });
    }
    const again = await office.post(`/api/inspectors/${returning.id}/terms`, { termNumber: 7, authority: '甲区人民政府', startDate: '2026-06-01', endDate: '2029-05-31' });
    expect(again.status).toBe(200);

    const steady = await makeInspector(world, { region: county, employment: 'part_time' });
    for (const [n, start, end] of [[4, '2017-06-01', '2020-05-31'], [5, '2020-06-01', '2023-05-31'], [6, '2023-06-01', '2026-05-31']] as const) {
      await makeTerm(world, steady, { term_number: n, start_date: start, end_date: end });
    }
    const fourth = await office.post(`/api/inspectors/${steady.id}/terms`, { termNumber: 7, authority: '甲区人民政府', startDate: '2026-06-01', endDate: '2029-05-31' });
    expect(fourth.status).toBe(400);
    expect(fieldsOf(fourth.body).terms).toBe('兼职督学连续聘任一般不超过 3 届，该督学将连续聘任第 4 至 7 届（共 4 届）');
    // After sitting out the 7th 届 the same person may be appointed to the 8th.
    const afterBreak = await office.post(`/api/inspectors/${steady.id}/terms`, { termNumber: 8, authority: '甲区人民政府', startDate: '2029-06-01', endDate: '2032-05-31' });
    expect(afterBreak.status).toBe(200);
    // Renumbering the 8th as the 7th would close the break: four in a row again.
    const closeGap = await office.patch(`/api/inspectors/${steady.id}/terms/${afterBreak.body.id}`, { termNumber: 7 });
    expect(closeGap.status).toBe(400);
    expect(fieldsOf(closeGap.body).terms).toBe('兼职督学连续聘任一般不超过 3 届，该督学将连续聘任第 4 至 7 届（共 4 届）');
  });

  it('lets a full-time inspector serve more than three terms', async () => {
    const cadre = await makeInspector(world, { region: county, employment: 'full_time' });
    for (const [i, start] of ['2014-01-01', '2017-01-01', '2020-01-01', '2023-01-01'].entries()) {
      const end = `${Number(start.slice(0, 4)) + 2}-12-31`;
      expect((await office.post(`/api/inspectors/${cadre.id}/terms`, { termNumber: i + 1, authority: '甲区人民政府', startDate: start, endDate: end })).status).toBe(200);
    }
  });

  it('accepts an assessment only for a year inside a term, once a year', async () => {
    const person = await makeInspector(world, { region: county });
    await makeTerm(world, person, { start_date: '2020-06-01', end_date: '2023-05-31' });
    const outside = await office.post(`/api/inspectors/${person.id}/assessments`, { year: 2019, grade: 'excellent' });
    expect(outside.status).toBe(400);
    expect(fieldsOf(outside.body).year).toBe('2019 年不在该督学的任何聘期内');
    const outsideEn = await officeEn.post(`/api/inspectors/${person.id}/assessments`, { year: 2024, grade: 'excellent' });
    expect(fieldsOf(outsideEn.body).year).toBe('2024 is outside every term of this inspector');
    expect((await office.post(`/api/inspectors/${person.id}/assessments`, { year: 2020, grade: 'qualified', remarks: '完成 12 次经常性督导' })).status).toBe(200);
    const again = await office.post(`/api/inspectors/${person.id}/assessments`, { year: 2020, grade: 'excellent' });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body).year).toBe('该督学 2020 年度已有考核结果');
    const badGrade = await office.post(`/api/inspectors/${person.id}/assessments`, { year: 2021, grade: 'great' });
    expect(badGrade.status).toBe(400);
    expect(badGrade.body.error.fields[0].field).toBe('grade');
    expect((await office.post(`/api/inspectors/${person.id}/rewards`, { kind: 'reward', date: '2021-09-10', title: '优秀督学', issuer: '甲区人民政府' })).status).toBe(200);
    const detail = await office.get(`/api/inspectors/${person.id}`);
    expect(detail.body.assessments).toEqual([expect.objectContaining({ year: 2020, grade: 'qualified' })]);
    expect(detail.body.rewards[0]).toMatchObject({ kind: 'reward', title: '优秀督学' });
    expect(detail.body.status).toBe('expired');
  });

  it('totals training hours per year against the 40-hour minimum', async () => {
    const diligent = await makeInspector(world, { region: town, name: '培训充足督学' });
    const behind = await makeInspector(world, { region: town, name: '培训不足督学' });
    for (const p of [diligent, behind]) await makeTerm(world, p, { start_date: '2025-01-01', end_date: '2027-12-31' });
    for (const [date, hours] of [['2025-03-01', 24], ['2025-10-01', 16], ['2026-01-10', 8]] as const) {
      expect((await office.post(`/api/inspectors/${diligent.id}/trainings`, { date, topic: '督导业务培训', hours })).status).toBe(200);
    }
    await office.post(`/api/inspectors/${behind.id}/trainings`, { date: '2025-05-01', topic: '督导业务培训', hours: 12 });
    const detail = await office.get(`/api/inspectors/${diligent.id}`);
    expect(detail.body.trainingHoursByYear).toEqual([{ year: 2026, hours: 8, enough: false }, { year: 2025, hours: 40, enough: true }]);
    const below = await office.get('/api/inspectors/training-summary?year=2025&below=true&pageSize=200');
    const names = below.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('培训不足督学');
    expect(names).not.toContain('培训充足督学');
    expect(below.body.items.find((i: { name: string }) => i.name === '培训不足督学')).toMatchObject({ hours: 12, enough: false });
    const sheet = await readXlsx((await office.get('/api/inspectors/training-summary/export?year=2025')).raw);
    expect(sheet[0]).toEqual(['姓名', '督学级别', '2025年学时', '达到40学时']);
    expect(sheet).toContainEqual(['培训充足督学', '市级督学', '40', '是']);
  });

  it('lists terms expiring soon, leaving out those already renewed or dismissed', async () => {
    const soon = await makeInspector(world, { region: county, name: '将满督学' });
    await makeTerm(world, soon, { start_date: '2023-04-01', end_date: '2026-03-31' });
    const renewed = await makeInspector(world, { region: county, name: '已续聘督学' });
    await makeTerm(world, renewed, { start_date: '2023-04-01', end_date: '2026-03-31' });
    await makeTerm(world, renewed, { start_date: '2026-04-01', end_date: '2029-03-31', term_number: 5 });
    const gone = await makeInspector(world, { region: county, name: '已解聘督学', dismissed_on: '2025-12-01' });
    await makeTerm(world, gone, { start_date: '2023-04-01', end_date: '2026-03-31' });
    const later = await makeInspector(world, { region: county, name: '远期督学' });
    await makeTerm(world, later, { start_date: '2024-04-01', end_date: '2027-03-31' });
    const res = await office.get('/api/inspectors/expiring?days=60&pageSize=200');
    const names = res.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('将满督学');
    expect(names).not.toContain('已续聘督学');
    expect(names).not.toContain('已解聘督学');
    expect(names).not.toContain('远期督学');
    expect(res.body.items.find((i: { name: string }) => i.name === '将满督学').daysLeft).toBe(29);
    const sheet = await readXlsx((await office.get('/api/inspectors/expiring/export?days=60')).raw);
    expect(sheet).toContainEqual(['将满督学', '市级督学', '甲区', '4', '2023-04-01', '2026-03-31', '29']);
    expect(sheet.some((r) => r[0] === '已续聘督学')).toBe(false);
  });

  it('filters by status and term, and dismissal ends the status', async () => {
    const person = await makeInspector(world, { region: county, name: '状态督学' });
    await makeTerm(world, person, { start_date: '2025-01-01', end_date: '2027-12-31', term_number: 7 });
    expect((await office.get('/api/inspectors?q=状态督学&status=serving&termNumber=7')).body.total).toBe(1);
    expect((await office.get('/api/inspectors?q=状态督学&status=expired')).body.total).toBe(0);
    const dismissed = await office.post(`/api/inspectors/${person.id}/dismiss`, { dismissedOn: '2026-03-01', reason: '本人申请' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', abilities: { update: false } });
    expect((await office.get('/api/inspectors?q=状态督学&status=dismissed')).body.total).toBe(1);
    const after = await office.post(`/api/inspectors/${person.id}/trainings`, { date: '2026-03-02', topic: '培训', hours: 2 });
    expect(after.status).toBe(400);
    expect(after.body.error.message).toBe('该督学已解聘');
  });

  it('keeps other offices\' inspectors out, and an inspector sees only their own record', async () => {
    const foreign = await makeInspector(world, { region: otherCounty, name: '外县督学' });
    expect((await office.get(`/api/inspectors/${foreign.id}`)).status).toBe(404);
    expect((await office.get('/api/inspectors?q=外县督学')).body.total).toBe(0);
    expect((await office.post(`/api/inspectors/${foreign.id}/terms`, { termNumber: 1, authority: 'x', startDate: '2025-01-01', endDate: '2026-01-01' })).status).toBe(404);
    const refused = await office.post('/api/inspectors', { name: '越界', level: 'county', employment: 'part_time', regionId: otherCounty.id });
    expect(fieldsOf(refused.body).regionId).toBe('所选区划不在您的管辖范围内');

    const account = await makeAccount(world, { role: 'inspector', region: county });
    const own = await makeInspector(world, { region: county, name: '本人督学', account_id: account.id });
    const colleague = await makeInspector(world, { region: county, name: '同事督学' });
    const me = await signIn(world, account.username, account.password);
    expect((await me.get(`/api/inspectors/${own.id}`)).status).toBe(200);
    expect((await me.get(`/api/inspectors/${colleague.id}`)).status).toBe(404);
    expect((await me.get('/api/inspectors?pageSize=200')).body.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
  });

  it('imports nothing from a file with a bad row and names each row and column', async () => {
    const before = (await db().selectFrom('inspectors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const file = await sheetOf(header, [
      ['导入甲', '男', '511902197506150028', '13900001111', '市级督学', '兼职', '甲区一中', '副校长', '中学教育、安全', county.code, 4, '甲区人民政府', '2024-06-01', '2027-05-31', 'IMP-001'],
      ['导入乙', '女', '511902197506150029', '1390000', '区级督学', '兼职', '', '', '', otherCounty.code, 4, '甲区人民政府', '2024-06-01', '2027-06-30', 'IMP-001'],
      ['', '', '511902197506150028', '', '市级督学', '专职', '', '', '', county.code, '', '', '', '', ''],
    ]);
    const res = await office.upload('/api/inspectors/import', { file: { name: 'i.xlsx', content: file } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const at = (row: number, column: string) => res.body.error.rows.find((r: { row: number; column: string }) => r.row === row && r.column === column)?.message;
    expect(at(3, 'C')).toBe('身份证号码校验位不正确');
    expect(at(3, 'D')).toBe('格式不正确');
    expect(at(3, 'E')).toBe('“区级督学”不是可选的值');
    expect(at(3, 'J')).toBe(`区划代码 ${otherCounty.code} 不存在或不在您的管辖范围内`);
    expect(at(3, 'N')).toBe('每届聘期不超过 3 年（最晚至 2027-05-31）');
    expect(at(3, 'O')).toBe('与第 2 行重复');
    expect(at(4, 'A')).toBe('不能为空');
    expect(at(4, 'C')).toBe('与第 2 行重复');
    expect((await db().selectFrom('inspectors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it('imports a clean file with each first term, and exports the list with numbers masked', async () => {
    const template = await office.get('/api/inspectors/import-template');
    expect((await readXlsx(template.raw))[0]).toEqual(header);
    const file = await sheetOf(header, [
      ['导入丙', '男', '510921196803020039', '13900002222', '市级督学', '兼职', '甲区二中', '教师', '中学教育、安全', county.code, 4, '甲区人民政府', '2024-06-01', '2027-05-31', 'IMP-101'],
      ['导入丁', '女', '', '', '县级督学', '专职', '甲区教育局', '', '', town.code, '', '', '', '', ''],
    ]);
    const res = await office.upload('/api/inspectors/import', { file: { name: 'i.xlsx', content: file } });
    expect(res.body).toEqual({ imported: 2 });
    const list = await office.get('/api/inspectors?q=导入丙&specialty=安全');
    expect(list.body.items[0]).toMatchObject({ status: 'serving', specialties: ['中学教育', '安全'], currentTerm: { termNumber: 4, certificateNo: 'IMP-101' } });
    const exported = await office.get('/api/inspectors/export?q=导入');
    const rows = await readXlsx(exported.raw);
    const bing = rows.find((r) => r[0] === '导入丙')!;
    expect(bing[2]).toBe('510***********0039');
    expect(bing[3]).toBe('139****2222');
    expect(bing[4]).toBe('市级督学');
    expect(bing[16]).toBe('在聘');
    expect(rows.some((r) => r[0] === '导入丁')).toBe(true);
  });

  it('renders an appointment certificate and the appointment list as PDF', async () => {
    const person = await makeInspector(world, { region: county, name: '聘书督学' });
    const term = await makeTerm(world, person, { term_number: 9, certificate_no: 'PDF-001', start_date: '2020-06-01', end_date: '2023-05-31' });
    const cert = await office.get(`/api/inspectors/${person.id}/terms/${term.id}/certificate.pdf`);
    expect(cert.status).toBe(200);
    expect(cert.headers['content-type']).toBe('application/pdf');
    expect(cert.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const list = await office.get('/api/inspectors/appointment-list.pdf?termNumber=9&level=city');
    expect(list.status).toBe(200);
    expect(list.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
