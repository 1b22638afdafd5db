import type { Platform } from '../../platform/platform';
import { t, type Locale } from '../../platform/i18n';
import { notifyAccounts } from '../workbench/notify';
import type { RequestContext } from '../../platform/actor';
import { AppError, invalidField } from '../../platform/errors';
import { checkPasswordRule, decoy, hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { accountWithScope, actorOf, createSession } from '../../platform/auth/sessions';
import { maskPhone } from '../../platform/http';
import type { Executor } from '../../platform/db/database';
import type { z } from 'zod';
import { maskEmail, type meView } from './auth.schemas';

type AccountRow = NonNullable<Awaited<ReturnType<ReturnType<typeof accountWithScope>['executeTakeFirst']>>>;

export function presentMe(row: AccountRow, mustChangePassword = row.must_change_password === 1): z.infer<typeof meView> {
  const actor = actorOf(row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: actor.role,
    permissions: [...actor.permissions].sort(),
    scope: {
      kind: actor.scope.kind,
      regionId: row.scope_region_id,
      regionName: row.region_name,
      unitId: row.scope_unit_id,
      unitName: row.unit_name,
    },
    mustChangePassword,
    locale: row.locale,
    phoneMasked: maskPhone(row.phone),
    emailMasked: maskEmail(row.email),
  };
}

export async function loadMe(db: Executor, accountId: string) {
  return accountWithScope(db).where('accounts.id', '=', accountId).executeTakeFirstOrThrow();
}

/**
 * Sign in with lockout: after `lockoutThreshold` wrong passwords in a row the account is locked for
 * `lockoutMinutes`. Every attempt, good or bad, is audited.
 */
export async function signIn(platform: Platform, ctx: RequestContext, username: string, password: string, userAgent: string | null) {
  const { database, clock, audit } = platform;
  const settings = await platform.securitySettings();
  const now = clock.now();
  const account = await accountWithScope(database.db).where('accounts.username', '=', username).executeTakeFirst();
  const fail = async (reason: string, accountId: string | null) => {
    await audit.recordAlone(ctx, { action: 'auth.sign_in', success: false, actorId: accountId, actorName: username, entityType: 'account', entityId: accountId, detail: { reason } });
  };
  if (!account) {
    await verifyPassword(await decoy(), password);
    await fail('unknown_user', null);
    throw new AppError('UNAUTHENTICATED', 'INVALID_CREDENTIALS');
  }
  if (account.locked_until && new Date(account.locked_until) > now) {
    await fail('locked', account.id);
    throw new AppError('ACCOUNT_LOCKED', 'ACCOUNT_LOCKED', { until: formatTime(account.locked_until, ctx.locale) });
  }
  const good = await verifyPassword(account.password_hash, password);
  if (!good) {
    const failures = account.failed_attempts + 1;
    const lock = failures >= settings.lockoutThreshold;
    const lockedUntil = lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString() : null;
    await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ failed_attempts: lock ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', account.id)
        .execute();
      await audit.record(trx, ctx, {
        action: 'auth.sign_in', success: false, actorId: account.id, actorName: username, entityType: 'account', entityId: account.id,
        detail: { reason: 'wrong_password', failures, locked: lock },
      });
    });
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', 'ACCOUNT_LOCKED', { until: formatTime(lockedUntil, ctx.locale) });
    throw new AppError('UNAUTHENTICATED', 'INVALID_CREDENTIALS');
  }
  if (account.active !== 1) {
    await fail('disabled', account.id);
    throw new AppError('UNAUTHENTICATED', 'ACCOUNT_DISABLED');
  }
  return database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now.toISOString() })
      .where('id', '=', account.id)
      .execute();
    // One session per account, when the security administrator says so: the new sign-in ends the others.
    const endedOthers = settings.singleSession
      ? Number((await trx.deleteFrom('sessions').where('account_id', '=', account.id).executeTakeFirst()).numDeletedRows)
      : 0;
    const session = await createSession(trx, account.id, now, ctx.ip, userAgent);
    const newAddress = await noteAddress(trx, platform, account, ctx.ip, userAgent, now.toISOString());
    await audit.record(trx, ctx, {
      action: 'auth.sign_in', success: true, actorId: account.id, actorName: username, entityType: 'account', entityId: account.id,
      ...(endedOthers || newAddress ? { detail: { ...(endedOthers ? { endedOthers } : {}), ...(newAddress ? { newAddress: true } : {}) } } : {}),
    });
    const ageDays = (now.getTime() - new Date(account.password_changed_at).getTime()) / 86_400_000;
    const mustChange = account.must_change_password === 1 || (settings.passwordMaxAgeDays > 0 && ageDays > settings.passwordMaxAgeDays);
    return { ...session, me: presentMe(account, mustChange) };
  });
}

/**
 * Remember where an account signs in from; a sign-in from an address it never used before is told to the account
 * (in the app, and by mail where it has an address), so a stolen password shows. The first address is not news.
 */
