import type { Kysely } from 'kysely';

/**
 * The register's common list — one status, soonest deadline first — read in index order: the place and the
 * team columns ride along in the index, so the scope is checked without reading the rows, and a page is
 * found after a short walk however large the register (SPEC §3: 200,000 problems).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('problems_status_deadline_scope').on('problems').columns(['status', 'deadline', 'region_path', 'task_id', 'unit_id']).execute();
}
