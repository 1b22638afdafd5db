import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { AccountabilityCasesTable, DB } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import type { Locale, Text } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import {
  accountabilityCasesScope, accountabilityScope, answersForUnit, filesScope, isParentOffice, isSupervisingOffice, noticesScope, problemsScope,
  rectificationsScope, scopeCoversPath, tasksScope, unitsScope,
} from '../../platform/scope';
import { readSetting, writeSetting } from '../../platform/settings-store';
import { addDays, addYears, chinaToday } from '../inspectors/people';
import { daysBetween } from '../rectification/rectification-status';
import {
  caseActionLabels, caseActions, caseActionsFrom, caseLimits, caseStatusLabels, caseTransition, owedDeadlines,
  type CaseAction, type CaseSide, type CaseStatus, type OwedDeadline,
} from './accountability-case-status';
import { officeOf } from './oversight.office';
import { accountabilityKindLabels, type AccountabilityKind, type CaseActionInput, type CaseSourceKind } from './oversight.schemas';

/**
 * Accountability cases (问责): the procedure of the 教育督导问责办法 around one measure. The office that holds
 * the case takes its steps; the object (the unit, or an office below answering for it) submits its statement
 * and requests review or appeal through the product, each within its window; the office above decides an
 * appeal. The decided measure is written to accountability_measures and stays in force through review and
 * appeal; only a review that revises it or a correction after the appeal changes it.
 */

export const accountabilitySettingsSchema = z.object({
  /** Working days (Monday to Friday) the object has for its statement when the notice names no date. */
  statementWorkingDays: z.number().int().min(1).max(30),
  /** Days before a deadline from which the case shows a warning and reminders go out. */
  warnDays: z.number().int().min(1).max(30),
});
export type AccountabilitySettings = z.infer<typeof accountabilitySettingsSchema>;
export const defaultAccountabilitySettings: AccountabilitySettings = { statementWorkingDays: 5, warnDays: 7 };

export async function readAccountabilitySettings(db: Executor): Promise<AccountabilitySettings> {
  return readSetting(db, 'accountability', accountabilitySettingsSchema, defaultAccountabilitySettings);
}

/** Deployment-wide, like the rectification deadlines: the system administrator tunes them. */
export async function updateAccountabilitySettings(platform: Platform, ctx: RequestContext, value: AccountabilitySettings): Promise<AccountabilitySettings> {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await readAccountabilitySettings(trx);
    await writeSetting(trx, 'accountability', value, platform.clock);
    await platform.audit.record(trx, ctx, { action: 'settings.accountability.update', entityType: 'settings', entityId: 'accountability', detail: { before, after: value } });
    return readAccountabilitySettings(trx);
  });
}

/** `days` working days after `date`, Saturdays and Sundays skipped (public holidays are not known here). */
export function addWorkingDays(date: string, days: number): string {
  let d = date;
  for (let left = days; left > 0;) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return d;
}

export const deadlineLabels: Record<OwedDeadline['key'], Text> = {
  open: { 'zh-CN': '启动问责调查', en: 'opening the investigation' },
  statement: { 'zh-CN': '陈述申辩', en: 'the statement and defence' },
  reviewRequest: { 'zh-CN': '申请复核', en: 'requesting a review' },
  reviewDecision: { 'zh-CN': '作出复核决定', en: 'deciding the review' },
  appealRequest: { 'zh-CN': '提出申诉', en: 'appealing' },
  appealDecision: { 'zh-CN': '申诉处理', en: 'handling the appeal' },
  correction: { 'zh-CN': '纠正问责决定', en: 'correcting the decision' },
};

export const publicationLabels: Record<'object' | 'system' | 'public', Text> = {
  object: { 'zh-CN': '在被问责单位内部公开', en: 'within the unit' },
  system: { 'zh-CN': '在本地区教育系统内公开', en: 'within the local education system' },
  public: { 'zh-CN': '在政府门户网站和主流媒体公开', en: 'on the government portal and in the media' },
};

// ---------- reading ----------

function casesBase(db: Executor, actor: Actor) {
  return db.selectFrom('accountability_cases')
    .innerJoin('units', 'units.id', 'accountability_cases.unit_id')
    .innerJoin('regions as office', 'office.id', 'accountability_cases.office_region_id')
    .innerJoin('accounts', 'accounts.id', 'accountability_cases.created_by')
    .where(accountabilityCasesScope(actor.scope))
    .selectAll('accountability_cases')
    .select(['units.name as unit_name', 'office.name as office_name', 'accounts.display_name as creator_name']);
}
type CaseRow = Awaited<ReturnType<ReturnType<typeof casesBase>['executeTakeFirstOrThrow']>>;

