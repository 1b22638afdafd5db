import { randomBytes } from 'node:crypto';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { NoticeTypesTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { noticeTypesScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import type { Locale } from '../../platform/i18n';
import { chinaToday } from '../inspectors/people';
import { defaultPattern, patternProblem, peekNextNumber, renderNumber } from './notices.numbering';

/**
 * The notice-type dictionary and the offices' document-number patterns. National types (no region) serve
 * every office; an office adds types for itself and the offices below it, and only it may change them.
 * Patterns belong to one office (the caller's own region) per type.
 */

/** The office a caller acts for: an account scoped to a region. */
export function officeOf(actor: Actor): { regionId: string; regionPath: string } {
  if (actor.scope.kind !== 'region') throw new AppError('FORBIDDEN', 'NOTICE_NOT_OFFICE');
  return { regionId: actor.scope.regionId, regionPath: actor.scope.regionPath };
}

type TypeRow = NoticeTypesTable & { region_name: string | null };

function typesInScope(db: Executor, actor: Actor) {
  return db.selectFrom('notice_types').leftJoin('regions', 'regions.id', 'notice_types.region_id')
    .selectAll('notice_types').select('regions.name as region_name').where(noticeTypesScope(actor.scope));
}

export function typeName(t: Pick<NoticeTypesTable, 'name_zh' | 'name_en'>, locale: Locale): string {
  return locale === 'en' ? t.name_en : t.name_zh;
}

function presentType(t: TypeRow, actor: Actor, locale: Locale) {
  const own = actor.permissions.has('notices.write') && actor.scope.kind === 'region' && t.region_id === actor.scope.regionId;
  return {
    key: t.key, nameZh: t.name_zh, nameEn: t.name_en, name: typeName(t, locale), sort: t.sort, active: t.active === 1,
    region: t.region_id ? { id: t.region_id, name: t.region_name ?? '' } : null, abilities: { update: own },
  };
}

export async function listNoticeTypes(db: Executor, actor: Actor, locale: Locale) {
  const rows = await typesInScope(db, actor).orderBy('notice_types.sort').orderBy('notice_types.key').execute();
  return rows.map((t) => presentType(t, actor, locale));
}

/** A type the caller may use: visible to it and active. */
export async function usableType(db: Executor, actor: Actor, key: string, field = 'typeKey') {
  const row = await typesInScope(db, actor).where('notice_types.key', '=', key).where('notice_types.active', '=', 1).executeTakeFirst();
  if (!row) throw invalidField(field, 'NOTICE_TYPE_UNKNOWN', { value: key });
  return row;
}

export async function createNoticeType(platform: Platform, ctx: RequestContext, input: { key?: string; nameZh: string; nameEn?: string; sort?: number }) {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  return platform.database.db.transaction().execute(async (trx) => {
    const key = input.key ?? `t_${randomBytes(5).toString('hex')}`;
    if (await trx.selectFrom('notice_types').select('key').where('key', '=', key).executeTakeFirst()) {
      throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'key', key: 'NOTICE_TYPE_KEY_TAKEN', params: { value: key } }] });
    }
    const last = await trx.selectFrom('notice_types').select((eb) => eb.fn.max('sort').as('sort')).executeTakeFirst();
    const row: NoticeTypesTable = {
      key, name_zh: input.nameZh, name_en: input.nameEn ?? input.nameZh, region_id: office.regionId, region_path: office.regionPath,
      sort: input.sort ?? Number(last?.sort ?? 0) + 1, active: 1, created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('notice_types').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'notice_type.create', entityType: 'notice_type', entityId: key, detail: { after: row } });
    const region = await trx.selectFrom('regions').select('name').where('id', '=', office.regionId).executeTakeFirstOrThrow();
    return presentType({ ...row, region_name: region.name }, actor, ctx.locale);
  });
}

export async function updateNoticeType(platform: Platform, ctx: RequestContext, key: string, patch: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await typesInScope(trx, actor).where('notice_types.key', '=', key).executeTakeFirst();
    if (!before) throw notFound();
    if (actor.scope.kind !== 'region' || before.region_id !== actor.scope.regionId) throw new AppError('FORBIDDEN', 'NOTICE_TYPE_NOT_OWN');
    const after = {
      name_zh: patch.nameZh ?? before.name_zh, name_en: patch.nameEn ?? before.name_en, sort: patch.sort ?? before.sort,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
    };
    await trx.updateTable('notice_types').set(after).where('key', '=', key).execute();
    const { region_name: _name, ...image } = before;
    await platform.audit.record(trx, ctx, { action: 'notice_type.update', entityType: 'notice_type', entityId: key, detail: { before: image, after } });
    return presentType({ ...before, ...after }, actor, ctx.locale);
  });
}

