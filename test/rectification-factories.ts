import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type {
  NoticeItemsTable, NoticesTable, ProblemsTable, RectificationsTable, RegionsTable, SupervisionTasksTable, UnitsTable,
} from '../server/platform/db/schema';
import type { RectificationStatus } from '../server/modules/rectification/rectification-status';
import type { RectificationGrade } from '../server/modules/rectification/rectification.schemas';
import { syncProblemStatuses } from '../server/modules/rectification/rectification.core';
import { idAfter } from '../server/modules/rectification/rectification.service';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';
import type { Client, Reply } from './http';
import { makeAccount } from './factories';

/**
 * Rectification items as the services would have left them, written straight into the tables: an issued
 * notice with one item addressed to the unit (or a problem put under rectification), the item in the asked
 * status with the columns that status implies, its timeline, and an evidence file once it has been submitted.
 */
let counter = 0;
const next = () => ++counter;
const db = (world: TestWorld) => world.platform.database.db;
const now = (world: TestWorld) => world.clock.now().toISOString();

/** One account per world stands in as the drafter, verifier and signer of factory rows. */
const clerks = new WeakMap<TestWorld, Promise<string>>();
function clerk(world: TestWorld, office: RegionsTable): Promise<string> {
  let id = clerks.get(world);
  if (!id) {
    id = makeAccount(world, { role: 'leader', region: office }).then((a) => a.id);
    clerks.set(world, id);
  }
  return id;
}

export async function makeIssuedNotice(world: TestWorld, office: RegionsTable, opts: { task?: SupervisionTasksTable | null; title?: string } = {}): Promise<NoticesTable> {
  const n = next();
  const by = await clerk(world, office);
  const at = now(world);
  const row: NoticesTable = {
    id: newId(), region_id: office.id, region_path: office.path, issuer_name: `${office.name}教育督导委员会办公室`, type_key: 'supervision_notice',
    title: opts.title ?? `关于限期整改的督办通知${n}`, body: '请按要求限期整改。', basis: '[]', status: 'issued', task_id: opts.task?.id ?? null, escalated_from: null,
    // A seq out of the range real series reach, so factory notices never collide with numbers a test issues.
    doc_number: `测督〔2026〕${n}号`, doc_year: 2026, doc_seq: 900000 + n, printed_by: null, drafted_by: by, submitted_at: at, approved_by: by, approved_at: at,
    approval_note: null, issued_by: by, issued_at: at, issue_date: at.slice(0, 10), closed_at: null, withdrawn_at: null, withdrawn_reason: null,
    created_at: at, updated_at: at,
  };
  await db(world).insertInto('notices').values(row).execute();
  return row;
}

export interface RectificationOptions {
  unit: UnitsTable;
  /** The supervising office's region. */
  office: RegionsTable;
  status?: RectificationStatus;
  deadline?: string;
  /** The deadline before an approved extension; the deadline itself otherwise. */
  originalDeadline?: string;
  /** 'notice' (default): an item of an issued notice; 'problem': the first of `problems` put under rectification. */
  origin?: 'notice' | 'problem';
  /** Reuse a notice (one item per call is added to it). */
  notice?: NoticesTable;
  problems?: ProblemsTable[];
  task?: SupervisionTasksTable | null;
  demand?: string;
  /** An evidence file in a progress report; by default once the item has been submitted. */
  evidence?: boolean;
  percent?: number;
  grade?: RectificationGrade | null;
}

export interface MadeRectification {
  row: RectificationsTable;
  notice: NoticesTable | null;
  item: NoticeItemsTable | null;
  /** The evidence file's id, when it has one. */
  evidenceFileId: string | null;
}

const submittedOrLater: RectificationStatus[] = ['submitted', 'verified', 'signed_off'];
const statusEvent: Partial<Record<RectificationStatus, string>> = { in_progress: 'plan', submitted: 'submit', verified: 'verify', signed_off: 'sign_off', cancelled: 'cancel' };

