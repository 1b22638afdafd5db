import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { FilesTable } from '../../platform/db/schema';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors';
import { storeUpload } from '../../platform/files';
import type { Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { filingsScope, inSubtree, noticesScope, rectificationsScope } from '../../platform/scope';
import { issuedNoticeStatuses } from './oversight.figures';
import { deadlineDay } from '../rectification/rectification-settings';
import { officeOf } from './oversight.office';

/**
 * Filing (备案): the issuing office records that a notice's rectification report was filed with another
 * office (e.g. the city government's performance office), with the date, a reference and attachments. The
 * list shows the notices that carry rectification items, filed or not.
 */

const fileUrl = (filingId: string, fileId: string) => `/api/filings/${filingId}/files/${fileId}/content`;

/** The issuing office itself (not the offices above it) files its notices' reports. */
const isIssuer = (actor: Actor, regionPath: string) =>
  actor.permissions.has('rectification.verify') && actor.scope.kind === 'region' && actor.scope.regionPath === regionPath;

/** Notices as the filing list sees them: issued in an office's subtree, or, for a unit, addressed to it. */
function filingNotices(db: Executor, actor: Actor) {
  let q = db.selectFrom('notices')
    .innerJoin('notice_types', 'notice_types.key', 'notices.type_key')
    .where(noticesScope(actor.scope))
    .where('notices.status', 'in', issuedNoticeStatuses)
    .where('notices.id', 'in', (eb) => eb.selectFrom('rectifications').select('rectifications.notice_id')
      .where('rectifications.status', '<>', 'cancelled').where(rectificationsScope(actor.scope)));
  if (actor.scope.kind === 'region') q = q.where(inSubtree('notices.region_path', actor.scope.regionPath));
  return q;
}

async function filingsOfNotices(db: Executor, actor: Actor, noticeIds: string[]) {
  if (noticeIds.length === 0) return [];
  const rows = await db.selectFrom('filings').innerJoin('accounts', 'accounts.id', 'filings.created_by')
    .selectAll('filings').select('accounts.display_name as creator_name')
    .where('filings.notice_id', 'in', noticeIds).where(filingsScope(actor.scope)).orderBy('filings.filed_on').orderBy('filings.created_at').execute();
  const files = rows.length
    ? await db.selectFrom('files').select(['id', 'name', 'mime', 'size', 'entity_id']).where('entity_type', '=', 'filing')
      .where('entity_id', 'in', rows.map((r) => r.id)).orderBy('created_at').orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id, noticeId: r.notice_id, filedWith: r.filed_with, filedOn: r.filed_on, referenceNo: r.reference_no, note: r.note, createdBy: r.creator_name,
    createdAt: r.created_at,
    files: files.filter((f) => f.entity_id === r.id).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: fileUrl(r.id, f.id) })),
  }));
}

