import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { makeInspector, makeTerm } from '../../../test/people-factories';
import { signIn, type Client } from '../../../test/http';
import type { InspectorsTable, RegionsTable, UnitsTable } from '../../platform/db/schema';
import { readXlsx } from '../../../test/xlsx';

const fieldsOf = (body: { error: { fields: { field: string; message: string }[] } }) => Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));

describe.each(engines)('responsible inspectors on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let schools: UnitsTable[];
  let bureau: UnitsTable;
  let foreignSchool: UnitsTable;
  let chen: InspectorsTable;
  let li: InspectorsTable;
  let office: Client;
  let chenClient: Client;
  let liClient: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '挂牌县');
    const town = await makeRegion(world, { parent: county, name: '挂牌镇' });
    schools = [];
    for (const name of ['一小', '二小', '三小', '中心幼儿园', '初中', '九年制']) schools.push(await makeUnit(world, { region: town, name: `挂牌${name}` }));
    bureau = await makeUnit(world, { region: county, name: '挂牌县教育局', kind: 'education_bureau', school_code: null, stage: null });
    foreignSchool = await makeUnit(world, { name: '外县学校' });
    const staff = await makeAccount(world, { role: 'office_staff', region: county });
    office = await signIn(world, staff.username, staff.password);
    const chenAccount = await makeAccount(world, { role: 'inspector', region: county });
    const liAccount = await makeAccount(world, { role: 'inspector', region: county });
    chen = await makeInspector(world, { region: county, name: '陈督学', account_id: chenAccount.id });
    li = await makeInspector(world, { region: county, name: '李督学', account_id: liAccount.id });
    for (const p of [chen, li]) await makeTerm(world, p, { start_date: '2025-01-01', end_date: '2027-12-31' });
    chenClient = await signIn(world, chenAccount.username, chenAccount.password);
    liClient = await signIn(world, liAccount.username, liAccount.password);
  });
  afterAll(async () => world.close());

  it('assigns schools in bulk, lists those still without one, and hands a school over on a date', async () => {
    const before = await office.get('/api/responsible/unassigned?pageSize=200');
    expect(before.body.items.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(schools.map((s) => s.name)));
    expect(before.body.items.map((u: { name: string }) => u.name)).not.toContain('挂牌县教育局');

    const bulk = await office.post('/api/responsible/assignments', { inspectorId: chen.id, unitIds: schools.slice(0, 5).map((s) => s.id), startDate: '2026-01-01' });
    expect(bulk.body).toEqual({ assigned: 5, replaced: 0, schools: 5, guideline: 5, warning: null });
    const after = await office.get('/api/responsible/unassigned?pageSize=200');
    expect(after.body.items.map((u: { name: string }) => u.name)).toEqual(['挂牌九年制']);

    const handover = await office.post('/api/responsible/assignments', { inspectorId: li.id, unitIds: [schools[4].id, schools[5].id], startDate: '2026-02-01' });
    expect(handover.body).toEqual({ assigned: 2, replaced: 1, schools: 2, guideline: 5, warning: null });
    const chens = await office.get(`/api/responsible/assignments?inspectorId=${chen.id}&pageSize=200`);
    expect(chens.body.total).toBe(4);
    expect((await office.get('/api/responsible/unassigned')).body.total).toBe(0);
  });

  it('refuses a unit that is not a school, one outside the office, and an inspector not serving', async () => {
    const notSchool = await office.post('/api/responsible/assignments', { inspectorId: chen.id, unitIds: [bureau.id], startDate: '2026-02-01' });
    expect(fieldsOf(notSchool.body).unitIds).toBe('“挂牌县教育局”不是学校或幼儿园，不配备责任督学');
    const foreign = await office.post('/api/responsible/assignments', { inspectorId: chen.id, unitIds: [foreignSchool.id], startDate: '2026-02-01' });
    expect(fieldsOf(foreign.body).unitIds).toBe('所选单位不存在或不在您的管辖范围内');
    const retired = await makeInspector(world, { region: county, name: '届满督学' });
    await makeTerm(world, retired, { start_date: '2020-01-01', end_date: '2022-12-31' });
    const expired = await office.post('/api/responsible/assignments', { inspectorId: retired.id, unitIds: [schools[0].id], startDate: '2026-02-01' });
    expect(fieldsOf(expired.body).inspectorId).toBe('该督学当前不在聘期内，不能担任责任督学');
  });

  it('lets an inspector log visits only to their own schools, not in the future', async () => {
    const ok = await chenClient.post('/api/responsible/visits', {
      unitId: schools[0].id, date: '2026-02-12', items: ['safety', 'canteen_hygiene'], methods: ['campus_patrol'], findings: '食堂留样记录不全', feedbackGiven: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ inspector: { name: '陈督学' }, unit: { name: '挂牌一小' }, feedbackGiven: true });
    const notMine = await liClient.post('/api/responsible/visits', { unitId: schools[0].id, date: '2026-02-12', items: ['safety'] });
    expect(fieldsOf(notMine.body).inspectorId).toBe('该督学不是这所学校当前的责任督学');
    const future = await chenClient.post('/api/responsible/visits', { unitId: schools[0].id, date: '2026-03-03', items: ['safety'] });
    expect(fieldsOf(future.body).date).toBe('督导日期不能晚于今天');
    const noItems = await chenClient.post('/api/responsible/visits', { unitId: schools[0].id, date: '2026-02-12', items: [] });
    expect(noItems.status).toBe(400);
    expect(noItems.body.error.fields[0].field).toBe('items');
    const forChen = await office.post('/api/responsible/visits', { unitId: schools[1].id, date: '2026-02-20', items: ['curriculum'] });
    expect(forChen.body.inspector.name).toBe('陈督学');

    const lisView = await liClient.get('/api/responsible/visits?pageSize=200');
    expect(lisView.body.total).toBe(0);
    const officeView = await office.get(`/api/responsible/visits?inspectorId=${chen.id}`);
    expect(officeView.body.items.map((v: { unit: { name: string } }) => v.unit.name)).toEqual(['挂牌二小', '挂牌一小']);
  });

  it('shows who is behind the one-visit-a-month minimum, school by school', async () => {
    const feb = await office.get('/api/responsible/behind?month=2026-02');
    const chenRow = feb.body.items.find((r: { inspector: { name: string } }) => r.inspector.name === '陈督学');
    expect(chenRow).toMatchObject({ schools: 4, visited: 2 });
    expect(chenRow.notVisited.map((u: { name: string }) => u.name)).toEqual(['挂牌三小', '挂牌中心幼儿园']);
    const liRow = feb.body.items.find((r: { inspector: { name: string } }) => r.inspector.name === '李督学');
    expect(liRow).toMatchObject({ schools: 2, visited: 0 });
    const bad = await office.get('/api/responsible/behind?month=2026-13');
    expect(bad.status).toBe(400);
    const behindSheet = await readXlsx((await office.get('/api/responsible/behind/export?month=2026-02')).raw);
    expect(behindSheet).toContainEqual(['陈督学', '4', '2', '挂牌三小、挂牌中心幼儿园']);
    const visitSheet = await readXlsx((await office.get(`/api/responsible/visits/export?inspectorId=${chen.id}`)).raw);
    expect(visitSheet[0]).toEqual(['日期', '学校', '责任督学', '督导事项', '发现的问题', '当场反馈']);
    expect(visitSheet).toContainEqual(['2026-02-12', '挂牌一小', '陈督学', '校园及周边安全、交通安全、食堂、食品、饮水及宿舍卫生', '食堂留样记录不全', '是']);
    const assignmentSheet = await readXlsx((await office.get(`/api/responsible/assignments/export?inspectorId=${chen.id}`)).raw);
    expect(assignmentSheet.slice(1).map((r) => r[0]).sort()).toEqual(['挂牌一小', '挂牌三小', '挂牌中心幼儿园', '挂牌二小'].sort());
    const assignments = await office.get(`/api/responsible/assignments?inspectorId=${chen.id}&sort=unit&pageSize=200`);
    expect(assignments.body.items.find((a: { unit: { name: string } }) => a.unit.name === '挂牌一小').lastVisit).toBe('2026-02-12');
  });

  it('ends an inspector\'s schools when they are dismissed', async () => {
    await office.post(`/api/inspectors/${li.id}/dismiss`, { dismissedOn: '2026-03-01', reason: '调离' });
    const unassigned = await office.get('/api/responsible/unassigned?pageSize=200');
    expect(unassigned.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['挂牌九年制', '挂牌初中'].sort());
    const sheet = await readXlsx((await office.get('/api/responsible/unassigned/export')).raw);
    expect(sheet.slice(1).map((r) => r[0]).sort()).toEqual(['挂牌九年制', '挂牌初中'].sort());
  });

  it('warns, without refusing, above the staffing guideline, which the administrator sets, and lists each inspector\'s load', async () => {
    const wang = await makeInspector(world, { region: county, name: '王督学' });
    await makeTerm(world, wang, { start_date: '2025-01-01', end_date: '2027-12-31' });
    const town = await makeRegion(world, { parent: county, name: '负荷镇' });
    const many: UnitsTable[] = [];
    for (let i = 1; i <= 6; i += 1) many.push(await makeUnit(world, { region: town, name: `负荷小学${i}` }));

    const five = await office.post('/api/responsible/assignments', { inspectorId: wang.id, unitIds: many.slice(0, 5).map((u) => u.id), startDate: '2026-02-20' });
    expect(five.body).toMatchObject({ assigned: 5, schools: 5, warning: null });
    const sixth = await office.post('/api/responsible/assignments', { inspectorId: wang.id, unitIds: [many[5].id], startDate: '2026-02-20' });
    expect(sixth.status).toBe(200);
    expect(sixth.body).toEqual({ assigned: 1, replaced: 0, schools: 6, guideline: 5, warning: '王督学现负责 6 所学校，超过每名责任督学约 5 所的配备标准' });
    const staff = await makeAccount(world, { role: 'office_staff', region: county });
    const officeEn = await signIn(world, staff.username, staff.password, 'en');
    const again = await officeEn.post('/api/responsible/assignments', { inspectorId: wang.id, unitIds: [many[5].id], startDate: '2026-02-20' });
    expect(again.body.warning).toBe('王督学 is now responsible for 6 schools, more than the guideline of about 5 per responsible inspector');

    const loads = await office.get('/api/responsible/inspectors');
    expect(loads.body.guideline).toBe(5);
    expect(loads.body.items).toEqual([
      { inspector: { id: wang.id, name: '王督学' }, schools: 6, overGuideline: true },
      { inspector: { id: chen.id, name: '陈督学' }, schools: 4, overGuideline: false },
    ]);
    expect((await office.get('/api/responsible/inspectors?over=true')).body).toMatchObject({ total: 1, items: [{ inspector: { name: '王督学' } }] });

    const admin = await makeAccount(world, { role: 'sysadmin' });
    const adminClient = await signIn(world, admin.username, admin.password);
    expect((await office.put('/api/settings/responsible', { schoolsPerInspector: 8 })).status).toBe(403);
    const zero = await adminClient.put('/api/settings/responsible', { schoolsPerInspector: 0 });
    expect(zero.status).toBe(400);
    expect(fieldsOf(zero.body).schoolsPerInspector).toBe('每名责任督学负责学校数：不能小于 1');
    expect((await adminClient.put('/api/settings/responsible', { schoolsPerInspector: 6 })).body).toEqual({ schoolsPerInspector: 6 });
    expect((await office.get('/api/settings/responsible')).body).toEqual({ schoolsPerInspector: 6 });
    const relaxed = await office.get('/api/responsible/inspectors?over=true');
    expect(relaxed.body).toMatchObject({ guideline: 6, total: 0, items: [] });
    expect((await office.post('/api/responsible/assignments', { inspectorId: wang.id, unitIds: [many[5].id], startDate: '2026-02-20' })).body.warning).toBeNull();
  });
});
