import type { Kysely } from 'kysely';

/**
 * A register's count is read part by part (scope.ts `problemsScopeParts`); the part of an office's teams'
 * tasks needs an index holding only problems that have a task. Most have none, and over the whole column the
 * planner sees one huge NULL group and walks the status index instead (19 ms instead of 0.2 ms at 200,000).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('problems_task_status').on('problems').columns(['task_id', 'status']).where('task_id', 'is not', null).execute();
}
