import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { makeProblem } from '../../../test/supervision-factories';
import { notificationsOf } from '../../../test/workbench-factories';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { defaultSecuritySettings, writeSecuritySettings } from '../../platform/security-settings';
import { runAccountabilityReminders } from './oversight.accountability-reminders';

const out = path.resolve('test-output');

describe.each(engines)('accountability cases (问责) on %s', (engine) => {
  let world: TestWorld;
  let townA: RegionsTable;
  let a1: UnitsTable;
  let a2: UnitsTable;
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  const who = ['officeA', 'leaderA', 'cityOffice', 'schoolA1', 'schoolA2', 'officeB', 'sysadmin'] as const;
  type Who = (typeof who)[number];

  /** 10:00 in China on that day, and `name` signed in then (moving the clock ends idle sessions). */
  const on = async (day: string, name: Who): Promise<Client> => {
    world.clock.set(new Date(`${day}T02:00:00Z`));
    return signIn(world, names.get(name)!, TEST_PASSWORD);
  };
  const db = () => world.platform.database.db;

  beforeAll(async () => {
    world = await openWorld(engine);
    // The procedure runs over months: passwords must not age out of the accounts meanwhile.
    await writeSecuritySettings(db(), { ...defaultSecuritySettings(30), passwordMaxAgeDays: 0 }, world.clock);
    const province = await makeRegion(world, { level: 'province' });
    const city = await makeRegion(world, { parent: province, name: '问责市' });
    const countyA = await makeRegion(world, { parent: city, name: '问责甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '问责乙县' });
    townA = await makeRegion(world, { parent: countyA, name: '问责甲镇' });
    a1 = await makeUnit(world, { region: townA, name: '问责甲一小学' });
    a2 = await makeUnit(world, { region: townA, name: '问责甲二小学' });
    const accounts: Record<Who, Parameters<typeof makeAccount>[1]> = {
      officeA: { region: countyA }, leaderA: { role: 'leader', region: countyA }, cityOffice: { region: city },
      schoolA1: { role: 'unit_user', unit: a1 }, schoolA2: { role: 'unit_user', unit: a2 }, officeB: { region: countyB }, sysadmin: { role: 'sysadmin' },
    };
    for (const name of who) {
      const a = await makeAccount(world, accounts[name]);
      names.set(name, a.username);
      ids.set(name, a.id);
    }
  });
  afterAll(async () => world.close());

  /** A problem at the unit found on `foundOn`, and a case proposed against the unit for it on `day`. */
  const propose = async (day: string, foundOn: string, unit = a1, title = '问责测试案件') => {
    const problem = await makeProblem(world, townA, { unit, found_on: foundOn });
    const office = await on(day, 'officeA');
    return office.post('/api/accountability-cases', { unitId: unit.id, title, sourceKind: 'problem', sourceId: problem.id });
  };
  const act = (c: Client, id: string, body: object) => c.post(`/api/accountability-cases/${id}/actions`, body);

  /** A case taken to its decision, every step on `day`. */
  const decided = async (day: string, unit = a1, measureKind = 'criticism') => {
    const id = (await propose(day, day, unit)).body.id as string;
    const office = await on(day, 'officeA');
    for (const action of ['open', 'notify', 'hear', 'opinion']) expect((await act(office, id, { action, on: day, text: `${action} 记录` })).status).toBe(200);
    expect((await (await on(day, 'leaderA')).post(`/api/accountability-cases/${id}/approval`, { action: 'approve', text: '同意' })).status).toBe(200);
    const res = await act(await on(day, 'officeA'), id, { action: 'decide', on: day, facts: '整改不力', basis: '《教育督导问责办法》第六条', measureKind, effectiveOn: day });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return id;
  };

  it('takes a case through the whole procedure: investigation, notice, statement, opinion, approval, decision, publication, review, appeal, correction', async () => {
    const created = await propose('2026-03-02', '2026-03-01');
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      status: 'proposed', unit: { id: a1.id }, source: { kind: 'problem', endedOn: '2026-03-01', label: expect.stringMatching(/^测试问题/) }, deadlines: { open: '2026-04-30' },
      due: { key: 'open', date: '2026-04-30', daysLeft: 59, state: 'ok' }, decision: null, recentEvents: 1, heavier: false,
    });

    let office = await on('2026-03-05', 'officeA');
    expect((await act(office, id, { action: 'open', on: '2026-03-05', text: '成立调查认定工作组：张三、李四' })).body.status).toBe('investigating');
    const investigated = await act(office, id, { action: 'investigate', on: '2026-03-05', text: '调阅整改台账，现场核查' });
    const stepId = investigated.body.steps.at(-1).id as string;
    const note = { fields: { entityType: 'accountability_step', entityId: stepId }, file: { name: '调查笔录.txt', content: Buffer.from('调查笔录') } };
    expect((await office.upload('/api/files', note)).status).toBe(200);
    // Only whoever took a step attaches to it.
    expect((await (await on('2026-03-05', 'schoolA1')).upload('/api/files', note)).status).toBe(404);

    office = await on('2026-03-12', 'officeA');
    const notified = await act(office, id, { action: 'notify', on: '2026-03-12', text: '书面告知问责事实、依据及陈述申辩权利' });
    // Five working days after Thursday 12 March: Friday, then Monday to Thursday.
    expect(notified.body).toMatchObject({ status: 'notified', deadlines: { statement: '2026-03-19' }, due: { key: 'statement', state: 'warning' } });

    let school = await on('2026-03-19', 'schoolA1');
    expect((await school.get(`/api/accountability-cases/${id}`)).body.abilities.actions).toEqual(['state']);
    expect((await school.post(`/api/accountability-cases/${id}/actions`, { action: 'hear', on: '2026-03-19', text: 'x' })).status).toBe(403);
    const heard = await school.post(`/api/accountability-cases/${id}/responses`, { action: 'state', text: '我校已制定整改方案，申请从轻处理' });
    expect(heard.body).toMatchObject({ status: 'heard' });
    expect(heard.body.steps.at(-1)).toMatchObject({ action: 'state', on: '2026-03-19', text: '我校已制定整改方案，申请从轻处理' });
    expect(heard.body.steps.find((s: { id: string }) => s.id === stepId).files.map((f: { name: string }) => f.name)).toEqual(['调查笔录.txt']);

    office = await on('2026-03-20', 'officeA');
    expect((await act(office, id, { action: 'opinion', on: '2026-03-20', text: '建议予以通报批评，已征求委员意见' })).body.status).toBe('opinion');
    const leader = await on('2026-03-23', 'leaderA');
    expect((await leader.post(`/api/accountability-cases/${id}/actions`, { action: 'decide', on: '2026-03-23', facts: 'x', basis: 'x', measureKind: 'criticism', effectiveOn: '2026-03-23' })).status).toBe(403);
    expect((await leader.post(`/api/accountability-cases/${id}/approval`, { action: 'approve', text: '同意' })).body.status).toBe('approved');

    office = await on('2026-03-25', 'officeA');
    const decision = await act(office, id, {
      action: 'decide', on: '2026-03-25', facts: '问责甲一小学食堂问题整改逾期未完成', basis: '《教育督导问责办法》第十二条', measureKind: 'criticism',
      effectiveOn: '2026-03-26', docNumber: '问甲教督问〔2026〕1号',
    });
    expect(decision.body).toMatchObject({
      status: 'decided', deadlines: { reviewRequest: '2026-04-24', appealRequest: '2026-04-09' },
      decision: { measureKind: 'criticism', measureName: '通报批评', effectiveOn: '2026-03-26', decidedOn: '2026-03-25', docNumber: '问甲教督问〔2026〕1号' },
    });
    const measureId = decision.body.decision.measureId as string;
    const measures = async () => (await (await signIn(world, names.get('officeA')!, TEST_PASSWORD)).get(`/api/accountability?unitId=${a1.id}`)).body.items as { id: string; kind: string }[];
    expect((await measures()).find((m) => m.id === measureId)).toMatchObject({ kind: 'criticism' });
    const published = await act(office, id, { action: 'publish', on: '2026-03-25', text: '在全县教育系统内通报', scope: 'system' });
    expect(published.body.publication).toEqual({ scope: 'system', publishedOn: '2026-03-25' });
    expect((await act(office, id, { action: 'publish', on: '2026-03-25', text: '再次公开', scope: 'public' })).status).toBe(409);

    const docx = await office.get(`/api/accountability-cases/${id}/decision.docx`);
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.raw)).file('word/document.xml')!.async('string');
    for (const expected of ['关于对问责甲一小学问责的决定', '问甲教督问〔2026〕1号', '问责甲一小学：', '问责甲一小学食堂问题整改逾期未完成', '《教育督导问责办法》第十二条', '决定对问责甲一小学予以通报批评。', '本决定自2026年3月26日起生效。', '2026年3月25日']) {
      expect(xml).toContain(expected);
    }
    const pdf = await office.get(`/api/accountability-cases/${id}/decision.pdf`);
    expect(pdf.status).toBe(200);
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `accountability-decision-${engine}.pdf`);
    fs.writeFileSync(file, pdf.raw);
    const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
    for (const expected of ['关于对问责甲一小学问责的决定', '三、问责方式', '决定对问责甲一小学予以通报批评。', '不停止本决定的执行']) expect(text).toContain(expected);

    school = await on('2026-04-01', 'schoolA1');
    const review = await school.post(`/api/accountability-cases/${id}/responses`, { action: 'requestReview', text: '申请复核' });
    expect(review.body).toMatchObject({ status: 'under_review', deadlines: { reviewDecision: '2026-05-01' } });
    // Enforcement is not suspended: the measure stays in force during the review.
    expect((await measures()).find((m) => m.id === measureId)).toMatchObject({ kind: 'criticism' });

    office = await on('2026-04-20', 'officeA');
    expect((await act(office, id, { action: 'decideReview', on: '2026-04-20', text: '维持原决定', outcome: 'upheld' })).body)
      .toMatchObject({ status: 'reviewed', deadlines: { appealRequest: '2026-05-05' } });
    school = await on('2026-05-05', 'schoolA1');
    expect((await school.post(`/api/accountability-cases/${id}/responses`, { action: 'requestAppeal', text: '向市教育督导委员会申诉' })).body)
      .toMatchObject({ status: 'under_appeal', deadlines: { appealDecision: '2026-07-04' } });
    expect((await measures()).find((m) => m.id === measureId)).toMatchObject({ kind: 'criticism' });

    // The appeal goes to the office one level up, not to the office that decided.
    office = await on('2026-06-01', 'officeA');
    const own = await act(office, id, { action: 'decideAppeal', on: '2026-06-01', text: '自行处理', outcome: 'upheld' });
    expect(own.status).toBe(403);
    const city = await on('2026-06-01', 'cityOffice');
    expect((await act(city, id, { action: 'decideAppeal', on: '2026-06-01', text: '原决定问责方式过重', outcome: 'wrong' })).body)
      .toMatchObject({ status: 'correcting', deadlines: { correction: '2026-06-16' } });
    office = await on('2026-06-10', 'officeA');
    const corrected = await act(office, id, { action: 'correct', on: '2026-06-10', text: '改为约谈', measureKind: 'interview' });
    expect(corrected.body).toMatchObject({ status: 'closed', due: null, decision: { measureKind: 'interview', measureId } });
    expect((await measures()).find((m) => m.id === measureId)).toMatchObject({ kind: 'interview' });
    expect(corrected.body.steps.map((s: { action: string }) => s.action)).toEqual([
      'open', 'investigate', 'notify', 'state', 'opinion', 'approve', 'decide', 'publish', 'requestReview', 'decideReview', 'requestAppeal', 'decideAppeal', 'correct',
    ]);
    const audited = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'accountability_case').where('entity_id', '=', id).execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'create', 'open', 'investigate', 'notify', 'state', 'opinion', 'approve', 'decide', 'publish', 'requestReview', 'decideReview', 'requestAppeal', 'decideAppeal', 'correct',
    ].map((a) => `accountability_case.${a}`).sort());
  });

  it('opens only within 60 days of the supervision work, and warns as the 60 days run out', async () => {
    const onTime = await propose('2026-03-02', '2026-01-01', a1, '六十日当日立案');
    expect(onTime.body).toMatchObject({ deadlines: { open: '2026-03-02' }, due: { daysLeft: 0, state: 'warning' } });
    const late = await propose('2026-03-02', '2025-12-31');
    expect(late.status).toBe(400);
    expect(late.body.error.fields).toEqual([expect.objectContaining({ field: 'sourceId' })]);
    expect(late.body.error.message).toContain('2026-03-01');

    const office = await on('2026-03-03', 'officeA');
    const lateOpen = await act(office, onTime.body.id, { action: 'open', on: '2026-03-03', text: '逾期成立工作组' });
    expect(lateOpen.status).toBe(400);
    expect(lateOpen.body.error.fields).toEqual([expect.objectContaining({ field: 'on' })]);
    const listed = async (due: string) => (await office.get(`/api/accountability-cases?due=${due}&q=${encodeURIComponent('六十日当日立案')}`)).body.items.map((c: { id: string }) => c.id);
    expect(await listed('overdue')).toEqual([onTime.body.id]);

    const early = (await propose('2026-03-02', '2026-01-08', a1, '六十日预警')).body;
    const list = async (day: string, due: string) => (await (await on(day, 'officeA')).get(`/api/accountability-cases?due=${due}&q=${encodeURIComponent('六十日预警')}`)).body.items.map((c: { id: string }) => c.id);
    // Due 9 March; the warning shows from 7 days before.
    expect(await list('2026-03-01', 'warning')).toEqual([]);
    expect(await list('2026-03-02', 'warning')).toEqual([early.id]);
    expect(await list('2026-03-09', 'warning')).toEqual([early.id]);
    expect(await list('2026-03-10', 'warning')).toEqual([]);
    expect(await list('2026-03-10', 'overdue')).toEqual([early.id]);
  });

  it('keeps the object\'s statement, review and appeal windows to the day, and the offices\' 30, 60 and 15 days to the day', async () => {
    // The statement: due on the day the notice names.
    const s = (await propose('2026-03-02', '2026-03-01')).body.id as string;
    let office = await on('2026-03-02', 'officeA');
    await act(office, s, { action: 'open', on: '2026-03-02', text: '成立工作组' });
    expect((await act(office, s, { action: 'notify', on: '2026-03-02', text: '告知', statementDue: '2026-03-10' })).body.deadlines.statement).toBe('2026-03-10');
    let school = await on('2026-03-11', 'schoolA1');
    expect((await school.get(`/api/accountability-cases/${s}`)).body.abilities.actions).toEqual([]);
    const lateStatement = await school.post(`/api/accountability-cases/${s}/responses`, { action: 'state', text: '逾期陈述' });
    expect(lateStatement.status).toBe(409);
    expect(lateStatement.body.error.message).toContain('2026-03-10');

    // Review within 30 days of the decision: day 30 is in time, day 31 is not.
    const r1 = await decided('2026-04-01');
    const r2 = await decided('2026-04-01');
    school = await on('2026-05-01', 'schoolA1');
    expect((await school.post(`/api/accountability-cases/${r1}/responses`, { action: 'requestReview', text: '申请复核' })).body.status).toBe('under_review');
    school = await on('2026-05-02', 'schoolA1');
    expect((await school.get(`/api/accountability-cases/${r2}`)).body.abilities.actions).not.toContain('requestReview');
    expect((await school.post(`/api/accountability-cases/${r2}/responses`, { action: 'requestReview', text: '逾期申请复核' })).status).toBe(409);
    // The review is decided within 30 days of the request: due on 31 May, overdue on 1 June.
    const due = async (day: string, id: string) => {
      const res = await (await on(day, 'officeA')).get(`/api/accountability-cases/${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.due;
    };
    expect(await due('2026-05-31', r1)).toMatchObject({ key: 'reviewDecision', date: '2026-05-31', daysLeft: 0, state: 'warning' });
    expect(await due('2026-06-01', r1)).toMatchObject({ key: 'reviewDecision', daysLeft: -1, state: 'overdue' });

    // Appeal within 15 days of the review decision (or of the decision itself); handled within 60; corrected within 15.
    office = await on('2026-06-01', 'officeA');
    await act(office, r1, { action: 'decideReview', on: '2026-06-01', text: '变更为约谈', outcome: 'revised', measureKind: 'interview' });
    school = await on('2026-06-17', 'schoolA1');
    expect((await school.post(`/api/accountability-cases/${r1}/responses`, { action: 'requestAppeal', text: '逾期申诉' })).status).toBe(409);
    const d1 = await decided('2026-06-01');
    const d2 = await decided('2026-06-01');
    school = await on('2026-06-16', 'schoolA1');
    expect((await school.post(`/api/accountability-cases/${d1}/responses`, { action: 'requestAppeal', text: '直接申诉' })).body)
      .toMatchObject({ status: 'under_appeal', deadlines: { appealDecision: '2026-08-15' } });
    school = await on('2026-06-17', 'schoolA1');
    expect((await school.post(`/api/accountability-cases/${d2}/responses`, { action: 'requestAppeal', text: '逾期直接申诉' })).status).toBe(409);
    expect(await due('2026-08-15', d1)).toMatchObject({ key: 'appealDecision', state: 'warning' });
    expect(await due('2026-08-16', d1)).toMatchObject({ key: 'appealDecision', state: 'overdue' });
    const city = await on('2026-08-16', 'cityOffice');
    expect((await act(city, d1, { action: 'decideAppeal', on: '2026-08-16', text: '原决定有误', outcome: 'wrong' })).body.deadlines.correction).toBe('2026-08-31');
    expect(await due('2026-08-31', d1)).toMatchObject({ key: 'correction', state: 'warning' });
    expect(await due('2026-09-01', d1)).toMatchObject({ key: 'correction', state: 'overdue' });
    // A correction that revokes the measure takes it off the lists.
    office = await on('2026-09-01', 'officeA');
    const revoked = await act(office, d1, { action: 'correct', on: '2026-09-01', text: '撤销原问责决定', measureKind: null });
    expect(revoked.body.decision).toMatchObject({ measureKind: null, measureId: null });
  });

  it('counts the object\'s accountability events over the last 12 months and flags twice or more as 从重', async () => {
    const x = await makeUnit(world, { region: townA, name: '问责计数甲校' });
    const y = await makeUnit(world, { region: townA, name: '问责计数乙校' });
    const office = await on('2026-03-02', 'officeA');
    // Exactly twelve months before today is outside the window; the day after is inside.
    for (const [unit, decidedOn] of [[x, '2025-03-02'], [y, '2025-03-03']] as const) {
      expect((await office.post('/api/accountability', { unitId: unit.id, kind: 'interview', reason: '往年约谈', decidedOn })).status).toBe(200);
    }
    const cx = (await propose('2026-03-02', '2026-03-01', x)).body;
    const cy = (await propose('2026-03-02', '2026-03-01', y)).body;
    expect(cx).toMatchObject({ recentEvents: 1, heavier: false });
    expect(cy).toMatchObject({ recentEvents: 2, heavier: true });
    const listed = (await (await on('2026-03-02', 'officeA')).get(`/api/accountability-cases?unitId=${y.id}`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: cy.id, recentEvents: 2, heavier: true, source: expect.objectContaining({ label: expect.stringMatching(/^测试问题/) }) })]);
    // A decided case counts by its decision's date, once.
    const later = await decided('2026-03-04', x);
    expect((await (await on('2026-03-04', 'officeA')).get(`/api/accountability-cases/${later}`)).body).toMatchObject({ recentEvents: 1, heavier: false });
    const second = await decided('2026-03-04', x);
    expect((await (await on('2026-03-04', 'officeA')).get(`/api/accountability-cases/${second}`)).body).toMatchObject({ recentEvents: 2, heavier: true });
  });

  it('shows a case only inside the scope, and lets the unit submit only its own statement and requests', async () => {
    const id = (await propose('2026-03-02', '2026-03-01', a1, '范围测试案件')).body.id as string;
    const office = await on('2026-03-02', 'officeA');
    await act(office, id, { action: 'open', on: '2026-03-02', text: '成立工作组' });
    await act(office, id, { action: 'notify', on: '2026-03-02', text: '告知' });
    const officeB = await on('2026-03-02', 'officeB');
    expect((await officeB.get(`/api/accountability-cases/${id}`)).status).toBe(404);
    expect((await act(officeB, id, { action: 'hear', on: '2026-03-02', text: 'x' })).status).toBe(404);
    expect((await officeB.get('/api/accountability-cases?q=' + encodeURIComponent('范围测试'))).body.total).toBe(0);
    expect((await officeB.post('/api/accountability-cases', { unitId: a1.id, title: '越界', sourceKind: 'problem', sourceId: 'x' })).body.error.fields)
      .toEqual([expect.objectContaining({ field: 'unitId' })]);
    const other = await on('2026-03-02', 'schoolA2');
    expect((await other.get(`/api/accountability-cases/${id}`)).status).toBe(404);
    expect((await other.post(`/api/accountability-cases/${id}/responses`, { action: 'state', text: '冒名陈述' })).status).toBe(404);
    expect((await other.get('/api/accountability-cases?q=' + encodeURIComponent('范围测试'))).body.total).toBe(0);
    const own = await on('2026-03-02', 'schoolA1');
    expect((await own.get('/api/accountability-cases?q=' + encodeURIComponent('范围测试'))).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    // The office cannot speak for the object; the object cannot take the office's steps.
    expect((await office.post(`/api/accountability-cases/${id}/responses`, { action: 'state', text: '代为陈述' })).status).toBe(403);
    expect((await own.post(`/api/accountability-cases/${id}/actions`, { action: 'hear', on: '2026-03-02', text: 'x' })).status).toBe(403);
    expect((await own.post(`/api/accountability-cases/${id}/responses`, { action: 'requestReview', text: '尚无决定' })).status).toBe(409);
    const bad = await own.post(`/api/accountability-cases/${id}/responses`, { action: 'state', text: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'text' })]);
  });

  it('reminds of a deadline once across runs: the office as the 60 days run out, the unit of its statement', async () => {
    const id = (await propose('2026-03-02', '2026-01-10', a1, '提醒测试案件')).body.id as string;
    world.clock.set(new Date('2026-03-04T02:00:00Z'));
    const kinds = async (name: Who) => (await notificationsOf(world, ids.get(name)!)).filter((n) => n.entity_id === id).map((n) => n.kind);
    // Due 11 March: 7 days before is the first reminder.
    expect(await runAccountabilityReminders(world.platform)).toBeGreaterThanOrEqual(1);
    expect(await kinds('officeA')).toEqual(['accountability.before']);
    await runAccountabilityReminders(world.platform);
    expect(await kinds('officeA')).toEqual(['accountability.before']);
    world.clock.set(new Date('2026-03-11T02:00:00Z'));
    await runAccountabilityReminders(world.platform);
    expect(await kinds('officeA')).toEqual(['accountability.before', 'accountability.due']);
    expect(await kinds('schoolA1')).toEqual([]);

    const office = await on('2026-03-11', 'officeA');
    await act(office, id, { action: 'open', on: '2026-03-11', text: '成立工作组' });
    await act(office, id, { action: 'notify', on: '2026-03-11', text: '告知' });
    await runAccountabilityReminders(world.platform);
    await runAccountabilityReminders(world.platform);
    expect(await kinds('schoolA1')).toEqual(['accountability.before']);
    const [n] = (await notificationsOf(world, ids.get('schoolA1')!)).filter((x) => x.entity_id === id);
    expect(n.body).toContain('陈述申辩');
    expect(n.link).toBe(`/accountability-cases/${id}`);
  });

  it('takes the statement\'s working days and the warning window from the settings the system administrator keeps', async () => {
    const admin = await on('2026-03-02', 'sysadmin');
    expect((await (await on('2026-03-02', 'schoolA1')).get('/api/settings/accountability')).body).toEqual({ statementWorkingDays: 5, warnDays: 7 });
    expect((await (await on('2026-03-02', 'officeA')).put('/api/settings/accountability', { statementWorkingDays: 3, warnDays: 7 })).status).toBe(403);
    const bad = await admin.put('/api/settings/accountability', { statementWorkingDays: 0, warnDays: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'statementWorkingDays' })]);
    expect((await admin.put('/api/settings/accountability', { statementWorkingDays: 3, warnDays: 2 })).status).toBe(200);
    try {
      const id = (await propose('2026-03-12', '2026-03-01', a1, '设置测试案件')).body.id as string;
      const office = await on('2026-03-12', 'officeA');
      await act(office, id, { action: 'open', on: '2026-03-12', text: '成立工作组' });
      // Thursday 12 March and three working days: Friday, Monday, Tuesday; two days left is a warning.
      expect((await act(office, id, { action: 'notify', on: '2026-03-12', text: '告知' })).body)
        .toMatchObject({ deadlines: { statement: '2026-03-17' }, due: { daysLeft: 5, state: 'ok' } });
      expect((await (await on('2026-03-15', 'officeA')).get(`/api/accountability-cases/${id}`)).body.due).toMatchObject({ daysLeft: 2, state: 'warning' });
    } finally {
      await (await on('2026-03-02', 'sysadmin')).put('/api/settings/accountability', { statementWorkingDays: 5, warnDays: 7 });
    }
  });
});
