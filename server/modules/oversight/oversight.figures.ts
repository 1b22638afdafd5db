import { sql, type RawBuilder } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { notFound } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import { inSubtree, isInSubtree, noticesScope, noticeTypesScope, rectificationsScope, regionsScope } from '../../platform/scope';
import { lightCondition, owedStatuses, type DeadlineDay } from '../rectification/rectification-status';
import { deadlineDay } from '../rectification/rectification-settings';
import { rectificationGrades, type RectificationGrade } from '../rectification/rectification.schemas';
import type { ItemFigures, LightCounts, RankingRow } from './oversight.schemas';

/**
 * The office's view of rectification: counts by light per unit and region, the year's figures, and the
 * yearly ranking. Every count is one aggregate query over the scope's items; the lights are computed from
 * each deadline and today's date in China, never stored.
 */

export interface Place {
  id: string;
  name: string;
  path: string;
}

/** The region figures are of: the one asked for (404 outside the scope), else the caller's own region. */
export async function rootRegion(db: Executor, actor: Actor, regionId?: string): Promise<Place | null> {
  if (regionId) {
    const region = await db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    if (!region) throw notFound();
    return region;
  }
  if (actor.scope.kind !== 'region' && actor.scope.kind !== 'unit') return null;
  return (await db.selectFrom('regions').select(['id', 'name', 'path']).where('path', '=', actor.scope.regionPath).executeTakeFirst()) ?? null;
}

/** The regions one level below the root that the caller may see, in code order. */
async function childRegions(db: Executor, actor: Actor, root: Place | null): Promise<Place[]> {
  const q = db.selectFrom('regions').select(['id', 'name', 'path']).where(regionsScope(actor.scope)).orderBy('code');
  return root ? q.where('parent_id', '=', root.id).execute() : q.where('parent_id', 'is', null).execute();
}

/**
 * Rows keyed by a region path, summed into the root's children (by subtree) and the root itself. Paths
 * below the root but under no visible child are left out, as the caller cannot open them.
 */
function bucketByRegion<T>(root: Place | null, children: Place[], rows: { path: string; value: T }[], add: (into: T | undefined, v: T) => T) {
  const sums = new Map<string, T>();
  for (const r of rows) {
    const key = root && r.path === root.path ? root.id : children.find((c) => isInSubtree(r.path, c.path))?.id;
    if (key) sums.set(key, add(sums.get(key), r.value));
  }
  return sums;
}

const ref = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });

const status = sql.ref('rectifications.status');
const owed = sql`${status} in (${sql.join([...owedStatuses])})`;
const doneOrSubmitted = sql`${status} in (${sql.join(['submitted', 'verified', 'signed_off'])})`;
/** Rows meeting `condition`, each counting `weight` (1 for an item, `n` for a tally row). */
const countWhen = (condition: RawBuilder<unknown>, weight: RawBuilder<unknown> = sql`1`) =>
  sql<number>`coalesce(sum(case when ${condition} then ${weight} else 0 end), 0)`;

/** Tally rows meeting `condition`: each carries `n` items. */
const tallyWhen = (condition: RawBuilder<unknown>) => countWhen(condition, sql`${sql.ref('rectifications.n')}`);

/** The light and queue counts as select expressions over tally rows, from today's date. */
function lightColumns(day: DeadlineDay) {
  return [
    tallyWhen(lightCondition('red', day)).as('red'),
    tallyWhen(lightCondition('yellow', day)).as('yellow'),
    tallyWhen(lightCondition('green', day)).as('green'),
    tallyWhen(sql`${status} = ${'submitted'}`).as('submitted'),
    tallyWhen(sql`${status} = ${'verified'}`).as('verified'),
    tallyWhen(sql`${status} = ${'signed_off'}`).as('signedOff'),
    sql<number>`coalesce(sum(${sql.ref('rectifications.n')}), 0)`.as('total'),
  ] as const;
}

const lightKeys = ['green', 'yellow', 'red', 'submitted', 'verified', 'signedOff', 'total'] as const;
const zeroLights = (): LightCounts => ({ green: 0, yellow: 0, red: 0, submitted: 0, verified: 0, signedOff: 0, total: 0 });
const toLights = (r: Record<(typeof lightKeys)[number], unknown>): LightCounts =>
  Object.fromEntries(lightKeys.map((k) => [k, Number(r[k] ?? 0)])) as LightCounts;
const addLights = (a: LightCounts | undefined, b: LightCounts): LightCounts =>
  Object.fromEntries(lightKeys.map((k) => [k, (a?.[k] ?? 0) + b[k]])) as LightCounts;

