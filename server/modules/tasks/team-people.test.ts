import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { makeExpert, makeInspector, makeTerm } from '../../../test/people-factories';
import { makeTarget, makeTask, makeVisit } from '../../../test/supervision-factories';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('inspectors and experts on supervision teams on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let office: Client;
  let officeId: string;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '队伍县');
    const account = await makeAccount(world, { region: county });
    officeId = account.id;
    office = await signIn(world, account.username, TEST_PASSWORD);
  });
  afterAll(async () => world.close());

  it('puts an inspector and an account-less drawn expert on a team, and both pages show the task and its visits', async () => {
    const town = await makeRegion(world, { parent: county });
    const school = await makeUnit(world, { region: town, name: '队伍镇小学' });
    const inspectorAccount = await makeAccount(world, { role: 'inspector', region: county });
    const inspector = await makeInspector(world, { region: county, name: '周督学', account_id: inspectorAccount.id });
    await makeTerm(world, inspector);
    const expert = await makeExpert(world, { region: county, name: '吴专家' });
    const task = await makeTask(world, county, { title: '春季开学专项督导' });

    const created = await office.post(`/api/tasks/${task.id}/teams`, { name: '第一组', leaderAccountId: officeId, inspectorIds: [inspector.id], expertIds: [expert.id] });
    expect(created.status).toBe(200);
    const team = created.body.teams.find((t: { name: string }) => t.name === '第一组');
    expect(team.people).toEqual([{ kind: 'inspector', id: inspector.id, name: '周督学' }, { kind: 'expert', id: expert.id, name: '吴专家' }]);
    // The inspector's own account joined the team, so the inspector can open the task from their phone.
    expect(team.members.map((m: { id: string }) => m.id)).toContain(inspectorAccount.id);
    const inspectorClient = await signIn(world, inspectorAccount.username, TEST_PASSWORD);
    expect((await inspectorClient.get(`/api/tasks/${task.id}`)).status).toBe(200);

    const teamRow = await world.platform.database.db.selectFrom('task_teams').selectAll().where('id', '=', team.id).executeTakeFirstOrThrow();
    const target = await makeTarget(world, task, { unit: school, team: teamRow });
    await makeVisit(world, task, target, officeId, { visit_date: '2026-03-05', status: 'submitted' });

    const inspectorPage = (await office.get(`/api/inspectors/${inspector.id}`)).body;
    expect(inspectorPage.supervision.tasks).toEqual([expect.objectContaining({ id: task.id, title: '春季开学专项督导', team: '第一组', leader: false })]);
    expect(inspectorPage.supervision.visits).toEqual([expect.objectContaining({ visitDate: '2026-03-05', place: '队伍镇小学', task: '春季开学专项督导' })]);
    const expertPage = (await office.get(`/api/experts/${expert.id}`)).body;
    expect(expertPage.supervision.tasks.map((t: { id: string }) => t.id)).toEqual([task.id]);
    expect(expertPage.supervision.visits).toHaveLength(1);

    // Taking the expert off the team takes the task off the expert's page.
    await office.patch(`/api/tasks/${task.id}/teams/${team.id}`, { expertIds: [] });
    expect((await office.get(`/api/experts/${expert.id}`)).body.supervision.tasks).toEqual([]);
    expect((await office.get(`/api/inspectors/${inspector.id}`)).body.supervision.tasks).toHaveLength(1);
  });

  it('refuses inspectors outside the office and dismissed ones, naming the field', async () => {
    const elsewhere = await makeCounty(world, '别的县');
    const outsider = await makeInspector(world, { region: elsewhere });
    const dismissed = await makeInspector(world, { region: county, dismissed_on: '2026-01-01', dismissal_reason: '调离' });
    const task = await makeTask(world, county);
    for (const inspectorId of [outsider.id, dismissed.id]) {
      const res = await office.post(`/api/tasks/${task.id}/teams`, { name: '错误组', leaderAccountId: officeId, inspectorIds: [inspectorId] });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('inspectorIds');
    }
    expect((await office.get(`/api/tasks/${task.id}`)).body.teams).toEqual([]);
  });
});