export async function makeRectification(world: TestWorld, o: RectificationOptions): Promise<MadeRectification> {
  const status = o.status ?? 'pending';
  const origin = o.origin ?? 'notice';
  const deadline = o.deadline ?? '2026-04-30';
  const at = now(world);
  const by = await clerk(world, o.office);
  const n = next();
  const demand = o.demand ?? (origin === 'problem' && o.problems?.[0] ? o.problems[0].description : `按督办通知要求完成整改事项${n}`);
  let notice: NoticesTable | null = null;
  let item: NoticeItemsTable | null = null;
  if (origin === 'notice') {
    notice = o.notice ?? (await makeIssuedNotice(world, o.office, { task: o.task }));
    const seq = Number((await db(world).selectFrom('notice_items').select((eb) => eb.fn.max('seq').as('seq')).where('notice_id', '=', notice.id).executeTakeFirst())?.seq ?? 0) + 1;
    item = { id: newId(), notice_id: notice.id, seq, demand, deadline: o.originalDeadline ?? deadline, unit_ids: JSON.stringify([o.unit.id]) };
    await db(world).insertInto('notice_items').values(item).execute();
    await db(world).insertInto('notice_recipients').values({
      id: newId(), notice_id: notice.id, unit_id: o.unit.id, region_path: o.unit.region_path, kind: 'main', sort: seq,
      acknowledged_at: null, acknowledged_by: null, acknowledged_by_name: null, replied_at: null,
    }).onConflict((oc) => oc.columns(['notice_id', 'unit_id']).doNothing()).execute();
  }
  const submitted = submittedOrLater.includes(status);
  const verified = status === 'verified' || status === 'signed_off';
  const row: RectificationsTable = {
    id: newId(), origin, notice_id: notice?.id ?? null, notice_item_id: item?.id ?? null, problem_id: origin === 'problem' ? (o.problems?.[0]?.id ?? null) : null,
    task_id: o.task?.id ?? notice?.task_id ?? null, unit_id: o.unit.id, region_id: o.unit.region_id, region_path: o.unit.region_path,
    office_region_id: o.office.id, office_region_path: o.office.path, demand,
    responsible_person: status === 'pending' ? null : '张校长', measures: status === 'pending' ? null : '制定整改方案，明确责任人和时限。',
    deadline, original_deadline: o.originalDeadline ?? deadline, status, percent: o.percent ?? (submitted ? 100 : status === 'in_progress' ? 40 : 0),
    grade: o.grade !== undefined ? o.grade : verified ? 'good' : null, first_submitted_at: submitted ? at : null, submitted_at: submitted ? at : null, sent_back_count: 0,
    verified_at: verified ? at : null, verified_by: verified ? by : null, verification_method: verified ? 'documents' : null, verification_visit_id: null,
    verification_note: verified ? '资料齐全，整改到位。' : null, signed_off_at: status === 'signed_off' ? at : null, signed_off_by: status === 'signed_off' ? by : null,
    reopened_count: 0, created_at: at, updated_at: at,
  };
  await db(world).insertInto('rectifications').values(row).execute();
  let lastEvent: string | null = null;
  const event = (kind: string, from: string | null, to: string | null, extra: { text?: string; percent?: number; grade?: string | null } = {}) => ({
    id: (lastEvent = idAfter(lastEvent)), rectification_id: row.id, kind, from_status: from, to_status: to, text: extra.text ?? null, percent: extra.percent ?? null,
    grade: extra.grade ?? null, actor_id: by, actor_name: '测试经办人', at,
  });
  await db(world).insertInto('rectification_events').values(event('created', null, 'pending')).execute();
  let evidenceFileId: string | null = null;
  if (o.evidence ?? submitted) {
    const progress = event('progress', 'in_progress', 'in_progress', { text: '已完成整改，上传佐证。', percent: 100 });
    await db(world).insertInto('rectification_events').values(progress).execute();
    evidenceFileId = await attachEvidence(world, row, progress.id);
  }
  const kind = statusEvent[status];
  if (kind) await db(world).insertInto('rectification_events').values(event(kind, null, status, { grade: kind === 'verify' ? row.grade : null })).execute();
  const problemIds = (o.problems ?? []).map((p) => p.id);
  if (problemIds.length > 0) {
    await db(world).insertInto('rectification_problems').values(problemIds.map((problemId) => ({ rectification_id: row.id, problem_id: problemId }))).execute();
    await syncProblemStatuses(db(world), at, problemIds);
  }
  return { row, notice, item, evidenceFileId };
}

/** A text file stored as evidence of a timeline event; answers with the file's id. */
export async function attachEvidence(world: TestWorld, row: Pick<RectificationsTable, 'region_path'>, eventId: string, content = `整改佐证 ${randomBytes(4).toString('hex')}`): Promise<string> {
  const stored = await world.platform.storage.put(Readable.from([Buffer.from(content)]), 1024 * 1024);
  const id = newId();
  await db(world).insertInto('files').values({
    id, sha256: stored.sha256, size: stored.size, mime: 'text/plain', name: '整改佐证.txt', entity_type: 'rectification_event', entity_id: eventId,
    region_path: row.region_path, uploaded_by: null, created_at: now(world),
  }).execute();
  return id;
}

/**
 * Many ledger rows at once (exports, benchmarks): pending items of one notice, straight into the table in
 * slices, with creation times a second apart so keyset paging has real order to follow.
 */
export async function makeLedgerRows(world: TestWorld, o: { unit: UnitsTable; office: RegionsTable; count: number; deadline?: string; notice?: NoticesTable }): Promise<NoticesTable> {
  const notice = o.notice ?? (await makeIssuedNotice(world, o.office));
  const start = world.clock.now().getTime();
  for (let i = 0; i < o.count; i += 500) {
    const rows: RectificationsTable[] = Array.from({ length: Math.min(500, o.count - i) }, (_, k) => {
      const at = new Date(start + (i + k) * 1000).toISOString();
      const deadline = o.deadline ?? '2026-04-30';
      return {
        id: newId(), origin: 'notice', notice_id: notice.id, notice_item_id: null, problem_id: null, task_id: null, unit_id: o.unit.id, region_id: o.unit.region_id,
        region_path: o.unit.region_path, office_region_id: o.office.id, office_region_path: o.office.path, demand: `台账事项${i + k + 1}`, responsible_person: null,
        measures: null, deadline, original_deadline: deadline, status: 'pending', percent: 0, grade: null, first_submitted_at: null, submitted_at: null,
        sent_back_count: 0, verified_at: null, verified_by: null, verification_method: null, verification_visit_id: null, verification_note: null,
        signed_off_at: null, signed_off_by: null, reopened_count: 0, created_at: at, updated_at: at,
      };
    });
    await db(world).insertInto('rectifications').values(rows).execute();
  }
  return notice;
}

/** A progress report with any number of files, posted as the web app does (fields first, then the files). */
export function postReport(client: Client, world: TestWorld, id: string, fields: Record<string, string>, files: { name: string; content: Buffer }[]): Promise<Reply> {
  const boundary = `----dudao${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return world.app.inject({
    method: 'POST', url: `/api/rectifications/${id}/reports`, payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookie ?? '', 'x-csrf-token': client.csrf ?? '', 'accept-language': client.locale },
  }).then((res) => ({
    status: res.statusCode, raw: res.rawPayload, headers: res.headers,
    body: String(res.headers['content-type'] ?? '').includes('application/json') && res.body ? JSON.parse(res.body) : null,
  }));
}
