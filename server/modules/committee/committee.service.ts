import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { CommitteeMembersTable } from '../../platform/db/schema';
import type { Locale } from '../../platform/i18n';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { committeeScope, inSubtree, regionsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import { chinaToday } from '../inspectors/people';
import { writableRegion } from '../inspectors/inspectors.service';
import type { committeeRoles, MemberFilters } from './committee.schemas';

type Role = (typeof committeeRoles)[number];
type MemberRow = CommitteeMembersTable & { region_name: string; unit_name: string };

export function canWriteCommittee(actor: Actor, regionPath: string): boolean {
  return actor.permissions.has('committee.write') && actor.scope.kind === 'region' && scopeCoversPath(actor.scope, regionPath);
}

function membersInScope(db: Executor, actor: Actor) {
  return db.selectFrom('committee_members')
    .innerJoin('regions', 'regions.id', 'committee_members.region_id')
    .innerJoin('units', 'units.id', 'committee_members.unit_id')
    .where(committeeScope(actor.scope));
}

function present(actor: Actor, m: MemberRow) {
  return {
    id: m.id, region: { id: m.region_id, name: m.region_name }, unit: { id: m.unit_id, name: m.unit_name }, role: m.role as Role,
    representative: m.representative, representativeTitle: m.representative_title, representativePhoneMasked: maskPhone(m.representative_phone),
    joinedOn: m.joined_on, leftOn: m.left_on, remarks: m.remarks, abilities: { update: canWriteCommittee(actor, m.region_path) && !m.left_on },
  };
}

async function findMember(db: Executor, actor: Actor, id: string): Promise<MemberRow> {
  const row = await membersInScope(db, actor).selectAll('committee_members').select(['regions.name as region_name', 'units.name as unit_name']).where('committee_members.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Director first, then deputies, then members, as a committee lists itself. */
const roleRank = sql<number>`case committee_members.role when 'director' then 0 when 'deputy_director' then 1 else 2 end`;

async function filtered(db: Executor, actor: Actor, f: MemberFilters, today: string) {
  let query = membersInScope(db, actor);
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    query = region ? query.where(inSubtree('committee_members.region_path', region.path)) : query.where('committee_members.id', '=', '');
  }
  if (f.history !== 'true') {
    const day = f.asOf ?? today;
    query = query.where('committee_members.joined_on', '<=', day).where((eb) => eb.or([eb('committee_members.left_on', 'is', null), eb('committee_members.left_on', '>', day)]));
  }
  if (f.q) query = query.where((eb) => eb.or([eb('units.name', 'like', `%${f.q}%`), eb('committee_members.representative', 'like', `%${f.q}%`)]));
  return query;
}

async function memberRows(db: Executor, actor: Actor, f: MemberFilters, today: string, limit: number, offset: number) {
  const rows = await (await filtered(db, actor, f, today))
    .selectAll('committee_members').select(['regions.name as region_name', 'units.name as unit_name'])
    .orderBy('committee_members.region_path').orderBy(roleRank).orderBy('committee_members.joined_on', f.order).orderBy('committee_members.id')
    .limit(limit).offset(offset).execute();
  return rows;
}

export async function listMembers(platform: Platform, actor: Actor, f: MemberFilters & { page: number; pageSize: number }) {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const [{ total }] = await (await filtered(db, actor, f, today)).select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await memberRows(db, actor, f, today, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: rows.map((r) => present(actor, r)), total: Number(total), page: f.page, pageSize: f.pageSize };
}

/** Joins and departures in date order: how the committee changed (the seed adds two departments in 2020). */
export async function committeeHistory(db: Executor, actor: Actor, q: { regionId?: string; year?: number }) {
  const rows = await (await filtered(db, actor, { ...q, history: 'true', order: 'asc' }, ''))
    .selectAll('committee_members').select(['regions.name as region_name', 'units.name as unit_name']).execute();
  const inYear = (d: string | null) => !!d && (!q.year || d.startsWith(`${q.year}-`));
  const events = rows.flatMap((r) => {
    const base = { unit: { id: r.unit_id, name: r.unit_name }, role: r.role as Role, region: { id: r.region_id, name: r.region_name } };
    return [
      ...(inYear(r.joined_on) ? [{ date: r.joined_on, event: 'joined' as const, ...base }] : []),
      ...(inYear(r.left_on) ? [{ date: r.left_on!, event: 'left' as const, ...base }] : []),
    ];
  });
  return events.sort((a, b) => (a.date === b.date ? (a.unit.name < b.unit.name ? -1 : 1) : a.date < b.date ? -1 : 1));
}

export interface MemberInput {
  regionId: string;
  unitId: string;
  role: Role;
  representative?: string | null;
  representativeTitle?: string | null;
  representativePhone?: string | null;
  joinedOn: string;
  remarks?: string | null;
}

const auditImage = (m: Partial<MemberInput>) => ({ ...m, representativePhone: maskPhone(m.representativePhone ?? null) });

export async function addMember(platform: Platform, ctx: RequestContext, input: MemberInput) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await writableRegion(trx, actor, input.regionId, canWriteCommittee);
    const unit = await trx.selectFrom('units').select(['id', 'kind']).where('units.id', '=', input.unitId).where(unitsScope(actor.scope)).executeTakeFirst();
    if (!unit) throw invalidField('unitId', 'UNIT_OUTSIDE_SCOPE');
    if (unit.kind !== 'member_unit') throw invalidField('unitId', 'COMMITTEE_NOT_MEMBER_UNIT');
    const current = await trx.selectFrom('committee_members').select('joined_on').where('region_id', '=', region.id).where('unit_id', '=', unit.id).where('left_on', 'is', null).executeTakeFirst();
    if (current) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'unitId', key: 'COMMITTEE_ALREADY_MEMBER', params: { joined: current.joined_on } }] });
    const now = platform.clock.now().toISOString();
    const id = newId();
    await trx.insertInto('committee_members').values({
      id, region_id: region.id, region_path: region.path, unit_id: unit.id, role: input.role, representative: input.representative ?? null,
      representative_title: input.representativeTitle ?? null, representative_phone: input.representativePhone ?? null, joined_on: input.joinedOn, left_on: null,
      remarks: input.remarks ?? null, created_at: now, updated_at: now,
    }).execute();
    await platform.audit.record(trx, ctx, { action: 'committee.join', entityType: 'committee_member', entityId: id, detail: { after: auditImage(input) } });
    return present(actor, await findMember(trx, actor, id));
  });
}

