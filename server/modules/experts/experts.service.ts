import type { SelectQueryBuilder } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import { supervisionParticipation } from '../tasks/participation';
import type { Executor } from '../../platform/db/database';
import type { DB, ExpertsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { expertsScope, feeItemsScope, inSubtree, regionsScope, reviewsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import { maskIdNumber, parseList } from '../inspectors/people';
import { writableRegion } from '../inspectors/inspectors.service';
import type { ExpertFilters } from './experts.schemas';

type ExpertRow = ExpertsTable & { region_name: string; region_code: string };

export function presentExpert(e: ExpertRow) {
  return {
    id: e.id,
    name: e.name,
    specialties: parseList(e.specialties),
    employer: { unitId: e.employer_unit_id, name: e.employer_name },
    jobTitle: e.title,
    region: { id: e.region_id, name: e.region_name, code: e.region_code },
    available: e.available === 1,
    phoneMasked: maskPhone(e.phone),
    idNumberMasked: maskIdNumber(e.id_number),
    synthetic: e.synthetic === 1,
    updatedAt: e.updated_at,
  };
}

export function canWriteExperts(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('experts.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

export function expertsInScope(db: Executor, actor: Actor) {
  return db.selectFrom('experts').innerJoin('regions', 'regions.id', 'experts.region_id').where(expertsScope(actor.scope));
}

export async function findExpertInScope(db: Executor, actor: Actor, id: string): Promise<ExpertRow> {
  const row = await expertsInScope(db, actor).selectAll('experts').select(['regions.name as region_name', 'regions.code as region_code']).where('experts.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const sortColumns = { name: 'experts.name', updatedAt: 'experts.updated_at' } as const;

export async function filteredExperts(db: Executor, actor: Actor, f: ExpertFilters) {
  let query = expertsInScope(db, actor);
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    query = region ? query.where(inSubtree('experts.region_path', region.path)) : query.where('experts.id', '=', '');
  }
  if (f.q) query = query.where((eb) => eb.or([eb('experts.name', 'like', `%${f.q}%`), eb('experts.employer_name', 'like', `%${f.q}%`)]));
  if (f.specialty) query = query.where('experts.specialties', 'like', `%${JSON.stringify(f.specialty)}%`);
  if (f.available) query = query.where('experts.available', '=', f.available === 'true' ? 1 : 0);
  return query;
}

export function sortExperts<O>(query: SelectQueryBuilder<DB, 'experts' | 'regions', O>, f: Pick<ExpertFilters, 'sort' | 'order'>) {
  return query.orderBy(sortColumns[f.sort], f.order).orderBy('experts.id', f.order);
}

export async function listExperts(db: Executor, actor: Actor, f: ExpertFilters & { page: number; pageSize: number }) {
  const base = await filteredExperts(db, actor, f);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await sortExperts(base.selectAll('experts').select(['regions.name as region_name', 'regions.code as region_code']), f).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(presentExpert), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function expertDetail(db: Executor, actor: Actor, id: string) {
  const row = await findExpertInScope(db, actor, id);
  const [relations, reviews, fees] = await Promise.all([
    db.selectFrom('expert_relations').innerJoin('units', 'units.id', 'expert_relations.unit_id').select(['expert_relations.id', 'expert_relations.unit_id', 'units.name', 'expert_relations.relation']).where('expert_relations.expert_id', '=', id).orderBy('expert_relations.created_at').execute(),
    db.selectFrom('review_experts').innerJoin('reviews', 'reviews.id', 'review_experts.review_id').where(reviewsScope(actor.scope))
      .select(['reviews.id', 'reviews.title', 'reviews.start_date', 'review_experts.role', 'review_experts.status', 'review_experts.half_days'])
      .where('review_experts.expert_id', '=', id).orderBy('reviews.start_date', 'desc').execute(),
    db.selectFrom('fee_items').innerJoin('reviews', 'reviews.id', 'fee_items.review_id').where(feeItemsScope(actor.scope))
      .select(['reviews.id', 'reviews.title', 'fee_items.paid_on', 'fee_items.gross_fen', 'fee_items.tax_fen', 'fee_items.net_fen'])
      .where('fee_items.expert_id', '=', id).orderBy('fee_items.paid_on', 'desc').execute(),
  ]);
  return {
    ...presentExpert(row),
    remarks: row.remarks,
    relations: relations.map((r) => ({ id: r.id, unitId: r.unit_id, unitName: r.name, relation: r.relation })),
    reviews: reviews.map((r) => ({ reviewId: r.id, title: r.title, startDate: r.start_date, role: r.role, status: r.status, halfDays: r.half_days })),
    fees: fees.map((f) => ({ reviewId: f.id, title: f.title, paidOn: f.paid_on, grossFen: f.gross_fen, taxFen: f.tax_fen, netFen: f.net_fen })),
    supervision: await supervisionParticipation(db, actor, { expertId: id, accountId: row.account_id }),
    abilities: { update: canWriteExperts(actor, row.region_path), readPersonal: actor.permissions.has('personal.read_full') },
  };
}

export interface ExpertInput {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  specialties: string[];
  employerUnitId?: string | null;
  employerName?: string | null;
  jobTitle?: string | null;
  regionId: string;
  available: boolean;
  remarks?: string | null;
}

export function expertColumns(e: ExpertInput, region: { id: string; path: string }) {
  return {
    name: e.name, id_number: e.idNumber ?? null, phone: e.phone ?? null, specialties: JSON.stringify(e.specialties),
    employer_unit_id: e.employerUnitId ?? null, employer_name: e.employerName ?? null, title: e.jobTitle ?? null,
    region_id: region.id, region_path: region.path, available: e.available ? 1 : 0, remarks: e.remarks ?? null,
  };
}

export function expertAuditImage(e: ExpertInput) {
  return { ...e, phone: maskPhone(e.phone ?? null), idNumber: maskIdNumber(e.idNumber ?? null) };
}

/** An employer chosen from the units must be one the caller can see; its name is kept with the expert. */
async function resolveEmployer(db: Executor, actor: Actor, input: ExpertInput): Promise<ExpertInput> {
  if (!input.employerUnitId) return input;
  const unit = await db.selectFrom('units').select(['id', 'name']).where('units.id', '=', input.employerUnitId).where(unitsScope(actor.scope)).executeTakeFirst();
  if (!unit) throw invalidField('employerUnitId', 'UNIT_OUTSIDE_SCOPE');
  return { ...input, employerName: input.employerName ?? unit.name };
}

async function checkIdNumberFree(db: Executor, idNumber: string | null | undefined, exceptId?: string) {
  if (!idNumber) return;
  let q = db.selectFrom('experts').select('id').where('id_number', '=', idNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'idNumber', key: 'ID_NUMBER_TAKEN' }] });
}

export async function createExpert(platform: Platform, ctx: RequestContext, body: ExpertInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, body.regionId, canWriteExperts);
    const input = await resolveEmployer(trx, actor, body);
    await checkIdNumberFree(trx, input.idNumber);
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('experts').values({ id, ...expertColumns(input, region), account_id: null, synthetic: 0, created_at: now, updated_at: now }).execute();
    await platform.audit.record(trx, ctx, { action: 'expert.create', entityType: 'expert', entityId: id, detail: { after: expertAuditImage(input) } });
    return expertDetail(trx, actor, id);
  });
}

