import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { jpegWithExif, makeTarget, makeTask, makeTeam, makeTemplate, makeVisit } from '../../../test/supervision-factories';
import type { RegionsTable, SupervisionTasksTable, TaskTargetsTable, TaskTeamsTable, UnitsTable } from '../../platform/db/schema';

describe.each(engines)('field visits on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let town: RegionsTable;
  let school: UnitsTable;
  let task: SupervisionTasksTable;
  let team: TaskTeamsTable;
  let target: TaskTargetsTable;
  let office: Client;
  let member: Client;
  let outsider: Client;
  let memberId: string;
  let memberName: string;

  beforeAll(async () => {
    world = await openWorld(engine, { FILE_MAX_BYTES: String(64 * 1024) });
    county = await makeCounty(world, '走访县');
    town = await makeRegion(world, { parent: county, name: '走访镇' });
    school = await makeUnit(world, { region: town, name: '走访镇中心小学' });
    const template = await makeTemplate(world);
    task = await makeTask(world, county, { checklist_template_id: template.id, title: '春季开学工作督导' });
    const o = await makeAccount(world, { region: county });
    office = await signIn(world, o.username, o.password);
    const m = await makeAccount(world, { role: 'inspector' });
    memberId = m.id;
    memberName = m.username;
    member = await signIn(world, m.username, m.password);
    const x = await makeAccount(world, { role: 'inspector', region: county });
    outsider = await signIn(world, x.username, x.password);
    team = await makeTeam(world, task, m.id);
    target = await makeTarget(world, task, { unit: school, team });
  });
  afterAll(async () => world.close());

  const start = (client: Client, body: Record<string, unknown> = {}) => client.post('/api/visits', { taskId: task.id, targetId: target.id, visitDate: '2026-03-10', ...body });
  const photo = (visitId: string, clientKey: string, itemKey: string | null, content = jpegWithExif()) =>
    member.upload(`/api/visits/${visitId}/evidence`, { fields: { clientKey, ...(itemKey ? { itemKey } : {}) }, file: { name: 'scene.jpg', content } });

  it('starts a visit a phone named offline once, however often the start arrives, and refuses the name to anyone else', async () => {
    const id = crypto.randomUUID();
    const first = await start(member, { id });
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(id);
    const again = await start(member, { id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    const rows = await world.platform.database.db.selectFrom('visits').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const audited = await world.platform.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'visit.create').where('entity_id', '=', id).execute();
    expect(audited).toHaveLength(1);
    const taken = await start(office, { id });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('该记录编号已被另一条督导记录使用');
    const badId = await start(member, { id: 'not-a-uuid' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields[0].field).toBe('id');
  });

  it('serves a visit photo through the file routes only to those who may read the visit, not to every inspector of the county', async () => {
    const visit = await start(member);
    const up = await photo(visit.body.id, 'photo-files-route-0001', null);
    const { file_id: fileId } = await world.platform.database.db.selectFrom('visit_evidence').select('file_id').where('id', '=', up.body.id).executeTakeFirstOrThrow();
    for (const [client, status] of [[member, 200], [office, 200], [outsider, 404]] as const) {
      expect((await client.get(`/api/files/${fileId}`)).status).toBe(status);
      expect((await client.get(`/api/files/${fileId}/content`)).status).toBe(status);
    }
  });

  it('records a visit: activities, answers, a photo with its time and place, then submits it', async () => {
    const visit = await start(member);
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({ status: 'draft', targetName: '走访镇中心小学', abilities: { edit: true, submit: true } });
    const id = visit.body.id;
    const saved = await member.put(`/api/visits/${id}`, {
      activities: {
        reportsHeard: 1, dataVerified: true, documentsChecked: ['课程表', '防疫台账'],
        meetings: [{ topic: '教师座谈会', participants: '教师代表', attendees: 12 }],
        interviews: { teachers: 8, students: 20, parents: 5, deputies: 2 },
      },
      answers: { plan: { value: 'yes' }, supplies: { value: 'no', note: '消毒液不足' }, pe: { value: 2 }, safety: { value: 7 }, notes: { value: '无' } },
      findings: '防疫物资储备不足。',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ meetingsCount: 1, interviewedCount: 35, failingCount: 2 });
    expect(saved.body.answers.supplies).toEqual({ value: 'no', failing: true, note: '消毒液不足' });

    const submitEarly = await member.post(`/api/visits/${id}/submit`);
    expect(submitEarly.status).toBe(400);
    expect(submitEarly.body.error.fields).toEqual([{ field: 'answers.supplies', message: '检查项“防疫物资储备充足”须附现场照片' }]);

    const up = await photo(id, 'photo-0001-abcdef', 'supplies');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ itemKey: 'supplies', capturedAt: '2026-03-10T09:30:15', latitude: 31.86, longitude: 106.74, mime: 'image/jpeg' });
    // The phone lost the answer and sends the same upload again: it is stored once.
    const retry = await photo(id, 'photo-0001-abcdef', 'supplies');
    expect(retry.body.id).toBe(up.body.id);
    const image = await member.get(up.body.url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');

    const done = await member.post(`/api/visits/${id}/submit`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('submitted');
    expect(done.body.evidence).toHaveLength(1);
    // Submitted means read-only, and the inspector can still read everything they sent.
    expect((await member.put(`/api/visits/${id}`, { findings: '改' })).status).toBe(409);
    const reread = await member.get(`/api/visits/${id}`);
    expect(reread.body).toMatchObject({ findings: '防疫物资储备不足。', activities: { documentsChecked: ['课程表', '防疫台账'] } });
  });

  it('refuses an answer that does not fit its item, and writes none of that save', async () => {
    const id = (await start(member)).body.id;
    await member.put(`/api/visits/${id}`, { answers: { plan: { value: 'yes' } } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ plan: { value: 'maybe' } }, 'answers.plan', '检查项“制定疫情防控方案”只能回答：是、否、不适用'],
      [{ safety: { value: 11 } }, 'answers.safety', '检查项“安全工作评分”的得分须在 0 至 10 之间'],
      [{ pe: { value: 'two' } }, 'answers.pe', '检查项“体育课每周课时”须填写 0 至 10 之间的数字'],
      [{ nope: { value: 'yes' } }, 'answers.nope', '检查表中没有编号为 nope 的检查项'],
    ];
    for (const [answers, field, message] of cases) {
      const res = await member.put(`/api/visits/${id}`, { answers: { plan: { value: 'no' }, ...answers }, findings: '不应保存' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0]).toEqual({ field, message });
    }
    const after = await member.get(`/api/visits/${id}`);
    expect(after.body.answers.plan.value).toBe('yes');
    expect(after.body.findings).toBeNull();
  });

  it('refuses a visit outside the task\'s period, rounds or targets, and a member of no team for the target', async () => {
    const late = await start(member, { visitDate: '2026-07-01' });
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0]).toEqual({ field: 'visitDate', message: '督导日期须在任务期间 2026-03-01 至 2026-06-30 之内' });
    expect((await start(member, { round: 5 })).body.error.fields[0].field).toBe('round');
    const otherTask = await makeTask(world, county);
    const foreign = await makeTarget(world, otherTask, { unit: await makeUnit(world, { region: town }) });
    const notInTask = await start(member, { targetId: foreign.id });
    expect(notInTask.body.error.fields[0].field).toBe('targetId');
    // An inspector of this county who is on no team cannot even see the task.
    expect((await start(outsider)).status).toBe(404);
    expect((await outsider.get(`/api/tasks/${task.id}`)).status).toBe(404);
  });

  it('refuses a photo over the size limit or of a type not allowed, keeping nothing', async () => {
    const id = (await start(member)).body.id;
    const big = await photo(id, 'photo-big-000001', 'supplies', jpegWithExif({ padding: 80 * 1024 }));
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain('文件超过大小上限');
    const exe = await member.upload(`/api/visits/${id}/evidence`, { fields: { clientKey: 'file-exe-000001' }, file: { name: 'x.exe', content: Buffer.from('MZ') } });
    expect(exe.status).toBe(400);
    const pdfOnItem = await member.upload(`/api/visits/${id}/evidence`, { fields: { clientKey: 'file-pdf-000001', itemKey: 'supplies' }, file: { name: 'a.pdf', content: Buffer.from('%PDF-1.4 x') } });
    expect(pdfOnItem.body.error.fields[0].field).toBe('itemKey');
    const pdf = await member.upload(`/api/visits/${id}/evidence`, { fields: { clientKey: 'file-pdf-000002' }, file: { name: 'a.pdf', content: Buffer.from('%PDF-1.4 x') } });
    expect(pdf.body).toMatchObject({ mime: 'application/pdf', capturedAt: null, itemKey: null });
    expect((await member.get(`/api/visits/${id}`)).body.evidence).toHaveLength(1);
  });

  it('turns a failing item into a problem with its photos, and flags it as recurring when found again', async () => {
    const first = await makeVisit(world, task, target, memberId, { visit_date: '2026-03-05' });
    await member.put(`/api/visits/${first.id}`, { answers: { supplies: { value: 'no' }, plan: { value: 'yes' } } });
    await photo(first.id, 'photo-rec-000001', 'supplies');
    const notFailing = await member.post(`/api/visits/${first.id}/problems`, { itemKey: 'plan', area: 'safety' });
    expect(notFailing.status).toBe(400);
    expect(notFailing.body.error.fields[0].field).toBe('itemKey');
    const p1 = await member.post(`/api/visits/${first.id}/problems`, { itemKey: 'supplies', area: 'safety', severity: 'high', deadline: '2026-04-30' });
    expect(p1.status).toBe(200);
    expect(p1.body.recurringOfId).toBeNull();
    expect((await member.post(`/api/visits/${first.id}/problems`, { itemKey: 'supplies', area: 'safety' })).status).toBe(409);

    const second = await makeVisit(world, task, target, memberId, { visit_date: '2026-05-20', round: 2 });
    await member.put(`/api/visits/${second.id}`, { answers: { supplies: { value: 'no' } } });
    const p2 = await member.post(`/api/visits/${second.id}/problems`, { itemKey: 'supplies', area: 'safety' });
    expect(p2.body.recurringOfId).toBe(p1.body.id);

    const detail = await office.get(`/api/problems/${p1.body.id}`);
    expect(detail.body).toMatchObject({ source: 'visit', visitId: first.id, itemKey: 'supplies', itemText: '防疫物资储备充足', unit: { name: '走访镇中心小学' }, description: '防疫物资储备充足' });
    expect(detail.body.evidence).toHaveLength(1);
    expect(detail.body.evidence[0]).toMatchObject({ capturedAt: '2026-03-10T09:30:15', latitude: 31.86 });
    expect(detail.body.laterOccurrences.map((l: { id: string }) => l.id)).toEqual([p2.body.id]);
    expect((await office.get(detail.body.evidence[0].url)).status).toBe(200);
    // The team member sees the problems their team found.
    expect((await member.get(`/api/problems?taskId=${task.id}`)).body.total).toBeGreaterThanOrEqual(2);
  });

  it('opens the visit packet of a target: open problems, last visits', async () => {
    const packet = await member.get(`/api/tasks/${task.id}/targets/${target.id}/packet`);
    expect(packet.status).toBe(200);
    expect(packet.body.target.name).toBe('走访镇中心小学');
    expect(packet.body.openProblems.length).toBeGreaterThanOrEqual(2);
    expect(packet.body.openProblems[0]).toMatchObject({ areaName: '校园安全与食品卫生' });
    expect(packet.body.lastVisits[0]).toMatchObject({ taskTitle: '春季开学工作督导', failingCount: 2 });
  });

  it('counts a problem overdue in the packet by China\'s date: at 00:30 Beijing time the deadline of the day before has passed', async () => {
    const home = world.clock.now();
    try {
      // 2026-05-01 00:30 in Beijing is still 2026-04-30 in UTC; the supplies problem was due on 2026-04-30.
      world.clock.set(new Date('2026-04-30T16:30:00Z'));
      const early = await signIn(world, memberName, TEST_PASSWORD);
      const packet = await early.get(`/api/tasks/${task.id}/targets/${target.id}/packet`);
      const supplies = packet.body.openProblems.find((p: { deadline: string | null }) => p.deadline === '2026-04-30');
      expect(supplies).toMatchObject({ overdue: true });
    } finally {
      world.clock.set(home);
    }
  });

  it('counts the task\'s figures from its visits, problems and recommendations', async () => {
    const visit = (await member.get(`/api/visits?taskId=${task.id}&status=submitted`)).body.items[0];
    await member.post(`/api/visits/${visit.id}/recommendations`, { area: 'investment', content: '加大防疫物资经费保障' });
    const figures = await office.get(`/api/tasks/${task.id}/figures`);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      targets: { unitsPlanned: 1, unitsVisited: 1, schoolsVisited: 1, townshipsPlanned: 0, townshipsVisited: 0 },
      visits: 1, meetings: 1, interviewed: { total: 35, teachers: 8, students: 20, parents: 5, deputies: 2, cadres: 0 }, recommendations: 1,
    });
    expect(figures.body.problemsByArea.find((a: { area: string }) => a.area === 'safety').count).toBe(2);
    const period = await office.get('/api/tasks/figures?from=2026-03-01&to=2026-03-31');
    expect(period.body).toMatchObject({ visits: 1, meetings: 1, recommendations: 1, tasks: 2 });
    expect(period.body.problemsByArea.find((a: { area: string }) => a.area === 'safety').count).toBe(1);
  });

  it('keeps a recorded visit\'s checklist when the template gets a new version', async () => {
    const own = await office.post('/api/checklists', { regionId: county.id, title: '县检查表', items: [{ key: 'a', area: '甲', text: '第一项', type: 'yesno' }] });
    const t2 = await makeTask(world, county, { checklist_template_id: own.body.id });
    const tt = await makeTarget(world, t2, { unit: school, team: null });
    const v = await office.post('/api/visits', { taskId: t2.id, targetId: tt.id, visitDate: '2026-03-10' });
    await office.put(`/api/visits/${v.body.id}`, { answers: { a: { value: 'yes' } } });
    const revised = await office.post(`/api/checklists/${own.body.id}/versions`, { items: [{ key: 'b', area: '乙', text: '新项', type: 'text' }] });
    expect(revised.body.version).toBe(2);
    const after = await office.get(`/api/visits/${v.body.id}`);
    expect(after.body.checklist).toMatchObject({ version: 1, items: [{ key: 'a', text: '第一项' }] });
    expect((await office.post(`/api/checklists/${own.body.id}/versions`, { items: [{ key: 'c', area: '丙', text: '再改', type: 'text' }] })).status).toBe(409);
  });

  it('prints a one-page PDF feedback sheet', async () => {
    const visit = (await member.get(`/api/visits?taskId=${task.id}&status=submitted`)).body.items[0];
    const pdf = await member.get(`/api/visits/${visit.id}/feedback.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 4).toString()).toBe('%PDF');
    expect((pdf.raw.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
  }, 30_000);
});
