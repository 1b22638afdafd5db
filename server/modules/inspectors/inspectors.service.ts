import { sql, type SelectQueryBuilder } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import { supervisionParticipation } from '../tasks/participation';
import type { Executor } from '../../platform/db/database';
import type { DB, InspectorsTable, InspectorTermsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors';
import { accountsScope, inSubtree, inspectorsScope, regionsScope, scopeCoversPath } from '../../platform/scope';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import { addDays, addYears, chinaToday, maskIdNumber, parseList } from './people';
import type { InspectorFilters, InspectorLevel, InspectorStatus, grades, rewardKinds } from './inspectors.schemas';

export const MIN_TRAINING_HOURS = 40;
export const MAX_TERM_YEARS = 3;
export const MAX_PART_TIME_TERMS = 3;

type InspectorRow = InspectorsTable & { region_name: string; region_code: string };

export function presentTerm(t: InspectorTermsTable) {
  return { id: t.id, inspectorId: t.inspector_id, termNumber: t.term_number, authority: t.authority, startDate: t.start_date, endDate: t.end_date, certificateNo: t.certificate_no };
}

/** Status from the record and its terms on a given day: dismissed, serving a term, between or after terms. */
export function statusOf(row: Pick<InspectorsTable, 'dismissed_on'>, terms: InspectorTermsTable[], today: string): { status: InspectorStatus; current: InspectorTermsTable | null } {
  const current = terms.find((t) => t.start_date <= today && t.end_date >= today) ?? null;
  if (row.dismissed_on) return { status: 'dismissed', current: null };
  if (current) return { status: 'serving', current };
  return { status: terms.some((t) => t.end_date < today) ? 'expired' : 'pending', current: null };
}

function present(row: InspectorRow, terms: InspectorTermsTable[], today: string) {
  const { status, current } = statusOf(row, terms, today);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as never,
    level: row.level as InspectorLevel,
    employment: row.employment as never,
    employer: row.employer,
    jobTitle: row.title,
    specialties: parseList(row.specialties),
    phoneMasked: maskPhone(row.phone),
    idNumberMasked: maskIdNumber(row.id_number),
    region: { id: row.region_id, name: row.region_name, code: row.region_code },
    status,
    currentTerm: current ? presentTerm(current) : null,
    recommendedLevel: row.recommended_level as InspectorLevel | null,
    recommendedOn: row.recommended_on,
    synthetic: row.synthetic === 1,
    updatedAt: row.updated_at,
  };
}

