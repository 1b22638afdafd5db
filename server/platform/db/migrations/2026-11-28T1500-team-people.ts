import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Term-expiry reminders: one row per term and stage, so several app processes remind once.
 * Supervision teams name the inspectors and experts on them by their records, not only by accounts: an expert
 * drawn from the pool may have no account at all, and a person's page lists the work they took part in.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('task_team_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('task_teams.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('inspector_id', 'text', (c) => c.references('inspectors.id'))
    .addColumn('expert_id', 'text', (c) => c.references('experts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_team_people_team_inspector', ['team_id', 'inspector_id'])
    .addUniqueConstraint('task_team_people_team_expert', ['team_id', 'expert_id'])
    .execute();
  await db.schema.createIndex('task_team_people_task').on('task_team_people').column('task_id').execute();
  await db.schema.createIndex('task_team_people_inspector').on('task_team_people').columns(['inspector_id', 'task_id']).execute();
  await db.schema.createIndex('task_team_people_expert').on('task_team_people').columns(['expert_id', 'task_id']).execute();

  await db.schema
    .createTable('term_reminder_log')
    .addColumn('term_id', 'text', (c) => c.notNull().references('inspector_terms.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('term_reminder_log_pk', ['term_id', 'stage'])
    .execute();
}
