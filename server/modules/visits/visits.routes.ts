import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, sendStoredFile, sendPdf, type App } from '../../platform/http';
import { AppError } from '../../platform/errors';
import { targetParams } from '../tasks/tasks.schemas';
import {
  convertBody, evidenceParams, packetView, visitCreateBody, visitDetail as visitDetailView, visitDraftBody, visitEvidenceView, visitListQuery,
  visitRecommendationBody, visitView,
} from './visits.schemas';
import {
  addEvidence, addVisitRecommendation, convertToProblem, createVisit, evidenceFile, listVisits, removeEvidence, saveDraft, submitVisit,
  visitDetail, visitPacket,
} from './visits.service';
import { feedbackSheetPdf } from './visits.pdf';
import { receiveFile } from '../../platform/uploads';
import { chinaToday } from '../inspectors/people';

export function visitsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['visits'];

  app.get('/api/visits', {
    config: { permission: 'visits.read' },
    schema: { tags, summary: '实地督导记录 Visits', querystring: visitListQuery, response: { 200: pageOf(visitView) } },
  }, async (request) => listVisits(db, request.actor!, request.query));

  app.get('/api/visits/:id', {
    config: { permission: 'visits.read' },
    schema: { tags, summary: '实地督导 Visit', params: idParams, response: { 200: visitDetailView } },
  }, async (request) => visitDetail(db, request.actor!, request.params.id));

  app.post('/api/visits', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '开始记录（草稿）Start a visit (draft)', body: visitCreateBody, response: { 200: visitDetailView } },
  }, async (request) => createVisit(platform, request.ctx, request.body));

  app.put('/api/visits/:id', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '保存草稿 Save the draft', params: idParams, body: visitDraftBody, response: { 200: visitDetailView } },
  }, async (request) => saveDraft(platform, request.ctx, request.params.id, request.body));

  app.post('/api/visits/:id/submit', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '提交 Submit', params: idParams, response: { 200: visitDetailView } },
  }, async (request) => submitVisit(platform, request.ctx, request.params.id));

  app.post('/api/visits/:id/evidence', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '上传佐证（字段 clientKey、itemKey，然后 file）Upload evidence', params: idParams, consumes: ['multipart/form-data'], response: { 200: visitEvidenceView } },
  }, async (request) => {
    const part = await receiveFile(request);
    const field = (name: string) => {
      const f = part.fields[name];
      return f && !Array.isArray(f) && f.type === 'field' ? String(f.value).trim() : '';
    };
    const clientKey = field('clientKey');
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientKey)) {
      part.file.resume();
      throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: [{ field: 'clientKey', key: 'FIELD_REQUIRED' }] });
    }
    return addEvidence(platform, request.ctx, request.params.id, { clientKey, itemKey: field('itemKey') || null }, part.filename, part.file);
  });

  app.get('/api/visits/:id/evidence/:evidenceId/content', {
    config: { permission: 'visits.read' },
    schema: { tags, summary: '佐证文件 Evidence file', params: evidenceParams },
  }, async (request, reply) => {
    const e = await evidenceFile(db, request.actor!, request.params.id, request.params.evidenceId);
    return sendStoredFile(reply, platform.storage, e, { cacheable: true });
  });

  app.delete('/api/visits/:id/evidence/:evidenceId', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '删除佐证 Remove evidence', params: evidenceParams },
  }, async (request, reply) => {
    await removeEvidence(platform, request.ctx, request.params.id, request.params.evidenceId);
    return reply.status(204).send();
  });

  app.post('/api/visits/:id/problems', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '检查项转为问题 Turn a failing item into a problem', params: idParams, body: convertBody, response: { 200: z.object({ id: z.string(), recurringOfId: z.string().nullable() }) } },
  }, async (request) => convertToProblem(platform, request.ctx, request.params.id, request.body));

  app.post('/api/visits/:id/recommendations', {
    config: { permission: 'visits.record' },
    schema: { tags, summary: '提出工作建议 Add a recommendation', params: idParams, body: visitRecommendationBody, response: { 200: z.object({ id: z.string(), area: z.string(), content: z.string() }) } },
  }, async (request) => addVisitRecommendation(platform, request.ctx, request.params.id, request.body));

  app.get('/api/visits/:id/feedback.pdf', {
    config: { permission: 'visits.read' },
    schema: { tags, summary: '督导反馈单 PDF feedback sheet', params: idParams },
  }, async (request, reply) => {
    const pdf = await feedbackSheetPdf(platform, request.ctx, request.params.id);
    return sendPdf(reply, 'inline', '督导反馈单.pdf', pdf);
  });

  app.get('/api/tasks/:id/targets/:targetId/packet', {
    config: { permission: 'visits.read' },
    schema: { tags, summary: '督导对象资料包 Visit packet of a target', params: targetParams, response: { 200: packetView } },
  }, async (request) => visitPacket(db, request.actor!, request.ctx.locale, request.params.id, request.params.targetId, chinaToday(platform.clock.now())));
}
