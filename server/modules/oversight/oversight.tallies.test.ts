import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn } from '../../../test/http';
import { makeRectification } from '../../../test/rectification-factories';

/**
 * The overview reads its counts from rectification_tallies, which triggers keep. Whatever changes an item —
 * an action through the API, a withdrawal, a statement straight on the table — the tallies must equal a
 * GROUP BY over the items, and the overview must show what the items say.
 */
describe.each(engines)('the overview tallies on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  const db = () => world.platform.database.db;
  /** The tallies as the items say they should be, and as the triggers kept them, in one order. */
  async function bothWays() {
    const owedDeadline = sql<string>`case when status in ('pending', 'in_progress') then deadline else '' end`;
    const expected = await db().selectFrom('rectifications')
      .select(['unit_id', 'region_path', 'office_region_path', 'status', owedDeadline.as('deadline'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['unit_id', 'region_path', 'office_region_path', 'status', owedDeadline]).execute();
    const kept = await db().selectFrom('rectification_tallies').select(['unit_id', 'region_path', 'office_region_path', 'status', 'deadline', 'n']).execute();
    const order = (rows: { unit_id: string; status: string; deadline: string; n: unknown }[]) =>
      rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => `${a.unit_id}${a.status}${a.deadline}`.localeCompare(`${b.unit_id}${b.status}${b.deadline}`));
    return { expected: order(expected), kept: order(kept) };
  }

  it('follow every change to the items, and the overview counts from them', async () => {
    const county = await makeCounty(world, '计数县');
    const town = await makeRegion(world, { parent: county });
    const [east, west] = [await makeUnit(world, { region: town, name: '计数东小学' }), await makeUnit(world, { region: town, name: '计数西小学' })];
    const staff = await makeAccount(world, { region: county });
    const office = await signIn(world, staff.username, TEST_PASSWORD);
    const today = world.clock.now().toISOString().slice(0, 10);
    const past = '2020-03-01';
    const later = '2099-06-30';

    const overdue = await makeRectification(world, { unit: east, office: county, status: 'pending', deadline: past });
    await makeRectification(world, { unit: east, office: county, status: 'in_progress', deadline: past, notice: overdue.notice! });
    const submitted = await makeRectification(world, { unit: west, office: county, status: 'submitted', deadline: later, evidence: true });
    await makeRectification(world, { unit: west, office: county, status: 'signed_off', deadline: later });
    let tallies = await bothWays();
    expect(tallies.kept).toEqual(tallies.expected);
    // Two overdue items of one unit with one deadline are one row of two.
    expect(tallies.kept.find((r) => r.unit_id === east.id && r.status === 'pending')).toMatchObject({ deadline: past, n: 1 });
    const overview = async () => (await office.get('/api/rectification-overview')).body;
    expect((await overview()).totals).toMatchObject({ red: 2, submitted: 1, signedOff: 1, total: 4 });

    // Through the state machine: verified, then signed off.
    expect((await office.post(`/api/rectifications/${submitted.row.id}/verify`, { method: 'documents', note: '资料齐全', grade: 'good' })).status).toBe(200);
    expect((await office.post(`/api/rectifications/${submitted.row.id}/sign-off`, {})).status).toBe(200);
    // Straight on the table: a deadline moved, an item moved to another unit, one deleted.
    await db().updateTable('rectifications').set({ deadline: later }).where('id', '=', overdue.row.id).execute();
    await db().updateTable('rectifications').set({ deadline: today }).where('status', '=', 'signed_off').where('unit_id', '=', west.id).execute();
    await db().updateTable('rectifications').set({ unit_id: west.id }).where('status', '=', 'in_progress').where('unit_id', '=', east.id).execute();
    tallies = await bothWays();
    expect(tallies.kept).toEqual(tallies.expected);
    const counts = await overview();
    expect(counts.totals).toMatchObject({ red: 1, green: 1, submitted: 0, signedOff: 2, total: 4 });
    expect(counts.units.items.map((u: { unit: { name: string }; counts: { red: number } }) => [u.unit.name, u.counts.red]))
      .toEqual(expect.arrayContaining([['计数东小学', 0], ['计数西小学', 1]]));

    // The notice withdrawn: its open items cancelled, and cancelled items leave the overview.
    expect((await office.post(`/api/notices/${overdue.notice!.id}/withdraw`, { reason: '文书有误，撤回重发' })).status).toBe(200);
    await db().deleteFrom('rectification_events').where('rectification_id', '=', submitted.row.id).execute();
    await db().deleteFrom('rectifications').where('id', '=', submitted.row.id).execute();
    tallies = await bothWays();
    expect(tallies.kept).toEqual(tallies.expected);
    expect(tallies.kept.filter((r) => r.status === 'cancelled').reduce((n, r) => n + r.n, 0)).toBe(2);
    expect((await overview()).totals).toMatchObject({ red: 0, green: 0, signedOff: 1, total: 1 });
  });
});
