import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, ActorScope, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { FilesTable, RectificationsTable } from '../../platform/db/schema';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors';
import type { StoredUpload } from '../../platform/files';
import { t, type Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import {
  answersForUnit, inSubtree, isSupervisingOffice, problemsScope, rectificationsScope, regionsScope, scopeCoversPath, visitsScope,
} from '../../platform/scope';
import { chinaToday } from '../inspectors/people';
import { accountsAnsweringFor, accountsOfOffice, notifyAccounts } from '../workbench/notify';
import { openRectifications, syncProblemStatuses } from './rectification.core';
import {
  actionLabels, actionsFrom, addDays, daysBetween, lightCondition, lightOf, owedStatuses, rectificationActions, statusLabels, transition,
  type DeadlineDay, type RectificationAction, type RectificationSide, type RectificationStatus,
} from './rectification-status';
import { deadlineDay } from './rectification-settings';
import { offeredActions, type RectificationFilters, type RectificationGrade } from './rectification.schemas';
import { supervisionOfficeName } from '../units/units.service';

// ---------- reading ----------

/** The items in the caller's scope, with what every read shows beside them joined in: unit, places, notice, task. */
function itemsBase(db: Executor, actor: Actor) {
  return db.selectFrom('rectifications')
    .innerJoin('units', 'units.id', 'rectifications.unit_id')
    .innerJoin('regions as owner_region', 'owner_region.id', 'rectifications.region_id')
    .innerJoin('regions as office', 'office.id', 'rectifications.office_region_id')
    .leftJoin('notices', 'notices.id', 'rectifications.notice_id')
    .leftJoin('supervision_tasks', 'supervision_tasks.id', 'rectifications.task_id')
    .where(rectificationsScope(actor.scope));
}

type ItemsQuery = ReturnType<typeof itemsBase>;

function withColumns(q: ItemsQuery) {
  return q.selectAll('rectifications').select([
    'units.name as unit_name', 'owner_region.name as region_name', 'office.name as office_name', 'notices.title as notice_title',
    'notices.doc_number as notice_doc_number', 'supervision_tasks.title as task_title',
  ]);
}

export type ItemRow = RectificationsTable & {
  unit_name: string; region_name: string; office_name: string; notice_title: string | null; notice_doc_number: string | null; task_title: string | null;
};

/** The start of a China calendar day as the UTC instant stored in created_at. */
const chinaDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

/** The ledger's filters as one query; the light and overdue filters are computed from today, never stored. */
export async function filteredItems(db: Executor, actor: Actor, f: RectificationFilters, day: DeadlineDay): Promise<ItemsQuery> {
  let q = itemsBase(db, actor);
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    q = region ? q.where(inSubtree('rectifications.region_path', region.path)) : q.where('rectifications.id', '=', '');
  }
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('rectifications.demand', 'like', like), eb('units.name', 'like', like), eb('notices.title', 'like', like), eb('notices.doc_number', 'like', like)]));
  }
  if (f.status) q = q.where('rectifications.status', '=', f.status);
  if (f.origin) q = q.where('rectifications.origin', '=', f.origin);
  if (f.unitId) q = q.where('rectifications.unit_id', '=', f.unitId);
  if (f.noticeId) q = q.where('rectifications.notice_id', '=', f.noticeId);
  if (f.taskId) q = q.where('rectifications.task_id', '=', f.taskId);
  if (f.problemId) {
    const problemId = f.problemId;
    q = q.where('rectifications.id', 'in', (eb) => eb.selectFrom('rectification_problems').select('rectification_problems.rectification_id').where('rectification_problems.problem_id', '=', problemId));
  }
  if (f.light) q = q.where(lightCondition(f.light, day));
  if (f.overdue === 'true') q = q.where(lightCondition('red', day));
  if (f.overdue === 'false') q = q.where((eb) => eb.not(lightCondition('red', day)));
  if (f.periodOn === 'created') {
    if (f.from) q = q.where('rectifications.created_at', '>=', chinaDayStart(f.from));
    if (f.to) q = q.where('rectifications.created_at', '<', chinaDayStart(addDays(f.to, 1)));
  } else {
    if (f.from) q = q.where('rectifications.deadline', '>=', f.from);
    if (f.to) q = q.where('rectifications.deadline', '<=', f.to);
  }
  return q;
}

