import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { makeNotice, makeRectification, requestExtension } from '../../../test/workbench-factories';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { notifyAccounts } from './notify';

interface Entry { kind: string; entityId: string; deadline: string | null; light: string; unit: string | null; title: string; link: string; requestedDeadline: string | null }

describe.each(engines)('the workbench on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let countyB: RegionsTable;
  let schoolA: UnitsTable;
  let schoolB: UnitsTable;
  const ids: Record<string, string> = {};
  const clients: Record<string, Client> = {};

  const notify = (accountId: string, title: string) =>
    world.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, world.platform, [accountId], { kind: 'test', title, link: '/my-work' }));

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '工作台市' });
    countyA = await makeRegion(world, { parent: city, name: '工作台甲县' });
    countyB = await makeRegion(world, { parent: city, name: '工作台乙县' });
    const townA = await makeRegion(world, { parent: countyA });
    const townB = await makeRegion(world, { parent: countyB });
    schoolA = await makeUnit(world, { region: townA, name: '甲县实验小学' });
    schoolB = await makeUnit(world, { region: townB, name: '乙县实验小学' });
    const accounts = {
      school: await makeAccount(world, { role: 'unit_user', unit: schoolA }),
      schoolB: await makeAccount(world, { role: 'unit_user', unit: schoolB }),
      county: await makeAccount(world, { region: countyA }),
      countyDrafter: await makeAccount(world, { region: countyA }),
      city: await makeAccount(world, { region: city }),
      cityLeader: await makeAccount(world, { role: 'leader', region: city }),
      countyBLeader: await makeAccount(world, { role: 'leader', region: countyB }),
      sysadmin: await makeAccount(world, { role: 'sysadmin' }),
    };
    for (const [name, a] of Object.entries(accounts)) {
      ids[name] = a.id;
      clients[name] = await signIn(world, a.username, TEST_PASSWORD);
    }
  });
  afterAll(async () => world.close());

  describe('notifications', () => {
    it('lists the caller\'s own notifications, newest first, with the unread count and an unread filter', async () => {
      for (const title of ['第一条', '第二条', '第三条']) {
        await notify(ids.school, title);
        world.clock.advanceMinutes(1);
      }
      await notify(ids.schoolB, '别人的消息');
      const page = await clients.school.get('/api/notifications?pageSize=2');
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 3, unreadCount: 3, page: 1, pageSize: 2 });
      expect(page.body.items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条']);
      expect(page.body.items[0]).toMatchObject({ kind: 'test', link: '/my-work', readAt: null });

      const [latest] = page.body.items;
      const read = await clients.school.post(`/api/notifications/${latest.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBe(world.clock.now().toISOString());
      world.clock.advanceMinutes(5);
      expect((await clients.school.post(`/api/notifications/${latest.id}/read`)).body.readAt).toBe(read.body.readAt);

      const unread = await clients.school.get('/api/notifications?unread=true');
      expect(unread.body).toMatchObject({ total: 2, unreadCount: 2 });
      expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['第二条', '第一条']);
    });

    it('never shows or marks another account\'s notification: its id is not found', async () => {
      const theirs = (await clients.schoolB.get('/api/notifications')).body.items[0];
      expect((await clients.school.post(`/api/notifications/${theirs.id}/read`)).status).toBe(404);
      expect((await clients.school.post('/api/notifications/no-such-id/read')).status).toBe(404);
      expect((await clients.schoolB.get('/api/notifications')).body).toMatchObject({ unreadCount: 1, items: [{ readAt: null }] });
    });

    it('marks all of the caller\'s notifications read, and only theirs', async () => {
      const res = await clients.school.post('/api/notifications/read-all');
      expect(res.body).toEqual({ updated: 2, unreadCount: 0 });
      expect((await clients.school.get('/api/notifications?unread=true')).body.total).toBe(0);
      expect((await clients.schoolB.get('/api/notifications')).body.unreadCount).toBe(1);
    });
  });

  describe('my work', () => {
    // Today is 2026-03-02 (China); yellow within 3 days.
    let outstanding: Record<string, string> = {};

    beforeAll(async () => {
      const main = (unit: UnitsTable, acknowledged = false, replied = false) => ({ unit, kind: 'main' as const, acknowledged, replied });
      const toAcknowledge = await makeNotice(world, { office: city, draftedBy: ids.city, title: '关于校园安全的督办通知', deadlines: ['2026-03-20', '2026-03-15'], recipients: [main(schoolA), main(schoolB)] });
      const toReply = await makeNotice(world, { office: city, draftedBy: ids.city, title: '关于课后服务的督办函', deadlines: ['2026-03-04'], recipients: [main(schoolA, true)] });
      const copyUnread = await makeNotice(world, { office: city, draftedBy: ids.city, title: '抄送的工作提示函', recipients: [{ unit: schoolA, kind: 'copy' }] });
      await makeNotice(world, { office: city, draftedBy: ids.city, title: '已回复的通知', deadlines: ['2026-03-03'], recipients: [main(schoolA, true, true)] });
      await makeNotice(world, { office: city, draftedBy: ids.city, title: '已签收的抄送', recipients: [{ unit: schoolA, kind: 'copy', acknowledged: true }] });
      // Closed: still to acknowledge (the notices' rule), no longer to reply to.
      const closed = await makeNotice(world, { office: city, draftedBy: ids.city, title: '已关闭的通知', status: 'closed', recipients: [main(schoolA)] });
      await makeNotice(world, { office: city, draftedBy: ids.city, title: '已关闭且已签收的通知', status: 'closed', recipients: [main(schoolA, true)] });
      await makeNotice(world, { office: city, draftedBy: ids.city, title: '已撤回的通知', status: 'withdrawn', recipients: [main(schoolA)] });
      const returned = await makeNotice(world, { office: countyA, draftedBy: ids.countyDrafter, title: '被退回的县级通知', status: 'draft', approvalNote: '请补充整改期限', recipients: [main(schoolA)] });
      await makeNotice(world, { office: countyA, draftedBy: ids.countyDrafter, title: '从未提交的草稿', status: 'draft', recipients: [main(schoolA)] });
      const cityDraft = await makeNotice(world, { office: city, draftedBy: ids.city, title: '待审批的市级通知', status: 'submitted', deadlines: ['2026-04-01'], recipients: [main(schoolA)] });
      const countyDraft = await makeNotice(world, { office: countyA, draftedBy: ids.countyDrafter, title: '待审批的县级通知', status: 'submitted', recipients: [main(schoolA)] });
      await makeNotice(world, { office: countyA, draftedBy: ids.county, title: '自己起草的通知', status: 'submitted', recipients: [main(schoolA)] });

      const overdue = await makeRectification(world, { unit: schoolA, office: city, deadline: '2026-02-27', demand: '逾期未整改的事项', noticeId: toAcknowledge.id });
      const soon = await makeRectification(world, { unit: schoolA, office: city, deadline: '2026-03-04', status: 'in_progress', demand: '即将到期的事项' });
      const later = await makeRectification(world, { unit: schoolA, office: city, deadline: '2026-05-01', demand: '期限较远的事项' });
      await makeRectification(world, { unit: schoolA, office: city, deadline: '2026-03-05', status: 'submitted', demand: '已提交的市级事项' });
      await makeRectification(world, { unit: schoolB, office: city, deadline: '2026-03-05', demand: '乙县的事项' });
      const countyOwned = await makeRectification(world, { unit: schoolA, office: countyA, deadline: '2026-03-10', demand: '县里督办的事项' });
      await requestExtension(world, countyOwned, ids.school, '2026-04-10');
      const toVerify = await makeRectification(world, { unit: schoolA, office: countyA, deadline: '2026-03-08', status: 'submitted', demand: '待核验的事项' });
      const toSignOff = await makeRectification(world, { unit: schoolA, office: countyA, deadline: '2026-03-09', status: 'verified', demand: '待销号的事项' });
      await makeRectification(world, { unit: schoolA, office: countyA, deadline: '2026-03-09', status: 'signed_off', demand: '已销号的事项' });
      outstanding = {
        toAcknowledge: toAcknowledge.id, toReply: toReply.id, copyUnread: copyUnread.id, closed: closed.id, returned: returned.id, cityDraft: cityDraft.id, countyDraft: countyDraft.id,
        overdue: overdue.id, soon: soon.id, later: later.id, countyOwned: countyOwned.id, toVerify: toVerify.id, toSignOff: toSignOff.id,
      };
    });

    const list = async (client: Client, query = '') => {
      const res = await client.get(`/api/my-work${query}`);
      expect(res.status).toBe(200);
      return res.body as { today: string; items: Entry[]; counts: Record<string, number>; total: number };
    };

    it('shows a school what waits on it, the earliest deadline first, with lights and links', async () => {
      const work = await list(clients.school);
      expect(work.today).toBe('2026-03-02');
      expect(work.items.map((e) => [e.kind, e.entityId, e.deadline, e.light])).toEqual([
        ['submit', outstanding.overdue, '2026-02-27', 'red'],
        ['reply', outstanding.toReply, '2026-03-04', 'yellow'],
        ['submit', outstanding.soon, '2026-03-04', 'yellow'],
        ['submit', outstanding.countyOwned, '2026-03-10', 'green'],
        ['acknowledge', outstanding.toAcknowledge, '2026-03-15', 'green'],
        ['submit', outstanding.later, '2026-05-01', 'green'],
        ['acknowledge', outstanding.copyUnread, null, 'none'],
        ['acknowledge', outstanding.closed, null, 'none'],
      ]);
      expect(work.counts).toEqual({ acknowledge: 3, reply: 1, approve: 0, returned: 0, submit: 4, verify: 0, sign_off: 0, decide_extension: 0 });
      expect(work.total).toBe(8);
      expect(work.items[0]).toMatchObject({ title: '逾期未整改的事项', link: `/rectifications/${outstanding.overdue}`, unit: '甲县实验小学', context: '关于校园安全的督办通知' });
      expect(work.items.find((e) => e.kind === 'reply')).toMatchObject({ title: '关于课后服务的督办函', link: `/notices/${outstanding.toReply}` });
    });

    it('filters by kind and caps each kind while the counts stay whole', async () => {
      const submit = await list(clients.school, '?kind=submit&limit=2');
      expect(submit.items.map((e) => e.entityId)).toEqual([outstanding.overdue, outstanding.soon]);
      expect(submit.counts.submit).toBe(4);
      expect(submit.counts.acknowledge).toBe(3);
      expect((await clients.school.get('/api/my-work?kind=nothing')).status).toBe(400);
    });

    it('shows a county office the notices it answers for, the items it owns, verifies, signs off and decides, and drafts to approve', async () => {
      const work = await list(clients.county);
      expect(work.counts).toEqual({ acknowledge: 3, reply: 1, approve: 1, returned: 0, submit: 3, verify: 1, sign_off: 1, decide_extension: 1 });
      const byKind = (kind: string) => work.items.filter((e) => e.kind === kind).map((e) => e.entityId);
      // The county answers for its school when the city writes; it never owns what it supervises itself.
      expect(byKind('submit')).toEqual([outstanding.overdue, outstanding.soon, outstanding.later]);
      expect(byKind('verify')).toEqual([outstanding.toVerify]);
      expect(byKind('sign_off')).toEqual([outstanding.toSignOff]);
      expect(work.items.find((e) => e.kind === 'decide_extension')).toMatchObject({ entityId: outstanding.countyOwned, requestedDeadline: '2026-04-10', deadline: '2026-03-10' });
      // Someone else's draft, not its own.
      expect(byKind('approve')).toEqual([outstanding.countyDraft]);
      expect(work.items.find((e) => e.kind === 'verify')!.light).toBe('none');
    });

    it('shows an approver the drafts waiting in the offices its scope covers, and nothing it cannot act on', async () => {
      const work = await list(clients.cityLeader);
      expect(work.counts).toEqual({ acknowledge: 0, reply: 0, approve: 3, returned: 0, submit: 0, verify: 0, sign_off: 0, decide_extension: 0 });
      expect(work.items.map((e) => [e.title, e.deadline])).toEqual([['待审批的市级通知', '2026-04-01'], ['待审批的县级通知', null], ['自己起草的通知', null]]);
      // The city staff member drafted the city's notice and approves only the county's two; the other county's leader sees none.
      expect((await list(clients.city)).items.filter((e) => e.kind === 'approve').map((e) => e.title)).toEqual(['待审批的县级通知', '自己起草的通知']);
      expect((await list(clients.countyBLeader)).total).toBe(0);
      expect((await list(clients.sysadmin)).total).toBe(0);
    });

    it('shows a drafter the draft the approver returned, with the note, and what it may approve of others', async () => {
      const work = await list(clients.countyDrafter);
      expect(work.counts).toMatchObject({ approve: 1, returned: 1 });
      expect(work.items.find((e) => e.kind === 'returned')).toMatchObject({ entityId: outstanding.returned, title: '被退回的县级通知', context: '请补充整改期限', link: `/notices/${outstanding.returned}` });
      expect(work.items.find((e) => e.kind === 'approve')!.title).toBe('自己起草的通知');
    });

    it('shows the other county\'s school only its own work', async () => {
      const work = await list(clients.schoolB);
      expect(work.items.map((e) => [e.kind, e.title])).toEqual([['submit', '乙县的事项'], ['acknowledge', '关于校园安全的督办通知']]);
    });
  });

  describe('deadline settings', () => {
    it('are read by anyone signed in and changed only by the system administrator, audited', async () => {
      expect((await clients.school.get('/api/settings/rectification')).body).toEqual({ remindDaysBefore: 3, overdueEveryDays: 3, yellowDays: 3 });
      expect((await clients.county.put('/api/settings/rectification', { remindDaysBefore: 5, overdueEveryDays: 2, yellowDays: 7 })).status).toBe(403);
      const bad = await clients.sysadmin.put('/api/settings/rectification', { remindDaysBefore: 0, overdueEveryDays: 2, yellowDays: 7 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].field).toBe('remindDaysBefore');
      expect(bad.body.error.message).toContain('到期前提醒天数');
      const res = await clients.sysadmin.put('/api/settings/rectification', { remindDaysBefore: 5, overdueEveryDays: 2, yellowDays: 8 });
      expect(res.body).toEqual({ remindDaysBefore: 5, overdueEveryDays: 2, yellowDays: 8 });
      expect((await clients.school.get('/api/settings/rectification')).body.yellowDays).toBe(8);
      const audit = await world.platform.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.rectification.update').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!)).toEqual({ before: { remindDaysBefore: 3, overdueEveryDays: 3, yellowDays: 3 }, after: { remindDaysBefore: 5, overdueEveryDays: 2, yellowDays: 8 } });
      // The lights follow: 2026-03-04 and 2026-03-10 are within 8 days, 2026-05-01 further.
      const lights = (await clients.school.get('/api/my-work?kind=submit')).body.items.map((e: Entry) => e.light);
      expect(lights).toEqual(['red', 'yellow', 'yellow', 'green']);
    });
  });

  describe('e-mail addresses for notifications', () => {
    it('are set by a user on their profile and shown masked', async () => {
      const res = await clients.school.put('/api/auth/profile', { displayName: '甲校联络员', locale: 'zh-CN', email: 'liaison@jiaxian.example.cn' });
      expect(res.status).toBe(200);
      expect(res.body.emailMasked).toBe('l***@jiaxian.example.cn');
      expect((await clients.school.get('/api/auth/session')).body.account.emailMasked).toBe('l***@jiaxian.example.cn');
      const row = await world.platform.database.db.selectFrom('accounts').select('email').where('id', '=', ids.school).executeTakeFirstOrThrow();
      expect(row.email).toBe('liaison@jiaxian.example.cn');
      // Leaving it out keeps it; null clears it; a malformed one is refused by name.
      await clients.school.put('/api/auth/profile', { displayName: '甲校联络员', locale: 'zh-CN' });
      expect((await clients.school.get('/api/auth/session')).body.account.emailMasked).toBe('l***@jiaxian.example.cn');
      const bad = await clients.school.put('/api/auth/profile', { displayName: '甲校联络员', locale: 'zh-CN', email: 'not-an-address' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].field).toBe('email');
      await clients.school.put('/api/auth/profile', { displayName: '甲校联络员', locale: 'zh-CN', email: null });
      expect((await clients.school.get('/api/auth/session')).body.account.emailMasked).toBeNull();
    });

    it('are given by an office on the accounts it manages and shown masked in lists', async () => {
      const created = await clients.county.post('/api/accounts', {
        username: `mailuser${Date.now() % 100000}`, displayName: '邮件用户', role: 'unit_user', scopeUnitId: schoolA.id, email: 'head@jiaxian.example.cn', password: 'Mail#Pass2026',
      });
      expect(created.status).toBe(200);
      expect(created.body.emailMasked).toBe('h***@jiaxian.example.cn');
      const updated = await clients.county.patch(`/api/accounts/${created.body.id}`, { email: 'office@jiaxian.example.cn' });
      expect(updated.body.emailMasked).toBe('o***@jiaxian.example.cn');
      const listed = await clients.county.get(`/api/accounts?q=${created.body.username}`);
      expect(listed.body.items[0].emailMasked).toBe('o***@jiaxian.example.cn');
      expect(JSON.stringify(listed.body)).not.toContain('office@jiaxian.example.cn');
    });
  });
});
