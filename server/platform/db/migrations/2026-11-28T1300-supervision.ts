import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Supervision work: plans, tasks with their teams, members and targets; checklist templates (immutable
 * versions); field visits with answers and evidence; the problem register with its area dictionary, and
 * recommendations. Every scoped table carries region_path ("C" collation on PostgreSQL).
 * Problems carry no rectification columns: rectification will reference problems by id.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('supervision_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_plans_scope_year').on('supervision_plans').columns(['region_path', 'year']).execute();

  await db.schema
    .createTable('supervision_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('supervision_plans.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('checklist_template_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_tasks_scope_start').on('supervision_tasks').columns(['region_path', 'start_date']).execute();
  await db.schema.createIndex('supervision_tasks_scope_status_start').on('supervision_tasks').columns(['region_path', 'status', 'start_date']).execute();
  await db.schema.createIndex('supervision_tasks_plan').on('supervision_tasks').columns(['plan_id', 'start_date']).execute();

  await db.schema
    .createTable('task_teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_teams_task_name', ['task_id', 'name'])
    .execute();

  await db.schema
    .createTable('task_team_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('task_teams.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_team_members_team_account', ['team_id', 'account_id'])
    .execute();
  // The scope rule's second way in: "tasks this account is a member of".
  await db.schema.createIndex('task_team_members_account_task').on('task_team_members').columns(['account_id', 'task_id']).execute();
  await db.schema.createIndex('task_team_members_task').on('task_team_members').column('task_id').execute();

  await db.schema
    .createTable('task_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('team_id', 'text', (c) => c.references('task_teams.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('target_region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_targets_task_team').on('task_targets').columns(['task_id', 'team_id']).execute();
  await db.schema.createIndex('task_targets_task_unit').on('task_targets').columns(['task_id', 'unit_id']).unique().execute();
  await db.schema.createIndex('task_targets_task_region').on('task_targets').columns(['task_id', 'target_region_id']).execute();
  await db.schema.createIndex('task_targets_unit').on('task_targets').column('unit_id').execute();

  await db.schema
    .createTable('checklist_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    // Null: a built-in template every office may use.
    .addColumn('region_path', pathColumn)
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('checklist_templates_code_version', ['code', 'version'])
    .execute();
  await db.schema.createIndex('checklist_templates_scope').on('checklist_templates').columns(['region_path', 'superseded']).execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('task_targets.id'))
    .addColumn('team_id', 'text', (c) => c.references('task_teams.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('target_region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checklist_template_id', 'text', (c) => c.references('checklist_templates.id'))
    .addColumn('activities', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('meetings_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interviewed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_task_date').on('visits').columns(['task_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_target_date').on('visits').columns(['target_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_unit_date').on('visits').columns(['unit_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_scope_date').on('visits').columns(['region_path', 'visit_date']).execute();

  await db.schema
    .createTable('visit_answers')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('failing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('visit_answers_pk', ['visit_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('visit_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('item_key', 'text')
    // The client's key for this upload, so a retried upload is stored once.
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'text')
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visit_evidence_client_key', ['visit_id', 'client_key'])
    .execute();

  await db.schema
    .createTable('problem_areas')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const areas: [string, string, string][] = [
    ['leadership', '党的领导与立德树人', 'Party leadership and moral education'],
    ['investment', '教育投入与条件保障', 'Funding and provision'],
    ['preschool', '学前教育普及普惠', 'Pre-school education'],
    ['compulsory', '义务教育均衡与控辍保学', 'Compulsory education and retention'],
    ['teachers', '教师队伍建设与待遇', 'Teachers and their pay'],
    ['safety', '校园安全与食品卫生', 'School safety and food hygiene'],
    ['conduct', '规范办学与校外培训治理', 'School conduct and off-campus training'],
  ];
  await db.insertInto('problem_areas').values(areas.map(([key, zh, en], i) => ({ key, name_zh: zh, name_en: en, sort: i + 1, active: 1 }))).execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull().references('problem_areas.key'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('task_id', 'text', (c) => c.references('supervision_tasks.id'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id'))
    .addColumn('item_key', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('found_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('recurrence_key', 'text', (c) => c.notNull())
    .addColumn('recurring_of_id', 'text', (c) => c.references('problems.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problems_scope_status_deadline').on('problems').columns(['region_path', 'status', 'deadline']).execute();
  await db.schema.createIndex('problems_scope_area_found').on('problems').columns(['region_path', 'area', 'found_on']).execute();
  await db.schema.createIndex('problems_scope_found').on('problems').columns(['region_path', 'found_on']).execute();
  await db.schema.createIndex('problems_unit_status_deadline').on('problems').columns(['unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('problems_unit_recurrence').on('problems').columns(['unit_id', 'recurrence_key', 'found_on']).execute();
  await db.schema.createIndex('problems_task_area').on('problems').columns(['task_id', 'area']).execute();
  await db.schema.createIndex('problems_visit_item').on('problems').columns(['visit_id', 'item_key']).execute();

  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area', 'text', (c) => c.notNull().references('problem_areas.key'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('task_id', 'text', (c) => c.references('supervision_tasks.id'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recommendations_scope_date').on('recommendations').columns(['region_path', 'proposed_on']).execute();
  await db.schema.createIndex('recommendations_unit').on('recommendations').columns(['unit_id', 'proposed_on']).execute();
  await db.schema.createIndex('recommendations_task').on('recommendations').columns(['task_id', 'area']).execute();
}
