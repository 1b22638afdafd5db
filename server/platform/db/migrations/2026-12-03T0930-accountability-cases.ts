import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Accountability cases (问责案件): the procedure of the 教育督导问责办法 from the supervision work that found
 * the failure to the decision, its publication, review (复核), appeal (申诉) and correction. Every step is a
 * row of the case's timeline; the decided measure is an accountability_measures row, so the existing lists
 * and counts see it. The reminder log keeps each deadline's reminder single across processes.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('accountability_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // The object's place: a case is scoped like its measure.
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('office_region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('office_region_path', pathColumn, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // The supervision work that found the failure: a task, a notice, a problem or a rectification item.
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('work_ended_on', 'text', (c) => c.notNull())
    // Every deadline of the procedure, computed when the step that starts it is taken (calendar days).
    .addColumn('open_due', 'text', (c) => c.notNull())
    .addColumn('statement_due', 'text')
    .addColumn('review_request_due', 'text')
    .addColumn('review_decision_due', 'text')
    .addColumn('appeal_request_due', 'text')
    .addColumn('appeal_decision_due', 'text')
    .addColumn('correction_due', 'text')
    .addColumn('facts', 'text')
    .addColumn('basis', 'text')
    .addColumn('measure_kind', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('measure_id', 'text', (c) => c.references('accountability_measures.id'))
    .addColumn('publication_scope', 'text')
    .addColumn('published_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accountability_cases_scope').on('accountability_cases').columns(['region_path', 'created_at']).execute();
  await db.schema.createIndex('accountability_cases_office').on('accountability_cases').columns(['office_region_path', 'status']).execute();
  await db.schema.createIndex('accountability_cases_status').on('accountability_cases').columns(['status']).execute();
  // Counting an object's measures over the last 12 months.
  await db.schema.createIndex('accountability_unit_decided').on('accountability_measures').columns(['unit_id', 'decided_on']).execute();

  await db.schema
    .createTable('accountability_case_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('accountability_cases.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // JSON of what the step decided beyond its text (an outcome, a measure), or null.
    .addColumn('detail', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accountability_case_steps_case').on('accountability_case_steps').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('accountability_reminder_log')
    .addColumn('case_id', 'text', (c) => c.notNull().references('accountability_cases.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('accountability_reminder_log_pk', ['case_id', 'stage'])
    .execute();
}