const sortColumns = { deadline: 'rectifications.deadline', createdAt: 'rectifications.created_at', updatedAt: 'rectifications.updated_at', percent: 'rectifications.percent' } as const;

export function presentItem(r: ItemRow, day: DeadlineDay) {
  const status = r.status as RectificationStatus;
  const light = lightOf(status, r.deadline, day.today, day.yellowDays);
  return {
    id: r.id, origin: r.origin as 'notice' | 'problem', status, light, overdue: light === 'red', daysLeft: daysBetween(day.today, r.deadline),
    unit: { id: r.unit_id, name: r.unit_name }, region: { id: r.region_id, name: r.region_name }, office: { id: r.office_region_id, name: r.office_name },
    demand: r.demand, responsiblePerson: r.responsible_person, deadline: r.deadline,
    originalDeadline: r.original_deadline !== r.deadline ? r.original_deadline : null, percent: r.percent, grade: r.grade as RectificationGrade | null,
    notice: r.notice_id ? { id: r.notice_id, docNumber: r.notice_doc_number, title: r.notice_title ?? '' } : null,
    task: r.task_id ? { id: r.task_id, title: r.task_title ?? '' } : null,
    sentBackCount: r.sent_back_count, reopenedCount: r.reopened_count, submittedAt: r.submitted_at, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function listItems(platform: Platform, actor: Actor, f: RectificationFilters & { page: number; pageSize: number; sort: keyof typeof sortColumns | 'owedFirst'; order: 'asc' | 'desc' }) {
  const db = platform.database.db;
  const day = await deadlineDay(platform);
  const base = await filteredItems(db, actor, f, day);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const owed = sql`rectifications.status in (${sql.join([...owedStatuses])})`;
  const sorted = f.sort === 'owedFirst'
    ? withColumns(base).orderBy(sql`case when ${owed} then 0 else 1 end`).orderBy(sql`case when ${owed} then rectifications.deadline end`).orderBy('rectifications.deadline', 'desc').orderBy('rectifications.id')
    : withColumns(base).orderBy(sortColumns[f.sort], f.order).orderBy('rectifications.id', f.order);
  const rows = await sorted.limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentItem(r, day)), total: Number(total), page: f.page, pageSize: f.pageSize };
}

/**
 * The ledger in creation order, one batch at a time, paging by (created_at, id) so each batch is an index
 * range, however deep into the ledger it is.
 */
export async function* itemBatches(db: Executor, actor: Actor, f: RectificationFilters, day: DeadlineDay, batch = 1000): AsyncGenerator<ItemRow[]> {
  const base = withColumns(await filteredItems(db, actor, f, day));
  let after: { created_at: string; id: string } | null = null;
  for (;;) {
    const last: { created_at: string; id: string } | null = after;
    // A row-value comparison, so both engines seek the (created_at, id) index instead of scanning from the start.
    const page = last
      ? base.where((eb) => eb(eb.refTuple('rectifications.created_at', 'rectifications.id'), '>', eb.tuple(last.created_at, last.id)))
      : base;
    const rows: ItemRow[] = await page.orderBy('rectifications.created_at').orderBy('rectifications.id').limit(batch).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1];
  }
}

