import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { ReviewDrawsTable, ReviewsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { expertsScope, inSubtree, reviewsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { writableRegion } from '../inspectors/inspectors.service';
import { DRAW_ALGORITHM, drawIds, newSeed, repeatDraw, type Exclusion, type ExclusionReason } from './draw';

type ReviewRow = ReviewsTable & { region_name: string; region_code: string; unit_name: string | null };

export function canWriteReviews(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('experts.draw') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

function reviewsInScope(db: Executor, actor: Actor) {
  return db
    .selectFrom('reviews')
    .innerJoin('regions', 'regions.id', 'reviews.region_id')
    .leftJoin('units', 'units.id', 'reviews.reviewed_unit_id')
    .where(reviewsScope(actor.scope));
}

const reviewColumns = ['regions.name as region_name', 'regions.code as region_code', 'units.name as unit_name'] as const;

export async function findReviewInScope(db: Executor, actor: Actor, id: string): Promise<ReviewRow> {
  const row = await reviewsInScope(db, actor).selectAll('reviews').select(reviewColumns).where('reviews.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function presentReview(r: ReviewRow, expertCount: number) {
  return {
    id: r.id, title: r.title, region: { id: r.region_id, name: r.region_name, code: r.region_code },
    reviewedUnit: r.reviewed_unit_id ? { id: r.reviewed_unit_id, name: r.unit_name ?? '' } : null, taskId: r.task_id,
    startDate: r.start_date, endDate: r.end_date, location: r.location, feesSettledAt: r.fees_settled_at, expertCount,
  };
}

const drawnCount = sql<number>`(select count(*) from review_experts re where re.review_id = reviews.id and re.status = 'drawn')`;

export async function listReviews(db: Executor, actor: Actor, q: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: 'startDate' | 'title'; q?: string; from?: string; to?: string }) {
  let base = reviewsInScope(db, actor);
  if (q.q) base = base.where('reviews.title', 'like', `%${q.q}%`);
  if (q.from) base = base.where('reviews.start_date', '>=', q.from);
  if (q.to) base = base.where('reviews.start_date', '<=', q.to);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll('reviews')
    .select(reviewColumns)
    .select(drawnCount.as('expert_count'))
    .orderBy(q.sort === 'title' ? 'reviews.title' : 'reviews.start_date', q.order)
    .orderBy('reviews.id', q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map((r) => presentReview(r, Number(r.expert_count))), total: Number(total), page: q.page, pageSize: q.pageSize };
}

async function namesOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db.selectFrom('experts').select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute()) out.set(r.id, r.name);
  }
  return out;
}

function presentDraw(d: ReviewDrawsTable, names: Map<string, string>, drawers: Map<string, string>) {
  const person = (expertId: string) => ({ expertId, name: names.get(expertId) ?? '' });
  return {
    id: d.id, seq: d.seq, specialty: d.specialty, requested: d.requested, algorithm: d.algorithm, seed: d.seed,
    candidates: (JSON.parse(d.candidates) as string[]).map(person),
    exclusions: (JSON.parse(d.exclusions) as Exclusion[]).map((e) => ({ ...person(e.expertId), reasons: e.reasons })),
    result: (JSON.parse(d.result) as string[]).map(person),
    replaces: d.replaces, drawnAt: d.drawn_at, drawnBy: d.drawn_by ? (drawers.get(d.drawn_by) ?? null) : null,
  };
}

