import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client, type Reply } from '../../../test/http';
import { jpegWithExif, makeProblem, makeTarget, makeTask, makeVisit } from '../../../test/supervision-factories';
import { makeRectification, postReport, type RectificationOptions } from '../../../test/rectification-factories';
import { newId } from '../../platform/ids';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { rectificationActions, rectificationStatuses, statusLabels, type RectificationAction, type RectificationStatus } from './rectification-status';

describe.each(engines)('rectification on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let countyB: RegionsTable;
  let townA: RegionsTable;
  let unitA: UnitsTable;
  let unitB: UnitsTable;
  let cityOffice: Client;
  let countyAOffice: Client;
  let countyBOffice: Client;
  let schoolA: Client;
  let schoolB: Client;
  let cityLeader: Client;
  const accountIds: Record<string, string> = {};
  const usernames: Record<string, string> = {};

  const db = () => world.platform.database.db;
  /** An item of the city's notice at unit A: the school (or county A's office) owns it, the city verifies. */
  const cityItem = (o: Partial<RectificationOptions> = {}) => makeRectification(world, { unit: unitA, office: city, ...o }).then((m) => m.row);
  const message = (r: Reply) => String(r.body?.error?.message ?? '');
  const fieldsOf = (r: Reply) => (r.body?.error?.fields ?? []).map((f: { field: string }) => f.field);

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '整改市' });
    countyA = await makeRegion(world, { parent: city, name: '整改甲县' });
    countyB = await makeRegion(world, { parent: city, name: '整改乙县' });
    townA = await makeRegion(world, { parent: countyA, name: '整改甲镇' });
    const townB = await makeRegion(world, { parent: countyB, name: '整改乙镇' });
    unitA = await makeUnit(world, { region: townA, name: '整改甲镇小学' });
    unitB = await makeUnit(world, { region: townB, name: '整改乙镇小学' });
    const account = async (key: string, opts: Parameters<typeof makeAccount>[1]) => {
      const a = await makeAccount(world, opts);
      accountIds[key] = a.id;
      usernames[key] = a.username;
      return signIn(world, a.username, TEST_PASSWORD);
    };
    cityOffice = await account('cityOffice', { region: city });
    countyAOffice = await account('countyAOffice', { region: countyA });
    countyBOffice = await account('countyBOffice', { region: countyB });
    schoolA = await account('schoolA', { role: 'unit_user', unit: unitA });
    schoolB = await account('schoolB', { role: 'unit_user', unit: unitB });
    cityLeader = await account('cityLeader', { role: 'leader', region: city });
  });
  afterAll(async () => world.close());

  /** A valid request for each action on item `id`; what the owner or the office would send. */
  async function perform(action: Exclude<RectificationAction, 'cancel'>, client: Client, id: string): Promise<Reply> {
    switch (action) {
      case 'plan': return client.post(`/api/rectifications/${id}/plan`, { responsiblePerson: '李校长', measures: '三月底前完成围墙加固。' });
      case 'progress': return postReport(client, world, id, { text: '围墙加固完成一半', percent: '50' }, [{ name: '现场.jpg', content: jpegWithExif() }]);
      case 'submit': return client.post(`/api/rectifications/${id}/submit`, { text: '已全部整改到位' });
      case 'requestExtension': return client.post(`/api/rectifications/${id}/extensions`, { requestedDeadline: '2026-06-30', reason: '施工队雨季停工' });
      case 'sendBack': return client.post(`/api/rectifications/${id}/send-back`, { reason: '佐证照片不清楚' });
      case 'verify': return client.post(`/api/rectifications/${id}/verify`, { method: 'documents', note: '资料齐全', grade: 'good' });
      case 'signOff': return client.post(`/api/rectifications/${id}/sign-off`, {});
      case 'decideExtension': {
        const pending = await db().selectFrom('rectification_extensions').select('id').where('rectification_id', '=', id).where('status', '=', 'pending').executeTakeFirst();
        return client.post(`/api/rectifications/${id}/extensions/${pending?.id ?? newId()}/decide`, { approve: true, note: '同意' });
      }
      case 'reopen': return client.post(`/api/rectifications/${id}/reopen`, { reason: '复查发现围墙再次开裂', deadline: '2026-05-31' });
    }
  }

  async function pendingExtension(id: string, deadline = '2026-04-30') {
    await db().insertInto('rectification_extensions').values({
      id: newId(), rectification_id: id, current_deadline: deadline, requested_deadline: '2026-05-31', reason: '需要更多时间', status: 'pending',
      requested_by: accountIds.schoolA, requested_at: world.clock.now().toISOString(), decided_by: null, decided_at: null, decision_note: null,
    }).execute();
  }

  const actions = (Object.keys(rectificationActions) as RectificationAction[]).filter((a): a is Exclude<RectificationAction, 'cancel'> => a !== 'cancel');

  it('allows each action exactly from the statuses the state table names, and answers 409 naming the status otherwise', async () => {
    for (const action of actions) {
      for (const status of rectificationStatuses) {
        const row = await cityItem({ status, evidence: true });
        if (action === 'decideExtension') await pendingExtension(row.id);
        const client = rectificationActions[action].side === 'owner' ? schoolA : cityOffice;
        const res = await perform(action, client, row.id);
        const label = `${action} from ${status}`;
        const allowed = (rectificationActions[action].from as readonly RectificationStatus[]).includes(status);
        if (allowed) {
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(200);
          const to = rectificationActions[action].to ?? status;
          expect(res.body.status, label).toBe(to);
          const event = await db().selectFrom('rectification_events').selectAll().where('rectification_id', '=', row.id).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
          expect([event.from_status, event.to_status, event.actor_id], label).toEqual([status, to, accountIds[client === schoolA ? 'schoolA' : 'cityOffice']]);
          const audit = await db().selectFrom('audit_log').select('action').where('entity_id', '=', row.id).where('action', '=', `rectification.${action}`).execute();
          expect(audit, label).toHaveLength(1);
        } else {
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(409);
          expect(message(res), label).toContain(statusLabels[status]['zh-CN']);
          const after = await db().selectFrom('rectifications').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
          expect(after.status, label).toBe(status);
        }
      }
    }
  });

  it('refuses a caller who sees the item but is on the other side (403, with the reason), and hides it from everyone outside (404)', async () => {
    for (const action of actions) {
      const side = rectificationActions[action].side;
      const from = (rectificationActions[action].from as readonly RectificationStatus[])[0];
      const row = await cityItem({ status: from, evidence: true });
      if (action === 'decideExtension') await pendingExtension(row.id);
      // The owner's actions by the supervising office; the office's by county A, which answers for the school.
      const wrong = await perform(action, side === 'owner' ? cityOffice : countyAOffice, row.id);
      expect(wrong.status, `${action} by the wrong side`).toBe(403);
      expect(message(wrong), action).toContain(side === 'owner' ? '整改甲镇小学' : '整改市');
      for (const outsider of [countyBOffice, schoolB]) {
        const res = await perform(action, outsider, row.id);
        // A school account lacks the office's permission altogether; otherwise the item simply is not there.
        expect(res.status, `${action} from outside`).toBe(outsider === schoolB && side === 'office' ? 403 : 404);
      }
      const after = await db().selectFrom('rectifications').select(['status', 'updated_at']).where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(after.status, action).toBe(from);
    }
  });

  it('lets an office above the supervising office read an item but take neither side', async () => {
    const row = (await makeRectification(world, { unit: unitA, office: countyA, status: 'submitted' })).row;
    const seen = await cityOffice.get(`/api/rectifications/${row.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.side).toBeNull();
    expect(Object.values(seen.body.abilities).some(Boolean)).toBe(false);
    expect((await perform('verify', cityOffice, row.id)).status).toBe(403);
    expect((await perform('plan', cityOffice, row.id)).status).toBe(403);
    // County A supervises its own item; the school alone answers for it.
    const county = await countyAOffice.get(`/api/rectifications/${row.id}`);
    expect(county.body.side).toBe('office');
    expect(county.body.abilities).toMatchObject({ verify: true, sendBack: true, signOff: false, plan: false });
    expect((await perform('plan', countyAOffice, row.id)).status).toBe(403);
  });

  it('offers each side the actions of its status, and the office answering for a school the owner\'s', async () => {
    const row = await cityItem({ status: 'in_progress' });
    const school = await schoolA.get(`/api/rectifications/${row.id}`);
    expect(school.body.side).toBe('owner');
    expect(school.body.abilities).toEqual({
      plan: true, progress: true, submit: true, requestExtension: true, sendBack: false, verify: false, signOff: false, decideExtension: false, reopen: false,
    });
    expect((await countyAOffice.get(`/api/rectifications/${row.id}`)).body.side).toBe('owner');
    const office = await cityOffice.get(`/api/rectifications/${row.id}`);
    expect(office.body.side).toBe('office');
    expect(Object.entries(office.body.abilities).filter(([, v]) => v).map(([k]) => k)).toEqual([]);
    const leader = await cityLeader.get(`/api/rectifications/${row.id}`);
    expect(leader.body.side).toBeNull();
  });

  it('refuses to submit without evidence and to sign off what nobody verified, each naming why', async () => {
    const bare = await cityItem({ status: 'in_progress', evidence: false });
    const submitted = await schoolA.post(`/api/rectifications/${bare.id}/submit`, { text: '已整改' });
    expect(submitted.status).toBe(409);
    expect(message(submitted)).toContain('佐证');
    const unverified = await cityItem({ status: 'submitted' });
    const signed = await cityOffice.post(`/api/rectifications/${unverified.id}/sign-off`, {});
    expect(signed.status).toBe(409);
    expect(message(signed)).toContain('尚未核验');
    expect(message(signed)).toContain('已提交待核验');
    const en = await signIn(world, (await db().selectFrom('accounts').select('username').where('id', '=', accountIds.cityOffice).executeTakeFirstOrThrow()).username, TEST_PASSWORD, 'en');
    expect(message(await en.post(`/api/rectifications/${unverified.id}/sign-off`, {}))).toContain('has not been verified');
  });

  it('runs the loop: plan, progress with evidence, submit, send back as 差, resubmit, verify on site, sign off — notifying the other side each time', async () => {
    const row = await cityItem();
    const notices = async (key: string) => (await db().selectFrom('notifications').select(['kind', 'title', 'link']).where('account_id', '=', accountIds[key]).where('entity_id', '=', row.id).orderBy('created_at').orderBy('id').execute());

    const planned = await schoolA.post(`/api/rectifications/${row.id}/plan`, { responsiblePerson: '李校长', measures: '加固围墙，增设监控。' });
    expect(planned.body).toMatchObject({ status: 'in_progress', responsiblePerson: '李校长', measures: '加固围墙，增设监控。' });

    const badPercent = await postReport(schoolA, world, row.id, { text: '进展', percent: '101' }, []);
    expect(badPercent.status).toBe(400);
    expect(fieldsOf(badPercent)).toEqual(['percent']);
    const badType = await postReport(schoolA, world, row.id, { text: '进展', percent: '50' }, [{ name: '脚本.exe', content: Buffer.from('MZ') }]);
    expect(badType.status).toBe(400);
    const fake = await postReport(schoolA, world, row.id, { text: '进展', percent: '50' }, [{ name: '照片.jpg', content: Buffer.from('not a jpeg') }]);
    expect(fake.status).toBe(400);
    const tooMany = await postReport(schoolA, world, row.id, { text: '进展', percent: '50' }, Array.from({ length: 11 }, (_, i) => ({ name: `${i}.txt`, content: Buffer.from(`${i}`) })));
    expect(tooMany.status).toBe(400);
    expect(message(tooMany)).toContain('10');
    expect((await schoolA.get(`/api/rectifications/${row.id}`)).body.evidenceCount).toBe(0);

    const report = await postReport(countyAOffice, world, row.id, { text: '围墙已加固', percent: '80' }, [
      { name: '围墙.jpg', content: jpegWithExif() }, { name: '验收单.txt', content: Buffer.from('验收合格') },
    ]);
    expect(report.status).toBe(200);
    expect(report.body.percent).toBe(80);
    const progress = report.body.events.find((e: { kind: string }) => e.kind === 'progress');
    expect(progress).toMatchObject({ text: '围墙已加固', percent: 80 });
    expect(progress.files.map((f: { name: string }) => f.name)).toEqual(['围墙.jpg', '验收单.txt']);
    const photo = await schoolA.get(progress.files[0].url);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await cityOffice.get(progress.files[1].url)).raw.toString()).toBe('验收合格');
    expect((await schoolB.get(progress.files[0].url)).status).toBe(404);
    expect((await countyBOffice.get(progress.files[0].url)).status).toBe(404);
    const otherItem = await cityItem({ evidence: true });
    const foreignFile = (await cityOffice.get(`/api/rectifications/${otherItem.id}`)).body.events.flatMap((e: { files: { id: string }[] }) => e.files)[0];
    expect((await schoolA.get(`/api/rectifications/${row.id}/evidence/${foreignFile.id}/content`)).status).toBe(404);

    const submitted = await schoolA.post(`/api/rectifications/${row.id}/submit`, { text: '已全部整改到位' });
    expect(submitted.body).toMatchObject({ status: 'submitted', percent: 100 });
    expect((await notices('cityOffice')).map((n) => n.kind)).toEqual(['rectification.submitted']);
    expect((await notices('cityOffice'))[0]).toMatchObject({ title: '整改甲镇小学提交了整改结果，请核验', link: `/rectifications/${row.id}` });

    const badGrade = await cityOffice.post(`/api/rectifications/${row.id}/verify`, { method: 'documents', note: '差', grade: 'poor' });
    expect(badGrade.status).toBe(400);
    const back = await cityOffice.post(`/api/rectifications/${row.id}/send-back`, { reason: '佐证不足，缺少监控安装照片', grade: 'poor' });
    expect(back.body).toMatchObject({ status: 'in_progress', grade: 'poor', sentBackCount: 1 });
    expect(back.body.events.at(-1)).toMatchObject({ kind: 'send_back', text: '佐证不足，缺少监控安装照片', grade: 'poor', fromStatus: 'submitted', toStatus: 'in_progress' });
    for (const owner of ['schoolA', 'countyAOffice']) expect((await notices(owner)).map((n) => n.kind)).toContain('rectification.sent_back');
    expect((await notices('countyBOffice'))).toHaveLength(0);

    await postReport(schoolA, world, row.id, { text: '监控已安装', percent: '100' }, [{ name: '监控.jpg', content: jpegWithExif() }]);
    await schoolA.post(`/api/rectifications/${row.id}/submit`, { text: '补充了监控照片' });

    const noVisit = await cityOffice.post(`/api/rectifications/${row.id}/verify`, { method: 'on_site', note: '现场查看', grade: 'fair' });
    expect(noVisit.status).toBe(400);
    expect(fieldsOf(noVisit)).toEqual(['visitId']);
    const task = await makeTask(world, city);
    const elsewhere = await makeVisit(world, task, await makeTarget(world, task, { unit: unitB }), accountIds.cityOffice);
    const wrongVisit = await cityOffice.post(`/api/rectifications/${row.id}/verify`, { method: 'on_site', visitId: elsewhere.id, note: '现场查看', grade: 'fair' });
    expect(wrongVisit.status).toBe(400);
    const visit = await makeVisit(world, task, await makeTarget(world, task, { unit: unitA }), accountIds.cityOffice, { status: 'submitted', visit_date: '2026-03-02' });
    const verified = await cityOffice.post(`/api/rectifications/${row.id}/verify`, { method: 'on_site', visitId: visit.id, note: '现场查看，整改到位', grade: 'fair' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', grade: 'fair', verification: { method: 'on_site', visit: { id: visit.id, visitDate: '2026-03-02' }, note: '现场查看，整改到位' } });
    expect((await notices('schoolA')).at(-1)?.title).toBe('整改结果已通过核验，评价为“较好”');

    const signed = await cityOffice.post(`/api/rectifications/${row.id}/sign-off`, { note: '同意销号' });
    expect(signed.body).toMatchObject({ status: 'signed_off', light: 'none' });
    expect(signed.body.signedOffAt).toBeTruthy();
    expect(signed.body.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'plan', 'progress', 'submit', 'send_back', 'progress', 'submit', 'verify', 'sign_off']);
    expect(signed.body.events.filter((e: { grade: string | null }) => e.grade).map((e: { grade: string }) => e.grade)).toEqual(['poor', 'fair']);
    expect((await notices('schoolA')).map((n) => n.kind)).toEqual(['rectification.sent_back', 'rectification.verified', 'rectification.signed_off']);
  });

  it('handles extension requests: one pending at a time, after the deadline, approved (moving it) or refused', async () => {
    const row = await cityItem({ status: 'in_progress', deadline: '2026-04-30' });
    const early = await schoolA.post(`/api/rectifications/${row.id}/extensions`, { requestedDeadline: '2026-04-30', reason: '来不及' });
    expect(early.status).toBe(400);
    expect(fieldsOf(early)).toEqual(['requestedDeadline']);
    const asked = await schoolA.post(`/api/rectifications/${row.id}/extensions`, { requestedDeadline: '2026-05-31', reason: '施工队雨季停工' });
    expect(asked.status).toBe(200);
    expect(asked.body.abilities.requestExtension).toBe(false);
    expect(asked.body.extensions).toMatchObject([{ currentDeadline: '2026-04-30', requestedDeadline: '2026-05-31', status: 'pending' }]);
    expect((await schoolA.post(`/api/rectifications/${row.id}/extensions`, { requestedDeadline: '2026-06-30', reason: '再延' })).status).toBe(409);
    expect((await db().selectFrom('notifications').select('kind').where('account_id', '=', accountIds.cityOffice).where('entity_id', '=', row.id).execute()).map((n) => n.kind))
      .toEqual(['rectification.extension_requested']);
    const office = await cityOffice.get(`/api/rectifications/${row.id}`);
    expect(office.body.abilities.decideExtension).toBe(true);
    const extensionId = asked.body.extensions[0].id;
    expect((await countyAOffice.post(`/api/rectifications/${row.id}/extensions/${extensionId}/decide`, { approve: true })).status).toBe(403);
    const approved = await cityOffice.post(`/api/rectifications/${row.id}/extensions/${extensionId}/decide`, { approve: true, note: '同意延期一个月' });
    expect(approved.body).toMatchObject({ deadline: '2026-05-31', originalDeadline: '2026-04-30', status: 'in_progress' });
    expect(approved.body.extensions[0]).toMatchObject({ status: 'approved', decisionNote: '同意延期一个月' });
    expect((await cityOffice.post(`/api/rectifications/${row.id}/extensions/${extensionId}/decide`, { approve: false })).status).toBe(409);

    const again = await schoolA.post(`/api/rectifications/${row.id}/extensions`, { requestedDeadline: '2026-07-31', reason: '仍需时间' });
    const refused = await cityOffice.post(`/api/rectifications/${row.id}/extensions/${again.body.extensions[1].id}/decide`, { approve: false, note: '不同意' });
    expect(refused.body).toMatchObject({ deadline: '2026-05-31', originalDeadline: '2026-04-30' });
    expect(refused.body.extensions.map((x: { status: string }) => x.status)).toEqual(['approved', 'refused']);
    expect(refused.body.events.map((e: { kind: string }) => e.kind).slice(-4)).toEqual(['extension_requested', 'extension_approved', 'extension_requested', 'extension_refused']);
    const owner = await db().selectFrom('notifications').select('title').where('account_id', '=', accountIds.schoolA).where('entity_id', '=', row.id).orderBy('created_at').orderBy('id').execute();
    expect(owner.map((n) => n.title)).toEqual(['延期申请已批准，新的整改时限 2026-05-31', '延期申请未获批准，整改时限仍为 2026-05-31']);

    // Submitting while a request waits withdraws it: nothing is left for the office to decide.
    await schoolA.post(`/api/rectifications/${row.id}/extensions`, { requestedDeadline: '2026-08-31', reason: '再申请' });
    await postReport(schoolA, world, row.id, { text: '完成', percent: '100' }, [{ name: 'a.txt', content: Buffer.from('done') }]);
    const done = await schoolA.post(`/api/rectifications/${row.id}/submit`, { text: '提前完成' });
    expect(done.body.extensions.at(-1).status).toBe('withdrawn');
    expect((await cityOffice.get(`/api/rectifications/${row.id}`)).body.abilities.decideExtension).toBe(false);

    const stale = await cityItem({ status: 'in_progress', deadline: '2026-03-01' });
    const notLater = await schoolA.post(`/api/rectifications/${stale.id}/extensions`, { requestedDeadline: '2026-03-01', reason: '逾期' });
    expect(notLater.status).toBe(400);
    expect(fieldsOf(notLater)).toEqual(['requestedDeadline']);
    const yesterday = await schoolA.post(`/api/rectifications/${(await cityItem({ status: 'in_progress', deadline: '2026-02-20' })).id}/extensions`, { requestedDeadline: '2026-03-01', reason: '逾期' });
    expect(yesterday.status).toBe(400);
    expect(message(yesterday)).toContain('2026-03-02');
  });

  it('reopens a signed-off item after re-inspection with a new deadline, never one in the past', async () => {
    const row = await cityItem({ status: 'signed_off' });
    const past = await cityOffice.post(`/api/rectifications/${row.id}/reopen`, { reason: '复查发现', deadline: '2026-03-01' });
    expect(past.status).toBe(400);
    expect(fieldsOf(past)).toEqual(['deadline']);
    const reopened = await cityOffice.post(`/api/rectifications/${row.id}/reopen`, { reason: '复查发现围墙再次开裂', deadline: '2026-05-31' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopenedCount: 1, deadline: '2026-05-31', percent: 0, verification: null, signedOffAt: null });
    expect(reopened.body.events.at(-1)).toMatchObject({ kind: 'reopen', text: '复查发现围墙再次开裂', fromStatus: 'signed_off', toStatus: 'in_progress' });
    expect((await db().selectFrom('notifications').select('kind').where('account_id', '=', accountIds.schoolA).where('entity_id', '=', row.id).execute()).map((n) => n.kind)).toEqual(['rectification.reopened']);
  });

  it('puts a problem under rectification, and the problem\'s status follows its item: open → rectifying → closed → rectifying', async () => {
    const problem = await makeProblem(world, townA, { unit: unitA, description: '校门口缺少减速带' });
    const status = async () => (await db().selectFrom('problems').select('status').where('id', '=', problem.id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('open');
    const before = await countyAOffice.get(`/api/problems/${problem.id}/rectifications`);
    expect(before.body).toEqual({ items: [], abilities: { open: true } });
    expect((await schoolA.get(`/api/problems/${problem.id}/rectifications`)).body.abilities.open).toBe(false);

    const past = await countyAOffice.post(`/api/problems/${problem.id}/rectification`, { deadline: '2026-03-01' });
    expect(past.status).toBe(400);
    expect(fieldsOf(past)).toEqual(['deadline']);
    expect((await countyBOffice.post(`/api/problems/${problem.id}/rectification`, { deadline: '2026-04-30' })).status).toBe(404);
    expect((await schoolA.post(`/api/problems/${problem.id}/rectification`, { deadline: '2026-04-30' })).status).toBe(403);
    expect(await status()).toBe('open');

    const opened = await countyAOffice.post(`/api/problems/${problem.id}/rectification`, { deadline: '2026-03-02' });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ origin: 'problem', status: 'pending', demand: '校门口缺少减速带', deadline: '2026-03-02', unit: { id: unitA.id }, office: { id: countyA.id } });
    expect(opened.body.problems).toMatchObject([{ id: problem.id, status: 'rectifying' }]);
    expect(await status()).toBe('rectifying');
    expect((await db().selectFrom('notifications').select('kind').where('account_id', '=', accountIds.schoolA).where('entity_id', '=', opened.body.id).execute()).map((n) => n.kind)).toEqual(['rectification.opened']);
    const twice = await countyAOffice.post(`/api/problems/${problem.id}/rectification`, { deadline: '2026-04-30' });
    expect(twice.status).toBe(409);
    const listed = await schoolA.get(`/api/problems/${problem.id}/rectifications`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([opened.body.id]);

    const id = opened.body.id;
    await schoolA.post(`/api/rectifications/${id}/plan`, { responsiblePerson: '王校长', measures: '安装减速带' });
    await postReport(schoolA, world, id, { text: '已安装', percent: '100' }, [{ name: '减速带.jpg', content: jpegWithExif() }]);
    await schoolA.post(`/api/rectifications/${id}/submit`, { text: '已安装减速带' });
    expect(await status()).toBe('rectifying');
    await countyAOffice.post(`/api/rectifications/${id}/verify`, { method: 'documents', note: '照片清楚', grade: 'good' });
    expect(await status()).toBe('rectifying');
    await countyAOffice.post(`/api/rectifications/${id}/sign-off`, {});
    expect(await status()).toBe('closed');
    await countyAOffice.post(`/api/rectifications/${id}/reopen`, { reason: '复查发现减速带损坏', deadline: '2026-04-15' });
    expect(await status()).toBe('rectifying');

    const regionOnly = await makeProblem(world, townA, { description: '全镇问题' });
    const noUnit = await countyAOffice.post(`/api/problems/${regionOnly.id}/rectification`, { deadline: '2026-04-30' });
    expect(noUnit.status).toBe(409);
    // The city office may put county A's problem under rectification; then the county answers for its school.
    const cityProblem = await makeProblem(world, townA, { unit: unitA });
    const byCity = await cityOffice.post(`/api/problems/${cityProblem.id}/rectification`, { deadline: '2026-04-30', demand: '限期整改到位' });
    expect(byCity.body).toMatchObject({ office: { id: city.id }, demand: '限期整改到位' });
    expect((await countyAOffice.get(`/api/rectifications/${byCity.body.id}`)).body.side).toBe('owner');
  });

  it('lights each item from its deadline and today, as the clock moves: green, yellow within three days, red once overdue', async () => {
    const row = await cityItem({ deadline: '2026-03-10', demand: '灯号测试事项' });
    const done = await cityItem({ deadline: '2026-03-03', status: 'submitted', demand: '灯号测试事项（已提交）' });
    // Sessions go idle when the clock jumps: sign in anew at each moment, and leave the shared clients alone.
    let school = await signIn(world, usernames.schoolA, TEST_PASSWORD);
    let office = await signIn(world, usernames.cityOffice, TEST_PASSWORD);
    const at = async (iso: string) => {
      world.clock.set(new Date(iso));
      school = await signIn(world, usernames.schoolA, TEST_PASSWORD);
      office = await signIn(world, usernames.cityOffice, TEST_PASSWORD);
    };
    const light = async (id: string) => (await school.get(`/api/rectifications/${id}`)).body;
    const start = world.clock.now();
    try {
      expect(await light(row.id)).toMatchObject({ light: 'green', overdue: false, daysLeft: 8 });
      await at('2026-03-07T01:00:00Z');
      expect(await light(row.id)).toMatchObject({ light: 'yellow', daysLeft: 3 });
      const yellow = await office.get(`/api/rectifications?light=yellow&q=${encodeURIComponent('灯号测试')}`);
      expect(yellow.body.items.map((i: { id: string }) => i.id)).toEqual([row.id]);
      await at('2026-03-10T15:59:00Z');
      expect(await light(row.id)).toMatchObject({ light: 'yellow', daysLeft: 0 });
      // Midnight in China: the deadline has passed.
      await at('2026-03-10T16:01:00Z');
      expect(await light(row.id)).toMatchObject({ light: 'red', overdue: true, daysLeft: -1 });
      expect(await light(done.id)).toMatchObject({ light: 'none', overdue: false });
      const red = await office.get(`/api/rectifications?light=red&q=${encodeURIComponent('灯号测试')}`);
      expect(red.body.items.map((i: { id: string }) => i.id)).toEqual([row.id]);
      const overdue = await office.get(`/api/rectifications?overdue=true&q=${encodeURIComponent('灯号测试')}`);
      expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([row.id]);
      const notOverdue = await office.get(`/api/rectifications?overdue=false&q=${encodeURIComponent('灯号测试')}`);
      expect(notOverdue.body.items.map((i: { id: string }) => i.id)).toEqual([done.id]);
      expect((await office.get(`/api/rectifications?light=green&q=${encodeURIComponent('灯号测试')}`)).body.total).toBe(0);
    } finally {
      world.clock.set(start);
    }
  });

  it('filters and sorts the ledger, and shows each caller only its own items: a school its unit, a county its county', async () => {
    const own = await makeRectification(world, { unit: unitA, office: countyA, deadline: '2026-05-20', demand: '台账甲县自办' });
    const cityA = await makeRectification(world, { unit: unitA, office: city, deadline: '2026-05-10', demand: '台账市督甲县' });
    const cityB = await makeRectification(world, { unit: unitB, office: city, deadline: '2026-05-15', demand: '台账市督乙县', notice: cityA.notice! });
    const q = `q=${encodeURIComponent('台账')}`;
    const idsOf = async (c: Client, query = '') => (await c.get(`/api/rectifications?${q}&sort=deadline&order=asc${query}`)).body.items.map((i: { id: string }) => i.id);
    expect(await idsOf(cityOffice)).toEqual([cityA.row.id, cityB.row.id, own.row.id]);
    expect(await idsOf(countyAOffice)).toEqual([cityA.row.id, own.row.id]);
    expect(await idsOf(countyBOffice)).toEqual([cityB.row.id]);
    expect(await idsOf(schoolA)).toEqual([cityA.row.id, own.row.id]);
    expect(await idsOf(schoolB)).toEqual([cityB.row.id]);
    expect((await schoolB.get(`/api/rectifications/${cityA.row.id}`)).status).toBe(404);

    expect(await idsOf(cityOffice, `&noticeId=${cityA.notice!.id}`)).toEqual([cityA.row.id, cityB.row.id]);
    expect(await idsOf(cityOffice, `&regionId=${countyB.id}`)).toEqual([cityB.row.id]);
    expect(await idsOf(schoolA, `&regionId=${countyB.id}`)).toEqual([]);
    expect(await idsOf(cityOffice, `&unitId=${unitA.id}`)).toEqual([cityA.row.id, own.row.id]);
    expect(await idsOf(cityOffice, '&from=2026-05-12&to=2026-05-20')).toEqual([cityB.row.id, own.row.id]);
    expect(await idsOf(cityOffice, '&periodOn=created&from=2026-03-02&to=2026-03-02')).toEqual([cityA.row.id, cityB.row.id, own.row.id]);
    expect(await idsOf(cityOffice, '&periodOn=created&from=2026-03-03')).toEqual([]);
    expect(await idsOf(cityOffice, '&origin=problem')).toEqual([]);
    expect((await cityOffice.get(`/api/rectifications?${q}&sort=deadline&order=desc`)).body.items[0].id).toBe(own.row.id);
    const row = (await cityOffice.get(`/api/rectifications?${q}&noticeId=${cityA.notice!.id}&pageSize=1`)).body;
    expect(row.total).toBe(2);
    expect(row.items[0]).toMatchObject({
      unit: { id: unitA.id, name: '整改甲镇小学' }, office: { id: city.id, name: '整改市' }, notice: { id: cityA.notice!.id, docNumber: cityA.notice!.doc_number, title: cityA.notice!.title },
      status: 'pending', light: 'green', originalDeadline: null,
    });
    expect((await cityOffice.get('/api/rectifications?light=purple')).status).toBe(400);
    // Opened without a sort, the ledger puts what is still owed first, most urgent first, and the rest after, latest first.
    const ledgerUnit = await makeUnit(world, { region: countyB });
    const made = await Promise.all([
      makeRectification(world, { unit: ledgerUnit, office: city, status: 'signed_off', deadline: '2025-06-30' }),
      makeRectification(world, { unit: ledgerUnit, office: city, status: 'in_progress', deadline: '2026-06-30' }),
      makeRectification(world, { unit: ledgerUnit, office: city, status: 'signed_off', deadline: '2025-12-31' }),
      makeRectification(world, { unit: ledgerUnit, office: city, status: 'pending', deadline: '2026-04-01' }),
    ]);
    const opened = await cityOffice.get(`/api/rectifications?unitId=${ledgerUnit.id}`);
    expect(opened.body.items.map((i: { id: string }) => i.id)).toEqual([made[3].row.id, made[1].row.id, made[2].row.id, made[0].row.id]);
    // The detail names the supervising office as it signs, not its region.
    const detail = await cityOffice.get(`/api/rectifications/${cityA.row.id}`);
    expect(detail.body.office).toEqual({ id: city.id, name: '整改市人民政府教育督导委员会办公室' });
  });
});
