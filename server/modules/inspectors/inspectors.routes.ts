import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, sendPdf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx, streamWorkbook } from '../../platform/xlsx';
import { allPages, chinaToday, columnsOf } from './people';
import {
  appointmentListQuery, assessmentBody, expiringExportQuery, trainingSummaryExportQuery, assessmentView, dismissBody, expiringQuery, expiringView, inspectorCreateBody, inspectorDetail as detailView,
  inspectorExportQuery, inspectorListQuery, inspectorUpdateBody, inspectorView, personalView, rewardBody, rewardView, termBody, termParams,
  termUpdateBody, termView, trainingBody, trainingSummaryQuery, trainingSummaryView, trainingView,
} from './inspectors.schemas';
import {
  addAssessment, addReward, addTerm, addTraining, createInspector, dismissInspector, expiringTerms, inspectorDetail, listInspectors,
  revealInspectorPersonal, trainingSummary, updateInspector, updateTerm,
} from './inspectors.service';
import { exportInspectorBatches, importInspectors, inspectorExportColumns, inspectorTemplate, levelLabels } from './inspectors.sheet';
import { appointmentListPdf, certificatePdf } from './inspectors.pdf';

export function inspectorsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['inspectors'];
  const today = () => chinaToday(platform.clock.now());

  app.get('/api/inspectors', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '督学列表 Inspector list', querystring: inspectorListQuery, response: { 200: pageOf(inspectorView) } },
  }, async (request) => listInspectors(platform, request.actor!, request.query));

  app.get('/api/inspectors/import-template', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '导入模板 Import template' },
  }, async (request, reply) => {
    const name = request.ctx.locale === 'en' ? 'inspectors-template.xlsx' : '督学导入模板.xlsx';
    return sendXlsx(reply, name, await inspectorTemplate(request.ctx.locale));
  });

  app.post('/api/inspectors/import', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '从 Excel 导入 Import from .xlsx', consumes: ['multipart/form-data'], response: { 200: z.object({ imported: z.number() }) } },
  }, async (request) => {
    const sheet = await receiveSheet(request);
    return importInspectors(platform, request.ctx, sheet.buffer, sheet.name, sheet.sha256);
  });

  app.get('/api/inspectors/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出 Excel Export .xlsx', querystring: inspectorExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'inspector.export', entityType: 'inspector', detail: { filters: request.query } });
    return streamWorkbook(reply, locale === 'en' ? 'inspectors.xlsx' : '督学名册.xlsx', locale === 'en' ? 'Inspectors' : '督学', inspectorExportColumns(locale), exportInspectorBatches(platform, request.actor!, request.query, locale));
  });

  app.get('/api/inspectors/expiring', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '聘期即将届满 Terms expiring soon', querystring: expiringQuery, response: { 200: pageOf(expiringView) } },
  }, async (request) => expiringTerms(platform, request.actor!, request.query));

  app.get('/api/inspectors/training-summary', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '年度培训学时 Yearly training hours', querystring: trainingSummaryQuery, response: { 200: pageOf(trainingSummaryView) } },
  }, async (request) => trainingSummary(platform, request.actor!, request.query));

  app.get('/api/inspectors/expiring/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出聘期将满名单 Export terms ending soon', querystring: expiringExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'inspector.export_expiring', entityType: 'inspector', detail: { filters: request.query } });
    const columns = columnsOf(locale, [['name', '姓名', 'Name', 12], ['level', '督学级别', 'Level'], ['region', '聘任区划', 'Region'], ['termNumber', '届次', 'Term', 8], ['startDate', '聘期开始', 'Start', 12], ['endDate', '聘期结束', 'End', 12], ['daysLeft', '剩余天数', 'Days left', 10]]);
    const rows = allPages((page, pageSize) => expiringTerms(platform, request.actor!, { ...request.query, page, pageSize, order: 'asc' }), (r) => ({
      name: r.name, level: levelLabels[r.level], region: r.region.name, termNumber: r.term.termNumber, startDate: r.term.startDate, endDate: r.term.endDate, daysLeft: r.daysLeft,
    }));
    return streamWorkbook(reply, locale === 'en' ? 'terms-ending.xlsx' : '聘期将满督学.xlsx', locale === 'en' ? 'Terms ending' : '聘期将满', columns, rows);
  });

  app.get('/api/inspectors/training-summary/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出年度培训学时 Export yearly training hours', querystring: trainingSummaryExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'inspector.export_training', entityType: 'inspector', detail: { filters: request.query } });
    const columns = columnsOf(locale, [['name', '姓名', 'Name', 12], ['level', '督学级别', 'Level'], ['hours', `${request.query.year}年学时`, `Hours in ${request.query.year}`, 12], ['enough', '达到40学时', '40 hours reached', 14]]);
    const rows = allPages((page, pageSize) => trainingSummary(platform, request.actor!, { ...request.query, page, pageSize, order: 'asc' }), (r) => ({
      name: r.name, level: levelLabels[r.level], hours: r.hours, enough: r.enough ? (locale === 'en' ? 'yes' : '是') : (locale === 'en' ? 'no' : '否'),
    }));
    return streamWorkbook(reply, locale === 'en' ? `training-${request.query.year}.xlsx` : `督学培训学时-${request.query.year}.xlsx`, locale === 'en' ? 'Training' : '培训学时', columns, rows);
  });

  app.get('/api/inspectors/appointment-list.pdf', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '聘任名单 PDF Appointment list', querystring: appointmentListQuery },
  }, async (request, reply) => {
    const pdf = await appointmentListPdf(platform, request.ctx, request.query);
    return sendPdf(reply, 'attachment', pdf.name, pdf.content);
  });

  app.get('/api/inspectors/:id', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '督学详情 Inspector', params: idParams, response: { 200: detailView } },
  }, async (request) => inspectorDetail(db, request.actor!, request.params.id, today()));

  app.post('/api/inspectors/:id/personal', {
    config: { permission: 'personal.read_full' },
    schema: { tags, summary: '查看完整手机号和身份证号（记审计）Show full personal numbers (audited)', params: idParams, response: { 200: personalView } },
  }, async (request) => revealInspectorPersonal(platform, request.ctx, request.params.id));

  app.post('/api/inspectors', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '新增督学 Create inspector', body: inspectorCreateBody, response: { 200: detailView } },
  }, async (request) => createInspector(platform, request.ctx, request.body));

  app.patch('/api/inspectors/:id', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '修改督学 Update inspector', params: idParams, body: inspectorUpdateBody, response: { 200: detailView } },
  }, async (request) => updateInspector(platform, request.ctx, request.params.id, request.body));

  app.post('/api/inspectors/:id/dismiss', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '解聘 Dismiss', params: idParams, body: dismissBody, response: { 200: detailView } },
  }, async (request) => dismissInspector(platform, request.ctx, request.params.id, request.body));

  app.post('/api/inspectors/:id/terms', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '聘任（新增聘期）Add a term', params: idParams, body: termBody, response: { 200: termView } },
  }, async (request) => addTerm(platform, request.ctx, request.params.id, request.body));

  app.patch('/api/inspectors/:id/terms/:termId', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '修改聘期 Update a term', params: termParams, body: termUpdateBody, response: { 200: termView } },
  }, async (request) => updateTerm(platform, request.ctx, request.params.id, request.params.termId, request.body));

  app.get('/api/inspectors/:id/terms/:termId/certificate.pdf', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '聘书 PDF Appointment certificate', params: termParams },
  }, async (request, reply) => {
    const pdf = await certificatePdf(platform, request.ctx, request.params.id, request.params.termId);
    return sendPdf(reply, 'attachment', pdf.name, pdf.content);
  });

  app.post('/api/inspectors/:id/assessments', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '年度考核 Yearly assessment', params: idParams, body: assessmentBody, response: { 200: assessmentView } },
  }, async (request) => addAssessment(platform, request.ctx, request.params.id, request.body));

  app.post('/api/inspectors/:id/rewards', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '奖惩 Reward or penalty', params: idParams, body: rewardBody, response: { 200: rewardView } },
  }, async (request) => addReward(platform, request.ctx, request.params.id, request.body));

  app.post('/api/inspectors/:id/trainings', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '培训记录 Training record', params: idParams, body: trainingBody, response: { 200: trainingView } },
  }, async (request) => addTraining(platform, request.ctx, request.params.id, request.body));
}
