import { sql } from 'kysely';
import type { Readable } from 'node:stream';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { NoticesTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors';
import {
  answersForUnit, deliveredNoticeStatuses, isInSubtree, noticesAnsweredBy, noticesScope, problemsScope, rectificationsScope, regionPathScope,
  scopeCoversPath, tasksScope,
} from '../../platform/scope';
import { newId } from '../../platform/ids';
import { t, type Locale } from '../../platform/i18n';
import { storeUpload } from '../../platform/files';
import { permissionsOf, roles } from '../../platform/permissions';
import { describeFieldIssue } from '../../platform/validation';
import { chinaToday } from '../inspectors/people';
import { openRectifications, cancelRectificationsOfNotice, type NewRectification } from '../rectification/rectification.core';
import type { RectificationStatus } from '../rectification/rectification-status';
import { accountsAnsweringForUnits, accountsOfOffice, notifyAccounts } from '../workbench/notify';
import {
  acknowledgeableStatuses, noticeActions, replyableStatuses, statusLabels, transition, type NoticeAction, type NoticeStatus,
} from './notice-status';
import { noticeDraftInput, type InboxQuery, type NoticeListQuery, type RecipientKind } from './notices.schemas';
import { effectivePattern, typeName, usableType } from './notices.settings';
import { renderNumber, takeNextNumber } from './notices.numbering';
import { supervisionOfficeName } from '../units/units.service';

export interface NoticeDraftInput {
  regionId: string;              // the issuing office's region: must be the caller's own region
  typeKey: string;
  title: string;
  body: string;
  basis?: { title: string; docNo?: string | null }[];
  taskId?: string | null;
  escalatedFrom?: string | null; // e.g. 'overdue' or 'ranking:2026', shown on the notice
  recipients: { unitId: string; kind: 'main' | 'copy' }[];
  items: { demand: string; deadline: string; unitIds?: string[] | null; problemIds?: string[] }[];
  /** The issuing organ as printed; by default the office's supervision-office unit. */
  issuerName?: string | null;
}

type Draft = Omit<NoticeDraftInput, 'regionId' | 'escalatedFrom'>;
type Office = { id: string; path: string; name: string };

// ---------- who may do what ----------

/** The issuing side: the notice's office and the offices above it (and an unscoped administrator). */
function isOfficeSide(actor: Actor, n: Pick<NoticesTable, 'region_path'>): boolean {
  return scopeCoversPath(actor.scope, n.region_path);
}

/** May the caller take this action on this notice, as far as status, permission and place go? */
function may(actor: Actor, n: Pick<NoticesTable, 'status' | 'region_path' | 'drafted_by'>, action: NoticeAction): boolean {
  const rule = noticeActions[action];
  if (!(rule.from as readonly string[]).includes(n.status) || !actor.permissions.has(rule.permission)) return false;
  if (actor.scope.kind !== 'region' || !isOfficeSide(actor, n)) return false;
  return action !== 'approve' || n.drafted_by !== actor.id;
}

/** Refuses an action with the reason: the state table's 409, the scope's 403, or the four-eyes rule. */
function assertMay(actor: Actor, n: Pick<NoticesTable, 'status' | 'region_path' | 'drafted_by'>, action: NoticeAction, locale: Locale): void {
  if (actor.scope.kind !== 'region' || !isOfficeSide(actor, n)) throw new AppError('FORBIDDEN');
  transition(n.status as NoticeStatus, action, locale);
  if (action === 'approve' && n.drafted_by === actor.id) throw new AppError('FORBIDDEN', 'NOTICE_OWN_APPROVAL');
}

const approverRoles = roles.filter((r) => permissionsOf(r).has('notices.approve'));

// ---------- drafts ----------

function today(platform: Platform): string {
  return chinaToday(platform.clock.now());
}

/**
 * Check a draft against the office it is written in: every problem is collected and reported at once, each
 * naming its field. Recipients are active units in the office's subtree other than the office's own
 * supervision-office unit; items' units are main recipients; deadlines are not before today; linked
 * problems are visible to the caller, open, and at one of the item's units.
 */
async function checkDraft(db: Executor, platform: Platform, actor: Actor, office: Office, d: Draft) {
  const issues: FieldIssue[] = [];
  const type = await usableType(db, actor, d.typeKey);
  const unitIds = [...new Set(d.recipients.map((r) => r.unitId))];
  const units = unitIds.length
    ? await db.selectFrom('units').select(['id', 'name', 'kind', 'region_id', 'region_path', 'active']).where('id', 'in', unitIds).execute()
    : [];
  const unitById = new Map(units.map((u) => [u.id, u]));
  const seen = new Set<string>();
  d.recipients.forEach((r, i) => {
    const u = unitById.get(r.unitId);
    if (!u || u.active !== 1 || !isInSubtree(u.region_path, office.path) || (u.kind === 'supervision_office' && u.region_id === office.id)) {
      issues.push({ field: `recipients.${i}.unitId`, key: 'NOTICE_RECIPIENT_OUTSIDE' });
    } else if (seen.has(r.unitId)) {
      issues.push({ field: `recipients.${i}.unitId`, key: 'NOTICE_RECIPIENT_REPEATED', params: { name: u.name } });
    }
    seen.add(r.unitId);
  });
  const main = new Set(d.recipients.filter((r) => r.kind === 'main').map((r) => r.unitId));
  const day = today(platform);
  const problemIds = [...new Set(d.items.flatMap((i) => i.problemIds ?? []))];
  const problems = problemIds.length
    ? await db.selectFrom('problems').select(['id', 'unit_id', 'status', 'description']).where('id', 'in', problemIds).where(problemsScope(actor)).execute()
    : [];
  const problemById = new Map(problems.map((p) => [p.id, p]));
  d.items.forEach((item, i) => {
    if (item.deadline < day) issues.push({ field: `items.${i}.deadline`, key: 'NOTICE_DEADLINE_PAST', params: { date: item.deadline, today: day } });
    const outside = (item.unitIds ?? []).find((u) => !main.has(u));
    if (outside) issues.push({ field: `items.${i}.unitIds`, key: 'NOTICE_ITEM_UNIT_NOT_MAIN', params: { name: unitById.get(outside)?.name ?? outside } });
    const applies = new Set(item.unitIds ?? main);
    for (const pid of item.problemIds ?? []) {
      const p = problemById.get(pid);
      const short = p ? p.description.slice(0, 20) : '';
      if (!p) issues.push({ field: `items.${i}.problemIds`, key: 'NOTICE_PROBLEM_UNKNOWN' });
      else if (p.status === 'closed') issues.push({ field: `items.${i}.problemIds`, key: 'NOTICE_PROBLEM_CLOSED', params: { problem: short } });
      else if (!p.unit_id || !applies.has(p.unit_id)) issues.push({ field: `items.${i}.problemIds`, key: 'NOTICE_PROBLEM_UNIT', params: { problem: short } });
    }
  });
  if (d.taskId && !(await db.selectFrom('supervision_tasks').select('id').where('id', '=', d.taskId).where(tasksScope(actor)).executeTakeFirst())) {
    issues.push({ field: 'taskId', key: 'NOTICE_TASK_UNKNOWN' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
  return { type, unitById };
}

/** The same structural rules as the routes' schema, for callers inside the server. */
function parseDraft(ctx: RequestContext, input: NoticeDraftInput): NoticeDraftInput {
  const parsed = noticeDraftInput.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION', 'VALIDATION', {}, {
    fields: parsed.error.issues.map((issue) => {
      const field = issue.path.join('.');
      return { field, key: 'NOTICE_FIELD_TEXT' as const, params: { text: describeFieldIssue(ctx.locale, field, issue as never) } };
    }),
  });
}

async function writeChildren(trx: Executor, noticeId: string, d: Draft, unitById: Map<string, { region_path: string }>) {
  if (d.recipients.length > 0) {
    await trx.insertInto('notice_recipients').values(d.recipients.map((r, i) => ({
      id: newId(), notice_id: noticeId, unit_id: r.unitId, region_path: unitById.get(r.unitId)!.region_path, kind: r.kind, sort: i + 1,
      acknowledged_at: null, acknowledged_by: null, acknowledged_by_name: null, replied_at: null,
    }))).execute();
  }
  for (const [i, item] of d.items.entries()) {
    const itemId = newId();
    await trx.insertInto('notice_items').values({
      id: itemId, notice_id: noticeId, seq: i + 1, demand: item.demand, deadline: item.deadline, unit_ids: item.unitIds?.length ? JSON.stringify(item.unitIds) : null,
    }).execute();
    const problemIds = [...new Set(item.problemIds ?? [])];
    if (problemIds.length > 0) await trx.insertInto('notice_item_problems').values(problemIds.map((problemId) => ({ item_id: itemId, problem_id: problemId }))).execute();
  }
}

async function deleteChildren(trx: Executor, noticeId: string) {
  await trx.deleteFrom('notice_item_problems').where('item_id', 'in', (eb) => eb.selectFrom('notice_items').select('id').where('notice_id', '=', noticeId)).execute();
  await trx.deleteFrom('notice_items').where('notice_id', '=', noticeId).execute();
  await trx.deleteFrom('notice_recipients').where('notice_id', '=', noticeId).execute();
}

/** A draft as it is stored, in the input's shape (for editing and for the audit's before image). */
async function storedDraft(db: Executor, n: NoticesTable): Promise<Draft> {
  const recipients = await db.selectFrom('notice_recipients').select(['unit_id', 'kind']).where('notice_id', '=', n.id).orderBy('sort').execute();
  const items = await db.selectFrom('notice_items').selectAll().where('notice_id', '=', n.id).orderBy('seq').execute();
  const links = items.length ? await db.selectFrom('notice_item_problems').selectAll().where('item_id', 'in', items.map((i) => i.id)).execute() : [];
  return {
    typeKey: n.type_key, title: n.title, body: n.body, basis: JSON.parse(n.basis), taskId: n.task_id, issuerName: n.issuer_name,
    recipients: recipients.map((r) => ({ unitId: r.unit_id, kind: r.kind as RecipientKind })),
    items: items.map((i) => ({
      demand: i.demand, deadline: i.deadline, unitIds: i.unit_ids ? (JSON.parse(i.unit_ids) as string[]) : null,
      problemIds: links.filter((l) => l.item_id === i.id).map((l) => l.problem_id),
    })),
  };
}

const basisJson = (basis: Draft['basis']) => JSON.stringify((basis ?? []).map((b) => ({ title: b.title, docNo: b.docNo ?? null })));

/** Validates like the create route (units below the office, deadlines not in the past …) and audits. */
export async function createNoticeDraft(trx: Executor, platform: Platform, ctx: RequestContext, input: NoticeDraftInput): Promise<{ id: string }> {
  const actor = ctx.actor!;
  const draft = parseDraft(ctx, input);
  if (actor.scope.kind !== 'region' || draft.regionId !== actor.scope.regionId) throw new AppError('FORBIDDEN', 'NOTICE_OWN_OFFICE');
  const office = await trx.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', draft.regionId).executeTakeFirstOrThrow();
  const { unitById } = await checkDraft(trx, platform, actor, office, draft);
  const now = platform.clock.now().toISOString();
  const issuer = draft.issuerName || (await supervisionOfficeName(trx, office));
  const row: NoticesTable = {
    id: newId(), region_id: office.id, region_path: office.path, issuer_name: issuer, type_key: draft.typeKey, title: draft.title, body: draft.body,
    basis: basisJson(draft.basis), status: 'draft', task_id: draft.taskId ?? null, escalated_from: draft.escalatedFrom ?? null, doc_number: null, doc_year: null,
    doc_seq: null, printed_by: issuer, drafted_by: actor.id, submitted_at: null, approved_by: null, approved_at: null, approval_note: null, issued_by: null,
    issued_at: null, issue_date: null, closed_at: null, withdrawn_at: null, withdrawn_reason: null, created_at: now, updated_at: now,
  };
  await trx.insertInto('notices').values(row).execute();
  await writeChildren(trx, row.id, draft, unitById);
  await platform.audit.record(trx, ctx, { action: 'notice.create', entityType: 'notice', entityId: row.id, detail: { after: { ...row, recipients: draft.recipients, items: draft.items } } });
  return { id: row.id };
}

export async function createNotice(platform: Platform, ctx: RequestContext, input: Omit<NoticeDraftInput, 'regionId'> & { regionId?: string }) {
  const actor = ctx.actor!;
  const regionId = input.regionId ?? (actor.scope.kind === 'region' ? actor.scope.regionId : '');
  return platform.database.db.transaction().execute(async (trx) => {
    const { id } = await createNoticeDraft(trx, platform, ctx, { ...input, regionId });
    return noticeDetail(trx, actor, ctx.locale, id);
  });
}

/** The notice row for a change: in scope (404 otherwise) and locked until the transaction ends. */
async function lockNotice(trx: Executor, platform: Platform, actor: Actor, id: string): Promise<NoticesTable> {
  const row = await platform.database.lockingRows(trx.selectFrom('notices').selectAll().where('id', '=', id).where(noticesScope(actor.scope))).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function updateNotice(platform: Platform, ctx: RequestContext, id: string, patch: Partial<Draft>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const n = await lockNotice(trx, platform, actor, id);
    assertMay(actor, n, 'edit', ctx.locale);
    const before = await storedDraft(trx, n);
    const draft: Draft = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const office = await trx.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', n.region_id).executeTakeFirstOrThrow();
    const { unitById } = await checkDraft(trx, platform, actor, office, draft);
    const issuer = draft.issuerName || (await supervisionOfficeName(trx, office));
    await trx.updateTable('notices').set({
      type_key: draft.typeKey, title: draft.title, body: draft.body, basis: basisJson(draft.basis), task_id: draft.taskId ?? null,
      issuer_name: issuer, printed_by: issuer, updated_at: platform.clock.now().toISOString(),
    }).where('id', '=', id).execute();
    if (patch.recipients !== undefined || patch.items !== undefined) {
      await deleteChildren(trx, id);
      await writeChildren(trx, id, draft, unitById);
    }
    await platform.audit.record(trx, ctx, { action: 'notice.update', entityType: 'notice', entityId: id, detail: { before, after: draft } });
    return noticeDetail(trx, actor, ctx.locale, id);
  });
}

// ---------- workflow ----------

/** Deadlines are checked again whenever a notice moves on: a draft can age while it waits. */
async function assertReadyToSend(trx: Executor, platform: Platform, n: NoticesTable) {
  const issues: FieldIssue[] = [];
  const main = await trx.selectFrom('notice_recipients').select('id').where('notice_id', '=', n.id).where('kind', '=', 'main').executeTakeFirst();
  if (!main) issues.push({ field: 'recipients', key: 'NOTICE_MAIN_REQUIRED' });
  const day = today(platform);
  const items = await trx.selectFrom('notice_items').select(['seq', 'deadline']).where('notice_id', '=', n.id).orderBy('seq').execute();
  for (const item of items) {
    if (item.deadline < day) issues.push({ field: `items.${item.seq - 1}.deadline`, key: 'NOTICE_DEADLINE_PAST', params: { date: item.deadline, today: day } });
  }
  if (issues.length > 0) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
}

async function accountsOfRoles(db: Executor, regionPath: string, roleList: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('accounts').innerJoin('regions', 'regions.id', 'accounts.scope_region_id').select('accounts.id')
    .where('accounts.active', '=', 1).where('accounts.role', 'in', [...roleList]).where('regions.path', '=', regionPath).execute();
  return rows.map((r) => r.id);
}

/** Every account answering for a recipient of the notice, main or copy. */
async function recipientAccounts(db: Executor, n: NoticesTable): Promise<string[]> {
  const recipients = await db.selectFrom('notice_recipients').select(['unit_id', 'region_path']).where('notice_id', '=', n.id).execute();
  return accountsAnsweringForUnits(db, recipients.map((r) => ({ id: r.unit_id, regionPath: r.region_path })), n.region_path);
}

const zh = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t('zh-CN', key, params);

async function moveNotice(
  platform: Platform, ctx: RequestContext, id: string, action: Exclude<NoticeAction, 'edit' | 'issue'>,
  apply: (trx: Executor, n: NoticesTable, now: string) => Promise<Partial<NoticesTable>>,
) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const n = await lockNotice(trx, platform, actor, id);
    assertMay(actor, n, action, ctx.locale);
    const now = platform.clock.now().toISOString();
    const set = { ...(await apply(trx, n, now)), status: noticeActions[action].to, updated_at: now };
    await trx.updateTable('notices').set(set).where('id', '=', id).execute();
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, n[k as keyof NoticesTable]]));
    await platform.audit.record(trx, ctx, { action: `notice.${action}`, entityType: 'notice', entityId: id, detail: { before, after: set } });
    return noticeDetail(trx, actor, ctx.locale, id);
  });
}

