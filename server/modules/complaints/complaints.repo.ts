import type { Executor } from '../../platform/db/database';
import type { ComplaintEventsTable, ComplaintsTable } from '../../platform/db/schema';
import type { PolicyActor } from '../../platform/policy';
import { newId } from '../../platform/ids';
import { complaintRules } from './complaints.policy';

/** The only code that touches the complaint tables; every staff read goes through the read rule. */

function joined(db: Executor) {
  return db.selectFrom('complaints as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .innerJoin('complaint_categories as k', 'k.key', 'c.category')
    .leftJoin('units as u', 'u.id', 'c.unit_id');
}

const columns = [
  'c.id', 'c.region_id', 'c.region_path', 'c.unit_id', 'c.unit_text', 'c.category', 'c.description', 'c.happened_on', 'c.privacy', 'c.name_cipher', 'c.phone_cipher',
  'c.status', 'c.acknowledge_due', 'c.handle_due', 'c.merged_into_id', 'c.satisfaction', 'c.reopened', 'c.created_at', 'c.updated_at',
  'r.name as region_name', 'k.name_zh as category_zh', 'k.name_en as category_en', 'u.name as unit_name',
] as const;

export type ComplaintRecord = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

export async function findComplaint(db: Executor, actor: PolicyActor, id: string) {
  return joined(db).select(columns).where(complaintRules.read.filter(actor, 'c')).where('c.id', '=', id).executeTakeFirst();
}

/** The complaint a tracking code names (by its hash), for the complainant; no staff rule applies. */
export async function findByCodeHash(db: Executor, hash: string) {
  return joined(db).select(columns).where('c.code_hash', '=', hash).executeTakeFirst();
}

export interface ComplaintFilters {
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

export async function listComplaints(db: Executor, actor: PolicyActor, f: ComplaintFilters) {
  let q = joined(db).where(complaintRules.read.filter(actor, 'c'));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('c.description', 'like', `%${f.q}%`), eb('u.name', 'like', `%${f.q}%`), eb('c.unit_text', 'like', `%${f.q}%`)]));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.select(columns).orderBy('c.created_at', f.order).orderBy('c.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export async function insertComplaint(db: Executor, row: ComplaintsTable) {
  await db.insertInto('complaints').values(row).execute();
}

export async function updateComplaint(db: Executor, id: string, set: Partial<Omit<ComplaintsTable, 'id' | 'code_hash' | 'challenge_nonce'>>) {
  await db.updateTable('complaints').set(set).where('id', '=', id).execute();
}

export async function addEvent(db: Executor, event: Omit<ComplaintEventsTable, 'id'>) {
  await db.insertInto('complaint_events').values({ id: newId(), ...event }).execute();
}

export async function eventsOf(db: Executor, complaintId: string) {
  return db.selectFrom('complaint_events as e').leftJoin('accounts as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.step', 'e.public_text', 'e.internal_note', 'e.created_at', 'a.display_name as actor_name'])
    .where('e.complaint_id', '=', complaintId).orderBy('e.created_at').orderBy('e.id').execute();
}

export async function linkProblem(db: Executor, complaintId: string, problemId: string) {
  await db.insertInto('complaint_problems').values({ complaint_id: complaintId, problem_id: problemId }).execute();
}

export async function linkedProblemIds(db: Executor, complaintId: string) {
  return (await db.selectFrom('complaint_problems').select('problem_id').where('complaint_id', '=', complaintId).execute()).map((r) => r.problem_id);
}

export async function filesOfComplaint(db: Executor, complaintId: string) {
  return db.selectFrom('files').select(['id', 'name', 'size', 'mime']).where('entity_type', '=', 'complaint').where('entity_id', '=', complaintId).orderBy('created_at').execute();
}

// ---------- categories ----------

export async function categories(db: Executor, activeOnly: boolean) {
  let q = db.selectFrom('complaint_categories').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('key').execute();
}

export async function findCategory(db: Executor, key: string) {
  return db.selectFrom('complaint_categories').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertCategory(db: Executor, row: { key: string; name_zh: string; name_en: string; sort: number; active: number }) {
  await db.insertInto('complaint_categories').values(row).execute();
}

export async function updateCategory(db: Executor, key: string, set: { name_zh: string; name_en: string; sort: number; active: number }) {
  await db.updateTable('complaint_categories').set(set).where('key', '=', key).execute();
}

export async function lastCategorySort(db: Executor): Promise<number> {
  const row = await db.selectFrom('complaint_categories').select((eb) => eb.fn.max('sort').as('sort')).executeTakeFirst();
  return Number(row?.sort ?? 0);
}

// ---------- places the public may name ----------

/** Units by name within the deployment: id and name only, nothing a complainant should not see. */
export async function unitsNamed(db: Executor, q: string) {
  return db.selectFrom('units').select(['id', 'name']).where('active', '=', 1).where('name', 'like', `%${q}%`).orderBy('name').limit(20).execute();
}

/** Regions with a supervision office (not townships or villages), by name. */
export async function officesNamed(db: Executor, q: string) {
  return db.selectFrom('regions').select(['id', 'name']).where('active', '=', 1).where('level', 'in', officeLevels).where('name', 'like', `%${q}%`)
    .orderBy('code').limit(20).execute();
}

export const officeLevels = ['province', 'city', 'county', 'zone'];

/** The office that holds what happened in a region: the nearest region above (or at) it that has one. */
export async function holdingRegion(db: Executor, regionPath: string) {
  const ids = regionPath.split('/').filter(Boolean);
  return db.selectFrom('regions').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', 'in', officeLevels).orderBy('depth', 'desc').executeTakeFirst();
}
