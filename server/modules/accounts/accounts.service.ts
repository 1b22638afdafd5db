import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { accountsScope, regionsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { officeGrantableRoles, scopedRoles, type Role } from '../../platform/permissions';
import { accountWithScope, scopeOf } from '../../platform/auth/sessions';
import { checkPasswordRule, hashPassword } from '../../platform/auth/passwords';
import { maskPhone } from '../../platform/http';
import { maskEmail } from '../auth/auth.schemas';
import { newId } from '../../platform/ids';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof accountWithScope>['executeTakeFirst']>>>;

function grantable(actor: Actor): readonly Role[] {
  if (!actor.permissions.has('accounts.write')) return [];
  return actor.role === 'sysadmin' ? (['sysadmin', 'secadmin', 'auditor', ...officeGrantableRoles] as Role[]) : officeGrantableRoles;
}

function present(actor: Actor, row: Row, now: Date) {
  const locked = !!row.locked_until && new Date(row.locked_until) > now;
  const manageable = row.id !== actor.id && grantable(actor).includes(row.role as Role);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scope: { kind: scopeOf(row).kind, regionId: row.scope_region_id, regionName: row.region_name, unitId: row.scope_unit_id, unitName: row.unit_name },
    phoneMasked: maskPhone(row.phone),
    emailMasked: maskEmail(row.email),
    active: row.active === 1,
    locked,
    lockedUntil: locked ? row.locked_until : null,
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    abilities: { update: manageable, resetPassword: manageable, unlock: locked && actor.permissions.has('accounts.unlock') },
  };
}

function inScope(db: Executor, actor: Actor) {
  return accountWithScope(db).where(accountsScope(actor.scope));
}

async function findInScope(db: Executor, actor: Actor, id: string): Promise<Row> {
  const row = await inScope(db, actor).where('accounts.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const sorts = { username: 'accounts.username', displayName: 'accounts.display_name', role: 'accounts.role', createdAt: 'accounts.created_at', lastSignInAt: 'accounts.last_sign_in_at' } as const;

export async function listAccounts(platform: Platform, actor: Actor, q: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: keyof typeof sorts; q?: string; role?: string; active?: 'true' | 'false' }) {
  const db = platform.database.db;
  let base = db.selectFrom('accounts').where(accountsScope(actor.scope));
  if (q.q) base = base.where((eb) => eb.or([eb('accounts.username', 'like', `%${q.q}%`), eb('accounts.display_name', 'like', `%${q.q}%`)]));
  if (q.role) base = base.where('accounts.role', '=', q.role);
  if (q.active) base = base.where('accounts.active', '=', q.active === 'true' ? 1 : 0);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const ids = await base.select('accounts.id').orderBy(sorts[q.sort], q.order).orderBy('accounts.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const rows = ids.length ? await accountWithScope(db).where('accounts.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = platform.clock.now();
  return { items: ids.map((r) => present(actor, byId.get(r.id)!, now)), total: Number(total), page: q.page, pageSize: q.pageSize };
}

export async function accountDetail(platform: Platform, actor: Actor, id: string) {
  return present(actor, await findInScope(platform.database.db, actor, id), platform.clock.now());
}

/** Check a role and scope pair the actor may grant; returns the normalised scope columns. */
async function checkGrant(db: Executor, actor: Actor, role: Role, regionId: string | null | undefined, unitId: string | null | undefined) {
  if (!grantable(actor).includes(role)) throw invalidField('role', 'ROLE_NOT_ALLOWED');
  if (!scopedRoles.includes(role)) return { scope_region_id: null, scope_unit_id: null };
  if (regionId && unitId) throw invalidField('scopeRegionId', 'SCOPE_ONE_ONLY');
  if (!regionId && !unitId) throw invalidField('scopeRegionId', 'SCOPE_REQUIRED');
  if (regionId) {
    const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    if (!region || !scopeCoversPath(actor.scope, region.path)) throw invalidField('scopeRegionId', 'REGION_OUTSIDE_SCOPE');
    return { scope_region_id: region.id, scope_unit_id: null };
  }
  const unit = await db.selectFrom('units').select(['id', 'region_path']).where('id', '=', unitId!).where(unitsScope(actor.scope)).executeTakeFirst();
  if (!unit || !scopeCoversPath(actor.scope, unit.region_path)) throw invalidField('scopeUnitId', 'REGION_OUTSIDE_SCOPE');
  return { scope_region_id: null, scope_unit_id: unit.id };
}

export async function createAccount(platform: Platform, ctx: RequestContext, input: { username: string; displayName: string; role: Role; scopeRegionId?: string | null; scopeUnitId?: string | null; phone?: string | null; email?: string | null; password: string }) {
  const actor = ctx.actor!;
  const settings = await platform.securitySettings();
  const scope = await checkGrant(platform.database.db, actor, input.role, input.scopeRegionId, input.scopeUnitId);
  const broken = checkPasswordRule(input.password, input.username, settings.passwordMinLength);
  if (broken) throw invalidField('password', broken.key, broken.params);
  // Hash before the transaction: 30 ms of argon2 should not hold the write lock.
  const hash = await hashPassword(input.password);
  return platform.database.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('accounts').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'username', key: 'USERNAME_TAKEN' }] });
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('accounts').values({
      id, username: input.username, display_name: input.displayName, password_hash: hash, role: input.role, ...scope,
      phone: input.phone ?? null, email: input.email ?? null, locale: 'zh-CN', must_change_password: 1, password_changed_at: now, failed_attempts: 0,
      locked_until: null, last_sign_in_at: null, active: 1, created_at: now, updated_at: now,
    }).execute();
    await platform.audit.record(trx, ctx, { action: 'account.create', entityType: 'account', entityId: id, detail: { after: { username: input.username, displayName: input.displayName, role: input.role, ...scope, phone: maskPhone(input.phone ?? null), email: maskEmail(input.email ?? null) } } });
    return present(actor, await findInScope(trx, actor, id), platform.clock.now());
  });
}

