import { Readable } from 'node:stream';
import type { NoticeTypesTable, NoticesTable, RegionsTable, UnitsTable } from '../server/platform/db/schema';
import type { NoticeStatus } from '../server/modules/notices/notice-status';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';

/** Notices, their types and attachments, each row as the notices service would have written it. */
let counter = 0;
const next = () => ++counter;
const db = (world: TestWorld) => world.platform.database.db;
const now = (world: TestWorld) => world.clock.now().toISOString();

export async function makeNoticeType(world: TestWorld, region: RegionsTable, opts: Partial<NoticeTypesTable> = {}): Promise<NoticeTypesTable> {
  const n = next();
  const row: NoticeTypesTable = {
    key: `test_type_${n}_${newId().slice(-6)}`, name_zh: `测试文种${n}`, name_en: `Test type ${n}`, region_id: region.id, region_path: region.path,
    sort: 100 + n, active: 1, created_at: now(world), ...opts,
  };
  await db(world).insertInto('notice_types').values(row).execute();
  return row;
}

export interface RecipientSpec {
  unit: UnitsTable;
  kind?: 'main' | 'copy';
}

export interface ItemSpec {
  demand?: string;
  deadline?: string;
  units?: UnitsTable[];
  problemIds?: string[];
}

/**
 * A notice of an office in a given state. A delivered one (issued, closed, withdrawn) carries a number far
 * above what the service hands out in a test, so the two never meet in a series.
 */
export async function makeNotice(world: TestWorld, office: RegionsTable, opts: {
  draftedBy: string;
  status?: NoticeStatus;
  title?: string;
  typeKey?: string;
  recipients?: RecipientSpec[];
  items?: ItemSpec[];
} & Partial<NoticesTable>): Promise<NoticesTable> {
  const { draftedBy, status: given, title, typeKey, recipients = [], items = [], ...rest } = opts;
  const n = next();
  const at = now(world);
  const status = given ?? 'draft';
  const delivered = ['issued', 'closed', 'withdrawn'].includes(status);
  const row: NoticesTable = {
    id: newId(), region_id: office.id, region_path: office.path, issuer_name: `${office.name}人民政府教育督导委员会办公室`, type_key: typeKey ?? 'supervision_notice',
    title: title ?? `关于开展测试督办的通知${n}`, body: '一、总体要求。请各单位高度重视。\n请于规定时限内完成整改并报送情况。', basis: '[]', status, task_id: null, escalated_from: null,
    doc_number: delivered ? `测督〔2026〕${90000 + n}号` : null, doc_year: delivered ? 2026 : null, doc_seq: delivered ? 90000 + n : null, printed_by: null,
    drafted_by: draftedBy, submitted_at: status === 'draft' ? null : at,
    approved_by: status === 'approved' || delivered ? draftedBy : null, approved_at: status === 'approved' || delivered ? at : null,
    approval_note: null, issued_by: delivered ? draftedBy : null, issued_at: delivered ? at : null, issue_date: delivered ? at.slice(0, 10) : null,
    closed_at: status === 'closed' ? at : null, withdrawn_at: status === 'withdrawn' ? at : null, withdrawn_reason: status === 'withdrawn' ? '测试撤回' : null,
    created_at: at, updated_at: at, ...rest,
  };
  await db(world).insertInto('notices').values(row).execute();
  if (recipients.length > 0) {
    await db(world).insertInto('notice_recipients').values(recipients.map((r, i) => ({
      id: newId(), notice_id: row.id, unit_id: r.unit.id, region_path: r.unit.region_path, kind: r.kind ?? 'main', sort: i + 1,
      acknowledged_at: null, acknowledged_by: null, acknowledged_by_name: null, replied_at: null,
    }))).execute();
  }
  for (const [i, item] of items.entries()) {
    const itemId = newId();
    await db(world).insertInto('notice_items').values({
      id: itemId, notice_id: row.id, seq: i + 1, demand: item.demand ?? `测试督办事项${i + 1}`, deadline: item.deadline ?? '2026-06-30',
      unit_ids: item.units ? JSON.stringify(item.units.map((u) => u.id)) : null,
    }).execute();
    if (item.problemIds?.length) await db(world).insertInto('notice_item_problems').values(item.problemIds.map((problemId) => ({ item_id: itemId, problem_id: problemId }))).execute();
  }
  return row;
}

/** A file attached to a notice, stored like an upload. */
export async function attachToNotice(world: TestWorld, notice: NoticesTable, name = '附件.txt', content = Buffer.from('测试附件')): Promise<string> {
  const stored = await world.platform.storage.put(Readable.from([content]), 1024 * 1024);
  const id = newId();
  await db(world).insertInto('files').values({
    id, sha256: stored.sha256, size: stored.size, mime: 'text/plain', name, entity_type: 'notice', entity_id: notice.id, region_path: notice.region_path,
    uploaded_by: null, created_at: now(world),
  }).execute();
  return id;
}
