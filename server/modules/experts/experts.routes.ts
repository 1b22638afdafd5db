import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx, streamWorkbook } from '../../platform/xlsx';
import { allPages, columnsOf } from '../inspectors/people';
import { personalView } from '../inspectors/inspectors.schemas';
import {
  attendanceBody, declineBody, drawBody, drawParams, expertCreateBody, expertDetail as expertDetailView, expertExportQuery, expertListQuery, expertUpdateBody,
  expertView, relationBody, relationParams, reviewBody, reviewDetail as reviewDetailView, reviewExpertParams, reviewListQuery, reviewUpdateBody, reviewView, verifyView,
} from './experts.schemas';
import { addRelation, createExpert, expertDetail, listExperts, removeRelation, revealExpertPersonal, updateExpert } from './experts.service';
import { exportExpertBatches, expertExportColumns, expertTemplate, importExperts } from './experts.sheet';
import { createReview, declineExpert, drawExperts, listReviews, recordAttendance, reviewDetail, updateReview, verifyDraw } from './reviews.service';

export function expertsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['experts'];

  app.get('/api/experts', {
    config: { permission: 'experts.read' },
    schema: { tags, summary: '专家库 Expert pool', querystring: expertListQuery, response: { 200: pageOf(expertView) } },
  }, async (request) => listExperts(db, request.actor!, request.query));

  app.get('/api/experts/import-template', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '导入模板 Import template' },
  }, async (request, reply) => {
    const name = request.ctx.locale === 'en' ? 'experts-template.xlsx' : '专家导入模板.xlsx';
    return sendXlsx(reply, name, await expertTemplate(request.ctx.locale));
  });

  app.post('/api/experts/import', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '从 Excel 导入 Import from .xlsx', consumes: ['multipart/form-data'], response: { 200: z.object({ imported: z.number() }) } },
  }, async (request) => {
    const sheet = await receiveSheet(request);
    return importExperts(platform, request.ctx, sheet.buffer, sheet.name, sheet.sha256);
  });

  app.get('/api/experts/export', {
    config: { permission: 'experts.read' },
    schema: { tags, summary: '导出 Excel Export .xlsx', querystring: expertExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'expert.export', entityType: 'expert', detail: { filters: request.query } });
    return streamWorkbook(reply, locale === 'en' ? 'experts.xlsx' : '专家库.xlsx', locale === 'en' ? 'Experts' : '专家', expertExportColumns(locale), exportExpertBatches(db, request.actor!, request.query));
  });

  app.get('/api/experts/:id', {
    config: { permission: 'experts.read' },
    schema: { tags, summary: '专家详情（含参与的评审和评审费）Expert with reviews and fees', params: idParams, response: { 200: expertDetailView } },
  }, async (request) => expertDetail(db, request.actor!, request.params.id));

  app.post('/api/experts/:id/personal', {
    config: { permission: 'personal.read_full' },
    schema: { tags, summary: '查看完整手机号和身份证号（记审计）Show full personal numbers (audited)', params: idParams, response: { 200: personalView } },
  }, async (request) => revealExpertPersonal(platform, request.ctx, request.params.id));

  app.post('/api/experts', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '新增专家 Create expert', body: expertCreateBody, response: { 200: expertDetailView } },
  }, async (request) => createExpert(platform, request.ctx, request.body));

  app.patch('/api/experts/:id', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '修改专家 Update expert', params: idParams, body: expertUpdateBody, response: { 200: expertDetailView } },
  }, async (request) => updateExpert(platform, request.ctx, request.params.id, request.body));

  app.post('/api/experts/:id/relations', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '登记利害关系（回避）Declare a relation', params: idParams, body: relationBody, response: { 200: expertDetailView } },
  }, async (request) => addRelation(platform, request.ctx, request.params.id, request.body));

  app.delete('/api/experts/:id/relations/:relationId', {
    config: { permission: 'experts.write' },
    schema: { tags, summary: '删除利害关系 Remove a relation', params: relationParams, response: { 200: expertDetailView } },
  }, async (request) => removeRelation(platform, request.ctx, request.params.id, request.params.relationId));

  const reviewTags = ['reviews'];

  app.get('/api/reviews', {
    config: { permission: 'experts.read' },
    schema: { tags: reviewTags, summary: '评审列表 Reviews', querystring: reviewListQuery, response: { 200: pageOf(reviewView) } },
  }, async (request) => listReviews(db, request.actor!, request.query));

  app.get('/api/reviews/export', {
    config: { permission: 'experts.read' },
    schema: { tags: reviewTags, summary: '导出评审列表 Export reviews', querystring: reviewListQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'review.export', entityType: 'review', detail: { filters: request.query } });
    const columns = columnsOf(locale, [['title', '评审名称', 'Review', 36], ['reviewedUnit', '被评审单位', 'Reviewed unit', 26], ['region', '所属区划', 'Region'], ['startDate', '开始日期', 'Start', 12], ['endDate', '结束日期', 'End', 12], ['experts', '专家人数', 'Experts', 10], ['settled', '评审费结算', 'Fees settled', 18]]);
    const rows = allPages((page, pageSize) => listReviews(db, request.actor!, { ...request.query, page, pageSize }), (r) => ({
      title: r.title, reviewedUnit: r.reviewedUnit?.name ?? null, region: r.region.name, startDate: r.startDate, endDate: r.endDate, experts: r.expertCount, settled: r.feesSettledAt,
    }));
    return streamWorkbook(reply, locale === 'en' ? 'reviews.xlsx' : '评审列表.xlsx', locale === 'en' ? 'Reviews' : '评审', columns, rows);
  });

  app.get('/api/reviews/:id', {
    config: { permission: 'experts.read' },
    schema: { tags: reviewTags, summary: '评审详情（含抽取记录）Review with its draws', params: idParams, response: { 200: reviewDetailView } },
  }, async (request) => reviewDetail(db, request.actor!, request.params.id));

  app.post('/api/reviews', {
    config: { permission: 'experts.draw' },
    schema: { tags: reviewTags, summary: '新建评审 Create review', body: reviewBody, response: { 200: reviewDetailView } },
  }, async (request) => createReview(platform, request.ctx, request.body));

  app.patch('/api/reviews/:id', {
    config: { permission: 'experts.draw' },
    schema: { tags: reviewTags, summary: '修改评审 Update review', params: idParams, body: reviewUpdateBody, response: { 200: reviewDetailView } },
  }, async (request) => updateReview(platform, request.ctx, request.params.id, request.body));

  app.post('/api/reviews/:id/draws', {
    config: { permission: 'experts.draw' },
    schema: { tags: reviewTags, summary: '随机抽取专家 Draw experts', params: idParams, body: drawBody, response: { 200: reviewDetailView } },
  }, async (request) => drawExperts(platform, request.ctx, request.params.id, request.body));

  app.get('/api/reviews/:id/draws/:drawId/verify', {
    config: { permission: 'experts.read' },
    schema: { tags: reviewTags, summary: '复核抽取结果 Re-check a draw', params: drawParams, response: { 200: verifyView } },
  }, async (request) => verifyDraw(db, request.actor!, request.params.id, request.params.drawId));

  app.post('/api/reviews/:id/experts/:expertId/decline', {
    config: { permission: 'experts.draw' },
    schema: { tags: reviewTags, summary: '专家不能参加（递补抽取）Decline, with a replacement draw', params: reviewExpertParams, body: declineBody, response: { 200: reviewDetailView } },
  }, async (request) => declineExpert(platform, request.ctx, request.params.id, request.params.expertId, request.body));

  app.patch('/api/reviews/:id/experts/:expertId', {
    config: { permission: 'experts.draw' },
    schema: { tags: reviewTags, summary: '出席与角色 Attendance and role', params: reviewExpertParams, body: attendanceBody, response: { 200: reviewDetailView } },
  }, async (request) => recordAttendance(platform, request.ctx, request.params.id, request.params.expertId, request.body));
}