/** The scope's live items, optionally within a region's subtree. */
function liveItems(db: Executor, actor: Actor, root: Place | null) {
  const q = db.selectFrom('rectifications').where(rectificationsScope(actor.scope)).where('rectifications.status', '<>', 'cancelled');
  return root ? q.where(inSubtree('rectifications.region_path', root.path)) : q;
}

/**
 * The same items as tally rows (migration 1700: counts per unit, place, office, status and owed deadline, kept
 * by triggers). The alias is the items' own, so the scope and the light condition apply unchanged.
 */
function liveTallies(db: Executor, actor: Actor, root: Place | null) {
  const q = db.selectFrom('rectification_tallies as rectifications').where(rectificationsScope(actor.scope)).where('rectifications.status', '<>', 'cancelled');
  return root ? q.where(inSubtree('rectifications.region_path', root.path)) : q;
}

type OverviewFilters = { regionId?: string; q?: string; sort: keyof LightCounts | 'name'; order: 'asc' | 'desc'; page: number; pageSize: number };

/**
 * The overview is read far more often than items change, and even from the tallies a city's overview sums a
 * row per unit, owed deadline and status (tens of milliseconds when 100,000 items are spread over 2,000
 * schools and sixty deadlines). So each process keeps recent answers keyed by everything they depend on: the
 * caller's scope, the filters, the day and settings, and the audit log's head — every write to an item is
 * audited in its transaction, so any change moves the head and the next read counts afresh. The cache is
 * never stale and several processes need not agree on anything.
 */
type OverviewAnswer = Awaited<ReturnType<typeof countOverview>>;
const overviewCaches = new WeakMap<Platform, Map<string, OverviewAnswer>>();
const OVERVIEW_CACHE_SIZE = 200;

export async function overview(platform: Platform, actor: Actor, f: OverviewFilters) {
  const day = await deadlineDay(platform);
  const head = await platform.database.db.selectFrom('audit_head').select('seq').executeTakeFirst();
  const key = JSON.stringify([actor.scope, f, day, head?.seq ?? 0]);
  const cache = overviewCaches.get(platform) ?? new Map<string, OverviewAnswer>();
  overviewCaches.set(platform, cache);
  const cached = cache.get(key);
  if (cached) return cached;
  const answer = await countOverview(platform, actor, f, day);
  if (cache.size >= OVERVIEW_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, answer);
  return answer;
}

async function countOverview(platform: Platform, actor: Actor, f: OverviewFilters, day: DeadlineDay) {
  const db = platform.database.db;
  const root = await rootRegion(db, actor, f.regionId);
  const children = await childRegions(db, actor, root);

  // One pass over the tallies, grouped by unit and place (at most a row per unit with items, and one more for
  // a unit that moved). The regions, the totals and the units' page are summed, filtered and sorted from
  // these rows, not by three more passes over the tallies.
  const perUnit = await db
    .selectFrom(liveTallies(db, actor, root).select(['rectifications.unit_id', 'rectifications.region_path']).select(lightColumns(day))
      .groupBy(['rectifications.unit_id', 'rectifications.region_path']).as('t'))
    .innerJoin('units', 'units.id', 't.unit_id')
    .innerJoin('regions', 'regions.id', 'units.region_id')
    .selectAll('t')
    .select(['units.name as unit_name', 'regions.id as region_id', 'regions.name as region_name'])
    .execute();
  const rows = perUnit.map((r) => ({ ...r, counts: toLights(r) }));
  const totals = rows.reduce((sum, r) => addLights(sum, r.counts), zeroLights());
  const sums = bucketByRegion(root, children, rows.map((r) => ({ path: r.region_path, value: r.counts })), addLights);
  const regions = [
    ...(root && sums.has(root.id) ? [{ region: ref(root), self: true, counts: sums.get(root.id)! }] : []),
    ...children.map((c) => ({ region: ref(c), self: false, counts: sums.get(c.id) ?? zeroLights() })),
  ];

  const byUnit = new Map<string, { unit: { id: string; name: string }; region: { id: string; name: string }; counts: LightCounts }>();
  for (const r of rows) {
    const seen = byUnit.get(r.unit_id);
    if (seen) seen.counts = addLights(seen.counts, r.counts);
    else byUnit.set(r.unit_id, { unit: { id: r.unit_id, name: r.unit_name }, region: { id: r.region_id, name: r.region_name }, counts: r.counts });
  }
  const words = f.q?.toLowerCase();
  const units = [...byUnit.values()].filter((u) => !words || u.unit.name.toLowerCase().includes(words));
  const direction = f.order === 'asc' ? 1 : -1;
  const byName = (a: { unit: { name: string } }, b: { unit: { name: string } }) => (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0);
  units.sort((a, b) => (f.sort === 'name' ? direction * byName(a, b) : direction * (a.counts[f.sort] - b.counts[f.sort]) || byName(a, b))
    || (a.unit.id < b.unit.id ? -1 : 1));
  return {
    today: day.today, yellowDays: day.yellowDays, region: root && ref(root), totals, regions,
    units: { items: units.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: units.length, page: f.page, pageSize: f.pageSize },
  };
}

