import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { Client, signIn } from '../../../test/http';
import { makeProblem } from '../../../test/supervision-factories';
import { makeNotice } from '../../../test/notices-factories';
import { createDatabase } from '../../platform/db/database';
import { createPlatform } from '../../platform/platform';
import { buildApp } from '../../app';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';

describe.each(engines)('notices on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let countyB: RegionsTable;
  let town: RegionsTable;
  let school1: UnitsTable;
  let school2: UnitsTable;
  let countyGov: UnitsTable;
  let ownOffice: UnitsTable;
  let schoolB: UnitsTable;
  let drafter: Client;
  let approver: Client;
  let leader: Client;
  let officeB: Client;
  let cityOffice: Client;
  let school1User: Client;
  let school2User: Client;
  let drafterId: string;
  let approverId: string;
  let school1UserId: string;

  const db = () => world.platform.database.db;
  const draft = (over: Record<string, unknown> = {}) => ({
    typeKey: 'supervision_notice', title: '关于做好春季开学督导整改工作的通知', body: '一、总体要求。请各学校对照问题清单认真整改。\n请按时报送整改情况。',
    recipients: [{ unitId: school1.id, kind: 'main' }, { unitId: school2.id, kind: 'main' }, { unitId: countyGov.id, kind: 'copy' }],
    items: [{ demand: '完成校舍安全隐患排查', deadline: '2026-04-30' }],
    ...over,
  });
  /** A notice taken through the whole approval by the drafter and the approver. */
  async function issued(over: Record<string, unknown> = {}, by = drafter) {
    const created = await by.post('/api/notices', draft(over));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect((await by.post(`/api/notices/${created.body.id}/submit`)).status).toBe(200);
    expect((await approver.post(`/api/notices/${created.body.id}/approve`, {})).status).toBe(200);
    const res = await by.post(`/api/notices/${created.body.id}/issue`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '巴中市' });
    countyA = await makeRegion(world, { parent: city, name: '恩阳区' });
    countyB = await makeRegion(world, { parent: city, name: '平昌县' });
    town = await makeRegion(world, { parent: countyA, name: '登科街道' });
    school1 = await makeUnit(world, { region: town, name: '登科小学' });
    school2 = await makeUnit(world, { region: town, name: '登科中学' });
    countyGov = await makeUnit(world, { region: countyA, name: '恩阳区人民政府', kind: 'government', school_code: null, stage: null, ownership: null });
    ownOffice = await makeUnit(world, { region: countyA, name: '恩阳区人民政府教育督导室', kind: 'supervision_office', school_code: null, stage: null, ownership: null });
    schoolB = await makeUnit(world, { region: countyB, name: '平昌中学' });
    const d = await makeAccount(world, { region: countyA });
    const a = await makeAccount(world, { region: countyA });
    drafterId = d.id;
    approverId = a.id;
    drafter = await signIn(world, d.username, TEST_PASSWORD);
    approver = await signIn(world, a.username, TEST_PASSWORD);
    leader = await signIn(world, (await makeAccount(world, { role: 'leader', region: countyA })).username, TEST_PASSWORD);
    officeB = await signIn(world, (await makeAccount(world, { region: countyB })).username, TEST_PASSWORD);
    cityOffice = await signIn(world, (await makeAccount(world, { region: city })).username, TEST_PASSWORD);
    const s1 = await makeAccount(world, { role: 'unit_user', unit: school1 });
    school1UserId = s1.id;
    school1User = await signIn(world, s1.username, TEST_PASSWORD);
    school2User = await signIn(world, (await makeAccount(world, { role: 'unit_user', unit: school2 })).username, TEST_PASSWORD);
  });
  afterAll(async () => world.close());

  it('takes a notice from draft through approval to issue, numbering it and opening an item per demand and unit', async () => {
    const problem = await makeProblem(world, town, { unit: school1, description: '校舍存在安全隐患' });
    const created = await drafter.post('/api/notices', draft({
      basis: [{ title: '关于开展春季开学专项督导的通知', docNo: '巴市教督办〔2026〕1号' }],
      items: [{ demand: '完成校舍安全隐患排查', deadline: '2026-04-30' }, { demand: '整改校舍隐患', deadline: '2026-05-31', unitIds: [school1.id], problemIds: [problem.id] }],
    }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'draft', docNumber: null, issuerName: '恩阳区人民政府教育督导室', counts: { main: 2, copy: 1 }, nextDeadline: '2026-04-30',
      abilities: { edit: true, submit: true, approve: false, issue: false }, side: 'office',
    });
    expect(created.body.items[1]).toMatchObject({ allMain: false, units: [{ name: '登科小学' }], problems: [{ id: problem.id }] });
    const id = created.body.id;

    expect((await drafter.patch(`/api/notices/${id}`, { title: '关于做好春季开学督导问题整改工作的通知' })).body.title).toBe('关于做好春季开学督导问题整改工作的通知');
    expect((await drafter.post(`/api/notices/${id}/issue`)).status).toBe(409);
    const submitted = await drafter.post(`/api/notices/${id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'submitted', abilities: { edit: false, approve: false } });
    const approverNotes = await db().selectFrom('notifications').select('kind').where('account_id', '=', approverId).where('entity_id', '=', id).execute();
    expect(approverNotes.map((n) => n.kind)).toEqual(['notice.submitted']);
    expect((await drafter.patch(`/api/notices/${id}`, { title: '再改' })).status).toBe(409);
    const own = await drafter.post(`/api/notices/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('不能签发自己起草的文书');
    expect((await leader.get(`/api/notices/${id}`)).body.abilities).toMatchObject({ approve: true, return: true, issue: false });

    const approved = await leader.post(`/api/notices/${id}/approve`, { note: '同意印发' });
    expect(approved.body).toMatchObject({ status: 'approved', approvalNote: '同意印发', approvedBy: { name: expect.stringContaining('测试用户') } });
    expect((await leader.post(`/api/notices/${id}/issue`)).status).toBe(403);

    const out = await drafter.post(`/api/notices/${id}/issue`);
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toMatchObject({ status: 'issued', docNumber: '恩阳教督办〔2026〕1号', issueDate: '2026-03-02', issuedBy: { id: drafterId } });
    expect(out.body.items[0].rectifications).toHaveLength(2);
    expect(out.body.items[1].rectifications).toEqual([expect.objectContaining({ unitId: school1.id, status: 'pending' })]);
    const rows = await db().selectFrom('rectifications').select(['unit_id', 'office_region_path', 'deadline', 'origin']).where('notice_id', '=', id).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.office_region_path === countyA.path && r.origin === 'notice')).toBe(true);
    expect((await db().selectFrom('problems').select('status').where('id', '=', problem.id).executeTakeFirstOrThrow()).status).toBe('rectifying');
    const linked = await db().selectFrom('rectification_problems').select('problem_id').execute();
    expect(linked.map((l) => l.problem_id)).toContain(problem.id);
    const told = await db().selectFrom('notifications').select(['kind', 'link']).where('account_id', '=', school1UserId).where('entity_id', '=', id).execute();
    expect(told).toEqual([{ kind: 'notice.issued', link: `/notices/${id}` }]);
    const trail = await db().selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', id).where('action', 'like', 'notice.%').orderBy('seq').execute();
    expect(trail.map((t) => t.action)).toEqual(['notice.create', 'notice.update', 'notice.submit', 'notice.approve', 'notice.issue']);
    expect(trail.find((t) => t.action === 'notice.issue')!.actor_id).toBe(drafterId);
    expect((await drafter.patch(`/api/notices/${id}`, { title: 'x' })).status).toBe(409);
  });

  it('returns a submitted notice to draft with a note, and the drafter edits it again', async () => {
    const { body } = await drafter.post('/api/notices', draft());
    await drafter.post(`/api/notices/${body.id}/submit`);
    const noNote = await approver.post(`/api/notices/${body.id}/return`, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields[0].field).toBe('note');
    const back = await approver.post(`/api/notices/${body.id}/return`, { note: '请补充整改时限' });
    expect(back.body).toMatchObject({ status: 'draft', approvalNote: '请补充整改时限', submittedAt: null, abilities: { edit: true } });
    expect((await drafter.patch(`/api/notices/${body.id}`, { items: [{ demand: '补充时限后的事项', deadline: '2026-05-10' }] })).body.items).toHaveLength(1);
    expect((await approver.post(`/api/notices/${body.id}/approve`, {})).status).toBe(409);
  });

  it('refuses bad drafts with the field and the reason, writing nothing', async () => {
    const before = (await db().selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const past = await drafter.post('/api/notices', draft({ items: [{ demand: '过期事项', deadline: '2026-03-01' }] }));
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual([{ field: 'items.0.deadline', message: '时限 2026-03-01 早于今天（2026-03-02）' }]);
    const outside = await drafter.post('/api/notices', draft({ recipients: [{ unitId: schoolB.id, kind: 'main' }, { unitId: ownOffice.id, kind: 'copy' }], items: [] }));
    expect(outside.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['recipients.0.unitId', 'recipients.1.unitId']);
    const notMain = await drafter.post('/api/notices', draft({ items: [{ demand: '事项', deadline: '2026-04-01', unitIds: [countyGov.id] }] }));
    expect(notMain.body.error.fields).toEqual([{ field: 'items.0.unitIds', message: '“恩阳区人民政府”不是本文书的主送单位' }]);
    const twice = await drafter.post('/api/notices', draft({ recipients: [{ unitId: school1.id, kind: 'main' }, { unitId: school1.id, kind: 'copy' }] }));
    expect(twice.body.error.fields[0]).toMatchObject({ field: 'recipients.1.unitId' });
    const foreignProblem = await makeProblem(world, countyB, { unit: schoolB });
    const problem = await drafter.post('/api/notices', draft({ items: [{ demand: '事项', deadline: '2026-04-01', problemIds: [foreignProblem.id] }] }));
    expect(problem.body.error.fields[0]).toMatchObject({ field: 'items.0.problemIds' });
    const elsewhere = await makeProblem(world, town, { unit: school2 });
    const wrongUnit = await drafter.post('/api/notices', draft({ items: [{ demand: '事项', deadline: '2026-04-01', unitIds: [school1.id], problemIds: [elsewhere.id] }] }));
    expect(wrongUnit.body.error.fields[0].message).toContain('不是该事项的主送单位');
    expect((await drafter.post('/api/notices', draft({ typeKey: 'no_such_type' }))).body.error.fields[0]).toMatchObject({ field: 'typeKey' });
    const noTitle = await drafter.post('/api/notices', draft({ title: '' }));
    expect(noTitle.body.error.fields[0]).toMatchObject({ field: 'title', message: '标题：不能为空' });
    expect((await drafter.post('/api/notices', draft({ regionId: countyB.id }))).status).toBe(403);
    expect((await db().selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);

    const empty = await drafter.post('/api/notices', draft({ recipients: [{ unitId: countyGov.id, kind: 'copy' }], items: [] }));
    const noMain = await drafter.post(`/api/notices/${empty.body.id}/submit`);
    expect(noMain.body.error.fields).toEqual([{ field: 'recipients', message: '至少需要一个主送单位' }]);

    // A deadline that passed while the notice waited (aged here in the table) is refused at issue; the series is untouched.
    const waiting = await drafter.post('/api/notices', draft({ typeKey: 'warning', items: [{ demand: '限期事项', deadline: '2026-03-10' }] }));
    await drafter.post(`/api/notices/${waiting.body.id}/submit`);
    await approver.post(`/api/notices/${waiting.body.id}/approve`, {});
    await db().updateTable('notice_items').set({ deadline: '2026-03-01' }).where('notice_id', '=', waiting.body.id).execute();
    const late = await drafter.post(`/api/notices/${waiting.body.id}/issue`);
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0]).toMatchObject({ field: 'items.0.deadline' });
    expect(await db().selectFrom('document_counters').selectAll().where('type_key', '=', 'warning').executeTakeFirst()).toBeUndefined();
  });

  it('keeps a withdrawn notice\'s number, gives the next notice the next one, and leaves no gap when an issue fails', async () => {
    const first = await issued({ typeKey: 'bulletin' });
    expect(first.docNumber).toBe('恩阳教督通〔2026〕1号');
    expect((await drafter.post(`/api/notices/${first.id}/withdraw`, {})).status).toBe(400);
    const withdrawn = await drafter.post(`/api/notices/${first.id}/withdraw`, { reason: '通报对象有误' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', docNumber: '恩阳教督通〔2026〕1号', withdrawnReason: '通报对象有误' });
    expect(withdrawn.body.items[0].rectifications.every((r: { status: string }) => r.status === 'cancelled')).toBe(true);
    expect((await issued({ typeKey: 'bulletin' })).docNumber).toBe('恩阳教督通〔2026〕2号');

    const gone = await makeUnit(world, { region: town, name: '即将撤并的小学' });
    const failing = await drafter.post('/api/notices', draft({ typeKey: 'bulletin', recipients: [{ unitId: gone.id, kind: 'main' }] }));
    await drafter.post(`/api/notices/${failing.body.id}/submit`);
    await approver.post(`/api/notices/${failing.body.id}/approve`, {});
    await db().updateTable('units').set({ active: 0 }).where('id', '=', gone.id).execute();
    const refused = await drafter.post(`/api/notices/${failing.body.id}/issue`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('即将撤并的小学');
    expect((await drafter.get(`/api/notices/${failing.body.id}`)).body).toMatchObject({ status: 'approved', docNumber: null });
    expect(await db().selectFrom('rectifications').select('id').where('notice_id', '=', failing.body.id).execute()).toEqual([]);
    await db().updateTable('units').set({ active: 1 }).where('id', '=', gone.id).execute();
    expect((await drafter.post(`/api/notices/${failing.body.id}/issue`)).body.docNumber).toBe('恩阳教督通〔2026〕3号');
    const counter = await db().selectFrom('document_counters').selectAll().where('region_id', '=', countyA.id).where('type_key', '=', 'bulletin').executeTakeFirstOrThrow();
    expect(counter).toMatchObject({ year: 2026, last_number: 3 });
  });

  it('gives fifty notices issued at the same moment fifty consecutive numbers', async () => {
    const approved = await Promise.all(Array.from({ length: 50 }, (_, i) => makeNotice(world, countyA, {
      draftedBy: drafterId, status: 'approved', typeKey: 'urgent', title: `并发印发测试${i}`, recipients: [{ unit: school1 }],
    })));
    const replies = await Promise.all(approved.map((n) => drafter.post(`/api/notices/${n.id}/issue`)));
    expect(replies.map((r) => r.status)).toEqual(approved.map(() => 200));
    const serials = replies.map((r) => Number(/〔2026〕(\d+)号/.exec(r.body.docNumber)![1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it.runIf(engine === 'postgres')('numbers without gaps or repeats when two app processes issue at the same moment', async () => {
    const database = createDatabase(process.env.TEST_DATABASE_URL!, { schema: world.platform.database.schema!, poolSize: 5 });
    const app = await buildApp(createPlatform(world.config, database, world.clock), { logger: false });
    await app.ready();
    try {
      const other = new Client({ ...world, app } as TestWorld);
      other.cookie = drafter.cookie;
      other.csrf = drafter.csrf;
      const approved = await Promise.all(Array.from({ length: 50 }, (_, i) => makeNotice(world, countyA, {
        draftedBy: drafterId, status: 'approved', typeKey: 'interview', title: `两进程印发测试${i}`, recipients: [{ unit: school1 }],
      })));
      const replies = await Promise.all(approved.map((n, i) => (i % 2 ? other : drafter).post(`/api/notices/${n.id}/issue`)));
      expect(replies.map((r) => r.status)).toEqual(approved.map(() => 200));
      const serials = replies.map((r) => Number(/〔2026〕(\d+)号/.exec(r.body.docNumber)![1])).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('lets each addressed unit acknowledge once and reply, and shows the office who has not', async () => {
    const n = await issued({ title: '关于报送整改情况的通知' });
    const waitingAck = await drafter.get('/api/notices?waiting=acknowledgement&pageSize=200');
    expect(waitingAck.body.items.map((x: { id: string }) => x.id)).toContain(n.id);

    const inbox = await school1User.get('/api/inbox?state=unacknowledged&pageSize=200');
    const row = inbox.body.items.find((r: { notice: { id: string } }) => r.notice.id === n.id);
    expect(row).toMatchObject({ kind: 'main', unit: { id: school1.id }, acknowledgedAt: null, abilities: { acknowledge: true, reply: true } });
    expect(row.items).toEqual([expect.objectContaining({ seq: 1, deadline: '2026-04-30', rectification: expect.objectContaining({ status: 'pending' }) })]);

    const ack = await school1User.post(`/api/notices/${n.id}/acknowledge`, {});
    expect(ack.body).toMatchObject({ acknowledgedAt: '2026-03-02T01:00:00.000Z', acknowledgedByName: expect.stringContaining('测试用户') });
    world.clock.advanceMinutes(1);
    const again = await school1User.post(`/api/notices/${n.id}/acknowledge`, {});
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe('2026-03-02T01:00:00.000Z');

    expect((await school1User.post(`/api/notices/${n.id}/replies`, { unitId: countyGov.id, body: '代县政府回复' })).status).toBe(403);
    const notAddressed = await school1User.post(`/api/notices/${n.id}/replies`, { unitId: ownOffice.id, body: '回复' });
    expect(notAddressed.status).toBe(400);
    expect(notAddressed.body.error.fields[0]).toEqual({ field: 'unitId', message: '该单位不是本文书的收文单位' });
    const replied = await school1User.post(`/api/notices/${n.id}/replies`, { body: '已完成隐患排查，报告见附件。' });
    expect(replied.body.repliedAt).not.toBeNull();
    expect((await drafter.post(`/api/notices/${n.id}/acknowledge`, {})).status).toBe(403);

    const office = await drafter.get(`/api/notices/${n.id}`);
    expect(office.body.counts).toMatchObject({ main: 2, acknowledged: 1, replied: 1 });
    expect(office.body.recipients.map((r: { unit: { name: string }; acknowledgedAt: string | null; repliedAt: string | null }) => [r.unit.name, !!r.acknowledgedAt, !!r.repliedAt]))
      .toEqual([['登科小学', true, true], ['登科中学', false, false], ['恩阳区人民政府', false, false]]);
    expect(office.body.replies).toEqual([expect.objectContaining({ unit: { id: school1.id, name: '登科小学' }, body: '已完成隐患排查，报告见附件。' })]);
    expect((await drafter.get('/api/notices?waiting=reply&pageSize=200')).body.items.map((x: { id: string }) => x.id)).toContain(n.id);

    // The second school sees its own part only; the copy recipient acknowledges but does not reply.
    const seen = await school2User.get(`/api/notices/${n.id}`);
    expect(seen.body).toMatchObject({ side: 'recipient', replies: [], recipients: [{ unit: { id: school2.id } }] });
    const copy = await drafter.post('/api/notices', draft({ recipients: [{ unitId: school1.id, kind: 'main' }, { unitId: school2.id, kind: 'copy' }], items: [] }));
    await drafter.post(`/api/notices/${copy.body.id}/submit`);
    await approver.post(`/api/notices/${copy.body.id}/approve`, {});
    await drafter.post(`/api/notices/${copy.body.id}/issue`);
    expect((await school2User.post(`/api/notices/${copy.body.id}/acknowledge`, {})).status).toBe(200);
    const copyReply = await school2User.post(`/api/notices/${copy.body.id}/replies`, { body: '收到' });
    expect(copyReply.status).toBe(400);
    expect(copyReply.body.error.message).toContain('抄送单位');

    await drafter.post(`/api/notices/${n.id}/withdraw`, { reason: '重新发文' });
    expect((await school1User.post(`/api/notices/${n.id}/replies`, { body: '再次回复' })).status).toBe(409);
    expect((await school2User.post(`/api/notices/${n.id}/acknowledge`, {})).status).toBe(409);
  });

  it('lets a county office answer for its schools when the city writes, and keeps other counties out', async () => {
    const n = await cityOffice.post('/api/notices', draft({ recipients: [{ unitId: school1.id, kind: 'main' }, { unitId: schoolB.id, kind: 'main' }] }));
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    expect(n.body.issuerName).toBe('巴中市人民政府教育督导委员会办公室');
    const cityApprover = await signIn(world, (await makeAccount(world, { role: 'leader', region: city })).username, TEST_PASSWORD);
    await cityOffice.post(`/api/notices/${n.body.id}/submit`);
    expect((await drafter.post(`/api/notices/${n.body.id}/approve`, {})).status).toBe(404);
    await cityApprover.post(`/api/notices/${n.body.id}/approve`, {});
    const out = await cityOffice.post(`/api/notices/${n.body.id}/issue`);
    expect(out.body.docNumber).toBe('巴市教督办〔2026〕1号');

    const countyInbox = await drafter.get('/api/inbox?pageSize=200');
    const mine = countyInbox.body.items.filter((r: { notice: { id: string } }) => r.notice.id === n.body.id);
    expect(mine.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([school1.id]);
    const onBehalf = await drafter.post(`/api/notices/${n.body.id}/acknowledge`, { unitId: school1.id });
    expect(onBehalf.body).toMatchObject({ unit: { id: school1.id }, acknowledgedAt: expect.any(String) });
    expect((await drafter.post(`/api/notices/${n.body.id}/acknowledge`, { unitId: schoolB.id })).status).toBe(403);
    const detail = await drafter.get(`/api/notices/${n.body.id}`);
    expect(detail.body).toMatchObject({ side: 'recipient', recipients: [{ unit: { id: school1.id } }], abilities: { edit: false, withdraw: false } });
    expect((await officeB.get('/api/inbox?pageSize=200')).body.items.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([schoolB.id]);
  });

  it('shows another county nothing of the drafts, and a unit only what was issued to it', async () => {
    const { body } = await drafter.post('/api/notices', draft({ title: '尚未印发的草稿' }));
    expect((await officeB.get(`/api/notices/${body.id}`)).status).toBe(404);
    expect((await officeB.get('/api/notices?q=尚未印发')).body.total).toBe(0);
    expect((await officeB.get(`/api/notices/${body.id}/document.pdf`)).status).toBe(404);
    expect((await leader.get('/api/notices?q=尚未印发')).body.total).toBe(1);
    expect((await school1User.get(`/api/notices/${body.id}`)).status).toBe(404);
    expect((await school1User.get('/api/notices?q=尚未印发')).body.total).toBe(0);
    expect((await school1User.post('/api/notices', draft())).status).toBe(403);

    const n = await issued({ title: '只发给登科小学的通知', recipients: [{ unitId: school1.id, kind: 'main' }] });
    expect((await school1User.get(`/api/notices/${n.id}`)).body).toMatchObject({ side: 'recipient', abilities: { edit: false, acknowledge: true } });
    expect((await school2User.get(`/api/notices/${n.id}`)).status).toBe(404);
    expect((await school2User.get('/api/inbox?pageSize=200')).body.items.map((r: { notice: { id: string } }) => r.notice.id)).not.toContain(n.id);
    expect((await officeB.get(`/api/notices/${n.id}`)).status).toBe(404);
    const mine = await drafter.get('/api/notices?side=office&status=issued&q=只发给');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([n.id]);
  });

  it('keeps a dictionary of types an office extends, and number patterns per type', async () => {
    const types = await drafter.get('/api/notice-types');
    expect(types.body.filter((t: { region: unknown }) => t.region === null).map((t: { name: string }) => t.name))
      .toEqual(['督办通知', '督办函', '工作提示函', '预警通知', '紧急通知', '反馈意见', '通报', '约谈通知']);
    const added = await drafter.post('/api/notice-types', { nameZh: '整改通知书' });
    expect(added.body).toMatchObject({ nameZh: '整改通知书', nameEn: '整改通知书', region: { id: countyA.id }, active: true, abilities: { update: true } });
    expect((await officeB.get('/api/notice-types')).body.map((t: { key: string }) => t.key)).not.toContain(added.body.key);
    expect((await officeB.patch(`/api/notice-types/${added.body.key}`, { nameZh: '改名' })).status).toBe(404);
    expect((await drafter.patch('/api/notice-types/bulletin', { nameZh: '改名' })).status).toBe(403);
    expect((await drafter.post('/api/notice-types', { key: 'bulletin', nameZh: '重复' })).status).toBe(409);

    const patterns = await drafter.get('/api/notice-number-patterns');
    expect(patterns.body.find((p: { typeKey: string }) => p.typeKey === added.body.key)).toMatchObject({ pattern: '恩阳教督整〔{year}〕{n}号', isDefault: true, nextNumber: '恩阳教督整〔2026〕1号' });
    const bad = await drafter.put('/api/notice-number-patterns', { typeKey: added.body.key, pattern: '恩阳教督整〔{year}〕号' });
    expect(bad.body.error.fields[0].field).toBe('pattern');
    const clash = await drafter.put('/api/notice-number-patterns', { typeKey: added.body.key, pattern: '恩阳教督办〔{year}〕{n}号' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields[0].message).toContain('督办通知');
    const set = await drafter.put('/api/notice-number-patterns', { typeKey: added.body.key, pattern: '恩教整改〔{year}〕{n}号' });
    expect(set.body).toMatchObject({ isDefault: false, nextNumber: '恩教整改〔2026〕1号' });
    expect((await issued({ typeKey: added.body.key })).docNumber).toBe('恩教整改〔2026〕1号');
    expect((await drafter.get('/api/notice-number-patterns')).body.find((p: { typeKey: string }) => p.typeKey === added.body.key).nextNumber).toBe('恩教整改〔2026〕2号');
    expect((await drafter.put('/api/notice-number-patterns', { typeKey: added.body.key, pattern: null })).body.isDefault).toBe(true);

    await drafter.patch(`/api/notice-types/${added.body.key}`, { active: false });
    expect((await drafter.post('/api/notices', draft({ typeKey: added.body.key }))).body.error.fields[0]).toMatchObject({ field: 'typeKey' });
    expect((await school1User.get('/api/notice-types')).body.map((t: { key: string }) => t.key)).not.toContain(added.body.key);
  });

  it('takes attachments while a draft, serves them to recipients, and closes a notice once its items are signed off', async () => {
    const { body } = await drafter.post('/api/notices', draft({ recipients: [{ unitId: school1.id, kind: 'main' }] }));
    const file = await drafter.upload(`/api/notices/${body.id}/attachments`, { file: { name: '整改台账模板.txt', content: Buffer.from('序号,问题,措施') } });
    expect(file.body).toMatchObject({ name: '整改台账模板.txt', mime: 'text/plain' });
    const spare = await drafter.upload(`/api/notices/${body.id}/attachments`, { file: { name: '多余.txt', content: Buffer.from('x') } });
    expect((await drafter.request('DELETE', `/api/notices/${body.id}/attachments/${spare.body.id}`)).status).toBe(204);
    expect((await drafter.upload(`/api/notices/${body.id}/attachments`, { file: { name: 'evil.exe', content: Buffer.from('MZ') } })).status).toBe(400);
    await drafter.post(`/api/notices/${body.id}/submit`);
    expect((await drafter.upload(`/api/notices/${body.id}/attachments`, { file: { name: '迟到.txt', content: Buffer.from('x') } })).status).toBe(409);
    await approver.post(`/api/notices/${body.id}/approve`, {});
    const out = await drafter.post(`/api/notices/${body.id}/issue`);
    expect(out.body.attachments.map((a: { name: string }) => a.name)).toEqual(['整改台账模板.txt']);
    const content = await school1User.get(out.body.attachments[0].url);
    expect(content.status).toBe(200);
    expect(content.raw.toString()).toBe('序号,问题,措施');
    expect((await school2User.get(out.body.attachments[0].url)).status).toBe(404);

    const closing = await drafter.post(`/api/notices/${body.id}/close`);
    expect(closing.status).toBe(409);
    expect(closing.body.error.message).toContain('1 项整改事项未销号');
    await db().updateTable('rectifications').set({ status: 'signed_off' }).where('notice_id', '=', body.id).execute();
    expect((await drafter.post(`/api/notices/${body.id}/close`)).body).toMatchObject({ status: 'closed', closedAt: expect.any(String), abilities: { close: false, withdraw: true } });
  });

  it('lists the office\'s notices by status, type and year, sorted and paged', async () => {
    const list = await drafter.get('/api/notices?side=office&status=issued&sort=issuedAt&order=desc&pageSize=2&page=1');
    expect(list.body.items).toHaveLength(2);
    expect(list.body.total).toBeGreaterThan(2);
    expect(list.body.items[0].issuedAt >= list.body.items[1].issuedAt).toBe(true);
    const byType = await drafter.get('/api/notices?typeKey=urgent&year=2026&pageSize=200');
    expect(byType.body.items.every((n: { type: { key: string } }) => n.type.key === 'urgent')).toBe(true);
    expect((await drafter.get('/api/notices?year=2025')).body.total).toBe(0);
    expect((await drafter.get(`/api/notices?q=${encodeURIComponent('恩阳教督办〔2026〕1号')}`)).body.items[0].docNumber).toBe('恩阳教督办〔2026〕1号');
    expect((await drafter.get('/api/notices?status=nonsense')).body.error.fields[0].field).toBe('status');
  });
});
