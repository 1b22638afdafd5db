import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor';
import type { DB } from './db/schema';
import type { Permission } from './permissions';
import { inSubtree, isInSubtree } from './scope';

/**
 * A module's access rules (`<module>.policy.ts`). Each rule is one object with both halves — `filter` for
 * queries and `can` for a row already loaded — so that what a list shows and what a detail or a write allows
 * cannot drift apart. platform/scope.ts keeps the path primitives these rules are written in.
 */
export type PolicyActor = Pick<Actor, 'id' | 'role' | 'scope' | 'permissions'>;
export type Condition = (eb: ExpressionBuilder<DB, any>) => Expression<SqlBool>;

export interface AccessRule<Row> {
  /** The rows of the table at `alias` this actor passes, as a condition for a query's where. */
  filter(actor: PolicyActor, alias: string): Condition;
  /** Whether this actor passes for a loaded row. */
  can(actor: PolicyActor, row: Row): boolean;
}

export const always: Condition = () => sql<SqlBool>`1 = 1`;
export const never: Condition = () => sql<SqlBool>`1 = 0`;

/** What a row a rule is placed by must carry: the region path copied onto it. */
export interface Placed {
  regionPath: string;
}

/**
 * The office's write rule, written once: the permission, an office account (region scope), and the row
 * placed inside its subtree. A unit account, a deployment-wide account and a neighbouring county never pass.
 */
export function officeWrites<Row extends Placed>(permission: Permission, pathColumn = 'region_path'): AccessRule<Row> {
  return {
    filter: (actor, alias) => (actor.permissions.has(permission) && actor.scope.kind === 'region' ? inSubtreeOf(`${alias}.${pathColumn}`, actor.scope.regionPath) : never),
    can: (actor, row) => actor.permissions.has(permission) && actor.scope.kind === 'region' && isInSubtree(row.regionPath, actor.scope.regionPath),
  };
}

/**
 * The office's read rule for rows placed only by a region path: everything for a deployment-wide view,
 * the subtree for an office, nothing for a unit account or an account without a place.
 */
export function placedReads<Row extends Placed>(permission: Permission, pathColumn = 'region_path'): AccessRule<Row> {
  return {
    filter: (actor, alias) => {
      if (!actor.permissions.has(permission)) return never;
      if (actor.scope.kind === 'all') return always;
      return actor.scope.kind === 'region' ? inSubtreeOf(`${alias}.${pathColumn}`, actor.scope.regionPath) : never;
    },
    can: (actor, row) => actor.permissions.has(permission)
      && (actor.scope.kind === 'all' || (actor.scope.kind === 'region' && isInSubtree(row.regionPath, actor.scope.regionPath))),
  };
}

/** Either rule passes: a second way into a row (a team member, the unit a record is addressed to). */
export function anyOf<Row>(...rules: AccessRule<Row>[]): AccessRule<Row> {
  return {
    filter: (actor, alias) => (eb) => eb.or(rules.map((rule) => rule.filter(actor, alias)(eb))),
    can: (actor, row) => rules.some((rule) => rule.can(actor, row)),
  };
}

/** Both rules pass: a state a write needs on top of the place (a draft may be edited, a submitted one not). */
export function allOf<Row>(...rules: AccessRule<Row>[]): AccessRule<Row> {
  return {
    filter: (actor, alias) => (eb) => eb.and(rules.map((rule) => rule.filter(actor, alias)(eb))),
    can: (actor, row) => rules.every((rule) => rule.can(actor, row)),
  };
}

/**
 * What a presenter attaches to every row, list and detail alike: `abilities.<action>` from the policy's
 * rules, so the web app shows a button exactly when the server would accept the call.
 */
export function abilitiesOf<Row, Action extends string>(rules: Record<Action, AccessRule<Row>>, actor: PolicyActor, row: Row): Record<Action, boolean> {
  const abilities = {} as Record<Action, boolean>;
  for (const action of Object.keys(rules) as Action[]) abilities[action] = rules[action].can(actor, row);
  return abilities;
}

function inSubtreeOf(column: string, root: string): Condition {
  return () => inSubtree(column, root);
}
