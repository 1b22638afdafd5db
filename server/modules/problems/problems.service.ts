import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { ProblemsTable, RecommendationsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { inSubtree, problemsScope, problemsScopeParts, recommendationsScope, regionsScope, scopeCoversPath, tasksScope, unitsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import type { Locale } from '../../platform/i18n';
import type { ProblemFilters, ProblemSource, ProblemStatus, Severity } from './problems.schemas';

// ---------- areas ----------

export async function activeArea(db: Executor, key: string, field = 'area') {
  const area = await db.selectFrom('problem_areas').selectAll().where('key', '=', key).where('active', '=', 1).executeTakeFirst();
  if (!area) throw invalidField(field, 'PROBLEM_AREA_UNKNOWN', { value: key });
  return area;
}

export async function listAreas(db: Executor) {
  const rows = await db.selectFrom('problem_areas').selectAll().orderBy('sort').orderBy('key').execute();
  return rows.map((a) => ({ key: a.key, nameZh: a.name_zh, nameEn: a.name_en, sort: a.sort, active: a.active === 1 }));
}

export async function createArea(platform: Platform, ctx: RequestContext, input: { key: string; nameZh: string; nameEn: string; sort?: number }) {
  return platform.database.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('problem_areas').select('key').where('key', '=', input.key).executeTakeFirst()) {
      throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'key', key: 'AREA_KEY_TAKEN', params: { value: input.key } }] });
    }
    const last = await trx.selectFrom('problem_areas').select((eb) => eb.fn.max('sort').as('sort')).executeTakeFirst();
    const row = { key: input.key, name_zh: input.nameZh, name_en: input.nameEn, sort: input.sort ?? Number(last?.sort ?? 0) + 1, active: 1 };
    await trx.insertInto('problem_areas').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'problem_area.create', entityType: 'problem_area', entityId: row.key, detail: { after: row } });
    return { key: row.key, nameZh: row.name_zh, nameEn: row.name_en, sort: row.sort, active: true };
  });
}

export async function updateArea(platform: Platform, ctx: RequestContext, key: string, patch: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean }) {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('problem_areas').selectAll().where('key', '=', key).executeTakeFirst();
    if (!before) throw notFound();
    const after = {
      name_zh: patch.nameZh ?? before.name_zh, name_en: patch.nameEn ?? before.name_en, sort: patch.sort ?? before.sort,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
    };
    await trx.updateTable('problem_areas').set(after).where('key', '=', key).execute();
    await platform.audit.record(trx, ctx, { action: 'problem_area.update', entityType: 'problem_area', entityId: key, detail: { before, after } });
    return { key, nameZh: after.name_zh, nameEn: after.name_en, sort: after.sort, active: after.active === 1 };
  });
}

// ---------- problems ----------

/** How a problem is recognised when found again at the same unit: the same checklist item, or the same area and wording. */
export function recurrenceKey(p: { templateCode?: string | null; itemKey?: string | null; area: string; description: string }): string {
  if (p.templateCode && p.itemKey) return `item:${p.templateCode}:${p.itemKey}`;
  const words = p.description.replace(/[\s\p{P}\p{S}]/gu, '').slice(0, 80);
  return `text:${p.area}:${words}`;
}

export interface NewProblem {
  source: ProblemSource; area: string; severity: Severity; region: { id: string; path: string }; unitId: string | null;
  taskId: string | null; visitId: string | null; itemKey: string | null; templateCode?: string | null; description: string;
  foundBy: string; foundByAccountId: string | null; foundOn: string; deadline: string | null;
}

/** Insert one problem inside the caller's transaction and audit it. */
export async function insertProblem(trx: Executor, platform: Platform, ctx: RequestContext, p: NewProblem): Promise<ProblemsTable> {
  const row = await insertProblemRow(trx, platform, p);
  await platform.audit.record(trx, ctx, { action: 'problem.create', entityType: 'problem', entityId: row.id, detail: { after: row } });
  return row;
}

/** A problem still open at the same place with the same source and words: raising it again would repeat it. */
export async function findOpenProblem(db: Executor, p: { unitId: string | null; regionId: string; source: ProblemSource; description: string }) {
  let q = db.selectFrom('problems').select('id').where('region_id', '=', p.regionId).where('source', '=', p.source)
    .where('description', '=', p.description).where('status', '!=', 'closed');
  q = p.unitId ? q.where('unit_id', '=', p.unitId) : q.where('unit_id', 'is', null);
  return q.executeTakeFirst();
}