async function writableMember(trx: Executor, actor: Actor, id: string) {
  const row = await findMember(trx, actor, id);
  if (!canWriteCommittee(actor, row.region_path)) throw new AppError('FORBIDDEN');
  return row;
}

export async function updateMember(platform: Platform, ctx: RequestContext, id: string, patch: Partial<Pick<MemberInput, 'role' | 'representative' | 'representativeTitle' | 'representativePhone' | 'remarks'>>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableMember(trx, actor, id);
    const set = {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.representative !== undefined ? { representative: patch.representative } : {}),
      ...(patch.representativeTitle !== undefined ? { representative_title: patch.representativeTitle } : {}),
      ...(patch.representativePhone !== undefined ? { representative_phone: patch.representativePhone } : {}),
      ...(patch.remarks !== undefined ? { remarks: patch.remarks } : {}),
    };
    await trx.updateTable('committee_members').set({ ...set, updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, {
      action: 'committee.update', entityType: 'committee_member', entityId: id,
      detail: { before: auditImage({ role: before.role as Role, representative: before.representative, representativeTitle: before.representative_title, representativePhone: before.representative_phone, remarks: before.remarks }), after: auditImage(patch) },
    });
    return present(actor, await findMember(trx, actor, id));
  });
}

export async function leaveCommittee(platform: Platform, ctx: RequestContext, id: string, leftOn: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await writableMember(trx, actor, id);
    if (before.left_on) throw invalidField('leftOn', 'COMMITTEE_ALREADY_LEFT', { left: before.left_on });
    if (leftOn < before.joined_on) throw invalidField('leftOn', 'COMMITTEE_LEFT_ORDER', { joined: before.joined_on });
    await trx.updateTable('committee_members').set({ left_on: leftOn, updated_at: platform.clock.now().toISOString() }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'committee.leave', entityType: 'committee_member', entityId: id, detail: { before: { leftOn: null }, after: { leftOn } } });
    return present(actor, await findMember(trx, actor, id));
  });
}

export async function revealRepresentativePhone(platform: Platform, ctx: RequestContext, id: string) {
  const row = await findMember(platform.database.db, ctx.actor!, id);
  await platform.audit.recordAlone(ctx, { action: 'committee.read_personal', entityType: 'committee_member', entityId: id, detail: { fields: ['representativePhone'] } });
  return { representativePhone: row.representative_phone };
}

const roleLabels: Record<Role, Record<Locale, string>> = {
  director: { 'zh-CN': '主任单位', en: 'director' }, deputy_director: { 'zh-CN': '副主任单位', en: 'deputy director' }, member: { 'zh-CN': '成员单位', en: 'member' },
};

export function memberExportColumns(locale: Locale) {
  const zh = locale !== 'en';
  return [
    { header: zh ? '委员会' : 'Committee', key: 'region', width: 14 },
    { header: zh ? '成员单位' : 'Member unit', key: 'unit', width: 28 },
    { header: zh ? '职责' : 'Role', key: 'role', width: 12 },
    { header: zh ? '联络代表' : 'Representative', key: 'representative', width: 12 },
    { header: zh ? '代表职务' : 'Position', key: 'representativeTitle', width: 16 },
    { header: zh ? '代表电话' : 'Phone', key: 'phone', width: 14 },
    { header: zh ? '加入日期' : 'Joined', key: 'joinedOn', width: 12 },
    { header: zh ? '退出日期' : 'Left', key: 'leftOn', width: 12 },
  ];
}

export async function* memberExportBatches(platform: Platform, actor: Actor, f: MemberFilters, locale: Locale) {
  const today = chinaToday(platform.clock.now());
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const rows = await memberRows(platform.database.db, actor, f, today, batch, offset);
    yield rows.map((r) => ({
      region: r.region_name, unit: r.unit_name, role: roleLabels[r.role as Role][locale], representative: r.representative, representativeTitle: r.representative_title,
      phone: maskPhone(r.representative_phone), joinedOn: r.joined_on, leftOn: r.left_on,
    }));
    if (rows.length < batch) return;
  }
}
