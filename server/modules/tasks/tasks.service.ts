import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { SupervisionTasksTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { accountsScope, checklistsScope, expertsScope, inSubtree, inspectorsScope, memberTaskIds, plansScope, regionsScope, scopeCoversPath, tasksScope, unitsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { assertTransition, nextStatuses, recordsVisits, type TaskStatus } from './task-status';
import { schoolKinds, type TaskKind } from './tasks.schemas';

type Basis = { title: string; docNo?: string | null };

/** An office writes inside its own subtree only. */
export function canWriteTask(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('tasks.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

export async function writableRegion(db: Executor, actor: Actor, regionId: string, field = 'regionId') {
  const region = await db.selectFrom('regions').select(['id', 'path', 'name', 'level']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!region) throw invalidField(field, 'REGION_OUTSIDE_SCOPE');
  if (actor.scope.kind !== 'region' || !scopeCoversPath(actor.scope, region.path)) throw new AppError('FORBIDDEN', 'REGION_OUTSIDE_SCOPE');
  return region;
}

// ---------- plans ----------

export async function findPlanInScope(db: Executor, actor: Actor, id: string) {
  const row = await db.selectFrom('supervision_plans').innerJoin('regions', 'regions.id', 'supervision_plans.region_id')
    .selectAll('supervision_plans').select('regions.name as region_name')
    .where('supervision_plans.id', '=', id).where(plansScope(actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function presentPlan(p: { id: string; year: number; title: string; description: string | null; region_id: string; region_name: string; updated_at: string }, taskCount: number) {
  return { id: p.id, year: p.year, title: p.title, description: p.description, region: { id: p.region_id, name: p.region_name }, taskCount, updatedAt: p.updated_at };
}

export async function listPlans(db: Executor, actor: Actor, f: { q?: string; year?: number; sort: 'year' | 'title' | 'updatedAt'; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  let q = db.selectFrom('supervision_plans').innerJoin('regions', 'regions.id', 'supervision_plans.region_id').where(plansScope(actor));
  if (f.q) q = q.where('supervision_plans.title', 'like', `%${f.q}%`);
  if (f.year) q = q.where('supervision_plans.year', '=', f.year);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const column = { year: 'supervision_plans.year', title: 'supervision_plans.title', updatedAt: 'supervision_plans.updated_at' } as const;
  const rows = await q.selectAll('supervision_plans').select('regions.name as region_name')
    .select((eb) => eb.selectFrom('supervision_tasks').select((e) => e.fn.countAll<number>().as('n')).whereRef('supervision_tasks.plan_id', '=', 'supervision_plans.id').as('task_count'))
    .orderBy(column[f.sort], f.order).orderBy('supervision_plans.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentPlan(r, Number(r.task_count ?? 0))), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function planDetail(db: Executor, actor: Actor, id: string) {
  const p = await findPlanInScope(db, actor, id);
  const counts = await db.selectFrom('supervision_tasks').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('plan_id', '=', id).groupBy('status').execute();
  const tasksByStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const write = canWriteTask(actor, p.region_path);
  return { ...presentPlan(p, Object.values(tasksByStatus).reduce((a, b) => a + b, 0)), tasksByStatus, abilities: { update: write, createTask: write } };
}

export async function createPlan(platform: Platform, ctx: RequestContext, input: { regionId: string; year: number; title: string; description?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId);
    const now = platform.clock.now().toISOString();
    const row = { id: newId(), region_id: region.id, region_path: region.path, year: input.year, title: input.title, description: input.description ?? null, created_by: actor.id, created_at: now, updated_at: now };
    await trx.insertInto('supervision_plans').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'plan.create', entityType: 'plan', entityId: row.id, detail: { after: row } });
    return planDetail(trx, actor, row.id);
  });
}

export async function updatePlan(platform: Platform, ctx: RequestContext, id: string, patch: { year?: number; title?: string; description?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await findPlanInScope(trx, actor, id);
    if (!canWriteTask(actor, before.region_path)) throw new AppError('FORBIDDEN');
    if (patch.year !== undefined && patch.year !== before.year) {
      const outside = await trx.selectFrom('supervision_tasks').select('id').where('plan_id', '=', id)
        .where((eb) => eb.or([eb('start_date', '<', `${patch.year}-01-01`), eb('end_date', '>', `${patch.year}-12-31`)])).executeTakeFirst();
      if (outside) throw invalidField('year', 'TASK_OUTSIDE_PLAN_YEAR', { year: patch.year! });
    }
    const set = {
      ...(patch.year !== undefined ? { year: patch.year } : {}), ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}), updated_at: platform.clock.now().toISOString(),
    };
    await trx.updateTable('supervision_plans').set(set).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'plan.update', entityType: 'plan', entityId: id, detail: { before: { year: before.year, title: before.title, description: before.description }, after: patch } });
    return planDetail(trx, actor, id);
  });
}