export function canWriteInspectors(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('inspectors.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

/** Inspectors the actor may see, with their region's name: the base of every inspector read. */
export function inspectorsInScope(db: Executor, actor: Actor) {
  return db.selectFrom('inspectors').innerJoin('regions', 'regions.id', 'inspectors.region_id').where(inspectorsScope(actor));
}

export async function findInspectorInScope(db: Executor, actor: Actor, id: string): Promise<InspectorRow> {
  const row = await inspectorsInScope(db, actor)
    .selectAll('inspectors')
    .select(['regions.name as region_name', 'regions.code as region_code'])
    .where('inspectors.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function termsOf(db: Executor, inspectorIds: string[]): Promise<Map<string, InspectorTermsTable[]>> {
  const out = new Map<string, InspectorTermsTable[]>();
  for (let i = 0; i < inspectorIds.length; i += 500) {
    const rows = await db.selectFrom('inspector_terms').selectAll().where('inspector_id', 'in', inspectorIds.slice(i, i + 500)).orderBy('start_date').execute();
    for (const r of rows) out.set(r.inspector_id, [...(out.get(r.inspector_id) ?? []), r]);
  }
  return out;
}

const sortColumns = { name: 'inspectors.name', level: 'inspectors.level', updatedAt: 'inspectors.updated_at' } as const;

/** The list's filters, shared by the paged list and the export. */
export async function filteredInspectors(db: Executor, actor: Actor, f: InspectorFilters, today: string) {
  let query = inspectorsInScope(db, actor);
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    query = region ? query.where(inSubtree('inspectors.region_path', region.path)) : query.where('inspectors.id', '=', '');
  }
  if (f.q) query = query.where((eb) => eb.or([eb('inspectors.name', 'like', `%${f.q}%`), eb('inspectors.employer', 'like', `%${f.q}%`)]));
  if (f.level) query = query.where('inspectors.level', '=', f.level);
  if (f.employment) query = query.where('inspectors.employment', '=', f.employment);
  if (f.specialty) query = query.where('inspectors.specialties', 'like', `%${JSON.stringify(f.specialty)}%`);
  if (f.termNumber) {
    const n = f.termNumber;
    query = query.where((eb) => eb.exists(eb.selectFrom('inspector_terms').select('inspector_terms.id').whereRef('inspector_terms.inspector_id', '=', 'inspectors.id').where('inspector_terms.term_number', '=', n)));
  }
  if (f.status) {
    const status = f.status;
    query = query.where((eb) => {
      const terms = () => eb.selectFrom('inspector_terms').select('inspector_terms.id').whereRef('inspector_terms.inspector_id', '=', 'inspectors.id');
      const current = eb.exists(terms().where('inspector_terms.start_date', '<=', today).where('inspector_terms.end_date', '>=', today));
      const notDismissed = eb('inspectors.dismissed_on', 'is', null);
      switch (status) {
        case 'dismissed': return eb('inspectors.dismissed_on', 'is not', null);
        case 'serving': return eb.and([notDismissed, current]);
        case 'expired': return eb.and([notDismissed, eb.not(current), eb.exists(terms().where('inspector_terms.end_date', '<', today))]);
        case 'pending': return eb.and([notDismissed, eb.not(eb.exists(terms().where('inspector_terms.start_date', '<=', today)))]);
      }
    });
  }
  return query;
}

export function sortInspectors<O>(query: SelectQueryBuilder<DB, 'inspectors' | 'regions', O>, f: Pick<InspectorFilters, 'sort' | 'order'>) {
  return query.orderBy(sortColumns[f.sort], f.order).orderBy('inspectors.id', f.order);
}

export async function inspectorPage(db: Executor, actor: Actor, f: InspectorFilters, today: string, limit: number, offset: number) {
  const base = await filteredInspectors(db, actor, f, today);
  const rows = await sortInspectors(base.selectAll('inspectors').select(['regions.name as region_name', 'regions.code as region_code']), f).limit(limit).offset(offset).execute();
  const terms = await termsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ row: r, view: present(r, terms.get(r.id) ?? [], today), terms: terms.get(r.id) ?? [] }));
}

export async function listInspectors(platform: Platform, actor: Actor, f: InspectorFilters & { page: number; pageSize: number }) {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const base = await filteredInspectors(db, actor, f, today);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const items = await inspectorPage(db, actor, f, today, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map((i) => i.view), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function inspectorDetail(db: Executor, actor: Actor, id: string, today: string) {
  const row = await findInspectorInScope(db, actor, id);
  const terms = (await termsOf(db, [id])).get(id) ?? [];
  const [assessments, rewards, trainings] = await Promise.all([
    db.selectFrom('inspector_assessments').selectAll().where('inspector_id', '=', id).orderBy('year', 'desc').execute(),
    db.selectFrom('inspector_rewards').selectAll().where('inspector_id', '=', id).orderBy('date', 'desc').execute(),
    db.selectFrom('inspector_trainings').selectAll().where('inspector_id', '=', id).orderBy('date', 'desc').execute(),
  ]);
  const byYear = new Map<number, number>();
  for (const t of trainings) byYear.set(Number(t.date.slice(0, 4)), (byYear.get(Number(t.date.slice(0, 4))) ?? 0) + t.hours);
  const write = canWriteInspectors(actor, row.region_path);
  return {
    ...present(row, terms, today),
    accountId: row.account_id,
    qualifications: row.qualifications,
    dismissedOn: row.dismissed_on,
    dismissalReason: row.dismissal_reason,
    terms: terms.map(presentTerm).reverse(),
    assessments: assessments.map((a) => ({ id: a.id, year: a.year, grade: a.grade as (typeof grades)[number], remarks: a.remarks })),
    rewards: rewards.map((r) => ({ id: r.id, kind: r.kind as (typeof rewardKinds)[number], date: r.date, title: r.title, issuer: r.issuer, remarks: r.remarks })),
    trainings: trainings.map((t) => ({ id: t.id, date: t.date, topic: t.topic, hours: t.hours, organizer: t.organizer })),
    supervision: await supervisionParticipation(db, actor, { inspectorId: id, accountId: row.account_id }),
    trainingHoursByYear: [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, hours]) => ({ year, hours, enough: hours >= MIN_TRAINING_HOURS })),
    abilities: {
      update: write && !row.dismissed_on,
      dismiss: write && !row.dismissed_on,
      readPersonal: actor.permissions.has('personal.read_full'),
      certificate: terms.length > 0,
    },
  };
}