export function submitNotice(platform: Platform, ctx: RequestContext, id: string) {
  return moveNotice(platform, ctx, id, 'submit', async (trx, n, now) => {
    await assertReadyToSend(trx, platform, n);
    const approvers = (await accountsOfRoles(trx, n.region_path, approverRoles)).filter((a) => a !== ctx.actor!.id);
    await notifyAccounts(trx, platform, approvers, { kind: 'notice.submitted', title: zh('NOTICE_NOTIFY_SUBMITTED', { title: n.title }), link: `/notices/${n.id}`, entityType: 'notice', entityId: n.id });
    return { submitted_at: now };
  });
}

export function approveNotice(platform: Platform, ctx: RequestContext, id: string, note: string | null) {
  return moveNotice(platform, ctx, id, 'approve', async (trx, n, now) => {
    await notifyAccounts(trx, platform, [n.drafted_by], { kind: 'notice.approved', title: zh('NOTICE_NOTIFY_APPROVED', { title: n.title }), body: note, link: `/notices/${n.id}`, entityType: 'notice', entityId: n.id });
    return { approved_by: ctx.actor!.id, approved_at: now, approval_note: note };
  });
}

export function returnNotice(platform: Platform, ctx: RequestContext, id: string, note: string) {
  return moveNotice(platform, ctx, id, 'return', async (trx, n) => {
    await notifyAccounts(trx, platform, [n.drafted_by], {
      kind: 'notice.returned', title: zh('NOTICE_NOTIFY_RETURNED', { title: n.title }), body: zh('NOTICE_NOTIFY_RETURNED_BODY', { note }),
      link: `/notices/${n.id}`, entityType: 'notice', entityId: n.id,
    });
    return { approved_by: null, approved_at: null, submitted_at: null, approval_note: note };
  });
}

