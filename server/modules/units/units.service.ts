import type { SelectQueryBuilder } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { DB, UnitsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors';
import { inSubtree, regionsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import type { UnitFilters, UnitKind } from './units.schemas';

type UnitRow = UnitsTable & { region_name: string; region_code: string };

export function presentUnit(u: UnitRow) {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind as UnitKind,
    regionId: u.region_id,
    region: { id: u.region_id, name: u.region_name, code: u.region_code },
    schoolCode: u.school_code,
    stage: u.stage as never,
    ownership: u.ownership as never,
    enrolment: u.enrolment,
    staffCount: u.staff_count,
    address: u.address,
    contactPhoneMasked: maskPhone(u.contact_phone),
    synthetic: u.synthetic === 1,
    active: u.active === 1,
    updatedAt: u.updated_at,
  };
}

function canWrite(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('units.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

/** Units the actor may see, joined with their region's name: the base of every unit read. */
/** The printed name of a region's supervision office: its supervision-office unit, or the conventional name under the region. */
export async function supervisionOfficeName(db: Executor, region: { id: string; name: string }): Promise<string> {
  const unit = await db.selectFrom('units').select('name').where('region_id', '=', region.id).where('kind', '=', 'supervision_office').where('active', '=', 1)
    .orderBy('created_at').executeTakeFirst();
  return unit?.name ?? `${region.name}人民政府教育督导委员会办公室`;
}

export function unitsInScope(db: Executor, actor: Actor) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.id', 'units.region_id')
    .where(unitsScope(actor.scope));
}

const sortColumns = {
  name: 'units.name',
  schoolCode: 'units.school_code',
  enrolment: 'units.enrolment',
  staffCount: 'units.staff_count',
  kind: 'units.kind',
  updatedAt: 'units.updated_at',
} as const;

/** The list's filters, shared by the paged list and the export so both show the same rows. */
export async function filteredUnits(db: Executor, actor: Actor, f: UnitFilters) {
  let query = unitsInScope(db, actor);
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    // A region outside the scope filters to nothing rather than telling it exists.
    query = region ? query.where(inSubtree('units.region_path', region.path)) : query.where('units.id', '=', '');
  }
  if (f.q) query = query.where((eb) => eb.or([eb('units.name', 'like', `%${f.q}%`), eb('units.school_code', 'like', `${f.q}%`)]));
  if (f.kind) query = query.where('units.kind', '=', f.kind);
  if (f.stage) query = query.where('units.stage', '=', f.stage);
  if (f.ownership) query = query.where('units.ownership', '=', f.ownership);
  if (f.active) query = query.where('units.active', '=', f.active === 'true' ? 1 : 0);
  return query;
}

export function sortUnits<O>(query: SelectQueryBuilder<DB, 'units' | 'regions', O>, f: Pick<UnitFilters, 'sort' | 'order'>) {
  return query.orderBy(sortColumns[f.sort], f.order).orderBy('units.id', f.order);
}

export async function listUnits(db: Executor, actor: Actor, f: UnitFilters & { page: number; pageSize: number }) {
  const base = await filteredUnits(db, actor, f);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await sortUnits(base.selectAll('units').select(['regions.name as region_name', 'regions.code as region_code']), f)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map(presentUnit), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function findUnitInScope(db: Executor, actor: Actor, id: string): Promise<UnitRow> {
  const row = await unitsInScope(db, actor)
    .selectAll('units')
    .select(['regions.name as region_name', 'regions.code as region_code'])
    .where('units.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function unitDetail(db: Executor, actor: Actor, id: string) {
  const row = await findUnitInScope(db, actor, id);
  const write = canWrite(actor, row.region_path);
  return {
    ...presentUnit(row),
    contactPhone: row.contact_phone,
    abilities: { update: write, deactivate: write, uploadFile: actor.permissions.has('files.upload') },
  };
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  regionId: string;
  schoolCode?: string | null;
  stage?: string | null;
  ownership?: string | null;
  enrolment?: number | null;
  staffCount?: number | null;
  address?: string | null;
  contactPhone?: string | null;
}

/** Rules across fields: a school has a stage and an ownership; a kindergarten is pre-school. */
export function unitRuleIssues(u: UnitInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (u.kind === 'school' && !u.stage) issues.push({ field: 'stage', key: 'UNIT_STAGE_REQUIRED' });
  if (u.kind === 'kindergarten' && u.stage && u.stage !== 'preschool') issues.push({ field: 'stage', key: 'UNIT_KINDERGARTEN_STAGE' });
  if ((u.kind === 'school' || u.kind === 'kindergarten') && !u.ownership) issues.push({ field: 'ownership', key: 'UNIT_OWNERSHIP_REQUIRED' });
  if (u.schoolCode && !['school', 'kindergarten'].includes(u.kind)) issues.push({ field: 'schoolCode', key: 'UNIT_SCHOOL_CODE_KIND' });
  return issues;
}

export function unitColumns(u: UnitInput, region: { id: string; path: string }) {
  return {
    name: u.name,
    kind: u.kind,
    region_id: region.id,
    region_path: region.path,
    school_code: u.schoolCode ?? null,
    stage: u.kind === 'kindergarten' ? 'preschool' : (u.stage ?? null),
    ownership: u.ownership ?? null,
    enrolment: u.enrolment ?? null,
    staff_count: u.staffCount ?? null,
    address: u.address ?? null,
    contact_phone: u.contactPhone ?? null,
  };
}

async function writableRegion(db: Executor, actor: Actor, regionId: string) {
  const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!region) throw invalidField('regionId', 'REGION_OUTSIDE_SCOPE');
  if (!canWrite(actor, region.path)) throw new AppError('FORBIDDEN', 'REGION_OUTSIDE_SCOPE');
  return region;
}

async function assertSchoolCodeFree(db: Executor, code: string | null | undefined, exceptId?: string) {
  if (!code) return;
  let q = db.selectFrom('units').select('id').where('school_code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'schoolCode', key: 'UNIT_SCHOOL_CODE_TAKEN' }] });
}

export async function createUnit(platform: Platform, ctx: RequestContext, input: UnitInput) {
  const actor = ctx.actor!;
  const issues = unitRuleIssues(input);
  if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId);
    await assertSchoolCodeFree(trx, input.schoolCode);
    const now = platform.clock.now().toISOString();
    const id = newId();
    const row = { id, ...unitColumns(input, region), synthetic: 0, active: 1, created_at: now, updated_at: now };
    await trx.insertInto('units').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, detail: { after: { ...row, contact_phone: maskPhone(row.contact_phone) } } });
    return unitDetail(trx, actor, id);
  });
}

