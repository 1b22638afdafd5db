import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { contentDisposition, idParams, pageOf, sendStoredFile, sendPdf, type App } from '../../platform/http';
import {
  acknowledgeBody, approveBody, attachmentParams, attachmentView, inboxQuery, inboxView, noticeCreateBody, noticeDetail as noticeDetailView,
  noticeListQuery, noticeTypeCreateBody, noticeTypeParams, noticeTypeUpdateBody, noticeTypeView, noticeUpdateBody, noticeView, numberPatternBody,
  numberPatternView, replyBody, returnBody, withdrawBody,
} from './notices.schemas';
import {
  acknowledgeNotice, addAttachment, approveNotice, attachmentFile, closeNotice, createNotice, issueNotice, listInbox, listNotices, noticeDetail,
  removeAttachment, replyToNotice, returnNotice, submitNotice, updateNotice, withdrawNotice,
} from './notices.service';
import { createNoticeType, listNoticeTypes, listNumberPatterns, setNumberPattern, updateNoticeType } from './notices.settings';
import { noticeDocx, noticePdf } from './notices.document';
import { receiveFile } from '../../platform/uploads';

export function noticesRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['notices'];

  app.get('/api/notice-types', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '文书类型 Notice types (national and the office\'s own)', response: { 200: z.array(noticeTypeView) } },
  }, async (request) => listNoticeTypes(db, request.actor!, request.ctx.locale));

  app.post('/api/notice-types', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '新增文书类型 Add a type for the office', body: noticeTypeCreateBody, response: { 200: noticeTypeView } },
  }, async (request) => createNoticeType(platform, request.ctx, request.body));

  app.patch('/api/notice-types/:key', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '修改文书类型 Rename or deactivate an own type', params: noticeTypeParams, body: noticeTypeUpdateBody, response: { 200: noticeTypeView } },
  }, async (request) => updateNoticeType(platform, request.ctx, request.params.key, request.body));

  app.get('/api/notice-number-patterns', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '文号格式 Number patterns of the caller\'s office', response: { 200: z.array(numberPatternView) } },
  }, async (request) => listNumberPatterns(platform, request.actor!, request.ctx.locale));

  app.put('/api/notice-number-patterns', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '设置文号格式 Set a type\'s pattern ({year}, {n}); null restores the default', body: numberPatternBody, response: { 200: numberPatternView } },
  }, async (request) => setNumberPattern(platform, request.ctx, request.body));

  app.get('/api/notices', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '督办文书 Notices', querystring: noticeListQuery, response: { 200: pageOf(noticeView) } },
  }, async (request) => listNotices(db, request.actor!, request.ctx.locale, request.query));

  app.post('/api/notices', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '起草文书 Draft a notice', body: noticeCreateBody, response: { 200: noticeDetailView } },
  }, async (request) => createNotice(platform, request.ctx, request.body));

  app.get('/api/notices/:id', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '文书 Notice', params: idParams, response: { 200: noticeDetailView } },
  }, async (request) => noticeDetail(db, request.actor!, request.ctx.locale, request.params.id));

  app.patch('/api/notices/:id', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '修改草稿 Edit a draft (recipients and items are replaced when given)', params: idParams, body: noticeUpdateBody, response: { 200: noticeDetailView } },
  }, async (request) => updateNotice(platform, request.ctx, request.params.id, request.body));

  app.post('/api/notices/:id/submit', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '提交审核 Submit for approval', params: idParams, response: { 200: noticeDetailView } },
  }, async (request) => submitNotice(platform, request.ctx, request.params.id));

  app.post('/api/notices/:id/approve', {
    config: { permission: 'notices.approve' },
    schema: { tags, summary: '签发 Approve (not one\'s own draft)', params: idParams, body: approveBody, response: { 200: noticeDetailView } },
  }, async (request) => approveNotice(platform, request.ctx, request.params.id, request.body.note ?? null));

  app.post('/api/notices/:id/return', {
    config: { permission: 'notices.approve' },
    schema: { tags, summary: '退回修改 Return to draft with a note', params: idParams, body: returnBody, response: { 200: noticeDetailView } },
  }, async (request) => returnNotice(platform, request.ctx, request.params.id, request.body.note));

  app.post('/api/notices/:id/issue', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '印发 Issue: number it, open rectification items, notify recipients', params: idParams, response: { 200: noticeDetailView } },
  }, async (request) => issueNotice(platform, request.ctx, request.params.id));

  app.post('/api/notices/:id/close', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '办结 Close (every item signed off)', params: idParams, response: { 200: noticeDetailView } },
  }, async (request) => closeNotice(platform, request.ctx, request.params.id));

  app.post('/api/notices/:id/withdraw', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '撤回 Withdraw (the number is kept; open items are cancelled)', params: idParams, body: withdrawBody, response: { 200: noticeDetailView } },
  }, async (request) => withdrawNotice(platform, request.ctx, request.params.id, request.body.reason));

  app.post('/api/notices/:id/attachments', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '上传附件（草稿）Attach a file to a draft', params: idParams, consumes: ['multipart/form-data'], response: { 200: attachmentView } },
  }, async (request) => {
    const part = await receiveFile(request);
    return addAttachment(platform, request.ctx, request.params.id, part.filename, part.file);
  });

  app.get('/api/notices/:id/attachments/:fileId/content', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '附件 Attachment', params: attachmentParams },
  }, async (request, reply) => {
    const file = await attachmentFile(db, request.actor!, request.params.id, request.params.fileId);
    return sendStoredFile(reply, platform.storage, file);
  });

  app.delete('/api/notices/:id/attachments/:fileId', {
    config: { permission: 'notices.write' },
    schema: { tags, summary: '删除附件（草稿）Remove an attachment from a draft', params: attachmentParams },
  }, async (request, reply) => {
    await removeAttachment(platform, request.ctx, request.params.id, request.params.fileId);
    return reply.status(204).send();
  });

  app.get('/api/notices/:id/document.docx', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '公文 Word 版 The official document (GB/T 9704), DOCX', params: idParams },
  }, async (request, reply) => {
    const doc = await noticeDocx(platform, request.actor!, request.params.id);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition('attachment', `${doc.fileName}.docx`)).send(doc.content);
  });

  app.get('/api/notices/:id/document.pdf', {
    config: { permission: 'notices.read' },
    schema: { tags, summary: '公文 PDF 版 The official document (GB/T 9704), PDF', params: idParams },
  }, async (request, reply) => {
    const doc = await noticePdf(platform, request.actor!, request.params.id);
    return sendPdf(reply, 'inline', `${doc.fileName}.pdf`, doc.content);
  });

  app.get('/api/inbox', {
    config: { permission: 'notices.respond' },
    schema: { tags, summary: '收文 Notices addressed to the units the caller answers for', querystring: inboxQuery, response: { 200: pageOf(inboxView) } },
  }, async (request) => listInbox(db, request.actor!, request.ctx.locale, request.query));

  app.post('/api/notices/:id/acknowledge', {
    config: { permission: 'notices.respond' },
    schema: { tags, summary: '签收 Acknowledge (again: no change)', params: idParams, body: acknowledgeBody, response: { 200: inboxView } },
  }, async (request) => acknowledgeNotice(platform, request.ctx, request.params.id, request.body.unitId));

  app.post('/api/notices/:id/replies', {
    config: { permission: 'notices.respond' },
    schema: { tags, summary: '回复 Reply for an addressed main recipient', params: idParams, body: replyBody, response: { 200: inboxView } },
  }, async (request) => replyToNotice(platform, request.ctx, request.params.id, request.body));
}
