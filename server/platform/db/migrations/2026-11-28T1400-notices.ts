import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Notices (督办文书) and the rectification loop: the notice-type dictionary, document-number counters,
 * notices with recipients, items and replies; rectification items with their timeline and extension
 * requests; in-app notifications and the reminder log that keeps reminders single across processes;
 * accountability measures, filings and clear-to-zero lists. Problems gain the status 'rectifying'.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  // Where reminders are mailed when SMTP is configured.
  await db.schema.alterTable('accounts').addColumn('email', 'text').execute();

  await db.schema
    .createTable('notice_types')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // Null: a national type every office uses; otherwise the office (and those below) that added it.
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('region_path', pathColumn)
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  const types: [string, string, string][] = [
    ['supervision_notice', '督办通知', 'Supervision notice'],
    ['supervision_letter', '督办函', 'Supervision letter'],
    ['work_reminder', '工作提示函', 'Work reminder'],
    ['warning', '预警通知', 'Warning notice'],
    ['urgent', '紧急通知', 'Urgent notice'],
    ['feedback', '反馈意见', 'Feedback'],
    ['bulletin', '通报', 'Bulletin'],
    ['interview', '约谈通知', 'Interview notice'],
  ];
  await db.insertInto('notice_types')
    .values(types.map(([key, zh, en], i) => ({ key, name_zh: zh, name_en: en, region_id: null, region_path: null, sort: i + 1, active: 1, created_at: now })))
    .execute();

  // The pattern of an office's document numbers per type, e.g. 巴市教督办〔{year}〕{n}号.
  await db.schema
    .createTable('document_number_patterns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('type_key', 'text', (c) => c.notNull().references('notice_types.key'))
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_number_patterns_region_type', ['region_id', 'type_key'])
    .execute();

  // The last number issued per office, type and year; incremented inside the issuing transaction.
  await db.schema
    .createTable('document_counters')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('type_key', 'text', (c) => c.notNull().references('notice_types.key'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['region_id', 'type_key', 'year'])
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The issuing office's region.
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('type_key', 'text', (c) => c.notNull().references('notice_types.key'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('supervision_tasks.id'))
    // A bulletin or interview notice generated from the overdue list names where it came from.
    .addColumn('escalated_from', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('doc_year', 'integer')
    .addColumn('doc_seq', 'integer')
    .addColumn('printed_by', 'text')
    .addColumn('drafted_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('approved_at', 'text')
    .addColumn('approval_note', 'text')
    .addColumn('issued_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('issued_at', 'text')
    .addColumn('issue_date', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_scope_status_updated').on('notices').columns(['region_path', 'status', 'updated_at']).execute();
  await db.schema.createIndex('notices_scope_type_year').on('notices').columns(['region_path', 'type_key', 'doc_year']).execute();
  await db.schema.createIndex('notices_task').on('notices').column('task_id').execute();
  // A number once issued belongs to one notice for ever, withdrawn or not.
  await db.schema.createIndex('notices_doc_number').on('notices').columns(['region_id', 'type_key', 'doc_year', 'doc_seq']).unique().execute();

  await db.schema
    .createTable('notice_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // The recipient unit's region path: the scope of the recipients' side.
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('acknowledged_by_name', 'text')
    .addColumn('replied_at', 'text')
    .addUniqueConstraint('notice_recipients_notice_unit', ['notice_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('notice_recipients_unit').on('notice_recipients').columns(['unit_id', 'notice_id']).execute();
  await db.schema.createIndex('notice_recipients_scope').on('notice_recipients').columns(['region_path', 'notice_id']).execute();

  await db.schema
    .createTable('notice_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('demand', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    // JSON array of unit ids among the main recipients; null: every main recipient.
    .addColumn('unit_ids', 'text')
    .addUniqueConstraint('notice_items_notice_seq', ['notice_id', 'seq'])
    .execute();

  await db.schema
    .createTable('notice_item_problems')
    .addColumn('item_id', 'text', (c) => c.notNull().references('notice_items.id'))
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addPrimaryKeyConstraint('notice_item_problems_pk', ['item_id', 'problem_id'])
    .execute();
  await db.schema.createIndex('notice_item_problems_problem').on('notice_item_problems').column('problem_id').execute();

  await db.schema
    .createTable('notice_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('notice_recipients.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('replied_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('replied_by_name', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_replies_notice').on('notice_replies').columns(['notice_id', 'replied_at']).execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.references('notices.id'))
    .addColumn('notice_item_id', 'text', (c) => c.references('notice_items.id'))
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('task_id', 'text', (c) => c.references('supervision_tasks.id'))
    // The owner: the unit that rectifies, and its region path (the scope of the owner's side).
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    // The supervising office that verifies and signs off.
    .addColumn('office_region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('office_region_path', pathColumn, (c) => c.notNull())
    .addColumn('demand', 'text', (c) => c.notNull())
    .addColumn('responsible_person', 'text')
    .addColumn('measures', 'text')
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('original_deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grade', 'text')
    .addColumn('first_submitted_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('sent_back_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('verification_method', 'text')
    .addColumn('verification_visit_id', 'text', (c) => c.references('visits.id'))
    .addColumn('verification_note', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_scope_status_deadline').on('rectifications').columns(['region_path', 'status', 'deadline']).execute();
  await db.schema.createIndex('rectifications_office_status_deadline').on('rectifications').columns(['office_region_path', 'status', 'deadline']).execute();
  await db.schema.createIndex('rectifications_unit_status_deadline').on('rectifications').columns(['unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('rectifications_status_deadline').on('rectifications').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('rectifications_notice').on('rectifications').columns(['notice_id', 'unit_id']).execute();
  await db.schema.createIndex('rectifications_problem').on('rectifications').column('problem_id').execute();
  await db.schema.createIndex('rectifications_task').on('rectifications').column('task_id').execute();
  await db.schema.createIndex('rectifications_created').on('rectifications').columns(['created_at', 'id']).execute();

  // Problems a rectification answers for (a notice item's linked problems at its unit, or the one problem).
  await db.schema
    .createTable('rectification_problems')
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addPrimaryKeyConstraint('rectification_problems_pk', ['rectification_id', 'problem_id'])
    .execute();
  await db.schema.createIndex('rectification_problems_problem').on('rectification_problems').column('problem_id').execute();

  // The timeline: every transition, progress report, grade and decision, with who, when and why.
  await db.schema
    .createTable('rectification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('text', 'text')
    .addColumn('percent', 'integer')
    .addColumn('grade', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_events_item_at').on('rectification_events').columns(['rectification_id', 'at']).execute();

  await db.schema
    .createTable('rectification_extensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('current_deadline', 'text', (c) => c.notNull())
    .addColumn('requested_deadline', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('rectification_extensions_item').on('rectification_extensions').columns(['rectification_id', 'status']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_account_created').on('notifications').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_account_unread').on('notifications').columns(['account_id', 'read_at']).execute();

  // One row per reminder that went out: the unique key makes a second process's insert a no-op.
  await db.schema
    .createTable('reminder_log')
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_log_pk', ['rectification_id', 'stage'])
    .execute();

  // Mail waiting for (or sent over) SMTP; a row is claimed by one process before it is sent.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    // When a process claimed it: a claim left behind by a crashed process is taken back after a while.
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_status_created').on('mail_outbox').columns(['status', 'created_at']).execute();

  // Accountability measures (问责) an office records against a unit.
  await db.schema
    .createTable('accountability_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('office_region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('office_region_path', pathColumn, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.references('notices.id'))
    .addColumn('rectification_id', 'text', (c) => c.references('rectifications.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accountability_scope_decided').on('accountability_measures').columns(['region_path', 'decided_on']).execute();
  await db.schema.createIndex('accountability_office_decided').on('accountability_measures').columns(['office_region_path', 'decided_on']).execute();

  // Filing (备案) of a notice's rectification report with another office.
  await db.schema
    .createTable('filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('filed_with', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('reference_no', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filings_notice').on('filings').column('notice_id').execute();
  await db.schema.createIndex('filings_scope_filed').on('filings').columns(['region_path', 'filed_on']).execute();

  // Clear-to-zero lists (清零销号): a chosen set of problems followed until each is verified.
  await db.schema
    .createTable('clearance_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_lists_scope').on('clearance_lists').columns(['region_path', 'created_at']).execute();
  await db.schema
    .createTable('clearance_list_problems')
    .addColumn('list_id', 'text', (c) => c.notNull().references('clearance_lists.id'))
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('clearance_list_problems_pk', ['list_id', 'problem_id'])
    .execute();
}
