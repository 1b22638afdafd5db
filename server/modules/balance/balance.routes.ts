import type { Platform } from '../../platform/platform';
import { idParams, pageOf, sendPdf, type App } from '../../platform/http';
import { receiveSheet, sendXlsx } from '../../platform/xlsx';
import {
  assessmentExportQuery, assessmentProblemsBody, ruleSetBody, ruleSetQuery, ruleSetView, assessmentProblemsResult, assessmentQuery, assessmentReport, comparisonQuery, comparisonView, whatIfBody,
  statisticCorrectBody, statisticImportQuery, statisticImportResult, statisticListQuery, statisticView } from './balance.contract';
import { cityComparison, countyAssessment, raiseAssessmentProblems, whatIfAssessment, yearWords } from './balance.assessment';
import { reportPdf, reportWorkbook } from './balance.report';
import { ruleSetDetail, saveRuleSet } from './balance.rulesets';
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

  app.get('/api/balance/assessment', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '县域均衡发展评估 A county\'s assessment', querystring: assessmentQuery, response: { 200: assessmentReport } },
  }, async (request) => countyAssessment(db, request.actor!, request.ctx.locale, request.query));

  app.post('/api/balance/assessment/what-if', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '假设调整后重新评估（不保存）What-if: assess with changed figures, nothing saved', body: whatIfBody, response: { 200: assessmentReport } },
  }, async (request) => whatIfAssessment(db, request.actor!, request.ctx.locale, request.body));

  app.get('/api/balance/assessment/export', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '导出县域评估报告 Export the county report (.xlsx or PDF)', querystring: assessmentExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    const report = await countyAssessment(db, request.actor!, locale, request.query);
    const base = locale === 'en' ? `${report.region.name} ${yearWords(report.schoolYear, locale).trim()} ${report.standard.name}` : `${report.region.name}${yearWords(report.schoolYear, locale)}${report.standard.name}评估`;
    if (request.query.format === 'pdf') {
      const pdf = await reportPdf(platform.config.chromiumPath, report, locale);
      return sendPdf(reply, 'attachment', `${base}.pdf`, pdf);
    }
    return sendXlsx(reply, `${base}.xlsx`, await reportWorkbook(report, locale));
  });

  app.post('/api/balance/assessment/problems', {
    config: { permission: 'balance.write' },
    schema: { tags, summary: '未达标项转为问题 Failing items into the problem register', body: assessmentProblemsBody, response: { 200: assessmentProblemsResult } },
  }, async (request) => raiseAssessmentProblems(platform, request.ctx, request.body));

  app.get('/api/balance/comparison', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '各县对比与趋势 Counties side by side over school years', querystring: comparisonQuery, response: { 200: comparisonView } },
  }, async (request) => cityComparison(db, request.actor!, request.query));

  app.get('/api/balance/rules', {
    config: { permission: 'balance.read' },
    schema: { tags, summary: '均衡发展评估规则（本省取值）The rule values a region\'s province uses', querystring: ruleSetQuery, response: { 200: ruleSetView } },
  }, async (request) => ruleSetDetail(db, request.actor!, request.query));

  app.put('/api/balance/rules', {
    config: { permission: 'balance.write' },
    schema: { tags, summary: '修改本省评估规则 Set the province\'s rule values', body: ruleSetBody, response: { 200: ruleSetView } },
  }, async (request) => saveRuleSet(platform, request.ctx, request.body));
}