/**
 * The problem row alone, linked to the latest earlier one at the same unit; for a load audited as one entry (the
 * demo seed), every other writer goes through insertProblem.
 */
export async function insertProblemRow(trx: Executor, platform: Platform, p: NewProblem): Promise<ProblemsTable> {
  if (p.deadline && p.deadline < p.foundOn) throw invalidField('deadline', 'PROBLEM_DEADLINE_ORDER');
  const key = recurrenceKey(p);
  const earlier = p.unitId
    ? await trx.selectFrom('problems').select('id').where('unit_id', '=', p.unitId).where('recurrence_key', '=', key).where('found_on', '<=', p.foundOn)
      .orderBy('found_on', 'desc').orderBy('created_at', 'desc').executeTakeFirst()
    : undefined;
  const now = platform.clock.now().toISOString();
  const row: ProblemsTable = {
    id: newId(), source: p.source, area: p.area, severity: p.severity, status: 'open', region_id: p.region.id, region_path: p.region.path,
    unit_id: p.unitId, task_id: p.taskId, visit_id: p.visitId, item_key: p.itemKey, description: p.description, found_by: p.foundBy,
    found_by_account_id: p.foundByAccountId, found_on: p.foundOn, deadline: p.deadline, recurrence_key: key, recurring_of_id: earlier?.id ?? null,
    created_at: now, updated_at: now,
  };
  await trx.insertInto('problems').values(row).execute();
  return row;
}

/**
 * The problems in scope, without joins: counting a county's register then reads one index (status, deadline,
 * place) instead of joining every row; the names are joined only for the page being shown.
 */
function problemsBase(db: Executor, actor: Actor, scope = problemsScope(actor)) {
  return db.selectFrom('problems').where(scope);
}

const problemSortColumns = { foundOn: 'problems.found_on', deadline: 'problems.deadline', severity: 'problems.severity', area: 'problems.area', updatedAt: 'problems.updated_at' } as const;

type ProblemsQuery = ReturnType<typeof problemsBase>;

/** The filters as one function over a query, the region looked up once however many queries it narrows. */
async function problemFilter(db: Executor, actor: Actor, f: ProblemFilters): Promise<(q: ProblemsQuery) => ProblemsQuery> {
  const region = f.regionId
    ? (await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst()) ?? null
    : undefined;
  return (q) => narrowed(q, f, region);
}

export async function filteredProblems(db: Executor, actor: Actor, f: ProblemFilters) {
  return (await problemFilter(db, actor, f))(problemsBase(db, actor));
}

/** `region`: undefined when not asked for, null when asked for but outside the scope (nothing matches). */
function narrowed(q: ProblemsQuery, f: ProblemFilters, region: { path: string } | null | undefined): ProblemsQuery {
  if (region !== undefined) q = region ? q.where(inSubtree('problems.region_path', region.path)) : q.where('problems.id', '=', '');
  if (f.q) {
    const words = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('problems.description', 'like', words), eb('problems.unit_id', 'in', eb.selectFrom('units').select('units.id').where('units.name', 'like', words))]));
  }
  if (f.source) q = q.where('problems.source', '=', f.source);
  if (f.area) q = q.where('problems.area', '=', f.area);
  if (f.severity) q = q.where('problems.severity', '=', f.severity);
  if (f.status) q = q.where('problems.status', '=', f.status);
  if (f.unitId) q = q.where('problems.unit_id', '=', f.unitId);
  if (f.taskId) q = q.where('problems.task_id', '=', f.taskId);
  if (f.visitId) q = q.where('problems.visit_id', '=', f.visitId);
  if (f.from) q = q.where('problems.found_on', '>=', f.from);
  if (f.to) q = q.where('problems.found_on', '<=', f.to);
  if (f.recurring) q = q.where('problems.recurring_of_id', f.recurring === 'true' ? 'is not' : 'is', null);
  return q;
}

type ProblemListRow = ProblemsTable & { region_name: string; unit_name: string | null; task_title: string | null; area_zh: string; area_en: string };