export async function listFilingNotices(db: Executor, actor: Actor, locale: Locale, f: {
  filed?: 'true' | 'false'; year?: number; q?: string; order: 'asc' | 'desc'; page: number; pageSize: number;
}) {
  let q = filingNotices(db, actor);
  if (f.year) q = q.where('notices.doc_year', '=', f.year);
  if (f.q) q = q.where((eb) => eb.or([eb('notices.title', 'like', `%${f.q}%`), eb('notices.doc_number', 'like', `%${f.q}%`)]));
  if (f.filed) {
    const wanted = f.filed === 'true';
    q = q.where((eb) => {
      const anyFiling = eb.exists(eb.selectFrom('filings').select('filings.id').whereRef('filings.notice_id', '=', 'notices.id').where(filingsScope(actor.scope)));
      return wanted ? anyFiling : eb.not(anyFiling);
    });
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const notices = await q.select([
    'notices.id', 'notices.title', 'notices.doc_number', 'notices.type_key', 'notices.issuer_name', 'notices.issue_date', 'notices.status', 'notices.region_path',
    'notice_types.name_zh', 'notice_types.name_en',
  ]).orderBy('notices.issued_at', f.order).orderBy('notices.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const ids = notices.map((n) => n.id);
  const counts = ids.length
    ? await db.selectFrom('rectifications').select([
      'rectifications.notice_id', (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`coalesce(sum(case when ${sql.ref('rectifications.status')} = ${'signed_off'} then 1 else 0 end), 0)`.as('signed_off'),
    ]).where('rectifications.notice_id', 'in', ids).where('rectifications.status', '<>', 'cancelled').where(rectificationsScope(actor.scope))
      .groupBy('rectifications.notice_id').execute()
    : [];
  const filings = await filingsOfNotices(db, actor, ids);
  return {
    items: notices.map((n) => {
      const c = counts.find((x) => x.notice_id === n.id);
      const own = filings.filter((x) => x.noticeId === n.id);
      return {
        notice: {
          id: n.id, docNumber: n.doc_number, title: n.title, typeKey: n.type_key, typeName: locale === 'en' ? n.name_en : n.name_zh, issuerName: n.issuer_name,
          issueDate: n.issue_date, status: n.status,
        },
        rectifications: { total: Number(c?.total ?? 0), signedOff: Number(c?.signed_off ?? 0) },
        filed: own.length > 0, filings: own, abilities: { file: isIssuer(actor, n.region_path) },
      };
    }),
    total: Number(total), page: f.page, pageSize: f.pageSize,
  };
}

/** Record a filing of one of the office's issued notices that carries rectification items. */
export async function recordFiling(platform: Platform, ctx: RequestContext, input: {
  noticeId: string; filedWith: string; filedOn: string; referenceNo?: string | null; note?: string | null;
}) {
  const actor = ctx.actor!;
  officeOf(actor);
  const day = await deadlineDay(platform);
  if (input.filedOn > day.today) throw invalidField('filedOn', 'OVERSIGHT_DATE_FUTURE', { today: day.today });
  return platform.database.db.transaction().execute(async (trx) => {
    const notice = await trx.selectFrom('notices').select(['id', 'region_path', 'status']).where('id', '=', input.noticeId).where(noticesScope(actor.scope)).executeTakeFirst();
    if (!notice) throw notFound();
    if (!isIssuer(actor, notice.region_path)) throw forbidden('FILING_NOT_ISSUER');
    if (!issuedNoticeStatuses.includes(notice.status)) throw new AppError('CONFLICT', 'FILING_NOT_ISSUED');
    const item = await trx.selectFrom('rectifications').select('id').where('notice_id', '=', notice.id).where('status', '<>', 'cancelled').executeTakeFirst();
    if (!item) throw new AppError('CONFLICT', 'FILING_NO_RECTIFICATION');
    const row = {
      id: newId(), notice_id: notice.id, region_path: notice.region_path, filed_with: input.filedWith, filed_on: input.filedOn,
      reference_no: input.referenceNo || null, note: input.note || null, created_by: actor.id, created_at: platform.clock.now().toISOString(),
    };
    await trx.insertInto('filings').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'filing.create', entityType: 'filing', entityId: row.id, detail: { after: row } });
    return (await filingsOfNotices(trx, actor, [notice.id])).find((f) => f.id === row.id)!;
  });
}

export async function findFiling(db: Executor, actor: Actor, id: string) {
  const row = await db.selectFrom('filings').selectAll().where('id', '=', id).where(filingsScope(actor.scope)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * Attach a file to a filing (the filed report, the receipt). The filing is checked first; the bytes must be
 * what the name claims. Blobs are content-addressed, so one stored by a refused request is harmless.
 */
export async function attachToFiling(platform: Platform, ctx: RequestContext, id: string, name: string, content: Readable) {
  const actor = ctx.actor!;
  const filing = await findFiling(platform.database.db, actor, id).catch((e: unknown) => {
    content.resume();
    throw e;
  });
  if (!isIssuer(actor, filing.region_path)) {
    content.resume();
    throw forbidden('FILING_NOT_ISSUER');
  }
  const stored = await storeUpload(platform.storage, platform.config.fileMaxBytes, name, content);
  const row: FilesTable = {
    id: newId(), sha256: stored.sha256, size: stored.size, mime: stored.mime, name: stored.name, entity_type: 'filing', entity_id: filing.id,
    region_path: filing.region_path, uploaded_by: actor.id, created_at: platform.clock.now().toISOString(),
  };
  await platform.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('files').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'filing.attach', entityType: 'filing', entityId: filing.id, detail: { fileId: row.id, name: row.name, sha256: row.sha256, size: row.size } });
  });
  return { id: row.id, name: row.name, mime: row.mime, size: row.size, url: fileUrl(filing.id, row.id) };
}

/** A filing's attachment, for whoever may see the filing. */
export async function filingFile(db: Executor, actor: Actor, id: string, fileId: string) {
  const filing = await findFiling(db, actor, id);
  const file = await db.selectFrom('files').select(['sha256', 'mime', 'size', 'name']).where('id', '=', fileId)
    .where('entity_type', '=', 'filing').where('entity_id', '=', filing.id).executeTakeFirst();
  if (!file) throw notFound();
  return file;
}
