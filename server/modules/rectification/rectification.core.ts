import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { RectificationsTable } from '../../platform/db/schema';
import { newId } from '../../platform/ids';

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
export async function openRectifications(trx: Executor, platform: Platform, ctx: RequestContext, items: NewRectification[]): Promise<RectificationsTable[]> {
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
  for (const [k, r] of rows.entries()) {
    await platform.audit.record(trx, ctx, { action: 'rectification.open', entityType: 'rectification', entityId: r.id, detail: { after: r, problemIds: items[k].problemIds } });
  }
  return rows;
}