export async function reviewDetail(db: Executor, actor: Actor, id: string) {
  const review = await findReviewInScope(db, actor, id);
  const experts = await db.selectFrom('review_experts').innerJoin('experts', 'experts.id', 'review_experts.expert_id').selectAll('review_experts').select('experts.name')
    .where('review_experts.review_id', '=', id).orderBy('review_experts.created_at').orderBy('review_experts.id').execute();
  const draws = await db.selectFrom('review_draws').selectAll().where('review_id', '=', id).orderBy('seq').execute();
  const ids = [...new Set(draws.flatMap((d) => JSON.parse(d.candidates) as string[]))];
  const names = await namesOf(db, ids);
  const drawerIds = [...new Set(draws.map((d) => d.drawn_by).filter((x): x is string => !!x))];
  const drawers = new Map(drawerIds.length ? (await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', drawerIds).execute()).map((a) => [a.id, a.display_name]) : []);
  const write = canWriteReviews(actor, review.region_path);
  const settled = !!review.fees_settled_at;
  return {
    ...presentReview(review, experts.filter((e) => e.status === 'drawn').length),
    experts: experts.map((e) => ({
      expertId: e.expert_id, name: e.name, drawId: e.draw_id, role: e.role as 'leader' | 'member', status: e.status as 'drawn' | 'declined',
      declineReason: e.decline_reason, halfDays: e.half_days, travelling: e.travelling === 1,
    })),
    draws: draws.map((d) => presentDraw(d, names, drawers)),
    abilities: { update: write && !settled, draw: write && !settled, settle: write && !settled && actor.permissions.has('fees.write') },
  };
}

export interface ReviewInput {
  title: string;
  regionId: string;
  reviewedUnitId?: string | null;
  startDate: string;
  endDate: string;
  location?: string | null;
}

async function checkReviewedUnit(db: Executor, actor: Actor, unitId: string | null | undefined) {
  if (!unitId) return;
  const unit = await db.selectFrom('units').select('id').where('units.id', '=', unitId).where(unitsScope(actor.scope)).executeTakeFirst();
  if (!unit) throw invalidField('reviewedUnitId', 'UNIT_OUTSIDE_SCOPE');
}

export async function createReview(platform: Platform, ctx: RequestContext, input: ReviewInput) {
  const actor = ctx.actor!;
  if (input.endDate < input.startDate) throw invalidField('endDate', 'REVIEW_DATES_ORDER');
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId, canWriteReviews);
    await checkReviewedUnit(trx, actor, input.reviewedUnitId);
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('reviews').values({
      id, title: input.title, region_id: region.id, region_path: region.path, reviewed_unit_id: input.reviewedUnitId ?? null, task_id: null,
      start_date: input.startDate, end_date: input.endDate, location: input.location ?? null, fees_settled_at: null, created_by: actor.id, created_at: now, updated_at: now,
    }).execute();
    await platform.audit.record(trx, ctx, { action: 'review.create', entityType: 'review', entityId: id, detail: { after: input } });
    return reviewDetail(trx, actor, id);
  });
}

/** The review, for a change: in scope (404), writable (403), fees not yet settled (400). */
export async function writableReview(trx: Executor, actor: Actor, id: string) {
  const review = await findReviewInScope(trx, actor, id);
  if (!canWriteReviews(actor, review.region_path)) throw new AppError('FORBIDDEN');
  if (review.fees_settled_at) throw new AppError('VALIDATION', 'FEES_SETTLED');
  return review;
}

export async function updateReview(platform: Platform, ctx: RequestContext, id: string, patch: Partial<Omit<ReviewInput, 'regionId'>>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableReview(trx, actor, id);
    const merged = {
      title: patch.title ?? before.title, reviewedUnitId: patch.reviewedUnitId !== undefined ? patch.reviewedUnitId : before.reviewed_unit_id,
      startDate: patch.startDate ?? before.start_date, endDate: patch.endDate ?? before.end_date, location: patch.location !== undefined ? patch.location : before.location,
    };
    if (merged.endDate < merged.startDate) throw invalidField('endDate', 'REVIEW_DATES_ORDER');
    if (merged.reviewedUnitId !== before.reviewed_unit_id) await checkReviewedUnit(trx, actor, merged.reviewedUnitId);
    await trx.updateTable('reviews').set({
      title: merged.title, reviewed_unit_id: merged.reviewedUnitId ?? null, start_date: merged.startDate, end_date: merged.endDate, location: merged.location ?? null,
      updated_at: platform.clock.now().toISOString(),
    }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, {
      action: 'review.update', entityType: 'review', entityId: id,
      detail: { before: { title: before.title, reviewedUnitId: before.reviewed_unit_id, startDate: before.start_date, endDate: before.end_date, location: before.location }, after: merged },
    });
    return reviewDetail(trx, actor, id);
  });
}

/**
 * The region whose experts may not review a unit: the unit's county (an expert registered in it, or working
 * for a unit in it, is local to it), or the unit's own region when that lies above county level.
 */
