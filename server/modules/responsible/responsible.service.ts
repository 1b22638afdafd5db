import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { AppError, invalidField } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { responsibleScope, unitsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { chinaToday, parseList } from '../inspectors/people';
import { canWriteInspectors, inspectorsInScope } from '../inspectors/inspectors.service';
import type { routineItems, visitMethods } from './responsible.schemas';
import { readResponsibleSettings, writeResponsibleSettings, type ResponsibleSettings } from './responsible-settings';

const RESPONSIBLE_KINDS = ['school', 'kindergarten'];

/** How many schools an inspector answers for now (assignments still open, whatever their start). */
async function currentSchools(db: Executor, actor: Actor, inspectorId: string): Promise<number> {
  const { n } = await db.selectFrom('responsible_assignments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(responsibleScope(actor, 'responsible_assignments')).where('responsible_assignments.inspector_id', '=', inspectorId)
    .where('responsible_assignments.end_date', 'is', null).executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Give schools a responsible inspector (责任督学挂牌督导) in one go: a school that had one hands over on
 * the start date. The inspector must be serving a term; every school must be a school or kindergarten the
 * caller may write. More schools than the staffing guideline is allowed, with a warning in the answer.
 */
export async function assignResponsible(platform: Platform, ctx: RequestContext, body: { inspectorId: string; unitIds: string[]; startDate: string }) {
  const actor = ctx.actor!;
  const unitIds = [...new Set(body.unitIds)];
  return platform.database.db.transaction().execute(async (trx) => {
    const inspector = await inspectorsInScope(trx, actor).selectAll('inspectors').where('inspectors.id', '=', body.inspectorId).executeTakeFirst();
    if (!inspector) throw invalidField('inspectorId', 'NOT_FOUND');
    if (!canWriteInspectors(actor, inspector.region_path)) throw new AppError('FORBIDDEN');
    const serving = await trx.selectFrom('inspector_terms').select('id').where('inspector_id', '=', inspector.id)
      .where('start_date', '<=', body.startDate).where('end_date', '>=', body.startDate).executeTakeFirst();
    if (inspector.dismissed_on || !serving) throw invalidField('inspectorId', 'RESPONSIBLE_NOT_SERVING');
    const units = await trx.selectFrom('units').select(['id', 'name', 'kind', 'region_path']).where('units.id', 'in', unitIds).where(unitsScope(actor.scope)).execute();
    if (units.length !== unitIds.length) throw invalidField('unitIds', 'UNIT_OUTSIDE_SCOPE');
    const wrongKind = units.find((u) => !RESPONSIBLE_KINDS.includes(u.kind));
    if (wrongKind) throw invalidField('unitIds', 'RESPONSIBLE_NOT_SCHOOL', { name: wrongKind.name });
    if (units.some((u) => !canWriteInspectors(actor, u.region_path))) throw new AppError('FORBIDDEN');

    const previous = await trx.selectFrom('responsible_assignments').select(['unit_id', 'inspector_id']).where('unit_id', 'in', unitIds).where('end_date', 'is', null).execute();
    const unchanged = new Set(previous.filter((p) => p.inspector_id === inspector.id).map((p) => p.unit_id));
    const handover = previous.filter((p) => p.inspector_id !== inspector.id).map((p) => p.unit_id);
    if (handover.length) await trx.updateTable('responsible_assignments').set({ end_date: body.startDate }).where('unit_id', 'in', handover).where('end_date', 'is', null).execute();
    const now = platform.clock.now().toISOString();
    const fresh = units.filter((u) => !unchanged.has(u.id));
    if (fresh.length) {
      await trx.insertInto('responsible_assignments').values(fresh.map((u) => ({
        id: newId(), unit_id: u.id, inspector_id: inspector.id, region_path: u.region_path, start_date: body.startDate, end_date: null, created_at: now,
      }))).execute();
    }
    const schools = await currentSchools(trx, actor, inspector.id);
    const guideline = (await readResponsibleSettings(trx)).schoolsPerInspector;
    await platform.audit.record(trx, ctx, {
      action: 'responsible.assign', entityType: 'inspector', entityId: inspector.id,
      detail: { before: previous.map((p) => ({ unitId: p.unit_id, inspectorId: p.inspector_id })), after: { inspectorId: inspector.id, unitIds, startDate: body.startDate, schools }, guideline },
    });
    const warning = schools > guideline ? t(ctx.locale, 'RESPONSIBLE_OVER_GUIDELINE', { name: inspector.name, count: schools, max: guideline }) : null;
    return { assigned: fresh.length, replaced: handover.length, schools, guideline, warning };
  });
}

const lastVisit = sql<string | null>`(select max(v.date) from responsible_visits v where v.unit_id = responsible_assignments.unit_id and v.inspector_id = responsible_assignments.inspector_id)`;

export async function listAssignments(db: Executor, actor: Actor, q: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: 'unit' | 'startDate'; inspectorId?: string; q?: string }) {
  let base = db.selectFrom('responsible_assignments')
    .innerJoin('units', 'units.id', 'responsible_assignments.unit_id')
    .innerJoin('regions', 'regions.id', 'units.region_id')
    .innerJoin('inspectors', 'inspectors.id', 'responsible_assignments.inspector_id')
    .where(responsibleScope(actor, 'responsible_assignments'))
    .where('responsible_assignments.end_date', 'is', null);
  if (q.inspectorId) base = base.where('responsible_assignments.inspector_id', '=', q.inspectorId);
  if (q.q) base = base.where((eb) => eb.or([eb('units.name', 'like', `%${q.q}%`), eb('inspectors.name', 'like', `%${q.q}%`)]));
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select(['responsible_assignments.id', 'responsible_assignments.start_date', 'units.id as unit_id', 'units.name as unit_name', 'units.kind', 'regions.name as region_name', 'inspectors.id as inspector_id', 'inspectors.name as inspector_name', lastVisit.as('last_visit')])
    .orderBy(q.sort === 'unit' ? 'units.name' : 'responsible_assignments.start_date', q.order).orderBy('responsible_assignments.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, unit: { id: r.unit_id, name: r.unit_name, kind: r.kind, regionName: r.region_name }, inspector: { id: r.inspector_id, name: r.inspector_name },
      startDate: r.start_date, lastVisit: r.last_visit,
    })),
    total: Number(total), page: q.page, pageSize: q.pageSize,
  };
}