// ---------- tasks ----------

export async function findTaskInScope(db: Executor, actor: Actor, id: string) {
  const row = await db.selectFrom('supervision_tasks').selectAll().where('id', '=', id).where(tasksScope(actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function isTaskMember(db: Executor, accountId: string, taskId: string, teamId?: string | null): Promise<boolean> {
  let q = db.selectFrom('task_team_members').select('id').where('account_id', '=', accountId).where('task_id', '=', taskId);
  if (teamId !== undefined) q = teamId === null ? q.where(sql<boolean>`1 = 0`) : q.where('team_id', '=', teamId);
  return !!(await q.executeTakeFirst());
}

const taskSorts = { startDate: 'supervision_tasks.start_date', title: 'supervision_tasks.title', status: 'supervision_tasks.status', kind: 'supervision_tasks.kind', updatedAt: 'supervision_tasks.updated_at' } as const;

/** The list's base: scope, then filters. Shared by the list and the period figures. */
export async function filteredTasks(db: Executor, actor: Actor, f: { q?: string; planId?: string; kind?: string; status?: string; regionId?: string; year?: number; mine?: string }) {
  let q = db.selectFrom('supervision_tasks').where(tasksScope(actor));
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    q = region ? q.where(inSubtree('supervision_tasks.region_path', region.path)) : q.where('supervision_tasks.id', '=', '');
  }
  if (f.q) q = q.where('supervision_tasks.title', 'like', `%${f.q}%`);
  if (f.planId) q = q.where('supervision_tasks.plan_id', '=', f.planId);
  if (f.kind) q = q.where('supervision_tasks.kind', '=', f.kind);
  if (f.status) q = q.where('supervision_tasks.status', '=', f.status);
  if (f.year) q = q.where('supervision_tasks.start_date', '<=', `${f.year}-12-31`).where('supervision_tasks.end_date', '>=', `${f.year}-01-01`);
  if (f.mine === 'true') q = q.where((eb) => eb('supervision_tasks.id', 'in', memberTaskIds(eb, actor.id)));
  return q;
}

type TaskRow = SupervisionTasksTable;

async function presentTasks(db: Executor, rows: TaskRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [plans, regions, leads, targets, visited] = await Promise.all([
    db.selectFrom('supervision_plans').select(['id', 'title']).where('id', 'in', [...new Set(rows.map((r) => r.plan_id))]).execute(),
    db.selectFrom('regions').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.region_id))]).execute(),
    db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', [...new Set(rows.map((r) => r.lead_account_id ?? ''))]).execute(),
    db.selectFrom('task_targets').select(['task_id', (eb) => eb.fn.countAll<number>().as('n')]).where('task_id', 'in', ids).groupBy('task_id').execute(),
    db.selectFrom('visits').select(['task_id', (eb) => eb.fn.count<number>('target_id').distinct().as('n')]).where('task_id', 'in', ids).where('status', '=', 'submitted').groupBy('task_id').execute(),
  ]);
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const planMap = byId(plans);
  const regionMap = byId(regions);
  const leadMap = byId(leads);
  const targetMap = new Map(targets.map((t) => [t.task_id, Number(t.n)]));
  const visitedMap = new Map(visited.map((t) => [t.task_id, Number(t.n)]));
  return rows.map((r) => ({
    id: r.id, planId: r.plan_id, planTitle: planMap.get(r.plan_id)?.title ?? '', kind: r.kind as TaskKind, title: r.title,
    region: { id: r.region_id, name: regionMap.get(r.region_id)?.name ?? '' }, startDate: r.start_date, endDate: r.end_date, rounds: r.rounds,
    status: r.status as TaskStatus, lead: r.lead_account_id && leadMap.get(r.lead_account_id) ? { id: r.lead_account_id, name: leadMap.get(r.lead_account_id)!.display_name } : null,
    targetCount: targetMap.get(r.id) ?? 0, visitedCount: visitedMap.get(r.id) ?? 0, updatedAt: r.updated_at,
  }));
}

