import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { notFound, invalidField } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { clearanceListsScope, problemsScope, rectificationsScope } from '../../platform/scope';
import type { ProblemStatus, Severity } from '../problems/problems.schemas';
import { lightOf, type RectificationStatus } from '../rectification/rectification-status';
import type { RectificationGrade } from '../rectification/rectification.schemas';
import { deadlineDay } from '../rectification/rectification-settings';
import { officeOf } from './oversight.office';

/**
 * Clear-to-zero lists (清零销号): a chosen set of problems (the seed's 47 earlier problems) followed one by
 * one until each is cleared — every live rectification item answering for it signed off after verification,
 * which is when the problem's status becomes closed. A reader sees the list's problems its scope allows.
 */

/** The list's problems the caller may see, with the cleared ones counted. */
function totalsOf(db: Executor, actor: Actor) {
  return db.selectFrom('clearance_list_problems').innerJoin('problems', 'problems.id', 'clearance_list_problems.problem_id')
    .where(problemsScope(actor))
    .select([
      'clearance_list_problems.list_id', (eb) => eb.fn.countAll<number>().as('problems'),
      sql<number>`coalesce(sum(case when ${sql.ref('problems.status')} = ${'closed'} then 1 else 0 end), 0)`.as('cleared'),
    ])
    .groupBy('clearance_list_problems.list_id');
}

function listsBase(db: Executor, actor: Actor) {
  return db.selectFrom('clearance_lists')
    .innerJoin('regions', 'regions.id', 'clearance_lists.region_id')
    .innerJoin('accounts', 'accounts.id', 'clearance_lists.created_by')
    .where(clearanceListsScope(actor.scope));
}

const totals = (t: { problems: number | string; cleared: number | string } | undefined) => {
  const problems = Number(t?.problems ?? 0);
  const cleared = Number(t?.cleared ?? 0);
  return { problems, cleared, notCleared: problems - cleared };
};

