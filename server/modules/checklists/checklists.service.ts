import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { ChecklistTemplatesTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors';
import { checklistsScope, scopeCoversPath } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { writableRegion } from '../tasks/tasks.service';
import type { ChecklistItem } from './checklists.schemas';

export function itemsOf(row: Pick<ChecklistTemplatesTable, 'items'>): ChecklistItem[] {
  return JSON.parse(row.items) as ChecklistItem[];
}

function present(row: ChecklistTemplatesTable) {
  const items = itemsOf(row);
  return {
    id: row.id, code: row.code, version: row.version, title: row.title, description: row.description, builtIn: row.region_path === null,
    superseded: row.superseded === 1, itemCount: items.length, areas: [...new Set(items.map((i) => i.area))], createdAt: row.created_at,
  };
}

/** Keys are unique within a template, and ranges are ranges. */
export function itemIssues(items: ChecklistItem[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) issues.push({ field: `items.${i}.key`, key: 'CHECKLIST_KEY_REPEATED', params: { key: item.key } });
    seen.add(item.key);
    if (item.type === 'score' && (item.min == null || item.max == null || item.min >= item.max)) issues.push({ field: `items.${i}.max`, key: 'CHECKLIST_RANGE', params: { item: item.text } });
    if (item.type === 'number' && item.min != null && item.max != null && item.min >= item.max) issues.push({ field: `items.${i}.max`, key: 'CHECKLIST_RANGE', params: { item: item.text } });
  });
  return issues;
}

function normalise(items: ChecklistItem[]): ChecklistItem[] {
  return items.map((i) => ({
    key: i.key, area: i.area, text: i.text, type: i.type, photoRequired: i.photoRequired ?? false,
    ...(i.min != null ? { min: i.min } : {}), ...(i.max != null ? { max: i.max } : {}),
    ...(i.passScore != null ? { passScore: i.passScore } : {}), ...(i.failBelow != null ? { failBelow: i.failBelow } : {}),
    ...(i.failAbove != null ? { failAbove: i.failAbove } : {}), ...(i.unit ? { unit: i.unit } : {}), ...(i.guidance ? { guidance: i.guidance } : {}),
  }));
}

export async function findChecklistInScope(db: Executor, actor: Actor, id: string) {
  const row = await db.selectFrom('checklist_templates').selectAll().where('id', '=', id).where(checklistsScope(actor.scope)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function listChecklists(db: Executor, actor: Actor, f: { q?: string; code?: string; includeSuperseded?: string; sort: 'title' | 'createdAt'; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  let q = db.selectFrom('checklist_templates').where(checklistsScope(actor.scope));
  if (f.q) q = q.where('title', 'like', `%${f.q}%`);
  if (f.code) q = q.where('code', '=', f.code);
  if (f.includeSuperseded !== 'true') q = q.where('superseded', '=', 0);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll().orderBy(f.sort === 'title' ? 'title' : 'created_at', f.order).orderBy('version', 'desc').orderBy('id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(present), total: Number(total), page: f.page, pageSize: f.pageSize };
}

function canRevise(actor: Actor, row: ChecklistTemplatesTable): boolean {
  return actor.permissions.has('checklists.write') && actor.scope.kind === 'region' && row.region_path !== null && scopeCoversPath(actor.scope, row.region_path) && row.superseded === 0;
}

export async function checklistDetail(db: Executor, actor: Actor, id: string) {
  const row = await findChecklistInScope(db, actor, id);
  const versions = await db.selectFrom('checklist_templates').select(['id', 'version', 'created_at']).where('code', '=', row.code).where(checklistsScope(actor.scope)).orderBy('version', 'desc').execute();
  return {
    ...present(row), items: itemsOf(row),
    versions: versions.map((v) => ({ id: v.id, version: v.version, createdAt: v.created_at })),
    abilities: { revise: canRevise(actor, row) },
  };
}

export async function createChecklist(platform: Platform, ctx: RequestContext, input: { regionId: string; title: string; description?: string | null; items: ChecklistItem[] }) {
  const actor = ctx.actor!;
  const issues = itemIssues(input.items);
  if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId);
    const id = newId();
    const row: ChecklistTemplatesTable = {
      id, code: `c-${id.slice(0, 8)}${id.slice(-4)}`, version: 1, title: input.title, description: input.description ?? null,
      items: JSON.stringify(normalise(input.items)), region_id: region.id, region_path: region.path, superseded: 0, created_by: actor.id,
      created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('checklist_templates').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'checklist.create', entityType: 'checklist', entityId: id, detail: { after: row } });
    return checklistDetail(trx, actor, id);
  });
}

/** A revision is a new version row; the old one is marked superseded and never changes, so recorded visits keep theirs. */
export async function reviseChecklist(platform: Platform, ctx: RequestContext, id: string, input: { title?: string; description?: string | null; items: ChecklistItem[] }) {
  const actor = ctx.actor!;
  const issues = itemIssues(input.items);
  if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await findChecklistInScope(trx, actor, id);
    if (before.superseded === 1) throw new AppError('CONFLICT', 'CHECKLIST_SUPERSEDED');
    if (!canRevise(actor, before)) throw new AppError('FORBIDDEN');
    const row: ChecklistTemplatesTable = {
      ...before, id: newId(), version: before.version + 1, title: input.title ?? before.title,
      description: input.description !== undefined ? input.description : before.description, items: JSON.stringify(normalise(input.items)),
      superseded: 0, created_by: actor.id, created_at: platform.clock.now().toISOString(),
    };
    await trx.updateTable('checklist_templates').set({ superseded: 1 }).where('id', '=', id).execute();
    await trx.insertInto('checklist_templates').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'checklist.revise', entityType: 'checklist', entityId: row.id, detail: { before: { id: before.id, version: before.version, items: before.items }, after: { id: row.id, version: row.version, items: row.items } } });
    return checklistDetail(trx, actor, row.id);
  });
}

/** One answer checked against its item: the stored value and whether it fails; a misfit throws naming `answers.<key>`. */
export function judgeAnswer(item: ChecklistItem, value: unknown): { value: string | number; failing: boolean } {
  const field = `answers.${item.key}`;
  const p = { item: item.text, min: item.min ?? '-∞', max: item.max ?? '∞' };
  switch (item.type) {
    case 'yesno':
      if (value !== 'yes' && value !== 'no' && value !== 'na') throw invalidField(field, 'ANSWER_YESNO', p);
      return { value, failing: value === 'no' };
    case 'score':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < item.min! || value > item.max!) throw invalidField(field, 'ANSWER_SCORE', p);
      return { value, failing: item.passScore != null && value < item.passScore };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (item.min != null && value < item.min) || (item.max != null && value > item.max)) throw invalidField(field, 'ANSWER_NUMBER', p);
      return { value, failing: (item.failBelow != null && value < item.failBelow) || (item.failAbove != null && value > item.failAbove) };
    case 'text':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 2000) throw invalidField(field, 'ANSWER_TEXT', p);
      return { value: value.trim(), failing: false };
  }
}
