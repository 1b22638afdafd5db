import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * People of supervision: inspectors with their terms, assessments, rewards and training; responsible
 * inspectors and their visits; the expert pool with reviews, draws and fees; the committee's members.
 * Every scoped table carries region_path (the "C" collation on PostgreSQL, as in the platform migration).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('inspectors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('phone', 'text')
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('employer', 'text')
    .addColumn('title', 'text')
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('qualifications', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('recommended_level', 'text')
    .addColumn('recommended_on', 'text')
    .addColumn('dismissed_on', 'text')
    .addColumn('dismissal_reason', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspectors_scope_name').on('inspectors').columns(['region_path', 'name']).execute();
  await db.schema.createIndex('inspectors_scope_level_name').on('inspectors').columns(['region_path', 'level', 'name']).execute();
  await db.schema.createIndex('inspectors_account').on('inspectors').column('account_id').execute();

  await db.schema
    .createTable('inspector_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('term_number', 'integer', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('certificate_no', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspector_terms_person').on('inspector_terms').columns(['inspector_id', 'start_date']).execute();
  await db.schema.createIndex('inspector_terms_scope_end').on('inspector_terms').columns(['region_path', 'end_date']).execute();
  await db.schema.createIndex('inspector_terms_scope_number').on('inspector_terms').columns(['region_path', 'term_number']).execute();

  await db.schema
    .createTable('inspector_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspector_assessments_person_year', ['inspector_id', 'year'])
    .execute();
  await db.schema.createIndex('inspector_assessments_scope_year').on('inspector_assessments').columns(['region_path', 'year']).execute();

  await db.schema
    .createTable('inspector_rewards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspector_rewards_person').on('inspector_rewards').columns(['inspector_id', 'date']).execute();

  await db.schema
    .createTable('inspector_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('organizer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspector_trainings_person').on('inspector_trainings').columns(['inspector_id', 'date']).execute();
  await db.schema.createIndex('inspector_trainings_scope_date').on('inspector_trainings').columns(['region_path', 'date']).execute();

  await db.schema
    .createTable('responsible_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // At most one current responsible inspector per school.
  await db.schema.createIndex('responsible_current_unit').on('responsible_assignments').column('unit_id').unique().where(sql.ref('end_date'), 'is', null).execute();
  await db.schema.createIndex('responsible_inspector').on('responsible_assignments').columns(['inspector_id', 'end_date']).execute();
  await db.schema.createIndex('responsible_scope').on('responsible_assignments').columns(['region_path', 'end_date']).execute();

  await db.schema
    .createTable('responsible_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('inspectors.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('methods', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('findings', 'text')
    .addColumn('feedback_given', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responsible_visits_unit_date').on('responsible_visits').columns(['unit_id', 'date']).execute();
  await db.schema.createIndex('responsible_visits_inspector_date').on('responsible_visits').columns(['inspector_id', 'date']).execute();
  await db.schema.createIndex('responsible_visits_scope_date').on('responsible_visits').columns(['region_path', 'date']).execute();

  await db.schema
    .createTable('experts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('phone', 'text')
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('employer_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('employer_name', 'text')
    .addColumn('title', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('remarks', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('experts_scope_name').on('experts').columns(['region_path', 'name']).execute();
  await db.schema.createIndex('experts_scope_available').on('experts').columns(['region_path', 'available', 'id']).execute();

  await db.schema
    .createTable('expert_relations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('expert_relations_pair', ['expert_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('expert_relations_unit').on('expert_relations').column('unit_id').execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('reviewed_unit_id', 'text', (c) => c.references('units.id'))
    // The supervision task this review serves, once tasks exist; free of a foreign key until then.
    .addColumn('task_id', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('fees_settled_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviews_scope_start').on('reviews').columns(['region_path', 'start_date']).execute();
  await db.schema.createIndex('reviews_task').on('reviews').column('task_id').execute();

  await db.schema
    .createTable('review_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('specialty', 'text')
    .addColumn('requested', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('exclusions', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('replaces', 'text')
    .addColumn('drawn_by', 'text')
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_draws_seq', ['review_id', 'seq'])
    .execute();

  await db.schema
    .createTable('review_experts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('draw_id', 'text', (c) => c.references('review_draws.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('half_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('travelling', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_experts_pair', ['review_id', 'expert_id'])
    .execute();
  await db.schema.createIndex('review_experts_expert').on('review_experts').columns(['expert_id', 'review_id']).execute();

  await db.schema
    .createTable('fee_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fee_rates_key', ['region_id', 'effective_from', 'period', 'role', 'locality'])
    .execute();
  await db.schema.createIndex('fee_rates_scope').on('fee_rates').columns(['region_path', 'effective_from']).execute();

  await db.schema
    .createTable('fee_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('travelling', 'integer', (c) => c.notNull())
    .addColumn('half_days', 'integer', (c) => c.notNull())
    .addColumn('gross_fen', 'integer', (c) => c.notNull())
    .addColumn('tax_fen', 'integer', (c) => c.notNull())
    .addColumn('net_fen', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fee_items_pair', ['review_id', 'expert_id'])
    .execute();
  await db.schema.createIndex('fee_items_scope_year').on('fee_items').columns(['region_path', 'year', 'paid_on']).execute();
  await db.schema.createIndex('fee_items_expert_year').on('fee_items').columns(['expert_id', 'year']).execute();

  await db.schema
    .createTable('committee_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('representative', 'text')
    .addColumn('representative_title', 'text')
    .addColumn('representative_phone', 'text')
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committee_scope_joined').on('committee_members').columns(['region_path', 'joined_on']).execute();
  await db.schema.createIndex('committee_unit').on('committee_members').columns(['unit_id', 'joined_on']).execute();
}
