import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { ComplaintsTable, FilesTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import type { StoredUpload } from '../../platform/files';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import type { Locale } from '../../platform/i18n';
import type { PolicyActor } from '../../platform/policy';
import { isInSubtree } from '../../platform/scope';
import { readSetting, writeSetting } from '../../platform/settings-store';
import { complaintStatusNames } from '../../platform/messages/complaints';
import { chinaToday } from '../inspectors/people';
import { addWorkingDays } from '../oversight/oversight.accountability-cases';
import { deadlineDay } from '../rectification/rectification-settings';
import type { DeadlineDay } from '../rectification/rectification-status';
import { activeArea, findProblemInScope, insertProblem } from '../problems/problems.service';
import type { Severity } from '../problems/problems.schemas';
import { allows, complaintLight, type ComplaintAction, type ComplaintStatus, type Satisfaction } from './complaint-status';
import type { ComplaintDetail, ComplaintView, FileComplaintInput, PublicStatusView } from './complaints.contract';
import { complaintAbilities, complaintRules, mayAct } from './complaints.policy';
import * as repo from './complaints.repo';
import { codeHash, decryptIdentity, encryptIdentity, maskName, newTrackingCode, spentNonce } from './complaints.secrets';

// ---------- deadlines ----------

/** Working days to acknowledge and to handle a complaint, kept with the other settings groups. */
export const complaintSettingsSchema = z.object({
  acknowledgeWorkingDays: z.number().int().min(1).max(30),
  handleWorkingDays: z.number().int().min(1).max(30),
});
export const defaultComplaintSettings = { acknowledgeWorkingDays: 3, handleWorkingDays: 15 };

export async function readComplaintSettings(db: Executor) {
  return readSetting(db, 'complaints', complaintSettingsSchema, defaultComplaintSettings);
}

/** Deployment-wide, like the rectification deadlines: the system administrator tunes them. */
export async function updateComplaintSettings(platform: Platform, ctx: RequestContext, value: z.infer<typeof complaintSettingsSchema>) {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await readComplaintSettings(trx);
    await writeSetting(trx, 'complaints', value, platform.clock);
    await platform.audit.record(trx, ctx, { action: 'settings.complaints.update', entityType: 'settings', entityId: 'complaints', detail: { before, after: value } });
    return readComplaintSettings(trx);
  });
}

// ---------- presenting ----------

function categoryName(r: Pick<repo.ComplaintRecord, 'category_zh' | 'category_en'>, locale: Locale) {
  return locale === 'en' ? r.category_en : r.category_zh;
}

function placed(r: repo.ComplaintRecord) {
  return { regionPath: r.region_path, status: r.status };
}

function present(platform: Platform, actor: PolicyActor, locale: Locale, day: DeadlineDay, r: repo.ComplaintRecord): ComplaintView {
  const key = platform.config.complaintKey;
  return {
    id: r.id, status: r.status as ComplaintStatus, category: { key: r.category, name: categoryName(r, locale) },
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null, unitText: r.unit_text, region: { id: r.region_id, name: r.region_name },
    description: r.description, happenedOn: r.happened_on, privacy: r.privacy as ComplaintView['privacy'],
    // Masked everywhere; the whole identity comes only from the audited identity read.
    name: r.name_cipher ? maskName(decryptIdentity(key, r.name_cipher)) : null,
    phone: r.phone_cipher ? maskPhone(decryptIdentity(key, r.phone_cipher)) : null,
    createdAt: r.created_at, acknowledgeDue: r.acknowledge_due, handleDue: r.handle_due, light: complaintLight(r, day),
    satisfaction: r.satisfaction as Satisfaction | null, reopened: r.reopened === 1, mergedIntoId: r.merged_into_id,
    abilities: complaintAbilities(actor, placed(r)),
  };
}

/** A 404 from another module's lookup turned into `value`; any other failure still fails. */
function notFoundAs<T>(value: T) {
  return (error: unknown): T => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return value;
    throw error;
  };
}

