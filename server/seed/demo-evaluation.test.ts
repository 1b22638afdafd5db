import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { signIn, type Client } from '../../test/http';
import { interviewGroups } from '../modules/tasks/tasks.figures';

type Figures = {
  targets: { schoolsVisited: number; townshipsVisited: number }; visits: number; meetings: number;
  interviewed: Record<string, number>; problems: number; problemsByArea: { area: string; count: number }[]; recommendations: number;
};

async function evaluation(city: Client) {
  const tasks = (await city.get('/api/tasks?kind=duty_evaluation')).body.items as { id: string; planTitle: string; startDate: string; endDate: string }[];
  expect(tasks).toHaveLength(1);
  return { task: tasks[0], figures: (await city.get(`/api/tasks/${tasks[0].id}/figures`)).body as Figures };
}

function expectReportFigures(f: Figures) {
  expect(f.targets.schoolsVisited).toBe(81);
  expect(f.targets.townshipsVisited).toBe(11);
  expect(f.meetings).toBe(25);
  expect(f.interviewed.total).toBeGreaterThanOrEqual(360);
  expect(f.interviewed.total).toBe(interviewGroups.reduce((n, g) => n + f.interviewed[g], 0));
  expect(f.problems).toBe(29);
  expect(f.problemsByArea.filter((a) => a.count > 0)).toHaveLength(7);
  expect(f.recommendations).toBe(16);
}

describe.each(engines)('the demo evaluation of the counties\' governments on %s', (engine) => {
  let world: TestWorld;
  let city: Client;
  beforeAll(async () => {
    world = await openWorld(engine);
    world.clock.set(new Date('2026-11-28T02:00:00Z'));
    await seedDemo(world.platform);
    city = await signIn(world, 'city', DEMO_PASSWORD);
  });
  afterAll(async () => world.close());

  it('shows the city office the report\'s figures, counted from the visit records behind them', async () => {
    const { task, figures } = await evaluation(city);
    expect(task.planTitle).toBe('2026年巴中市教育督导工作计划');
    expectReportFigures(figures);

    const visits = (await city.get(`/api/visits?taskId=${task.id}&status=submitted&pageSize=200`)).body;
    expect(visits.total).toBe(figures.visits);
    expect(visits.items.reduce((n: number, v: { meetingsCount: number }) => n + v.meetingsCount, 0)).toBe(25);
    expect(visits.items.reduce((n: number, v: { interviewedCount: number }) => n + v.interviewedCount, 0)).toBe(figures.interviewed.total);
    expect(visits.items.every((v: { visitDate: string }) => v.visitDate < '2026-11-28')).toBe(true);
    const targets = (query: string) => city.get(`/api/tasks/${task.id}/targets?${query}`).then((r) => r.body.total as number);
    expect(await targets('kind=unit&visited=true&schools=true')).toBe(81);
    expect(await targets('kind=region&visited=true')).toBe(11);
    expect((await city.get(`/api/problems?taskId=${task.id}`)).body.total).toBe(29);
    expect((await city.get(`/api/recommendations?taskId=${task.id}`)).body.total).toBe(16);

    const year = (await city.get('/api/tasks/figures?from=2026-01-01&to=2026-12-31')).body as Figures;
    expect({ schools: year.targets.schoolsVisited, townships: year.targets.townshipsVisited, meetings: year.meetings, recommendations: year.recommendations })
      .toEqual({ schools: 81, townships: 11, meetings: 25, recommendations: 16 });
  });

  it('counts one more problem in its area when a team records it at a visit', async () => {
    const { task, figures: before } = await evaluation(city);
    const visits = (await city.get(`/api/visits?taskId=${task.id}&pageSize=200`)).body.items as { id: string; targetKind: string; unit: { name: string } | null }[];
    const school = visits.find((v) => v.targetKind === 'unit' && v.unit!.name.includes('小学'))!;
    const added = await city.post(`/api/visits/${school.id}/problems`, { area: 'safety', severity: 'medium', description: '消防通道堆放杂物' });
    expect(added.status).toBe(200);
    const { figures: after } = await evaluation(city);
    expect(after.problems).toBe(before.problems + 1);
    const safety = (f: Figures) => f.problemsByArea.find((a) => a.area === 'safety')!.count;
    expect(safety(after)).toBe(safety(before) + 1);
  });

  it('started early in the year, holds an evaluation that has already taken place; in its first weeks, last year\'s', async () => {
    for (const [instant, planYear] of [['2026-03-02T01:00:00Z', 2026], ['2026-01-12T01:00:00Z', 2025]] as const) {
      const early = await openWorld(engine);
      try {
        early.clock.set(new Date(instant));
        await seedDemo(early.platform);
        const { task, figures } = await evaluation(await signIn(early, 'city', DEMO_PASSWORD));
        expect(task.planTitle).toBe(`${planYear}年巴中市教育督导工作计划`);
        expectReportFigures(figures);
        const today = instant.slice(0, 10);
        const edb = early.platform.database.db;
        expect(await edb.selectFrom('visits').select('visit_date').where('visit_date', '>=', today).execute()).toEqual([]);
        expect(await edb.selectFrom('recommendations').select('proposed_on').where('proposed_on', '>=', today).execute()).toEqual([]);
      } finally {
        await early.close();
      }
    }
  });
});