// ---------- the year's figures ----------

/** A year's items: those whose deadline falls in it, as the ledger's period filter reads a year. */
function itemsOfYear(db: Executor, actor: Actor, root: Place | null, year: number) {
  return liveItems(db, actor, root).where('rectifications.deadline', '>=', `${year}-01-01`).where('rectifications.deadline', '<=', `${year}-12-31`);
}

/**
 * On time: the first submission's China calendar day is on or before the original deadline, i.e. the
 * instant is before 16:00 UTC of that day. Approved extensions and reopening move `deadline`, never the
 * deadline the work was first set.
 */
const firstSubmittedInTime = sql`${sql.ref('rectifications.first_submitted_at')} < ${sql.ref('rectifications.original_deadline')} || ${'T16:00:00.000Z'}`;

function itemColumns(day: DeadlineDay) {
  return {
    total: sql<number>`count(*)`.as('total'),
    open: countWhen(owed).as('open'),
    overdue: countWhen(lightCondition('red', day)).as('overdue'),
    submitted: countWhen(sql`${status} = ${'submitted'}`).as('submitted'),
    verified: countWhen(sql`${status} = ${'verified'}`).as('verified'),
    signedOff: countWhen(sql`${status} = ${'signed_off'}`).as('signedOff'),
    counted: countWhen(sql`(${doneOrSubmitted} or ${sql.ref('rectifications.original_deadline')} < ${day.today})`).as('counted'),
    onTime: countWhen(sql`${doneOrSubmitted} and ${firstSubmittedInTime}`).as('onTime'),
  };
}

const itemKeys = ['total', 'open', 'overdue', 'submitted', 'verified', 'signedOff', 'counted', 'onTime'] as const;
type ItemCounts = Omit<ItemFigures, 'onTimeRate'>;
const toItemCounts = (r: Record<(typeof itemKeys)[number], unknown>): ItemCounts =>
  Object.fromEntries(itemKeys.map((k) => [k, Number(r[k] ?? 0)])) as ItemCounts;
const addItemCounts = (a: ItemCounts | undefined, b: ItemCounts): ItemCounts =>
  Object.fromEntries(itemKeys.map((k) => [k, (a?.[k] ?? 0) + b[k]])) as ItemCounts;

/** onTime / counted in percent with one decimal; null when nothing is counted. */
export function rateOf(onTime: number, counted: number): number | null {
  return counted === 0 ? null : Math.round((onTime / counted) * 1000) / 10;
}
const withRate = (c: ItemCounts): ItemFigures => ({ ...c, onTimeRate: rateOf(c.onTime, c.counted) });
const zeroItems = (): ItemCounts => ({ total: 0, open: 0, overdue: 0, submitted: 0, verified: 0, signedOff: 0, counted: 0, onTime: 0 });

/** Notices issued in the year (numbered, not withdrawn) by the offices in the root's subtree. */
export const issuedNoticeStatuses = ['issued', 'closed'];