export async function updateAccount(platform: Platform, ctx: RequestContext, id: string, input: { displayName?: string; role?: Role; scopeRegionId?: string | null; scopeUnitId?: string | null; phone?: string | null; email?: string | null; active?: boolean }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await findInScope(trx, actor, id);
    if (id === actor.id) throw new AppError('FORBIDDEN', 'SELF_DEACTIVATE');
    if (!grantable(actor).includes(before.role as Role)) throw new AppError('FORBIDDEN', 'ROLE_NOT_ALLOWED');
    const role = input.role ?? (before.role as Role);
    const scopeChanged = input.role !== undefined || input.scopeRegionId !== undefined || input.scopeUnitId !== undefined;
    const scope = scopeChanged
      ? await checkGrant(trx, actor, role, input.scopeRegionId !== undefined ? input.scopeRegionId : before.scope_region_id, input.scopeUnitId !== undefined ? input.scopeUnitId : before.scope_unit_id)
      : {};
    const changes = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role } : {}),
      ...scope,
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: platform.clock.now().toISOString(),
    };
    await trx.updateTable('accounts').set(changes).where('id', '=', id).execute();
    // A disabled account, or one whose role or scope changed, signs in again with its new rights.
    if (input.active === false || scopeChanged) await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    const after = await findInScope(trx, actor, id).catch(() => null);
    const view = (r: Row) => ({ displayName: r.display_name, role: r.role, scopeRegionId: r.scope_region_id, scopeUnitId: r.scope_unit_id, phone: maskPhone(r.phone), email: maskEmail(r.email), active: r.active === 1 });
    await platform.audit.record(trx, ctx, { action: 'account.update', entityType: 'account', entityId: id, detail: { before: view(before), after: after ? view(after) : changes } });
    return present(actor, after ?? (await accountWithScope(trx).where('accounts.id', '=', id).executeTakeFirstOrThrow()), platform.clock.now());
  });
}

export async function resetPassword(platform: Platform, ctx: RequestContext, id: string, password: string) {
  const actor = ctx.actor!;
  const settings = await platform.securitySettings();
  const target = await findInScope(platform.database.db, actor, id);
  if (id === actor.id || !grantable(actor).includes(target.role as Role)) throw new AppError('FORBIDDEN', 'ROLE_NOT_ALLOWED');
  const broken = checkPasswordRule(password, target.username, settings.passwordMinLength);
  if (broken) throw invalidField('password', broken.key, broken.params);
  const hash = await hashPassword(password);
  await platform.database.db.transaction().execute(async (trx) => {
    const now = platform.clock.now().toISOString();
    await trx.updateTable('accounts').set({ password_hash: hash, must_change_password: 1, password_changed_at: now, failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'account.reset_password', entityType: 'account', entityId: id });
  });
}

export async function unlockAccount(platform: Platform, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const row = await findInScope(trx, actor, id);
    await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'account.unlock', entityType: 'account', entityId: id, detail: { before: { lockedUntil: row.locked_until } } });
    return present(actor, await findInScope(trx, actor, id), platform.clock.now());
  });
}