export async function findItem(db: Executor, actor: Actor, id: string): Promise<ItemRow> {
  const row = await withColumns(itemsBase(db, actor)).where('rectifications.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Which side of the loop the caller stands on for an item, if any (both need their permission too). */
export function sideOf(actor: Actor, r: Pick<RectificationsTable, 'unit_id' | 'region_path' | 'office_region_path'>): RectificationSide | null {
  if (isSupervisingOffice(actor.scope, r.office_region_path) && actor.permissions.has('rectification.verify')) return 'office';
  if (answersForUnit(actor.scope, { id: r.unit_id, regionPath: r.region_path }, r.office_region_path) && actor.permissions.has('rectification.report')) return 'owner';
  return null;
}

function abilitiesOf(side: RectificationSide | null, status: RectificationStatus, pendingExtension: boolean) {
  const allowed = side ? actionsFrom(status, side) : [];
  const can = (a: RectificationAction) => allowed.includes(a)
    && (a !== 'requestExtension' || !pendingExtension)
    && (a !== 'decideExtension' || pendingExtension);
  return Object.fromEntries(offeredActions.map((a) => [a, can(a)])) as Record<Exclude<RectificationAction, 'cancel'>, boolean>;
}

const evidenceUrl = (itemId: string, fileId: string) => `/api/rectifications/${itemId}/evidence/${fileId}/content`;

/** The evidence files of an item: those attached to the events of its timeline. */
function evidenceFiles(db: Executor, itemId: string) {
  return db.selectFrom('files')
    .where('files.entity_type', '=', 'rectification_event')
    .where('files.entity_id', 'in', (eb) => eb.selectFrom('rectification_events').select('rectification_events.id').where('rectification_events.rectification_id', '=', itemId));
}

function evidenceOf(db: Executor, itemId: string) {
  return evidenceFiles(db, itemId).select(['files.id', 'files.name', 'files.mime', 'files.size', 'files.sha256', 'files.entity_id']);
}

export async function itemDetail(db: Executor, actor: Actor, id: string, day: DeadlineDay) {
  const row = await findItem(db, actor, id);
  const events = await db.selectFrom('rectification_events').selectAll().where('rectification_id', '=', id).orderBy('at').orderBy('id').execute();
  const files = await evidenceOf(db, id).orderBy('files.created_at').orderBy('files.id').execute();
  const extensions = await db.selectFrom('rectification_extensions')
    .innerJoin('accounts as requester', 'requester.id', 'rectification_extensions.requested_by')
    .leftJoin('accounts as decider', 'decider.id', 'rectification_extensions.decided_by')
    .selectAll('rectification_extensions').select(['requester.display_name as requester_name', 'decider.display_name as decider_name'])
    .where('rectification_extensions.rectification_id', '=', id).orderBy('rectification_extensions.requested_at').orderBy('rectification_extensions.id').execute();
  const problems = await db.selectFrom('rectification_problems').innerJoin('problems', 'problems.id', 'rectification_problems.problem_id')
    .select(['problems.id', 'problems.description', 'problems.status', 'problems.found_on'])
    .where('rectification_problems.rectification_id', '=', id).where(problemsScope(actor)).orderBy('problems.found_on').execute();
  const noticeItem = row.notice_item_id
    ? await db.selectFrom('notice_items').select(['id', 'seq', 'demand']).where('id', '=', row.notice_item_id).executeTakeFirst()
    : undefined;
  const visit = row.verification_visit_id
    ? await db.selectFrom('visits').select(['id', 'visit_date']).where('id', '=', row.verification_visit_id).executeTakeFirst()
    : undefined;
  const verifier = row.verified_by ? await db.selectFrom('accounts').select('display_name').where('id', '=', row.verified_by).executeTakeFirst() : undefined;
  const side = sideOf(actor, row);
  const status = row.status as RectificationStatus;
  const item = presentItem(row, day);
  return {
    ...item,
    // The detail names the supervising office as it signs, not its region.
    office: { id: item.office.id, name: await supervisionOfficeName(db, item.office) },
    measures: row.measures,
    noticeItem: noticeItem ? { id: noticeItem.id, seq: noticeItem.seq, demand: noticeItem.demand } : null,
    problems: problems.map((p) => ({ id: p.id, description: p.description, status: p.status, foundOn: p.found_on })),
    events: events.map((e) => ({
      id: e.id, kind: e.kind, fromStatus: e.from_status as RectificationStatus | null, toStatus: e.to_status as RectificationStatus | null, text: e.text,
      percent: e.percent, grade: e.grade as RectificationGrade | null, actorName: e.actor_name, at: e.at,
      files: files.filter((f) => f.entity_id === e.id).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: evidenceUrl(id, f.id) })),
    })),
    extensions: extensions.map((x) => ({
      id: x.id, currentDeadline: x.current_deadline, requestedDeadline: x.requested_deadline, reason: x.reason,
      status: x.status as 'pending' | 'approved' | 'refused' | 'withdrawn', requestedBy: x.requester_name, requestedAt: x.requested_at,
      decidedBy: x.decider_name, decidedAt: x.decided_at, decisionNote: x.decision_note,
    })),
    evidenceCount: files.length,
    verification: row.verified_at && row.verification_method
      ? {
        method: row.verification_method as 'documents' | 'on_site', visit: visit ? { id: visit.id, visitDate: visit.visit_date } : null,
        note: row.verification_note, verifiedAt: row.verified_at, verifiedBy: verifier?.display_name ?? null,
      }
      : null,
    signedOffAt: row.signed_off_at,
    side,
    abilities: abilitiesOf(side, status, extensions.some((x) => x.status === 'pending')),
  };
}