async function noteAddress(trx: Executor, platform: Platform, account: { id: string; locale: string }, ip: string | null, userAgent: string | null, at: string): Promise<boolean> {
  if (!ip) return false;
  const known = await trx.selectFrom('account_addresses').select('ip').where('account_id', '=', account.id).execute();
  if (known.some((k) => k.ip === ip)) {
    await trx.updateTable('account_addresses').set({ last_seen_at: at }).where('account_id', '=', account.id).where('ip', '=', ip).execute();
    return false;
  }
  await trx.insertInto('account_addresses').values({ account_id: account.id, ip, first_seen_at: at, last_seen_at: at }).execute();
  if (known.length === 0) return false;
  const locale: Locale = account.locale === 'en' ? 'en' : 'zh-CN';
  await notifyAccounts(trx, platform, [account.id], {
    kind: 'auth.new_address', title: t(locale, 'NOTIFY_NEW_ADDRESS', { ip }),
    body: t(locale, 'NOTIFY_NEW_ADDRESS_BODY', { at: formatTime(at, locale), ip, agent: userAgent?.slice(0, 120) ?? '—' }), link: '/profile',
  });
  return true;
}

/** The caller's own sessions, the latest activity first; `current` is the one asking. */
export async function ownSessions(db: Executor, accountId: string, currentId: string) {
  const rows = await db.selectFrom('sessions').select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at'])
    .where('account_id', '=', accountId).orderBy('last_seen_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, ip: r.ip, userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at, current: r.id === currentId }));
}

/** End one of the caller's own sessions (another's, or an unknown id, ends nothing), or all of them. */
export async function endOwnSessions(platform: Platform, ctx: RequestContext, which: { id: string } | 'all'): Promise<number> {
  const accountId = ctx.actor!.id;
  return platform.database.db.transaction().execute(async (trx) => {
    let query = trx.deleteFrom('sessions').where('account_id', '=', accountId);
    if (which !== 'all') query = query.where('id', '=', which.id);
    const ended = Number((await query.executeTakeFirst()).numDeletedRows);
    await platform.audit.record(trx, ctx, {
      action: which === 'all' ? 'auth.sign_out_everywhere' : 'auth.session_end', entityType: 'account', entityId: accountId, detail: { ended },
    });
    return ended;
  });
}

export async function signOut(platform: Platform, ctx: RequestContext, sessionId: string) {
  await platform.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await platform.audit.record(trx, ctx, { action: 'auth.sign_out', entityType: 'account', entityId: ctx.actor?.id });
  });
}

export async function changeOwnPassword(platform: Platform, ctx: RequestContext, currentPassword: string, newPassword: string, sessionId: string) {
  const actor = ctx.actor!;
  const { database, clock, audit } = platform;
  const settings = await platform.securitySettings();
  const account = await database.db.selectFrom('accounts').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, currentPassword))) {
    await audit.recordAlone(ctx, { action: 'auth.change_password', success: false, entityType: 'account', entityId: actor.id, detail: { reason: 'wrong_current_password' } });
    throw invalidField('currentPassword', 'WRONG_CURRENT_PASSWORD');
  }
  const broken = checkPasswordRule(newPassword, account.username, settings.passwordMinLength);
  if (broken) throw invalidField('newPassword', broken.key, broken.params);
  if (currentPassword === newPassword) throw invalidField('newPassword', 'PASSWORD_SAME');
  const hash = await hashPassword(newPassword);
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: clock.now().toISOString(), updated_at: clock.now().toISOString() })
      .where('id', '=', actor.id)
      .execute();
    // Other sessions of this account end with the old password.
    await trx.deleteFrom('sessions').where('account_id', '=', actor.id).where('id', '!=', sessionId).execute();
    await audit.record(trx, ctx, { action: 'auth.change_password', entityType: 'account', entityId: actor.id });
  });
}

export async function updateProfile(platform: Platform, ctx: RequestContext, input: { displayName: string; phone?: string | null; email?: string | null; locale: string }) {
  const actor = ctx.actor!;
  const { database, clock, audit } = platform;
  return database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').select(['display_name', 'phone', 'email', 'locale']).where('id', '=', actor.id).executeTakeFirstOrThrow();
    const after = {
      display_name: input.displayName, phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email, locale: input.locale,
    };
    await trx.updateTable('accounts').set({ ...after, updated_at: clock.now().toISOString() }).where('id', '=', actor.id).execute();
    await audit.record(trx, ctx, {
      action: 'account.update_profile', entityType: 'account', entityId: actor.id,
      detail: {
        before: { ...before, phone: maskPhone(before.phone), email: maskEmail(before.email) },
        after: { ...after, phone: maskPhone(after.phone), email: maskEmail(after.email) },
      },
    });
    return presentMe(await loadMe(trx, actor.id));
  });
}

export function formatTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
