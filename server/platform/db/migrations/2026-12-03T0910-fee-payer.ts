import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * A fee line names the office that paid it (the settling office's region), because one person's fees from one
 * payer within a month are one income for withholding, whatever region each review is about. Lines settled
 * before this knew only the review's region, which was then taken as the payer, so they keep that.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema.alterTable('fee_items').addColumn('payer_path', pathColumn).execute();
  await db.updateTable('fee_items').set({ payer_path: sql.ref('region_path') }).execute();
  await db.schema.createIndex('fee_items_payer_month').on('fee_items').columns(['expert_id', 'payer_path', 'paid_on']).execute();
}