function inputOf(row: UnitsTable): UnitInput {
  return {
    name: row.name, kind: row.kind as UnitKind, regionId: row.region_id, schoolCode: row.school_code, stage: row.stage,
    ownership: row.ownership, enrolment: row.enrolment, staffCount: row.staff_count, address: row.address, contactPhone: row.contact_phone,
  };
}

export async function updateUnit(platform: Platform, ctx: RequestContext, id: string, patch: Partial<UnitInput>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await findUnitInScope(trx, actor, id);
    if (!canWrite(actor, before.region_path)) throw new AppError('FORBIDDEN');
    const merged: UnitInput = { ...inputOf(before), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const issues = unitRuleIssues(merged);
    if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
    const region = merged.regionId === before.region_id ? { id: before.region_id, path: before.region_path } : await writableRegion(trx, actor, merged.regionId);
    await assertSchoolCodeFree(trx, merged.schoolCode, id);
    const columns = { ...unitColumns(merged, region), updated_at: platform.clock.now().toISOString() };
    await trx.updateTable('units').set(columns).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, {
      action: 'unit.update', entityType: 'unit', entityId: id,
      detail: { before: { ...inputOf(before), contactPhone: maskPhone(before.contact_phone) }, after: { ...merged, contactPhone: maskPhone(merged.contactPhone ?? null) } },
    });
    return unitDetail(trx, actor, id);
  });
}

export async function setUnitActive(platform: Platform, ctx: RequestContext, id: string, active: boolean) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const row = await findUnitInScope(trx, actor, id);
    if (!canWrite(actor, row.region_path)) throw new AppError('FORBIDDEN');
    await trx.updateTable('units').set({ active: active ? 1 : 0, updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: active ? 'unit.activate' : 'unit.deactivate', entityType: 'unit', entityId: id, detail: { before: { active: row.active === 1 }, after: { active } } });
    return unitDetail(trx, actor, id);
  });
}
