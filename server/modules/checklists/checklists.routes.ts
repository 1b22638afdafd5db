import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { checklistCreateBody, checklistDetail as detailView, checklistListQuery, checklistReviseBody, checklistView } from './checklists.schemas';
import { checklistDetail, createChecklist, listChecklists, reviseChecklist } from './checklists.service';

export function checklistsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['checklists'];

  app.get('/api/checklists', {
    config: { permission: 'checklists.read' },
    schema: { tags, summary: '检查表 Checklist templates', querystring: checklistListQuery, response: { 200: pageOf(checklistView) } },
  }, async (request) => listChecklists(db, request.actor!, request.query));

  app.get('/api/checklists/:id', {
    config: { permission: 'checklists.read' },
    schema: { tags, summary: '检查表 Checklist template', params: idParams, response: { 200: detailView } },
  }, async (request) => checklistDetail(db, request.actor!, request.params.id));

  app.post('/api/checklists', {
    config: { permission: 'checklists.write' },
    schema: { tags, summary: '新建检查表 Create a template', body: checklistCreateBody, response: { 200: detailView } },
  }, async (request) => createChecklist(platform, request.ctx, request.body));

  app.post('/api/checklists/:id/versions', {
    config: { permission: 'checklists.write' },
    schema: { tags, summary: '修订（新版本）Revise as a new version', params: idParams, body: checklistReviseBody, response: { 200: detailView } },
  }, async (request) => reviseChecklist(platform, request.ctx, request.params.id, request.body));
}