export async function updateResponsibleSettings(platform: Platform, ctx: RequestContext, value: ResponsibleSettings): Promise<ResponsibleSettings> {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await readResponsibleSettings(trx);
    await writeResponsibleSettings(trx, value, platform.clock);
    await platform.audit.record(trx, ctx, { action: 'settings.responsible.update', entityType: 'settings', entityId: 'responsible', detail: { before, after: value } });
    return readResponsibleSettings(trx);
  });
}

/** Each responsible inspector's current number of schools, most first, marked when above the staffing guideline. */
export async function inspectorLoads(db: Executor, actor: Actor, q: { page: number; pageSize: number; q?: string; over?: boolean }) {
  const guideline = (await readResponsibleSettings(db)).schoolsPerInspector;
  const schools = sql<number>`count(*)`;
  let grouped = db.selectFrom('responsible_assignments')
    .innerJoin('inspectors', 'inspectors.id', 'responsible_assignments.inspector_id')
    .where(responsibleScope(actor, 'responsible_assignments'))
    .where('responsible_assignments.end_date', 'is', null)
    .groupBy(['inspectors.id', 'inspectors.name'])
    .select(['inspectors.id', 'inspectors.name', schools.as('schools')]);
  if (q.q) grouped = grouped.where('inspectors.name', 'like', `%${q.q}%`);
  if (q.over !== undefined) grouped = grouped.having(schools, q.over ? '>' : '<=', guideline);
  const { total } = await db.selectFrom(grouped.as('loads')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await grouped.orderBy(schools, 'desc').orderBy('inspectors.name').orderBy('inspectors.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({ inspector: { id: r.id, name: r.name }, schools: Number(r.schools), overGuideline: Number(r.schools) > guideline })),
    total: Number(total), page: q.page, pageSize: q.pageSize, guideline,
  };
}

/** Schools and kindergartens in scope, still open, that have no responsible inspector. */
export async function unassignedSchools(db: Executor, actor: Actor, q: { page: number; pageSize: number; order: 'asc' | 'desc'; q?: string; kind?: string }) {
  let base = db.selectFrom('units').innerJoin('regions', 'regions.id', 'units.region_id')
    .where(unitsScope(actor.scope))
    .where('units.kind', 'in', q.kind ? [q.kind] : RESPONSIBLE_KINDS)
    .where('units.active', '=', 1)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('responsible_assignments').select('responsible_assignments.id').whereRef('responsible_assignments.unit_id', '=', 'units.id').where('responsible_assignments.end_date', 'is', null))));
  if (q.q) base = base.where('units.name', 'like', `%${q.q}%`);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base.select(['units.id', 'units.name', 'units.kind', 'regions.name as region_name']).orderBy('units.region_path').orderBy('units.name', q.order).orderBy('units.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionName: r.region_name })), total: Number(total), page: q.page, pageSize: q.pageSize };
}

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * Responsible inspectors behind on their visits: at least one routine visit per school per month is the
 * national minimum. A school counts for a month when its assignment began on or before the month's last day.
 */
