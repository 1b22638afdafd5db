import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  /** Where the web app opens it, e.g. /rectifications/<id>. */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

/** In-app notifications for accounts, written inside the caller's transaction so they exist only if the change does. */
export async function notifyAccounts(trx: Executor, platform: Platform, accountIds: readonly string[], n: NotificationInput): Promise<number> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return 0;
  const at = platform.clock.now().toISOString();
  await trx.insertInto('notifications').values(unique.map((accountId) => ({
    id: newId(), account_id: accountId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null,
    entity_type: n.entityType ?? null, entity_id: n.entityId ?? null, created_at: at, read_at: null,
  }))).execute();
  return unique.length;
}

/**
 * The active accounts that answer for a unit addressed by an office (`answersForUnit` from the accounts'
 * side): the unit's own accounts, and office staff strictly below the office whose region holds the unit.
 */
export async function accountsAnsweringFor(db: Executor, unit: { id: string; regionPath: string }, officeRegionPath: string): Promise<string[]> {
  const unitAccounts = await db.selectFrom('accounts').select('id').where('active', '=', 1).where('scope_unit_id', '=', unit.id).execute();
  const offices = await db.selectFrom('accounts').innerJoin('regions', 'regions.id', 'accounts.scope_region_id').select('accounts.id')
    .where('accounts.active', '=', 1).where('accounts.role', '=', 'office_staff')
    .where(sql<boolean>`${unit.regionPath} like regions.path || '%'`)
    .where(sql<boolean>`regions.path like ${officeRegionPath} || '%'`)
    .where('regions.path', '<>', officeRegionPath)
    .execute();
  return [...unitAccounts, ...offices].map((a) => a.id);
}

/** The staff of the supervising office itself (`isSupervisingOffice` from the accounts' side). */
export async function accountsOfOffice(db: Executor, officeRegionPath: string): Promise<string[]> {
  const rows = await db.selectFrom('accounts').innerJoin('regions', 'regions.id', 'accounts.scope_region_id').select('accounts.id')
    .where('accounts.active', '=', 1).where('accounts.role', '=', 'office_staff').where('regions.path', '=', officeRegionPath).execute();
  return rows.map((a) => a.id);
}
