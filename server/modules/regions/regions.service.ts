import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { RegionsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { inSubtree, regionsScope, scopeCoversPath } from '../../platform/scope';
import { newId } from '../../platform/ids';
import type { MessageKey } from '../../platform/i18n';
import type { RegionFilters, RegionLevel } from './regions.schemas';

// A zone (development zone, new area) sits under a city or a county and holds townships.
const levelRank: Record<RegionLevel, number> = { province: 1, city: 2, county: 3, zone: 3.5, township: 4, village: 5 };

/** How many leading digits of the parent's code a child's GB/T 2260 / statistical code repeats. */
const codePrefix: Partial<Record<RegionLevel, number>> = { province: 2, city: 4, county: 6, township: 9 };
const codeLength: Partial<Record<RegionLevel, number>> = { province: 6, city: 6, county: 6, township: 9, village: 12 };

export function presentRegion(r: Pick<RegionsTable, 'id' | 'code' | 'name' | 'level' | 'parent_id' | 'active'>) {
  return { id: r.id, code: r.code, name: r.name, level: r.level as RegionLevel, parentId: r.parent_id, active: r.active === 1 };
}

/** Writes are for regions strictly below the office's own region: an office does not rename itself. */
function canWriteBelow(actor: Actor, path: string): boolean {
  return actor.permissions.has('regions.write') && scopeCoversPath(actor.scope, path) && (actor.scope.kind !== 'region' || path !== actor.scope.regionPath);
}

export function canCreateUnder(actor: Actor, parentPath: string): boolean {
  return actor.permissions.has('regions.write') && scopeCoversPath(actor.scope, parentPath);
}

/** A region the actor can see, or 404 — the same answer whether it does not exist or is someone else's. */
export async function findRegionInScope(db: Executor, actor: Actor, id: string) {
  const row = await db.selectFrom('regions').selectAll().where('id', '=', id).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function regionChildren(db: Executor, actor: Actor, parentId: string | undefined) {
  let query = db
    .selectFrom('regions')
    .selectAll('regions')
    .select((eb) => eb.exists(eb.selectFrom('regions as c').select('c.id').whereRef('c.parent_id', '=', 'regions.id')).as('has_children'))
    .where(regionsScope(actor.scope))
    .orderBy('regions.code');
  if (parentId) {
    query = query.where('regions.parent_id', '=', parentId);
  } else if (actor.scope.kind === 'all') {
    query = query.where('regions.parent_id', 'is', null);
  } else if (actor.scope.kind === 'region' || actor.scope.kind === 'unit') {
    query = query.where('regions.path', '=', actor.scope.regionPath);
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...presentRegion(r), hasChildren: Boolean(r.has_children) }));
}

/** The list's filters, shared by the paged list and the export. */
export function filteredRegions(db: Executor, actor: Actor, q: RegionFilters) {
  let base = db.selectFrom('regions').where(regionsScope(actor.scope));
  if (q.q) base = base.where((eb) => eb.or([eb('regions.name', 'like', `%${q.q}%`), eb('regions.code', 'like', `${q.q}%`)]));
  if (q.level) base = base.where('regions.level', '=', q.level);
  if (q.parentId) base = base.where('regions.parent_id', '=', q.parentId);
  if (q.active) base = base.where('regions.active', '=', q.active === 'true' ? 1 : 0);
  return base;
}

export const regionSortColumns = { name: 'regions.name', level: 'regions.depth', code: 'regions.code' } as const;

export async function listRegions(db: Executor, actor: Actor, q: RegionFilters & { page: number; pageSize: number }) {
  const base = filteredRegions(db, actor, q);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll('regions')
    .orderBy(regionSortColumns[q.sort], q.order)
    .orderBy('regions.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(presentRegion), total: Number(total), page: q.page, pageSize: q.pageSize };
}

export async function regionDetail(db: Executor, actor: Actor, id: string) {
  const row = await findRegionInScope(db, actor, id);
  const ancestorIds = row.path.split('/').filter((x) => x && x !== row.id);
  const ancestors = ancestorIds.length
    ? await db.selectFrom('regions').select(['id', 'code', 'name', 'depth']).where('id', 'in', ancestorIds).orderBy('depth').execute()
    : [];
  const { n } = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inSubtree('units.region_path', row.path))
    .executeTakeFirstOrThrow();
  return {
    ...presentRegion(row),
    ancestors: ancestors.map(({ id: aid, code, name }) => ({ id: aid, code, name })),
    unitCount: Number(n),
    abilities: { update: canWriteBelow(actor, row.path), createChild: canCreateUnder(actor, row.path) },
  };
}