export function closeNotice(platform: Platform, ctx: RequestContext, id: string) {
  return moveNotice(platform, ctx, id, 'close', async (trx, n, now) => {
    const open = await trx.selectFrom('rectifications').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', '=', n.id).where('status', 'not in', ['signed_off', 'cancelled']).executeTakeFirstOrThrow();
    if (Number(open.n) > 0) throw new AppError('CONFLICT', 'NOTICE_ITEMS_OPEN', { count: Number(open.n) });
    return { closed_at: now };
  });
}

/** Withdrawal keeps the number (it is never issued again) and cancels the notice's open rectification items. */
export function withdrawNotice(platform: Platform, ctx: RequestContext, id: string, reason: string) {
  return moveNotice(platform, ctx, id, 'withdraw', async (trx, n, now) => {
    await cancelRectificationsOfNotice(trx, platform, ctx, n.id, reason);
    await notifyAccounts(trx, platform, await recipientAccounts(trx, n), {
      kind: 'notice.withdrawn', title: zh('NOTICE_NOTIFY_WITHDRAWN', { title: n.title }), body: zh('NOTICE_NOTIFY_WITHDRAWN_BODY', { number: n.doc_number ?? '', reason }),
      link: `/notices/${n.id}`, entityType: 'notice', entityId: n.id,
    });
    return { withdrawn_at: now, withdrawn_reason: reason };
  });
}