export async function listTasks(db: Executor, actor: Actor, f: Parameters<typeof filteredTasks>[2] & { sort: keyof typeof taskSorts; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  const base = await filteredTasks(db, actor, f);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base.selectAll('supervision_tasks').orderBy(taskSorts[f.sort], f.order).orderBy('supervision_tasks.id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: await presentTasks(db, rows), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function taskDetail(db: Executor, actor: Actor, id: string) {
  const task = await findTaskInScope(db, actor, id);
  const [view] = await presentTasks(db, [task]);
  const teams = await db.selectFrom('task_teams').innerJoin('accounts', 'accounts.id', 'task_teams.leader_account_id')
    .select(['task_teams.id', 'task_teams.name', 'task_teams.leader_account_id', 'accounts.display_name as leader_name'])
    .where('task_teams.task_id', '=', id).orderBy('task_teams.name').execute();
  const members = await db.selectFrom('task_team_members').innerJoin('accounts', 'accounts.id', 'task_team_members.account_id')
    .select(['task_team_members.team_id', 'task_team_members.account_id', 'task_team_members.role', 'accounts.display_name'])
    .where('task_team_members.task_id', '=', id).orderBy('task_team_members.created_at').execute();
  const people = await teamPeople(db, id);
  const targetCounts = await db.selectFrom('task_targets').select(['team_id', (eb) => eb.fn.countAll<number>().as('n')]).where('task_id', '=', id).groupBy('team_id').execute();
  const checklist = task.checklist_template_id
    ? await db.selectFrom('checklist_templates').select(['id', 'title', 'version']).where('id', '=', task.checklist_template_id).executeTakeFirst()
    : undefined;
  const write = canWriteTask(actor, task.region_path) && task.status !== 'closed';
  const myTeamIds = members.filter((m) => m.account_id === actor.id).map((m) => m.team_id);
  return {
    ...view,
    basis: (JSON.parse(task.basis) as Basis[]).map((b) => ({ title: b.title, docNo: b.docNo ?? null })),
    description: task.description,
    checklist: checklist ?? null,
    nextStatuses: [...nextStatuses(task.status as TaskStatus)],
    teams: teams.map((t) => ({
      id: t.id, name: t.name, leader: { id: t.leader_account_id, name: t.leader_name },
      members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.account_id, name: m.display_name, role: m.role as 'leader' | 'member' })),
      people: people.filter((p) => p.teamId === t.id).map(({ kind, id: personId, name }) => ({ kind, id: personId, name })),
      targetCount: Number(targetCounts.find((c) => c.team_id === t.id)?.n ?? 0),
    })),
    myTeamIds,
    abilities: {
      update: write, transition: canWriteTask(actor, task.region_path), manageTeams: write,
      recordVisit: actor.permissions.has('visits.record') && recordsVisits(task.status as TaskStatus) && (myTeamIds.length > 0 || canWriteTask(actor, task.region_path)),
    },
  };
}

async function checkTaskRefs(db: Executor, actor: Actor, input: { leadAccountId?: string | null; checklistTemplateId?: string | null }) {
  if (input.leadAccountId) {
    const lead = await db.selectFrom('accounts').select('id').where('id', '=', input.leadAccountId).where('active', '=', 1).where(accountsScope(actor.scope)).executeTakeFirst();
    if (!lead) throw invalidField('leadAccountId', 'TEAM_ACCOUNT_UNKNOWN');
  }
  if (input.checklistTemplateId) {
    const tpl = await db.selectFrom('checklist_templates').select('id').where('id', '=', input.checklistTemplateId).where(checklistsScope(actor.scope)).executeTakeFirst();
    if (!tpl) throw invalidField('checklistTemplateId', 'NOT_FOUND');
  }
}

function checkDates(start: string, end: string, year: number) {
  if (end < start) throw invalidField('endDate', 'TASK_DATES_ORDER');
  if (start < `${year}-01-01` || end > `${year}-12-31`) throw invalidField(start < `${year}-01-01` || start > `${year}-12-31` ? 'startDate' : 'endDate', 'TASK_OUTSIDE_PLAN_YEAR', { year });
}

export interface TaskInput {
  planId: string; regionId: string; kind: TaskKind; title: string; basis: Basis[]; description?: string | null;
  startDate: string; endDate: string; rounds: number; leadAccountId?: string | null; checklistTemplateId?: string | null;
}

