import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx } from '../../platform/xlsx';
import { statisticCorrectBody, statisticImportQuery, statisticImportResult, statisticListQuery, statisticView } from './balance.contract';
import { correctStatistic, listStatistics, statisticDetail } from './balance.service';
import { importStatistics, statisticTemplate } from './balance.sheet';

export function balanceRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['balance'];

  app.get('/api/school-statistics', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '学年统计 School-year statistics', querystring: statisticListQuery, response: { 200: pageOf(statisticView) } },
  }, async (request) => listStatistics(db, request.actor!, request.query));

  app.get('/api/school-statistics/template', {
    config: { permission: 'balance.write' },
    schema: { tags, summary: '学年统计导入模板 Import template' },
  }, async (request, reply) => sendXlsx(reply, request.ctx.locale === 'en' ? 'school-statistics-template.xlsx' : '学年统计导入模板.xlsx', await statisticTemplate(request.ctx.locale)));

  app.post('/api/school-statistics/import', {
    config: { permission: 'balance.write' },
    schema: { tags, summary: '导入学年统计 Import a school year from .xlsx', querystring: statisticImportQuery, consumes: ['multipart/form-data'], response: { 200: statisticImportResult } },
  }, async (request) => importStatistics(platform, request.ctx, await receiveSheet(request), request.query.schoolYear));

  app.get('/api/school-statistics/:id', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '一所学校的学年统计 One school\'s statistics', params: idParams, response: { 200: statisticView } },
  }, async (request) => statisticDetail(db, request.actor!, request.params.id));

  app.put('/api/school-statistics/:id', {
    config: { permission: 'balance.write' },
    schema: { tags, summary: '更正统计数据 Correct figures', params: idParams, body: statisticCorrectBody, response: { 200: statisticView } },
  }, async (request) => correctStatistic(platform, request.ctx, request.params.id, request.body.figures));
}