/**
 * Issue an approved notice: in one transaction it takes the next number of the office's series for the type
 * and year, opens a rectification item for every item × main recipient it applies to, and notifies the
 * recipients. Anything failing after the number was taken rolls the number back with everything else.
 */
export async function issueNotice(platform: Platform, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const n = await lockNotice(trx, platform, actor, id);
    assertMay(actor, n, 'issue', ctx.locale);
    await assertReadyToSend(trx, platform, n);
    const day = today(platform);
    const year = Number(day.slice(0, 4));
    const type = await trx.selectFrom('notice_types').select(['key', 'name_zh', 'name_en']).where('key', '=', n.type_key).executeTakeFirstOrThrow();
    const pattern = await effectivePattern(trx, n.region_id, type);
    const serial = await takeNextNumber(trx, n.region_id, n.type_key, year);
    const number = renderNumber(pattern, year, serial);
    if (await trx.selectFrom('notices').select('id').where('region_id', '=', n.region_id).where('doc_number', '=', number).executeTakeFirst()) {
      throw new AppError('CONFLICT', 'NOTICE_NUMBER_TAKEN', { number, type: typeName(type, ctx.locale) });
    }
    const now = platform.clock.now().toISOString();
    const set = { status: 'issued', doc_number: number, doc_year: year, doc_seq: serial, issued_by: actor.id, issued_at: now, issue_date: day, updated_at: now };
    await trx.updateTable('notices').set(set).where('id', '=', id).execute();

    const recipients = await trx.selectFrom('notice_recipients').innerJoin('units', 'units.id', 'notice_recipients.unit_id')
      .select(['units.id', 'units.name', 'units.region_id', 'units.region_path', 'units.active', 'notice_recipients.kind'])
      .where('notice_recipients.notice_id', '=', id).orderBy('notice_recipients.sort').execute();
    const inactive = recipients.find((r) => r.active !== 1);
    if (inactive) throw new AppError('CONFLICT', 'NOTICE_RECIPIENT_INACTIVE', { name: inactive.name });
    const main = recipients.filter((r) => r.kind === 'main');
    const items = await trx.selectFrom('notice_items').selectAll().where('notice_id', '=', id).orderBy('seq').execute();
    const links = items.length ? await trx.selectFrom('notice_item_problems').innerJoin('problems', 'problems.id', 'notice_item_problems.problem_id')
      .select(['notice_item_problems.item_id', 'problems.id', 'problems.unit_id']).where('notice_item_problems.item_id', 'in', items.map((i) => i.id)).execute() : [];
    const opened: NewRectification[] = items.flatMap((item) => {
      const unitIds = item.unit_ids ? new Set(JSON.parse(item.unit_ids) as string[]) : null;
      return main.filter((u) => !unitIds || unitIds.has(u.id)).map((u) => ({
        origin: 'notice' as const, noticeId: id, noticeItemId: item.id, taskId: n.task_id,
        unit: { id: u.id, regionId: u.region_id, regionPath: u.region_path }, office: { regionId: n.region_id, regionPath: n.region_path },
        demand: item.demand, deadline: item.deadline, problemIds: links.filter((l) => l.item_id === item.id && l.unit_id === u.id).map((l) => l.id),
      }));
    });
    await openRectifications(trx, platform, ctx, opened);
    await notifyAccounts(trx, platform, await recipientAccounts(trx, n), {
      kind: 'notice.issued', title: zh('NOTICE_NOTIFY_ISSUED', { title: n.title }), body: zh('NOTICE_NOTIFY_ISSUED_BODY', { issuer: n.issuer_name, number }),
      link: `/notices/${id}`, entityType: 'notice', entityId: id,
    });
    await platform.audit.record(trx, ctx, {
      action: 'notice.issue', entityType: 'notice', entityId: id, detail: { before: { status: n.status }, after: { ...set, rectifications: opened.length } },
    });
    return noticeDetail(trx, actor, ctx.locale, id);
  });
}

