import type { Readable } from 'node:stream';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { FilesTable } from '../../platform/db/schema';
import { AppError, notFound } from '../../platform/errors';
import { filesScope } from '../../platform/scope';
import { storeUpload } from '../../platform/files';
import { newId } from '../../platform/ids';
import { findUnitInScope } from '../units/units.service';
import { findProblemInScope } from '../problems/problems.service';

/**
 * The records files can belong to. Each answers with the region path the file inherits, after checking
 * the record is in the caller's scope (404 otherwise). Later modules add their record types here.
 */
const owners: Record<string, (db: Executor, actor: Actor, id: string) => Promise<{ regionPath: string }>> = {
  unit: async (db, actor, id) => ({ regionPath: (await findUnitInScope(db, actor, id)).region_path }),
  problem: async (db, actor, id) => ({ regionPath: (await findProblemInScope(db, actor, id)).region_path }),
};

export const attachableTypes = Object.keys(owners) as [string, ...string[]];

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

function filesInScope(db: Executor, actor: Actor) {
  return db.selectFrom('files').leftJoin('accounts', 'accounts.id', 'files.uploaded_by').selectAll('files').select('accounts.display_name as uploader_name').where(filesScope(actor.scope));
}

export async function fileInScope(db: Executor, actor: Actor, id: string) {
  const row = await filesInScope(db, actor).where('files.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function filesOf(db: Executor, actor: Actor, entityType: string, entityId: string) {
  const owner = owners[entityType];
  if (!owner) throw notFound();
  await owner(db, actor, entityId);
  const rows = await filesInScope(db, actor).where('files.entity_type', '=', entityType).where('files.entity_id', '=', entityId).orderBy('files.created_at', 'desc').execute();
  return rows.map(presentFile);
}