export interface InspectorInput {
  name: string;
  gender?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  accountId?: string | null;
  level: string;
  employment: string;
  employer?: string | null;
  jobTitle?: string | null;
  specialties: string[];
  qualifications?: string | null;
  regionId: string;
  recommendedLevel?: string | null;
  recommendedOn?: string | null;
}

export function inspectorColumns(i: InspectorInput, region: { id: string; path: string }) {
  return {
    name: i.name, gender: i.gender ?? null, id_number: i.idNumber ?? null, phone: i.phone ?? null, account_id: i.accountId ?? null,
    level: i.level, employment: i.employment, employer: i.employer ?? null, title: i.jobTitle ?? null,
    specialties: JSON.stringify(i.specialties), qualifications: i.qualifications ?? null, region_id: region.id, region_path: region.path,
    recommended_level: i.recommendedLevel ?? null, recommended_on: i.recommendedOn ?? null,
  };
}

/** Personal data never goes into the audit log whole. */
export function auditImage(i: InspectorInput) {
  return { ...i, phone: maskPhone(i.phone ?? null), idNumber: maskIdNumber(i.idNumber ?? null) };
}

export async function writableRegion(db: Executor, actor: Actor, regionId: string, write: (a: Actor, path: string) => boolean) {
  const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).where(regionsScope(actor.scope)).executeTakeFirst();
  if (!region) throw invalidField('regionId', 'REGION_OUTSIDE_SCOPE');
  if (!write(actor, region.path)) throw new AppError('FORBIDDEN', 'REGION_OUTSIDE_SCOPE');
  return region;
}

async function checkAccount(db: Executor, actor: Actor, accountId: string | null | undefined) {
  if (!accountId) return;
  const found = await db.selectFrom('accounts').select('id').where('accounts.id', '=', accountId).where(accountsScope(actor.scope)).executeTakeFirst();
  if (!found) throw invalidField('accountId', 'LINKED_ACCOUNT_UNKNOWN');
}

async function checkIdNumberFree(db: Executor, idNumber: string | null | undefined, exceptId?: string) {
  if (!idNumber) return;
  let q = db.selectFrom('inspectors').select('id').where('id_number', '=', idNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'idNumber', key: 'ID_NUMBER_TAKEN' }] });
}

export async function createInspector(platform: Platform, ctx: RequestContext, input: InspectorInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId, canWriteInspectors);
    await checkAccount(trx, actor, input.accountId);
    await checkIdNumberFree(trx, input.idNumber);
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('inspectors').values({ id, ...inspectorColumns(input, region), dismissed_on: null, dismissal_reason: null, synthetic: 0, created_at: now, updated_at: now }).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.create', entityType: 'inspector', entityId: id, detail: { after: auditImage(input) } });
    return inspectorDetail(trx, actor, id, chinaToday(platform.clock.now()));
  });
}

function inputOf(row: InspectorsTable): InspectorInput {
  return {
    name: row.name, gender: row.gender, idNumber: row.id_number, phone: row.phone, accountId: row.account_id, level: row.level,
    employment: row.employment, employer: row.employer, jobTitle: row.title, specialties: parseList(row.specialties),
    qualifications: row.qualifications, regionId: row.region_id, recommendedLevel: row.recommended_level, recommendedOn: row.recommended_on,
  };
}

/** The inspector, for a write: in scope (404), writable (403), not dismissed (400). */
async function writableInspector(trx: Executor, actor: Actor, id: string) {
  const row = await findInspectorInScope(trx, actor, id);
  if (!canWriteInspectors(actor, row.region_path)) throw new AppError('FORBIDDEN');
  if (row.dismissed_on) throw new AppError('VALIDATION', 'INSPECTOR_DISMISSED');
  return row;
}