export async function createTask(platform: Platform, ctx: RequestContext, input: TaskInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('supervision_plans').selectAll().where('id', '=', input.planId).where(plansScope(actor)).executeTakeFirst();
    if (!plan) throw invalidField('planId', 'NOT_FOUND');
    const region = await writableRegion(trx, actor, input.regionId);
    if (!region.path.startsWith(plan.region_path)) throw invalidField('regionId', 'REGION_OUTSIDE_SCOPE');
    checkDates(input.startDate, input.endDate, plan.year);
    await checkTaskRefs(trx, actor, input);
    const now = platform.clock.now().toISOString();
    const row: TaskRow = {
      id: newId(), plan_id: plan.id, region_id: region.id, region_path: region.path, kind: input.kind, title: input.title,
      basis: JSON.stringify(input.basis.map((b) => ({ title: b.title, docNo: b.docNo ?? null }))), description: input.description ?? null,
      start_date: input.startDate, end_date: input.endDate, rounds: input.rounds, lead_account_id: input.leadAccountId ?? null,
      checklist_template_id: input.checklistTemplateId ?? null, status: 'planned', created_by: actor.id, created_at: now, updated_at: now,
    };
    await trx.insertInto('supervision_tasks').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'task.create', entityType: 'task', entityId: row.id, detail: { after: row } });
    return taskDetail(trx, actor, row.id);
  });
}

async function writableTask(db: Executor, actor: Actor, id: string) {
  const task = await findTaskInScope(db, actor, id);
  if (!canWriteTask(actor, task.region_path)) throw new AppError('FORBIDDEN');
  if (task.status === 'closed') throw new AppError('CONFLICT', 'TASK_CLOSED');
  return task;
}

export async function updateTask(platform: Platform, ctx: RequestContext, id: string, patch: Partial<Omit<TaskInput, 'planId' | 'regionId'>>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableTask(trx, actor, id);
    const plan = await trx.selectFrom('supervision_plans').select('year').where('id', '=', before.plan_id).executeTakeFirstOrThrow();
    const start = patch.startDate ?? before.start_date;
    const end = patch.endDate ?? before.end_date;
    checkDates(start, end, plan.year);
    await checkTaskRefs(trx, actor, patch);
    const visited = await trx.selectFrom('visits').select(['visit_date', 'round']).where('task_id', '=', id).execute();
    if (patch.rounds !== undefined) {
      const maxRound = Math.max(0, ...visited.map((v) => v.round));
      if (patch.rounds < maxRound) throw invalidField('rounds', 'TASK_ROUNDS_BELOW_VISITS', { round: maxRound });
    }
    if (visited.some((v) => v.visit_date < start || v.visit_date > end)) throw invalidField(patch.startDate ? 'startDate' : 'endDate', 'VISIT_OUTSIDE_PERIOD', { start, end });
    const set: Partial<TaskRow> = { updated_at: platform.clock.now().toISOString() };
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.basis !== undefined) set.basis = JSON.stringify(patch.basis.map((b) => ({ title: b.title, docNo: b.docNo ?? null })));
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.startDate !== undefined) set.start_date = patch.startDate;
    if (patch.endDate !== undefined) set.end_date = patch.endDate;
    if (patch.rounds !== undefined) set.rounds = patch.rounds;
    if (patch.leadAccountId !== undefined) set.lead_account_id = patch.leadAccountId;
    if (patch.checklistTemplateId !== undefined) set.checklist_template_id = patch.checklistTemplateId;
    await trx.updateTable('supervision_tasks').set(set).where('id', '=', id).execute();
    const { updated_at: _u, ...after } = set;
    const beforeImage = Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof TaskRow]]));
    await platform.audit.record(trx, ctx, { action: 'task.update', entityType: 'task', entityId: id, detail: { before: beforeImage, after } });
    return taskDetail(trx, actor, id);
  });
}

export async function transitionTask(platform: Platform, ctx: RequestContext, id: string, to: TaskStatus) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const task = await findTaskInScope(trx, actor, id);
    if (!canWriteTask(actor, task.region_path)) throw new AppError('FORBIDDEN');
    assertTransition(task.status as TaskStatus, to, ctx.locale);
    await trx.updateTable('supervision_tasks').set({ status: to, updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'task.transition', entityType: 'task', entityId: id, detail: { before: { status: task.status }, after: { status: to } } });
    return taskDetail(trx, actor, id);
  });
}

// ---------- teams ----------