export async function inspectorsBehind(db: Executor, actor: Actor, q: { month: string; page: number; pageSize: number }) {
  const { from, to } = monthRange(q.month);
  const rows = await db.selectFrom('responsible_assignments')
    .innerJoin('units', 'units.id', 'responsible_assignments.unit_id')
    .innerJoin('inspectors', 'inspectors.id', 'responsible_assignments.inspector_id')
    .where(responsibleScope(actor, 'responsible_assignments'))
    .where('responsible_assignments.start_date', '<=', to)
    .where((eb) => eb.or([eb('responsible_assignments.end_date', 'is', null), eb('responsible_assignments.end_date', '>', to)]))
    .select([
      'inspectors.id as inspector_id', 'inspectors.name as inspector_name', 'units.id as unit_id', 'units.name as unit_name',
      sql<number>`(select count(*) from responsible_visits v where v.unit_id = responsible_assignments.unit_id and v.inspector_id = responsible_assignments.inspector_id and v.date >= ${from} and v.date <= ${to})`.as('visits'),
    ])
    .orderBy('inspectors.name').orderBy('inspectors.id').orderBy('units.name').execute();
  const byInspector = new Map<string, { inspector: { id: string; name: string }; schools: number; visited: number; notVisited: { id: string; name: string }[] }>();
  for (const r of rows) {
    const entry = byInspector.get(r.inspector_id) ?? { inspector: { id: r.inspector_id, name: r.inspector_name }, schools: 0, visited: 0, notVisited: [] };
    entry.schools += 1;
    if (Number(r.visits) > 0) entry.visited += 1;
    else entry.notVisited.push({ id: r.unit_id, name: r.unit_name });
    byInspector.set(r.inspector_id, entry);
  }
  const behind = [...byInspector.values()].filter((e) => e.notVisited.length > 0);
  return { items: behind.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: behind.length, page: q.page, pageSize: q.pageSize };
}

export interface VisitInput {
  unitId: string;
  inspectorId?: string;
  date: string;
  items: (typeof routineItems)[number][];
  methods: (typeof visitMethods)[number][];
  findings?: string | null;
  feedbackGiven: boolean;
}

/**
 * Record a routine visit. It belongs to the school's current responsible inspector: an inspector records
 * their own; an office may record it for them.
 */
export async function recordVisit(platform: Platform, ctx: RequestContext, input: VisitInput) {
  const actor = ctx.actor!;
  if (input.date > chinaToday(platform.clock.now())) throw invalidField('date', 'VISIT_FUTURE');
  return platform.database.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['id', 'name', 'region_path']).where('units.id', '=', input.unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    const current = await trx.selectFrom('responsible_assignments').innerJoin('inspectors', 'inspectors.id', 'responsible_assignments.inspector_id')
      .select(['inspectors.id', 'inspectors.name', 'inspectors.account_id']).where('responsible_assignments.unit_id', '=', unit.id).where('responsible_assignments.end_date', 'is', null).executeTakeFirst();
    const mine = actor.role === 'inspector' ? current?.account_id === actor.id : true;
    if (!current || !mine || (input.inspectorId && input.inspectorId !== current.id)) throw invalidField('inspectorId', 'VISIT_NOT_RESPONSIBLE');
    const now = platform.clock.now().toISOString();
    const row = {
      id: newId(), unit_id: unit.id, inspector_id: current.id, region_path: unit.region_path, date: input.date, items: JSON.stringify(input.items),
      methods: JSON.stringify(input.methods), findings: input.findings ?? null, feedback_given: input.feedbackGiven ? 1 : 0, recorded_by: actor.id, created_at: now,
    };
    await trx.insertInto('responsible_visits').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'responsible.visit', entityType: 'unit', entityId: unit.id, detail: { after: { ...input, inspectorId: current.id } } });
    return {
      id: row.id, unit: { id: unit.id, name: unit.name }, inspector: { id: current.id, name: current.name }, date: row.date, items: input.items, methods: input.methods,
      findings: row.findings, feedbackGiven: input.feedbackGiven, createdAt: now,
    };
  });
}

export async function listVisits(db: Executor, actor: Actor, q: { page: number; pageSize: number; order: 'asc' | 'desc'; unitId?: string; inspectorId?: string; from?: string; to?: string }) {
  let base = db.selectFrom('responsible_visits')
    .innerJoin('units', 'units.id', 'responsible_visits.unit_id')
    .innerJoin('inspectors', 'inspectors.id', 'responsible_visits.inspector_id')
    .where(responsibleScope(actor, 'responsible_visits'));
  if (q.unitId) base = base.where('responsible_visits.unit_id', '=', q.unitId);
  if (q.inspectorId) base = base.where('responsible_visits.inspector_id', '=', q.inspectorId);
  if (q.from) base = base.where('responsible_visits.date', '>=', q.from);
  if (q.to) base = base.where('responsible_visits.date', '<=', q.to);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base.selectAll('responsible_visits').select(['units.name as unit_name', 'inspectors.name as inspector_name'])
    .orderBy('responsible_visits.date', q.order).orderBy('responsible_visits.id', q.order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, unit: { id: r.unit_id, name: r.unit_name }, inspector: { id: r.inspector_id, name: r.inspector_name }, date: r.date,
      items: parseList(r.items) as (typeof routineItems)[number][], methods: parseList(r.methods) as (typeof visitMethods)[number][], findings: r.findings, feedbackGiven: r.feedback_given === 1, createdAt: r.created_at,
    })),
    total: Number(total), page: q.page, pageSize: q.pageSize,
  };
}
