import { randomInt } from 'node:crypto';
import type { Executor } from '../platform/db/database';
import type { Platform } from '../platform/platform';
import { roles, scopedRoles, type Role } from '../platform/permissions';
import { checkPasswordRule, hashPassword } from '../platform/auth/passwords';
import { newId } from '../platform/ids';
import { bilingual, CliError } from './errors';
import { cliAudit } from './writes';

// The same rules the accounts API applies to what an administrator types in.
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const DISPLAY_NAME_MAX = 64;

// Without look-alikes (I, l, O, 0, 1) and without characters a shell would treat specially when pasted.
const PASSWORD_GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '@#%^*-_=+.'];
const GENERATED_MIN_LENGTH = 20;

function generatePassword(length: number): string {
  const all = PASSWORD_GROUPS.join('');
  const chars = PASSWORD_GROUPS.map((g) => g[randomInt(g.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The password given, if it meets the rule, or a generated one that does. */
async function choosePassword(platform: Platform, username: string, given: string | undefined): Promise<{ password: string; generated: boolean }> {
  const { passwordMinLength } = await platform.securitySettings();
  if (given !== undefined) {
    const broken = checkPasswordRule(given, username, passwordMinLength);
    if (broken) throw new CliError(bilingual(broken.key, broken.params));
    return { password: given, generated: false };
  }
  let password: string;
  do {
    password = generatePassword(Math.max(GENERATED_MIN_LENGTH, passwordMinLength));
  } while (checkPasswordRule(password, username, passwordMinLength));
  return { password, generated: true };
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The scope columns for a role, from a region code or a unit's school code or id. */
async function resolveScope(db: Executor, role: Role, region: string | undefined, unit: string | undefined) {
  if (!scopedRoles.includes(role)) {
    if (region || unit) throw new CliError(`角色 ${role} 不设管辖范围，请去掉 --region 和 --unit Role ${role} has no scope: leave out --region and --unit`);
    return { scope_region_id: null, scope_unit_id: null, description: null };
  }
  if (region && unit) throw new CliError(bilingual('SCOPE_ONE_ONLY'));
  if (region) {
    const row = await db.selectFrom('regions').select(['id', 'name']).where('code', '=', region).executeTakeFirst();
    if (!row) throw new CliError(`区划代码不存在 Unknown region code: ${region}`);
    return { scope_region_id: row.id, scope_unit_id: null, description: `${row.name} (${region})` };
  }
  if (unit) {
    const row = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('school_code', '=', unit), eb('id', '=', unit)]))
      .executeTakeFirst();
    if (!row) throw new CliError(`单位不存在 No unit with this school code or id: ${unit}`);
    return { scope_region_id: null, scope_unit_id: row.id, description: row.name };
  }
  throw new CliError(`${bilingual('SCOPE_REQUIRED')}: --region CODE | --unit SCHOOL_CODE`);
}

export interface CreateAccountInput {
  username: string;
  displayName: string;
  role: string;
  /** Region code, for a business role. */
  region?: string;
  /** School code or unit id, for a business role. */
  unit?: string;
  /** Absent: a strong one is generated and returned. */
  password?: string;
}

export interface CreateAccountResult {
  id: string;
  username: string;
  role: Role;
  /** The region or unit the account works in, for display. */
  scope: string | null;
  generatedPassword: string | null;
}

/** Create an account as an administrator would: it must change its password at first sign-in. */
export async function createAccountFromCli(platform: Platform, input: CreateAccountInput): Promise<CreateAccountResult> {
  const username = input.username.trim();
  if (!USERNAME.test(username)) throw new CliError(`用户名须为 3–32 位字母、数字或 _ . - The username must be 3–32 letters, digits, _ . or -: ${username}`);
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > DISPLAY_NAME_MAX) throw new CliError(`姓名须为 1–${DISPLAY_NAME_MAX} 个字符 The name must be 1–${DISPLAY_NAME_MAX} characters`);
  if (!isRole(input.role)) throw new CliError(`未知角色 Unknown role: ${input.role} (${roles.join(', ')})`);
  const role = input.role;
  const { password, generated } = await choosePassword(platform, username, input.password);
  const hash = await hashPassword(password);
  return platform.database.db.transaction().execute(async (trx) => {
    const { description, ...scope } = await resolveScope(trx, role, input.region, input.unit);
    const taken = await trx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new CliError(`${bilingual('USERNAME_TAKEN')}: ${username}`);
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('accounts').values({
      id, username, display_name: displayName, password_hash: hash, role, ...scope,
      phone: null, locale: 'zh-CN', must_change_password: 1, password_changed_at: now, failed_attempts: 0,
      locked_until: null, last_sign_in_at: null, active: 1, created_at: now, updated_at: now,
    }).execute();
    await platform.audit.record(trx, null, cliAudit({
      action: 'account.create', entityType: 'account', entityId: id,
      detail: { after: { username, displayName, role, ...scope, phone: null } },
    }));
    return { id, username, role, scope: description, generatedPassword: generated ? password : null };
  });
}

export interface ResetPasswordResult {
  id: string;
  username: string;
  generatedPassword: string | null;
  wasLocked: boolean;
  sessionsEnded: number;
  active: boolean;
}

/** Set a new password that must be changed at next sign-in, lift any lockout and end the account's sessions. */
export async function resetPasswordFromCli(platform: Platform, input: { username: string; password?: string }): Promise<ResetPasswordResult> {
  const db = platform.database.db;
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'locked_until', 'failed_attempts', 'active'])
    .where('username', '=', input.username.trim())
    .executeTakeFirst();
  if (!account) throw new CliError(`账号不存在 No account with username: ${input.username}`);
  const { password, generated } = await choosePassword(platform, account.username, input.password);
  const hash = await hashPassword(password);
  const wasLocked = !!account.locked_until && new Date(account.locked_until) > platform.clock.now();
  const sessionsEnded = await platform.database.db.transaction().execute(async (trx) => {
    const now = platform.clock.now().toISOString();
    await trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 1, password_changed_at: now, failed_attempts: 0, locked_until: null, updated_at: now })
      .where('id', '=', account.id)
      .execute();
    const ended = await trx.deleteFrom('sessions').where('account_id', '=', account.id).executeTakeFirst();
    await platform.audit.record(trx, null, cliAudit({
      action: 'account.reset_password', entityType: 'account', entityId: account.id,
      detail: { before: { lockedUntil: account.locked_until, failedAttempts: account.failed_attempts } },
    }));
    return Number(ended.numDeletedRows);
  });
  return { id: account.id, username: account.username, generatedPassword: generated ? password : null, wasLocked, sessionsEnded, active: account.active === 1 };
}