export async function listClearanceLists(db: Executor, actor: Actor, f: { q?: string; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  let q = listsBase(db, actor);
  if (f.q) q = q.where('clearance_lists.title', 'like', `%${f.q}%`);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll('clearance_lists').select(['regions.name as region_name', 'accounts.display_name as creator_name'])
    .orderBy('clearance_lists.created_at', f.order).orderBy('clearance_lists.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const sums = rows.length ? await totalsOf(db, actor).where('clearance_list_problems.list_id', 'in', rows.map((r) => r.id)).execute() : [];
  return {
    items: rows.map((r) => ({
      id: r.id, title: r.title, region: { id: r.region_id, name: r.region_name }, createdBy: r.creator_name, createdAt: r.created_at,
      totals: totals(sums.find((s) => s.list_id === r.id)),
    })),
    total: Number(total), page: f.page, pageSize: f.pageSize,
  };
}

export async function clearanceListDetail(platform: Platform, actor: Actor, locale: Locale, id: string) {
  const db = platform.database.db;
  const list = await listsBase(db, actor).selectAll('clearance_lists').select(['regions.name as region_name', 'accounts.display_name as creator_name'])
    .where('clearance_lists.id', '=', id).executeTakeFirst();
  if (!list) throw notFound();
  const day = await deadlineDay(platform);
  const problems = await db.selectFrom('clearance_list_problems')
    .innerJoin('problems', 'problems.id', 'clearance_list_problems.problem_id')
    .innerJoin('regions', 'regions.id', 'problems.region_id')
    .innerJoin('problem_areas', 'problem_areas.key', 'problems.area')
    .leftJoin('units', 'units.id', 'problems.unit_id')
    .select([
      'problems.id', 'problems.description', 'problems.severity', 'problems.status', 'problems.found_on', 'problems.unit_id', 'units.name as unit_name',
      'problems.region_id', 'regions.name as region_name', 'problem_areas.name_zh', 'problem_areas.name_en',
    ])
    .where('clearance_list_problems.list_id', '=', id).where(problemsScope(actor))
    .orderBy('clearance_list_problems.sort').execute();
  const items = problems.length
    ? await db.selectFrom('rectification_problems')
      .innerJoin('rectifications', 'rectifications.id', 'rectification_problems.rectification_id')
      .innerJoin('units', 'units.id', 'rectifications.unit_id')
      .leftJoin('accounts as verifier', 'verifier.id', 'rectifications.verified_by')
      .select([
        'rectification_problems.problem_id', 'rectifications.id', 'rectifications.status', 'rectifications.deadline', 'rectifications.unit_id', 'units.name as unit_name',
        'rectifications.signed_off_at', 'rectifications.grade', 'rectifications.verification_method', 'rectifications.verified_at', 'rectifications.verification_note',
        'rectifications.verification_visit_id', 'verifier.display_name as verifier_name',
      ])
      .where('rectification_problems.problem_id', 'in', problems.map((p) => p.id)).where('rectifications.status', '<>', 'cancelled')
      .where(rectificationsScope(actor.scope)).orderBy('rectifications.created_at').orderBy('rectifications.id').execute()
    : [];
  const cleared = problems.filter((p) => p.status === 'closed').length;
  const mayAdd = actor.permissions.has('rectification.verify') && actor.scope.kind === 'region';
  return {
    id: list.id, title: list.title, region: { id: list.region_id, name: list.region_name }, createdBy: list.creator_name, createdAt: list.created_at,
    totals: { problems: problems.length, cleared, notCleared: problems.length - cleared },
    problems: problems.map((p) => ({
      id: p.id, description: p.description, areaName: locale === 'en' ? p.name_en : p.name_zh, severity: p.severity as Severity, status: p.status as ProblemStatus,
      unit: p.unit_id ? { id: p.unit_id, name: p.unit_name ?? '' } : null, region: { id: p.region_id, name: p.region_name }, foundOn: p.found_on,
      cleared: p.status === 'closed',
      rectifications: items.filter((i) => i.problem_id === p.id).map((i) => ({
        id: i.id, status: i.status as RectificationStatus, light: lightOf(i.status as RectificationStatus, i.deadline, day.today, day.yellowDays), deadline: i.deadline,
        unit: { id: i.unit_id, name: i.unit_name }, signedOffAt: i.signed_off_at, grade: i.grade as RectificationGrade | null,
        verification: i.verified_at && i.verification_method
          ? { method: i.verification_method as 'documents' | 'on_site', verifiedAt: i.verified_at, verifiedBy: i.verifier_name, note: i.verification_note, visitId: i.verification_visit_id }
          : null,
      })),
    })),
    abilities: { addProblems: mayAdd },
  };
}

/** The chosen problems, each one the caller may see; otherwise a 400 naming how many are not. */
async function visibleProblems(trx: Executor, actor: Actor, problemIds: string[]): Promise<string[]> {
  const ids = [...new Set(problemIds)];
  const found = await trx.selectFrom('problems').select('id').where('id', 'in', ids).where(problemsScope(actor)).execute();
  if (found.length !== ids.length) throw invalidField('problemIds', 'CLEARANCE_PROBLEM_UNKNOWN', { count: ids.length - found.length });
  return ids;
}

export async function createClearanceList(platform: Platform, ctx: RequestContext, input: { title: string; problemIds: string[] }) {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  const id = await platform.database.db.transaction().execute(async (trx) => {
    const ids = await visibleProblems(trx, actor, input.problemIds);
    const row = { id: newId(), region_id: office.regionId, region_path: office.regionPath, title: input.title, created_by: actor.id, created_at: platform.clock.now().toISOString() };
    await trx.insertInto('clearance_lists').values(row).execute();
    await trx.insertInto('clearance_list_problems').values(ids.map((problemId, i) => ({ list_id: row.id, problem_id: problemId, sort: i + 1 }))).execute();
    await platform.audit.record(trx, ctx, { action: 'clearance_list.create', entityType: 'clearance_list', entityId: row.id, detail: { after: row, problemIds: ids } });
    return row.id;
  });
  return clearanceListDetail(platform, actor, ctx.locale, id);
}

/** Add problems to a list; those already on it stay where they are. */
export async function addClearanceProblems(platform: Platform, ctx: RequestContext, id: string, problemIds: string[]) {
  const actor = ctx.actor!;
  officeOf(actor);
  await platform.database.db.transaction().execute(async (trx) => {
    const list = await trx.selectFrom('clearance_lists').select('id').where('id', '=', id).where(clearanceListsScope(actor.scope)).executeTakeFirst();
    if (!list) throw notFound();
    const ids = await visibleProblems(trx, actor, problemIds);
    const present = await trx.selectFrom('clearance_list_problems').select(['problem_id', 'sort']).where('list_id', '=', id).execute();
    const have = new Set(present.map((p) => p.problem_id));
    const added = ids.filter((p) => !have.has(p));
    const last = present.reduce((max, p) => Math.max(max, p.sort), 0);
    if (added.length > 0) await trx.insertInto('clearance_list_problems').values(added.map((problemId, i) => ({ list_id: id, problem_id: problemId, sort: last + i + 1 }))).execute();
    await platform.audit.record(trx, ctx, { action: 'clearance_list.add', entityType: 'clearance_list', entityId: id, detail: { added } });
  });
  return clearanceListDetail(platform, actor, ctx.locale, id);
}