function columns(q: ReturnType<typeof problemsBase>) {
  return q
    .innerJoin('regions', 'regions.id', 'problems.region_id')
    .innerJoin('problem_areas', 'problem_areas.key', 'problems.area')
    .leftJoin('units', 'units.id', 'problems.unit_id')
    .leftJoin('supervision_tasks', 'supervision_tasks.id', 'problems.task_id')
    .selectAll('problems')
    .select(['regions.name as region_name', 'units.name as unit_name', 'supervision_tasks.title as task_title', 'problem_areas.name_zh as area_zh', 'problem_areas.name_en as area_en']);
}

export function presentProblem(p: ProblemListRow, locale: Locale) {
  return {
    id: p.id, source: p.source as ProblemSource, area: p.area, areaName: locale === 'en' ? p.area_en : p.area_zh, severity: p.severity as Severity,
    status: p.status as ProblemStatus, region: { id: p.region_id, name: p.region_name }, unit: p.unit_id ? { id: p.unit_id, name: p.unit_name ?? '' } : null,
    task: p.task_id ? { id: p.task_id, title: p.task_title ?? '' } : null, visitId: p.visit_id, itemKey: p.item_key, description: p.description,
    foundBy: p.found_by, foundOn: p.found_on, deadline: p.deadline, recurringOfId: p.recurring_of_id, updatedAt: p.updated_at,
  };
}

export function sortedProblems(q: Awaited<ReturnType<typeof filteredProblems>>, f: Pick<ProblemFilters, 'sort' | 'order'>) {
  return columns(q).orderBy(problemSortColumns[f.sort], f.order).orderBy('problems.id', f.order);
}

export async function listProblems(db: Executor, actor: Actor, locale: Locale, f: ProblemFilters & { page: number; pageSize: number }) {
  const filter = await problemFilter(db, actor, f);
  const base = filter(problemsBase(db, actor));
  // Counted part by part (problemsScopeParts): one count over the scope's OR walks every open problem of the city.
  let total = 0;
  for (const part of problemsScopeParts(actor)) {
    const [{ n }] = await filter(problemsBase(db, actor, part)).select((eb) => eb.fn.countAll<number>().as('n')).execute();
    total += Number(n);
  }
  const rows = await sortedProblems(base, f).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentProblem(r, locale)), total, page: f.page, pageSize: f.pageSize };
}

export async function findProblemInScope(db: Executor, actor: Actor, id: string) {
  const row = await columns(problemsBase(db, actor)).where('problems.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function canWriteProblem(actor: Actor, regionPath: string) {
  return actor.permissions.has('problems.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

/** A problem's evidence: files attached to it, and the photos of the checklist item it came from. */
export async function problemEvidence(db: Executor, p: Pick<ProblemsTable, 'id' | 'visit_id' | 'item_key'>) {
  const own = await db.selectFrom('files').selectAll().where('entity_type', '=', 'problem').where('entity_id', '=', p.id).orderBy('created_at').execute();
  const fromVisit = p.visit_id && p.item_key
    ? await db.selectFrom('visit_evidence').innerJoin('files', 'files.id', 'visit_evidence.file_id')
      .select(['files.id', 'files.name', 'files.mime', 'files.size', 'files.created_at', 'visit_evidence.captured_at', 'visit_evidence.latitude', 'visit_evidence.longitude'])
      .where('visit_evidence.visit_id', '=', p.visit_id).where('visit_evidence.item_key', '=', p.item_key).orderBy('visit_evidence.created_at').execute()
    : [];
  return [
    ...fromVisit.map((e) => ({ id: e.id, name: e.name, mime: e.mime, size: e.size, capturedAt: e.captured_at, latitude: e.latitude, longitude: e.longitude, createdAt: e.created_at })),
    ...own.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, capturedAt: null, latitude: null, longitude: null, createdAt: f.created_at })),
  ].map((e) => ({ ...e, url: `/api/problems/${p.id}/evidence/${e.id}/content` }));
}