/** Team members: active office staff, inspectors and experts the office may manage. */
async function checkMembers(db: Executor, actor: Actor, ids: string[], field: string) {
  if (!ids.length) return;
  const found = await db.selectFrom('accounts').select('id').where('id', 'in', ids).where('active', '=', 1)
    .where('role', 'in', ['office_staff', 'inspector', 'expert']).where(accountsScope(actor.scope)).execute();
  if (found.length !== new Set(ids).size) throw invalidField(field, 'TEAM_ACCOUNT_UNKNOWN');
}

/** The inspectors and experts on a task's teams, by record. */
async function teamPeople(db: Executor, taskId: string) {
  const rows = await db.selectFrom('task_team_people')
    .leftJoin('inspectors', 'inspectors.id', 'task_team_people.inspector_id')
    .leftJoin('experts', 'experts.id', 'task_team_people.expert_id')
    .select(['task_team_people.team_id', 'task_team_people.inspector_id', 'task_team_people.expert_id', 'inspectors.name as inspector_name', 'experts.name as expert_name'])
    .where('task_team_people.task_id', '=', taskId).execute();
  const people = rows.map((r) => r.inspector_id
    ? { teamId: r.team_id, kind: 'inspector' as const, id: r.inspector_id, name: r.inspector_name ?? '' }
    : { teamId: r.team_id, kind: 'expert' as const, id: r.expert_id!, name: r.expert_name ?? '' });
  // Inspectors before experts, each by name, as a team list is read out.
  return people.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'zh-CN') : a.kind === 'inspector' ? -1 : 1));
}

/**
 * Inspectors (not dismissed) and experts the office may see; answers the accounts linked to them, which join
 * the team's members so that the people picked by record can also open the task.
 */
async function checkPeople(db: Executor, actor: Actor, inspectorIds: string[], expertIds: string[]): Promise<string[]> {
  const inspectors = inspectorIds.length
    ? await db.selectFrom('inspectors').select(['id', 'account_id']).where('id', 'in', inspectorIds).where('dismissed_on', 'is', null).where(inspectorsScope(actor)).execute()
    : [];
  if (inspectors.length !== new Set(inspectorIds).size) throw invalidField('inspectorIds', 'TEAM_PERSON_UNKNOWN');
  const experts = expertIds.length ? await db.selectFrom('experts').select(['id', 'account_id']).where('id', 'in', expertIds).where(expertsScope(actor.scope)).execute() : [];
  if (experts.length !== new Set(expertIds).size) throw invalidField('expertIds', 'TEAM_PERSON_UNKNOWN');
  const linked = [...inspectors, ...experts].map((p) => p.account_id).filter((a): a is string => !!a);
  if (!linked.length) return [];
  const active = await db.selectFrom('accounts').select('id').where('id', 'in', linked).where('active', '=', 1).execute();
  return active.map((a) => a.id);
}

async function writePeople(db: Executor, task: { id: string; region_path: string }, teamId: string, inspectorIds: string[], expertIds: string[], now: string) {
  await db.deleteFrom('task_team_people').where('team_id', '=', teamId).execute();
  const rows = [
    ...[...new Set(inspectorIds)].map((inspectorId) => ({ inspector_id: inspectorId, expert_id: null })),
    ...[...new Set(expertIds)].map((expertId) => ({ inspector_id: null, expert_id: expertId })),
  ].map((p) => ({ id: newId(), team_id: teamId, task_id: task.id, region_path: task.region_path, created_at: now, ...p }));
  if (rows.length) await db.insertInto('task_team_people').values(rows).execute();
}

async function writeMembers(db: Executor, taskId: string, teamId: string, leaderId: string, memberIds: string[], now: string) {
  await db.deleteFrom('task_team_members').where('team_id', '=', teamId).execute();
  const all = [leaderId, ...new Set(memberIds.filter((m) => m !== leaderId))];
  await db.insertInto('task_team_members').values(all.map((accountId, i) => ({
    id: newId(), team_id: teamId, task_id: taskId, account_id: accountId, role: i === 0 ? 'leader' : 'member', created_at: now,
  }))).execute();
  return all;
}

interface TeamInput { name: string; leaderAccountId: string; memberAccountIds: string[]; inspectorIds?: string[]; expertIds?: string[] }

