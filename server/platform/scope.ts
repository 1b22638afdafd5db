import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor, ActorScope } from './actor';
import type { DB } from './db/schema';

/**
 * The one scope layer: every read or write of scoped rows takes its filter from here.
 * Paths are '/id/id/…/' strings; a subtree is the range [path, path with its last '/' raised to '0'),
 * which both engines answer from the path index (PostgreSQL stores paths with the "C" collation).
 */
export function subtreeUpperBound(path: string): string {
  return `${path.slice(0, -1)}0`;
}

export function isInSubtree(path: string, root: string): boolean {
  return path.startsWith(root);
}

const never = sql<SqlBool>`1 = 0`;
const always = sql<SqlBool>`1 = 1`;

/** The rows whose path column lies in the subtree at `root`. */
export function inSubtree(column: string, root: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} >= ${root} and ${sql.ref(column)} < ${subtreeUpperBound(root)})`;
}

type Builder = ExpressionBuilder<DB, any>;
type UnitScope = Extract<ActorScope, { kind: 'unit' }>;

/**
 * The shape every scope rule shares: everything, nothing, a region subtree on a path column, and what a
 * unit account may see (nothing unless the table says otherwise).
 */
function byPlace(scope: ActorScope, pathColumn: string, unitRule?: (eb: Builder, scope: UnitScope) => Expression<SqlBool>) {
  return (eb: Builder): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'region':
        return inSubtree(pathColumn, scope.regionPath);
      case 'unit':
        return unitRule ? unitRule(eb, scope) : never;
    }
  };
}

/** Which regions a scope may see: its subtree; a unit account sees its unit's own region. */
export const regionsScope = (scope: ActorScope, alias = 'regions') =>
  byPlace(scope, `${alias}.path`, (_eb, s) => sql<SqlBool>`${sql.ref(`${alias}.path`)} = ${s.regionPath}`);

/** Which units a scope may see: those in its region subtree, or its own unit. */
export const unitsScope = (scope: ActorScope, alias = 'units') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) => eb(sql.ref(`${alias}.id`), '=', s.unitId));

/** Files follow the record they belong to; the record's region path is copied onto the file row. */
export const filesScope = (scope: ActorScope, alias = 'files') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) => eb.or([
    eb.and([eb(sql.ref(`${alias}.entity_type`), '=', 'unit'), eb(sql.ref(`${alias}.entity_id`), '=', s.unitId)]),
    // The steps of accountability cases against the unit: its notice, its decision, its own statement.
    eb.and([eb(sql.ref(`${alias}.entity_type`), '=', 'accountability_step'), eb(sql.ref(`${alias}.entity_id`), 'in',
      eb.selectFrom('accountability_case_steps').innerJoin('accountability_cases', 'accountability_cases.id', 'accountability_case_steps.case_id')
        .select('accountability_case_steps.id').where('accountability_cases.unit_id', '=', s.unitId))]),
  ]));

/** Accounts an office may manage: those scoped to a region or unit inside its subtree. */
export function accountsScope(scope: ActorScope) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
      case 'unit':
        return never;
      case 'region':
        return eb.or([
          eb('accounts.scope_region_id', 'in', eb.selectFrom('regions').select('regions.id').where(inSubtree('regions.path', scope.regionPath))),
          eb('accounts.scope_unit_id', 'in', eb.selectFrom('units').select('units.id').where(inSubtree('units.region_path', scope.regionPath))),
        ]);
    }
  };
}

/**
 * Records placed only by a region path (experts, reviews and their draws, fee rates and fee items,
 * committee members): the office's subtree. A unit account sees none of them.
 */
export const regionPathScope = (scope: ActorScope, column: string) => byPlace(scope, column);

export const expertsScope = (scope: ActorScope, alias = 'experts') => regionPathScope(scope, `${alias}.region_path`);
export const reviewsScope = (scope: ActorScope, alias = 'reviews') => regionPathScope(scope, `${alias}.region_path`);
export const feeRatesScope = (scope: ActorScope, alias = 'fee_rates') => regionPathScope(scope, `${alias}.region_path`);
export const feeItemsScope = (scope: ActorScope, alias = 'fee_items') => regionPathScope(scope, `${alias}.region_path`);
export const committeeScope = (scope: ActorScope, alias = 'committee_members') => regionPathScope(scope, `${alias}.region_path`);

/**
 * Inspectors belong to the office region that appointed them; an office sees its subtree. An inspector's
 * own account sees only the record linked to it. Terms, assessments, rewards and training are read through
 * their inspector.
 */
export function inspectorsScope(actor: Pick<Actor, 'id' | 'role' | 'scope'>, alias = 'inspectors') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const region = regionPathScope(actor.scope, `${alias}.region_path`)(eb);
    if (actor.role !== 'inspector') return region;
    return eb.and([region, eb(sql.ref(`${alias}.account_id`), '=', actor.id)]);
  };
}

/** Responsible-inspector assignments and visits: by the school's place; an inspector sees only their own. */
export function responsibleScope(actor: Pick<Actor, 'id' | 'role' | 'scope'>, alias: 'responsible_assignments' | 'responsible_visits') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const region = regionPathScope(actor.scope, `${alias}.region_path`)(eb);
    if (actor.role !== 'inspector') return region;
    return eb.and([region, eb(sql.ref(`${alias}.inspector_id`), 'in', eb.selectFrom('inspectors').select('inspectors.id').where('inspectors.account_id', '=', actor.id))]);
  };
}

/** Does a scope cover a region path (for writes that place a row somewhere)? */
export function scopeCoversPath(scope: ActorScope, path: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
    case 'unit':
      return false;
    case 'region':
      return isInSubtree(path, scope.regionPath);
  }
}

/**
 * Supervision work has two ways in. An office (and a leader) sees the work placed in its region subtree;
 * anyone on one of a task's teams sees that task and what hangs off it, whatever their own region. An
 * inspector or expert sees supervision work only through their team assignments.
 */
type SupervisionActor = Pick<Actor, 'id' | 'role' | 'scope'>;
const assignedOnly = (actor: SupervisionActor) => actor.role === 'inspector' || actor.role === 'expert';

/** The tasks an account is a team member of (indexed by account, then task). */
export function memberTaskIds(eb: ExpressionBuilder<DB, any>, accountId: string) {
  return eb.selectFrom('task_team_members').select('task_team_members.task_id').where('task_team_members.account_id', '=', accountId);
}

/** The units that are targets of an account's tasks: a team arrives knowing their history. */
function memberTargetUnitIds(eb: ExpressionBuilder<DB, any>, accountId: string) {
  return eb.selectFrom('task_targets').select('task_targets.unit_id').where('task_targets.task_id', 'in', memberTaskIds(eb, accountId));
}

type Condition = (eb: ExpressionBuilder<DB, any>) => Expression<SqlBool>;

/** The separate ways into supervision work: the place (for an office), the teams' tasks, the teams' targets. */
function supervisionWays(actor: SupervisionActor, pathColumn: string, taskIdColumn: string, unitIdColumn?: string): Condition[] {
  const ways: Condition[] = [];
  if (!assignedOnly(actor)) ways.push(regionPathScope(actor.scope, pathColumn));
  ways.push((eb) => eb(sql.ref(taskIdColumn), 'in', memberTaskIds(eb, actor.id)));
  if (unitIdColumn) ways.push((eb) => eb(sql.ref(unitIdColumn), 'in', memberTargetUnitIds(eb, actor.id)));
  return ways;
}

function supervisionScope(actor: SupervisionActor, pathColumn: string, taskIdColumn: string, unitIdColumn?: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => eb.or(supervisionWays(actor, pathColumn, taskIdColumn, unitIdColumn).map((way) => way(eb)));
}

/**
 * A scope that is an OR of ways, cut into disjoint parts: each way without the rows of the ways before it.
 * The parts' counts add up to the scope's count, and each part is read from its own index (the place's range,
 * the tasks, the units), where one OR makes the database walk every row the filters leave (SPEC §3: a county
 * counting its open problems among 200,000).
 */
function disjointParts(ways: Condition[]): Condition[] {
  // A NULL task or unit makes `x in (…)` unknown, and its NOT unknown too: such rows are outside that way.
  const outside = (eb: ExpressionBuilder<DB, any>, way: Condition) => eb.not(sql<SqlBool>`coalesce(${way(eb)}, false)`);
  return ways.map((way, i) => (eb) => (i === 0 ? way(eb) : eb.and([way(eb), ...ways.slice(0, i).map((earlier) => outside(eb, earlier))])));
}

/** Plans: the office's subtree, or the plans holding a task the account is a team member of. */
export function plansScope(actor: SupervisionActor, alias = 'supervision_plans') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const member = eb(sql.ref(`${alias}.id`), 'in', eb.selectFrom('supervision_tasks').select('supervision_tasks.plan_id').where('supervision_tasks.id', 'in', memberTaskIds(eb, actor.id)));
    return assignedOnly(actor) ? member : eb.or([regionPathScope(actor.scope, `${alias}.region_path`)(eb), member]);
  };
}

export const tasksScope = (actor: SupervisionActor, alias = 'supervision_tasks') => supervisionScope(actor, `${alias}.region_path`, `${alias}.id`);

/** Visits: through their task's place and teams, and the earlier visits to a team's targets. */
export const visitsScope = (actor: SupervisionActor, alias = 'visits') => supervisionScope(actor, `${alias}.region_path`, `${alias}.task_id`, `${alias}.unit_id`);

/**
 * Problems and recommendations: the office's subtree, the task teams that found them, or those at a team's
 * targets; a unit account sees those addressed to its own unit.
 */
function addressedScope(actor: SupervisionActor, alias: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (actor.scope.kind === 'unit') return eb(sql.ref(`${alias}.unit_id`), '=', actor.scope.unitId);
    return supervisionScope(actor, `${alias}.region_path`, `${alias}.task_id`, `${alias}.unit_id`)(eb);
  };
}
export const problemsScope = (actor: SupervisionActor, alias = 'problems') => addressedScope(actor, alias);

/** `problemsScope` as disjoint parts whose counts add up to its count (see `disjointParts`). */
export function problemsScopeParts(actor: SupervisionActor, alias = 'problems'): Condition[] {
  if (actor.scope.kind === 'unit') return [problemsScope(actor, alias)];
  return disjointParts(supervisionWays(actor, `${alias}.region_path`, `${alias}.task_id`, `${alias}.unit_id`));
}
export const recommendationsScope = (actor: SupervisionActor, alias = 'recommendations') => addressedScope(actor, alias);

/** Checklist templates: the built-in ones (no region) for everyone, and those of offices above or in the subtree. */
export function checklistsScope(scope: ActorScope, alias = 'checklist_templates') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const builtIn = eb(sql.ref(`${alias}.region_path`), 'is', null);
    if (scope.kind === 'all') return always;
    if (scope.kind !== 'region') return scope.kind === 'none' ? never : builtIn;
    const above = sql<SqlBool>`${scope.regionPath} like ${sql.ref(`${alias}.region_path`)} || '%'`;
    return eb.or([builtIn, inSubtree(`${alias}.region_path`, scope.regionPath), above]);
  };
}

/** Notice types: the national ones for everyone, and those added by offices above or inside the subtree. */
export function noticeTypesScope(scope: ActorScope, alias = 'notice_types') {
  return checklistsScope(scope, alias);
}

/** The states in which a notice has reached its recipients. */
export const deliveredNoticeStatuses = ['issued', 'closed', 'withdrawn'] as const;

/**
 * Notices have two sides. The issuing office's subtree sees them from the first draft; a recipient sees
 * them once issued: a unit account the notices addressed to its unit, an office those addressed to units
 * in its subtree.
 */
export function noticesScope(scope: ActorScope, alias = 'notices') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const delivered = eb(sql.ref(`${alias}.status`), 'in', [...deliveredNoticeStatuses]);
    const addressedTo = (where: (q: ExpressionBuilder<DB, 'notice_recipients'>) => Expression<SqlBool>) =>
      eb(sql.ref(`${alias}.id`), 'in', eb.selectFrom('notice_recipients').select('notice_recipients.notice_id').where(where));
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'unit':
        return eb.and([delivered, addressedTo((q) => q('notice_recipients.unit_id', '=', scope.unitId))]);
      case 'region':
        return eb.or([
          inSubtree(`${alias}.region_path`, scope.regionPath),
          eb.and([delivered, addressedTo(() => inSubtree('notice_recipients.region_path', scope.regionPath))]),
        ]);
    }
  };
}

/** Rectification items: the owner unit's account, the offices above the owner, and the supervising office. */
export function rectificationsScope(scope: ActorScope, alias = 'rectifications') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'unit':
        return eb(sql.ref(`${alias}.unit_id`), '=', scope.unitId);
      case 'region':
        return eb.or([inSubtree(`${alias}.region_path`, scope.regionPath), inSubtree(`${alias}.office_region_path`, scope.regionPath)]);
    }
  };
}

/**
 * Who answers for a unit addressed by an office (acknowledges, replies, reports rectification): the unit's
 * own account, or an office strictly below the addressing office whose subtree holds the unit — a county
 * office for its county's government and schools when the city writes. Never the addressing office itself.
 */
export function answersForUnit(scope: ActorScope, unit: { id: string; regionPath: string }, officeRegionPath: string): boolean {
  switch (scope.kind) {
    case 'unit':
      return scope.unitId === unit.id;
    case 'region':
      return isInSubtree(unit.regionPath, scope.regionPath) && isInSubtree(scope.regionPath, officeRegionPath) && scope.regionPath !== officeRegionPath;
    default:
      return false;
  }
}

/**
 * Accountability measures and cases, filings and clear-to-zero lists: placed by a region path, seen by the
 * office's subtree. A unit account sees the measures and cases against its own unit, the filings of notices addressed to it and
 * the clear-to-zero lists holding one of its problems.
 */
export const accountabilityScope = (scope: ActorScope, alias = 'accountability_measures') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) => eb(sql.ref(`${alias}.unit_id`), '=', s.unitId));
export const accountabilityCasesScope = (scope: ActorScope, alias = 'accountability_cases') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) => eb(sql.ref(`${alias}.unit_id`), '=', s.unitId));
export const filingsScope = (scope: ActorScope, alias = 'filings') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) =>
    eb(sql.ref(`${alias}.notice_id`), 'in', eb.selectFrom('notice_recipients').select('notice_recipients.notice_id').where('notice_recipients.unit_id', '=', s.unitId)));
export const clearanceListsScope = (scope: ActorScope, alias = 'clearance_lists') =>
  byPlace(scope, `${alias}.region_path`, (eb, s) =>
    eb(sql.ref(`${alias}.id`), 'in', eb.selectFrom('clearance_list_problems').innerJoin('problems', 'problems.id', 'clearance_list_problems.problem_id')
      .select('clearance_list_problems.list_id').where('problems.unit_id', '=', s.unitId)));

/** An office strictly below `officePathColumn`: the SQL form of the second half of `answersForUnit`. */
function strictlyBelow(officePathColumn: string, regionPath: string): Expression<SqlBool> {
  return sql<SqlBool>`(${regionPath} like ${sql.ref(officePathColumn)} || '%' and ${sql.ref(officePathColumn)} <> ${regionPath})`;
}

/** Recipient rows (joined with their notice) the caller answers for — `answersForUnit` as a filter. */
export function noticesAnsweredBy(scope: ActorScope, recipientAlias = 'notice_recipients', noticeAlias = 'notices') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (scope.kind === 'unit') return eb(sql.ref(`${recipientAlias}.unit_id`), '=', scope.unitId);
    if (scope.kind !== 'region') return never;
    return eb.and([inSubtree(`${recipientAlias}.region_path`, scope.regionPath), strictlyBelow(`${noticeAlias}.region_path`, scope.regionPath)]);
  };
}

/** Rectification items the caller reports on as their owner — `answersForUnit` as a filter. */
export function rectificationsOwnedBy(scope: ActorScope, alias = 'rectifications') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (scope.kind === 'unit') return eb(sql.ref(`${alias}.unit_id`), '=', scope.unitId);
    if (scope.kind !== 'region') return never;
    return eb.and([inSubtree(`${alias}.region_path`, scope.regionPath), strictlyBelow(`${alias}.office_region_path`, scope.regionPath)]);
  };
}

/** The supervising office itself (not the offices above it) verifies, signs off and decides extensions. */
export function isSupervisingOffice(scope: ActorScope, officeRegionPath: string): boolean {
  return scope.kind === 'region' && scope.regionPath === officeRegionPath;
}

/** The office one level above `officeRegionPath`, where an appeal against that office's decision goes. */
export function isParentOffice(scope: ActorScope, officeRegionPath: string): boolean {
  return scope.kind === 'region' && scope.regionPath === officeRegionPath.replace(/[^/]+\/$/, '');
}

/** Rectification items the caller supervises — `isSupervisingOffice` as a filter. */
export function rectificationsSupervisedBy(scope: ActorScope, alias = 'rectifications') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> =>
    scope.kind === 'region' ? eb(sql.ref(`${alias}.office_region_path`), '=', scope.regionPath) : never;
}
