import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeRegion, makeUnit } from '../../../test/factories';
import { accountsOverDays, type Client } from '../../../test/http';
import { makeItem, makeNoticeOf } from '../../../test/oversight-factories';
import type { NoticesTable, RectificationsTable, RegionsTable, UnitsTable } from '../../platform/db/schema';
import { chineseNumber } from './oversight.escalation';

/** Today is 2026-03-02 in China. */
describe.each(engines)('escalation and accountability on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let a1: UnitsTable;
  let a2: UnitsTable;
  let b: UnitsTable;
  let officeA: Client;
  let officeB: Client;
  let cityOffice: Client;
  let schoolA1: Client;
  let schoolA2: Client;
  let leaderA: Client;
  let noticeA: NoticesTable;
  let cityNotice: NoticesTable;
  /** Overdue 10, 3 and 1 days; not yet due; submitted; overdue but the city's; county B's; done on time. */
  let e1: RectificationsTable;
  let e2: RectificationsTable;
  let e3: RectificationsTable;
  let e4: RectificationsTable;
  let e5: RectificationsTable;
  let e6: RectificationsTable;
  let e7: RectificationsTable;
  const db = () => world.platform.database.db;
  const { client, onDay } = accountsOverDays(() => world, '2026-03-02T01:00:00Z');
  const notice = (id: string) => db().selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const recipients = async (id: string) => (await db().selectFrom('notice_recipients').innerJoin('units', 'units.id', 'notice_recipients.unit_id')
    .select(['units.name', 'notice_recipients.kind']).where('notice_id', '=', id).orderBy('notice_recipients.sort').execute()).map((r) => `${r.kind}:${r.name}`);
  const noticeCount = async () => Number((await db().selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '巴中市' });
    countyA = await makeRegion(world, { parent: city, name: '甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '乙县' });
    const townA = await makeRegion(world, { parent: countyA, name: '甲镇' });
    a1 = await makeUnit(world, { region: townA, name: '甲一小学' });
    a2 = await makeUnit(world, { region: townA, name: '甲二小学' });
    b = await makeUnit(world, { region: countyB, name: '乙一小学' });
    noticeA = await makeNoticeOf(world, countyA, { typeKey: 'supervision_notice', title: '关于校园安全隐患限期整改的督办通知' });
    cityNotice = await makeNoticeOf(world, city, { typeKey: 'supervision_notice', title: '市级督办通知' });
    const inA = { office: countyA, notice: noticeA };
    e1 = (await makeItem(world, { ...inA, unit: a1, status: 'pending', deadline: '2026-02-20', demand: '完成食堂后厨改造' })).row;
    e2 = (await makeItem(world, { ...inA, unit: a1, status: 'in_progress', deadline: '2026-02-27', demand: '更换老化消防器材' })).row;
    e3 = (await makeItem(world, { ...inA, unit: a2, status: 'pending', deadline: '2026-03-01', demand: '补齐安全台账' })).row;
    e4 = (await makeItem(world, { ...inA, unit: a1, status: 'in_progress', deadline: '2026-03-20', demand: '完善值班制度' })).row;
    e5 = (await makeItem(world, { ...inA, unit: a1, status: 'submitted', deadline: '2026-02-10', demand: '整改围墙' })).row;
    e6 = (await makeItem(world, { unit: a1, office: city, notice: cityNotice, status: 'pending', deadline: '2026-02-01', demand: '市级督办事项' })).row;
    e7 = (await makeItem(world, { unit: b, office: countyB, status: 'pending', deadline: '2026-02-01', demand: '乙县事项' })).row;
    await makeItem(world, { ...inA, unit: a2, status: 'signed_off', deadline: '2026-02-15', firstSubmittedOn: '2026-02-14', grades: ['good'] });

    officeA = await client({ region: countyA });
    officeB = await client({ region: countyB });
    cityOffice = await client({ region: city });
    schoolA1 = await client({ role: 'unit_user', unit: a1 });
    schoolA2 = await client({ role: 'unit_user', unit: a2 });
    leaderA = await client({ role: 'leader', region: countyA });
  });
  afterAll(async () => world.close());

  it('turns chosen overdue items into a 通报 draft naming the units and their items', async () => {
    const res = await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e3.id, e1.id, e2.id] });
    expect(res.status).toBe(200);
    const n = await notice(res.body.noticeId);
    expect(n).toMatchObject({
      status: 'draft', type_key: 'bulletin', region_id: countyA.id, escalated_from: 'overdue', title: '关于整改事项逾期未完成情况的通报', doc_number: null,
    });
    expect(await recipients(n.id)).toEqual(['main:甲一小学', 'main:甲二小学']);
    expect(n.body).toContain('截至2026年3月2日，下列2个单位的3项整改事项已超过整改期限，仍未完成整改');
    expect(n.body).toContain('一、甲一小学（2项）\n1. 完成食堂后厨改造（整改期限2026年2月20日，已逾期10天；来源：《关于校园安全隐患限期整改的督办通知》');
    expect(n.body).toContain('2. 更换老化消防器材（整改期限2026年2月27日，已逾期3天');
    expect(n.body).toContain('二、甲二小学（1项）\n1. 补齐安全台账（整改期限2026年3月1日，已逾期1天');
    expect(JSON.parse(n.basis)).toEqual([{ title: '关于校园安全隐患限期整改的督办通知', docNo: noticeA.doc_number }]);
    expect(await db().selectFrom('notice_items').select('id').where('notice_id', '=', n.id).execute()).toEqual([]);
    const audit = await db().selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'escalation.bulletin').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([n.id]);
  });

  it('turns them into a 约谈通知 draft with the interview as the recipients\' item', async () => {
    const missing = await officeA.post('/api/escalations', { kind: 'interview', rectificationIds: [e3.id] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].field).toBe('interviewOn');
    const past = await officeA.post('/api/escalations', { kind: 'interview', rectificationIds: [e3.id], interviewOn: '2026-03-01' });
    expect(past.body.error.fields[0]).toMatchObject({ field: 'interviewOn', message: '日期不能早于今天（2026-03-02）' });

    const res = await officeA.post('/api/escalations', {
      kind: 'interview', rectificationIds: [e3.id, e1.id], interviewOn: '2026-03-10', interviewPlace: '县教育局三楼会议室', title: '关于约谈甲一小学等单位负责人的通知',
    });
    expect(res.status).toBe(200);
    const n = await notice(res.body.noticeId);
    expect(n).toMatchObject({ type_key: 'interview', title: '关于约谈甲一小学等单位负责人的通知', escalated_from: 'overdue' });
    expect(await recipients(n.id)).toEqual(['main:甲一小学', 'main:甲二小学']);
    expect(n.body).toContain('请于2026年3月10日到县教育局三楼会议室参加约谈');
    const items = await db().selectFrom('notice_items').selectAll().where('notice_id', '=', n.id).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ deadline: '2026-03-10', unit_ids: null });
    expect(items[0].demand).toContain('约谈时间：2026年3月10日，地点：县教育局三楼会议室');
  });

  it('accepts only items that are overdue today and supervised by the caller\'s office, writing nothing otherwise', async () => {
    const before = await noticeCount();
    const notYet = await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id, e4.id] });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.message).toContain('完善值班制度');
    expect(notYet.body.error.message).toContain('整改中');
    const submitted = await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e5.id] });
    expect(submitted.status).toBe(409);
    const citys = await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id, e6.id] });
    expect(citys.status).toBe(400);
    expect(citys.body.error.fields[0]).toMatchObject({ field: 'rectificationIds', message: '有 1 项整改事项不存在或不由本机构督办' });
    expect((await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e7.id] })).status).toBe(400);
    expect((await officeB.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id] })).status).toBe(400);
    // The city sees county A's items but does not supervise them.
    expect((await cityOffice.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id] })).status).toBe(400);
    expect((await schoolA1.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id] })).status).toBe(403);
    expect((await leaderA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id] })).status).toBe(403);
    expect(await noticeCount()).toBe(before);

    // Once its deadline has passed, the same item is accepted.
    const later = await onDay('2026-03-21T01:00:00Z', officeA, (c) => c.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e4.id] }));
    expect(later.status).toBe(200);
    expect((await notice(later.body.noticeId)).body).toContain('完善值班制度（整改期限2026年3月20日，已逾期1天');
    // The city escalates its own overdue item.
    expect((await cityOffice.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e6.id] })).status).toBe(200);
  });

  it('publishes the bottom of the year\'s ranking as a 通报 draft', async () => {
    const ranking = await officeA.get('/api/rectification-ranking?year=2026');
    expect(ranking.body.items.map((r: { rank: number; unit: { name: string }; score: number }) => [r.rank, r.unit.name, r.score]))
      .toEqual([[1, '甲二小学', 70], [2, '甲一小学', 0]]);
    const res = await officeA.post('/api/rectification-ranking/bulletin', { year: 2026, bottom: 1 });
    expect(res.status).toBe(200);
    const n = await notice(res.body.noticeId);
    expect(n).toMatchObject({ type_key: 'bulletin', status: 'draft', title: '关于2026年度整改工作排名情况的通报', escalated_from: 'ranking:2026' });
    expect(await recipients(n.id)).toEqual(['main:甲一小学']);
    expect(n.body).toContain('对2个单位进行了排名。现将排名后1位的单位通报如下');
    expect(n.body).toContain('1. 甲一小学：整改事项5项，纳入考核4项，按期完成0项，按期完成率0%；整改质量评价好0次、较好0次、一般0次、差0次；综合得分0分，排名第2位。');
    expect(n.body).not.toContain('甲二小学');

    const all = await officeA.post('/api/rectification-ranking/bulletin', { year: 2026 });
    expect(await recipients(all.body.noticeId)).toEqual(['main:甲二小学', 'main:甲一小学']);
    const empty = await officeA.post('/api/rectification-ranking/bulletin', { year: 2030, bottom: 5 });
    expect(empty.status).toBe(409);
    expect(empty.body.error.message).toBe('2030 年度还没有可以排名的单位');
    expect((await officeB.post('/api/rectification-ranking/bulletin', { year: 2026, regionId: countyA.id })).status).toBe(404);
    expect((await leaderA.post('/api/rectification-ranking/bulletin', { year: 2026 })).status).toBe(403);
  });

  it('records accountability measures against a unit, each checked, and shows them to the unit and the offices above', async () => {
    const bulletin = await officeA.post('/api/escalations', { kind: 'bulletin', rectificationIds: [e1.id] });
    const body = { unitId: a1.id, kind: 'criticism', reason: '整改事项逾期未完成', decidedOn: '2026-03-02', noticeId: bulletin.body.noticeId, rectificationId: e1.id };
    const res = await officeA.post('/api/accountability', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unit: { id: a1.id, name: '甲一小学' }, office: { id: countyA.id, name: '甲县' }, kind: 'criticism', kindName: '通报批评', decidedOn: '2026-03-02',
      notice: { id: bulletin.body.noticeId }, rectification: { id: e1.id, demand: '完成食堂后厨改造' },
    });
    await officeA.post('/api/accountability', { unitId: a2.id, kind: 'interview', reason: '约谈校长', decidedOn: '2025-12-01' });

    const refusals: [Record<string, unknown>, string][] = [
      [{ rectificationId: e3.id }, 'rectificationId'],
      [{ rectificationId: e7.id }, 'rectificationId'],
      [{ unitId: b.id, noticeId: null, rectificationId: null }, 'unitId'],
      [{ decidedOn: '2026-03-03' }, 'decidedOn'],
      [{ noticeId: cityNotice.id }, 'noticeId'],
      [{ kind: 'fine' }, 'kind'],
    ];
    for (const [change, field] of refusals) {
      const refused = await officeA.post('/api/accountability', { ...body, ...change });
      expect(refused.status, field).toBe(400);
      expect(refused.body.error.fields[0].field, field).toBe(field);
    }
    expect((await officeB.post('/api/accountability', { ...body, noticeId: null, rectificationId: null })).status).toBe(400);
    expect((await schoolA1.post('/api/accountability', body)).status).toBe(403);

    const names = (r: { body: { items: { unit: { name: string } }[] } }) => r.body.items.map((m) => m.unit.name);
    expect(names(await officeA.get('/api/accountability'))).toEqual(['甲一小学', '甲二小学']);
    expect(names(await officeA.get('/api/accountability?year=2025'))).toEqual(['甲二小学']);
    expect(names(await officeA.get(`/api/accountability?unitId=${a1.id}`))).toEqual(['甲一小学']);
    expect(names(await officeA.get('/api/accountability?kind=interview'))).toEqual(['甲二小学']);
    expect(names(await cityOffice.get('/api/accountability'))).toEqual(['甲一小学', '甲二小学']);
    expect(names(await leaderA.get('/api/accountability'))).toEqual(['甲一小学', '甲二小学']);
    expect(names(await schoolA1.get('/api/accountability'))).toEqual(['甲一小学']);
    expect(names(await schoolA2.get('/api/accountability'))).toEqual(['甲二小学']);
    expect((await officeB.get('/api/accountability')).body.total).toBe(0);
  });

  it('numbers a document\'s sections in Chinese', () => {
    expect([1, 9, 10, 11, 20, 25, 99].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十五', '九十九']);
  });
});
