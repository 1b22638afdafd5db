import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { streamWorkbook } from '../../platform/xlsx';
import { historyEvent, historyQuery, leaveBody, memberBody, memberExportQuery, memberListQuery, memberUpdateBody, memberView, representativePhoneView } from './committee.schemas';
import { addMember, committeeHistory, leaveCommittee, listMembers, memberExportBatches, memberExportColumns, revealRepresentativePhone, updateMember } from './committee.service';

export function committeeRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['committee'];

  app.get('/api/committee/members', {
    config: { permission: 'committee.read' },
    schema: { tags, summary: '督导委员会成员单位 Committee members', querystring: memberListQuery, response: { 200: pageOf(memberView) } },
  }, async (request) => listMembers(platform, request.actor!, request.query));

  app.get('/api/committee/members/export', {
    config: { permission: 'committee.read' },
    schema: { tags, summary: '导出 Export .xlsx', querystring: memberExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'committee.export', entityType: 'committee_member', detail: { filters: request.query } });
    return streamWorkbook(reply, locale === 'en' ? 'committee.xlsx' : '督导委员会成员单位.xlsx', locale === 'en' ? 'Committee' : '成员单位', memberExportColumns(locale), memberExportBatches(platform, request.actor!, request.query, locale));
  });

  app.get('/api/committee/history', {
    config: { permission: 'committee.read' },
    schema: { tags, summary: '成员变动 Joins and departures', querystring: historyQuery, response: { 200: z.array(historyEvent) } },
  }, async (request) => committeeHistory(db, request.actor!, request.query));

  app.post('/api/committee/members', {
    config: { permission: 'committee.write' },
    schema: { tags, summary: '新增成员单位 Add a member', body: memberBody, response: { 200: memberView } },
  }, async (request) => addMember(platform, request.ctx, request.body));

  app.patch('/api/committee/members/:id', {
    config: { permission: 'committee.write' },
    schema: { tags, summary: '修改职责或联络代表 Update role or representative', params: idParams, body: memberUpdateBody, response: { 200: memberView } },
  }, async (request) => updateMember(platform, request.ctx, request.params.id, request.body));

  app.post('/api/committee/members/:id/leave', {
    config: { permission: 'committee.write' },
    schema: { tags, summary: '退出委员会 Leave the committee', params: idParams, body: leaveBody, response: { 200: memberView } },
  }, async (request) => leaveCommittee(platform, request.ctx, request.params.id, request.body.leftOn));

  app.post('/api/committee/members/:id/personal', {
    config: { permission: 'personal.read_full' },
    schema: { tags, summary: '查看代表完整电话（记审计）Show the full phone (audited)', params: idParams, response: { 200: representativePhoneView } },
  }, async (request) => revealRepresentativePhone(platform, request.ctx, request.params.id));
}
