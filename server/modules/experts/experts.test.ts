import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit } from '../../../test/factories';
import { makeExpert } from '../../../test/people-factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx, sheetOf } from '../../../test/xlsx';
import type { ExpertsTable, RegionsTable, UnitsTable } from '../../platform/db/schema';
import { drawIds } from './draw';

const fieldsOf = (body: { error: { fields: { field: string; message: string }[] } }) => Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));
const header = ['姓名*', '身份证号码', '手机号', '专业领域*', '工作单位', '职务职称', '所在区划代码*', '可抽取', '备注'];

describe.each(engines)('expert pool and draws on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let countyB: RegionsTable;
  let school: UnitsTable;
  let office: Client;
  let officeEn: Client;
  let leader: Client;
  const e: Record<string, ExpertsTable> = {};

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '抽取市' });
    countyA = await makeRegion(world, { parent: city, name: '被评县' });
    countyB = await makeRegion(world, { parent: city, name: '邻县' });
    const town = await makeRegion(world, { parent: countyA, name: '被评镇' });
    school = await makeUnit(world, { region: town, name: '被评幼儿园', kind: 'kindergarten', stage: 'preschool' });
    const otherProvince = await makeRegion(world, { level: 'province' });
    const staff = await makeAccount(world, { role: 'office_staff', region: city });
    office = await signIn(world, staff.username, staff.password);
    officeEn = await signIn(world, staff.username, staff.password, 'en');
    const lead = await makeAccount(world, { role: 'leader', region: city });
    leader = await signIn(world, lead.username, lead.password);
    e.sameCounty = await makeExpert(world, { region: countyA, name: '同县专家' });
    e.employee = await makeExpert(world, { region: countyB, name: '本单位专家', employer_unit_id: school.id, employer_name: school.name });
    e.related = await makeExpert(world, { region: countyB, name: '亲属专家' });
    for (const name of ['合格专家一', '合格专家二', '合格专家三']) e[name] = await makeExpert(world, { region: countyB, name });
    e.cityLevel = await makeExpert(world, { region: city, name: '市直专家' });
    e.otherField = await makeExpert(world, { region: countyB, name: '安全专家', specialtyList: ['校园安全'] });
    e.away = await makeExpert(world, { region: countyB, name: '不可抽取专家', available: 0 });
    e.foreign = await makeExpert(world, { region: otherProvince, name: '外省专家' });
    expect((await office.post(`/api/experts/${e.related.id}/relations`, { unitId: school.id, relation: '配偶在该园任职' })).status).toBe(200);
  });
  afterAll(async () => world.close());

  const newReview = async (title: string) => {
    const res = await office.post('/api/reviews', { title, regionId: city.id, reviewedUnitId: school.id, startDate: '2026-03-10', endDate: '2026-03-11', location: '被评幼儿园' });
    expect(res.status).toBe(200);
    return res.body.id as string;
  };

  it('refuses a draw for more experts than remain after the exclusions, in both languages', async () => {
    const id = await newReview('普惠园评估（人数不足）');
    const res = await office.post(`/api/reviews/${id}/draws`, { specialty: '学前教育', count: 5 });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).count).toBe('符合条件的专家只有 4 名（已回避 3 名），不能抽取 5 名');
    const en = await officeEn.post(`/api/reviews/${id}/draws`, { specialty: '学前教育', count: 5 });
    expect(fieldsOf(en.body).count).toBe('Only 4 experts are eligible (3 excluded); cannot draw 5');
    expect((await office.get(`/api/reviews/${id}`)).body.draws).toEqual([]);
  });

  it('excludes own region, own employer and declared relations, and records the whole draw', async () => {
    const id = await newReview('普惠园评估');
    const res = await office.post(`/api/reviews/${id}/draws`, { specialty: '学前教育', count: 3 });
    expect(res.status).toBe(200);
    const [draw] = res.body.draws;
    const name = (x: { name: string }) => x.name;
    expect(draw.candidates.map(name).sort()).toEqual(['亲属专家', '同县专家', '合格专家一', '合格专家三', '合格专家二', '市直专家', '本单位专家'].sort());
    const reasons = Object.fromEntries(draw.exclusions.map((x: { name: string; reasons: string[] }) => [x.name, x.reasons]));
    expect(reasons).toEqual({ 同县专家: ['region'], 本单位专家: ['employer'], 亲属专家: ['relation'] });
    expect(draw.result).toHaveLength(3);
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    const eligible = [e['合格专家一'], e['合格专家二'], e['合格专家三'], e.cityLevel].map((x) => x.id);
    expect(draw.result.map((r: { expertId: string }) => r.expertId)).toEqual(drawIds(draw.seed, eligible, 3));
    expect(res.body.experts.map((x: { status: string }) => x.status)).toEqual(['drawn', 'drawn', 'drawn']);

    const verify = await leader.get(`/api/reviews/${id}/draws/${draw.id}/verify`);
    expect(verify.body).toMatchObject({ ok: true, algorithm: 'fisher-yates/hmac-sha256-ctr/v1' });
    const audit = await world.platform.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'review.draw').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ seed: draw.seed, candidates: 7 });

    await world.platform.database.db.updateTable('review_draws').set({ result: JSON.stringify([...draw.result.map((r: { expertId: string }) => r.expertId)].reverse()) }).where('id', '=', draw.id).execute();
    expect((await leader.get(`/api/reviews/${id}/draws/${draw.id}/verify`)).body.ok).toBe(false);
  });

  it('draws a replacement when an expert declines, never the same person twice', async () => {
    const id = await newReview('普惠园评估（递补）');
    const first = await office.post(`/api/reviews/${id}/draws`, { specialty: '学前教育', count: 3 });
    const drawn = first.body.draws[0].result.map((r: { expertId: string }) => r.expertId);
    const declined = await office.post(`/api/reviews/${id}/experts/${drawn[0]}/decline`, { reason: '外出学习' });
    expect(declined.status).toBe(200);
    const replacement = declined.body.draws[1];
    expect(replacement).toMatchObject({ seq: 2, requested: 1, replaces: drawn[0], specialty: '学前教育' });
    expect(drawn).not.toContain(replacement.result[0].expertId);
    expect(replacement.exclusions.filter((x: { reasons: string[] }) => x.reasons.includes('already_drawn'))).toHaveLength(3);
    expect(declined.body.experts.find((x: { expertId: string }) => x.expertId === drawn[0])).toMatchObject({ status: 'declined', declineReason: '外出学习' });
    expect((await office.get(`/api/reviews/${id}/draws/${replacement.id}/verify`)).body.ok).toBe(true);

    const noneLeft = await office.post(`/api/reviews/${id}/experts/${drawn[1]}/decline`, { reason: '生病' });
    expect(noneLeft.status).toBe(400);
    expect(fieldsOf(noneLeft.body).count).toBe('符合条件的专家只有 0 名（已回避 7 名），不能抽取 1 名');
    const after = await office.get(`/api/reviews/${id}`);
    expect(after.body.experts.find((x: { expertId: string }) => x.expertId === drawn[1]).status).toBe('drawn');
    const noReplace = await office.post(`/api/reviews/${id}/experts/${drawn[1]}/decline`, { reason: '生病', replace: false });
    expect(noReplace.body.expertCount).toBe(2);
    const twice = await office.post(`/api/reviews/${id}/experts/${drawn[1]}/decline`, { reason: '生病' });
    expect(twice.body.error.message).toBe('该专家当前状态为“declined”，不能执行此操作');
  });

  it('records attendance no longer than the review lasts', async () => {
    const id = await newReview('普惠园评估（出席）');
    const drawn = (await office.post(`/api/reviews/${id}/draws`, { count: 1, specialty: '学前教育' })).body.experts[0].expertId;
    const tooLong = await office.patch(`/api/reviews/${id}/experts/${drawn}`, { halfDays: 5 });
    expect(fieldsOf(tooLong.body).halfDays).toBe('出席不能超过评审日程的 4 个半天');
    const ok = await office.patch(`/api/reviews/${id}/experts/${drawn}`, { halfDays: 3, role: 'leader', travelling: true });
    expect(ok.body.experts[0]).toMatchObject({ halfDays: 3, role: 'leader', travelling: true });
    const sheet = await readXlsx((await office.get(`/api/reviews/export?q=${encodeURIComponent('普惠园评估（出席）')}`)).raw);
    expect(sheet[1]).toEqual(['普惠园评估（出席）', '被评幼儿园', '抽取市', '2026-03-10', '2026-03-11', '1']);
    const person = await office.get(`/api/experts/${drawn}`);
    expect(person.body.reviews).toContainEqual(expect.objectContaining({ reviewId: id, title: '普惠园评估（出席）', halfDays: 3, role: 'leader' }));
  });

  it('keeps personal numbers masked, shows them whole only through the audited read, and hides other regions', async () => {
    const res = await office.post('/api/experts', { name: '新专家', idNumber: '51190219851111005X', phone: '13512345678', specialties: ['督导评估'], regionId: countyB.id, employerUnitId: school.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phoneMasked: '135****5678', idNumberMasked: '511***********005X', employer: { unitId: school.id, name: '被评幼儿园' } });
    const full = await office.post(`/api/experts/${res.body.id}/personal`);
    expect(full.body).toEqual({ phone: '13512345678', idNumber: '51190219851111005X' });
    expect((await leader.post(`/api/experts/${res.body.id}/personal`)).status).toBe(403);
    expect((await office.get(`/api/experts/${e.foreign.id}`)).status).toBe(404);
    const noSpecialty = await office.post('/api/experts', { name: '无专业', specialties: [], regionId: countyB.id });
    expect(fieldsOf(noSpecialty.body).specialties).toBe('专业特长：不能小于 1');
  });

  it('imports experts all or nothing and exports them masked', async () => {
    const before = (await office.get('/api/experts?pageSize=1')).body.total;
    const bad = await sheetOf(header, [
      ['导入专家甲', '', '13300001111', '学前教育、课程', '被评幼儿园', '园长', countyB.code, '是', ''],
      ['导入专家乙', '', '', '', '', '', '999999', '也许', ''],
    ]);
    const refused = await office.upload('/api/experts/import', { file: { name: 'e.xlsx', content: bad } });
    expect(refused.status).toBe(400);
    const at = (row: number, column: string) => refused.body.error.rows.find((r: { row: number; column: string }) => r.row === row && r.column === column)?.message;
    expect(at(3, 'D')).toBe('不能为空');
    expect(at(3, 'G')).toBe('区划代码 999999 不存在或不在您的管辖范围内');
    expect(at(3, 'H')).toBe('“也许”不是可选的值');
    expect((await office.get('/api/experts?pageSize=1')).body.total).toBe(before);

    const good = await sheetOf(header, [['导入专家甲', '', '13300001111', '学前教育、课程', '被评幼儿园', '园长', countyB.code, '否', '']]);
    expect((await office.upload('/api/experts/import', { file: { name: 'e.xlsx', content: good } })).body).toEqual({ imported: 1 });
    const listed = await office.get('/api/experts?q=导入专家甲');
    expect(listed.body.items[0]).toMatchObject({ available: false, specialties: ['学前教育', '课程'], employer: { unitId: school.id } });
    const noted = await office.patch(`/api/experts/${listed.body.items[0].id}`, { remarks: '暂停一年' });
    expect(noted.body).toMatchObject({ available: false, remarks: '暂停一年', employer: { unitId: school.id, name: '被评幼儿园' } });
    const rows = await readXlsx((await office.get('/api/experts/export?q=导入专家甲')).raw);
    expect([0, 2, 3, 4, 6, 7].map((i) => rows[1][i])).toEqual(['导入专家甲', '133****1111', '学前教育、课程', '被评幼儿园', countyB.code, '否']);
  });

  it('excludes an expert working for a unit in the reviewed unit\'s county, wherever the expert is registered', async () => {
    const county = await makeRegion(world, { parent: city, name: '用人县' });
    const town = await makeRegion(world, { parent: county, name: '用人镇' });
    const reviewed = await makeUnit(world, { region: town, name: '用人县一小' });
    const sameCounty = await makeUnit(world, { region: county, name: '用人县二小' });
    const elsewhere = await makeUnit(world, { region: countyB, name: '邻县中学' });
    const worksThere = await makeExpert(world, { region: city, name: '县内任职的市专家', employer_unit_id: sameCounty.id, employer_name: sameCounty.name });
    await makeExpert(world, { region: city, name: '邻县任职的市专家', employer_unit_id: elsewhere.id, employer_name: elsewhere.name });
    const review = await office.post('/api/reviews', { title: '用人县一小评估', regionId: city.id, reviewedUnitId: reviewed.id, startDate: '2026-04-10', endDate: '2026-04-10' });
    const res = await office.post(`/api/reviews/${review.body.id}/draws`, { specialty: '学前教育', count: 2 });
    expect(res.status).toBe(200);
    const [draw] = res.body.draws;
    const reasons = Object.fromEntries(draw.exclusions.map((x: { name: string; reasons: string[] }) => [x.name, x.reasons]));
    expect(reasons['县内任职的市专家']).toEqual(['employer_region']);
    expect(reasons['邻县任职的市专家']).toBeUndefined();
    expect(draw.result.map((r: { expertId: string }) => r.expertId)).not.toContain(worksThere.id);
    const audit = await world.platform.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'review.draw').where('entity_id', '=', review.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).exclusions).toContainEqual({ expertId: worksThere.id, reasons: ['employer_region'] });
    expect((await leader.get(`/api/reviews/${review.body.id}/draws/${draw.id}/verify`)).body.ok).toBe(true);
  });
});
