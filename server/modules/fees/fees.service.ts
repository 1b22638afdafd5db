import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { AppError, invalidField } from '../../platform/errors';
import { feeItemsScope, feeRatesScope, scopeCoversPath } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { chinaToday } from '../inspectors/people';
import { writableRegion } from '../inspectors/inspectors.service';
import { findReviewInScope } from '../experts/reviews.service';
import { labourRemunerationTaxFen, yuan } from './tax';
import { localities, ratePeriods, rateRoles, type LedgerFilters } from './fees.schemas';

type Period = (typeof ratePeriods)[number];
type RateRole = (typeof rateRoles)[number];
type Locality = (typeof localities)[number];
interface Rate { period: Period; role: RateRole; locality: Locality; amountFen: number }

const labels: Record<Period | RateRole | Locality, Record<Locale, string>> = {
  half_day: { 'zh-CN': '半天', en: 'half day' }, day: { 'zh-CN': '全天', en: 'day' },
  leader: { 'zh-CN': '组长', en: 'leader' }, member: { 'zh-CN': '成员', en: 'member' },
  local: { 'zh-CN': '本地', en: 'local' }, travelling: { 'zh-CN': '外地', en: 'travelling' },
};
const rateLabel = (locale: Locale, p: Period, r: RateRole, l: Locality) => [labels[p][locale], labels[r][locale], labels[l][locale]].join(locale === 'en' ? ', ' : '·');
const key = (p: string, r: string, l: string) => `${p}/${r}/${l}`;

export function canWriteFees(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('fees.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

export async function listRateSets(db: Executor, actor: Actor, q: { regionId?: string }) {
  let query = db.selectFrom('fee_rates').innerJoin('regions', 'regions.id', 'fee_rates.region_id').where(feeRatesScope(actor.scope));
  if (q.regionId) query = query.where('fee_rates.region_id', '=', q.regionId);
  const rows = await query.selectAll('fee_rates').select('regions.name as region_name').orderBy('fee_rates.effective_from', 'desc').orderBy('regions.name').execute();
  const sets = new Map<string, { regionId: string; regionName: string; effectiveFrom: string; rates: Rate[] }>();
  for (const r of rows) {
    const k = `${r.region_id}/${r.effective_from}`;
    if (!sets.has(k)) sets.set(k, { regionId: r.region_id, regionName: r.region_name, effectiveFrom: r.effective_from, rates: [] });
    sets.get(k)!.rates.push({ period: r.period as Period, role: r.role as RateRole, locality: r.locality as Locality, amountFen: r.amount_fen });
  }
  return [...sets.values()];
}

/** A region's rate table from a date on (评审费管理办法): all eight rates, replacing a table of the same date. */
export async function putRateSet(platform: Platform, ctx: RequestContext, body: { regionId: string; effectiveFrom: string; rates: Rate[] }) {
  const actor = ctx.actor!;
  const given = new Map(body.rates.map((r) => [key(r.period, r.role, r.locality), r.amountFen]));
  for (const p of ratePeriods) for (const r of rateRoles) for (const l of localities) {
    if (!given.has(key(p, r, l))) throw invalidField('rates', 'RATES_INCOMPLETE', { item: rateLabel(ctx.locale, p, r, l) });
  }
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, body.regionId, canWriteFees);
    const before = await trx.selectFrom('fee_rates').select(['period', 'role', 'locality', 'amount_fen']).where('region_id', '=', region.id).where('effective_from', '=', body.effectiveFrom).execute();
    await trx.deleteFrom('fee_rates').where('region_id', '=', region.id).where('effective_from', '=', body.effectiveFrom).execute();
    const now = platform.clock.now().toISOString();
    await trx.insertInto('fee_rates').values([...given.entries()].map(([k, amount]) => {
      const [period, role, locality] = k.split('/');
      return { id: newId(), region_id: region.id, region_path: region.path, effective_from: body.effectiveFrom, period, role, locality, amount_fen: amount, created_at: now };
    })).execute();
    await platform.audit.record(trx, ctx, { action: 'fees.rates', entityType: 'region', entityId: region.id, detail: { effectiveFrom: body.effectiveFrom, before, after: body.rates } });
    return (await listRateSets(trx, actor, { regionId: region.id })).find((s) => s.effectiveFrom === body.effectiveFrom)!;
  });
}