async function conflictRegionPath(db: Executor, unitId: string): Promise<{ path: string; name: string; employerName: string } | null> {
  const unit = await db.selectFrom('units').innerJoin('regions', 'regions.id', 'units.region_id').select(['units.name', 'regions.path', 'regions.name as region_name']).where('units.id', '=', unitId).executeTakeFirst();
  if (!unit) return null;
  const ancestorIds = unit.path.split('/').filter(Boolean);
  const county = await db.selectFrom('regions').select(['path', 'name']).where('id', 'in', ancestorIds).where('level', '=', 'county').executeTakeFirst();
  return { path: county?.path ?? unit.path, name: county?.name ?? unit.region_name, employerName: unit.name };
}

/** One draw, recorded whole: the seed, every candidate, every exclusion with its reasons, and the result. */
async function performDraw(platform: Platform, ctx: RequestContext, trx: Executor, review: ReviewRow, specialty: string | null, count: number, replaces: string | null) {
  const actor = ctx.actor!;
  let candidatesQuery = trx
    .selectFrom('experts')
    .leftJoin('units as employer', 'employer.id', 'experts.employer_unit_id')
    .select(['experts.id', 'experts.region_path', 'experts.employer_unit_id', 'experts.employer_name', 'employer.region_path as employer_path'])
    .where(expertsScope(actor.scope))
    .where(inSubtree('experts.region_path', review.region_path))
    .where('experts.available', '=', 1);
  if (specialty) candidatesQuery = candidatesQuery.where('experts.specialties', 'like', `%${JSON.stringify(specialty)}%`);
  const candidates = (await candidatesQuery.execute()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const conflict = review.reviewed_unit_id ? await conflictRegionPath(trx, review.reviewed_unit_id) : null;
  const related = new Set(review.reviewed_unit_id ? (await trx.selectFrom('expert_relations').select('expert_id').where('unit_id', '=', review.reviewed_unit_id).execute()).map((r) => r.expert_id) : []);
  const already = new Set((await trx.selectFrom('review_experts').select('expert_id').where('review_id', '=', review.id).execute()).map((r) => r.expert_id));

  const exclusions: Exclusion[] = [];
  for (const c of candidates) {
    const reasons: ExclusionReason[] = [];
    const ownEmployer = !!review.reviewed_unit_id && (c.employer_unit_id === review.reviewed_unit_id || (!!conflict && c.employer_name === conflict.employerName));
    if (ownEmployer) reasons.push('employer');
    if (conflict && c.region_path.startsWith(conflict.path)) reasons.push('region');
    // An expert registered elsewhere who works for another unit of the county is as local as one registered there.
    else if (conflict && !ownEmployer && c.employer_path?.startsWith(conflict.path)) reasons.push('employer_region');
    if (related.has(c.id)) reasons.push('relation');
    if (already.has(c.id)) reasons.push('already_drawn');
    if (reasons.length) exclusions.push({ expertId: c.id, reasons });
  }
  const excluded = new Set(exclusions.map((e) => e.expertId));
  const eligible = candidates.filter((c) => !excluded.has(c.id)).map((c) => c.id);
  if (eligible.length < count) throw invalidField('count', 'DRAW_NOT_ENOUGH', { available: eligible.length, excluded: exclusions.length, count });

  const seed = newSeed();
  const result = drawIds(seed, eligible, count);
  const last = await trx.selectFrom('review_draws').select((eb) => eb.fn.max('seq').as('seq')).where('review_id', '=', review.id).executeTakeFirst();
  const now = platform.clock.now().toISOString();
  const draw: ReviewDrawsTable = {
    id: newId(), review_id: review.id, region_path: review.region_path, seq: Number(last?.seq ?? 0) + 1, specialty, requested: count, algorithm: DRAW_ALGORITHM, seed,
    candidates: JSON.stringify(candidates.map((c) => c.id)), exclusions: JSON.stringify(exclusions), result: JSON.stringify(result), replaces, drawn_by: actor.id, drawn_at: now,
  };
  await trx.insertInto('review_draws').values(draw).execute();
  await trx.insertInto('review_experts').values(result.map((expertId) => ({
    id: newId(), review_id: review.id, expert_id: expertId, draw_id: draw.id, region_path: review.region_path, role: 'member', status: 'drawn',
    decline_reason: null, half_days: 0, travelling: 0, created_at: now, updated_at: now,
  }))).execute();
  await platform.audit.record(trx, ctx, {
    action: 'review.draw', entityType: 'review', entityId: review.id,
    detail: { drawId: draw.id, seq: draw.seq, algorithm: DRAW_ALGORITHM, seed, specialty, requested: count, candidates: candidates.length, exclusions, result, replaces },
  });
}

export async function drawExperts(platform: Platform, ctx: RequestContext, reviewId: string, body: { specialty?: string | null; count: number }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const review = await writableReview(trx, actor, reviewId);
    await performDraw(platform, ctx, trx, review, body.specialty ?? null, body.count, null);
    return reviewDetail(trx, actor, reviewId);
  });
}

