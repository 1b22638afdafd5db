import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { makePlan, makeTarget, makeTask, makeTeam, makeVisit } from '../../../test/supervision-factories';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('plans, tasks and teams on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let town: RegionsTable;
  let office: Client;
  let otherOffice: Client;
  let inspector: { id: string; username: string };
  let inspectorClient: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '任务县');
    town = await makeRegion(world, { parent: county, name: '任务镇' });
    const a = await makeAccount(world, { region: county });
    office = await signIn(world, a.username, a.password);
    const b = await makeAccount(world);
    otherOffice = await signIn(world, b.username, b.password);
    // The inspector belongs to another county altogether: a team assignment is their only way in.
    const i = await makeAccount(world, { role: 'inspector', region: b.region });
    inspector = i;
    inspectorClient = await signIn(world, i.username, i.password);
  });
  afterAll(async () => world.close());

  it('plans a campaign with two teams and their targets, and moves it through its statuses', async () => {
    const plan = await office.post('/api/plans', { regionId: county.id, year: 2026, title: '2026年督导工作计划' });
    expect(plan.status).toBe(200);
    const school = await makeUnit(world, { region: town, name: '任务镇中心小学' });
    const institution = await makeUnit(world, { region: town, name: '任务镇培训学校', kind: 'training_institution', stage: null, school_code: null });
    const task = await office.post('/api/tasks', {
      planId: plan.body.id, regionId: county.id, kind: 'campaign', title: '控辍保学挂牌督战', startDate: '2026-03-01', endDate: '2026-06-30', rounds: 4,
      basis: [{ title: '关于开展脱贫攻坚控辍保学挂牌督战的通知', docNo: '川教督办〔2020〕3号' }],
    });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ status: 'planned', rounds: 4, nextStatuses: ['under_way', 'closed'] });
    const leader = await makeAccount(world, { role: 'inspector', region: county });
    const t1 = await office.post(`/api/tasks/${task.body.id}/teams`, { name: '第一督战组', leaderAccountId: leader.id, memberAccountIds: [] });
    expect(t1.status).toBe(200);
    // The office can put an inspector of its own subtree on a team only; the other county's inspector is refused by name.
    const refused = await office.post(`/api/tasks/${task.body.id}/teams`, { name: '第二督战组', leaderAccountId: leader.id, memberAccountIds: [inspector.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].field).toBe('memberAccountIds');
    const teamOne = t1.body.teams[0].id;
    const added = await office.post(`/api/tasks/${task.body.id}/targets`, { teamId: teamOne, unitIds: [school.id, institution.id], regionIds: [town.id] });
    expect(added.body).toEqual({ added: 3 });
    const again = await office.post(`/api/tasks/${task.body.id}/targets`, { unitIds: [school.id] });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('已是此任务的督导对象');
    const targets = await office.get(`/api/tasks/${task.body.id}/targets`);
    expect(targets.body.total).toBe(3);
    expect(targets.body.items.map((t: { team: { name: string } }) => t.team.name)).toEqual(['第一督战组', '第一督战组', '第一督战组']);

    const skip = await office.post(`/api/tasks/${task.body.id}/transition`, { status: 'reporting' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toBe('任务状态不能从“计划中”变为“报告中”');
    const started = await office.post(`/api/tasks/${task.body.id}/transition`, { status: 'under_way' });
    expect(started.body.status).toBe('under_way');
    const list = await office.get('/api/tasks?status=under_way&kind=campaign');
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(task.body.id);
    expect(list.body.items.find((t: { id: string }) => t.id === task.body.id)).toMatchObject({ targetCount: 3, visitedCount: 0 });
  });

  it('refuses a task outside its plan\'s year and dates that run backwards, naming the field', async () => {
    const plan = await makePlan(world, county, { year: 2026 });
    const base = { planId: plan.id, regionId: county.id, kind: 'routine', title: '春季开学检查' };
    const outside = await office.post('/api/tasks', { ...base, startDate: '2025-12-20', endDate: '2026-01-10' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0]).toMatchObject({ field: 'startDate', message: '任务期间须在计划年度 2026 年内' });
    const backwards = await office.post('/api/tasks', { ...base, startDate: '2026-03-10', endDate: '2026-03-01' });
    expect(backwards.body.error.fields[0].field).toBe('endDate');
    const badDate = await office.post('/api/tasks', { ...base, startDate: '2026-02-30', endDate: '2026-03-01' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.fields[0].field).toBe('startDate');
  });

  it('lets a team member from another county see the task and its targets, and nothing else of this county', async () => {
    const task = await makeTask(world, county);
    const other = await makeTask(world, county);
    const team = await makeTeam(world, task, inspector.id);
    const school = await makeUnit(world, { region: town });
    await makeTarget(world, task, { unit: school, team });
    expect((await inspectorClient.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect((await inspectorClient.get(`/api/tasks/${other.id}`)).status).toBe(404);
    const mine = await inspectorClient.get('/api/tasks/my-targets');
    expect(mine.body.items.map((t: { unit: { id: string } }) => t.unit.id)).toEqual([school.id]);
    const listed = await inspectorClient.get('/api/tasks?pageSize=200');
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    // The other county's office sees none of it.
    expect((await otherOffice.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await otherOffice.get(`/api/tasks/${task.id}/targets`)).status).toBe(404);
  });

  it('will not remove a visited target nor shorten the rounds below those visited', async () => {
    const task = await makeTask(world, county);
    const leader = await makeAccount(world, { role: 'inspector', region: county });
    const team = await makeTeam(world, task, leader.id);
    const target = await makeTarget(world, task, { unit: await makeUnit(world, { region: town }), team });
    await makeVisit(world, task, target, leader.id, { round: 3 });
    const removed = await office.request('DELETE', `/api/tasks/${task.id}/targets/${target.id}`);
    expect(removed.status).toBe(409);
    const rounds = await office.patch(`/api/tasks/${task.id}`, { rounds: 2 });
    expect(rounds.status).toBe(400);
    expect(rounds.body.error.fields[0].field).toBe('rounds');
    const closed = await office.post(`/api/tasks/${task.id}/transition`, { status: 'reporting' });
    expect(closed.body.status).toBe('reporting');
    expect((await office.post(`/api/tasks/${task.id}/transition`, { status: 'closed' })).body.status).toBe('closed');
    expect((await office.patch(`/api/tasks/${task.id}`, { title: '改名' })).status).toBe(409);
  });

  it('drills the schools-and-institutions figure down to the schools visited, without the government beside them', async () => {
    const task = await makeTask(world, county, { kind: 'duty_evaluation' });
    const leader = await makeAccount(world, { role: 'inspector', region: county });
    const team = await makeTeam(world, task, leader.id);
    const places = [
      await makeUnit(world, { region: county, kind: 'government', name: '任务县人民政府' }),
      await makeUnit(world, { region: town, kind: 'school' }),
      await makeUnit(world, { region: town, kind: 'training_institution' }),
      await makeUnit(world, { region: town, kind: 'kindergarten' }),
    ];
    for (const [i, unit] of places.entries()) {
      const target = await makeTarget(world, task, { unit, team });
      if (i < 3) await makeVisit(world, task, target, leader.id, { status: 'submitted' });
    }
    const figures = (await office.get(`/api/tasks/${task.id}/figures`)).body;
    expect(figures.targets).toMatchObject({ unitsVisited: 3, schoolsVisited: 2 });
    const schools = (await office.get(`/api/tasks/${task.id}/targets?kind=unit&visited=true&schools=true`)).body;
    expect(schools.total).toBe(figures.targets.schoolsVisited);
    expect(schools.items.map((t: { unit: { kind: string } }) => t.unit.kind).sort()).toEqual(['school', 'training_institution']);
  });
});
