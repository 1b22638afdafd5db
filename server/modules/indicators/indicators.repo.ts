import type { Executor } from '../../platform/db/database';
import type { IndicatorFrameworksTable } from '../../platform/db/schema';
import type { PolicyActor } from '../../platform/policy';
import { frameworkRules } from './indicators.policy';

/** The only code that touches indicator_frameworks; every read goes through the read rule. */

export type FrameworkRecord = IndicatorFrameworksTable & { region_name: string | null };

function readable(db: Executor, actor: PolicyActor) {
  return db.selectFrom('indicator_frameworks as f').leftJoin('regions', 'regions.id', 'f.region_id')
    .where(frameworkRules.read.filter(actor, 'f'));
}

export async function findFramework(db: Executor, actor: PolicyActor, id: string): Promise<FrameworkRecord | undefined> {
  return readable(db, actor).selectAll('f').select('regions.name as region_name').where('f.id', '=', id).executeTakeFirst();
}

export async function listFrameworks(db: Executor, actor: PolicyActor, f: { q?: string; status?: string; family?: string; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  let q = readable(db, actor);
  if (f.q) q = q.where('f.title', 'like', `%${f.q}%`);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.family) q = q.where('f.family', '=', f.family);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll('f').select('regions.name as region_name')
    .orderBy('f.updated_at', f.order === 'asc' ? 'desc' : 'asc').orderBy('f.version', 'desc').orderBy('f.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export async function familyVersions(db: Executor, actor: PolicyActor, family: string) {
  return readable(db, actor).select(['f.id', 'f.version', 'f.status', 'f.published_at']).where('f.family', '=', family).orderBy('f.version', 'desc').execute();
}

/** The family's highest version number and whether a draft is open, whoever may read them. */
export async function familyState(db: Executor, family: string) {
  const rows = await db.selectFrom('indicator_frameworks').select(['version', 'status']).where('family', '=', family).execute();
  return { latest: Math.max(0, ...rows.map((r) => r.version)), hasDraft: rows.some((r) => r.status === 'draft') };
}

export async function insertFramework(db: Executor, row: IndicatorFrameworksTable): Promise<void> {
  await db.insertInto('indicator_frameworks').values(row).execute();
}

/** A draft's contents; a published row is never written (the where keeps it so even if a caller forgot). */
export async function updateDraft(db: Executor, id: string, set: Partial<Pick<IndicatorFrameworksTable, 'title' | 'description' | 'total_points' | 'nodes' | 'rules' | 'updated_at' | 'status' | 'published_at'>>): Promise<void> {
  await db.updateTable('indicator_frameworks').set(set).where('id', '=', id).where('status', '=', 'draft').execute();
}


/** A built-in version laid down by every process at start: a second insert of the same (family, version) is nothing. Answers its id. */
export async function ensureFrameworkVersion(db: Executor, row: IndicatorFrameworksTable): Promise<string> {
  await db.insertInto('indicator_frameworks').values(row).onConflict((oc) => oc.columns(['family', 'version']).doNothing()).execute();
  const stored = await db.selectFrom('indicator_frameworks').select('id').where('family', '=', row.family).where('version', '=', row.version).executeTakeFirstOrThrow();
  return stored.id;
}
