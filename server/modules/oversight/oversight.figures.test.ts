import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeRegion, makeUnit } from '../../../test/factories';
import { accountsOverDays, type Client } from '../../../test/http';
import { makeItem, makeNoticeOf } from '../../../test/oversight-factories';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { scoreOf } from './oversight.figures';

/**
 * Every figure against hand-counted rows. Today is 2026-03-02 in China (the world's clock), the yellow
 * light's window 3 days, so yellow means a deadline from 03-02 to 03-05.
 *
 *  #   unit   office  status       deadline (original)   first submitted  gradings      light today
 *  1   A1     A       pending      2026-02-20                                            red
 *  2   A1     A       in_progress  2026-03-04                                            yellow
 *  3   A1     A       in_progress  2026-04-30                                            green
 *  4   A1     A       submitted    2026-02-25            02-25 (on time)                 —
 *  5   A1     A       signed_off   2026-02-10            02-12 (late)     差, 较好      —
 *  6   A1     A       verified     2026-03-31 (02-28)    03-01 (late)     好            —
 *  7   A1     A       cancelled    2026-02-01                                            left out
 *  8   A2     A       signed_off   2026-01-31            01-20 (on time)  好            —
 *  9   A2     A       pending      2026-03-02                                            yellow (due today)
 * 10   A2     A       in_progress  2025-12-20                                            red (a 2025 item)
 * 11   gov    A       pending      2026-03-01                                            red
 * 12   B      B       pending      2026-02-01                                            red (county B)
 * 13   A1     city    submitted    2026-03-10            03-01 (on time)                 —
 * 14   A3     A       signed_off   2026-02-15            02-14 (on time)  好            —
 * 15   A4     A       pending      2026-06-30                                            green
 */