/** The rates for a review: the nearest region up the review's path that has a table in force on its first day. */
async function applicableRates(db: Executor, review: { region_path: string; start_date: string }) {
  const ancestors = review.region_path.split('/').filter(Boolean);
  const rows = await db.selectFrom('fee_rates').innerJoin('regions', 'regions.id', 'fee_rates.region_id')
    .selectAll('fee_rates').select(['regions.name as region_name', 'regions.depth'])
    .where('fee_rates.region_id', 'in', ancestors).where('fee_rates.effective_from', '<=', review.start_date)
    .orderBy('regions.depth', 'desc').orderBy('fee_rates.effective_from', 'desc').execute();
  if (!rows.length) return null;
  const chosen = rows.filter((r) => r.region_id === rows[0].region_id && r.effective_from === rows[0].effective_from);
  return { regionName: rows[0].region_name, effectiveFrom: rows[0].effective_from, amounts: new Map(chosen.map((r) => [key(r.period, r.role, r.locality), r.amount_fen])) };
}

/** Whole days at the day rate, a remaining half day at the half-day rate; the tax before this month's earlier payments. */
function line(amounts: Map<string, number>, role: RateRole, travelling: boolean, halfDays: number, locale: Locale, date: string) {
  const locality: Locality = travelling ? 'travelling' : 'local';
  const rate = (period: Period) => {
    const amount = amounts.get(key(period, role, locality));
    if (amount === undefined) throw new AppError('VALIDATION', 'FEE_RATE_MISSING', { date, item: rateLabel(locale, period, role, locality) });
    return amount;
  };
  const grossFen = Math.floor(halfDays / 2) * rate('day') + (halfDays % 2) * rate('half_day');
  const taxFen = labourRemunerationTaxFen(grossFen);
  return { grossFen, taxFen, netFen: grossFen - taxFen };
}

function totalsOf(items: { grossFen: number; taxFen: number; netFen: number }[]) {
  return items.reduce((t, i) => ({ grossFen: t.grossFen + i.grossFen, taxFen: t.taxFen + i.taxFen, netFen: t.netFen + i.netFen }), { grossFen: 0, taxFen: 0, netFen: 0 });
}

/**
 * Labour remuneration paid to one person by one payer within a month counts as one income (个人所得税法实施条例
 * 第十四条: 属于同一项目连续性收入的，以一个月内取得的收入为一次). So each line's tax is the tax on the month's total
 * so far, less what the payer already withheld from that person this month. The payer is the office that
 * settles, whatever region each review is about.
 */
async function withMonthlyMerge<L extends { expertId: string; grossFen: number; taxFen: number; netFen: number }>(db: Executor, payerPath: string, paidOn: string, lines: L[]): Promise<L[]> {
  if (!lines.length) return lines;
  const month = paidOn.slice(0, 7);
  const earlier = await db.selectFrom('fee_items')
    .select((eb) => ['fee_items.expert_id', eb.fn.sum<number>('fee_items.gross_fen').as('gross'), eb.fn.sum<number>('fee_items.tax_fen').as('tax')])
    .where('fee_items.payer_path', '=', payerPath).where('fee_items.expert_id', 'in', lines.map((l) => l.expertId))
    .where('fee_items.paid_on', '>=', `${month}-01`).where('fee_items.paid_on', '<=', `${month}-31`)
    .groupBy('fee_items.expert_id').execute();
  const before = new Map(earlier.map((e) => [e.expert_id, { gross: Number(e.gross), tax: Number(e.tax) }]));
  return lines.map((l) => {
    const prior = before.get(l.expertId);
    if (!prior) return l;
    const taxFen = Math.max(0, labourRemunerationTaxFen(prior.gross + l.grossFen) - prior.tax);
    return { ...l, taxFen, netFen: l.grossFen - taxFen };
  });
}

/**
 * The paying office: the office of the account settling (or looking at the sheet before settling). Only an
 * account with a region scope settles; another reader sees the sheet as the review's own region would pay it.
 */
function payerPathOf(actor: Actor, review: { region_path: string }): string {
  return actor.scope.kind === 'region' ? actor.scope.regionPath : review.region_path;
}

async function computedLines(db: Executor, review: { id: string; region_path: string; start_date: string }, payerPath: string, locale: Locale, paidOn: string) {
  const rates = await applicableRates(db, review);
  const attendance = await db.selectFrom('review_experts').innerJoin('experts', 'experts.id', 'review_experts.expert_id')
    .select(['review_experts.expert_id', 'experts.name', 'review_experts.role', 'review_experts.travelling', 'review_experts.half_days'])
    .where('review_experts.review_id', '=', review.id).where('review_experts.status', '=', 'drawn').where('review_experts.half_days', '>', 0)
    .orderBy('review_experts.role').orderBy('experts.name').execute();
  if (!rates) throw new AppError('VALIDATION', 'FEE_RATE_MISSING', { date: review.start_date, item: locale === 'en' ? 'any rate' : '全部标准' });
  const items = attendance.map((a) => ({
    expertId: a.expert_id, name: a.name, role: a.role as RateRole, travelling: a.travelling === 1, halfDays: a.half_days,
    ...line(rates.amounts, a.role as RateRole, a.travelling === 1, a.half_days, locale, review.start_date),
  }));
  return { rates, items: await withMonthlyMerge(db, payerPath, paidOn, items) };
}

