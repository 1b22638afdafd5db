import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx, streamWorkbook } from '../../platform/xlsx';
import { unitCreateBody, unitDetail as unitDetailView, unitExportQuery, unitListQuery, unitUpdateBody, unitView } from './units.schemas';
import { createUnit, listUnits, setUnitActive, unitDetail, updateUnit } from './units.service';
import { exportColumns, exportUnitBatches, importUnits, unitTemplate } from './units.sheet';

export function unitsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['units'];

  app.get('/api/units', {
    config: { permission: 'units.read' },
    schema: { tags, summary: '单位列表 Unit list', querystring: unitListQuery, response: { 200: pageOf(unitView) } },
  }, async (request) => listUnits(db, request.actor!, request.query));

  app.get('/api/units/import-template', {
    config: { permission: 'units.import' },
    schema: { tags, summary: '导入模板 Import template' },
  }, async (request, reply) => {
    const name = request.ctx.locale === 'en' ? 'units-template.xlsx' : '单位导入模板.xlsx';
    return sendXlsx(reply, name, await unitTemplate(request.ctx.locale));
  });

  app.post('/api/units/import', {
    config: { permission: 'units.import' },
    schema: { tags, summary: '从 Excel 导入 Import from .xlsx', consumes: ['multipart/form-data'], response: { 200: z.object({ imported: z.number() }) } },
  }, async (request) => importUnits(platform, request.ctx, await receiveSheet(request)));

  app.get('/api/units/export', {
    config: { permission: 'units.export' },
    schema: { tags, summary: '导出 Excel Export .xlsx', querystring: unitExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'unit.export', entityType: 'unit', detail: { filters: request.query } });
    const name = locale === 'en' ? 'units.xlsx' : '单位名录.xlsx';
    return streamWorkbook(reply, name, locale === 'en' ? 'Units' : '单位', exportColumns(locale), exportUnitBatches(db, request.actor!, request.query, locale));
  });

  app.get('/api/units/:id', {
    config: { permission: 'units.read' },
    schema: { tags, summary: '单位详情 Unit', params: idParams, response: { 200: unitDetailView } },
  }, async (request) => unitDetail(db, request.actor!, request.params.id));

  app.post('/api/units', {
    config: { permission: 'units.write' },
    schema: { tags, summary: '新增单位 Create unit', body: unitCreateBody, response: { 200: unitDetailView } },
  }, async (request) => createUnit(platform, request.ctx, request.body));

  app.patch('/api/units/:id', {
    config: { permission: 'units.write' },
    schema: { tags, summary: '修改单位 Update unit', params: idParams, body: unitUpdateBody, response: { 200: unitDetailView } },
  }, async (request) => updateUnit(platform, request.ctx, request.params.id, request.body));

  app.post('/api/units/:id/deactivate', {
    config: { permission: 'units.write' },
    schema: { tags, summary: '停用 Deactivate', params: idParams, response: { 200: unitDetailView } },
  }, async (request) => setUnitActive(platform, request.ctx, request.params.id, false));

  app.post('/api/units/:id/activate', {
    config: { permission: 'units.write' },
    schema: { tags, summary: '启用 Activate', params: idParams, response: { 200: unitDetailView } },
  }, async (request) => setUnitActive(platform, request.ctx, request.params.id, true));
}