/** `day` is read before a transaction: on SQLite a read outside it would wait for the transaction itself. */
async function detailOf(platform: Platform, db: Executor, actor: Actor, locale: Locale, day: DeadlineDay, r: repo.ComplaintRecord): Promise<ComplaintDetail> {
  // Through the problems module's own scope: an office above sees them all, none is read around its rule.
  const problems = [];
  for (const problemId of await repo.linkedProblemIds(db, r.id)) {
    const problem = await findProblemInScope(db, actor, problemId).catch(notFoundAs(null));
    if (problem) problems.push({ id: problem.id, description: problem.description, status: problem.status });
  }
  return {
    ...present(platform, actor, locale, day, r),
    events: (await repo.eventsOf(db, r.id)).map((e) => ({ id: e.id, step: e.step, actorName: e.actor_name, publicText: e.public_text, internalNote: e.internal_note, at: e.created_at })),
    problems,
    files: await repo.filesOfComplaint(db, r.id),
  };
}

// ---------- the office's reads ----------

export async function listComplaints(platform: Platform, actor: PolicyActor, locale: Locale, f: repo.ComplaintFilters) {
  const { rows, total } = await repo.listComplaints(platform.database.db, actor, f);
  const day = await deadlineDay(platform);
  return { items: rows.map((r) => present(platform, actor, locale, day, r)), total, page: f.page, pageSize: f.pageSize };
}

export async function complaintDetail(platform: Platform, actor: Actor, locale: Locale, id: string): Promise<ComplaintDetail> {
  const db = platform.database.db;
  const row = await repo.findComplaint(db, actor, id);
  if (!row) throw notFound();
  return detailOf(platform, db, actor, locale, await deadlineDay(platform), row);
}

/** The whole name and phone, for the holding office only, each read audited. */
export async function complaintIdentity(platform: Platform, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const row = await repo.findComplaint(trx, actor, id);
    if (!row) throw notFound();
    if (!complaintRules.identity.can(actor, placed(row))) throw new AppError('FORBIDDEN');
    const key = platform.config.complaintKey;
    await platform.audit.record(trx, ctx, { action: 'complaint.read_identity', entityType: 'complaint', entityId: id, detail: { privacy: row.privacy } });
    return { name: row.name_cipher ? decryptIdentity(key, row.name_cipher) : null, phone: row.phone_cipher ? decryptIdentity(key, row.phone_cipher) : null };
  });
}

// ---------- the public desk ----------

const MOBILE = /^1\d{10}$/;

/** Where a complaint goes: the office above the unit complained about, or the office the complainant chose. */
async function holderOf(db: Executor, input: FileComplaintInput) {
  if (input.unitId) {
    const unit = await db.selectFrom('units').select(['id', 'region_path']).where('id', '=', input.unitId).where('active', '=', 1).executeTakeFirst();
    const region = unit ? await repo.holdingRegion(db, unit.region_path) : undefined;
    if (!unit || !region) throw invalidField('unitId', 'NOT_FOUND');
    return { unitId: unit.id, region };
  }
  if (!input.regionId) throw invalidField('unitId', 'COMPLAINT_PLACE_REQUIRED');
  const region = await db.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', input.regionId).where('active', '=', 1)
    .where('level', 'in', repo.officeLevels).executeTakeFirst();
  if (!region) throw invalidField('regionId', 'NOT_FOUND');
  return { unitId: null, region };
}

