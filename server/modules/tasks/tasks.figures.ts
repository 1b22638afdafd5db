import { sql } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { inSubtree, problemsScope, recommendationsScope, regionsScope, visitsScope } from '../../platform/scope';
import { filteredTasks, findTaskInScope } from './tasks.service';
import { schoolKinds } from './tasks.schemas';

export const interviewGroups = ['cadres', 'teachers', 'students', 'parents', 'deputies'] as const;
export type InterviewGroup = (typeof interviewGroups)[number];

/** What a visit's activities hold (JSON on the visit row). */
export interface Activities {
  reportsHeard?: number;
  dataVerified?: boolean;
  documentsChecked?: string[];
  meetings?: { topic: string; participants?: string | null; attendees: number }[];
  interviews?: Partial<Record<InterviewGroup, number>>;
  notes?: string | null;
}

export function interviewedTotal(a: Activities): number {
  return interviewGroups.reduce((sum, g) => sum + (a.interviews?.[g] ?? 0), 0);
}

/** The counts a visit row keeps beside its activities, so the figures add columns instead of reading every JSON. */
export function activityCounts(a: Activities): { meetings_count: number; interviewed_count: number } {
  return { meetings_count: a.meetings?.length ?? 0, interviewed_count: interviewedTotal(a) };
}

interface Scopes { taskId?: string; from?: string; to?: string; regionPath?: string }

/** The figures of one task, or of all tasks in scope over a period: each one a count the web app links to its rows. */
async function figures(db: Executor, actor: Actor, s: Scopes, taskIds: string[]) {
  const targets = taskIds.length ? await db.selectFrom('task_targets').select(['task_targets.id', 'task_targets.kind']).where('task_targets.task_id', 'in', taskIds).execute() : [];

  let visits = db.selectFrom('visits').where(visitsScope(actor)).where('visits.status', '=', 'submitted');
  let problems = db.selectFrom('problems').where(problemsScope(actor));
  let recommendations = db.selectFrom('recommendations').where(recommendationsScope(actor));
  if (s.taskId) {
    visits = visits.where('visits.task_id', '=', s.taskId);
    problems = problems.where('problems.task_id', '=', s.taskId);
    recommendations = recommendations.where('recommendations.task_id', '=', s.taskId);
  }
  if (s.from) {
    visits = visits.where('visits.visit_date', '>=', s.from);
    problems = problems.where('problems.found_on', '>=', s.from);
    recommendations = recommendations.where('recommendations.proposed_on', '>=', s.from);
  }
  if (s.to) {
    visits = visits.where('visits.visit_date', '<=', s.to);
    problems = problems.where('problems.found_on', '<=', s.to);
    recommendations = recommendations.where('recommendations.proposed_on', '<=', s.to);
  }
  if (s.regionPath) {
    visits = visits.where(inSubtree('visits.region_path', s.regionPath));
    problems = problems.where(inSubtree('problems.region_path', s.regionPath));
    recommendations = recommendations.where(inSubtree('recommendations.region_path', s.regionPath));
  }
  const visitRows = await visits.select(['visits.target_id', 'visits.unit_id', 'visits.activities', 'visits.meetings_count', 'visits.interviewed_count'])
    .select(sql<string>`(select kind from task_targets t where t.id = visits.target_id)`.as('target_kind'))
    .select(sql<string | null>`(select kind from units u where u.id = visits.unit_id)`.as('unit_kind'))
    .execute();
  const byArea = await problems.select(['problems.area', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('problems.area').execute();
  const [{ n: recommendationCount }] = await recommendations.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const areas = await db.selectFrom('problem_areas').selectAll().orderBy('sort').execute();

  const interviews = Object.fromEntries(interviewGroups.map((g) => [g, 0])) as Record<InterviewGroup, number>;
  for (const v of visitRows) {
    const a = JSON.parse(v.activities) as Activities;
    for (const g of interviewGroups) interviews[g] += a.interviews?.[g] ?? 0;
  }
  const visitedUnits = new Set(visitRows.filter((v) => v.target_kind === 'unit').map((v) => v.target_id));
  const visitedTownships = new Set(visitRows.filter((v) => v.target_kind === 'region').map((v) => v.target_id));
  return {
    targets: {
      unitsPlanned: targets.filter((t) => t.kind === 'unit').length,
      unitsVisited: visitedUnits.size,
      schoolsVisited: new Set(visitRows.filter((v) => v.target_kind === 'unit' && schoolKinds.includes(v.unit_kind ?? '')).map((v) => v.target_id)).size,
      townshipsPlanned: targets.filter((t) => t.kind === 'region').length,
      townshipsVisited: visitedTownships.size,
    },
    visits: visitRows.length,
    meetings: visitRows.reduce((sum, v) => sum + v.meetings_count, 0),
    interviewed: { total: visitRows.reduce((sum, v) => sum + v.interviewed_count, 0), ...interviews },
    problemsByArea: areas.map((a) => ({ area: a.key, nameZh: a.name_zh, nameEn: a.name_en, count: Number(byArea.find((b) => b.area === a.key)?.n ?? 0) })),
    problems: byArea.reduce((sum, b) => sum + Number(b.n), 0),
    recommendations: Number(recommendationCount),
  };
}

export async function taskFigures(db: Executor, actor: Actor, taskId: string) {
  await findTaskInScope(db, actor, taskId);
  return figures(db, actor, { taskId }, [taskId]);
}

export async function periodFigures(db: Executor, actor: Actor, f: { from: string; to: string; regionId?: string }) {
  let regionPath: string | undefined;
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    regionPath = region?.path ?? '/none/';
  }
  const tasks = await (await filteredTasks(db, actor, { regionId: f.regionId }))
    .where('supervision_tasks.start_date', '<=', f.to).where('supervision_tasks.end_date', '>=', f.from)
    .select('supervision_tasks.id').execute();
  const result = await figures(db, actor, { from: f.from, to: f.to, regionPath }, tasks.map((t) => t.id));
  return { ...result, tasks: tasks.length };
}
