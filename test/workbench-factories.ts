import type { NoticesTable, RectificationsTable, RegionsTable, UnitsTable } from '../server/platform/db/schema';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';

/**
 * Rows of notices and rectification items as the notices and rectification services write them, for the
 * workbench tests (reminders, my work) that only need them to exist in a given state.
 */
let counter = 0;
const next = () => ++counter;
const db = (world: TestWorld) => world.platform.database.db;
const now = (world: TestWorld) => world.clock.now().toISOString();

export interface NoticeRecipientSpec {
  unit: UnitsTable;
  kind?: 'main' | 'copy';
  acknowledged?: boolean;
  replied?: boolean;
}

/** A notice of `office` (issued unless told otherwise) with its items and recipient rows. */
export async function makeNotice(world: TestWorld, opts: {
  office: RegionsTable;
  draftedBy: string;
  status?: string;
  title?: string;
  deadlines?: string[];
  recipients?: NoticeRecipientSpec[];
  /** The approver's note when a draft was returned. */
  approvalNote?: string;
}): Promise<NoticesTable & { recipientIds: string[] }> {
  const n = next();
  const at = now(world);
  const status = opts.status ?? 'issued';
  const delivered = ['issued', 'closed', 'withdrawn'].includes(status);
  const row: NoticesTable = {
    id: newId(), region_id: opts.office.id, region_path: opts.office.path, issuer_name: `${opts.office.name}教育督导室`, type_key: 'supervision_notice',
    title: opts.title ?? `测试督办通知${n}`, body: '请按要求整改。', basis: '[]', status, task_id: null, escalated_from: null,
    doc_number: delivered ? `测督办〔2026〕${n}号` : null, doc_year: delivered ? 2026 : null, doc_seq: delivered ? n : null, printed_by: null,
    drafted_by: opts.draftedBy, submitted_at: status === 'draft' ? null : at, approved_by: null, approved_at: null, approval_note: opts.approvalNote ?? null,
    issued_by: delivered ? opts.draftedBy : null, issued_at: delivered ? at : null, issue_date: delivered ? at.slice(0, 10) : null,
    closed_at: null, withdrawn_at: null, withdrawn_reason: null, created_at: at, updated_at: at,
  };
  await db(world).insertInto('notices').values(row).execute();
  const deadlines = opts.deadlines ?? [];
  if (deadlines.length > 0) {
    await db(world).insertInto('notice_items').values(deadlines.map((deadline, i) => ({
      id: newId(), notice_id: row.id, seq: i + 1, demand: `整改要求${i + 1}`, deadline, unit_ids: null,
    }))).execute();
  }
  const recipients = (opts.recipients ?? []).map((r, i) => ({
    id: newId(), notice_id: row.id, unit_id: r.unit.id, region_path: r.unit.region_path, kind: r.kind ?? 'main', sort: i + 1,
    acknowledged_at: r.acknowledged ? at : null, acknowledged_by: null, acknowledged_by_name: r.acknowledged ? '测试签收人' : null,
    replied_at: r.replied ? at : null,
  }));
  if (recipients.length > 0) await db(world).insertInto('notice_recipients').values(recipients).execute();
  return { ...row, recipientIds: recipients.map((r) => r.id) };
}

/** A rectification item owned by `unit`, supervised by `office`. */
export async function makeRectification(world: TestWorld, opts: {
  unit: UnitsTable;
  office: RegionsTable;
  deadline: string;
  status?: string;
  demand?: string;
  noticeId?: string | null;
}): Promise<RectificationsTable> {
  const at = now(world);
  const status = opts.status ?? 'pending';
  const row: RectificationsTable = {
    id: newId(), origin: opts.noticeId ? 'notice' : 'problem', notice_id: opts.noticeId ?? null, notice_item_id: null, problem_id: null, task_id: null,
    unit_id: opts.unit.id, region_id: opts.unit.region_id, region_path: opts.unit.region_path, office_region_id: opts.office.id,
    office_region_path: opts.office.path, demand: opts.demand ?? `整改事项${next()}`, responsible_person: null, measures: null,
    deadline: opts.deadline, original_deadline: opts.deadline, status, percent: 0, grade: null,
    first_submitted_at: ['submitted', 'verified', 'signed_off'].includes(status) ? at : null,
    submitted_at: ['submitted', 'verified', 'signed_off'].includes(status) ? at : null, sent_back_count: 0,
    verified_at: ['verified', 'signed_off'].includes(status) ? at : null, verified_by: null, verification_method: null, verification_visit_id: null,
    verification_note: null, signed_off_at: status === 'signed_off' ? at : null, signed_off_by: null, reopened_count: 0, created_at: at, updated_at: at,
  };
  await db(world).insertInto('rectifications').values(row).execute();
  return row;
}

/** A pending extension request on an item. */
export async function requestExtension(world: TestWorld, item: RectificationsTable, requestedBy: string, requestedDeadline: string): Promise<string> {
  const id = newId();
  await db(world).insertInto('rectification_extensions').values({
    id, rectification_id: item.id, current_deadline: item.deadline, requested_deadline: requestedDeadline, reason: '客观原因', status: 'pending',
    requested_by: requestedBy, requested_at: now(world), decided_by: null, decided_at: null, decision_note: null,
  }).execute();
  return id;
}

/** Move an item's deadline, as an approved extension does. */
export async function extendDeadline(world: TestWorld, item: RectificationsTable, deadline: string): Promise<void> {
  await db(world).updateTable('rectifications').set({ deadline, updated_at: now(world) }).where('id', '=', item.id).execute();
}

export async function setStatus(world: TestWorld, item: RectificationsTable, status: string): Promise<void> {
  await db(world).updateTable('rectifications').set({ status, updated_at: now(world) }).where('id', '=', item.id).execute();
}

export async function setEmail(world: TestWorld, accountId: string, email: string | null, locale = 'zh-CN'): Promise<void> {
  await db(world).updateTable('accounts').set({ email, locale }).where('id', '=', accountId).execute();
}

/** The notifications an account holds, oldest first. */
export async function notificationsOf(world: TestWorld, accountId: string) {
  return db(world).selectFrom('notifications').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
}