export async function evidenceFile(db: Executor, actor: Actor, id: string, fileId: string) {
  await findItem(db, actor, id);
  const file = await evidenceOf(db, id).where('files.id', '=', fileId).executeTakeFirst();
  if (!file) throw notFound();
  return file;
}

/** A problem's rectification items the caller may see, and whether the caller may put it under rectification. */
export async function problemRectifications(platform: Platform, actor: Actor, problemId: string) {
  const db = platform.database.db;
  const problem = await db.selectFrom('problems').selectAll().where('problems.id', '=', problemId).where(problemsScope(actor)).executeTakeFirst();
  if (!problem) throw notFound();
  const day = await deadlineDay(platform);
  const rows = await withColumns(await filteredItems(db, actor, { problemId, periodOn: 'deadline' }, day)).orderBy('rectifications.created_at').execute();
  const refusal = await openRefusal(db, actor, problem);
  return { items: rows.map((r) => presentItem(r, day)), abilities: { open: refusal === null } };
}

// ---------- changing ----------

/**
 * A new id that sorts after `after`. The timeline is ordered by (at, id); two entries within one
 * millisecond (or under a clock that stands still) keep the order they were written in.
 */
export function idAfter(after: string | null | undefined): string {
  const previous = after ? Number.parseInt(after.replace(/-/g, '').slice(0, 12), 16) : 0;
  return newId(Math.max(Date.now(), previous + 1));
}

export const gradeLabels: Record<RectificationGrade, Record<Locale, string>> = {
  good: { 'zh-CN': '好', en: 'good' }, fair: { 'zh-CN': '较好', en: 'fair' }, average: { 'zh-CN': '一般', en: 'average' }, poor: { 'zh-CN': '差', en: 'poor' },
};

type NotificationKey =
  | 'RECTIFICATION_NOTIFY_OPENED' | 'RECTIFICATION_NOTIFY_SUBMITTED' | 'RECTIFICATION_NOTIFY_EXTENSION_REQUESTED' | 'RECTIFICATION_NOTIFY_SENT_BACK'
  | 'RECTIFICATION_NOTIFY_VERIFIED' | 'RECTIFICATION_NOTIFY_SIGNED_OFF' | 'RECTIFICATION_NOTIFY_REOPENED' | 'RECTIFICATION_NOTIFY_EXTENSION_APPROVED'
  | 'RECTIFICATION_NOTIFY_EXTENSION_REFUSED';

interface SideNotification {
  to: RectificationSide;
  key: NotificationKey;
  /** Parameters of the title; a grade is given by key and shown in the reader's language. */
  params?: Record<string, string>;
  grade?: RectificationGrade;
  body?: string | null;
}