/** The deadline a case waits on in its status, or null. */
export function owedDeadline(c: Pick<AccountabilityCasesTable, 'status'>): OwedDeadline | null {
  return (owedDeadlines as Partial<Record<string, OwedDeadline>>)[c.status] ?? null;
}

function dueOf(c: CaseRow, today: string, settings: AccountabilitySettings, locale: Locale) {
  const owed = owedDeadline(c);
  const date = owed ? c[owed.column] : null;
  if (!owed || !date) return null;
  const daysLeft = daysBetween(today, date);
  return { key: owed.key, name: deadlineLabels[owed.key][locale], date, daysLeft, state: daysLeft < 0 ? 'overdue' as const : daysLeft <= settings.warnDays ? 'warning' as const : 'ok' as const };
}

/** The cases whose owed deadline is within the warning window (warning) or past (overdue), as one condition. */
function dueCondition(state: 'warning' | 'overdue', today: string, settings: AccountabilitySettings) {
  const warnUntil = addDays(today, settings.warnDays);
  return (eb: ExpressionBuilder<DB, 'accountability_cases'>) => eb.or(Object.entries(owedDeadlines).map(([status, d]) => {
    const column = `accountability_cases.${d.column}` as const;
    return eb.and([
      eb('accountability_cases.status', '=', status),
      state === 'overdue' ? eb(column, '<', today) : eb.and([eb(column, '>=', today), eb(column, '<=', warnUntil)]),
    ]);
  }));
}

/**
 * The object's accountability events in the 12 months ending on the case's reference day (its decision's
 * date, or today before a decision), counted from accountability_measures. The case counts once: by its
 * measure when decided, as the event it would be while undecided, not at all when dropped or revoked.
 */
async function recentEvents(db: Executor, actor: Actor, cases: CaseRow[], today: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (cases.length === 0) return out;
  const ref = (c: CaseRow) => c.decided_on ?? today;
  const refs = cases.map(ref).sort();
  const measures = await db.selectFrom('accountability_measures').select(['id', 'unit_id', 'decided_on'])
    .where(accountabilityScope(actor.scope))
    .where('unit_id', 'in', [...new Set(cases.map((c) => c.unit_id))])
    .where('decided_on', '>', addYears(refs[0], -1)).where('decided_on', '<=', refs.at(-1)!)
    .execute();
  for (const c of cases) {
    const from = addYears(ref(c), -1);
    const others = measures.filter((m) => m.unit_id === c.unit_id && m.id !== c.measure_id && m.decided_on > from && m.decided_on <= ref(c)).length;
    const own = c.status === 'dropped' ? 0 : c.measure_id ? 1 : c.decided_on ? 0 : 1;
    out.set(c.id, others + own);
  }
  return out;
}