export async function updateInspector(platform: Platform, ctx: RequestContext, id: string, patch: Partial<InspectorInput>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableInspector(trx, actor, id);
    const merged: InspectorInput = { ...inputOf(before), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const region = merged.regionId === before.region_id ? { id: before.region_id, path: before.region_path } : await writableRegion(trx, actor, merged.regionId, canWriteInspectors);
    if (merged.accountId !== before.account_id) await checkAccount(trx, actor, merged.accountId);
    await checkIdNumberFree(trx, merged.idNumber, id);
    await trx.updateTable('inspectors').set({ ...inspectorColumns(merged, region), updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    if (region.path !== before.region_path) {
      for (const table of ['inspector_terms', 'inspector_assessments', 'inspector_rewards', 'inspector_trainings'] as const) {
        await trx.updateTable(table).set({ region_path: region.path }).where('inspector_id', '=', id).execute();
      }
    }
    await platform.audit.record(trx, ctx, { action: 'inspector.update', entityType: 'inspector', entityId: id, detail: { before: auditImage(inputOf(before)), after: auditImage(merged) } });
    return inspectorDetail(trx, actor, id, chinaToday(platform.clock.now()));
  });
}

/** Dismissal (解聘) ends the inspector's responsibility for schools on the same day. */
export async function dismissInspector(platform: Platform, ctx: RequestContext, id: string, body: { dismissedOn: string; reason: string }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    await writableInspector(trx, actor, id);
    await trx.updateTable('inspectors').set({ dismissed_on: body.dismissedOn, dismissal_reason: body.reason, updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    const ended = await trx.updateTable('responsible_assignments').set({ end_date: body.dismissedOn }).where('inspector_id', '=', id).where('end_date', 'is', null).executeTakeFirst();
    await platform.audit.record(trx, ctx, { action: 'inspector.dismiss', entityType: 'inspector', entityId: id, detail: { before: { dismissedOn: null }, after: body, endedAssignments: Number(ended.numUpdatedRows) } });
    return inspectorDetail(trx, actor, id, chinaToday(platform.clock.now()));
  });
}

/** The full phone and ID number, for a role that needs them; every such read is audited. */
export async function revealInspectorPersonal(platform: Platform, ctx: RequestContext, id: string) {
  const row = await findInspectorInScope(platform.database.db, ctx.actor!, id);
  await platform.audit.recordAlone(ctx, { action: 'inspector.read_personal', entityType: 'inspector', entityId: id, detail: { fields: ['phone', 'idNumber'] } });
  return { phone: row.phone, idNumber: row.id_number };
}

export interface TermInput {
  termNumber: number;
  authority: string;
  startDate: string;
  endDate: string;
  certificateNo?: string | null;
}

/**
 * The consecutive terms a term would belong to: terms (届) are numbered in the appointing level's sequence,
 * so a 届 without an appointment between two of the person's terms is a break that starts the count afresh.
 */
export function consecutiveRun(termNumber: number, others: Pick<InspectorTermsTable, 'term_number'>[]): { from: number; to: number; count: number } {
  const held = new Set(others.map((o) => o.term_number));
  let from = termNumber;
  let to = termNumber;
  while (held.has(from - 1)) from -= 1;
  while (held.has(to + 1)) to += 1;
  return { from, to, count: to - from + 1 };
}

/** The term rules: ends after it starts, at most 3 years, no overlap with the person's other terms, at most 3 consecutive part-time terms. */
export function termIssues(term: TermInput, others: InspectorTermsTable[], employment: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (term.endDate <= term.startDate) issues.push({ field: 'endDate', key: 'TERM_DATES_ORDER' });
  else {
    const max = addDays(addYears(term.startDate, MAX_TERM_YEARS), -1);
    if (term.endDate > max) issues.push({ field: 'endDate', key: 'TERM_TOO_LONG', params: { max } });
  }
  const clash = others.find((o) => o.start_date <= term.endDate && term.startDate <= o.end_date);
  if (clash) issues.push({ field: 'startDate', key: 'TERM_OVERLAP', params: { term: clash.term_number, start: clash.start_date, end: clash.end_date } });
  const run = consecutiveRun(term.termNumber, others);
  if (employment === 'part_time' && run.count > MAX_PART_TIME_TERMS) issues.push({ field: 'terms', key: 'TERM_LIMIT', params: { from: run.from, to: run.to, count: run.count } });
  return issues;
}

async function checkCertificateFree(db: Executor, no: string | null | undefined, exceptId?: string) {
  if (!no) return;
  let q = db.selectFrom('inspector_terms').select('id').where('certificate_no', '=', no);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'certificateNo', key: 'CERTIFICATE_TAKEN' }] });
}

