import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { Client, signIn } from '../../../test/http';
import { fileComplaint, solvedChallenge } from '../../../test/complaints-factories';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { newTrackingCode } from './complaints.secrets';

const relaxed = { COMPLAINT_POW_BITS: '6', COMPLAINT_FILING_RATE_LIMIT: '1000', COMPLAINT_LOOKUP_RATE_LIMIT: '1000' };
const withoutRequestId = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });

describe.each(engines)('public complaints on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let county: RegionsTable;
  let school: UnitsTable;
  let public_: Client;
  let cityOffice: Client;
  let countyOffice: Client;
  let unitUser: Client;
  let auditor: Client;

  beforeAll(async () => {
    world = await openWorld(engine, relaxed);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '举报市' });
    county = await makeRegion(world, { parent: city, name: '举报县' });
    const town = await makeRegion(world, { parent: county, name: '举报镇' });
    school = await makeUnit(world, { region: town, name: '举报镇中心小学' });
    const as = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);
    cityOffice = await as({ region: city });
    countyOffice = await as({ region: county });
    unitUser = await as({ role: 'unit_user', unit: school });
    auditor = await as({ role: 'auditor' });
    public_ = new Client(world);
  });
  afterAll(async () => world.close());

  const db = () => world.platform.database.db;
  const count = async () => Number((await db().selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const lookup = (trackingCode: string) => public_.post('/api/public/complaints/lookup', { trackingCode });

  it('files a complaint after a solved challenge, shows the tracking code once, and finds it again by the code', async () => {
    const units = await public_.get('/api/public/complaints/units?q=中心小学');
    expect(units.body).toEqual([{ id: school.id, name: school.name }]);
    const res = await fileComplaint(public_, { unitId: school.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    // Monday 2 March, three working days: Thursday 5 March.
    expect(res.body.acknowledgeDue).toBe('2026-03-05');
    const row = await db().selectFrom('complaints').selectAll().executeTakeFirstOrThrow();
    expect(row.region_id).toBe(county.id);
    expect(JSON.stringify(row)).not.toContain(res.body.trackingCode.replace(/-/g, ''));
    const found = await lookup(res.body.trackingCode.toLowerCase().replace(/-/g, ' '));
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ status: 'received', category: '乱收费', unitName: school.name, timeline: [{ step: 'filed' }], abilities: { addInformation: true, rate: false } });
  });

  it('answers a wrong code exactly as a malformed one, whether or not anything exists', async () => {
    const wrong = await lookup(newTrackingCode());
    const malformed = await lookup('not-a-code');
    expect(wrong.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(malformed.body));
    const info = await public_.post('/api/public/complaints/information', { trackingCode: newTrackingCode(), text: '补充' });
    expect(withoutRequestId(info.body)).toEqual(withoutRequestId(wrong.body));
  });

  it('refuses a filled honeypot, a wrong or reused proof of work and a foreign origin, storing nothing', async () => {
    const before = await count();
    const honeypot = await fileComplaint(public_, { unitId: school.id, website: 'http://spam.example' });
    expect(honeypot.status).toBe(400);
    const solved = await solvedChallenge(public_);
    const wrong = await fileComplaint(public_, { unitId: school.id, challenge: solved.challenge, solution: `${solved.solution}x` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ field: 'challenge', message: '安全校验未通过或已过期，请刷新页面后重新提交' });
    const forged = await fileComplaint(public_, { unitId: school.id, challenge: `${solved.challenge.slice(0, -2)}AA`, solution: solved.solution });
    expect(forged.status).toBe(400);
    const foreign = await world.app.inject({ method: 'POST', url: '/api/public/complaints', headers: { origin: 'https://evil.example', host: 'dudao.local' }, payload: {} });
    expect(foreign.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const first = await fileComplaint(public_, { unitId: school.id, ...solved });
    expect(first.status).toBe(200);
    const replay = await fileComplaint(public_, { unitId: school.id, ...solved });
    expect(replay.status).toBe(400);
    expect(await count()).toBe(before + 1);
  });

  it('names a wrong field in the caller\'s language', async () => {
    const zh = await fileComplaint(public_, { unitId: school.id, phone: '12345' });
    expect(zh.body.error.fields).toEqual([{ field: 'phone', message: '手机号码应为 11 位数字' }]);
    const en = new Client(world, 'en');
    const res = await fileComplaint(en, { description: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('description');
    expect(res.body.error.fields[0].message).toMatch(/^Description/);
  });

  it('keeps the identity encrypted in the row, masked in lists, whole only for the holding office and audited', async () => {
    const filed = await fileComplaint(public_, { regionId: city.id, name: '王小明', phone: '13812345678' });
    const raw = await db().selectFrom('complaints').selectAll().where('region_id', '=', city.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain('王小明');
    expect(JSON.stringify(raw)).not.toContain('13812345678');
    expect(raw.name_cipher).toMatch(/^v1\./);
    const list = await cityOffice.get('/api/complaints?status=received');
    const item = list.body.items.find((i: { id: string }) => i.id === raw.id);
    expect(item).toMatchObject({ name: '王**', phone: '138****5678', abilities: { identity: true, accept: true } });
    expect((await countyOffice.get(`/api/complaints/${raw.id}`)).status).toBe(404);
    expect((await countyOffice.get(`/api/complaints/${raw.id}/identity`)).status).toBe(404);
    expect((await unitUser.get(`/api/complaints/${raw.id}/identity`)).status).toBe(403);
    const identity = await cityOffice.get(`/api/complaints/${raw.id}/identity`);
    expect(identity.body).toEqual({ name: '王小明', phone: '13812345678' });
    const audit = await db().selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', raw.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['complaint.file', 'complaint.read_identity']);
    expect(JSON.stringify(audit)).not.toContain('王小明');
    expect((await auditor.get(`/api/audit?action=complaint.read_identity`)).body.items[0].actionName).toBe('查看举报人身份');
    expect(filed.status).toBe(200);
  });

  it('goes from the inbox through transfer, acceptance and triage into a problem, with replies under the code and one reopen', async () => {
    const filed = await fileComplaint(public_, { regionId: city.id, unitText: '某培训机构', category: 'tutoring', privacy: 'anonymous', name: undefined, phone: undefined });
    const code = filed.body.trackingCode;
    const id = (await db().selectFrom('complaints').select('id').where('category', '=', 'tutoring').executeTakeFirstOrThrow()).id;
    const transferred = await cityOffice.post(`/api/complaints/${id}/transfer`, { regionId: county.id, note: '属地办理' });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
    expect(transferred.body).toMatchObject({ region: { id: county.id }, status: 'received', name: null, abilities: { accept: false } });
    expect((await cityOffice.post(`/api/complaints/${id}/accept`, {})).status).toBe(403);
    expect((await cityOffice.get(`/api/complaints/${id}/identity`)).status).toBe(403);
    const accepted = await countyOffice.post(`/api/complaints/${id}/accept`, { reply: '已受理，将在15个工作日内办理' });
    expect(accepted.body).toMatchObject({ status: 'accepted', handleDue: '2026-03-23', light: 'green' });
    const triaged = await countyOffice.post(`/api/complaints/${id}/triage`, { problems: [{ area: 'conduct', description: '某培训机构违规开展学科类培训' }] });
    expect(triaged.status, JSON.stringify(triaged.body)).toBe(200);
    const problem = await db().selectFrom('problems').selectAll().where('id', '=', triaged.body.problems[0].id).executeTakeFirstOrThrow();
    expect(problem).toMatchObject({ source: 'complaint', region_id: county.id, status: 'open' });
    expect((await countyOffice.post(`/api/complaints/${id}/triage`, { problemId: problem.id })).body.error.fields[0].field).toBe('problemId');
    await countyOffice.post(`/api/complaints/${id}/reply`, { reply: '已责令停止培训', note: '经办人：李' });
    expect((await countyOffice.post(`/api/complaints/${id}/extend`, { days: 5 })).body.error.fields[0].field).toBe('reason');
    expect((await countyOffice.post(`/api/complaints/${id}/extend`, { days: 5, reason: '需联合执法' })).body.handleDue).toBe('2026-03-30');
    const seen = (await lookup(code)).body;
    expect(seen.timeline.map((e: { text: string | null }) => e.text)).toContain('已责令停止培训');
    expect(JSON.stringify(seen)).not.toContain('经办人');
    expect((await countyOffice.post(`/api/complaints/${id}/close`, {})).body.error.fields[0].field).toBe('reply');
    await countyOffice.post(`/api/complaints/${id}/close`, { reply: '经查属实，已处理' });
    expect((await lookup(code)).body).toMatchObject({ status: 'closed', abilities: { rate: true, reopen: true, addInformation: false } });
    const reopened = await public_.post('/api/public/complaints/satisfaction', { trackingCode: code, satisfaction: 'unsatisfied', comment: '仍在培训', reopen: true });
    expect(reopened.body).toMatchObject({ status: 'accepted', satisfaction: null });
    await countyOffice.post(`/api/complaints/${id}/close`, { reply: '已再次查处' });
    const again = await public_.post('/api/public/complaints/satisfaction', { trackingCode: code, satisfaction: 'unsatisfied', reopen: true });
    expect(again.status).toBe(400);
    expect(again.body.error.fields[0].field).toBe('reopen');
    const staff = await countyOffice.post(`/api/complaints/${id}/satisfaction`, { satisfaction: 'basic' });
    expect(staff.body).toMatchObject({ status: 'closed', satisfaction: 'basic', reopened: true });
    const actions = (await db().selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['complaint.file', 'complaint.transfer', 'complaint.accept', 'complaint.triage', 'complaint.reply', 'complaint.extend', 'complaint.close', 'complaint.reopen', 'complaint.close', 'complaint.rate']);
  });

  it('takes the complainant\'s files by code through the upload allow-list', async () => {
    const filed = await fileComplaint(public_, { unitId: school.id });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const ok = await public_.upload('/api/public/complaints/attachments', { fields: { trackingCode: filed.body.trackingCode }, file: { name: '收费单.png', content: png } });
    expect(ok.body).toEqual({ attached: 1 });
    const fake = await public_.upload('/api/public/complaints/attachments', { fields: { trackingCode: filed.body.trackingCode }, file: { name: 'x.png', content: Buffer.from('MZ not an image') } });
    expect(fake.status).toBe(400);
    const wrong = await public_.upload('/api/public/complaints/attachments', { fields: { trackingCode: newTrackingCode() }, file: { name: '收费单.png', content: png } });
    expect(wrong.status).toBe(404);
    const id = (await db().selectFrom('complaints').select('id').where('code_hash', 'is not', null).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const detail = await countyOffice.get(`/api/complaints/${id}`);
    expect(detail.body.files.map((f: { name: string }) => f.name)).toEqual(['收费单.png']);
    expect((await countyOffice.get(`/api/files/${detail.body.files[0].id}/content`)).status).toBe(200);
  });

  it('takes its deadlines from the settings the system administrator keeps', async () => {
    const admin = await signIn(world, (await makeAccount(world, { role: 'sysadmin' })).username, TEST_PASSWORD);
    expect((await countyOffice.put('/api/settings/complaints', { acknowledgeWorkingDays: 5, handleWorkingDays: 10 })).status).toBe(403);
    expect((await admin.put('/api/settings/complaints', { acknowledgeWorkingDays: 5, handleWorkingDays: 10 })).status).toBe(200);
    // Monday 2 March and five working days: Monday 9 March.
    expect((await fileComplaint(public_, { unitId: school.id })).body.acknowledgeDue).toBe('2026-03-09');
    await admin.put('/api/settings/complaints', { acknowledgeWorkingDays: 3, handleWorkingDays: 15 });
  });

  it('slows repeated look-ups from one address', async () => {
    const strict = await openWorld(engine, { ...relaxed, COMPLAINT_LOOKUP_RATE_LIMIT: '3' });
    try {
      const guesser = new Client(strict);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await guesser.post('/api/public/complaints/lookup', { trackingCode: newTrackingCode() })).status);
      expect(answers).toEqual([404, 404, 404, 429]);
    } finally {
      await strict.close();
    }
  });
});
