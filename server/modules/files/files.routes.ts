import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, sendStoredFile, type App } from '../../platform/http';
import { AppError } from '../../platform/errors';
import { fileInScope, filesOf, presentFile, uploadFile } from './files.service';
import { receiveFile } from '../../platform/uploads';

export const fileView = z.object({
  id: z.string(), name: z.string(), size: z.number(), mime: z.string(), sha256: z.string(),
  entityType: z.string(), entityId: z.string(), createdAt: z.string(), uploadedBy: z.string().nullable(),
});

export function filesRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['files'];

  app.post('/api/files', {
    config: { permission: 'files.upload' },
    schema: { tags, summary: '上传附件 Upload (fields entityType, entityId, then file)', consumes: ['multipart/form-data'], response: { 200: fileView } },
  }, async (request) => {
    const part = await receiveFile(request);
    const field = (name: string) => {
      const f = part.fields[name];
      const v = f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : '';
      return v;
    };
    const entityType = field('entityType');
    const entityId = field('entityId');
    if (!entityType || !entityId) {
      part.file.resume();
      throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: [{ field: entityType ? 'entityId' : 'entityType', key: 'FIELD_REQUIRED' }] });
    }
    return uploadFile(platform, request.ctx, entityType, entityId, part.filename, part.file);
  });

  app.get('/api/files/:id', {
    config: { permission: 'files.read' },
    schema: { tags, summary: '附件信息 File metadata', params: idParams, response: { 200: fileView } },
  }, async (request) => presentFile(await fileInScope(db, request.actor!, request.params.id)));

  app.get('/api/files/:id/content', {
    config: { permission: 'files.read' },
    schema: { tags, summary: '下载附件 Download', params: idParams },
  }, async (request, reply) => {
    return sendStoredFile(reply, platform.storage, await fileInScope(db, request.actor!, request.params.id));
  });

  app.get('/api/units/:id/files', {
    config: { permission: 'files.read' },
    schema: { tags, summary: '单位附件 Files of a unit', params: idParams, response: { 200: z.array(fileView) } },
  }, async (request) => filesOf(db, request.actor!, 'unit', request.params.id));
}