export async function fileComplaint(platform: Platform, ctx: RequestContext, input: FileComplaintInput) {
  const db = platform.database.db;
  const now = platform.clock.now();
  // A filled honeypot and a failed proof of work are refused alike, before anything is looked up or stored.
  if (input.website) throw new AppError('VALIDATION', 'COMPLAINT_REFUSED');
  const nonce = spentNonce(platform.config.complaintKey, input.challenge, input.solution, now);
  if (!nonce) throw invalidField('challenge', 'COMPLAINT_CHALLENGE_FAILED');
  const category = await repo.findCategory(db, input.category);
  if (!category || category.active !== 1) throw invalidField('category', 'COMPLAINT_CATEGORY_UNKNOWN', { value: input.category });
  const place = await holderOf(db, input);
  const named = input.privacy !== 'anonymous';
  if (named && (!input.name || !input.phone)) throw invalidField(input.name ? 'phone' : 'name', 'COMPLAINT_IDENTITY_REQUIRED');
  if (named && !MOBILE.test(input.phone!)) throw invalidField('phone', 'COMPLAINT_PHONE_FORMAT');
  const trackingCode = newTrackingCode();
  const settings = await readComplaintSettings(db);
  const key = platform.config.complaintKey;
  const at = now.toISOString();
  const row: ComplaintsTable = {
    id: newId(), code_hash: codeHash(trackingCode)!, challenge_nonce: nonce, region_id: place.region.id, region_path: place.region.path,
    unit_id: place.unitId, unit_text: place.unitId ? null : (input.unitText || null), category: category.key, description: input.description,
    happened_on: input.happenedOn ?? null, privacy: input.privacy,
    name_cipher: named ? encryptIdentity(key, input.name!) : null, phone_cipher: named ? encryptIdentity(key, input.phone!) : null,
    status: 'received', acknowledge_due: addWorkingDays(chinaToday(now), settings.acknowledgeWorkingDays), handle_due: null,
    merged_into_id: null, satisfaction: null, reopened: 0, created_at: at, updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('complaints').select('id').where('challenge_nonce', '=', nonce).executeTakeFirst()) throw invalidField('challenge', 'COMPLAINT_CHALLENGE_FAILED');
    await repo.insertComplaint(trx, row);
    await repo.addEvent(trx, { complaint_id: row.id, step: 'filed', actor_id: null, public_text: null, internal_note: null, created_at: at });
    // Never the identity: the audit log is read by the auditor, who has no business with complainants.
    await platform.audit.record(trx, ctx, { action: 'complaint.file', entityType: 'complaint', entityId: row.id, detail: { regionId: row.region_id, unitId: row.unit_id, category: row.category, privacy: row.privacy } });
  });
  return { trackingCode, acknowledgeDue: row.acknowledge_due };
}

/** A wrong code, a malformed one and a right one for nothing answer the same 404. */
async function byCode(db: Executor, trackingCode: string): Promise<repo.ComplaintRecord> {
  const hash = codeHash(trackingCode);
  const row = hash ? await repo.findByCodeHash(db, hash) : undefined;
  if (!row) throw notFound();
  return row;
}

const stillOpen = (status: string) => status === 'received' || status === 'accepted';

export async function publicStatus(platform: Platform, locale: Locale, trackingCode: string): Promise<PublicStatusView> {
  const db = platform.database.db;
  const r = await byCode(db, trackingCode);
  const events = await repo.eventsOf(db, r.id);
  const rate = r.status === 'closed' && r.satisfaction === null;
  return {
    status: r.status as ComplaintStatus, category: categoryName(r, locale), unitName: r.unit_name ?? r.unit_text, filedAt: r.created_at,
    acknowledgeDue: r.acknowledge_due, handleDue: r.handle_due, satisfaction: r.satisfaction as Satisfaction | null,
    // The office's internal notes never reach the complainant.
    timeline: events.map((e) => ({ step: e.step, at: e.created_at, text: e.public_text })),
    files: (await repo.filesOfComplaint(db, r.id)).length,
    abilities: { addInformation: stillOpen(r.status), rate, reopen: rate && r.reopened === 0 },
  };
}

/** An action the state table does not allow from here: 409, as every state table of the app answers. */
function notNow(status: string, locale: Locale) {
  return new AppError('CONFLICT', 'COMPLAINT_NOT_ALLOWED', { status: complaintStatusNames[status]?.[locale] ?? status });
}

