import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { makeItem, makeNoticeOf } from '../../../test/oversight-factories';
import { makeProblem } from '../../../test/supervision-factories';
import { syncProblemStatuses } from '../rectification/rectification.core';
import type { NoticesTable, ProblemsTable, RectificationsTable, UnitsTable } from '../../platform/db/schema';

const pdf = Buffer.from('%PDF-1.4\n%备案回执\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(engines)('filings and clear-to-zero lists on %s', (engine) => {
  let world: TestWorld;
  let a1: UnitsTable;
  let a2: UnitsTable;
  let officeA: Client;
  let officeB: Client;
  let cityOffice: Client;
  let leaderA: Client;
  let schoolA1: Client;
  let schoolA2: Client;
  let schoolB: Client;
  /** County A's notices: with items at A1, at A2, without items, a draft, with every item cancelled; the city's; county B's. */
  let nA1: NoticesTable;
  let nA2: NoticesTable;
  let nA3: NoticesTable;
  let nA4: NoticesTable;
  let nA5: NoticesTable;
  let nCity: NoticesTable;
  let nB: NoticesTable;
  let p1: ProblemsTable;
  let p2: ProblemsTable;
  let p3: ProblemsTable;
  let p4: ProblemsTable;
  let p2Item: RectificationsTable;
  const client = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    const city = await makeRegion(world, { parent: province, name: '巴中市' });
    const countyA = await makeRegion(world, { parent: city, name: '甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '乙县' });
    const townA = await makeRegion(world, { parent: countyA, name: '甲镇' });
    a1 = await makeUnit(world, { region: townA, name: '甲一小学' });
    a2 = await makeUnit(world, { region: townA, name: '甲二小学' });
    const b = await makeUnit(world, { region: countyB, name: '乙一小学' });
    nA1 = await makeNoticeOf(world, countyA, { typeKey: 'supervision_notice', title: '甲县督办通知一' });
    nA2 = await makeNoticeOf(world, countyA, { typeKey: 'supervision_letter', title: '甲县督办函二' });
    nA3 = await makeNoticeOf(world, countyA, { typeKey: 'work_reminder', title: '甲县工作提示函三' });
    nA4 = await makeNoticeOf(world, countyA, { typeKey: 'supervision_notice', status: 'draft', title: '甲县督办通知草稿' });
    nA5 = await makeNoticeOf(world, countyA, { typeKey: 'supervision_notice', status: 'withdrawn', title: '甲县已撤回通知' });
    nCity = await makeNoticeOf(world, city, { typeKey: 'supervision_notice', title: '市督办通知' });
    nB = await makeNoticeOf(world, countyB, { typeKey: 'supervision_notice', title: '乙县督办通知' });
    await makeItem(world, { unit: a1, office: countyA, notice: nA1, status: 'signed_off', deadline: '2026-02-20' });
    await makeItem(world, { unit: a1, office: countyA, notice: nA1, status: 'in_progress', deadline: '2026-04-20' });
    await makeItem(world, { unit: a2, office: countyA, notice: nA2, status: 'pending', deadline: '2026-04-20' });
    await makeItem(world, { unit: a2, office: countyA, notice: nA5, status: 'cancelled', deadline: '2026-04-20' });
    await makeItem(world, { unit: a1, office: city, notice: nCity, status: 'pending', deadline: '2026-04-20' });
    await makeItem(world, { unit: b, office: countyB, notice: nB, status: 'pending', deadline: '2026-04-20' });

    p1 = await makeProblem(world, townA, { unit: a1, description: '校舍屋面漏水' });
    p2 = await makeProblem(world, townA, { unit: a1, description: '食堂无留样柜' });
    p3 = await makeProblem(world, townA, { unit: a2, description: '课后服务收费不规范' });
    p4 = await makeProblem(world, countyB, { unit: b, description: '乙县的问题' });
    await makeItem(world, { unit: a1, office: countyA, problems: [p1], status: 'signed_off', deadline: '2026-02-28', grades: ['fair'] });
    p2Item = (await makeItem(world, { unit: a1, office: countyA, problems: [p2], status: 'in_progress', deadline: '2026-03-04' })).row;

    officeA = await client({ region: countyA });
    officeB = await client({ region: countyB });
    cityOffice = await client({ region: city });
    leaderA = await client({ role: 'leader', region: countyA });
    schoolA1 = await client({ role: 'unit_user', unit: a1 });
    schoolA2 = await client({ role: 'unit_user', unit: a2 });
    schoolB = await client({ role: 'unit_user', unit: b });
  });
  afterAll(async () => world.close());

  const titles = (r: { body: { items: { notice: { title: string } }[] } }) => r.body.items.map((i) => i.notice.title).sort();

  it('records a filing of the office\'s own issued notice with items, with its attachment', async () => {
    const res = await officeA.post('/api/filings', { noticeId: nA1.id, filedWith: '巴中市人民政府绩效办', filedOn: '2026-03-01', referenceNo: '巴绩备〔2026〕3号', note: '整改报告已报备' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ noticeId: nA1.id, filedWith: '巴中市人民政府绩效办', filedOn: '2026-03-01', referenceNo: '巴绩备〔2026〕3号', files: [] });

    const upload = await officeA.upload(`/api/filings/${res.body.id}/files`, { file: { name: '备案回执.pdf', content: pdf } });
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ name: '备案回执.pdf', mime: 'application/pdf', url: `/api/filings/${res.body.id}/files/${upload.body.id}/content` });
    const content = await officeA.get(upload.body.url);
    expect(content.status).toBe(200);
    expect(content.raw.equals(pdf)).toBe(true);
    const fake = await officeA.upload(`/api/filings/${res.body.id}/files`, { file: { name: '回执.pdf', content: Buffer.from('not a pdf') } });
    expect(fake.status).toBe(400);
    expect((await officeB.upload(`/api/filings/${res.body.id}/files`, { file: { name: 'a.pdf', content: pdf } })).status).toBe(404);
    expect((await cityOffice.upload(`/api/filings/${res.body.id}/files`, { file: { name: 'a.pdf', content: pdf } })).status).toBe(403);

    const refusals: [string, Record<string, unknown>, number, string][] = [
      ['no items', { noticeId: nA3.id }, 409, 'FILING_NO_RECTIFICATION'],
      ['a draft', { noticeId: nA4.id }, 409, 'FILING_NOT_ISSUED'],
      ['withdrawn', { noticeId: nA5.id }, 409, 'FILING_NOT_ISSUED'],
      ['the city\'s', { noticeId: nCity.id }, 403, 'FILING_NOT_ISSUER'],
      ['county B\'s', { noticeId: nB.id }, 404, ''],
      ['in the future', { noticeId: nA2.id, filedOn: '2026-03-03' }, 400, ''],
    ];
    for (const [label, change, status] of refusals) {
      const refused = await officeA.post('/api/filings', { noticeId: nA2.id, filedWith: '市绩效办', filedOn: '2026-03-01', ...change });
      expect(refused.status, label).toBe(status);
    }
    expect((await leaderA.post('/api/filings', { noticeId: nA2.id, filedWith: '市绩效办', filedOn: '2026-03-01' })).status).toBe(403);
    expect((await cityOffice.post('/api/filings', { noticeId: nA2.id, filedWith: '市绩效办', filedOn: '2026-03-01' })).status).toBe(403);
  });

  it('lists what is filed and what is not, to each caller in its scope', async () => {
    const all = await officeA.get('/api/filings');
    expect(titles(all)).toEqual(['甲县督办函二', '甲县督办通知一']);
    const filed = await officeA.get('/api/filings?filed=true');
    expect(filed.body.items).toHaveLength(1);
    expect(filed.body.items[0]).toMatchObject({
      notice: { id: nA1.id, title: '甲县督办通知一', typeName: '督办通知', docNumber: nA1.doc_number }, rectifications: { total: 2, signedOff: 1 }, filed: true,
      filings: [{ filedWith: '巴中市人民政府绩效办', files: [{ name: '备案回执.pdf' }] }], abilities: { file: true },
    });
    expect(titles(await officeA.get('/api/filings?filed=false'))).toEqual(['甲县督办函二']);
    expect((await officeA.get('/api/filings?year=2025')).body.total).toBe(0);
    expect(titles(await officeA.get(`/api/filings?q=${encodeURIComponent('督办函')}`))).toEqual(['甲县督办函二']);
    expect(titles(await leaderA.get('/api/filings'))).toEqual(['甲县督办函二', '甲县督办通知一']);

    const city = await cityOffice.get('/api/filings');
    expect(titles(city)).toEqual(['乙县督办通知', '市督办通知', '甲县督办函二', '甲县督办通知一'].sort());
    expect(city.body.items.filter((i: { abilities: { file: boolean } }) => i.abilities.file).map((i: { notice: { title: string } }) => i.notice.title)).toEqual(['市督办通知']);
    expect(titles(await officeB.get('/api/filings'))).toEqual(['乙县督办通知']);

    // A school sees the notices addressed to it and whether they were filed, with the receipt.
    const school = await schoolA1.get('/api/filings');
    expect(titles(school)).toEqual(['市督办通知', '甲县督办通知一'].sort());
    const mine = school.body.items.find((i: { notice: { id: string } }) => i.notice.id === nA1.id);
    expect(mine).toMatchObject({ filed: true, abilities: { file: false } });
    expect((await schoolA1.get(mine.filings[0].files[0].url)).status).toBe(200);
    expect((await schoolA2.get(mine.filings[0].files[0].url)).status).toBe(404);
    expect((await officeB.get(mine.filings[0].files[0].url)).status).toBe(404);
    expect(titles(await schoolA2.get('/api/filings'))).toEqual(['甲县督办函二']);
  });

  it('follows a clear-to-zero list problem by problem, with each verification and the totals', async () => {
    const created = await officeA.post('/api/clearance-lists', { title: '2025年省反馈问题清零清单', problemIds: [p1.id, p2.id, p3.id] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ title: '2025年省反馈问题清零清单', totals: { problems: 3, cleared: 1, notCleared: 2 }, abilities: { addProblems: true } });
    const [first, second, third] = created.body.problems;
    expect(first).toMatchObject({ id: p1.id, description: '校舍屋面漏水', status: 'closed', cleared: true, unit: { name: '甲一小学' } });
    expect(first.rectifications).toHaveLength(1);
    expect(first.rectifications[0]).toMatchObject({ status: 'signed_off', light: 'none', grade: 'fair', verification: { method: 'documents', note: '资料齐全，整改到位。' } });
    expect(first.rectifications[0].verification.verifiedBy).toMatch(/^测试用户/);
    expect(second).toMatchObject({ id: p2.id, status: 'rectifying', cleared: false, rectifications: [{ status: 'in_progress', light: 'yellow', verification: null }] });
    expect(third).toMatchObject({ id: p3.id, status: 'open', cleared: false, rectifications: [] });

    const outside = await officeA.post('/api/clearance-lists', { title: '越界', problemIds: [p1.id, p4.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0]).toMatchObject({ field: 'problemIds', message: '有 1 个问题不存在或不在您的管辖范围内' });
    expect((await officeA.post(`/api/clearance-lists/${created.body.id}/problems`, { problemIds: [p4.id] })).status).toBe(400);
    expect((await leaderA.post('/api/clearance-lists', { title: '领导', problemIds: [p1.id] })).status).toBe(403);

    // The second problem is signed off: the list counts it cleared.
    const now = world.clock.now().toISOString();
    await world.platform.database.db.updateTable('rectifications').set({ status: 'signed_off', signed_off_at: now, verified_at: now, verification_method: 'on_site' })
      .where('id', '=', p2Item.id).execute();
    await syncProblemStatuses(world.platform.database.db, now, [p2.id]);
    const later = await officeA.get(`/api/clearance-lists/${created.body.id}`);
    expect(later.body.totals).toEqual({ problems: 3, cleared: 2, notCleared: 1 });

    const again = await officeA.post(`/api/clearance-lists/${created.body.id}/problems`, { problemIds: [p3.id] });
    expect(again.body.totals.problems).toBe(3);

    const list = await officeA.get('/api/clearance-lists');
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, region: expect.objectContaining({ name: '甲县' }), totals: { problems: 3, cleared: 2, notCleared: 1 } })]);
    expect((await leaderA.get('/api/clearance-lists')).body.total).toBe(1);
    expect((await cityOffice.get(`/api/clearance-lists/${created.body.id}`)).body.totals.problems).toBe(3);

    // County B sees nothing of it; a school sees the list through its own problems only.
    expect((await officeB.get('/api/clearance-lists')).body.total).toBe(0);
    expect((await officeB.get(`/api/clearance-lists/${created.body.id}`)).status).toBe(404);
    expect((await officeB.post(`/api/clearance-lists/${created.body.id}/problems`, { problemIds: [p4.id] })).status).toBe(404);
    const school = await schoolA1.get(`/api/clearance-lists/${created.body.id}`);
    expect(school.body.problems.map((p: { id: string }) => p.id)).toEqual([p1.id, p2.id]);
    expect(school.body).toMatchObject({ totals: { problems: 2, cleared: 2, notCleared: 0 }, abilities: { addProblems: false } });
    expect((await schoolA2.get('/api/clearance-lists')).body.items[0].totals).toEqual({ problems: 1, cleared: 0, notCleared: 1 });
    expect((await schoolB.get('/api/clearance-lists')).body.total).toBe(0);
    expect((await schoolB.get(`/api/clearance-lists/${created.body.id}`)).status).toBe(404);
  });
});
