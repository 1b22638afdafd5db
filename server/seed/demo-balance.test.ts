import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { signIn, type Client } from '../../test/http';

interface Stage { stage: string; outcome: string; indicators: { id: string; cvMet: boolean | null }[]; schools: { name: string; passed: boolean | null; splitShare: string | null }[] }

describe.each(engines)('the demo school years of statistics on %s', (engine) => {
  let world: TestWorld;
  let city: Client;
  const county = async (code: string) => (await world.platform.database.db.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const assess = async (code: string) => (await city.get(`/api/balance/assessment?regionId=${await county(code)}&schoolYear=2026`)).body as { outcome: string; stages: Stage[]; assurance: { item: string; offenders: unknown[] }[] };

  beforeAll(async () => {
    world = await openWorld(engine);
    world.clock.set(new Date('2026-11-28T02:00:00Z'));
    await seedDemo(world.platform);
    city = await signIn(world, 'city', DEMO_PASSWORD);
  });
  afterAll(async () => world.close());

  it('has a county whose coefficients all pass while one school fails the per-school rule', async () => {
    const report = await assess('511903');
    const all = report.stages.flatMap((s) => s.indicators);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((i) => i.cvMet === true)).toBe(true);
    expect(report.stages.flatMap((s) => s.schools).filter((s) => s.passed === false)).toHaveLength(1);
    expect(report.outcome).toBe('notMet');
  });

  it('has a county whose equipment coefficient fails, and one with over-size classes', async () => {
    const uneven = await assess('511921');
    expect(uneven.stages.find((s) => s.stage === 'primary')!.indicators.find((i) => i.id === 'Q6')!.cvMet).toBe(false);
    expect(uneven.stages.flatMap((s) => s.schools).every((s) => s.passed)).toBe(true);
    const large = await assess('511922');
    expect(large.assurance.find((c) => c.item === 'G5')!.offenders).toHaveLength(1);
  });

  it('splits the combined schools into their sections, and gives the city two school years to compare', async () => {
    const report = await assess('511902');
    const split = report.stages.flatMap((s) => s.schools).filter((s) => s.splitShare !== null);
    expect(split.some((s) => s.name.includes('九年一贯制'))).toBe(true);
    expect(report.stages.flatMap((s) => s.schools).filter((s) => s.passed === false)).toHaveLength(0);
    const comparison = (await city.get(`/api/balance/comparison?regionId=${await county('511900')}`)).body;
    expect(comparison.schoolYears).toEqual([2026, 2025]);
    expect(comparison.counties.filter((c: { years: unknown[] }) => c.years.length === 2).length).toBeGreaterThanOrEqual(5);
  });
});
