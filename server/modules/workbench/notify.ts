import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import { t, type Locale } from '../../platform/i18n';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  /** Where the web app opens it, e.g. /rectifications/<id>. */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

/**
 * In-app notifications for accounts, written inside the caller's transaction so they exist only if the change does.
 * When SMTP is configured, each account with an e-mail address also gets a mail in the outbox, in the same
 * transaction; the mail sender (`mail.ts`) delivers it later, so a slow mail server never holds a request.
 */
export async function notifyAccounts(trx: Executor, platform: Platform, accountIds: readonly string[], n: NotificationInput): Promise<number> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return 0;
  const at = platform.clock.now().toISOString();
  // Inserted in slices: both engines cap the number of bound parameters per statement.
  for (let i = 0; i < unique.length; i += 500) {
    await trx.insertInto('notifications').values(unique.slice(i, i + 500).map((accountId) => ({
      id: newId(), account_id: accountId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null,
      entity_type: n.entityType ?? null, entity_id: n.entityId ?? null, created_at: at, read_at: null,
    }))).execute();
  }
  if (platform.config.smtpUrl) await queueMail(trx, platform, unique, n, at);
  return unique.length;
}

async function queueMail(trx: Executor, platform: Platform, accountIds: string[], n: NotificationInput, at: string): Promise<void> {
  for (let i = 0; i < accountIds.length; i += 500) {
    const recipients = await trx.selectFrom('accounts').select(['email', 'locale']).where('id', 'in', accountIds.slice(i, i + 500))
      .where('active', '=', 1).where('email', 'is not', null).execute();
    const mails = recipients.filter((r) => r.email).map((r) => ({
      id: newId(), to_address: r.email!, subject: n.title, body: mailBody(platform, n, r.locale === 'en' ? 'en' : 'zh-CN'), status: 'pending',
      attempts: 0, claimed_by: null, claimed_at: null, last_error: null, created_at: at, sent_at: null,
    }));
    if (mails.length > 0) await trx.insertInto('mail_outbox').values(mails).execute();
  }
}

/** The notification's text and, when it has one, the link to open — whole when PUBLIC_URL is set. */
function mailBody(platform: Platform, n: NotificationInput, locale: Locale): string {
  const lines = [n.body ?? n.title];
  if (n.link) {
    const link = n.link.startsWith('/') && platform.config.publicUrl ? `${platform.config.publicUrl}${n.link}` : n.link;
    lines.push('', t(locale, 'MAIL_OPEN_LINK', { link }));
  }
  return lines.join('\n');
}

/**
 * The active accounts that answer for a unit addressed by an office (`answersForUnit` from the accounts'
 * side): the unit's own accounts, and office staff strictly below the office whose region holds the unit.
 */
export async function accountsAnsweringFor(db: Executor, unit: { id: string; regionPath: string }, officeRegionPath: string): Promise<string[]> {
  return accountsAnsweringForUnits(db, [unit], officeRegionPath);
}

/** The same for several units at once (a notice's recipients): two queries, whatever the number of units. */
export async function accountsAnsweringForUnits(db: Executor, units: readonly { id: string; regionPath: string }[], officeRegionPath: string): Promise<string[]> {
  if (units.length === 0) return [];
  const unitAccounts = await db.selectFrom('accounts').select('id').where('active', '=', 1).where('scope_unit_id', 'in', units.map((u) => u.id)).execute();
  const offices = await db.selectFrom('accounts').innerJoin('regions', 'regions.id', 'accounts.scope_region_id').select(['accounts.id', 'regions.path'])
    .where('accounts.active', '=', 1).where('accounts.role', '=', 'office_staff')
    .where(sql<boolean>`regions.path like ${officeRegionPath} || '%'`)
    .where('regions.path', '<>', officeRegionPath)
    .execute();
  const answering = offices.filter((o) => units.some((u) => u.regionPath.startsWith(o.path)));
  return [...new Set([...unitAccounts.map((a) => a.id), ...answering.map((a) => a.id)])];
}

/** The staff of the supervising office itself (`isSupervisingOffice` from the accounts' side). */
export async function accountsOfOffice(db: Executor, officeRegionPath: string): Promise<string[]> {
  const rows = await db.selectFrom('accounts').innerJoin('regions', 'regions.id', 'accounts.scope_region_id').select('accounts.id')
    .where('accounts.active', '=', 1).where('accounts.role', '=', 'office_staff').where('regions.path', '=', officeRegionPath).execute();
  return rows.map((a) => a.id);
}