/** What each case's supervision work is called (a task's title, a notice's number and title …), one query per kind. */
async function sourceLabels(db: Executor, cases: Pick<CaseRow, 'source_kind' | 'source_id'>[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const idsOf = (kind: CaseSourceKind) => [...new Set(cases.filter((c) => c.source_kind === kind).map((c) => c.source_id))];
  const [tasks, notices, problems, items] = [idsOf('task'), idsOf('notice'), idsOf('problem'), idsOf('rectification')];
  if (tasks.length) for (const r of await db.selectFrom('supervision_tasks').select(['id', 'title']).where('id', 'in', tasks).execute()) out.set(r.id, r.title);
  if (notices.length) {
    for (const r of await db.selectFrom('notices').select(['id', 'title', 'doc_number']).where('id', 'in', notices).execute()) out.set(r.id, `${r.doc_number ? `${r.doc_number} ` : ''}${r.title}`);
  }
  if (problems.length) for (const r of await db.selectFrom('problems').select(['id', 'description']).where('id', 'in', problems).execute()) out.set(r.id, r.description);
  if (items.length) for (const r of await db.selectFrom('rectifications').select(['id', 'demand']).where('id', 'in', items).execute()) out.set(r.id, r.demand);
  return out;
}

function kindName(kind: string | null, locale: Locale): string | null {
  return kind ? accountabilityKindLabels[kind as AccountabilityKind][locale] : null;
}

function presentCase(c: CaseRow, label: string, today: string, settings: AccountabilitySettings, events: number, locale: Locale) {
  const status = c.status as CaseStatus;
  return {
    id: c.id, title: c.title, status, statusName: caseStatusLabels[status][locale],
    unit: { id: c.unit_id, name: c.unit_name }, office: { id: c.office_region_id, name: c.office_name },
    source: { kind: c.source_kind as CaseSourceKind, id: c.source_id, label, endedOn: c.work_ended_on },
    deadlines: {
      open: c.open_due, statement: c.statement_due, reviewRequest: c.review_request_due, reviewDecision: c.review_decision_due,
      appealRequest: c.appeal_request_due, appealDecision: c.appeal_decision_due, correction: c.correction_due,
    },
    due: dueOf(c, today, settings, locale),
    decision: c.decided_on ? {
      facts: c.facts ?? '', basis: c.basis ?? '', measureKind: c.measure_kind as AccountabilityKind | null, measureName: kindName(c.measure_kind, locale),
      effectiveOn: c.effective_on ?? c.decided_on, decidedOn: c.decided_on, docNumber: c.doc_number, measureId: c.measure_id,
    } : null,
    publication: c.publication_scope && c.published_on ? { scope: c.publication_scope as 'object' | 'system' | 'public', publishedOn: c.published_on } : null,
    recentEvents: events, heavier: events >= 2,
    createdBy: c.creator_name, createdAt: c.created_at,
  };
}

export async function listCases(platform: Platform, actor: Actor, locale: Locale, f: {
  status?: CaseStatus; unitId?: string; due?: 'warning' | 'overdue'; q?: string; order: 'asc' | 'desc'; page: number; pageSize: number;
}) {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const settings = await readAccountabilitySettings(db);
  let q = casesBase(db, actor);
  if (f.status) q = q.where('accountability_cases.status', '=', f.status);
  if (f.unitId) q = q.where('accountability_cases.unit_id', '=', f.unitId);
  if (f.due) q = q.where(dueCondition(f.due, today, settings));
  if (f.q) q = q.where('accountability_cases.title', 'like', `%${f.q}%`);
  const [{ total }] = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.orderBy('accountability_cases.created_at', f.order).orderBy('accountability_cases.id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const events = await recentEvents(db, actor, rows, today);
  const labels = await sourceLabels(db, rows);
  const items = rows.map((r) => presentCase(r, labels.get(r.source_id) ?? '', today, settings, events.get(r.id) ?? 0, locale));
  return { items, total: Number(total), page: f.page, pageSize: f.pageSize };
}

async function findCase(db: Executor, actor: Actor, id: string): Promise<CaseRow> {
  const row = await casesBase(db, actor).where('accountability_cases.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Which sides of a case the caller acts for: its permission and where it sits. */
function sidesOf(actor: Actor, c: Pick<CaseRow, 'unit_id' | 'region_path' | 'office_region_path'>): Set<CaseSide> {
  const sides = new Set<CaseSide>();
  const can = (p: Parameters<Actor['permissions']['has']>[0]) => actor.permissions.has(p);
  if (can('rectification.verify') && isSupervisingOffice(actor.scope, c.office_region_path)) sides.add('office');
  if (can('notices.approve') && isSupervisingOffice(actor.scope, c.office_region_path)) sides.add('approver');
  if (can('rectification.report') && answersForUnit(actor.scope, { id: c.unit_id, regionPath: c.region_path }, c.office_region_path)) sides.add('object');
  if (can('rectification.verify') && isParentOffice(actor.scope, c.office_region_path)) sides.add('appellate');
  return sides;
}

/** The object's windows are closed, not owed, once they pass: its actions are offered only while open. */
function withinWindow(c: CaseRow, action: CaseAction, today: string): boolean {
  switch (action) {
    case 'state': return !!c.statement_due && today <= c.statement_due;
    case 'requestReview': return !!c.review_request_due && today <= c.review_request_due;
    case 'requestAppeal': return !!c.appeal_request_due && today <= c.appeal_request_due;
    case 'publish': return !c.published_on;
    default: return true;
  }
}

export async function caseDetail(platform: Platform, actor: Actor, locale: Locale, id: string) {
  const db = platform.database.db;
  const c = await findCase(db, actor, id);
  const today = chinaToday(platform.clock.now());
  const settings = await readAccountabilitySettings(db);
  const events = await recentEvents(db, actor, [c], today);
  const steps = await db.selectFrom('accountability_case_steps').selectAll().where('case_id', '=', id).orderBy('at').orderBy('id').execute();
  const files = steps.length === 0 ? [] : await db.selectFrom('files').select(['id', 'name', 'size', 'mime', 'entity_id'])
    .where(filesScope(actor.scope)).where('entity_type', '=', 'accountability_step').where('entity_id', 'in', steps.map((s) => s.id)).orderBy('created_at').execute();
  const status = c.status as CaseStatus;
  return {
    ...presentCase(c, (await sourceLabels(db, [c])).get(c.source_id) ?? '', today, settings, events.get(c.id) ?? 0, locale),
    steps: steps.map((s) => ({
      id: s.id, action: s.action as CaseAction, actionName: caseActionLabels[s.action as CaseAction][locale], fromStatus: s.from_status as CaseStatus | null,
      toStatus: s.to_status as CaseStatus, on: s.on_date, text: s.text, detail: s.detail ? (JSON.parse(s.detail) as Record<string, unknown>) : null,
      actor: s.actor_name, at: s.at, files: files.filter((f) => f.entity_id === s.id).map(({ entity_id: _e, ...f }) => f), attachable: s.actor_id === actor.id,
    })),
    abilities: { actions: caseActionsFrom(status, sidesOf(actor, c)).filter((a) => withinWindow(c, a, today)), document: c.decided_on !== null },
  };
}

/** A step a caller may attach files to: one it took itself, on a case it can see (the files registry's owner). */
export async function stepOwnedBy(db: Executor, actor: Actor, stepId: string): Promise<{ regionPath: string }> {
  const step = await db.selectFrom('accountability_case_steps').innerJoin('accountability_cases', 'accountability_cases.id', 'accountability_case_steps.case_id')
    .select(['accountability_cases.region_path', 'accountability_case_steps.actor_id']).where('accountability_case_steps.id', '=', stepId)
    .where(accountabilityCasesScope(actor.scope)).executeTakeFirst();
  if (!step || step.actor_id !== actor.id) throw notFound();
  return { regionPath: step.region_path };
}

// ---------- opening ----------

/**
 * The supervision work behind a case, seen by the caller and concerning the unit, with the day it ended:
 * a task's last day, a notice's issue date, the day a problem was found, a rectification item's deadline.
 */
async function sourceWork(db: Executor, actor: Actor, unit: { id: string; region_path: string }, kind: CaseSourceKind, id: string): Promise<string> {
  const unknown = () => invalidField('sourceId', 'ACCOUNTABILITY_SOURCE_UNKNOWN');
  switch (kind) {
    case 'task': {
      const t = await db.selectFrom('supervision_tasks').select(['end_date', 'region_path']).where('id', '=', id).where(tasksScope(actor)).executeTakeFirst();
      if (!t || !unit.region_path.startsWith(t.region_path)) throw unknown();
      return t.end_date;
    }
    case 'notice': {
      const n = await db.selectFrom('notices').select('issue_date').where('id', '=', id).where(noticesScope(actor.scope))
        .where('status', 'in', ['issued', 'closed'])
        .where((eb) => eb.exists(eb.selectFrom('notice_recipients').select('notice_recipients.unit_id').whereRef('notice_recipients.notice_id', '=', 'notices.id').where('notice_recipients.unit_id', '=', unit.id)))
        .executeTakeFirst();
      if (!n?.issue_date) throw unknown();
      return n.issue_date;
    }
    case 'problem': {
      const p = await db.selectFrom('problems').select(['found_on', 'unit_id']).where('id', '=', id).where(problemsScope(actor)).executeTakeFirst();
      if (!p || p.unit_id !== unit.id) throw unknown();
      return p.found_on;
    }
    case 'rectification': {
      const r = await db.selectFrom('rectifications').select(['deadline', 'unit_id']).where('id', '=', id).where(rectificationsScope(actor.scope)).executeTakeFirst();
      if (!r || r.unit_id !== unit.id) throw unknown();
      return r.deadline;
    }
  }
}

/**
 * Propose a case against a unit in the office's subtree, linked to the supervision work that found the
 * failure. The 办法 gives 60 days from that work to open the investigation: a case whose window has already
 * closed is refused, with the window's dates in the message.
 */
export async function createCase(platform: Platform, ctx: RequestContext, input: { unitId: string; title: string; sourceKind: CaseSourceKind; sourceId: string }) {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  const today = chinaToday(platform.clock.now());
  const id = await platform.database.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['id', 'region_path']).where('id', '=', input.unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit || !scopeCoversPath(actor.scope, unit.region_path)) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    const endedOn = await sourceWork(trx, actor, unit, input.sourceKind, input.sourceId);
    const openDue = addDays(endedOn, caseLimits.open);
    if (today > openDue) throw invalidField('sourceId', 'ACCOUNTABILITY_OPEN_LATE', { ended: endedOn, due: openDue });
    const now = platform.clock.now().toISOString();
    const row: AccountabilityCasesTable = {
      id: newId(), unit_id: unit.id, region_path: unit.region_path, office_region_id: office.regionId, office_region_path: office.regionPath, status: 'proposed',
      title: input.title, source_kind: input.sourceKind, source_id: input.sourceId, work_ended_on: endedOn, open_due: openDue,
      statement_due: null, review_request_due: null, review_decision_due: null, appeal_request_due: null, appeal_decision_due: null, correction_due: null,
      facts: null, basis: null, measure_kind: null, effective_on: null, decided_on: null, doc_number: null, measure_id: null, publication_scope: null, published_on: null,
      created_by: actor.id, created_at: now, updated_at: now,
    };
    await trx.insertInto('accountability_cases').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'accountability_case.create', entityType: 'accountability_case', entityId: row.id, detail: { after: row } });
    return row.id;
  });
  return caseDetail(platform, actor, ctx.locale, id);
}