export async function problemDetail(db: Executor, actor: Actor, locale: Locale, id: string) {
  const row = await findProblemInScope(db, actor, id);
  const earlier = row.recurring_of_id
    ? await db.selectFrom('problems').select(['id', 'found_on', 'description']).where('id', '=', row.recurring_of_id).where(problemsScope(actor)).executeTakeFirst()
    : undefined;
  const later = await db.selectFrom('problems').select(['id', 'found_on']).where('recurring_of_id', '=', id).where(problemsScope(actor)).orderBy('found_on').execute();
  let itemText: string | null = null;
  if (row.visit_id && row.item_key) {
    const tpl = await db.selectFrom('visits').innerJoin('checklist_templates', 'checklist_templates.id', 'visits.checklist_template_id').select('checklist_templates.items').where('visits.id', '=', row.visit_id).executeTakeFirst();
    itemText = tpl ? ((JSON.parse(tpl.items) as { key: string; text: string }[]).find((i) => i.key === row.item_key)?.text ?? null) : null;
  }
  const write = canWriteProblem(actor, row.region_path);
  return {
    ...presentProblem(row, locale), itemText, evidence: await problemEvidence(db, row),
    recurringOf: earlier ? { id: earlier.id, foundOn: earlier.found_on, description: earlier.description } : null,
    laterOccurrences: later.map((l) => ({ id: l.id, foundOn: l.found_on })),
    abilities: { update: write, uploadFile: write && actor.permissions.has('files.upload') },
  };
}

/** Where a problem or recommendation sits: its unit's region, or a region the caller may write in. */
async function placeOf(db: Executor, actor: Actor, unitId: string | null | undefined, regionId: string | null | undefined) {
  if (unitId) {
    const unit = await db.selectFrom('units').select(['id', 'region_id', 'region_path']).where('id', '=', unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    if (!scopeCoversPath(actor.scope, unit.region_path)) throw new AppError('FORBIDDEN', 'UNIT_OUTSIDE_SCOPE');
    return { unitId: unit.id, region: { id: unit.region_id, path: unit.region_path } };
  }
  if (!regionId) throw invalidField('unitId', 'PROBLEM_PLACE_REQUIRED');
  const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!region) throw invalidField('regionId', 'REGION_OUTSIDE_SCOPE');
  if (!scopeCoversPath(actor.scope, region.path)) throw new AppError('FORBIDDEN', 'REGION_OUTSIDE_SCOPE');
  return { unitId: null, region };
}

async function taskRef(db: Executor, actor: Actor, taskId: string | null | undefined) {
  if (!taskId) return null;
  const task = await db.selectFrom('supervision_tasks').select('id').where('id', '=', taskId).where(tasksScope(actor)).executeTakeFirst();
  if (!task) throw invalidField('taskId', 'NOT_FOUND');
  return task.id;
}

export async function createProblem(platform: Platform, ctx: RequestContext, input: {
  source: Exclude<ProblemSource, 'visit'>; area: string; severity: Severity; unitId?: string | null; regionId?: string | null; taskId?: string | null;
  description: string; foundBy?: string | null; foundOn: string; deadline?: string | null;
}) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    await activeArea(trx, input.area);
    const place = await placeOf(trx, actor, input.unitId, input.regionId);
    const row = await insertProblem(trx, platform, ctx, {
      source: input.source, area: input.area, severity: input.severity, region: place.region, unitId: place.unitId, taskId: await taskRef(trx, actor, input.taskId),
      visitId: null, itemKey: null, description: input.description, foundBy: input.foundBy || actor.displayName, foundByAccountId: actor.id,
      foundOn: input.foundOn, deadline: input.deadline ?? null,
    });
    return problemDetail(trx, actor, ctx.locale, row.id);
  });
}

export async function updateProblem(platform: Platform, ctx: RequestContext, id: string, patch: { area?: string; severity?: Severity; description?: string; foundBy?: string; deadline?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await findProblemInScope(trx, actor, id);
    if (!canWriteProblem(actor, before.region_path)) throw new AppError('FORBIDDEN');
    if (patch.area && patch.area !== before.area) await activeArea(trx, patch.area);
    const deadline = patch.deadline !== undefined ? patch.deadline : before.deadline;
    if (deadline && deadline < before.found_on) throw invalidField('deadline', 'PROBLEM_DEADLINE_ORDER');
    const set = {
      area: patch.area ?? before.area, severity: patch.severity ?? before.severity, description: patch.description ?? before.description,
      found_by: patch.foundBy ?? before.found_by, deadline, updated_at: platform.clock.now().toISOString(),
    };
    await trx.updateTable('problems').set(set).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, {
      action: 'problem.update', entityType: 'problem', entityId: id,
      detail: { before: { area: before.area, severity: before.severity, description: before.description, foundBy: before.found_by, deadline: before.deadline }, after: patch },
    });
    return problemDetail(trx, actor, ctx.locale, id);
  });
}

