import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { invalidField } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { accountabilityScope, inSubtree, noticesScope, rectificationsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { deadlineDay } from '../rectification/rectification-settings';
import { officeOf } from './oversight.office';
import { accountabilityKindLabels, type AccountabilityKind } from './oversight.schemas';

/** Accountability measures (问责): what an office decided against a unit, and why. */

function measuresBase(db: Executor, actor: Actor) {
  return db.selectFrom('accountability_measures')
    .innerJoin('units', 'units.id', 'accountability_measures.unit_id')
    .innerJoin('regions as office', 'office.id', 'accountability_measures.office_region_id')
    .innerJoin('accounts', 'accounts.id', 'accountability_measures.created_by')
    .leftJoin('notices', 'notices.id', 'accountability_measures.notice_id')
    .leftJoin('rectifications', 'rectifications.id', 'accountability_measures.rectification_id')
    .where(accountabilityScope(actor.scope))
    .selectAll('accountability_measures')
    .select([
      'units.name as unit_name', 'office.name as office_name', 'accounts.display_name as creator_name', 'notices.title as notice_title',
      'notices.doc_number as notice_doc_number', 'rectifications.demand as rectification_demand',
    ]);
}

function presentMeasure(m: Awaited<ReturnType<ReturnType<typeof measuresBase>['executeTakeFirstOrThrow']>>, locale: Locale) {
  const kind = m.kind as AccountabilityKind;
  return {
    id: m.id, unit: { id: m.unit_id, name: m.unit_name }, office: { id: m.office_region_id, name: m.office_name }, kind, kindName: accountabilityKindLabels[kind][locale],
    reason: m.reason, decidedOn: m.decided_on,
    notice: m.notice_id ? { id: m.notice_id, docNumber: m.notice_doc_number, title: m.notice_title ?? '' } : null,
    rectification: m.rectification_id ? { id: m.rectification_id, demand: m.rectification_demand ?? '' } : null,
    createdBy: m.creator_name, createdAt: m.created_at,
  };
}

export async function listMeasures(db: Executor, actor: Actor, locale: Locale, f: {
  unitId?: string; kind?: AccountabilityKind; year?: number; order: 'asc' | 'desc'; page: number; pageSize: number;
}) {
  let q = measuresBase(db, actor);
  if (f.unitId) q = q.where('accountability_measures.unit_id', '=', f.unitId);
  if (f.kind) q = q.where('accountability_measures.kind', '=', f.kind);
  if (f.year) q = q.where('accountability_measures.decided_on', '>=', `${f.year}-01-01`).where('accountability_measures.decided_on', '<=', `${f.year}-12-31`);
  const [{ total }] = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.orderBy('accountability_measures.decided_on', f.order).orderBy('accountability_measures.created_at', f.order).orderBy('accountability_measures.id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map((r) => presentMeasure(r, locale)), total: Number(total), page: f.page, pageSize: f.pageSize };
}

/**
 * Record an accountability measure against a unit in the office's subtree, optionally tied to the notice
 * that announced it (issued in the office's area) and the item it answers for (the same unit's).
 */
export async function recordMeasure(platform: Platform, ctx: RequestContext, input: {
  unitId: string; kind: AccountabilityKind; reason: string; decidedOn: string; noticeId?: string | null; rectificationId?: string | null;
}) {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  const day = await deadlineDay(platform);
  if (input.decidedOn > day.today) throw invalidField('decidedOn', 'OVERSIGHT_DATE_FUTURE', { today: day.today });
  return platform.database.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['id', 'region_path']).where('id', '=', input.unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit || !scopeCoversPath(actor.scope, unit.region_path)) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    if (input.noticeId) {
      const notice = await trx.selectFrom('notices').select('id').where('id', '=', input.noticeId).where(noticesScope(actor.scope))
        .where(inSubtree('notices.region_path', office.regionPath)).executeTakeFirst();
      if (!notice) throw invalidField('noticeId', 'ACCOUNTABILITY_NOTICE_UNKNOWN');
    }
    if (input.rectificationId) {
      const item = await trx.selectFrom('rectifications').select(['id', 'unit_id']).where('id', '=', input.rectificationId).where(rectificationsScope(actor.scope)).executeTakeFirst();
      if (!item) throw invalidField('rectificationId', 'ACCOUNTABILITY_RECTIFICATION_UNKNOWN');
      if (item.unit_id !== unit.id) throw invalidField('rectificationId', 'ACCOUNTABILITY_RECTIFICATION_UNIT');
    }
    const row = {
      id: newId(), unit_id: unit.id, region_path: unit.region_path, office_region_id: office.regionId, office_region_path: office.regionPath, kind: input.kind,
      reason: input.reason, decided_on: input.decidedOn, notice_id: input.noticeId ?? null, rectification_id: input.rectificationId ?? null,
      created_by: actor.id, created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('accountability_measures').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'accountability.create', entityType: 'accountability_measure', entityId: row.id, detail: { after: row } });
    return presentMeasure(await measuresBase(trx, actor).where('accountability_measures.id', '=', row.id).executeTakeFirstOrThrow(), ctx.locale);
  });
}