/** The fee sheet of a review: computed from attendance until settled, then the settled lines. */
export async function feeSheet(db: Executor, actor: Actor, reviewId: string, locale: Locale, today: string) {
  const review = await findReviewInScope(db, actor, reviewId);
  // Until settled the sheet shows what the caller's office paying today would withhold.
  const { rates, items: computed } = await computedLines(db, review, payerPathOf(actor, review), locale, today);
  const settled = review.fees_settled_at
    ? await db.selectFrom('fee_items').innerJoin('experts', 'experts.id', 'fee_items.expert_id').selectAll('fee_items').select('experts.name')
      .where('fee_items.review_id', '=', reviewId).orderBy('fee_items.role').orderBy('experts.name').execute()
    : null;
  const items = settled
    ? settled.map((f) => ({ expertId: f.expert_id, name: f.name, role: f.role as RateRole, travelling: f.travelling === 1, halfDays: f.half_days, grossFen: f.gross_fen, taxFen: f.tax_fen, netFen: f.net_fen }))
    : computed;
  const payerPath = settled?.[0]?.payer_path ?? payerPathOf(actor, review);
  const payer = await db.selectFrom('regions').select('name').where('path', '=', payerPath).executeTakeFirstOrThrow();
  return {
    reviewId, title: review.title, settled: !!review.fees_settled_at, settledAt: review.fees_settled_at,
    rateSet: { regionName: rates.regionName, effectiveFrom: rates.effectiveFrom }, payerName: payer.name, items, totals: totalsOf(items),
  };
}

/** Settle a review's fees: the computed lines become ledger entries and the review's attendance is frozen. */
export async function settleFees(platform: Platform, ctx: RequestContext, reviewId: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const review = await findReviewInScope(trx, actor, reviewId);
    if (!canWriteFees(actor, review.region_path)) throw new AppError('FORBIDDEN');
    if (review.fees_settled_at) throw new AppError('VALIDATION', 'FEES_SETTLED');
    const now = platform.clock.now();
    const paidOn = chinaToday(now);
    const payerPath = payerPathOf(actor, review);
    const { items } = await computedLines(trx, review, payerPath, ctx.locale, paidOn);
    if (!items.length) throw new AppError('VALIDATION', 'FEES_NO_ATTENDANCE');
    await trx.insertInto('fee_items').values(items.map((i) => ({
      id: newId(), review_id: reviewId, expert_id: i.expertId, region_path: review.region_path, payer_path: payerPath, year: Number(paidOn.slice(0, 4)), paid_on: paidOn,
      role: i.role, travelling: i.travelling ? 1 : 0, half_days: i.halfDays, gross_fen: i.grossFen, tax_fen: i.taxFen, net_fen: i.netFen, created_at: now.toISOString(),
    }))).execute();
    await trx.updateTable('reviews').set({ fees_settled_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', reviewId).execute();
    await platform.audit.record(trx, ctx, { action: 'fees.settle', entityType: 'review', entityId: reviewId, detail: { paidOn, payerPath, items, totals: totalsOf(items) } });
    return feeSheet(trx, actor, reviewId, ctx.locale, paidOn);
  });
}

function ledgerBase(db: Executor, actor: Actor, f: LedgerFilters) {
  let query = db.selectFrom('fee_items')
    .innerJoin('experts', 'experts.id', 'fee_items.expert_id')
    .innerJoin('reviews', 'reviews.id', 'fee_items.review_id')
    .where(feeItemsScope(actor.scope))
    .where('fee_items.year', '=', f.year);
  if (f.expertId) query = query.where('fee_items.expert_id', '=', f.expertId);
  if (f.q) query = query.where((eb) => eb.or([eb('experts.name', 'like', `%${f.q}%`), eb('reviews.title', 'like', `%${f.q}%`)]));
  return query;
}

const ledgerSorts = { paidOn: 'fee_items.paid_on', name: 'experts.name', grossFen: 'fee_items.gross_fen' } as const;