/** Tell the other side, each account in its own language, inside the change's transaction. */
async function notifySide(trx: Executor, platform: Platform, ctx: RequestContext, item: RectificationsTable & { unit_name: string }, n: SideNotification) {
  const ids = (n.to === 'owner'
    ? await accountsAnsweringFor(trx, { id: item.unit_id, regionPath: item.region_path }, item.office_region_path)
    : await accountsOfOffice(trx, item.office_region_path)).filter((id) => id !== ctx.actor?.id);
  if (ids.length === 0) return;
  const accounts = await trx.selectFrom('accounts').select(['id', 'locale']).where('id', 'in', ids).execute();
  for (const locale of ['zh-CN', 'en'] as const) {
    const to = accounts.filter((a) => (a.locale === 'en' ? 'en' : 'zh-CN') === locale).map((a) => a.id);
    const params = { unit: item.unit_name, ...n.params, ...(n.grade ? { grade: gradeLabels[n.grade][locale] } : {}) };
    await notifyAccounts(trx, platform, to, {
      kind: n.key.replace('RECTIFICATION_NOTIFY_', 'rectification.').toLowerCase(), title: t(locale, n.key, params),
      body: n.body ?? item.demand, link: `/rectifications/${item.id}`, entityType: 'rectification', entityId: item.id,
    });
  }
}

/** Refuse a caller who sees the item but is not the side the action belongs to, naming who may. */
function requireSide(actor: Actor, row: ItemRow, action: RectificationAction, locale: Locale) {
  const side = rectificationActions[action].side;
  if (sideOf(actor, row) === side) return;
  const label = actionLabels[action][locale];
  throw side === 'owner'
    ? forbidden('RECTIFICATION_NOT_OWNER', { action: label, unit: row.unit_name })
    : forbidden('RECTIFICATION_NOT_OFFICE', { action: label, office: row.office_name });
}

/** Side (403), then state (409): the checks every action makes once findItem has answered 404 outside the scope. */
function checkAction(actor: Actor, row: ItemRow, action: RectificationAction, locale: Locale): { from: RectificationStatus; to: RectificationStatus } {
  requireSide(actor, row, action, locale);
  const from = row.status as RectificationStatus;
  // Signing off what nobody verified is the mistake worth naming, not just the status.
  if (action === 'signOff' && (['pending', 'in_progress', 'submitted'] as RectificationStatus[]).includes(from)) {
    throw new AppError('CONFLICT', 'RECTIFICATION_SIGN_OFF_UNVERIFIED', { status: statusLabels[from][locale] });
  }
  return { from, to: transition(from, action, locale) };
}

/** The caller may take the action now: for a multipart report, checked before any file is stored. */
export async function assertCanAct(db: Executor, actor: Actor, id: string, action: RectificationAction, locale: Locale): Promise<void> {
  checkAction(actor, await findItem(db, actor, id), action, locale);
}

/** What one action changes: the row's columns, the timeline entry, evidence and whom to tell. */
interface Step {
  set?: Partial<Omit<RectificationsTable, 'id' | 'status' | 'updated_at'>>;
  event: { kind: string; text?: string | null; percent?: number | null; grade?: RectificationGrade | null };
  files?: StoredUpload[];
  notify?: SideNotification;
}

/**
 * Take an action on an item in one transaction: lock it, check scope, side and state, apply the step, move
 * the status through the state table, write the timeline entry, keep the problems' status in line, notify
 * the other side and write the audit entry. Answers with the item as the caller sees it once committed.
 */
