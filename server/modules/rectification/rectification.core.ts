import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { RectificationsTable } from '../../platform/db/schema';
import { newId } from '../../platform/ids';
import { rectificationActions, type RectificationStatus } from './rectification-status';

/** What a new rectification item needs; its unit's place and the office are copied onto the row for scope. */
export interface NewRectification {
  origin: 'notice' | 'problem';
  noticeId: string | null;
  noticeItemId: string | null;
  taskId: string | null;
  unit: { id: string; regionId: string; regionPath: string };
  office: { regionId: string; regionPath: string };
  demand: string;
  deadline: string;
  /** Problems this item answers for; their status follows it. */
  problemIds: string[];
}

/**
 * Open rectification items inside the caller's transaction (a notice being issued, a problem put under
 * rectification): each starts pending with a 'created' event, and its problems become 'rectifying'.
 */
export async function openRectifications(
  trx: Executor, platform: Platform, ctx: RequestContext, items: NewRectification[],
  // The demo seed is audited as one entry of its own, not one per item it lays down.
  options: { audited: boolean } = { audited: true },
): Promise<RectificationsTable[]> {
  const now = platform.clock.now().toISOString();
  const actor = ctx.actor;
  const rows: RectificationsTable[] = items.map((i) => ({
    id: newId(), origin: i.origin, notice_id: i.noticeId, notice_item_id: i.noticeItemId, problem_id: i.origin === 'problem' ? (i.problemIds[0] ?? null) : null,
    task_id: i.taskId, unit_id: i.unit.id, region_id: i.unit.regionId, region_path: i.unit.regionPath, office_region_id: i.office.regionId,
    office_region_path: i.office.regionPath, demand: i.demand, responsible_person: null, measures: null, deadline: i.deadline, original_deadline: i.deadline,
    status: 'pending', percent: 0, grade: null, first_submitted_at: null, submitted_at: null, sent_back_count: 0, verified_at: null, verified_by: null,
    verification_method: null, verification_visit_id: null, verification_note: null, signed_off_at: null, signed_off_by: null, reopened_count: 0,
    created_at: now, updated_at: now,
  }));
  if (rows.length === 0) return rows;
  // Inserted in slices: PostgreSQL and SQLite both cap the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('rectifications').values(rows.slice(i, i + 500)).execute();
  const events = rows.map((r) => ({
    id: newId(), rectification_id: r.id, kind: 'created', from_status: null, to_status: 'pending', text: null, percent: null, grade: null,
    actor_id: actor?.id ?? null, actor_name: actor?.displayName ?? null, at: now,
  }));
  for (let i = 0; i < events.length; i += 500) await trx.insertInto('rectification_events').values(events.slice(i, i + 500)).execute();
  const links = rows.flatMap((r, k) => items[k].problemIds.map((problemId) => ({ rectification_id: r.id, problem_id: problemId })));
  for (let i = 0; i < links.length; i += 500) await trx.insertInto('rectification_problems').values(links.slice(i, i + 500)).execute();
  const problemIds = [...new Set(links.map((l) => l.problem_id))];
  if (problemIds.length > 0) await trx.updateTable('problems').set({ status: 'rectifying', updated_at: now }).where('id', 'in', problemIds).execute();
  if (options.audited) {
    for (const [k, r] of rows.entries()) {
      await platform.audit.record(trx, ctx, { action: 'rectification.open', entityType: 'rectification', entityId: r.id, detail: { after: r, problemIds: items[k].problemIds } });
    }
  }
  return rows;
}

/**
 * A problem's status follows its rectification: closed when every live item answering for it is signed off,
 * rectifying while any is live, open again when none is (all cancelled). Call after any change of status.
 */
export async function syncProblemStatuses(trx: Executor, now: string, problemIds: string[]): Promise<void> {
  for (const problemId of new Set(problemIds)) {
    const statuses = (await trx.selectFrom('rectification_problems').innerJoin('rectifications', 'rectifications.id', 'rectification_problems.rectification_id')
      .select('rectifications.status').where('rectification_problems.problem_id', '=', problemId).execute()).map((r) => r.status);
    const live = statuses.filter((s) => s !== 'cancelled');
    const status = live.length === 0 ? 'open' : live.every((s) => s === 'signed_off') ? 'closed' : 'rectifying';
    await trx.updateTable('problems').set({ status, updated_at: now }).where('id', '=', problemId).where('status', '<>', status).execute();
  }
}

/** Withdrawing an issued notice cancels its items that are not signed off, each with the reason in its timeline. */
export async function cancelRectificationsOfNotice(trx: Executor, platform: Platform, ctx: RequestContext, noticeId: string, reason: string): Promise<number> {
  const now = platform.clock.now().toISOString();
  const cancellable = rectificationActions.cancel.from as readonly RectificationStatus[];
  const rows = await trx.selectFrom('rectifications').select(['id', 'status']).where('notice_id', '=', noticeId).where('status', 'in', [...cancellable]).execute();
  if (rows.length === 0) return 0;
  await trx.updateTable('rectifications').set({ status: 'cancelled', updated_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
  await trx.insertInto('rectification_events').values(rows.map((r) => ({
    id: newId(), rectification_id: r.id, kind: 'cancel', from_status: r.status, to_status: 'cancelled', text: reason, percent: null, grade: null,
    actor_id: ctx.actor?.id ?? null, actor_name: ctx.actor?.displayName ?? null, at: now,
  }))).execute();
  const problemIds = (await trx.selectFrom('rectification_problems').select('problem_id').where('rectification_id', 'in', rows.map((r) => r.id)).execute()).map((p) => p.problem_id);
  await syncProblemStatuses(trx, now, problemIds);
  await platform.audit.record(trx, ctx, { action: 'rectification.cancel', entityType: 'notice', entityId: noticeId, detail: { reason, rectificationIds: rows.map((r) => r.id) } });
  return rows.length;
}