async function ledgerRows(db: Executor, actor: Actor, f: LedgerFilters, limit: number, offset: number) {
  const rows = await ledgerBase(db, actor, f)
    .selectAll('fee_items').select(['experts.name', 'reviews.title'])
    .orderBy(ledgerSorts[f.sort], f.order).orderBy('fee_items.id', f.order).limit(limit).offset(offset).execute();
  return rows.map((r) => ({
    id: r.id, paidOn: r.paid_on, expertId: r.expert_id, name: r.name, reviewId: r.review_id, reviewTitle: r.title, role: r.role as RateRole,
    travelling: r.travelling === 1, halfDays: r.half_days, grossFen: r.gross_fen, taxFen: r.tax_fen, netFen: r.net_fen,
  }));
}

/** The year's fee ledger, with totals of everything the filters select (not only the page). */
export async function ledger(db: Executor, actor: Actor, f: LedgerFilters & { page: number; pageSize: number }) {
  const [sums] = await ledgerBase(db, actor, f).select((eb) => [
    eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('fee_items.gross_fen').as('gross'), eb.fn.sum<number>('fee_items.tax_fen').as('tax'), eb.fn.sum<number>('fee_items.net_fen').as('net'),
  ]).execute();
  return {
    items: await ledgerRows(db, actor, f, f.pageSize, (f.page - 1) * f.pageSize), total: Number(sums.total), page: f.page, pageSize: f.pageSize,
    totals: { grossFen: Number(sums.gross ?? 0), taxFen: Number(sums.tax ?? 0), netFen: Number(sums.net ?? 0) },
  };
}

/** The year's totals per person. */
export async function ledgerByPerson(db: Executor, actor: Actor, q: { year: number; page: number; pageSize: number; order: 'asc' | 'desc' }) {
  const base = db.selectFrom('fee_items').innerJoin('experts', 'experts.id', 'fee_items.expert_id').where(feeItemsScope(actor.scope)).where('fee_items.year', '=', q.year);
  const [{ total }] = await base.select((eb) => eb.fn.count<number>('fee_items.expert_id').distinct().as('total')).execute();
  const rows = await base
    .select((eb) => ['fee_items.expert_id', 'experts.name', eb.fn.countAll<number>().as('reviews'), eb.fn.sum<number>('fee_items.gross_fen').as('gross'), eb.fn.sum<number>('fee_items.tax_fen').as('tax'), eb.fn.sum<number>('fee_items.net_fen').as('net')])
    .groupBy(['fee_items.expert_id', 'experts.name'])
    .orderBy('gross', q.order).orderBy('fee_items.expert_id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({ expertId: r.expert_id, name: r.name, reviews: Number(r.reviews), grossFen: Number(r.gross), taxFen: Number(r.tax), netFen: Number(r.net) })),
    total: Number(total), page: q.page, pageSize: q.pageSize,
  };
}

export function ledgerExportColumns(locale: Locale) {
  const zh = locale !== 'en';
  return [
    { header: zh ? '支付日期' : 'Paid on', key: 'paidOn', width: 12 },
    { header: zh ? '姓名' : 'Name', key: 'name', width: 12 },
    { header: zh ? '评审' : 'Review', key: 'reviewTitle', width: 30 },
    { header: zh ? '角色' : 'Role', key: 'role', width: 8 },
    { header: zh ? '本地/外地' : 'Local', key: 'locality', width: 10 },
    { header: zh ? '出席半天数' : 'Half-days', key: 'halfDays', width: 10 },
    { header: zh ? '应发（元）' : 'Gross (yuan)', key: 'gross', width: 14 },
    { header: zh ? '代扣个税（元）' : 'Tax withheld (yuan)', key: 'tax', width: 14 },
    { header: zh ? '实发（元）' : 'Net (yuan)', key: 'net', width: 14 },
  ];
}

/** The ledger export: amounts as exact yuan text made from fen, so no spreadsheet rounding creeps in. */
export async function* ledgerExportBatches(db: Executor, actor: Actor, f: LedgerFilters, locale: Locale) {
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const rows = await ledgerRows(db, actor, f, batch, offset);
    yield rows.map((r) => ({
      paidOn: r.paidOn, name: r.name, reviewTitle: r.reviewTitle, role: labels[r.role][locale], locality: labels[r.travelling ? 'travelling' : 'local'][locale],
      halfDays: r.halfDays, gross: yuan(r.grossFen), tax: yuan(r.taxFen), net: yuan(r.netFen),
    }));
    if (rows.length < batch) return;
  }
}
