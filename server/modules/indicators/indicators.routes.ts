import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx } from '../../platform/xlsx';
import {
  frameworkCopyBody, frameworkCreateBody, frameworkDetail as detailView, frameworkImportQuery, frameworkListQuery, frameworkUpdateBody, frameworkView,
} from './indicators.contract';
import {
  copyFramework, createFramework, frameworkDetail, listFrameworks, newFrameworkVersion, publishFramework, updateFramework,
} from './indicators.service';
import { exportFramework, importIntoDraft, importNewFramework } from './indicators.sheet';

export function indicatorsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['indicators'];

  app.get('/api/indicator-frameworks', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '指标体系 Indicator frameworks', querystring: frameworkListQuery, response: { 200: pageOf(frameworkView) } },
  }, async (request) => listFrameworks(db, request.actor!, request.query));

  app.get('/api/indicator-frameworks/:id', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '指标体系（一个版本）A framework version', params: idParams, response: { 200: detailView } },
  }, async (request) => frameworkDetail(db, request.actor!, request.params.id));

  app.post('/api/indicator-frameworks', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '新建指标体系 Create a framework (draft)', body: frameworkCreateBody, response: { 200: detailView } },
  }, async (request) => createFramework(platform, request.ctx, request.body));

  app.post('/api/indicator-frameworks/import', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '从 Excel 新建指标体系 Create a framework from .xlsx', querystring: frameworkImportQuery, consumes: ['multipart/form-data'], response: { 200: detailView } },
  }, async (request) => importNewFramework(platform, request.ctx, await receiveSheet(request), request.query));

  app.put('/api/indicator-frameworks/:id', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '修改草稿 Edit a draft', params: idParams, body: frameworkUpdateBody, response: { 200: detailView } },
  }, async (request) => updateFramework(platform, request.ctx, request.params.id, request.body));

  app.post('/api/indicator-frameworks/:id/import', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '从 Excel 替换草稿的指标 Replace a draft\'s indicators from .xlsx', params: idParams, consumes: ['multipart/form-data'], response: { 200: detailView } },
  }, async (request) => importIntoDraft(platform, request.ctx, request.params.id, await receiveSheet(request)));

  app.post('/api/indicator-frameworks/:id/publish', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '发布（冻结）Publish and freeze', params: idParams, response: { 200: detailView } },
  }, async (request) => publishFramework(platform, request.ctx, request.params.id));

  app.post('/api/indicator-frameworks/:id/versions', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '新建版本（复制）New version as a copy', params: idParams, response: { 200: detailView } },
  }, async (request) => newFrameworkVersion(platform, request.ctx, request.params.id));

  app.post('/api/indicator-frameworks/:id/copies', {
    config: { permission: 'evaluation.write' },
    schema: { tags, summary: '复制为本级指标体系 Copy as the office\'s own framework', params: idParams, body: frameworkCopyBody, response: { 200: detailView } },
  }, async (request) => copyFramework(platform, request.ctx, request.params.id, request.body));

  app.get('/api/indicator-frameworks/:id/export', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '导出 Excel Export as .xlsx', params: idParams },
  }, async (request, reply) => {
    const { buffer, fileName } = await exportFramework(db, request.actor!, request.params.id, request.ctx.locale);
    return sendXlsx(reply, fileName, buffer);
  });
}
