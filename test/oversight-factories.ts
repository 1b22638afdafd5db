import type { AccountabilityCasesTable, NoticesTable, ProblemsTable, RegionsTable, UnitsTable } from '../server/platform/db/schema';
import type { CaseStatus } from '../server/modules/oversight/accountability-case-status';
import type { RectificationStatus } from '../server/modules/rectification/rectification-status';
import type { RectificationGrade } from '../server/modules/rectification/rectification.schemas';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';
import { makeIssuedNotice, makeRectification, type MadeRectification } from './rectification-factories';

/**
 * Rows for the oversight figures, as the services would have left them: items with a chosen first
 * submission day and gradings, and issued notices of any type and year.
 */
const db = (world: TestWorld) => world.platform.database.db;

export interface ItemOptions {
  unit: UnitsTable;
  office: RegionsTable;
  status?: RectificationStatus;
  deadline?: string;
  originalDeadline?: string;
  /** The China calendar day of the first submission (stored as 11:00 that day, 03:00 UTC). */
  firstSubmittedOn?: string;
  /** Every grading the item received, in order: 差 as a send-back, the others at verification. */
  grades?: RectificationGrade[];
  notice?: NoticesTable;
  problems?: ProblemsTable[];
  demand?: string;
}

export async function makeItem(world: TestWorld, o: ItemOptions): Promise<MadeRectification> {
  const last = o.grades?.at(-1);
  const made = await makeRectification(world, {
    unit: o.unit, office: o.office, status: o.status, deadline: o.deadline, originalDeadline: o.originalDeadline, notice: o.notice, demand: o.demand,
    problems: o.problems, origin: o.problems?.length ? 'problem' : 'notice', grade: o.grades ? (last ?? null) : undefined,
  });
  const id = made.row.id;
  if (o.firstSubmittedOn) {
    const at = `${o.firstSubmittedOn}T03:00:00.000Z`;
    await db(world).updateTable('rectifications').set({ first_submitted_at: at }).where('id', '=', id).execute();
    made.row.first_submitted_at = at;
  }
  if (o.grades) {
    await db(world).deleteFrom('rectification_events').where('rectification_id', '=', id).where('grade', 'is not', null).execute();
    const at = world.clock.now().toISOString();
    for (const grade of o.grades) {
      await db(world).insertInto('rectification_events').values({
        id: newId(), rectification_id: id, kind: grade === 'poor' ? 'send_back' : 'verify', from_status: 'submitted', to_status: grade === 'poor' ? 'in_progress' : 'verified',
        text: grade === 'poor' ? '整改不到位，退回重改。' : '核验通过。', percent: null, grade, actor_id: null, actor_name: '测试核验人', at,
      }).execute();
    }
  }
  return made;
}

/** An issued notice of a type and year (a withdrawn one when asked), numbered outside the real series. */
export async function makeNoticeOf(world: TestWorld, office: RegionsTable, o: { typeKey: string; year?: number; status?: 'issued' | 'closed' | 'withdrawn' | 'draft'; title?: string }): Promise<NoticesTable> {
  const notice = await makeIssuedNotice(world, office, { title: o.title });
  const year = o.status === 'draft' ? null : (o.year ?? 2026);
  const set = { type_key: o.typeKey, doc_year: year, status: o.status ?? 'issued', doc_number: o.status === 'draft' ? null : notice.doc_number, doc_seq: o.status === 'draft' ? null : notice.doc_seq };
  await db(world).updateTable('notices').set(set).where('id', '=', notice.id).execute();
  return { ...notice, ...set };
}

/** An accountability case in a status, as the steps would have left it (no steps written), its problem found yesterday. */
export async function makeCase(world: TestWorld, o: {
  unit: UnitsTable; office: RegionsTable; createdBy: string; status: CaseStatus; title?: string; statementDue?: string; decidedOn?: string;
}): Promise<AccountabilityCasesTable> {
  const now = world.clock.now().toISOString();
  const today = now.slice(0, 10);
  const decided = o.decidedOn ?? null;
  const row: AccountabilityCasesTable = {
    id: newId(), unit_id: o.unit.id, region_path: o.unit.region_path, office_region_id: o.office.id, office_region_path: o.office.path, status: o.status,
    title: o.title ?? `测试问责案件${newId().slice(-6)}`, source_kind: 'problem', source_id: newId(), work_ended_on: today, open_due: today,
    statement_due: o.statementDue ?? null, review_request_due: null, review_decision_due: null, appeal_request_due: null, appeal_decision_due: null, correction_due: null,
    facts: decided && '测试问责事实', basis: decided && '《教育督导问责办法》', measure_kind: decided && 'criticism', effective_on: decided, decided_on: decided, doc_number: null,
    measure_id: null, publication_scope: null, published_on: null, created_by: o.createdBy, created_at: now, updated_at: now,
  };
  await db(world).insertInto('accountability_cases').values(row).execute();
  return row;
}