describe.each(engines)('rectification overview, figures and ranking on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let townA1: RegionsTable;
  let townA2: RegionsTable;
  let countyB: RegionsTable;
  let a1: UnitsTable;
  let a2: UnitsTable;
  let a3: UnitsTable;
  let a4: UnitsTable;
  let gov: UnitsTable;
  let b: UnitsTable;
  let officeA: Client;
  let officeB: Client;
  let cityOffice: Client;
  let schoolA1: Client;
  let leaderA: Client;
  const { client, onDay } = accountsOverDays(() => world, '2026-03-02T01:00:00Z');

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '巴中市' });
    countyA = await makeRegion(world, { parent: city, name: '甲县' });
    countyB = await makeRegion(world, { parent: city, name: '乙县' });
    townA1 = await makeRegion(world, { parent: countyA, name: '甲一镇' });
    townA2 = await makeRegion(world, { parent: countyA, name: '甲二镇' });
    const townB = await makeRegion(world, { parent: countyB, name: '乙一镇' });
    a1 = await makeUnit(world, { region: townA1, name: '甲一小学' });
    a2 = await makeUnit(world, { region: townA2, name: '甲二小学' });
    a3 = await makeUnit(world, { region: townA2, name: '甲三小学' });
    a4 = await makeUnit(world, { region: townA1, name: '甲四小学' });
    gov = await makeUnit(world, { region: countyA, name: '甲县人民政府', kind: 'government', school_code: null, stage: null, ownership: null });
    b = await makeUnit(world, { region: townB, name: '乙一小学' });

    const noticeA = await makeNoticeOf(world, countyA, { typeKey: 'supervision_notice' });
    const noticeB = await makeNoticeOf(world, countyB, { typeKey: 'supervision_notice' });
    const noticeCity = await makeNoticeOf(world, city, { typeKey: 'supervision_letter' });
    const inA = { office: countyA, notice: noticeA };
    await makeItem(world, { ...inA, unit: a1, status: 'pending', deadline: '2026-02-20' });
    await makeItem(world, { ...inA, unit: a1, status: 'in_progress', deadline: '2026-03-04' });
    await makeItem(world, { ...inA, unit: a1, status: 'in_progress', deadline: '2026-04-30' });
    await makeItem(world, { ...inA, unit: a1, status: 'submitted', deadline: '2026-02-25', firstSubmittedOn: '2026-02-25', grades: [] });
    await makeItem(world, { ...inA, unit: a1, status: 'signed_off', deadline: '2026-02-10', firstSubmittedOn: '2026-02-12', grades: ['poor', 'fair'] });
    await makeItem(world, { ...inA, unit: a1, status: 'verified', deadline: '2026-03-31', originalDeadline: '2026-02-28', firstSubmittedOn: '2026-03-01', grades: ['good'] });
    await makeItem(world, { ...inA, unit: a1, status: 'cancelled', deadline: '2026-02-01' });
    await makeItem(world, { ...inA, unit: a2, status: 'signed_off', deadline: '2026-01-31', firstSubmittedOn: '2026-01-20', grades: ['good'] });
    await makeItem(world, { ...inA, unit: a2, status: 'pending', deadline: '2026-03-02' });
    await makeItem(world, { ...inA, unit: a2, status: 'in_progress', deadline: '2025-12-20' });
    await makeItem(world, { ...inA, unit: gov, status: 'pending', deadline: '2026-03-01' });
    await makeItem(world, { unit: b, office: countyB, notice: noticeB, status: 'pending', deadline: '2026-02-01' });
    await makeItem(world, { unit: a1, office: city, notice: noticeCity, status: 'submitted', deadline: '2026-03-10', firstSubmittedOn: '2026-03-01', grades: [] });
    await makeItem(world, { ...inA, unit: a3, status: 'signed_off', deadline: '2026-02-15', firstSubmittedOn: '2026-02-14', grades: ['good'] });
    await makeItem(world, { ...inA, unit: a4, status: 'pending', deadline: '2026-06-30' });
    // Notices that count (a 2026 bulletin of county A) and those that do not (withdrawn, another year, a draft).
    await makeNoticeOf(world, countyA, { typeKey: 'bulletin' });
    await makeNoticeOf(world, countyA, { typeKey: 'warning', status: 'withdrawn' });
    await makeNoticeOf(world, countyA, { typeKey: 'urgent', year: 2025 });
    await makeNoticeOf(world, countyA, { typeKey: 'interview', status: 'draft' });
    await makeNoticeOf(world, countyA, { typeKey: 'feedback', status: 'closed' });

    officeA = await client({ region: countyA });
    officeB = await client({ region: countyB });
    cityOffice = await client({ region: city });
    schoolA1 = await client({ role: 'unit_user', unit: a1 });
    leaderA = await client({ role: 'leader', region: countyA });
  });
  afterAll(async () => world.close());

  const lights = (green: number, yellow: number, red: number, submitted: number, verified: number, signedOff: number, total: number) =>
    ({ green, yellow, red, submitted, verified, signedOff, total });
  const unitRow = (body: { units: { items: { unit: { id: string }; counts: unknown }[] } }, unit: UnitsTable) => body.units.items.find((u) => u.unit.id === unit.id)?.counts;

  it('counts the office\'s items by light today, per region and per unit, and follows the clock', async () => {
    const res = await officeA.get('/api/rectification-overview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-03-02', yellowDays: 3, region: { id: countyA.id, name: '甲县' } });
    expect(res.body.totals).toEqual(lights(2, 2, 3, 2, 1, 3, 13));
    expect(res.body.regions).toEqual([
      { region: { id: countyA.id, name: '甲县' }, self: true, counts: lights(0, 0, 1, 0, 0, 0, 1) },
      { region: { id: townA1.id, name: '甲一镇' }, self: false, counts: lights(2, 1, 1, 2, 1, 1, 8) },
      { region: { id: townA2.id, name: '甲二镇' }, self: false, counts: lights(0, 1, 1, 0, 0, 2, 4) },
    ]);
    expect(res.body.units.total).toBe(5);
    expect(unitRow(res.body, a1)).toEqual(lights(1, 1, 1, 2, 1, 1, 7));
    expect(unitRow(res.body, a2)).toEqual(lights(0, 1, 1, 0, 0, 1, 3));
    expect(unitRow(res.body, a3)).toEqual(lights(0, 0, 0, 0, 0, 1, 1));
    expect(unitRow(res.body, a4)).toEqual(lights(1, 0, 0, 0, 0, 0, 1));
    expect(unitRow(res.body, gov)).toEqual(lights(0, 0, 1, 0, 0, 0, 1));
    expect(unitRow(res.body, b)).toBeUndefined();

    const byTotal = await officeA.get('/api/rectification-overview?sort=total&order=desc&pageSize=2');
    expect(byTotal.body.units.items.map((u: { unit: { name: string } }) => u.unit.name)).toEqual(['甲一小学', '甲二小学']);
    expect(byTotal.body.units).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    const page3 = await officeA.get('/api/rectification-overview?sort=total&order=desc&pageSize=2&page=3');
    expect(page3.body.units.items).toHaveLength(1);
    const searched = await officeA.get(`/api/rectification-overview?q=${encodeURIComponent('甲三')}`);
    expect(searched.body.units.items.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([a3.id]);

    // Four days later #2 (03-04) and #9 (03-02) have turned red; nothing is due within three days.
    const later = await onDay('2026-03-06T01:00:00Z', officeA, (c) => c.get('/api/rectification-overview'));
    expect(later.body.today).toBe('2026-03-06');
    expect(later.body.totals).toEqual(lights(2, 0, 5, 2, 1, 3, 13));
    expect(unitRow(later.body, a1)).toEqual(lights(1, 0, 2, 2, 1, 1, 7));
    expect(unitRow(later.body, a2)).toEqual(lights(0, 0, 2, 0, 0, 1, 3));
  });

  it('agrees with the ledger the drill-down opens', async () => {
    const res = await officeA.get('/api/rectification-overview');
    for (const unit of [a1, a2, gov]) {
      for (const light of ['red', 'yellow', 'green'] as const) {
        const ledger = await officeA.get(`/api/rectifications?unitId=${unit.id}&light=${light}`);
        expect(ledger.body.total, `${unit.name} ${light}`).toBe((unitRow(res.body, unit) as Record<string, number>)[light]);
      }
    }
  });

  it('shows each caller only its scope: a school its own items, county B nothing of county A, the city both', async () => {
    const school = await schoolA1.get('/api/rectification-overview');
    expect(school.status).toBe(200);
    expect(school.body.totals).toEqual(lights(1, 1, 1, 2, 1, 1, 7));
    expect(school.body.units.items.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([a1.id]);
    expect(school.body.regions).toEqual([{ region: { id: townA1.id, name: '甲一镇' }, self: true, counts: lights(1, 1, 1, 2, 1, 1, 7) }]);

    const other = await officeB.get('/api/rectification-overview');
    expect(other.body.totals).toEqual(lights(0, 0, 1, 0, 0, 0, 1));
    expect(other.body.units.items.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([b.id]);
    expect((await officeB.get(`/api/rectification-overview?regionId=${countyA.id}`)).status).toBe(404);
    expect((await officeB.get(`/api/rectification-figures?year=2026&regionId=${countyA.id}`)).status).toBe(404);
    expect((await officeB.get('/api/rectification-ranking?year=2026')).body.items.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([b.id]);

    const whole = await cityOffice.get('/api/rectification-overview');
    expect(whole.body.totals.total).toBe(14);
    expect(whole.body.regions.map((r: { region: { name: string }; counts: { total: number } }) => [r.region.name, r.counts.total]))
      .toEqual([['甲县', 13], ['乙县', 1]]);
    const drilled = await cityOffice.get(`/api/rectification-overview?regionId=${townA2.id}`);
    expect(drilled.body.totals).toEqual(lights(0, 1, 1, 0, 0, 2, 4));

    expect((await leaderA.get('/api/rectification-overview')).body.totals.total).toBe(13);
  });

  it('counts the year\'s notices by type and its items open, overdue, done and on time, per region', async () => {
    const res = await officeA.get('/api/rectification-figures?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.notices).toBe(3);
    const byType = Object.fromEntries(res.body.noticesByType.map((t: { typeKey: string; count: number }) => [t.typeKey, t.count]));
    expect(byType).toMatchObject({ supervision_notice: 1, bulletin: 1, feedback: 1, warning: 0, urgent: 0, interview: 0, supervision_letter: 0 });
    expect(res.body.noticesByType.find((t: { typeKey: string }) => t.typeKey === 'bulletin').name).toBe('通报');
    expect(res.body.items).toEqual({ total: 12, open: 6, overdue: 2, submitted: 2, verified: 1, signedOff: 3, counted: 8, onTime: 4, onTimeRate: 50 });
    expect(res.body.regions).toEqual([
      { region: { id: countyA.id, name: '甲县' }, self: true, notices: 3,
        items: { total: 1, open: 1, overdue: 1, submitted: 0, verified: 0, signedOff: 0, counted: 1, onTime: 0, onTimeRate: 0 } },
      { region: { id: townA1.id, name: '甲一镇' }, self: false, notices: 0,
        items: { total: 8, open: 4, overdue: 1, submitted: 2, verified: 1, signedOff: 1, counted: 5, onTime: 2, onTimeRate: 40 } },
      { region: { id: townA2.id, name: '甲二镇' }, self: false, notices: 0,
        items: { total: 3, open: 1, overdue: 0, submitted: 0, verified: 0, signedOff: 2, counted: 2, onTime: 2, onTimeRate: 100 } },
    ]);

    const lastYear = await officeA.get('/api/rectification-figures?year=2025');
    expect(lastYear.body.items).toMatchObject({ total: 1, open: 1, overdue: 1, counted: 1, onTime: 0, onTimeRate: 0 });
    expect(lastYear.body.notices).toBe(1);

    // Four days on: #2 and #9 are overdue and now count against the rate.
    const later = await onDay('2026-03-06T01:00:00Z', officeA, (c) => c.get('/api/rectification-figures?year=2026'));
    expect(later.body.items).toMatchObject({ overdue: 4, counted: 10, onTime: 4, onTimeRate: 40 });

    const whole = await cityOffice.get('/api/rectification-figures?year=2026');
    expect(whole.body.notices).toBe(5);
    expect(whole.body.regions.map((r: { region: { name: string }; self: boolean; notices: number; items: { total: number } }) => [r.region.name, r.self, r.notices, r.items.total]))
      .toEqual([['巴中市', true, 1, 0], ['甲县', false, 3, 12], ['乙县', false, 1, 1]]);

    const school = await schoolA1.get('/api/rectification-figures?year=2026');
    expect(school.body.items).toMatchObject({ total: 7, counted: 5, onTime: 2, onTimeRate: 40 });
    expect(school.body.notices).toBe(0);
    const none = await officeB.get('/api/rectification-figures?year=2026');
    expect(none.body.items).toMatchObject({ total: 1, overdue: 1, counted: 1, onTime: 0 });
    expect(none.body.notices).toBe(1);
  });

  it('ranks the units of the year by score, sharing ranks on ties, and keeps the bottom N', async () => {
    const res = await officeA.get('/api/rectification-ranking?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.ranked).toBe(4);
    const rows = res.body.items.map((r: { rank: number | null; unit: { name: string }; score: number | null }) => [r.rank, r.unit.name, r.score]);
    expect(rows).toEqual([[1, '甲二小学', 100], [1, '甲三小学', 100], [3, '甲一小学', 48], [4, '甲县人民政府', 0], [null, '甲四小学', null]]);
    const first = res.body.items.find((r: { unit: { id: string } }) => r.unit.id === a1.id);
    expect(first).toMatchObject({
      items: 7, counted: 5, onTime: 2, onTimeRate: 40, grades: { good: 1, fair: 1, average: 0, poor: 1 }, gradeScore: 60, score: 48, region: { name: '甲一镇' },
    });
    expect(res.body.items.find((r: { unit: { id: string } }) => r.unit.id === gov.id)).toMatchObject({ grades: { good: 0, fair: 0, average: 0, poor: 0 }, gradeScore: null });

    const bottom = await officeA.get('/api/rectification-ranking?year=2026&bottom=2');
    expect(bottom.body.items.map((r: { rank: number; unit: { name: string } }) => [r.rank, r.unit.name])).toEqual([[3, '甲一小学'], [4, '甲县人民政府']]);
    expect((await officeA.get('/api/rectification-ranking?year=2026&bottom=10')).body.items).toHaveLength(4);
    expect((await schoolA1.get('/api/rectification-ranking?year=2026')).body.items.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([a1.id]);
    expect((await officeA.get('/api/rectification-ranking?year=1999')).status).toBe(400);
  });

  it('scores on-time rate × 60 plus grade score × 40, the rate standing in before any grading', () => {
    expect(scoreOf(40, 60)).toBe(48);
    expect(scoreOf(100, 100)).toBe(100);
    expect(scoreOf(50, null)).toBe(50);
    expect(scoreOf(null, null)).toBeNull();
    expect(scoreOf(33.3, 80)).toBe(52);
  });
});
