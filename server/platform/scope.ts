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

/** Which regions a scope may see: its subtree; a unit account sees its unit's own region. */
export function regionsScope(scope: ActorScope, alias = 'regions') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    void eb;
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'region':
        return inSubtree(`${alias}.path`, scope.regionPath);
      case 'unit':
        return sql<SqlBool>`${sql.ref(`${alias}.path`)} = ${scope.regionPath}`;
    }
  };
}

/** Which units a scope may see: those in its region subtree, or its own unit. */
export function unitsScope(scope: ActorScope, alias = 'units') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'region':
        return inSubtree(`${alias}.region_path`, scope.regionPath);
      case 'unit':
        return eb(sql.ref(`${alias}.id`), '=', scope.unitId);
    }
  };
}

/** Files follow the record they belong to; the record's region path is copied onto the file row. */
export function filesScope(scope: ActorScope, alias = 'files') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
        return never;
      case 'region':
        return inSubtree(`${alias}.region_path`, scope.regionPath);
      case 'unit':
        return eb.and([
          eb(sql.ref(`${alias}.entity_type`), '=', 'unit'),
          eb(sql.ref(`${alias}.entity_id`), '=', scope.unitId),
        ]);
    }
  };
}

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
export function regionPathScope(scope: ActorScope, column: string) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    void eb;
    switch (scope.kind) {
      case 'all':
        return always;
      case 'none':
      case 'unit':
        return never;
      case 'region':
        return inSubtree(column, scope.regionPath);
    }
  };
}

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

