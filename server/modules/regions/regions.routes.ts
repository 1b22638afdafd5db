import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx, streamWorkbook } from '../../platform/xlsx';
import { childrenQuery, regionExportQuery, regionCreateBody, regionDetail as regionDetailView, regionListQuery, regionNode, regionUpdateBody, regionView } from './regions.schemas';
import { createRegion, listRegions, regionChildren, regionDetail, updateRegion } from './regions.service';
import { exportRegionBatches, importRegions, regionExportColumns, regionTemplate } from './regions.sheet';

export function regionsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['regions'];

  app.get('/api/regions/children', {
    config: { permission: 'regions.read' },
    schema: { tags, summary: '区划树：下级 Children in the tree', querystring: childrenQuery, response: { 200: z.array(regionNode) } },
  }, async (request) => regionChildren(db, request.actor!, request.query.parentId));

  app.get('/api/regions', {
    config: { permission: 'regions.read' },
    schema: { tags, summary: '区划列表 Region list', querystring: regionListQuery, response: { 200: pageOf(regionView) } },
  }, async (request) => listRegions(db, request.actor!, request.query));

  app.get('/api/regions/import-template', {
    config: { permission: 'regions.write' },
    schema: { tags, summary: '区划导入模板 Import template' },
  }, async (request, reply) => sendXlsx(reply, request.ctx.locale === 'en' ? 'regions-template.xlsx' : '行政区划导入模板.xlsx', await regionTemplate(request.ctx.locale)));

  app.post('/api/regions/import', {
    config: { permission: 'regions.write' },
    schema: { tags, summary: '从 Excel 导入区划 Import from .xlsx', consumes: ['multipart/form-data'], response: { 200: z.object({ imported: z.number() }) } },
  }, async (request) => importRegions(platform, request.ctx, await receiveSheet(request)));

  app.get('/api/regions/export', {
    config: { permission: 'regions.read' },
    schema: { tags, summary: '导出区划 Export .xlsx', querystring: regionExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'region.export', entityType: 'region', detail: { filters: request.query } });
    return streamWorkbook(reply, locale === 'en' ? 'regions.xlsx' : '行政区划.xlsx', locale === 'en' ? 'Regions' : '行政区划', regionExportColumns(locale), exportRegionBatches(db, request.actor!, request.query, locale));
  });

  app.get('/api/regions/:id', {
    config: { permission: 'regions.read' },
    schema: { tags, summary: '区划详情 Region', params: idParams, response: { 200: regionDetailView } },
  }, async (request) => regionDetail(db, request.actor!, request.params.id));

  app.post('/api/regions', {
    config: { permission: 'regions.write' },
    schema: { tags, summary: '新增区划 Create region', body: regionCreateBody, response: { 200: regionDetailView } },
  }, async (request) => createRegion(platform, request.ctx, request.body));

  app.patch('/api/regions/:id', {
    config: { permission: 'regions.write' },
    schema: { tags, summary: '修改区划 Update region', params: idParams, body: regionUpdateBody, response: { 200: regionDetailView } },
  }, async (request) => updateRegion(platform, request.ctx, request.params.id, request.body));
}