async function act(platform: Platform, ctx: RequestContext, id: string, action: RectificationAction, decide: (trx: Executor, row: ItemRow, now: string) => Promise<Step>) {
  const actor = ctx.actor!;
  const db = platform.database.db;
  const day = await deadlineDay(platform);
  await db.transaction().execute(async (trx) => {
    // Concurrent actions on one item queue here (SQLite transactions are already serial).
    await platform.database.lockingRows(trx.selectFrom('rectifications').select('id').where('id', '=', id)).execute();
    const row = await findItem(trx, actor, id);
    const { from, to } = checkAction(actor, row, action, ctx.locale);
    const now = platform.clock.now().toISOString();
    const step = await decide(trx, row, now);
    const set = { ...step.set, status: to, updated_at: now };
    const updated = await trx.updateTable('rectifications').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'RECTIFICATION_CHANGED');
    const latest = await trx.selectFrom('rectification_events').select('id').where('rectification_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
    const event = {
      id: idAfter(latest?.id), rectification_id: id, kind: step.event.kind, from_status: from, to_status: to, text: step.event.text ?? null,
      percent: step.event.percent ?? null, grade: step.event.grade ?? null, actor_id: actor.id, actor_name: actor.displayName, at: now,
    };
    await trx.insertInto('rectification_events').values(event).execute();
    // Ids in upload order, so the files list in the order they were sent.
    let fileId = event.id;
    const files: FilesTable[] = (step.files ?? []).map((f) => ({
      id: (fileId = idAfter(fileId)), sha256: f.sha256, size: f.size, mime: f.mime, name: f.name.slice(0, 200), entity_type: 'rectification_event', entity_id: event.id,
      region_path: row.region_path, uploaded_by: actor.id, created_at: now,
    }));
    if (files.length > 0) await trx.insertInto('files').values(files).execute();
    if (from !== to) {
      const problemIds = (await trx.selectFrom('rectification_problems').select('problem_id').where('rectification_id', '=', id).execute()).map((p) => p.problem_id);
      await syncProblemStatuses(trx, now, problemIds);
    }
    if (step.notify) await notifySide(trx, platform, ctx, row, step.notify);
    // Last: the audit chain's head stays locked from here to the commit, and every audited write queues on it.
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, row[k as keyof RectificationsTable]]));
    await platform.audit.record(trx, ctx, {
      action: `rectification.${action}`, entityType: 'rectification', entityId: id,
      detail: { before, after: set, event: { id: event.id, kind: event.kind, text: event.text, percent: event.percent, grade: event.grade }, files: files.map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })) },
    });
  });
  // Read once committed, outside the lock, as any later read would.
  return itemDetail(db, actor, id, day);
}

function notInPast(field: string, date: string, today: string) {
  if (date < today) throw invalidField(field, 'RECTIFICATION_DEADLINE_PAST', { today });
}

export function plan(platform: Platform, ctx: RequestContext, id: string, input: { responsiblePerson: string; measures: string }) {
  return act(platform, ctx, id, 'plan', async () => ({
    set: { responsible_person: input.responsiblePerson, measures: input.measures },
    event: { kind: 'plan', text: input.measures },
  }));
}

export function reportProgress(platform: Platform, ctx: RequestContext, id: string, input: { text: string; percent: number }, files: StoredUpload[]) {
  return act(platform, ctx, id, 'progress', async () => ({
    set: { percent: input.percent },
    event: { kind: 'progress', text: input.text, percent: input.percent },
    files,
  }));
}

