import type { Platform } from '../../platform/platform';
import { deadlineDay } from './rectification-settings';
import { storeUpload, type StoredUpload } from '../../platform/files';
import { idParams, pageOf, sendStoredFile, type App } from '../../platform/http';
import { AppError } from '../../platform/errors';
import { streamWorkbook } from '../../platform/xlsx';
import {
  decideExtensionBody, evidenceParams, extensionBody, extensionParams, openForProblemBody, planBody, problemRectificationsView, rectificationDetail,
  rectificationExportQuery, rectificationListQuery, rectificationView, reopenBody, sendBackBody, signOffBody, submitBody, verifyBody,
} from './rectification.schemas';
import {
  assertCanAct, decideExtension, evidenceFile, itemDetail, listItems, openForProblem, plan, problemRectifications, progressInput,
  reopen, reportProgress, requestExtension, sendBack, signOff, submit, verify,
} from './rectification.service';
import { ledgerColumns, ledgerRows } from './rectification.sheet';
import { receiveParts } from '../../platform/uploads';

/** Files one progress report may carry. */
const MAX_REPORT_FILES = 10;

export function rectificationRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['rectification'];

  app.get('/api/rectifications', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '整改台账 Rectification ledger', querystring: rectificationListQuery, response: { 200: pageOf(rectificationView) } },
  }, async (request) => listItems(platform, request.actor!, request.query));

  app.get('/api/rectifications/export', {
    config: { permission: 'rectification.export' },
    schema: { tags, summary: '导出整改台账 Export the ledger (.xlsx, the list\'s filters)', querystring: rectificationExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'rectification.export', entityType: 'rectification', detail: { filters: request.query } });
    const day = await deadlineDay(platform);
    return streamWorkbook(reply, locale === 'en' ? 'rectification-ledger.xlsx' : '整改台账.xlsx', locale === 'en' ? 'Ledger' : '整改台账',
      ledgerColumns(locale), ledgerRows(db, request.actor!, request.query, day, locale));
  });

  app.get('/api/rectifications/:id', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '整改事项 Rectification item', params: idParams, response: { 200: rectificationDetail } },
  }, async (request) => itemDetail(db, request.actor!, request.params.id, await deadlineDay(platform)));

  app.get('/api/rectifications/:id/evidence/:fileId/content', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '整改佐证材料 Evidence file', params: evidenceParams },
  }, async (request, reply) => {
    const file = await evidenceFile(db, request.actor!, request.params.id, request.params.fileId);
    return sendStoredFile(reply, platform.storage, file, { cacheable: true });
  });

  app.post('/api/rectifications/:id/plan', {
    config: { permission: 'rectification.report' },
    schema: { tags, summary: '制定整改方案 Plan', params: idParams, body: planBody, response: { 200: rectificationDetail } },
  }, async (request) => plan(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/reports', {
    config: { permission: 'rectification.report' },
    schema: {
      tags, summary: '报告整改进展（字段 text、percent，然后 0–10 个 file）Progress report with evidence', params: idParams,
      consumes: ['multipart/form-data'], response: { 200: rectificationDetail },
    },
  }, async (request) => {
    const { id } = request.params;
    // Refuse before any file is stored.
    await assertCanAct(db, request.actor!, id, 'progress', request.ctx.locale);
    const fields: Record<string, string> = {};
    const files: StoredUpload[] = [];
    let refused: unknown = null;
    try {
      for await (const part of receiveParts(request, { limits: { files: MAX_REPORT_FILES, fields: 10 } })) {
        if (part.type === 'field') fields[part.fieldname] = String(part.value);
        else if (refused) part.file.resume();
        else {
          try {
            files.push(await storeUpload(platform.storage, platform.config.fileMaxBytes, part.filename, part.file));
          } catch (error) {
            refused = error;
          }
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION', 'RECTIFICATION_TOO_MANY_FILES', { max: MAX_REPORT_FILES });
      throw error;
    }
    if (refused) throw refused;
    return reportProgress(platform, request.ctx, id, progressInput(fields), files);
  });

  app.post('/api/rectifications/:id/submit', {
    config: { permission: 'rectification.report' },
    schema: { tags, summary: '提交整改结果（须已有佐证）Submit with evidence', params: idParams, body: submitBody, response: { 200: rectificationDetail } },
  }, async (request) => submit(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/extensions', {
    config: { permission: 'rectification.report' },
    schema: { tags, summary: '申请延期 Request an extension', params: idParams, body: extensionBody, response: { 200: rectificationDetail } },
  }, async (request) => requestExtension(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/send-back', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '退回重改（可评为差）Send back', params: idParams, body: sendBackBody, response: { 200: rectificationDetail } },
  }, async (request) => sendBack(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/verify', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '核验并评价 Verify and grade', params: idParams, body: verifyBody, response: { 200: rectificationDetail } },
  }, async (request) => verify(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/sign-off', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '销号 Sign off', params: idParams, body: signOffBody, response: { 200: rectificationDetail } },
  }, async (request) => signOff(platform, request.ctx, request.params.id, request.body));

  app.post('/api/rectifications/:id/extensions/:extensionId/decide', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '审批延期 Decide an extension', params: extensionParams, body: decideExtensionBody, response: { 200: rectificationDetail } },
  }, async (request) => decideExtension(platform, request.ctx, request.params.id, request.params.extensionId, request.body));

  app.post('/api/rectifications/:id/reopen', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '复查重开 Reopen after re-inspection', params: idParams, body: reopenBody, response: { 200: rectificationDetail } },
  }, async (request) => reopen(platform, request.ctx, request.params.id, request.body));

  app.get('/api/problems/:id/rectifications', {
    config: { permission: 'rectification.read' },
    schema: { tags, summary: '问题的整改事项 A problem\'s rectification items', params: idParams, response: { 200: problemRectificationsView } },
  }, async (request) => problemRectifications(platform, request.actor!, request.params.id));

  app.post('/api/problems/:id/rectification', {
    config: { permission: 'rectification.verify' },
    schema: { tags, summary: '交办整改 Put a problem under rectification', params: idParams, body: openForProblemBody, response: { 200: rectificationDetail } },
  }, async (request) => openForProblem(platform, request.ctx, request.params.id, request.body));
}
