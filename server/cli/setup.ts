import { sql } from 'kysely';
import type { Database } from '../platform/db/database';
import type { Platform } from '../platform/platform';
import { migrateToLatest } from '../platform/db/migrate';
import { seedDemo, type SeedProgress } from '../seed/demo';
import { ensureStarterTemplates } from '../modules/checklists/starter-templates';
import { ensureStarterFramework } from '../modules/indicators/starter-framework';
import { CliError } from './errors';

/** Run the migrations not yet applied and lay down the built-in checklist templates and indicator framework; returns the migrations' names, in order. */
export async function migrateDatabase(database: Database): Promise<string[]> {
  const { results = [] } = await migrateToLatest(database);
  await ensureStarterTemplates(database.db, new Date().toISOString());
  await ensureStarterFramework(database.db, new Date().toISOString());
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function seedDatabase(platform: Platform, onProgress?: SeedProgress): Promise<{ migrated: string[]; seeded: boolean }> {
  const migrated = await migrateDatabase(platform.database);
  const { seeded } = await seedDemo(platform, onProgress);
  return { migrated, seeded };
}

/** Tables in the database (SQLite) or in the schema in use (PostgreSQL). */
export async function countTables(database: Database): Promise<number> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`
      : sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`;
  const { rows } = await query.execute(database.db);
  return Number(rows[0].n);
}

export async function requireTables(database: Database): Promise<void> {
  if ((await countTables(database)) === 0) {
    throw new CliError('数据库还没有表，请先运行 migrate 或 seed The database has no tables yet: run migrate or seed first');
  }
}
