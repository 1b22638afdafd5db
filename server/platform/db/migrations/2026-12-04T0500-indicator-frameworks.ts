import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Indicator frameworks (指标体系): one row per version of a framework. A version's indicators (one entry per
 * node, parent by code, points in integer hundredths) and its grading rules are JSON written once; a
 * published version never changes, and a new version is a new row of the same family. Built-in frameworks
 * have no region and are read by every office.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('indicator_frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('region_path', pathColumn)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_points', 'integer', (c) => c.notNull())
    .addColumn('nodes', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('indicator_frameworks_family_version', ['family', 'version'])
    .execute();
  await db.schema.createIndex('indicator_frameworks_scope').on('indicator_frameworks').columns(['region_path', 'family']).execute();
}