export function submit(platform: Platform, ctx: RequestContext, id: string, input: { text: string }) {
  return act(platform, ctx, id, 'submit', async (trx, row, now) => {
    const evidence = await evidenceFiles(trx, id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    if (Number(evidence?.n ?? 0) === 0) throw new AppError('CONFLICT', 'RECTIFICATION_NO_EVIDENCE');
    // Done early: a pending extension request no longer needs a decision.
    await trx.updateTable('rectification_extensions').set({ status: 'withdrawn', decided_at: now }).where('rectification_id', '=', id).where('status', '=', 'pending').execute();
    return {
      set: { submitted_at: now, first_submitted_at: row.first_submitted_at ?? now, percent: 100 },
      event: { kind: 'submit', text: input.text, percent: 100 },
      notify: { to: 'office', key: 'RECTIFICATION_NOTIFY_SUBMITTED', body: input.text },
    };
  });
}

export function sendBack(platform: Platform, ctx: RequestContext, id: string, input: { reason: string; grade?: 'poor' }) {
  return act(platform, ctx, id, 'sendBack', async (_trx, row) => ({
    set: { sent_back_count: row.sent_back_count + 1, submitted_at: null, ...(input.grade ? { grade: input.grade } : {}) },
    event: { kind: 'send_back', text: input.reason, grade: input.grade ?? null },
    notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_SENT_BACK', body: input.reason },
  }));
}

export function verify(platform: Platform, ctx: RequestContext, id: string, input: { method: 'documents' | 'on_site'; visitId?: string | null; note: string; grade: 'good' | 'fair' | 'average' }) {
  const actor = ctx.actor!;
  return act(platform, ctx, id, 'verify', async (trx, row, now) => {
    let visitId: string | null = null;
    if (input.method === 'on_site') {
      if (!input.visitId) throw invalidField('visitId', 'RECTIFICATION_VISIT_REQUIRED');
      const visit = await trx.selectFrom('visits').select('visits.id').where('visits.id', '=', input.visitId).where('visits.unit_id', '=', row.unit_id)
        .where(visitsScope(actor)).executeTakeFirst();
      if (!visit) throw invalidField('visitId', 'RECTIFICATION_VISIT_UNKNOWN');
      visitId = visit.id;
    }
    return {
      set: { verified_at: now, verified_by: actor.id, verification_method: input.method, verification_visit_id: visitId, verification_note: input.note, grade: input.grade },
      event: { kind: 'verify', text: input.note, grade: input.grade },
      notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_VERIFIED', grade: input.grade, body: input.note },
    };
  });
}

export function signOff(platform: Platform, ctx: RequestContext, id: string, input: { note?: string }) {
  return act(platform, ctx, id, 'signOff', async (_trx, _row, now) => ({
    set: { signed_off_at: now, signed_off_by: ctx.actor!.id },
    event: { kind: 'sign_off', text: input.note || null },
    notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_SIGNED_OFF', body: input.note || null },
  }));
}

export function reopen(platform: Platform, ctx: RequestContext, id: string, input: { reason: string; deadline: string }) {
  return act(platform, ctx, id, 'reopen', async (_trx, row, now) => {
    notInPast('deadline', input.deadline, chinaToday(new Date(now)));
    return {
      // Found again: the work starts over against the new deadline; the earlier cycle stays in the timeline.
      set: {
        deadline: input.deadline, reopened_count: row.reopened_count + 1, percent: 0, submitted_at: null, verified_at: null, verified_by: null,
        verification_method: null, verification_visit_id: null, verification_note: null, signed_off_at: null, signed_off_by: null,
      },
      event: { kind: 'reopen', text: input.reason },
      notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_REOPENED', params: { deadline: input.deadline }, body: input.reason },
    };
  });
}

export function requestExtension(platform: Platform, ctx: RequestContext, id: string, input: { requestedDeadline: string; reason: string }) {
  const actor = ctx.actor!;
  return act(platform, ctx, id, 'requestExtension', async (trx, row, now) => {
    const pending = await trx.selectFrom('rectification_extensions').select('id').where('rectification_id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw new AppError('CONFLICT', 'RECTIFICATION_EXTENSION_PENDING');
    if (input.requestedDeadline <= row.deadline) throw invalidField('requestedDeadline', 'RECTIFICATION_EXTENSION_NOT_LATER', { deadline: row.deadline });
    notInPast('requestedDeadline', input.requestedDeadline, chinaToday(new Date(now)));
    await trx.insertInto('rectification_extensions').values({
      id: newId(), rectification_id: id, current_deadline: row.deadline, requested_deadline: input.requestedDeadline, reason: input.reason, status: 'pending',
      requested_by: actor.id, requested_at: now, decided_by: null, decided_at: null, decision_note: null,
    }).execute();
    return {
      event: { kind: 'extension_requested', text: input.reason },
      notify: { to: 'office', key: 'RECTIFICATION_NOTIFY_EXTENSION_REQUESTED', params: { deadline: input.requestedDeadline }, body: input.reason },
    };
  });
}

export function decideExtension(platform: Platform, ctx: RequestContext, id: string, extensionId: string, input: { approve: boolean; note?: string }) {
  const actor = ctx.actor!;
  return act(platform, ctx, id, 'decideExtension', async (trx, row, now) => {
    const ext = await trx.selectFrom('rectification_extensions').selectAll().where('id', '=', extensionId).where('rectification_id', '=', id).executeTakeFirst();
    if (!ext) throw notFound();
    if (ext.status !== 'pending') throw new AppError('CONFLICT', 'RECTIFICATION_EXTENSION_DECIDED');
    await trx.updateTable('rectification_extensions')
      .set({ status: input.approve ? 'approved' : 'refused', decided_by: actor.id, decided_at: now, decision_note: input.note || null })
      .where('id', '=', extensionId).execute();
    const note = input.note || null;
    return input.approve
      ? {
        // The deadline moves; original_deadline keeps the first one for the on-time rate.
        set: { deadline: ext.requested_deadline },
        event: { kind: 'extension_approved', text: note },
        notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_EXTENSION_APPROVED', params: { deadline: ext.requested_deadline }, body: note ?? ext.reason },
      }
      : {
        event: { kind: 'extension_refused', text: note },
        notify: { to: 'owner', key: 'RECTIFICATION_NOTIFY_EXTENSION_REFUSED', params: { deadline: row.deadline }, body: note ?? ext.reason },
      };
  });
}

// ---------- problems put under rectification ----------

/** Why the caller may not put this problem under rectification now, or null when it may. */
async function openRefusal(db: Executor, actor: Actor, problem: { id: string; unit_id: string | null; region_path: string }): Promise<AppError | null> {
  if (!actor.permissions.has('rectification.verify') || actor.scope.kind !== 'region' || !scopeCoversPath(actor.scope, problem.region_path)) {
    return forbidden('RECTIFICATION_PROBLEM_NOT_OFFICE');
  }
  if (!problem.unit_id) return new AppError('CONFLICT', 'RECTIFICATION_PROBLEM_NO_UNIT');
  const live = await db.selectFrom('rectification_problems').innerJoin('rectifications', 'rectifications.id', 'rectification_problems.rectification_id')
    .select('rectifications.id').where('rectification_problems.problem_id', '=', problem.id).where('rectifications.status', '<>', 'cancelled').executeTakeFirst();
  if (live) return new AppError('CONFLICT', 'RECTIFICATION_PROBLEM_LIVE');
  return null;
}

/**
 * Put a problem under rectification: the caller's office supervises, the problem's unit owns the item,
 * the deadline is today or later. The problem becomes 'rectifying' and the owner is told.
 */
export async function openForProblem(platform: Platform, ctx: RequestContext, problemId: string, input: { deadline: string; demand?: string }) {
  const actor = ctx.actor!;
  const day = await deadlineDay(platform);
  return platform.database.db.transaction().execute(async (trx) => {
    await platform.database.lockingRows(trx.selectFrom('problems').select('id').where('id', '=', problemId)).execute();
    const problem = await trx.selectFrom('problems').selectAll().where('problems.id', '=', problemId).where(problemsScope(actor)).executeTakeFirst();
    if (!problem) throw notFound();
    const refusal = await openRefusal(trx, actor, problem);
    if (refusal) throw refusal;
    notInPast('deadline', input.deadline, day.today);
    // openRefusal let only an office (a region scope) through: it supervises the new item.
    const office = actor.scope as Extract<ActorScope, { kind: 'region' }>;
    const unit = await trx.selectFrom('units').select(['id', 'name', 'region_id', 'region_path']).where('id', '=', problem.unit_id!).executeTakeFirstOrThrow();
    const [row] = await openRectifications(trx, platform, ctx, [{
      origin: 'problem', noticeId: null, noticeItemId: null, taskId: problem.task_id,
      unit: { id: unit.id, regionId: unit.region_id, regionPath: unit.region_path },
      office: { regionId: office.regionId, regionPath: office.regionPath },
      demand: input.demand ?? problem.description, deadline: input.deadline, problemIds: [problem.id],
    }]);
    await notifySide(trx, platform, ctx, { ...row, unit_name: unit.name }, {
      to: 'owner', key: 'RECTIFICATION_NOTIFY_OPENED', params: { deadline: input.deadline }, body: row.demand,
    });
    return itemDetail(trx, actor, row.id, day);
  });
}

/** A progress report's text fields, which arrive in a multipart form beside the files. */
export function progressInput(fields: Record<string, string>): { text: string; percent: number } {
  const text = (fields.text ?? '').trim();
  if (text.length === 0 || text.length > 4000) throw invalidField('text', 'RECTIFICATION_TEXT_REQUIRED');
  const raw = (fields.percent ?? '').trim();
  const percent = Number(raw);
  if (raw === '' || !Number.isInteger(percent) || percent < 0 || percent > 100) throw invalidField('percent', 'RECTIFICATION_PERCENT');
  return { text, percent };
}
