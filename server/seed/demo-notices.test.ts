import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { DEMO_PASSWORD, seedDemo } from './demo';
import { signIn } from '../../test/http';
import { readXlsx } from '../../test/xlsx';
import { lightOf, type RectificationStatus } from '../modules/rectification/rectification-status';
import { chinaToday } from '../modules/inspectors/people';

describe.each(engines)('the demo year of notices and rectification on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
    world.clock.set(new Date('2026-11-28T02:00:00Z'));
    await seedDemo(world.platform);
  });
  afterAll(async () => world.close());

  const db = () => world.platform.database.db;

  it('holds the report\'s 39 notices, numbered without gaps per type, and its 18 rectification matters', async () => {
    const notices = await db().selectFrom('notices').select(['type_key', 'doc_seq', 'doc_number', 'doc_year']).execute();
    expect(notices).toHaveLength(39);
    for (const type of new Set(notices.map((n) => n.type_key))) {
      const serials = notices.filter((n) => n.type_key === type).map((n) => n.doc_seq!).sort((a, b) => a - b);
      expect(serials).toEqual(serials.map((_, i) => i + 1));
      const counter = await db().selectFrom('document_counters').select('last_number').where('type_key', '=', type).executeTakeFirstOrThrow();
      expect(Number(counter.last_number)).toBe(serials.length);
    }
    expect(notices.find((n) => n.type_key === 'supervision_notice' && n.doc_seq === 1)!.doc_number).toBe('巴市教督办〔2026〕1号');

    const matters = await db().selectFrom('rectifications').select(['status', 'deadline']).where('origin', '=', 'notice').execute();
    expect(matters).toHaveLength(18);
    const count = (s: string) => matters.filter((m) => m.status === s).length;
    expect({ signedOff: count('signed_off'), verified: count('verified'), submitted: count('submitted'), inProgress: count('in_progress') })
      .toEqual({ signedOff: 14, verified: 1, submitted: 1, inProgress: 2 });
    const today = chinaToday(world.clock.now());
    const lights = matters.map((m) => lightOf(m.status as RectificationStatus, m.deadline, today, 3));
    expect(lights.filter((l) => l === 'red')).toHaveLength(1);
    expect(lights.filter((l) => l === 'yellow')).toHaveLength(1);
  });

  it('files four feedback reports with the performance office and clears the 47 earlier problems', async () => {
    const filings = await db().selectFrom('filings').select('filed_with').execute();
    expect(filings).toHaveLength(4);
    expect(new Set(filings.map((f) => f.filed_with))).toEqual(new Set(['巴中市人民政府目标绩效管理办公室']));
    const list = await db().selectFrom('clearance_lists').innerJoin('clearance_list_problems', 'clearance_list_problems.list_id', 'clearance_lists.id')
      .innerJoin('problems', 'problems.id', 'clearance_list_problems.problem_id').select(['problems.status']).execute();
    expect(list).toHaveLength(47);
    expect(list.every((p) => p.status === 'closed')).toBe(true);
    const timelines = await db().selectFrom('rectification_events').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'signOff').executeTakeFirstOrThrow();
    expect(Number(timelines.n)).toBe(14 + 47);
  });

  it('shows the city office figures, lights and a ledger export that match the records', async () => {
    const city = await signIn(world, 'city', DEMO_PASSWORD);
    const figures = (await city.get('/api/rectification-figures?year=2026')).body;
    expect(figures.notices).toBe(39);
    expect(figures.noticesByType.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(39);
    const overview = (await city.get('/api/rectification-overview')).body;
    expect({ red: overview.totals.red, yellow: overview.totals.yellow, submitted: overview.totals.submitted, verified: overview.totals.verified })
      .toEqual({ red: 1, yellow: 1, submitted: 1, verified: 1 });
    const all = await db().selectFrom('rectifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const exported = await readXlsx((await city.get('/api/rectifications/export')).raw);
    expect(exported.length - 1).toBe(Number(all.n));
    expect(Number(all.n)).toBe(18 + 47);
  });

  it('started early in the year, holds only what has happened by then', async () => {
    const early = await openWorld(engine);
    try {
      await seedDemo(early.platform);
      const now = early.clock.now().toISOString();
      const edb = early.platform.database.db;
      expect(await edb.selectFrom('rectification_events').select('at').where('at', '>', now).execute()).toEqual([]);
      expect(await edb.selectFrom('notices').select('issued_at').where('issued_at', '>', now).execute()).toEqual([]);
      expect(await edb.selectFrom('notices').select('closed_at').where('closed_at', '>', now).execute()).toEqual([]);
      expect((await edb.selectFrom('notices').select('id').execute()).length).toBeLessThan(39);
    } finally {
      await early.close();
    }
  });
});
