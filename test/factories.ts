import type { RegionsTable, UnitsTable } from '../server/platform/db/schema';
import type { Role } from '../server/platform/permissions';
import { hashPassword } from '../server/platform/auth/passwords';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';

/**
 * Small factories that build what is missing: a unit without a region gets a new county (and its
 * city and province); an account without a scope gets a new county.
 */
let counter = 0;
const next = () => ++counter;
const pad = (n: number, width: number) => String(n % 10 ** width).padStart(width, '0');

const childLevel: Record<string, string> = { province: 'city', city: 'county', county: 'township', township: 'village' };

function codeFor(level: string, parent: RegionsTable | undefined, n: number): string {
  switch (level) {
    case 'province': return `${pad(11 + (n % 50), 2)}0000`;
    case 'city': return `${parent!.code.slice(0, 2)}${pad(n, 2)}00`;
    case 'county': return `${parent!.code.slice(0, 4)}${pad(n, 2)}`;
    case 'township': return `${parent!.code.slice(0, 6)}${pad(n, 3)}`;
    case 'village': return `${parent!.code.slice(0, 9)}${pad(n, 3)}`;
    default: return `Z${n}`;
  }
}

export async function makeRegion(world: TestWorld, opts: { parent?: RegionsTable; level?: string; name?: string; code?: string } = {}): Promise<RegionsTable> {
  const level = opts.level ?? (opts.parent ? childLevel[opts.parent.level] : 'province');
  const n = next();
  const id = newId();
  const now = world.clock.now().toISOString();
  const row: RegionsTable = {
    id, code: opts.code ?? codeFor(level, opts.parent, n), name: opts.name ?? `测试${level}${n}`, level,
    parent_id: opts.parent?.id ?? null, path: `${opts.parent?.path ?? '/'}${id}/`, depth: (opts.parent?.depth ?? -1) + 1,
    active: 1, created_at: now, updated_at: now,
  };
  await world.platform.database.db.insertInto('regions').values(row).execute();
  return row;
}

/** A county with its city and province above it. */
export async function makeCounty(world: TestWorld, name?: string): Promise<RegionsTable> {
  const province = await makeRegion(world, { level: 'province' });
  const city = await makeRegion(world, { parent: province });
  return makeRegion(world, { parent: city, name });
}

export async function makeUnit(world: TestWorld, opts: Partial<UnitsTable> & { region?: RegionsTable } = {}): Promise<UnitsTable> {
  const region = opts.region ?? (await makeCounty(world));
  const n = next();
  const now = world.clock.now().toISOString();
  const { region: _omit, ...rest } = opts;
  const row: UnitsTable = {
    id: newId(), name: `测试学校${n}`, kind: 'school', region_id: region.id, region_path: region.path,
    school_code: `2151${pad(n, 6)}`, stage: 'primary', ownership: 'public', enrolment: 300, staff_count: 20,
    address: null, contact_phone: '13800138000', synthetic: 0, active: 1, created_at: now, updated_at: now, ...rest,
  };
  await world.platform.database.db.insertInto('units').values(row).execute();
  return row;
}

export const TEST_PASSWORD = 'Test#Pass2026';
let cachedHash: Promise<string> | null = null;

export async function makeAccount(
  world: TestWorld,
  opts: { role?: Role; region?: RegionsTable; unit?: UnitsTable; username?: string; mustChangePassword?: boolean; password?: string } = {},
) {
  const role = opts.role ?? 'office_staff';
  const needsScope = !['sysadmin', 'secadmin', 'auditor'].includes(role);
  const region = needsScope && !opts.unit ? (opts.region ?? (await makeCounty(world))) : undefined;
  const username = opts.username ?? `user${next()}`;
  const password = opts.password ?? TEST_PASSWORD;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const hash = password === TEST_PASSWORD ? await cachedHash : await hashPassword(password);
  const now = world.clock.now().toISOString();
  const id = newId();
  await world.platform.database.db.insertInto('accounts').values({
    id, username, display_name: `测试用户${username}`, password_hash: hash, role,
    scope_region_id: region?.id ?? null, scope_unit_id: opts.unit?.id ?? null, phone: '13912345678', locale: 'zh-CN',
    must_change_password: opts.mustChangePassword ? 1 : 0, password_changed_at: now, failed_attempts: 0, locked_until: null,
    last_sign_in_at: null, active: 1, created_at: now, updated_at: now,
  }).execute();
  return { id, username, password, role, region };
}
