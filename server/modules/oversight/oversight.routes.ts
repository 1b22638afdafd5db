import type { Platform } from '../../platform/platform';
import { contentDisposition, idParams, pageOf, sendStoredFile, sendPdf, type App } from '../../platform/http';
import {
  accountabilityBody, accountabilityQuery, accountabilityView, caseActionBody, caseApprovalBody, caseCreateBody, caseDetailView, caseListQuery,
  caseResponseBody, caseSummaryView, clearanceAddBody, clearanceCreateBody, clearanceDetailView, clearanceListQuery,
  clearanceSummaryView, createdNotice, escalationBody, figuresQuery, figuresView, filingBody, filingFileParams, filingFileView, filingListQuery,
  filingNoticeView, filingView, overviewQuery, overviewView, rankingBulletinBody, rankingQuery, rankingView,
} from './oversight.schemas';
import { overview, ranking, yearFigures } from './oversight.figures';
import { escalate, rankingBulletin } from './oversight.escalation';
import { listMeasures, recordMeasure } from './oversight.accountability';
import {
  accountabilitySettingsSchema, caseDetail, createCase, listCases, readAccountabilitySettings, takeStep, updateAccountabilitySettings,
} from './oversight.accountability-cases';
import { decisionDocx, decisionPdf } from './oversight.accountability-document';
import { attachToFiling, filingFile, listFilingNotices, recordFiling } from './oversight.filings';
import { addClearanceProblems, clearanceListDetail, createClearanceList, listClearanceLists } from './oversight.clearance';
import { receiveFile } from '../../platform/uploads';

