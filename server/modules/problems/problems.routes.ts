import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, sendStoredFile, type App } from '../../platform/http';
import { notFound } from '../../platform/errors';
import { receiveSheet, sendXlsx, streamWorkbook } from '../../platform/xlsx';
import {
  areaCreateBody, areaUpdateBody, areaView, problemCreateBody, problemDetail as problemDetailView, problemExportQuery, problemListQuery,
  problemUpdateBody, problemView, recommendationCreateBody, recommendationListQuery, recommendationView,
} from './problems.schemas';
import {
  createArea, createProblem, createRecommendation, findProblemInScope, listAreas, listProblems, listRecommendations, problemDetail,
  problemEvidence, recommendationById, updateArea, updateProblem,
} from './problems.service';
import { exportColumns, exportProblemBatches, importProblems, problemTemplate } from './problems.sheet';

export function problemsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['problems'];

  app.get('/api/problem-areas', {
    config: { signedIn: true },
    schema: { tags, summary: '问题领域字典 Problem areas', response: { 200: z.array(areaView) } },
  }, async () => listAreas(db));

  app.post('/api/problem-areas', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '新增问题领域 Add an area', body: areaCreateBody, response: { 200: areaView } },
  }, async (request) => createArea(platform, request.ctx, request.body));

  app.patch('/api/problem-areas/:key', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '修改问题领域 Update an area', params: z.object({ key: z.string().min(1).max(40) }), body: areaUpdateBody, response: { 200: areaView } },
  }, async (request) => updateArea(platform, request.ctx, request.params.key, request.body));

  app.get('/api/problems', {
    config: { permission: 'problems.read' },
    schema: { tags, summary: '问题清单 Problem register', querystring: problemListQuery, response: { 200: pageOf(problemView) } },
  }, async (request) => listProblems(db, request.actor!, request.ctx.locale, request.query));

  app.get('/api/problems/export', {
    config: { permission: 'problems.export' },
    schema: { tags, summary: '导出 Excel Export .xlsx (the list\'s filters)', querystring: problemExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'problem.export', entityType: 'problem', detail: { filters: request.query } });
    return streamWorkbook(reply, locale === 'en' ? 'problems.xlsx' : '问题清单.xlsx', locale === 'en' ? 'Problems' : '问题清单', exportColumns(locale), exportProblemBatches(db, request.actor!, request.query, locale));
  });

  app.get('/api/problems/import-template', {
    config: { permission: 'problems.import' },
    schema: { tags, summary: '导入模板 Import template' },
  }, async (request, reply) => sendXlsx(reply, request.ctx.locale === 'en' ? 'problems-template.xlsx' : '问题清单导入模板.xlsx', await problemTemplate(db, request.ctx.locale)));

  app.post('/api/problems/import', {
    config: { permission: 'problems.import' },
    schema: { tags, summary: '从 Excel 导入 Import from .xlsx', consumes: ['multipart/form-data'], response: { 200: z.object({ imported: z.number() }) } },
  }, async (request) => {
    const sheet = await receiveSheet(request);
    return importProblems(platform, request.ctx, sheet.buffer, sheet.name, sheet.sha256);
  });

  app.get('/api/problems/:id', {
    config: { permission: 'problems.read' },
    schema: { tags, summary: '问题 Problem', params: idParams, response: { 200: problemDetailView } },
  }, async (request) => problemDetail(db, request.actor!, request.ctx.locale, request.params.id));

  app.get('/api/problems/:id/evidence/:fileId/content', {
    config: { permission: 'problems.read' },
    schema: { tags, summary: '问题佐证材料 Evidence file', params: z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) }) },
  }, async (request, reply) => {
    const problem = await findProblemInScope(db, request.actor!, request.params.id);
    const evidence = (await problemEvidence(db, problem)).find((e) => e.id === request.params.fileId);
    if (!evidence) throw notFound();
    const file = await db.selectFrom('files').select(['sha256', 'mime', 'size', 'name']).where('id', '=', evidence.id).executeTakeFirstOrThrow();
    return sendStoredFile(reply, platform.storage, file);
  });

  app.post('/api/problems', {
    config: { permission: 'problems.write' },
    schema: { tags, summary: '登记问题 Record a problem', body: problemCreateBody, response: { 200: problemDetailView } },
  }, async (request) => createProblem(platform, request.ctx, request.body));

  app.patch('/api/problems/:id', {
    config: { permission: 'problems.write' },
    schema: { tags, summary: '修改问题 Update a problem', params: idParams, body: problemUpdateBody, response: { 200: problemDetailView } },
  }, async (request) => updateProblem(platform, request.ctx, request.params.id, request.body));

  app.get('/api/recommendations', {
    config: { permission: 'problems.read' },
    schema: { tags, summary: '工作建议 Recommendations', querystring: recommendationListQuery, response: { 200: pageOf(recommendationView) } },
  }, async (request) => listRecommendations(db, request.actor!, request.ctx.locale, request.query));

  app.get('/api/recommendations/:id', {
    config: { permission: 'problems.read' },
    schema: { tags, summary: '工作建议 Recommendation', params: idParams, response: { 200: recommendationView } },
  }, async (request) => recommendationById(db, request.actor!, request.ctx.locale, request.params.id));

  app.post('/api/recommendations', {
    config: { permission: 'problems.write' },
    schema: { tags, summary: '提出工作建议 Add a recommendation', body: recommendationCreateBody, response: { 200: recommendationView } },
  }, async (request) => createRecommendation(platform, request.ctx, request.body));
}
