import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * School-year statistics (学年统计): one row per school and school year, the figures of the national statistics
 * returns that balanced development is computed from. A year's row is corrected in place (audited) and never
 * written by another year's import. The figures are one JSON object of decimal text, so a value keeps the
 * digits it was reported with and a new item needs no new column.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('school_statistics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('school_statistics_unit_year', ['unit_id', 'school_year'])
    .execute();
  await db.schema.createIndex('school_statistics_scope').on('school_statistics').columns(['school_year', 'region_path']).execute();
}