export async function createTeam(platform: Platform, ctx: RequestContext, taskId: string, input: TeamInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const task = await writableTask(trx, actor, taskId);
    await checkMembers(trx, actor, [input.leaderAccountId], 'leaderAccountId');
    await checkMembers(trx, actor, input.memberAccountIds, 'memberAccountIds');
    const inspectorIds = input.inspectorIds ?? [];
    const expertIds = input.expertIds ?? [];
    const linked = await checkPeople(trx, actor, inspectorIds, expertIds);
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('task_teams').values({ id, task_id: taskId, region_path: task.region_path, name: input.name, leader_account_id: input.leaderAccountId, created_at: now, updated_at: now }).execute();
    const members = await writeMembers(trx, taskId, id, input.leaderAccountId, [...input.memberAccountIds, ...linked], now);
    await writePeople(trx, task, id, inspectorIds, expertIds, now);
    await platform.audit.record(trx, ctx, { action: 'task.team_create', entityType: 'task', entityId: taskId, detail: { after: { teamId: id, name: input.name, leader: input.leaderAccountId, members, inspectorIds, expertIds } } });
    return taskDetail(trx, actor, taskId);
  });
}

export async function updateTeam(platform: Platform, ctx: RequestContext, taskId: string, teamId: string, patch: Partial<TeamInput>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const task = await writableTask(trx, actor, taskId);
    const team = await trx.selectFrom('task_teams').selectAll().where('id', '=', teamId).where('task_id', '=', taskId).executeTakeFirst();
    if (!team) throw notFound();
    const before = await trx.selectFrom('task_team_members').select('account_id').where('team_id', '=', teamId).orderBy('created_at').execute();
    const leader = patch.leaderAccountId ?? team.leader_account_id;
    const memberIds = patch.memberAccountIds ?? before.map((m) => m.account_id).filter((m) => m !== team.leader_account_id);
    if (patch.leaderAccountId) await checkMembers(trx, actor, [leader], 'leaderAccountId');
    if (patch.memberAccountIds) await checkMembers(trx, actor, memberIds, 'memberAccountIds');
    const peopleBefore = await trx.selectFrom('task_team_people').select(['inspector_id', 'expert_id']).where('team_id', '=', teamId).execute();
    const inspectorIds = patch.inspectorIds ?? peopleBefore.flatMap((p) => (p.inspector_id ? [p.inspector_id] : []));
    const expertIds = patch.expertIds ?? peopleBefore.flatMap((p) => (p.expert_id ? [p.expert_id] : []));
    const linked = patch.inspectorIds || patch.expertIds ? await checkPeople(trx, actor, inspectorIds, expertIds) : [];
    const now = platform.clock.now().toISOString();
    await trx.updateTable('task_teams').set({ name: patch.name ?? team.name, leader_account_id: leader, updated_at: now }).where('id', '=', teamId).execute();
    const members = await writeMembers(trx, taskId, teamId, leader, [...memberIds, ...linked], now);
    await writePeople(trx, task, teamId, inspectorIds, expertIds, now);
    await platform.audit.record(trx, ctx, {
      action: 'task.team_update', entityType: 'task', entityId: taskId,
      detail: {
        before: { teamId, name: team.name, leader: team.leader_account_id, members: before.map((m) => m.account_id), people: peopleBefore },
        after: { teamId, name: patch.name ?? team.name, leader, members, inspectorIds, expertIds },
      },
    });
    return taskDetail(trx, actor, taskId);
  });
}

// ---------- targets ----------

