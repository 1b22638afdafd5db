import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Public complaints (群众举报): the category dictionary, the complaints held by one office at a time, their
 * timeline and the problems they were triaged into. A complaint keeps only the SHA-256 of its tracking code,
 * and the complainant's name and phone only as AES-256-GCM ciphertext. The proof-of-work nonce a filing spent
 * is unique, so one solved challenge files once, whichever process receives it.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('complaint_categories')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const seeded: [string, string, string][] = [
    ['fees', '乱收费', 'Illegal fees'], ['tutoring', '违规补课/培训', 'Illegal extra classes or training'], ['ethics', '师德师风', 'Teacher conduct'],
    ['safety', '校园安全', 'Campus safety'], ['canteen', '食堂/食品安全', 'Canteen and food safety'], ['admission', '招生入学', 'Admission and enrolment'],
    ['burden', '减负', 'Student workload'], ['other', '其他', 'Other'],
  ];
  await db.insertInto('complaint_categories').values(seeded.map(([key, name_zh, name_en], i) => ({ key, name_zh, name_en, sort: i + 1, active: 1 }))).execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('challenge_nonce', 'text', (c) => c.unique())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_text', 'text')
    .addColumn('category', 'text', (c) => c.notNull().references('complaint_categories.key'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text')
    .addColumn('privacy', 'text', (c) => c.notNull())
    .addColumn('name_cipher', 'text')
    .addColumn('phone_cipher', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('acknowledge_due', 'text', (c) => c.notNull())
    .addColumn('handle_due', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('satisfaction', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_inbox').on('complaints').columns(['region_path', 'status', 'created_at']).execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('public_text', 'text')
    .addColumn('internal_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_events_of').on('complaint_events').columns(['complaint_id', 'created_at']).execute();

  await db.schema
    .createTable('complaint_problems')
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addPrimaryKeyConstraint('complaint_problems_pk', ['complaint_id', 'problem_id'])
    .execute();
}