export function oversightRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['oversight'];

  app.get('/api/rectification-overview', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '整改总览（红黄绿灯） Overview by light, per region and unit', querystring: overviewQuery, response: { 200: overviewView } },
  }, async (request) => overview(platform, request.actor!, request.query));

  app.get('/api/rectification-figures', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '整改统计 Figures of a year', querystring: figuresQuery, response: { 200: figuresView } },
  }, async (request) => yearFigures(platform, request.actor!, request.ctx.locale, request.query));

  app.get('/api/rectification-ranking', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '年度整改排名 Yearly ranking of units', querystring: rankingQuery, response: { 200: rankingView } },
  }, async (request) => ranking(platform, request.actor!, request.query));

  app.post('/api/rectification-ranking/bulletin', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '排名后几位生成通报草稿 Bulletin draft of the bottom units', body: rankingBulletinBody, response: { 200: createdNotice } },
  }, async (request) => rankingBulletin(platform, request.ctx, request.body));

  app.post('/api/escalations', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '逾期事项生成通报或约谈通知草稿 Escalate overdue items', body: escalationBody, response: { 200: createdNotice } },
  }, async (request) => escalate(platform, request.ctx, request.body));

  app.get('/api/accountability', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问责记录 Accountability measures', querystring: accountabilityQuery, response: { 200: pageOf(accountabilityView) } },
  }, async (request) => listMeasures(db, request.actor!, request.ctx.locale, request.query));

  app.post('/api/accountability', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '记录问责 Record a measure', body: accountabilityBody, response: { 200: accountabilityView } },
  }, async (request) => recordMeasure(platform, request.ctx, request.body));

  app.get('/api/accountability-cases', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问责案件 Accountability cases', querystring: caseListQuery, response: { 200: pageOf(caseSummaryView) } },
  }, async (request) => listCases(platform, request.actor!, request.ctx.locale, request.query));

  app.post('/api/accountability-cases', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '拟立问责案件 Propose a case', body: caseCreateBody, response: { 200: caseDetailView } },
  }, async (request) => createCase(platform, request.ctx, request.body));

  app.get('/api/accountability-cases/:id', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问责案件 A case with its steps', params: idParams, response: { 200: caseDetailView } },
  }, async (request) => caseDetail(platform, request.actor!, request.ctx.locale, request.params.id));

  app.post('/api/accountability-cases/:id/actions', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '办理问责程序 The office\'s steps (and the appeal decision above it)', params: idParams, body: caseActionBody, response: { 200: caseDetailView } },
  }, async (request) => takeStep(platform, request.ctx, request.params.id, request.body));

  app.post('/api/accountability-cases/:id/approval', {
    config: { permission: 'notices.approve' },
    schema: { tags, summary: '审批问责意见 Approve or return the opinion', params: idParams, body: caseApprovalBody, response: { 200: caseDetailView } },
  }, async (request) => takeStep(platform, request.ctx, request.params.id, request.body));

  app.post('/api/accountability-cases/:id/responses', {
    config: { permission: 'rectification.report' },
    schema: { tags, summary: '陈述申辩、申请复核、申诉 The object\'s side', params: idParams, body: caseResponseBody, response: { 200: caseDetailView } },
  }, async (request) => takeStep(platform, request.ctx, request.params.id, request.body));

  app.get('/api/accountability-cases/:id/decision.docx', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问责决定书 Word 版 The decision (GB/T 9704), DOCX', params: idParams },
  }, async (request, reply) => {
    const doc = await decisionDocx(platform, request.actor!, request.params.id);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition('attachment', `${doc.fileName}.docx`)).send(doc.content);
  });

  app.get('/api/accountability-cases/:id/decision.pdf', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问责决定书 PDF 版 The decision (GB/T 9704), PDF', params: idParams },
  }, async (request, reply) => {
    const doc = await decisionPdf(platform, request.actor!, request.params.id);
    return sendPdf(reply, 'inline', `${doc.fileName}.pdf`, doc.content);
  });

  app.get('/api/settings/accountability', {
    config: { signedIn: true },
    schema: { tags, summary: '问责程序设置 Accountability settings', response: { 200: accountabilitySettingsSchema } },
  }, async () => readAccountabilitySettings(db));

  app.put('/api/settings/accountability', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '修改问责程序设置 Update accountability settings', body: accountabilitySettingsSchema, response: { 200: accountabilitySettingsSchema } },
  }, async (request) => updateAccountabilitySettings(platform, request.ctx, request.body));

  app.get('/api/filings', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '备案情况 Notices with rectification items, filed or not', querystring: filingListQuery, response: { 200: pageOf(filingNoticeView) } },
  }, async (request) => listFilingNotices(db, request.actor!, request.ctx.locale, request.query));

  app.post('/api/filings', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '记录备案 Record a filing', body: filingBody, response: { 200: filingView } },
  }, async (request) => recordFiling(platform, request.ctx, request.body));

  app.post('/api/filings/:id/files', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '上传备案材料 Attach a file to a filing', params: idParams, consumes: ['multipart/form-data'], response: { 200: filingFileView } },
  }, async (request) => {
    const part = await receiveFile(request);
    return attachToFiling(platform, request.ctx, request.params.id, part.filename, part.file);
  });

  app.get('/api/filings/:id/files/:fileId/content', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '下载备案材料 Download a filing\'s file', params: filingFileParams },
  }, async (request, reply) => {
    const file = await filingFile(db, request.actor!, request.params.id, request.params.fileId);
    return sendStoredFile(reply, platform.storage, file);
  });

  app.get('/api/clearance-lists', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '清零清单 Clear-to-zero lists', querystring: clearanceListQuery, response: { 200: pageOf(clearanceSummaryView) } },
  }, async (request) => listClearanceLists(db, request.actor!, request.query));

  app.post('/api/clearance-lists', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '建立清零清单 Create a list', body: clearanceCreateBody, response: { 200: clearanceDetailView } },
  }, async (request) => createClearanceList(platform, request.ctx, request.body));

  app.get('/api/clearance-lists/:id', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '清零清单 A list with each problem\'s verification', params: idParams, response: { 200: clearanceDetailView } },
  }, async (request) => clearanceListDetail(platform, request.actor!, request.ctx.locale, request.params.id));

  app.post('/api/clearance-lists/:id/problems', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '向清单添加问题 Add problems', params: idParams, body: clearanceAddBody, response: { 200: clearanceDetailView } },
  }, async (request) => addClearanceProblems(platform, request.ctx, request.params.id, request.body.problemIds));
}