/** What is wrong with a code for its level under its parent, or null: length by level, and the parent's prefix. */
export function codeProblem(level: RegionLevel, code: string, parent: { code: string; level: string } | null): { key: MessageKey; params: Record<string, string | number> } | null {
  const length = codeLength[level];
  if (length !== undefined && !(new RegExp(`^\\d{${length}}$`).test(code))) return { key: 'REGION_CODE_LENGTH', params: { length } };
  const parentLevel = parent?.level as RegionLevel | undefined;
  const prefix = parentLevel ? codePrefix[parentLevel] : undefined;
  if (parent && length !== undefined && prefix !== undefined && !code.startsWith(parent.code.slice(0, prefix))) {
    return { key: 'REGION_CODE_PREFIX', params: { prefix: parent.code.slice(0, prefix) } };
  }
  return null;
}

/** Can a region of this level sit under a parent of that level? */
export function levelFits(level: RegionLevel, parentLevel: string): boolean {
  return levelRank[level] > levelRank[parentLevel as RegionLevel];
}

async function checkCode(db: Executor, level: RegionLevel, code: string, parent: { code: string; level: string } | null): Promise<void> {
  const problem = codeProblem(level, code, parent);
  if (problem) throw invalidField('code', problem.key, problem.params);
  const taken = await db.selectFrom('regions').select('id').where('code', '=', code).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'code', key: 'REGION_CODE_TAKEN', params: { value: code } }] });
}

export async function createRegion(platform: Platform, ctx: RequestContext, input: { code: string; name: string; level: RegionLevel; parentId: string }) {
  const actor = ctx.actor!;
  const { clock, audit } = platform;
  return platform.database.db.transaction().execute(async (trx) => {
    const parent = await findRegionInScope(trx, actor, input.parentId);
    if (!canCreateUnder(actor, parent.path)) throw new AppError('FORBIDDEN', 'REGION_OUTSIDE_SCOPE');
    if (!levelFits(input.level, parent.level)) throw invalidField('level', 'REGION_LEVEL_ORDER');
    await checkCode(trx, input.level, input.code, parent);
    const id = newId();
    const now = clock.now().toISOString();
    const row: RegionsTable = {
      id, code: input.code, name: input.name, level: input.level, parent_id: parent.id,
      path: `${parent.path}${id}/`, depth: parent.depth + 1, active: 1, created_at: now, updated_at: now,
    };
    await trx.insertInto('regions').values(row).execute();
    await audit.record(trx, ctx, { action: 'region.create', entityType: 'region', entityId: id, detail: { after: presentRegion(row) } });
    return regionDetail(trx, actor, id);
  });
}

export async function updateRegion(platform: Platform, ctx: RequestContext, id: string, input: { code?: string; name?: string; active?: boolean }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const row = await findRegionInScope(trx, actor, id);
    if (!canWriteBelow(actor, row.path)) throw new AppError('FORBIDDEN');
    if (input.code !== undefined && input.code !== row.code) {
      const parent = row.parent_id ? await trx.selectFrom('regions').select(['code', 'level']).where('id', '=', row.parent_id).executeTakeFirst() : null;
      await checkCode(trx, row.level as RegionLevel, input.code, parent ?? null);
    }
    const changes = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: platform.clock.now().toISOString(),
    };
    await trx.updateTable('regions').set(changes).where('id', '=', id).execute();
    const after = await trx.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await platform.audit.record(trx, ctx, { action: 'region.update', entityType: 'region', entityId: id, detail: { before: presentRegion(row), after: presentRegion(after) } });
    return regionDetail(trx, actor, id);
  });
}