export async function addInformation(platform: Platform, ctx: RequestContext, trackingCode: string, text: string) {
  const at = platform.clock.now().toISOString();
  await platform.database.db.transaction().execute(async (trx) => {
    const r = await byCode(trx, trackingCode);
    if (!stillOpen(r.status)) throw notNow(r.status, ctx.locale);
    await repo.addEvent(trx, { complaint_id: r.id, step: 'information', actor_id: null, public_text: text, internal_note: null, created_at: at });
    await repo.updateComplaint(trx, r.id, { updated_at: at });
    await platform.audit.record(trx, ctx, { action: 'complaint.add_information', entityType: 'complaint', entityId: r.id });
  });
  return publicStatus(platform, ctx.locale, trackingCode);
}

export async function attachFiles(platform: Platform, ctx: RequestContext, trackingCode: string, files: StoredUpload[]) {
  const at = platform.clock.now().toISOString();
  await platform.database.db.transaction().execute(async (trx) => {
    const r = await byCode(trx, trackingCode);
    if (!stillOpen(r.status)) throw notNow(r.status, ctx.locale);
    const rows: FilesTable[] = files.map((f) => ({
      id: newId(), sha256: f.sha256, size: f.size, mime: f.mime, name: f.name, entity_type: 'complaint', entity_id: r.id, region_path: r.region_path, uploaded_by: null, created_at: at,
    }));
    if (rows.length) await trx.insertInto('files').values(rows).execute();
    await repo.addEvent(trx, { complaint_id: r.id, step: 'attachment', actor_id: null, public_text: files.map((f) => f.name).join('、'), internal_note: null, created_at: at });
    await platform.audit.record(trx, ctx, { action: 'complaint.attach', entityType: 'complaint', entityId: r.id, detail: { files: rows.map((f) => ({ fileId: f.id, name: f.name, sha256: f.sha256 })) } });
  });
  return { attached: files.length };
}

/**
 * 回访: satisfied, basically, or not. "Not satisfied" may reopen a closed complaint once, back to handling
 * with a fresh handling deadline; the satisfaction is then asked again when it closes again.
 */
async function recordSatisfaction(platform: Platform, ctx: RequestContext, trx: Executor, r: repo.ComplaintRecord, input: { satisfaction: Satisfaction; comment?: string; reopen: boolean }) {
  if (r.status !== 'closed') throw notNow(r.status, ctx.locale);
  if (r.satisfaction !== null) throw new AppError('CONFLICT', 'COMPLAINT_ALREADY_RATED');
  const reopen = input.satisfaction === 'unsatisfied' && input.reopen;
  if (reopen && r.reopened === 1) throw invalidField('reopen', 'COMPLAINT_REOPEN_USED');
  const now = platform.clock.now();
  const at = now.toISOString();
  const actorId = ctx.actor?.id ?? null;
  await repo.addEvent(trx, { complaint_id: r.id, step: `rated_${input.satisfaction}`, actor_id: actorId, public_text: input.comment || null, internal_note: null, created_at: at });
  if (reopen) {
    const settings = await readComplaintSettings(trx);
    await repo.updateComplaint(trx, r.id, { status: 'accepted', reopened: 1, satisfaction: null, handle_due: addWorkingDays(chinaToday(now), settings.handleWorkingDays), updated_at: at });
    await repo.addEvent(trx, { complaint_id: r.id, step: 'reopened', actor_id: actorId, public_text: null, internal_note: null, created_at: at });
    await platform.audit.record(trx, ctx, { action: 'complaint.reopen', entityType: 'complaint', entityId: r.id, detail: { satisfaction: input.satisfaction } });
  } else {
    await repo.updateComplaint(trx, r.id, { satisfaction: input.satisfaction, updated_at: at });
    await platform.audit.record(trx, ctx, { action: 'complaint.rate', entityType: 'complaint', entityId: r.id, detail: { satisfaction: input.satisfaction } });
  }
}

export async function rateByCode(platform: Platform, ctx: RequestContext, trackingCode: string, input: { satisfaction: Satisfaction; comment?: string; reopen: boolean }) {
  await platform.database.db.transaction().execute(async (trx) => recordSatisfaction(platform, ctx, trx, await byCode(trx, trackingCode), input));
  return publicStatus(platform, ctx.locale, trackingCode);
}