// ---------- number patterns ----------

/** Each usable type's pattern for an office: the configured one, or the default. */
async function patternsOf(db: Executor, actor: Actor, regionId: string) {
  const region = await db.selectFrom('regions').select(['name', 'level']).where('id', '=', regionId).executeTakeFirstOrThrow();
  const types = await typesInScope(db, actor).where('notice_types.active', '=', 1).orderBy('notice_types.sort').orderBy('notice_types.key').execute();
  const configured = new Map((await db.selectFrom('document_number_patterns').select(['type_key', 'pattern']).where('region_id', '=', regionId).execute()).map((p) => [p.type_key, p.pattern]));
  return types.map((t) => ({ type: t, pattern: configured.get(t.key) ?? defaultPattern(region.name, t, region.level), isDefault: !configured.has(t.key) }));
}

/** The pattern an office numbers a type with (also for a type no longer active, when an approved notice is issued). */
export async function effectivePattern(db: Executor, regionId: string, type: Pick<NoticeTypesTable, 'key' | 'name_zh'>): Promise<string> {
  const configured = await db.selectFrom('document_number_patterns').select('pattern').where('region_id', '=', regionId).where('type_key', '=', type.key).executeTakeFirst();
  if (configured) return configured.pattern;
  const region = await db.selectFrom('regions').select(['name', 'level']).where('id', '=', regionId).executeTakeFirstOrThrow();
  return defaultPattern(region.name, type, region.level);
}

export async function listNumberPatterns(platform: Platform, actor: Actor, locale: Locale) {
  const db = platform.database.db;
  const office = officeOf(actor);
  const year = Number(chinaToday(platform.clock.now()).slice(0, 4));
  const rows = await patternsOf(db, actor, office.regionId);
  return Promise.all(rows.map(async (r) => ({
    typeKey: r.type.key, typeName: typeName(r.type, locale), pattern: r.pattern, isDefault: r.isDefault,
    nextNumber: renderNumber(r.pattern, year, await peekNextNumber(db, office.regionId, r.type.key, year)),
  })));
}

export async function setNumberPattern(platform: Platform, ctx: RequestContext, input: { typeKey: string; pattern: string | null }) {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  await platform.database.db.transaction().execute(async (trx) => {
    const type = await usableType(trx, actor, input.typeKey);
    const before = await trx.selectFrom('document_number_patterns').selectAll().where('region_id', '=', office.regionId).where('type_key', '=', type.key).executeTakeFirst();
    if (input.pattern === null) {
      await trx.deleteFrom('document_number_patterns').where('region_id', '=', office.regionId).where('type_key', '=', type.key).execute();
    } else {
      const problem = patternProblem(input.pattern);
      if (problem) throw invalidField('pattern', problem);
      const clash = (await patternsOf(trx, actor, office.regionId)).find((p) => p.type.key !== type.key && p.pattern === input.pattern);
      if (clash) throw new AppError('CONFLICT', 'CONFLICT', {}, { fields: [{ field: 'pattern', key: 'NOTICE_PATTERN_TAKEN', params: { type: typeName(clash.type, ctx.locale) } }] });
      const now = platform.clock.now().toISOString();
      await trx.insertInto('document_number_patterns')
        .values({ id: newId(), region_id: office.regionId, region_path: office.regionPath, type_key: type.key, pattern: input.pattern, updated_at: now })
        .onConflict((oc) => oc.columns(['region_id', 'type_key']).doUpdateSet({ pattern: input.pattern!, updated_at: now })).execute();
    }
    await platform.audit.record(trx, ctx, {
      action: 'notice_number_pattern.set', entityType: 'notice_type', entityId: type.key,
      detail: { regionId: office.regionId, before: before?.pattern ?? null, after: input.pattern },
    });
  });
  return (await listNumberPatterns(platform, actor, ctx.locale)).find((p) => p.typeKey === input.typeKey)!;
}