// ---------- reading ----------

function noticesBase(db: Executor, actor: Actor) {
  return db.selectFrom('notices')
    .innerJoin('notice_types', 'notice_types.key', 'notices.type_key')
    .innerJoin('regions', 'regions.id', 'notices.region_id')
    .where(noticesScope(actor.scope));
}

function listColumns<Q extends ReturnType<typeof noticesBase>>(q: Q) {
  return q.selectAll('notices').select(['notice_types.name_zh as type_zh', 'notice_types.name_en as type_en', 'regions.name as region_name'])
    .select((eb) => [
      eb.selectFrom('notice_recipients').select((e) => e.fn.countAll<number>().as('n')).whereRef('notice_recipients.notice_id', '=', 'notices.id')
        .where('notice_recipients.kind', '=', 'main').as('main_count'),
      eb.selectFrom('notice_recipients').select((e) => e.fn.countAll<number>().as('n')).whereRef('notice_recipients.notice_id', '=', 'notices.id')
        .where('notice_recipients.kind', '=', 'copy').as('copy_count'),
      eb.selectFrom('notice_recipients').select((e) => e.fn.countAll<number>().as('n')).whereRef('notice_recipients.notice_id', '=', 'notices.id')
        .where('notice_recipients.kind', '=', 'main').where('notice_recipients.acknowledged_at', 'is not', null).as('acknowledged_count'),
      eb.selectFrom('notice_recipients').select((e) => e.fn.countAll<number>().as('n')).whereRef('notice_recipients.notice_id', '=', 'notices.id')
        .where('notice_recipients.kind', '=', 'main').where('notice_recipients.replied_at', 'is not', null).as('replied_count'),
      eb.selectFrom('notice_items').select((e) => e.fn.min('notice_items.deadline').as('d')).whereRef('notice_items.notice_id', '=', 'notices.id').as('next_deadline'),
    ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listColumns>['executeTakeFirstOrThrow']>>;

function presentNotice(r: ListRow, locale: Locale) {
  return {
    id: r.id, type: { key: r.type_key, name: locale === 'en' ? r.type_en : r.type_zh }, title: r.title, status: r.status as NoticeStatus,
    docNumber: r.doc_number, issuerName: r.issuer_name, region: { id: r.region_id, name: r.region_name }, escalatedFrom: r.escalated_from,
    createdAt: r.created_at, updatedAt: r.updated_at, issuedAt: r.issued_at, issueDate: r.issue_date,
    counts: { main: Number(r.main_count ?? 0), copy: Number(r.copy_count ?? 0), acknowledged: Number(r.acknowledged_count ?? 0), replied: Number(r.replied_count ?? 0) },
    nextDeadline: (r.next_deadline as string | null) ?? null,
  };
}

export async function listNotices(db: Executor, actor: Actor, locale: Locale, f: NoticeListQuery) {
  let q = noticesBase(db, actor);
  if (f.side === 'office') q = q.where(regionPathScope(actor.scope, 'notices.region_path'));
  if (f.side === 'received') q = q.where((eb) => eb.not(regionPathScope(actor.scope, 'notices.region_path')(eb)));
  if (f.q) q = q.where((eb) => eb.or([eb('notices.title', 'like', `%${f.q}%`), eb('notices.doc_number', 'like', `%${f.q}%`)]));
  if (f.status) q = q.where('notices.status', '=', f.status);
  if (f.typeKey) q = q.where('notices.type_key', '=', f.typeKey);
  if (f.taskId) q = q.where('notices.task_id', '=', f.taskId);
  if (f.year) {
    const y = f.year;
    q = q.where((eb) => eb.or([
      eb('notices.doc_year', '=', y),
      eb.and([eb('notices.doc_year', 'is', null), eb('notices.created_at', '>=', `${y}-01-01`), eb('notices.created_at', '<', `${y + 1}-01-01`)]),
    ]));
  }
  if (f.waiting) {
    const column = f.waiting === 'acknowledgement' ? 'notice_recipients.acknowledged_at' : 'notice_recipients.replied_at';
    q = q.where('notices.status', '=', 'issued').where((eb) => eb.exists(eb.selectFrom('notice_recipients').select('notice_recipients.id')
      .whereRef('notice_recipients.notice_id', '=', 'notices.id').where('notice_recipients.kind', '=', 'main').where(column, 'is', null)));
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  let sorted = listColumns(q);
  if (f.sort === 'issuedAt') sorted = sorted.orderBy(sql`case when notices.issued_at is null then 1 else 0 end`).orderBy('notices.issued_at', f.order);
  else sorted = sorted.orderBy(f.sort === 'createdAt' ? 'notices.created_at' : 'notices.updated_at', f.order);
  const rows = await sorted.orderBy('notices.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentNotice(r, locale)), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function findNoticeInScope(db: Executor, actor: Actor, id: string) {
  const row = await listColumns(noticesBase(db, actor)).where('notices.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function noticeAttachments(db: Executor, noticeId: string) {
  const rows = await db.selectFrom('files').select(['id', 'name', 'mime', 'size', 'created_at', 'sha256']).where('entity_type', '=', 'notice').where('entity_id', '=', noticeId)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at, sha256: f.sha256, url: `/api/notices/${noticeId}/attachments/${f.id}/content` }));
}

async function accountNames(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  const rows = wanted.length ? await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', wanted).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r.display_name]));
  return (id: string | null) => (id ? { id, name: byId.get(id) ?? '' } : null);
}

/** The recipients of a notice with their units, and for each whether the caller answers for it. */
async function recipientsOf(db: Executor, actor: Actor, n: Pick<NoticesTable, 'id' | 'region_path' | 'status'>) {
  const rows = await db.selectFrom('notice_recipients').innerJoin('units', 'units.id', 'notice_recipients.unit_id')
    .selectAll('notice_recipients').select('units.name as unit_name')
    .where('notice_recipients.notice_id', '=', n.id).orderBy('notice_recipients.sort').execute();
  return rows.map((r) => {
    const answers = actor.permissions.has('notices.respond') && answersForUnit(actor.scope, { id: r.unit_id, regionPath: r.region_path }, n.region_path);
    return {
      ...r, answers,
      abilities: {
        acknowledge: answers && acknowledgeableStatuses.includes(n.status as NoticeStatus) && !r.acknowledged_at,
        reply: answers && replyableStatuses.includes(n.status as NoticeStatus) && r.kind === 'main',
      },
    };
  });
}

export async function noticeDetail(db: Executor, actor: Actor, locale: Locale, id: string) {
  const n = await findNoticeInScope(db, actor, id);
  const office = isOfficeSide(actor, n);
  const allRecipients = await recipientsOf(db, actor, n);
  // An addressee sees its own part: its recipient rows, the items addressed to it, its own replies.
  const recipients = office ? allRecipients : allRecipients.filter((r) => r.answers);
  const mine = new Set(recipients.map((r) => r.unit_id));
  const mainUnits = allRecipients.filter((r) => r.kind === 'main').map((r) => ({ id: r.unit_id, name: r.unit_name }));
  const items = await db.selectFrom('notice_items').selectAll().where('notice_id', '=', id).orderBy('seq').execute();
  const itemIds = items.map((i) => i.id);
  const problems = itemIds.length
    ? await db.selectFrom('notice_item_problems').innerJoin('problems', 'problems.id', 'notice_item_problems.problem_id').leftJoin('units', 'units.id', 'problems.unit_id')
      .select(['notice_item_problems.item_id', 'problems.id', 'problems.description', 'problems.status', 'problems.unit_id', 'units.name as unit_name'])
      .where('notice_item_problems.item_id', 'in', itemIds).where(problemsScope(actor)).execute()
    : [];
  const rectifications = await db.selectFrom('rectifications').select(['id', 'notice_item_id', 'unit_id', 'status'])
    .where('notice_id', '=', id).where(rectificationsScope(actor.scope)).orderBy('created_at').execute();
  const itemViews = items.map((i) => {
    const unitIds = i.unit_ids ? (JSON.parse(i.unit_ids) as string[]) : null;
    const units = unitIds ? mainUnits.filter((u) => unitIds.includes(u.id)) : mainUnits;
    return {
      id: i.id, seq: i.seq, demand: i.demand, deadline: i.deadline, allMain: !unitIds, units: office ? units : units.filter((u) => mine.has(u.id)),
      problems: problems.filter((p) => p.item_id === i.id).map((p) => ({ id: p.id, description: p.description, status: p.status, unit: p.unit_id ? { id: p.unit_id, name: p.unit_name ?? '' } : null })),
      rectifications: rectifications.filter((r) => r.notice_item_id === i.id).map((r) => ({ id: r.id, unitId: r.unit_id, status: r.status as RectificationStatus })),
    };
  }).filter((i) => office || i.units.length > 0);
  let repliesQuery = db.selectFrom('notice_replies').innerJoin('units', 'units.id', 'notice_replies.unit_id')
    .selectAll('notice_replies').select('units.name as unit_name').where('notice_replies.notice_id', '=', id);
  if (!office) repliesQuery = repliesQuery.where('notice_replies.unit_id', 'in', mine.size ? [...mine] : ['']);
  const replies = await repliesQuery.orderBy('notice_replies.replied_at').orderBy('notice_replies.id').execute();
  const name = await accountNames(db, [n.drafted_by, n.approved_by, n.issued_by]);
  const task = n.task_id ? await db.selectFrom('supervision_tasks').select(['id', 'title']).where('id', '=', n.task_id).executeTakeFirst() : undefined;
  const attachments = (await noticeAttachments(db, id)).map(({ sha256: _sha, ...a }) => a);
  return {
    ...presentNotice(n, locale),
    body: n.body, basis: (JSON.parse(n.basis) as { title: string; docNo?: string | null }[]).map((b) => ({ title: b.title, docNo: b.docNo ?? null })),
    task: task ? { id: task.id, title: task.title } : null, printedBy: n.printed_by ?? n.issuer_name,
    draftedBy: name(n.drafted_by)!, submittedAt: n.submitted_at, approvedBy: name(n.approved_by), approvedAt: n.approved_at, approvalNote: n.approval_note,
    issuedBy: name(n.issued_by), closedAt: n.closed_at, withdrawnAt: n.withdrawn_at, withdrawnReason: n.withdrawn_reason,
    recipients: recipients.map((r) => ({
      id: r.id, unit: { id: r.unit_id, name: r.unit_name }, kind: r.kind as RecipientKind, acknowledgedAt: r.acknowledged_at,
      acknowledgedByName: r.acknowledged_by_name, repliedAt: r.replied_at, abilities: r.abilities,
    })),
    items: itemViews,
    replies: replies.map((r) => ({ id: r.id, unit: { id: r.unit_id, name: r.unit_name }, body: r.body, repliedByName: r.replied_by_name, repliedAt: r.replied_at })),
    attachments,
    side: office ? ('office' as const) : ('recipient' as const),
    abilities: {
      edit: may(actor, n, 'edit'), submit: may(actor, n, 'submit'), approve: may(actor, n, 'approve'), return: may(actor, n, 'return'),
      issue: may(actor, n, 'issue'), close: may(actor, n, 'close'), withdraw: may(actor, n, 'withdraw'),
      acknowledge: recipients.some((r) => r.abilities.acknowledge), reply: recipients.some((r) => r.abilities.reply),
    },
  };
}

// ---------- attachments ----------

export async function addAttachment(platform: Platform, ctx: RequestContext, id: string, name: string, content: Readable) {
  const actor = ctx.actor!;
  const db = platform.database.db;
  try {
    const n = await findNoticeInScope(db, actor, id);
    assertMay(actor, n, 'edit', ctx.locale);
    const stored = await storeUpload(platform.storage, platform.config.fileMaxBytes, name, content);
    const row = {
      id: newId(), sha256: stored.sha256, size: stored.size, mime: stored.mime, name: stored.name, entity_type: 'notice', entity_id: id,
      region_path: n.region_path, uploaded_by: actor.id, created_at: platform.clock.now().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      // The notice may have moved on while the bytes were arriving.
      assertMay(actor, await lockNotice(trx, platform, actor, id), 'edit', ctx.locale);
      await trx.insertInto('files').values(row).execute();
      await platform.audit.record(trx, ctx, { action: 'notice.attachment_add', entityType: 'notice', entityId: id, detail: { after: { fileId: row.id, name: row.name, sha256: row.sha256, size: row.size } } });
    });
    return { id: row.id, name: row.name, mime: row.mime, size: row.size, createdAt: row.created_at, url: `/api/notices/${id}/attachments/${row.id}/content` };
  } finally {
    // Whatever was refused, the rest of the upload is drained so the connection answers promptly.
    if (!content.readableEnded) content.resume();
  }
}

export async function removeAttachment(platform: Platform, ctx: RequestContext, id: string, fileId: string) {
  const actor = ctx.actor!;
  await platform.database.db.transaction().execute(async (trx) => {
    assertMay(actor, await lockNotice(trx, platform, actor, id), 'edit', ctx.locale);
    const file = await trx.selectFrom('files').selectAll().where('id', '=', fileId).where('entity_type', '=', 'notice').where('entity_id', '=', id).executeTakeFirst();
    if (!file) throw notFound();
    await trx.deleteFrom('files').where('id', '=', fileId).execute();
    await platform.audit.record(trx, ctx, { action: 'notice.attachment_remove', entityType: 'notice', entityId: id, detail: { before: file } });
  });
}

export async function attachmentFile(db: Executor, actor: Actor, id: string, fileId: string) {
  await findNoticeInScope(db, actor, id);
  const file = (await noticeAttachments(db, id)).find((f) => f.id === fileId);
  if (!file) throw notFound();
  return file;
}

// ---------- the recipients' side ----------

function inboxBase(db: Executor, actor: Actor) {
  return db.selectFrom('notice_recipients')
    .innerJoin('notices', 'notices.id', 'notice_recipients.notice_id')
    .innerJoin('units', 'units.id', 'notice_recipients.unit_id')
    .innerJoin('notice_types', 'notice_types.key', 'notices.type_key')
    .where(noticesAnsweredBy(actor.scope))
    .where('notices.status', 'in', [...deliveredNoticeStatuses]);
}

function inboxColumns<Q extends ReturnType<typeof inboxBase>>(q: Q) {
  return q.select([
    'notice_recipients.id as recipient_id', 'notice_recipients.kind', 'notice_recipients.unit_id', 'notice_recipients.region_path as unit_path',
    'notice_recipients.acknowledged_at', 'notice_recipients.acknowledged_by_name', 'notice_recipients.replied_at', 'units.name as unit_name',
    'notices.id as notice_id', 'notices.title', 'notices.doc_number', 'notices.type_key', 'notices.issuer_name', 'notices.issue_date', 'notices.status',
    'notices.region_path as notice_path', 'notice_types.name_zh as type_zh', 'notice_types.name_en as type_en',
  ]);
}

type InboxRow = Awaited<ReturnType<ReturnType<typeof inboxColumns>['executeTakeFirstOrThrow']>>;

async function presentInbox(db: Executor, actor: Actor, locale: Locale, rows: InboxRow[]) {
  const noticeIds = [...new Set(rows.map((r) => r.notice_id))];
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const items = noticeIds.length
    ? await db.selectFrom('rectifications').innerJoin('notice_items', 'notice_items.id', 'rectifications.notice_item_id')
      .select(['rectifications.id', 'rectifications.notice_id', 'rectifications.unit_id', 'rectifications.status', 'rectifications.deadline', 'rectifications.demand', 'notice_items.seq'])
      .where('rectifications.notice_id', 'in', noticeIds).where('rectifications.unit_id', 'in', unitIds).where(rectificationsScope(actor.scope))
      .orderBy('notice_items.seq').execute()
    : [];
  return rows.map((r) => ({
    recipientId: r.recipient_id, kind: r.kind as RecipientKind, unit: { id: r.unit_id, name: r.unit_name },
    acknowledgedAt: r.acknowledged_at, acknowledgedByName: r.acknowledged_by_name, repliedAt: r.replied_at,
    notice: {
      id: r.notice_id, title: r.title, docNumber: r.doc_number, type: { key: r.type_key, name: locale === 'en' ? r.type_en : r.type_zh },
      issuerName: r.issuer_name, issueDate: r.issue_date, status: r.status as NoticeStatus,
    },
    items: items.filter((i) => i.notice_id === r.notice_id && i.unit_id === r.unit_id)
      .map((i) => ({ seq: i.seq, demand: i.demand, deadline: i.deadline, rectification: { id: i.id, status: i.status as RectificationStatus } })),
    abilities: {
      acknowledge: actor.permissions.has('notices.respond') && acknowledgeableStatuses.includes(r.status as NoticeStatus) && !r.acknowledged_at,
      reply: actor.permissions.has('notices.respond') && replyableStatuses.includes(r.status as NoticeStatus) && r.kind === 'main',
    },
  }));
}

/** Notices addressed to the units the caller answers for, one row per notice and unit, newest first. */
export async function listInbox(db: Executor, actor: Actor, locale: Locale, f: InboxQuery) {
  let q = inboxBase(db, actor);
  if (f.q) q = q.where((eb) => eb.or([eb('notices.title', 'like', `%${f.q}%`), eb('notices.doc_number', 'like', `%${f.q}%`)]));
  if (f.state === 'unacknowledged') q = q.where('notice_recipients.acknowledged_at', 'is', null).where('notices.status', 'in', [...acknowledgeableStatuses]);
  if (f.state === 'unreplied') q = q.where('notice_recipients.replied_at', 'is', null).where('notice_recipients.kind', '=', 'main').where('notices.status', 'in', [...replyableStatuses]);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await inboxColumns(q).orderBy('notices.issued_at', f.order).orderBy('notice_recipients.id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: await presentInbox(db, actor, locale, rows), total: Number(total), page: f.page, pageSize: f.pageSize };
}

async function inboxRow(db: Executor, actor: Actor, locale: Locale, recipientId: string) {
  const row = await inboxColumns(inboxBase(db, actor)).where('notice_recipients.id', '=', recipientId).executeTakeFirstOrThrow();
  return (await presentInbox(db, actor, locale, [row]))[0];
}

/**
 * The recipient row the caller acts for: the unit named (which must be addressed — 400 — and one the
 * caller answers for — 403), or, when none is named, the one addressed unit the caller answers for.
 */
async function answeringRecipient(trx: Executor, actor: Actor, n: NoticesTable, unitId: string | undefined) {
  const all = await recipientsOf(trx, actor, n);
  if (unitId) {
    const r = all.find((x) => x.unit_id === unitId);
    if (!r) throw invalidField('unitId', 'NOTICE_UNIT_NOT_ADDRESSED');
    if (!r.answers) throw new AppError('FORBIDDEN', 'NOTICE_NOT_ANSWERING', { name: r.unit_name });
    return r;
  }
  const mine = all.filter((x) => x.answers);
  if (mine.length === 0) throw new AppError('FORBIDDEN', 'NOTICE_NOT_RECIPIENT');
  if (mine.length > 1) throw invalidField('unitId', 'NOTICE_UNIT_REQUIRED');
  return mine[0];
}

function assertInForce(n: NoticesTable, allowed: readonly NoticeStatus[], action: 'acknowledge' | 'reply', locale: Locale) {
  if (!allowed.includes(n.status as NoticeStatus)) {
    const label = action === 'acknowledge' ? { 'zh-CN': '签收', en: 'acknowledge it' } : { 'zh-CN': '回复', en: 'reply' };
    throw new AppError('CONFLICT', 'NOTICE_NOT_IN_FORCE', { status: statusLabels[n.status as NoticeStatus][locale], action: label[locale] });
  }
}

/** 签收: the time and the person are recorded once; acknowledging again changes nothing and answers the same. */
export async function acknowledgeNotice(platform: Platform, ctx: RequestContext, id: string, unitId: string | undefined) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const n = await lockNotice(trx, platform, actor, id);
    const r = await answeringRecipient(trx, actor, n, unitId);
    if (!r.acknowledged_at) {
      assertInForce(n, acknowledgeableStatuses, 'acknowledge', ctx.locale);
      const set = { acknowledged_at: platform.clock.now().toISOString(), acknowledged_by: actor.id, acknowledged_by_name: actor.displayName };
      await trx.updateTable('notice_recipients').set(set).where('id', '=', r.id).execute();
      await platform.audit.record(trx, ctx, { action: 'notice.acknowledge', entityType: 'notice', entityId: id, detail: { recipientId: r.id, unitId: r.unit_id, after: set } });
    }
    return inboxRow(trx, actor, ctx.locale, r.id);
  });
}