// ---------- the holding office's actions ----------

/**
 * One office action: in a transaction, on a complaint the caller reads (404 otherwise), held by the caller's
 * office (403) and in a status the state table allows; `work` writes and audits, then the detail is read back.
 */
async function onHeld(platform: Platform, ctx: RequestContext, id: string, action: ComplaintAction, work: (trx: Executor, r: repo.ComplaintRecord, at: string) => Promise<void>) {
  const actor = ctx.actor!;
  const day = await deadlineDay(platform);
  return platform.database.db.transaction().execute(async (trx) => {
    const r = await repo.findComplaint(trx, actor, id);
    if (!r) throw notFound();
    if (!complaintRules.act.can(actor, placed(r))) throw new AppError('FORBIDDEN');
    if (!allows(action, r.status)) throw notNow(r.status, ctx.locale);
    await work(trx, r, platform.clock.now().toISOString());
    return detailOf(platform, trx, actor, ctx.locale, day, (await repo.findComplaint(trx, actor, id))!);
  });
}

const event = (r: repo.ComplaintRecord, step: string, actorId: string, at: string, publicText?: string | null, note?: string | null) =>
  ({ complaint_id: r.id, step, actor_id: actorId, public_text: publicText || null, internal_note: note || null, created_at: at });

export async function accept(platform: Platform, ctx: RequestContext, id: string, input: { reply?: string; note?: string }) {
  return onHeld(platform, ctx, id, 'accept', async (trx, r, at) => {
    const settings = await readComplaintSettings(trx);
    const handleDue = addWorkingDays(chinaToday(platform.clock.now()), settings.handleWorkingDays);
    await repo.updateComplaint(trx, r.id, { status: 'accepted', handle_due: handleDue, updated_at: at });
    await repo.addEvent(trx, event(r, 'accepted', ctx.actor!.id, at, input.reply, input.note));
    await platform.audit.record(trx, ctx, { action: 'complaint.accept', entityType: 'complaint', entityId: r.id, detail: { handleDue } });
  });
}

export async function reject(platform: Platform, ctx: RequestContext, id: string, input: { reply: string; note?: string }) {
  return onHeld(platform, ctx, id, 'reject', async (trx, r, at) => {
    await repo.updateComplaint(trx, r.id, { status: 'rejected', updated_at: at });
    await repo.addEvent(trx, event(r, 'rejected', ctx.actor!.id, at, input.reply, input.note));
    await platform.audit.record(trx, ctx, { action: 'complaint.reject', entityType: 'complaint', entityId: r.id, detail: { reply: input.reply } });
  });
}

export async function notOurs(platform: Platform, ctx: RequestContext, id: string, input: { reply: string; note?: string }) {
  return onHeld(platform, ctx, id, 'notOurs', async (trx, r, at) => {
    await repo.updateComplaint(trx, r.id, { status: 'not_ours', updated_at: at });
    await repo.addEvent(trx, event(r, 'not_ours', ctx.actor!.id, at, input.reply, input.note));
    await platform.audit.record(trx, ctx, { action: 'complaint.not_ours', entityType: 'complaint', entityId: r.id, detail: { reply: input.reply } });
  });
}

/** To the office of a region inside the holder's (a county under the city): it then holds it, with a fresh deadline to acknowledge. */
export async function transfer(platform: Platform, ctx: RequestContext, id: string, input: { regionId: string; note?: string }) {
  return onHeld(platform, ctx, id, 'transfer', async (trx, r, at) => {
    const target = await trx.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', input.regionId).where('active', '=', 1)
      .where('level', 'in', repo.officeLevels).executeTakeFirst();
    if (!target || target.path === r.region_path || !isInSubtree(target.path, r.region_path)) throw invalidField('regionId', 'COMPLAINT_TRANSFER_TARGET');
    const settings = await readComplaintSettings(trx);
    const acknowledgeDue = addWorkingDays(chinaToday(platform.clock.now()), settings.acknowledgeWorkingDays);
    await repo.updateComplaint(trx, r.id, { region_id: target.id, region_path: target.path, acknowledge_due: acknowledgeDue, updated_at: at });
    await repo.addEvent(trx, event(r, 'transferred', ctx.actor!.id, at, target.name, input.note));
    await platform.audit.record(trx, ctx, { action: 'complaint.transfer', entityType: 'complaint', entityId: r.id, detail: { from: r.region_id, to: target.id } });
  });
}

