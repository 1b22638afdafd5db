import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database';
import type { AccountsTable } from '../db/schema';
import type { Actor, ActorScope } from '../actor';
import { permissionsOf, type Role } from '../permissions';

export const SESSION_COOKIE = 'dudao_sid';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Executor, accountId: string, at: Date, ip: string | null, userAgent: string | null) {
  const token = newToken();
  const csrfToken = newToken();
  const now = at.toISOString();
  await db
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), account_id: accountId, csrf_token: csrfToken, ip, user_agent: userAgent?.slice(0, 300) ?? null, created_at: now, last_seen_at: now })
    .execute();
  return { token, csrfToken };
}

type ScopeRow = Pick<AccountsTable, 'role' | 'scope_region_id' | 'scope_unit_id'> & {
  region_path: string | null;
  unit_region_path: string | null;
};

/** The scope an account works in: administrators by role, everyone else by the region or unit they were given. */
export function scopeOf(row: ScopeRow): ActorScope {
  const role = row.role as Role;
  if (role === 'sysadmin' || role === 'secadmin') return { kind: 'all' };
  if (role === 'auditor') return { kind: 'none' };
  if (row.scope_unit_id && row.unit_region_path) return { kind: 'unit', unitId: row.scope_unit_id, regionPath: row.unit_region_path };
  if (row.scope_region_id && row.region_path) return { kind: 'region', regionId: row.scope_region_id, regionPath: row.region_path };
  return { kind: 'none' };
}

/** Load an account with what its scope needs, in one query. */
export function accountWithScope(db: Executor) {
  return db
    .selectFrom('accounts')
    .leftJoin('regions as scope_region', 'scope_region.id', 'accounts.scope_region_id')
    .leftJoin('units as scope_unit', 'scope_unit.id', 'accounts.scope_unit_id')
    .selectAll('accounts')
    .select(['scope_region.path as region_path', 'scope_region.name as region_name', 'scope_unit.region_path as unit_region_path', 'scope_unit.name as unit_name']);
}

export function actorOf(row: AccountsTable & ScopeRow): Actor {
  const role = row.role as Role;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    permissions: permissionsOf(role),
    scope: scopeOf(row),
  };
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'active'; actor: Actor; csrfToken: string; sessionId: string; mustChangePassword: boolean };

const LAST_SEEN_GRAIN_MS = 10_000;

/**
 * Find the session behind a cookie token and slide its idle deadline. An idle session is deleted,
 * so it cannot be revived by a later request.
 */
export async function resumeSession(
  db: Executor,
  token: string,
  at: Date,
  idleMinutes: number,
  passwordMaxAgeDays: number,
): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return { state: 'none' };
  const idleSince = at.getTime() - new Date(session.last_seen_at).getTime();
  if (idleSince > idleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { state: 'expired' };
  }
  const account = await accountWithScope(db).where('accounts.id', '=', session.account_id).executeTakeFirst();
  if (!account || account.active !== 1) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { state: 'none' };
  }
  // Idle is measured from the last request. Writing last_seen_at on every request would make each read a
  // write; at a 10-second grain a session can end at most 10 s early, never late.
  if (idleSince > LAST_SEEN_GRAIN_MS) {
    await db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', id).execute();
  }
  const passwordAgeDays = (at.getTime() - new Date(account.password_changed_at).getTime()) / 86_400_000;
  const expired = passwordMaxAgeDays > 0 && passwordAgeDays > passwordMaxAgeDays;
  return {
    state: 'active',
    actor: actorOf(account),
    csrfToken: session.csrf_token,
    sessionId: id,
    mustChangePassword: account.must_change_password === 1 || expired,
  };
}