export async function addTargets(platform: Platform, ctx: RequestContext, taskId: string, input: { teamId?: string | null; unitIds: string[]; regionIds: string[] }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const task = await writableTask(trx, actor, taskId);
    const taskRegion = await trx.selectFrom('regions').select('name').where('id', '=', task.region_id).executeTakeFirstOrThrow();
    if (input.teamId) {
      const team = await trx.selectFrom('task_teams').select('id').where('id', '=', input.teamId).where('task_id', '=', taskId).executeTakeFirst();
      if (!team) throw invalidField('teamId', 'TEAM_NOT_IN_TASK');
    }
    const now = platform.clock.now().toISOString();
    const rows: { id: string; task_id: string; team_id: string | null; kind: string; unit_id: string | null; target_region_id: string | null; region_path: string; created_at: string }[] = [];
    const existing = await trx.selectFrom('task_targets').select(['unit_id', 'target_region_id']).where('task_id', '=', taskId).execute();
    for (const [i, unitId] of [...new Set(input.unitIds)].entries()) {
      const unit = await trx.selectFrom('units').select(['id', 'name', 'region_path', 'region_id']).where('id', '=', unitId).where(unitsScope(actor.scope)).executeTakeFirst();
      if (!unit) throw invalidField(`unitIds.${i}`, 'UNIT_OUTSIDE_SCOPE');
      if (!unit.region_path.startsWith(task.region_path)) throw invalidField(`unitIds.${i}`, 'TARGET_OUTSIDE_TASK', { name: unit.name, region: taskRegion.name });
      if (existing.some((e) => e.unit_id === unit.id)) throw invalidField(`unitIds.${i}`, 'TARGET_EXISTS', { name: unit.name });
      rows.push({ id: newId(), task_id: taskId, team_id: input.teamId ?? null, kind: 'unit', unit_id: unit.id, target_region_id: unit.region_id, region_path: unit.region_path, created_at: now });
    }
    for (const [i, regionId] of [...new Set(input.regionIds)].entries()) {
      const region = await trx.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
      if (!region) throw invalidField(`regionIds.${i}`, 'REGION_OUTSIDE_SCOPE');
      if (region.level !== 'township') throw invalidField(`regionIds.${i}`, 'TARGET_REGION_LEVEL', { name: region.name });
      if (!region.path.startsWith(task.region_path)) throw invalidField(`regionIds.${i}`, 'TARGET_OUTSIDE_TASK', { name: region.name, region: taskRegion.name });
      if (existing.some((e) => e.unit_id === null && e.target_region_id === region.id)) throw invalidField(`regionIds.${i}`, 'TARGET_EXISTS', { name: region.name });
      // The region target is told apart from a unit's region by kind; only region targets keep unit_id null.
      rows.push({ id: newId(), task_id: taskId, team_id: input.teamId ?? null, kind: 'region', unit_id: null, target_region_id: region.id, region_path: region.path, created_at: now });
    }
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('task_targets').values(rows.slice(i, i + 200)).execute();
    await platform.audit.record(trx, ctx, { action: 'task.targets_add', entityType: 'task', entityId: taskId, detail: { after: rows.map((r) => ({ id: r.id, kind: r.kind, unitId: r.unit_id, regionId: r.target_region_id, teamId: r.team_id })) } });
    return { added: rows.length };
  });
}

async function writableTarget(db: Executor, actor: Actor, taskId: string, targetId: string) {
  await writableTask(db, actor, taskId);
  const target = await db.selectFrom('task_targets').selectAll().where('id', '=', targetId).where('task_id', '=', taskId).executeTakeFirst();
  if (!target) throw notFound();
  return target;
}

export async function assignTarget(platform: Platform, ctx: RequestContext, taskId: string, targetId: string, teamId: string | null) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const target = await writableTarget(trx, actor, taskId, targetId);
    if (teamId) {
      const team = await trx.selectFrom('task_teams').select('id').where('id', '=', teamId).where('task_id', '=', taskId).executeTakeFirst();
      if (!team) throw invalidField('teamId', 'TEAM_NOT_IN_TASK');
    }
    await trx.updateTable('task_targets').set({ team_id: teamId }).where('id', '=', targetId).execute();
    await platform.audit.record(trx, ctx, { action: 'task.target_assign', entityType: 'task', entityId: taskId, detail: { targetId, before: { teamId: target.team_id }, after: { teamId } } });
    return (await listTargets(trx, actor, taskId, { page: 1, pageSize: 1, order: 'asc', targetId })).items[0];
  });
}

export async function removeTarget(platform: Platform, ctx: RequestContext, taskId: string, targetId: string) {
  const actor = ctx.actor!;
  await platform.database.db.transaction().execute(async (trx) => {
    const target = await writableTarget(trx, actor, taskId, targetId);
    if (await trx.selectFrom('visits').select('id').where('target_id', '=', targetId).executeTakeFirst()) throw new AppError('CONFLICT', 'TARGET_HAS_VISITS');
    await trx.deleteFrom('task_targets').where('id', '=', targetId).execute();
    await platform.audit.record(trx, ctx, { action: 'task.target_remove', entityType: 'task', entityId: taskId, detail: { before: target } });
  });
}

type TargetFilters = { teamId?: string; kind?: 'unit' | 'region'; visited?: string; schools?: string; mine?: string; q?: string; targetId?: string; page: number; pageSize: number; order: 'asc' | 'desc' };

function targetsBase(db: Executor) {
  return db.selectFrom('task_targets')
    .innerJoin('regions', 'regions.id', 'task_targets.target_region_id')
    .leftJoin('units', 'units.id', 'task_targets.unit_id')
    .leftJoin('task_teams', 'task_teams.id', 'task_targets.team_id')
    .innerJoin('supervision_tasks', 'supervision_tasks.id', 'task_targets.task_id');
}

