import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty } from '../../../test/factories';
import { makeInspector, makeTerm } from '../../../test/people-factories';
import { runTermReminders } from './term-reminders';

describe.each(engines)('term-expiry reminders on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  const titlesOf = async (accountId: string) =>
    (await world.platform.database.db.selectFrom('notifications').select('title').where('account_id', '=', accountId).orderBy('created_at').execute()).map((n) => n.title);

  it('reminds the appointing office and the inspector 60, 30 and 7 days before a term ends, once each', async () => {
    const county = await makeCounty(world, '聘期县');
    const office = await makeAccount(world, { region: county });
    const own = await makeAccount(world, { role: 'inspector', region: county });
    const ending = await makeInspector(world, { region: county, name: '到期督学', account_id: own.id });
    await makeTerm(world, ending, { term_number: 3, start_date: '2023-05-01', end_date: '2026-04-30' });
    const renewed = await makeInspector(world, { region: county, name: '续聘督学' });
    await makeTerm(world, renewed, { term_number: 3, start_date: '2023-05-01', end_date: '2026-04-30' });
    await makeTerm(world, renewed, { term_number: 4, start_date: '2026-05-01', end_date: '2029-04-30' });

    world.clock.set(new Date('2026-03-02T02:00:00Z'));
    // Two processes running at the same moment still remind once.
    const [a, b] = await Promise.all([runTermReminders(world.platform), runTermReminders(world.platform)]);
    expect(a + b).toBe(1);
    expect(await titlesOf(office.id)).toEqual(['督学聘期将于 2026-04-30 届满：到期督学（第3届，还有 59 天）']);
    expect(await titlesOf(own.id)).toHaveLength(1);
    expect(await runTermReminders(world.platform)).toBe(0);

    world.clock.set(new Date('2026-04-01T02:00:00Z'));
    expect(await runTermReminders(world.platform)).toBe(1);
    // Down for the 7-day mark and back the day before the end: one reminder, not one per missed stage.
    world.clock.set(new Date('2026-04-29T02:00:00Z'));
    expect(await runTermReminders(world.platform)).toBe(1);
    expect(await titlesOf(office.id)).toHaveLength(3);
    expect((await titlesOf(office.id)).every((t) => t.includes('到期督学'))).toBe(true);
    world.clock.set(new Date('2026-05-01T02:00:00Z'));
    expect(await runTermReminders(world.platform)).toBe(0);
  });
});