export async function addTerm(platform: Platform, ctx: RequestContext, inspectorId: string, input: TermInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await writableInspector(trx, actor, inspectorId);
    const others = await trx.selectFrom('inspector_terms').selectAll().where('inspector_id', '=', inspectorId).execute();
    const issues = termIssues(input, others, inspector.employment);
    if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
    await checkCertificateFree(trx, input.certificateNo);
    const now = platform.clock.now().toISOString();
    const row: InspectorTermsTable = {
      id: newId(), inspector_id: inspectorId, region_path: inspector.region_path, term_number: input.termNumber, authority: input.authority,
      start_date: input.startDate, end_date: input.endDate, certificate_no: input.certificateNo ?? null, created_at: now, updated_at: now,
    };
    await trx.insertInto('inspector_terms').values(row).execute();
    await trx.updateTable('inspectors').set({ updated_at: now }).where('id', '=', inspectorId).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.term_add', entityType: 'inspector', entityId: inspectorId, detail: { after: presentTerm(row) } });
    return presentTerm(row);
  });
}

export async function updateTerm(platform: Platform, ctx: RequestContext, inspectorId: string, termId: string, patch: Partial<TermInput>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await writableInspector(trx, actor, inspectorId);
    const all = await trx.selectFrom('inspector_terms').selectAll().where('inspector_id', '=', inspectorId).execute();
    const before = all.find((t) => t.id === termId);
    if (!before) throw notFound();
    const merged: TermInput = {
      termNumber: patch.termNumber ?? before.term_number, authority: patch.authority ?? before.authority, startDate: patch.startDate ?? before.start_date,
      endDate: patch.endDate ?? before.end_date, certificateNo: patch.certificateNo !== undefined ? patch.certificateNo : before.certificate_no,
    };
    const others = all.filter((t) => t.id !== termId);
    // Editing a term adds none: only a new number can join a run of consecutive terms.
    const issues = termIssues(merged, others, inspector.employment).filter((i) => i.field !== 'terms' || merged.termNumber !== before.term_number);
    if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
    await checkCertificateFree(trx, merged.certificateNo, termId);
    const now = platform.clock.now().toISOString();
    await trx.updateTable('inspector_terms').set({
      term_number: merged.termNumber, authority: merged.authority, start_date: merged.startDate, end_date: merged.endDate, certificate_no: merged.certificateNo ?? null, updated_at: now,
    }).where('id', '=', termId).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.term_update', entityType: 'inspector', entityId: inspectorId, detail: { before: presentTerm(before), after: { id: termId, ...merged } } });
    return { id: termId, inspectorId, ...merged, certificateNo: merged.certificateNo ?? null };
  });
}

export async function addAssessment(platform: Platform, ctx: RequestContext, inspectorId: string, input: { year: number; grade: string; remarks?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await writableInspector(trx, actor, inspectorId);
    const terms = await trx.selectFrom('inspector_terms').select(['start_date', 'end_date']).where('inspector_id', '=', inspectorId).execute();
    const y = String(input.year);
    if (!terms.some((t) => t.start_date.slice(0, 4) <= y && t.end_date.slice(0, 4) >= y)) throw invalidField('year', 'ASSESSMENT_OUTSIDE_TERM', { year: input.year });
    const taken = await trx.selectFrom('inspector_assessments').select('id').where('inspector_id', '=', inspectorId).where('year', '=', input.year).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'year', key: 'ASSESSMENT_EXISTS', params: { year: input.year } }] });
    const row = { id: newId(), inspector_id: inspectorId, region_path: inspector.region_path, year: input.year, grade: input.grade, remarks: input.remarks ?? null, created_at: platform.clock.now().toISOString() };
    await trx.insertInto('inspector_assessments').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.assess', entityType: 'inspector', entityId: inspectorId, detail: { after: input } });
    return { id: row.id, year: row.year, grade: row.grade as (typeof grades)[number], remarks: row.remarks };
  });
}

export async function addReward(platform: Platform, ctx: RequestContext, inspectorId: string, input: { kind: string; date: string; title: string; issuer?: string | null; remarks?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await writableInspector(trx, actor, inspectorId);
    const row = {
      id: newId(), inspector_id: inspectorId, region_path: inspector.region_path, kind: input.kind, date: input.date, title: input.title,
      issuer: input.issuer ?? null, remarks: input.remarks ?? null, created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('inspector_rewards').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.reward', entityType: 'inspector', entityId: inspectorId, detail: { after: input } });
    return { id: row.id, kind: row.kind as (typeof rewardKinds)[number], date: row.date, title: row.title, issuer: row.issuer, remarks: row.remarks };
  });
}