const submittedVisitsOf = sql<boolean>`exists (select 1 from visits v where v.target_id = task_targets.id and v.status = 'submitted')`;

function targetColumns(q: ReturnType<typeof targetsBase>) {
  return q.select([
    'task_targets.id', 'task_targets.task_id', 'task_targets.kind', 'task_targets.unit_id', 'task_targets.target_region_id',
    'regions.name as region_name', 'units.name as unit_name', 'units.kind as unit_kind', 'task_targets.team_id', 'task_teams.name as team_name',
    sql<number>`(select count(*) from visits v where v.target_id = task_targets.id and v.status = 'submitted')`.as('visit_count'),
    sql<string | null>`(select max(v.visit_date) from visits v where v.target_id = task_targets.id and v.status = 'submitted')`.as('last_visit'),
    sql<number>`(select count(*) from problems p where p.status = 'open' and ((task_targets.unit_id is not null and p.unit_id = task_targets.unit_id) or (task_targets.unit_id is null and p.region_id = task_targets.target_region_id)))`.as('open_problems'),
  ]);
}

function presentTarget(r: { id: string; task_id: string; kind: string; unit_id: string | null; target_region_id: string | null; region_name: string; unit_name: string | null; unit_kind: string | null; team_id: string | null; team_name: string | null; visit_count: number; last_visit: string | null; open_problems: number }) {
  return {
    id: r.id, taskId: r.task_id, kind: r.kind as 'unit' | 'region',
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '', kind: r.unit_kind ?? '' } : null,
    region: { id: r.target_region_id ?? '', name: r.region_name },
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    visitCount: Number(r.visit_count), lastVisitDate: r.last_visit, openProblems: Number(r.open_problems),
  };
}

export async function listTargets(db: Executor, actor: Actor, taskId: string, f: TargetFilters) {
  await findTaskInScope(db, actor, taskId);
  let q = targetsBase(db).where('task_targets.task_id', '=', taskId);
  if (f.targetId) q = q.where('task_targets.id', '=', f.targetId);
  if (f.teamId) q = q.where('task_targets.team_id', '=', f.teamId);
  if (f.kind) q = q.where('task_targets.kind', '=', f.kind);
  if (f.q) q = q.where((eb) => eb.or([eb('units.name', 'like', `%${f.q}%`), eb('regions.name', 'like', `%${f.q}%`)]));
  if (f.visited) q = q.where(f.visited === 'true' ? submittedVisitsOf : sql<boolean>`not ${submittedVisitsOf}`);
  if (f.schools) q = q.where('units.kind', 'in', schoolKinds);
  if (f.mine === 'true') q = q.where('task_targets.team_id', 'in', (eb) => eb.selectFrom('task_team_members').select('team_id').where('account_id', '=', actor.id).where('task_id', '=', taskId));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await targetColumns(q).orderBy('task_targets.kind', 'desc').orderBy('regions.name', f.order).orderBy('units.name', f.order).orderBy('task_targets.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(presentTarget), total: Number(total), page: f.page, pageSize: f.pageSize };
}

/** The targets assigned to the caller's teams in tasks that are recording visits: the phone's start page. */
export async function myTargets(db: Executor, actor: Actor, f: { q?: string; page: number; pageSize: number; order: 'asc' | 'desc' }) {
  let q = targetsBase(db)
    .where('task_targets.team_id', 'in', (eb) => eb.selectFrom('task_team_members').select('team_id').where('account_id', '=', actor.id))
    .where('supervision_tasks.status', 'in', ['under_way', 'reporting']);
  if (f.q) q = q.where((eb) => eb.or([eb('units.name', 'like', `%${f.q}%`), eb('regions.name', 'like', `%${f.q}%`)]));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await targetColumns(q)
    .select(['supervision_tasks.title as task_title', 'supervision_tasks.start_date', 'supervision_tasks.end_date', 'supervision_tasks.rounds'])
    .orderBy('supervision_tasks.start_date', 'desc').orderBy('regions.name', f.order).orderBy('units.name', f.order).orderBy('task_targets.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    items: rows.map((r) => ({ ...presentTarget(r), task: { id: r.task_id, title: r.task_title, startDate: r.start_date, endDate: r.end_date, rounds: r.rounds } })),
    total: Number(total), page: f.page, pageSize: f.pageSize,
  };
}