async function drawnExpert(trx: Executor, reviewId: string, expertId: string) {
  const row = await trx.selectFrom('review_experts').selectAll().where('review_id', '=', reviewId).where('expert_id', '=', expertId).executeTakeFirst();
  if (!row) throw notFound();
  if (row.status !== 'drawn') throw new AppError('VALIDATION', 'REVIEW_EXPERT_STATE', { status: row.status });
  return row;
}

/** A drawn expert declines; unless told otherwise a replacement is drawn at once, with the same specialty as their draw. */
export async function declineExpert(platform: Platform, ctx: RequestContext, reviewId: string, expertId: string, body: { reason: string; replace: boolean }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const review = await writableReview(trx, actor, reviewId);
    const row = await drawnExpert(trx, reviewId, expertId);
    await trx.updateTable('review_experts').set({ status: 'declined', decline_reason: body.reason, half_days: 0, updated_at: platform.clock.now().toISOString() }).where('id', '=', row.id).execute();
    await platform.audit.record(trx, ctx, { action: 'review.decline', entityType: 'review', entityId: reviewId, detail: { expertId, before: { status: 'drawn' }, after: { status: 'declined', reason: body.reason } } });
    if (body.replace) {
      const original = row.draw_id ? await trx.selectFrom('review_draws').select('specialty').where('id', '=', row.draw_id).executeTakeFirst() : undefined;
      await performDraw(platform, ctx, trx, review, original?.specialty ?? null, 1, expertId);
    }
    return reviewDetail(trx, actor, reviewId);
  });
}

export async function recordAttendance(platform: Platform, ctx: RequestContext, reviewId: string, expertId: string, body: { role?: 'leader' | 'member'; halfDays?: number; travelling?: boolean }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const review = await writableReview(trx, actor, reviewId);
    const row = await drawnExpert(trx, reviewId, expertId);
    const days = Math.round((Date.parse(review.end_date) - Date.parse(review.start_date)) / 86_400_000) + 1;
    if (body.halfDays !== undefined && body.halfDays > days * 2) throw invalidField('halfDays', 'HALF_DAYS_EXCEED', { max: days * 2 });
    const after = { role: body.role ?? row.role, half_days: body.halfDays ?? row.half_days, travelling: body.travelling === undefined ? row.travelling : body.travelling ? 1 : 0 };
    await trx.updateTable('review_experts').set({ ...after, updated_at: platform.clock.now().toISOString() }).where('id', '=', row.id).execute();
    await platform.audit.record(trx, ctx, {
      action: 'review.attendance', entityType: 'review', entityId: reviewId,
      detail: { expertId, before: { role: row.role, halfDays: row.half_days, travelling: row.travelling === 1 }, after: { role: after.role, halfDays: after.half_days, travelling: after.travelling === 1 } },
    });
    return reviewDetail(trx, actor, reviewId);
  });
}

/** Repeat a recorded draw from its seed, candidates and exclusions, and say whether it gives the recorded result. */
export async function verifyDraw(db: Executor, actor: Actor, reviewId: string, drawId: string) {
  await findReviewInScope(db, actor, reviewId);
  const d = await db.selectFrom('review_draws').selectAll().where('id', '=', drawId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!d) throw notFound();
  if (d.algorithm !== DRAW_ALGORITHM) throw new AppError('VALIDATION', 'DRAW_ALGORITHM_UNKNOWN', { algorithm: d.algorithm });
  const recorded = JSON.parse(d.result) as string[];
  const recomputed = repeatDraw({ seed: d.seed, candidates: JSON.parse(d.candidates), exclusions: JSON.parse(d.exclusions), requested: d.requested });
  return { ok: recomputed.length === recorded.length && recomputed.every((id, i) => id === recorded[i]), algorithm: d.algorithm, recomputed, recorded };
}