function inputOf(row: ExpertsTable): ExpertInput {
  return {
    name: row.name, idNumber: row.id_number, phone: row.phone, specialties: parseList(row.specialties), employerUnitId: row.employer_unit_id,
    employerName: row.employer_name, jobTitle: row.title, regionId: row.region_id, available: row.available === 1, remarks: row.remarks,
  };
}

async function writableExpert(trx: Executor, actor: Actor, id: string) {
  const row = await findExpertInScope(trx, actor, id);
  if (!canWriteExperts(actor, row.region_path)) throw new AppError('FORBIDDEN');
  return row;
}

export async function updateExpert(platform: Platform, ctx: RequestContext, id: string, patch: Partial<ExpertInput>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableExpert(trx, actor, id);
    const changedEmployer = patch.employerUnitId !== undefined && patch.employerUnitId !== before.employer_unit_id;
    const merged = { ...inputOf(before), ...(changedEmployer ? { employerName: null } : {}), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ExpertInput;
    const input = changedEmployer ? await resolveEmployer(trx, actor, merged) : merged;
    const region = input.regionId === before.region_id ? { id: before.region_id, path: before.region_path } : await writableRegion(trx, actor, input.regionId, canWriteExperts);
    await checkIdNumberFree(trx, input.idNumber, id);
    await trx.updateTable('experts').set({ ...expertColumns(input, region), updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'expert.update', entityType: 'expert', entityId: id, detail: { before: expertAuditImage(inputOf(before)), after: expertAuditImage(input) } });
    return expertDetail(trx, actor, id);
  });
}

export async function revealExpertPersonal(platform: Platform, ctx: RequestContext, id: string) {
  const row = await findExpertInScope(platform.database.db, ctx.actor!, id);
  await platform.audit.recordAlone(ctx, { action: 'expert.read_personal', entityType: 'expert', entityId: id, detail: { fields: ['phone', 'idNumber'] } });
  return { phone: row.phone, idNumber: row.id_number };
}

/** A declared relation with a unit (spouse works there, former employee …): the expert is never drawn to review it. */
export async function addRelation(platform: Platform, ctx: RequestContext, id: string, body: { unitId: string; relation: string }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    await writableExpert(trx, actor, id);
    const unit = await trx.selectFrom('units').select(['id', 'name']).where('units.id', '=', body.unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    const row = { id: newId(), expert_id: id, unit_id: unit.id, relation: body.relation, created_at: platform.clock.now().toISOString() };
    await trx.insertInto('expert_relations').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'expert.relation_add', entityType: 'expert', entityId: id, detail: { after: { unitId: unit.id, unitName: unit.name, relation: body.relation } } });
    return expertDetail(trx, actor, id);
  });
}

export async function removeRelation(platform: Platform, ctx: RequestContext, id: string, relationId: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    await writableExpert(trx, actor, id);
    const before = await trx.selectFrom('expert_relations').selectAll().where('id', '=', relationId).where('expert_id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    await trx.deleteFrom('expert_relations').where('id', '=', relationId).execute();
    await platform.audit.record(trx, ctx, { action: 'expert.relation_remove', entityType: 'expert', entityId: id, detail: { before: { unitId: before.unit_id, relation: before.relation } } });
    return expertDetail(trx, actor, id);
  });
}
