import type { Readable } from 'node:stream';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { FilesTable } from '../../platform/db/schema';
import { AppError, notFound } from '../../platform/errors';
import { accountabilityCasesScope } from '../../platform/scope';
import { storeUpload } from '../../platform/files';
import { newId } from '../../platform/ids';
import { findUnitInScope } from '../units/units.service';
import { findProblemInScope } from '../problems/problems.service';
import { stepOwnedBy } from '../oversight/oversight.accountability-cases';
import { findFiling } from '../oversight/oversight.filings';
import { findNoticeInScope } from '../notices/notices.service';
import { findItem } from '../rectification/rectification.service';
import { findVisitInScope } from '../visits/visits.service';
import { findComplaint } from '../complaints/complaints.repo';

/**
 * The records files can belong to. Each answers with the region path the file inherits, after checking
 * the record is in the caller's scope (404 otherwise). Later modules add their record types here.
 */
const owners: Record<string, (db: Executor, actor: Actor, id: string) => Promise<{ regionPath: string }>> = {
  unit: async (db, actor, id) => ({ regionPath: (await findUnitInScope(db, actor, id)).region_path }),
  problem: async (db, actor, id) => ({ regionPath: (await findProblemInScope(db, actor, id)).region_path }),
  accountability_step: stepOwnedBy,
};

/**
 * Who may read a file: exactly who may read the record it belongs to, by that record's own rule (a task's
 * team, the unit it is addressed to, a notice's recipients), not the region path copied onto the file. A file
 * of a record type not listed here is found by nobody.
 */
const readers: Record<string, (db: Executor, actor: Actor, id: string) => Promise<unknown>> = {
  unit: findUnitInScope,
  problem: findProblemInScope,
  visit: findVisitInScope,
  notice: findNoticeInScope,
  filing: findFiling,
  // A complainant's material: whoever reads the complaint (its holding office and the offices above).
  complaint: async (db, actor, id) => {
    const complaint = await findComplaint(db, actor, id);
    if (!complaint) throw notFound();
    return complaint;
  },
  rectification_event: async (db, actor, eventId) => {
    const event = await db.selectFrom('rectification_events').select('rectification_id').where('id', '=', eventId).executeTakeFirst();
    if (!event) throw notFound();
    return findItem(db, actor, event.rectification_id);
  },
  accountability_step: async (db, actor, stepId) => {
    const step = await db.selectFrom('accountability_case_steps').innerJoin('accountability_cases', 'accountability_cases.id', 'accountability_case_steps.case_id')
      .select('accountability_case_steps.id').where('accountability_case_steps.id', '=', stepId).where(accountabilityCasesScope(actor.scope)).executeTakeFirst();
    if (!step) throw notFound();
    return step;
  },
};

export function presentFile(f: FilesTable & { uploader_name?: string | null }) {
  return { id: f.id, name: f.name, size: f.size, mime: f.mime, sha256: f.sha256, entityType: f.entity_type, entityId: f.entity_id, createdAt: f.created_at, uploadedBy: f.uploader_name ?? null };
}

export async function uploadFile(platform: Platform, ctx: RequestContext, entityType: string, entityId: string, name: string, content: Readable) {
  const actor = ctx.actor!;
  const owner = owners[entityType];
  if (!owner) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: [{ field: 'entityType', key: 'VALIDATION' }] });
  const { regionPath } = await owner(platform.database.db, actor, entityId);
  const stored = await storeUpload(platform.storage, platform.config.fileMaxBytes, name, content);
  const row: FilesTable = {
    id: newId(), sha256: stored.sha256, size: stored.size, mime: stored.mime, name: stored.name, entity_type: entityType, entity_id: entityId,
    region_path: regionPath, uploaded_by: actor.id, created_at: platform.clock.now().toISOString(),
  };
  await platform.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('files').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'file.upload', entityType, entityId, detail: { fileId: row.id, name: row.name, sha256: row.sha256, size: row.size } });
  });
  return presentFile({ ...row, uploader_name: actor.displayName });
}

/** Files with their uploader's name; who may read them is their owning record's business (`readers`). */
function filesWithUploader(db: Executor) {
  return db.selectFrom('files').leftJoin('accounts', 'accounts.id', 'files.uploaded_by').selectAll('files').select('accounts.display_name as uploader_name');
}

export async function fileInScope(db: Executor, actor: Actor, id: string) {
  const row = await filesWithUploader(db).where('files.id', '=', id).executeTakeFirst();
  const reader = row ? readers[row.entity_type] : undefined;
  if (!row || !reader) throw notFound();
  await reader(db, actor, row.entity_id);
  return row;
}

export async function filesOf(db: Executor, actor: Actor, entityType: string, entityId: string) {
  const reader = readers[entityType];
  if (!reader) throw notFound();
  await reader(db, actor, entityId);
  const rows = await filesWithUploader(db).where('files.entity_type', '=', entityType).where('files.entity_id', '=', entityId).orderBy('files.created_at', 'desc').execute();
  return rows.map(presentFile);
}