/** A repeat of a complaint already being handled: it follows the other one from now on. */
export async function merge(platform: Platform, ctx: RequestContext, id: string, input: { intoId: string; note?: string }) {
  const actor = ctx.actor!;
  return onHeld(platform, ctx, id, 'merge', async (trx, r, at) => {
    const into = input.intoId === r.id ? undefined : await repo.findComplaint(trx, actor, input.intoId);
    if (!into || !mayAct(actor, placed(into), 'reply')) throw invalidField('intoId', 'COMPLAINT_MERGE_TARGET');
    await repo.updateComplaint(trx, r.id, { status: 'merged', merged_into_id: into.id, updated_at: at });
    await repo.addEvent(trx, event(r, 'merged', actor.id, at, null, input.note));
    await repo.addEvent(trx, { ...event(into, 'merged_in', actor.id, at, null, input.note) });
    await platform.audit.record(trx, ctx, { action: 'complaint.merge', entityType: 'complaint', entityId: r.id, detail: { intoId: into.id } });
  });
}

export async function reply(platform: Platform, ctx: RequestContext, id: string, input: { reply?: string; note?: string }) {
  if (!input.reply && !input.note) throw invalidField('reply', 'FIELD_REQUIRED');
  return onHeld(platform, ctx, id, 'reply', async (trx, r, at) => {
    await repo.addEvent(trx, event(r, input.reply ? 'replied' : 'noted', ctx.actor!.id, at, input.reply, input.note));
    await repo.updateComplaint(trx, r.id, { updated_at: at });
    await platform.audit.record(trx, ctx, { action: 'complaint.reply', entityType: 'complaint', entityId: r.id, detail: { reply: input.reply ?? null } });
  });
}

export async function extend(platform: Platform, ctx: RequestContext, id: string, input: { days: number; reason: string }) {
  return onHeld(platform, ctx, id, 'extend', async (trx, r, at) => {
    const handleDue = addWorkingDays(r.handle_due!, input.days);
    await repo.updateComplaint(trx, r.id, { handle_due: handleDue, updated_at: at });
    await repo.addEvent(trx, event(r, 'extended', ctx.actor!.id, at, null, input.reason));
    await platform.audit.record(trx, ctx, { action: 'complaint.extend', entityType: 'complaint', entityId: r.id, detail: { before: r.handle_due, after: handleDue, reason: input.reason } });
  });
}

/**
 * 分办: the complaint becomes problems in the register (source 'complaint', placed at its unit or, without
 * one, at the holding office's region) through the problems module's own command, or joins one there.
 */
