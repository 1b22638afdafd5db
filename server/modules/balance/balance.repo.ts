import type { Executor } from '../../platform/db/database';
import type { SchoolStatisticsTable } from '../../platform/db/schema';
import type { PolicyActor } from '../../platform/policy';
import { inSubtree } from '../../platform/scope';
import { statisticRules } from './balance.policy';

/** The only code that touches school_statistics; every read goes through the read rule. */

function readable(db: Executor, actor: PolicyActor) {
  return db.selectFrom('school_statistics as s').innerJoin('units as u', 'u.id', 's.unit_id').innerJoin('regions as r', 'r.id', 'u.region_id')
    .where(statisticRules.read.filter(actor, 's'));
}

const columns = ['s.id', 's.unit_id', 's.school_year', 's.region_path', 's.figures', 's.updated_at', 'u.name as unit_name', 'u.region_id', 'u.school_code', 'u.stage', 'u.ownership', 'r.name as region_name'] as const;

export async function findStatistic(db: Executor, actor: PolicyActor, id: string) {
  return readable(db, actor).select(columns).where('s.id', '=', id).executeTakeFirst();
}

export interface StatisticFilters {
  schoolYear: number;
  regionPath?: string;
  q?: string;
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

export async function listStatistics(db: Executor, actor: PolicyActor, f: StatisticFilters) {
  let q = readable(db, actor).where('s.school_year', '=', f.schoolYear);
  if (f.regionPath) q = q.where(inSubtree('s.region_path', f.regionPath));
  if (f.q) q = q.where((eb) => eb.or([eb('u.name', 'like', `%${f.q}%`), eb('u.school_code', '=', f.q!)]));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.select(columns).orderBy('u.school_code', f.order).orderBy('s.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

/** Every school's statistics of a year under a region, for an assessment (a county has hundreds, not thousands). */
export async function statisticsUnder(db: Executor, actor: PolicyActor, schoolYear: number, regionPath: string) {
  return readable(db, actor).select(columns).where('s.school_year', '=', schoolYear).where(inSubtree('s.region_path', regionPath))
    .orderBy('u.school_code').execute();
}

/** The school years that have statistics under a region, newest first: the trend's points. */
export async function yearsUnder(db: Executor, actor: PolicyActor, regionPath: string) {
  const rows = await readable(db, actor).select('s.school_year').distinct().where(inSubtree('s.region_path', regionPath)).orderBy('s.school_year', 'desc').execute();
  return rows.map((r) => r.school_year);
}

/** Which of these schools already have a row for the year (an import replaces those, keeping their ids). */
export async function existingForYear(db: Executor, schoolYear: number, unitIds: string[]) {
  const found = new Map<string, Pick<SchoolStatisticsTable, 'id' | 'figures'>>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db.selectFrom('school_statistics').select(['id', 'unit_id', 'figures']).where('school_year', '=', schoolYear).where('unit_id', 'in', unitIds.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.unit_id, { id: r.id, figures: r.figures });
  }
  return found;
}

export async function insertStatistics(db: Executor, rows: SchoolStatisticsTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('school_statistics').values(rows.slice(i, i + 200)).execute();
}

export async function updateFigures(db: Executor, id: string, set: Pick<SchoolStatisticsTable, 'figures' | 'updated_by' | 'updated_at'>) {
  await db.updateTable('school_statistics').set(set).where('id', '=', id).execute();
}