export async function yearFigures(platform: Platform, actor: Actor, locale: Locale, f: { year: number; regionId?: string }) {
  const db = platform.database.db;
  const day = await deadlineDay(platform);
  const root = await rootRegion(db, actor, f.regionId);
  const children = await childRegions(db, actor, root);

  const byPath = await itemsOfYear(db, actor, root, f.year).select('rectifications.region_path as path').select(Object.values(itemColumns(day)))
    .groupBy('rectifications.region_path').execute();
  const itemSums = bucketByRegion(root, children, byPath.map((r) => ({ path: r.path, value: toItemCounts(r) })), addItemCounts);
  const items = byPath.reduce((sum, r) => addItemCounts(sum, toItemCounts(r)), zeroItems());

  let notices = db.selectFrom('notices').where(noticesScope(actor.scope)).where('notices.doc_year', '=', f.year).where('notices.status', 'in', issuedNoticeStatuses);
  if (root) notices = notices.where(inSubtree('notices.region_path', root.path));
  const noticeRows = await notices.select(['notices.type_key', 'notices.region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['notices.type_key', 'notices.region_path']).execute();
  const noticeSums = bucketByRegion(root, children, noticeRows.map((r) => ({ path: r.region_path, value: Number(r.n) })), (a, b) => (a ?? 0) + b);
  const byType = new Map<string, number>();
  for (const r of noticeRows) byType.set(r.type_key, (byType.get(r.type_key) ?? 0) + Number(r.n));
  const types = await db.selectFrom('notice_types').select(['key', 'name_zh', 'name_en', 'active'])
    .where((eb) => eb.or([noticeTypesScope(actor.scope)(eb), eb('notice_types.key', 'in', byType.size ? [...byType.keys()] : [''])]))
    .orderBy('sort').orderBy('key').execute();

  const regionRow = (p: Place, self: boolean) => ({ region: ref(p), self, notices: noticeSums.get(p.id) ?? 0, items: withRate(itemSums.get(p.id) ?? zeroItems()) });
  return {
    year: f.year, today: day.today, region: root && ref(root),
    notices: [...byType.values()].reduce((a, b) => a + b, 0),
    noticesByType: types.filter((t) => t.active === 1 || byType.has(t.key))
      .map((t) => ({ typeKey: t.key, name: locale === 'en' ? t.name_en : t.name_zh, count: byType.get(t.key) ?? 0 })),
    items: withRate(items),
    regions: [...(root && (itemSums.has(root.id) || noticeSums.has(root.id)) ? [regionRow(root, true)] : []), ...children.map((c) => regionRow(c, false))],
  };
}

// ---------- the yearly ranking ----------

/** Grade points on a 0–1 scale: 好 1, 较好 0.8, 一般 0.6, 差 0. */
export const gradePoints: Record<RectificationGrade, number> = { good: 1, fair: 0.8, average: 0.6, poor: 0 };

/**
 * A unit's score out of 100: on-time rate × 60 + grade score × 40, the rate and the grade score each on a
 * 0–1 scale. Before any grading the on-time rate stands in for the grade score (score = rate × 100).
 * Nothing counted yet: no score, no rank.
 */
export function scoreOf(onTimeRate: number | null, gradeScore: number | null): number | null {
  if (onTimeRate === null) return null;
  const rate = onTimeRate / 100;
  const grade = gradeScore === null ? rate : gradeScore / 100;
  return Math.round((rate * 60 + grade * 40) * 10) / 10;
}

/**
 * Every unit with items due in the year, ranked by score (ties share a rank: 1, 2, 2, 4), then on-time
 * rate, items and name; units with nothing counted follow without a rank. `bottom` keeps the last N ranked.
 */
export async function ranking(platform: Platform, actor: Actor, f: { year: number; regionId?: string; bottom?: number }) {
  const db = platform.database.db;
  const day = await deadlineDay(platform);
  const root = await rootRegion(db, actor, f.regionId);
  const base = itemsOfYear(db, actor, root, f.year);
  const columns = itemColumns(day);
  const perUnit = await base.innerJoin('units', 'units.id', 'rectifications.unit_id').innerJoin('regions', 'regions.id', 'units.region_id')
    .select(['units.id as unit_id', 'units.name as unit_name', 'regions.id as region_id', 'regions.name as region_name'])
    .select([columns.total, columns.counted, columns.onTime])
    .groupBy(['units.id', 'units.name', 'regions.id', 'regions.name']).execute();
  // Every grading counts, a 差 that sent a submission back as much as the grade given at verification.
  const gradings = await base.innerJoin('rectification_events', 'rectification_events.rectification_id', 'rectifications.id')
    .where('rectification_events.grade', 'is not', null)
    .select(['rectifications.unit_id', 'rectification_events.grade', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['rectifications.unit_id', 'rectification_events.grade']).execute();

  const rows: RankingRow[] = perUnit.map((u) => {
    const grades = Object.fromEntries(rectificationGrades.map((g) => [g, 0])) as Record<RectificationGrade, number>;
    for (const g of gradings) if (g.unit_id === u.unit_id && g.grade && g.grade in grades) grades[g.grade as RectificationGrade] += Number(g.n);
    const graded = rectificationGrades.reduce((sum, g) => sum + grades[g], 0);
    const gradeScore = graded === 0 ? null : Math.round((rectificationGrades.reduce((sum, g) => sum + grades[g] * gradePoints[g], 0) / graded) * 1000) / 10;
    const counted = Number(u.counted);
    const onTime = Number(u.onTime);
    const onTimeRate = rateOf(onTime, counted);
    return {
      rank: null, unit: { id: u.unit_id, name: u.unit_name }, region: { id: u.region_id, name: u.region_name }, items: Number(u.total), counted, onTime,
      onTimeRate, grades, gradeScore, score: scoreOf(onTimeRate, gradeScore),
    };
  });
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.items - a.items
    || a.unit.name.localeCompare(b.unit.name, 'zh-CN') || (a.unit.id < b.unit.id ? -1 : 1));
  rows.forEach((r, i) => {
    if (r.score === null) return;
    r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1;
  });
  const ranked = rows.filter((r) => r.rank !== null);
  return {
    year: f.year, region: root && ref(root), ranked: ranked.length,
    items: f.bottom ? ranked.slice(Math.max(0, ranked.length - f.bottom)) : rows,
  };
}
