import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Transaction } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** The one handle on the database; the only place that knows which engine is underneath. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** SQLite file path, for the online backup; null on PostgreSQL. */
  sqliteFile: string | null;
  /** Direct better-sqlite3 handle (backup API); null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** PostgreSQL schema in use when not the default one. */
  schema: string | null;
  /**
   * The rows a select reads, locked until the transaction ends, so concurrent changes of one record queue: FOR
   * UPDATE on PostgreSQL; SQLite needs nothing, its write transactions already run one at a time.
   */
  lockingRows<Q extends { forUpdate(): Q }>(query: Q): Q;
  close(): Promise<void>;
}

export type Executor = Kysely<DB> | Transaction<DB>;

// COUNT(*) and BIGINT come back from pg as strings unless told otherwise.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export interface DatabaseOptions {
  /** PostgreSQL schema to use as search_path (tests give each file its own). */
  schema?: string;
  poolSize?: number;
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqliteFile: null, sqlite: null, schema: options.schema ?? null, lockingRows: (query) => query.forUpdate(), close: () => db.destroy() };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL in WAL mode: an acknowledged commit survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const prepared = withPreparedStatements(sqlite);
  const dialect = new SqliteDialect({ database: prepared });
  dialect.createDriver = () => new ImmediateSqliteDriver({ database: prepared });
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: 'sqlite', sqliteFile: file, sqlite, schema: null, lockingRows: (query) => query, close: () => db.destroy() };
}

/** Statements kept per SQL text: the most recently used this many. */
const PREPARED_STATEMENTS = 500;

/**
 * Kysely prepares every query afresh; compiling the SQL took about a sixth of an audited write's time on SQLite.
 * The same few hundred query texts recur, so their compiled statements are kept and reused (queries run one at
 * a time on the one connection, so a statement is never in use twice).
 */
function withPreparedStatements(sqlite: SqliteDatabase.Database): { prepare(sql: string): SqliteDatabase.Statement; close(): void } {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE). A deferred transaction that
 * reads before it writes — every audited write does — fails at once with "database is locked" when another
 * process (the CLI, a second server) wrote in between; an immediate one waits under busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
