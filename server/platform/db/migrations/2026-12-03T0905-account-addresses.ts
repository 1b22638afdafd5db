import type { Kysely } from 'kysely';

/** The addresses each account has signed in from, so a sign-in from a new one can be told to its owner. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_addresses')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_addresses_pk', ['account_id', 'ip'])
    .execute();
}