export async function triage(platform: Platform, ctx: RequestContext, id: string, input: { problems: { area: string; severity: Severity; description: string }[]; problemId?: string }) {
  if (!input.problems.length && !input.problemId) throw invalidField('problems', 'COMPLAINT_TRIAGE_EMPTY');
  const actor = ctx.actor!;
  return onHeld(platform, ctx, id, 'triage', async (trx, r, at) => {
    const linked = new Set(await repo.linkedProblemIds(trx, r.id));
    const created: string[] = [];
    if (input.problemId) {
      const existing = await findProblemInScope(trx, actor, input.problemId).catch(notFoundAs(null));
      if (!existing) throw invalidField('problemId', 'NOT_FOUND');
      if (linked.has(existing.id)) throw invalidField('problemId', 'COMPLAINT_PROBLEM_LINKED');
      await repo.linkProblem(trx, r.id, existing.id);
    }
    const unit = r.unit_id ? await trx.selectFrom('units').select(['region_id', 'region_path']).where('id', '=', r.unit_id).executeTakeFirstOrThrow() : null;
    for (const [i, p] of input.problems.entries()) {
      await activeArea(trx, p.area, `problems.${i}.area`);
      const problem = await insertProblem(trx, platform, ctx, {
        source: 'complaint', area: p.area, severity: p.severity, region: unit ? { id: unit.region_id, path: unit.region_path } : { id: r.region_id, path: r.region_path },
        unitId: r.unit_id, taskId: null, visitId: null, itemKey: null, description: p.description, foundBy: actor.displayName, foundByAccountId: actor.id,
        foundOn: chinaToday(platform.clock.now()), deadline: null,
      });
      await repo.linkProblem(trx, r.id, problem.id);
      created.push(problem.id);
    }
    await repo.addEvent(trx, event(r, 'triaged', actor.id, at));
    await platform.audit.record(trx, ctx, { action: 'complaint.triage', entityType: 'complaint', entityId: r.id, detail: { created, attachedTo: input.problemId ?? null } });
  });
}

/** Closing answers the complainant: the reply is what they read under their code. */
export async function close(platform: Platform, ctx: RequestContext, id: string, input: { reply: string; note?: string }) {
  return onHeld(platform, ctx, id, 'close', async (trx, r, at) => {
    await repo.updateComplaint(trx, r.id, { status: 'closed', updated_at: at });
    await repo.addEvent(trx, event(r, 'closed', ctx.actor!.id, at, input.reply, input.note));
    await platform.audit.record(trx, ctx, { action: 'complaint.close', entityType: 'complaint', entityId: r.id, detail: { reply: input.reply } });
  });
}

/** The office records the satisfaction it heard on a follow-up call (回访). */
export async function rateByStaff(platform: Platform, ctx: RequestContext, id: string, input: { satisfaction: Satisfaction; comment?: string; reopen: boolean }) {
  return onHeld(platform, ctx, id, 'satisfaction', async (trx, r) => recordSatisfaction(platform, ctx, trx, r, input));
}

// ---------- categories ----------

const presentCategory = (c: { key: string; name_zh: string; name_en: string; sort: number; active: number }) =>
  ({ key: c.key, nameZh: c.name_zh, nameEn: c.name_en, sort: c.sort, active: c.active === 1 });

export async function publicCategories(db: Executor, locale: Locale) {
  return (await repo.categories(db, true)).map((c) => ({ key: c.key, name: locale === 'en' ? c.name_en : c.name_zh }));
}

export async function listCategories(db: Executor) {
  return (await repo.categories(db, false)).map(presentCategory);
}

export async function createCategory(platform: Platform, ctx: RequestContext, input: { key: string; nameZh: string; nameEn: string; sort?: number }) {
  return platform.database.db.transaction().execute(async (trx) => {
    if (await repo.findCategory(trx, input.key)) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'key', key: 'COMPLAINT_CATEGORY_TAKEN', params: { value: input.key } }] });
    const row = { key: input.key, name_zh: input.nameZh, name_en: input.nameEn, sort: input.sort ?? (await repo.lastCategorySort(trx)) + 1, active: 1 };
    await repo.insertCategory(trx, row);
    await platform.audit.record(trx, ctx, { action: 'complaint_category.create', entityType: 'complaint_category', entityId: row.key, detail: { after: row } });
    return presentCategory(row);
  });
}

export async function updateCategory(platform: Platform, ctx: RequestContext, key: string, patch: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean }) {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await repo.findCategory(trx, key);
    if (!before) throw notFound();
    const after = {
      name_zh: patch.nameZh ?? before.name_zh, name_en: patch.nameEn ?? before.name_en, sort: patch.sort ?? before.sort,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
    };
    await repo.updateCategory(trx, key, after);
    await platform.audit.record(trx, ctx, { action: 'complaint_category.update', entityType: 'complaint_category', entityId: key, detail: { before, after } });
    return presentCategory({ key, ...after });
  });
}
