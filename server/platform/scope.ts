import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ActorScope } from './actor';
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
