import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors';
import type { PolicyActor } from '../../platform/policy';
import { regionsScope } from '../../platform/scope';
import { figureDefinitions, figureText, type Figures } from './balance.figures';
import type { StatisticView } from './balance.contract';
import { statisticAbilities, statisticRules } from './balance.policy';
import * as repo from './balance.repo';

type StatisticRecord = NonNullable<Awaited<ReturnType<typeof repo.findStatistic>>>;

function present(actor: PolicyActor, r: StatisticRecord): StatisticView {
  return {
    id: r.id, unitId: r.unit_id, unitName: r.unit_name, schoolCode: r.school_code, stage: r.stage, ownership: r.ownership,
    regionName: r.region_name, schoolYear: r.school_year, figures: JSON.parse(r.figures) as Figures, updatedAt: r.updated_at,
    abilities: statisticAbilities(actor, { regionPath: r.region_path }),
  };
}

/** A region the caller reads, named by `regionId`; outside the scope is the same as unknown. */
export async function readableRegion(db: Executor, actor: PolicyActor, regionId: string) {
  const region = await db.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!region) throw invalidField('regionId', 'REGION_OUTSIDE_SCOPE');
  return region;
}

export async function listStatistics(db: Executor, actor: PolicyActor, f: { schoolYear: number; regionId?: string; q?: string; page: number; pageSize: number; order: 'asc' | 'desc' }) {
  const regionPath = f.regionId ? (await readableRegion(db, actor, f.regionId)).path : undefined;
  const { rows, total } = await repo.listStatistics(db, actor, { ...f, regionPath });
  return { items: rows.map((r) => present(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

export async function statisticDetail(db: Executor, actor: PolicyActor, id: string): Promise<StatisticView> {
  const row = await repo.findStatistic(db, actor, id);
  if (!row) throw notFound();
  return present(actor, row);
}

/** Figures given as text or numbers, checked one by one; a wrong one is named by its key. */
export function checkedFigures(input: Record<string, string | number>): { figures: Figures; issues: FieldIssue[] } {
  const figures: Figures = {};
  const issues: FieldIssue[] = [];
  const known = new Map(figureDefinitions.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(input)) {
    const definition = known.get(key);
    if (!definition) {
      issues.push({ field: `figures.${key}`, key: 'VALIDATION' });
      continue;
    }
    if (value === '') continue;
    const text = figureText(definition.kind, value);
    if (text === null) issues.push({ field: `figures.${key}`, key: definition.kind === 'whole' ? 'BALANCE_FIGURE_WHOLE' : 'BALANCE_FIGURE_FORMAT', params: { value: String(value) } });
    else figures[key] = text;
  }
  return { figures, issues };
}

/** An office corrects a school's figures in the browser; the before and after go into the audit log. */
export async function correctStatistic(platform: Platform, ctx: RequestContext, id: string, input: Record<string, string | number>): Promise<StatisticView> {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const row = await repo.findStatistic(trx, actor, id);
    if (!row) throw notFound();
    if (!statisticRules.correct.can(actor, { regionPath: row.region_path })) throw new AppError('FORBIDDEN');
    const { figures: given, issues } = checkedFigures(input);
    if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
    const before = JSON.parse(row.figures) as Figures;
    const after: Figures = { ...before };
    for (const key of Object.keys(input)) {
      if (given[key] === undefined) delete after[key];
      else after[key] = given[key];
    }
    const changed = Object.fromEntries(Object.keys(input).filter((k) => before[k] !== after[k]).map((k) => [k, { before: before[k] ?? null, after: after[k] ?? null }]));
    await repo.updateFigures(trx, id, { figures: JSON.stringify(after), updated_by: actor.id, updated_at: platform.clock.now().toISOString() });
    await platform.audit.record(trx, ctx, { action: 'school_statistic.correct', entityType: 'school_statistic', entityId: id, detail: { unitId: row.unit_id, schoolYear: row.school_year, changed } });
    return present(actor, (await repo.findStatistic(trx, actor, id))!);
  });
}