// ---------- steps ----------

type StepInput =
  | CaseActionInput
  | { action: 'approve' | 'return'; text: string }
  | { action: 'state' | 'requestReview' | 'requestAppeal'; text: string };

const objectWindow: Partial<Record<CaseAction, 'statement_due' | 'review_request_due' | 'appeal_request_due'>> = {
  state: 'statement_due', requestReview: 'review_request_due', requestAppeal: 'appeal_request_due',
};

/**
 * Take one step of a case. The table says whose the action is and from which status; the office's steps
 * carry the day they were taken (not after today, not before the last step), the approver's and the
 * object's are dated today. The object's requests are refused once their window has closed.
 */
export async function takeStep(platform: Platform, ctx: RequestContext, id: string, input: StepInput) {
  const actor = ctx.actor!;
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const settings = await readAccountabilitySettings(db);
  await db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, id);
    const rule = caseActions[input.action];
    if (!sidesOf(actor, c).has(rule.side)) throw new AppError('FORBIDDEN', 'ACCOUNTABILITY_NOT_YOUR_SIDE', { action: caseActionLabels[input.action][ctx.locale] });
    const from = c.status as CaseStatus;
    let to = caseTransition(from, input.action, ctx.locale);
    const on = 'on' in input ? input.on : today;
    if (on > today) throw invalidField('on', 'OVERSIGHT_DATE_FUTURE', { today });
    const last = await trx.selectFrom('accountability_case_steps').select('on_date').where('case_id', '=', id).orderBy('on_date', 'desc').limit(1).executeTakeFirst();
    if (last && on < last.on_date) throw invalidField('on', 'ACCOUNTABILITY_STEP_BEFORE_LAST', { last: last.on_date });
    const window = objectWindow[input.action];
    if (window) {
      const due = c[window];
      if (!due || today > due) throw new AppError('CONFLICT', 'ACCOUNTABILITY_WINDOW_CLOSED', { what: caseActionLabels[input.action][ctx.locale], due: due ?? '' });
    }

    const set: Partial<AccountabilityCasesTable> = {};
    let detail: Record<string, unknown> | null = null;
    let text = 'text' in input ? input.text : '';
    const now = platform.clock.now().toISOString();
    switch (input.action) {
      case 'open':
        if (on > c.open_due) throw invalidField('on', 'ACCOUNTABILITY_OPEN_LATE', { ended: c.work_ended_on, due: c.open_due });
        break;
      case 'notify': {
        const due = input.statementDue ?? addWorkingDays(on, settings.statementWorkingDays);
        if (due <= on) throw invalidField('statementDue', 'ACCOUNTABILITY_STATEMENT_DUE', { on });
        set.statement_due = due;
        detail = { statementDue: due };
        break;
      }
      case 'decide': {
        if (input.effectiveOn < on) throw invalidField('effectiveOn', 'ACCOUNTABILITY_EFFECTIVE_BEFORE', { on });
        const measure = {
          id: newId(), unit_id: c.unit_id, region_path: c.region_path, office_region_id: c.office_region_id, office_region_path: c.office_region_path,
          kind: input.measureKind, reason: `${c.title}：${input.facts}`.slice(0, 2000), decided_on: on, notice_id: c.source_kind === 'notice' ? c.source_id : null,
          rectification_id: c.source_kind === 'rectification' ? c.source_id : null, created_by: actor.id, created_at: now,
        };
        await trx.insertInto('accountability_measures').values(measure).execute();
        Object.assign(set, {
          facts: input.facts, basis: input.basis, measure_kind: input.measureKind, effective_on: input.effectiveOn, decided_on: on, doc_number: input.docNumber ?? null,
          measure_id: measure.id, review_request_due: addDays(on, caseLimits.reviewRequest), appeal_request_due: addDays(on, caseLimits.appealRequest),
        });
        text = input.facts;
        detail = { measureKind: input.measureKind, effectiveOn: input.effectiveOn, docNumber: input.docNumber ?? null };
        break;
      }
      case 'publish':
        if (c.published_on) throw new AppError('CONFLICT', 'ACCOUNTABILITY_PUBLISHED', { on: c.published_on });
        Object.assign(set, { publication_scope: input.scope, published_on: on });
        detail = { scope: input.scope };
        break;
      case 'requestReview':
        set.review_decision_due = addDays(on, caseLimits.reviewDecision);
        break;
      case 'decideReview':
        if (input.outcome === 'revised') {
          if (!input.measureKind) throw invalidField('measureKind', 'ACCOUNTABILITY_MEASURE_REQUIRED');
          await reviseMeasure(trx, c, input.measureKind);
          set.measure_kind = input.measureKind;
        }
        set.appeal_request_due = addDays(on, caseLimits.appealRequest);
        detail = { outcome: input.outcome, measureKind: input.measureKind ?? null };
        break;
      case 'requestAppeal':
        set.appeal_decision_due = addDays(on, caseLimits.appealDecision);
        break;
      case 'decideAppeal':
        if (input.outcome === 'wrong') {
          to = 'correcting';
          set.correction_due = addDays(on, caseLimits.correction);
        }
        detail = { outcome: input.outcome };
        break;
      case 'correct':
        if (input.measureKind === null) {
          set.measure_id = null;
          set.measure_kind = null;
        } else {
          await reviseMeasure(trx, c, input.measureKind);
          set.measure_kind = input.measureKind;
        }
        detail = { measureKind: input.measureKind };
        break;
    }
    await trx.updateTable('accountability_cases').set({ ...set, status: to, updated_at: now }).where('id', '=', id).execute();
    // A revoked measure leaves the lists and counts; the case keeps the decision it took.
    if (input.action === 'correct' && input.measureKind === null && c.measure_id) {
      await trx.deleteFrom('accountability_measures').where('id', '=', c.measure_id).execute();
    }
    const stepRow = {
      id: newId(), case_id: id, action: input.action, from_status: from, to_status: to, on_date: on, text, detail: detail ? JSON.stringify(detail) : null,
      actor_id: actor.id, actor_name: actor.displayName, at: now,
    };
    await trx.insertInto('accountability_case_steps').values(stepRow).execute();
    await platform.audit.record(trx, ctx, {
      action: `accountability_case.${input.action}`, entityType: 'accountability_case', entityId: id,
      detail: { before: { status: from }, after: { ...set, status: to }, step: stepRow.id },
    });
  });
  return caseDetail(platform, actor, ctx.locale, id);
}

async function reviseMeasure(trx: Executor, c: CaseRow, kind: AccountabilityKind): Promise<void> {
  if (!c.measure_id) throw new AppError('CONFLICT', 'ACCOUNTABILITY_NO_MEASURE');
  await trx.updateTable('accountability_measures').set({ kind }).where('id', '=', c.measure_id).execute();
}

/** The case as the decision document needs it, seen by the caller; 409 before a decision. */
export async function decidedCase(db: Executor, actor: Actor, id: string) {
  const c = await findCase(db, actor, id);
  if (!c.decided_on) throw new AppError('CONFLICT', 'ACCOUNTABILITY_NO_DECISION');
  return c;
}