/** A main recipient replies while the notice is in force; replying also acknowledges it if that was not done. */
export async function replyToNotice(platform: Platform, ctx: RequestContext, id: string, input: { unitId?: string; body: string }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const n = await lockNotice(trx, platform, actor, id);
    const r = await answeringRecipient(trx, actor, n, input.unitId);
    assertInForce(n, replyableStatuses, 'reply', ctx.locale);
    if (r.kind !== 'main') throw invalidField('unitId', 'NOTICE_COPY_NO_REPLY', { name: r.unit_name });
    const now = platform.clock.now().toISOString();
    const reply = {
      id: newId(), notice_id: id, recipient_id: r.id, unit_id: r.unit_id, region_path: r.region_path, body: input.body,
      replied_by: actor.id, replied_by_name: actor.displayName, replied_at: now,
    };
    await trx.insertInto('notice_replies').values(reply).execute();
    await trx.updateTable('notice_recipients').set({
      replied_at: now,
      ...(r.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: actor.id, acknowledged_by_name: actor.displayName }),
    }).where('id', '=', r.id).execute();
    await platform.audit.record(trx, ctx, { action: 'notice.reply', entityType: 'notice', entityId: id, detail: { after: reply } });
    await notifyAccounts(trx, platform, await accountsOfOffice(trx, n.region_path), {
      kind: 'notice.replied', title: zh('NOTICE_NOTIFY_REPLIED', { unit: r.unit_name, title: n.title }), body: input.body.slice(0, 200),
      link: `/notices/${id}`, entityType: 'notice', entityId: id,
    });
    return inboxRow(trx, actor, ctx.locale, r.id);
  });
}