// ---------- recommendations ----------

export async function insertRecommendation(trx: Executor, platform: Platform, ctx: RequestContext, r: Omit<RecommendationsTable, 'id' | 'created_at'>) {
  const row = await insertRecommendationRow(trx, platform, r);
  await platform.audit.record(trx, ctx, { action: 'recommendation.create', entityType: 'recommendation', entityId: row.id, detail: { after: row } });
  return row;
}

/** The recommendation row alone, for a load audited as one entry (the demo seed). */
export async function insertRecommendationRow(trx: Executor, platform: Platform, r: Omit<RecommendationsTable, 'id' | 'created_at'>) {
  const row: RecommendationsTable = { id: newId(), ...r, created_at: platform.clock.now().toISOString() };
  await trx.insertInto('recommendations').values(row).execute();
  return row;
}

function recommendationsBase(db: Executor, actor: Actor) {
  return db.selectFrom('recommendations')
    .innerJoin('regions', 'regions.id', 'recommendations.region_id')
    .innerJoin('problem_areas', 'problem_areas.key', 'recommendations.area')
    .leftJoin('units', 'units.id', 'recommendations.unit_id')
    .leftJoin('supervision_tasks', 'supervision_tasks.id', 'recommendations.task_id')
    .where(recommendationsScope(actor))
    .selectAll('recommendations')
    .select(['regions.name as region_name', 'units.name as unit_name', 'supervision_tasks.title as task_title', 'problem_areas.name_zh as area_zh', 'problem_areas.name_en as area_en']);
}

function presentRecommendation(r: RecommendationsTable & { region_name: string; unit_name: string | null; task_title: string | null; area_zh: string; area_en: string }, locale: Locale) {
  return {
    id: r.id, area: r.area, areaName: locale === 'en' ? r.area_en : r.area_zh, region: { id: r.region_id, name: r.region_name },
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null, task: r.task_id ? { id: r.task_id, title: r.task_title ?? '' } : null,
    visitId: r.visit_id, content: r.content, proposedBy: r.proposed_by, proposedOn: r.proposed_on, createdAt: r.created_at,
  };
}

export async function listRecommendations(db: Executor, actor: Actor, locale: Locale, f: { q?: string; area?: string; unitId?: string; taskId?: string; visitId?: string; from?: string; to?: string; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  let q = recommendationsBase(db, actor);
  if (f.q) q = q.where('recommendations.content', 'like', `%${f.q}%`);
  if (f.area) q = q.where('recommendations.area', '=', f.area);
  if (f.unitId) q = q.where('recommendations.unit_id', '=', f.unitId);
  if (f.taskId) q = q.where('recommendations.task_id', '=', f.taskId);
  if (f.visitId) q = q.where('recommendations.visit_id', '=', f.visitId);
  if (f.from) q = q.where('recommendations.proposed_on', '>=', f.from);
  if (f.to) q = q.where('recommendations.proposed_on', '<=', f.to);
  const [{ total }] = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.orderBy('recommendations.proposed_on', f.order).orderBy('recommendations.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentRecommendation(r, locale)), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function recommendationById(db: Executor, actor: Actor, locale: Locale, id: string) {
  const row = await recommendationsBase(db, actor).where('recommendations.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return presentRecommendation(row, locale);
}

export async function createRecommendation(platform: Platform, ctx: RequestContext, input: { area: string; unitId?: string | null; regionId?: string | null; taskId?: string | null; content: string; proposedOn: string }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    await activeArea(trx, input.area);
    const place = await placeOf(trx, actor, input.unitId, input.regionId);
    const row = await insertRecommendation(trx, platform, ctx, {
      area: input.area, region_id: place.region.id, region_path: place.region.path, unit_id: place.unitId, task_id: await taskRef(trx, actor, input.taskId),
      visit_id: null, content: input.content, proposed_by: actor.displayName, proposed_by_account_id: actor.id, proposed_on: input.proposedOn,
    });
    return recommendationById(trx, actor, ctx.locale, row.id);
  });
}
