import type { Platform } from '../../platform/platform';
import { pageOf, type App } from '../../platform/http';
import { readResponsibleSettings, responsibleSettingsSchema } from './responsible-settings';
import { streamWorkbook } from '../../platform/xlsx';
import { allPages, columnsOf } from '../inspectors/people';
import {
  assignBody, assignmentQuery, assignmentView, assignResult, behindQuery, behindView, loadPage, loadQuery, routineItems, unassignedQuery, unassignedView, visitBody, visitQuery, visitView,
} from './responsible.schemas';
import { assignResponsible, inspectorLoads, inspectorsBehind, listAssignments, listVisits, recordVisit, unassignedSchools, updateResponsibleSettings } from './responsible.service';

export function responsibleRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['responsible inspectors'];

  app.get('/api/responsible/assignments', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '责任督学挂牌 Current assignments', querystring: assignmentQuery, response: { 200: pageOf(assignmentView) } },
  }, async (request) => listAssignments(db, request.actor!, request.query));

  app.post('/api/responsible/assignments', {
    config: { permission: 'inspectors.write' },
    schema: { tags, summary: '批量指定责任督学 Assign in bulk', body: assignBody, response: { 200: assignResult } },
  }, async (request) => assignResponsible(platform, request.ctx, request.body));

  app.get('/api/responsible/inspectors', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '责任督学负责学校数 Schools per responsible inspector', querystring: loadQuery, response: { 200: loadPage } },
  }, async (request) => inspectorLoads(db, request.actor!, request.query));

  app.get('/api/settings/responsible', {
    config: { signedIn: true },
    schema: { tags, summary: '责任督学配备标准 Staffing guideline', response: { 200: responsibleSettingsSchema } },
  }, async () => readResponsibleSettings(db));

  // Deployment-wide, like the deadline settings: tuned by the administrator who keeps the dictionaries.
  app.put('/api/settings/responsible', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '修改责任督学配备标准 Update the staffing guideline', body: responsibleSettingsSchema, response: { 200: responsibleSettingsSchema } },
  }, async (request) => updateResponsibleSettings(platform, request.ctx, request.body));

  app.get('/api/responsible/unassigned', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '未配备责任督学的学校 Schools without one', querystring: unassignedQuery, response: { 200: pageOf(unassignedView) } },
  }, async (request) => unassignedSchools(db, request.actor!, request.query));

  app.get('/api/responsible/behind', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '当月督导未达标的责任督学 Inspectors behind on visits', querystring: behindQuery, response: { 200: pageOf(behindView) } },
  }, async (request) => inspectorsBehind(db, request.actor!, request.query));

  app.get('/api/responsible/visits', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '经常性督导记录 Visit log', querystring: visitQuery, response: { 200: pageOf(visitView) } },
  }, async (request) => listVisits(db, request.actor!, request.query));

  app.post('/api/responsible/visits', {
    config: { permission: 'responsible.visit' },
    schema: { tags, summary: '填写督导记录 Record a visit', body: visitBody, response: { 200: visitView } },
  }, async (request) => recordVisit(platform, request.ctx, request.body));

  app.get('/api/responsible/assignments/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出挂牌学校 Export assignments', querystring: assignmentQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'responsible.export', entityType: 'unit', detail: { list: 'assignments', filters: request.query } });
    const columns = columnsOf(locale, [['school', '学校', 'School', 30], ['region', '所属区划', 'Region'], ['inspector', '责任督学', 'Responsible inspector', 14], ['startDate', '起始日期', 'From', 12], ['lastVisit', '最近督导', 'Last visit', 12]]);
    const rows = allPages((page, pageSize) => listAssignments(db, request.actor!, { ...request.query, page, pageSize }), (a) => ({
      school: a.unit.name, region: a.unit.regionName, inspector: a.inspector.name, startDate: a.startDate, lastVisit: a.lastVisit,
    }));
    return streamWorkbook(reply, locale === 'en' ? 'responsible-inspectors.xlsx' : '责任督学挂牌学校.xlsx', locale === 'en' ? 'Assignments' : '挂牌学校', columns, rows);
  });

  app.get('/api/responsible/unassigned/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出未配备责任督学的学校 Export schools without one', querystring: unassignedQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'responsible.export', entityType: 'unit', detail: { list: 'unassigned', filters: request.query } });
    const columns = columnsOf(locale, [['school', '学校', 'School', 30], ['region', '所属区划', 'Region']]);
    const rows = allPages((page, pageSize) => unassignedSchools(db, request.actor!, { ...request.query, page, pageSize }), (u) => ({ school: u.name, region: u.regionName }));
    return streamWorkbook(reply, locale === 'en' ? 'schools-without-inspector.xlsx' : '未配备责任督学的学校.xlsx', locale === 'en' ? 'Unassigned' : '未配备', columns, rows);
  });

  app.get('/api/responsible/behind/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出督导未达标名单 Export inspectors behind', querystring: behindQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'responsible.export', entityType: 'unit', detail: { list: 'behind', filters: request.query } });
    const columns = columnsOf(locale, [['inspector', '责任督学', 'Responsible inspector', 14], ['schools', '负责学校', 'Schools', 10], ['visited', '本月已督导', 'Visited', 10], ['notVisited', '本月未督导的学校', 'Not visited', 60]]);
    const rows = allPages((page, pageSize) => inspectorsBehind(db, request.actor!, { ...request.query, page, pageSize }), (b) => ({
      inspector: b.inspector.name, schools: b.schools, visited: b.visited, notVisited: b.notVisited.map((u) => u.name).join('、'),
    }));
    return streamWorkbook(reply, locale === 'en' ? `behind-${request.query.month}.xlsx` : `督导未达标-${request.query.month}.xlsx`, locale === 'en' ? 'Behind' : '未达标', columns, rows);
  });

  app.get('/api/responsible/visits/export', {
    config: { permission: 'inspectors.read' },
    schema: { tags, summary: '导出督导记录 Export the visit log', querystring: visitQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'responsible.export', entityType: 'unit', detail: { list: 'visits', filters: request.query } });
    const itemLabels: Record<(typeof routineItems)[number], string> = {
      school_affairs: '校务管理和制度执行', admissions_fees: '招生、收费、择校', curriculum: '课程开设和课堂教学', student_load: '学生学习、体育锻炼和课业负担',
      teacher_ethics: '教师师德和专业发展', safety: '校园及周边安全、交通安全', canteen_hygiene: '食堂、食品、饮水及宿舍卫生', ethos: '校风、教风、学风建设',
    };
    const columns = columnsOf(locale, [['date', '日期', 'Date', 12], ['school', '学校', 'School', 30], ['inspector', '责任督学', 'Inspector', 12], ['items', '督导事项', 'Items', 50], ['findings', '发现的问题', 'Findings', 40], ['feedback', '当场反馈', 'Feedback', 10]]);
    const rows = allPages((page, pageSize) => listVisits(db, request.actor!, { ...request.query, page, pageSize }), (v) => ({
      date: v.date, school: v.unit.name, inspector: v.inspector.name, items: locale === 'en' ? v.items.join(', ') : v.items.map((i) => itemLabels[i]).join('、'),
      findings: v.findings, feedback: v.feedbackGiven ? (locale === 'en' ? 'yes' : '是') : (locale === 'en' ? 'no' : '否'),
    }));
    return streamWorkbook(reply, locale === 'en' ? 'visits.xlsx' : '经常性督导记录.xlsx', locale === 'en' ? 'Visits' : '督导记录', columns, rows);
  });
}