export async function addTraining(platform: Platform, ctx: RequestContext, inspectorId: string, input: { date: string; topic: string; hours: number; organizer?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await writableInspector(trx, actor, inspectorId);
    const row = {
      id: newId(), inspector_id: inspectorId, region_path: inspector.region_path, date: input.date, topic: input.topic, hours: input.hours,
      organizer: input.organizer ?? null, created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('inspector_trainings').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'inspector.training', entityType: 'inspector', entityId: inspectorId, detail: { after: input } });
    return { id: row.id, date: row.date, topic: row.topic, hours: row.hours, organizer: row.organizer };
  });
}

/**
 * Terms ending within `days` from today whose inspector is not dismissed and has no later term recorded:
 * the renewal reminders an office works through (no scheduler needed to show them).
 */
export async function expiringTerms(platform: Platform, actor: Actor, q: { days: number; page: number; pageSize: number; order: 'asc' | 'desc' }) {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const until = addDays(today, q.days);
  const base = db
    .selectFrom('inspector_terms')
    .innerJoin('inspectors', 'inspectors.id', 'inspector_terms.inspector_id')
    .innerJoin('regions', 'regions.id', 'inspectors.region_id')
    .where(inspectorsScope(actor))
    .where('inspector_terms.end_date', '>=', today)
    .where('inspector_terms.end_date', '<=', until)
    .where('inspectors.dismissed_on', 'is', null)
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('inspector_terms as later').select('later.id').whereRef('later.inspector_id', '=', 'inspector_terms.inspector_id').whereRef('later.start_date', '>', 'inspector_terms.end_date'),
    )));
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll('inspector_terms')
    .select(['inspectors.name', 'inspectors.level', 'inspectors.employment', 'inspectors.region_id', 'regions.name as region_name', 'regions.code as region_code'])
    .orderBy('inspector_terms.end_date', q.order)
    .orderBy('inspector_terms.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const dayMs = 86_400_000;
  return {
    items: rows.map((r) => ({
      inspectorId: r.inspector_id, name: r.name, level: r.level as InspectorLevel, employment: r.employment as never,
      region: { id: r.region_id, name: r.region_name, code: r.region_code }, term: presentTerm(r),
      daysLeft: Math.round((Date.parse(r.end_date) - Date.parse(today)) / dayMs),
    })),
    total: Number(total), page: q.page, pageSize: q.pageSize,
  };
}

/** Each serving inspector's training hours in a year against the 40-hour minimum. */
export async function trainingSummary(platform: Platform, actor: Actor, q: { year: number; below?: 'true' | 'false'; page: number; pageSize: number; order: 'asc' | 'desc' }) {
  const db = platform.database.db;
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  const hours = sql<number>`coalesce((select sum(t.hours) from inspector_trainings t where t.inspector_id = inspectors.id and t.date >= ${from} and t.date <= ${to}), 0)`;
  let base = db
    .selectFrom('inspectors')
    .where(inspectorsScope(actor))
    .where((eb) => eb.exists(eb.selectFrom('inspector_terms').select('inspector_terms.id').whereRef('inspector_terms.inspector_id', '=', 'inspectors.id').where('inspector_terms.start_date', '<=', to).where('inspector_terms.end_date', '>=', from)))
    .where((eb) => eb.or([eb('inspectors.dismissed_on', 'is', null), eb('inspectors.dismissed_on', '>=', from)]));
  if (q.below) base = base.where(sql<boolean>`${hours} ${sql.raw(q.below === 'true' ? '<' : '>=')} ${MIN_TRAINING_HOURS}`);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select(['inspectors.id', 'inspectors.name', 'inspectors.level', hours.as('hours')])
    .orderBy(sql`hours`, q.order)
    .orderBy('inspectors.name')
    .orderBy('inspectors.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ inspectorId: r.id, name: r.name, level: r.level as InspectorLevel, hours: Number(r.hours), enough: Number(r.hours) >= MIN_TRAINING_HOURS })),
    total: Number(total), page: q.page, pageSize: q.pageSize,
  };
}
