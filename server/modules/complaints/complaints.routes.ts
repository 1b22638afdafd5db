import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { AppError } from '../../platform/errors';
import { storeUpload, type StoredUpload } from '../../platform/files';
import { idParams, pageOf, type App } from '../../platform/http';
import { receiveParts } from '../../platform/uploads';
import {
  type ComplaintDetail, acceptBody, answerBody, attachedView, categoryCreateBody, categoryParams, categoryUpdateBody, categoryView, challengeView, complaintDetail, complaintListQuery,
  complaintView, extendBody, fileComplaintBody, filedView, identityView, informationBody, mergeBody, publicCategory, publicPlace, publicPlaceQuery,
  publicSatisfactionBody, publicStatusView, replyBody, staffSatisfactionBody, trackingCodeBody, transferBody, triageBody,
} from './complaints.contract';
import {
  accept, addInformation, attachFiles, close, complaintDetail as detail, complaintIdentity, createCategory, extend, fileComplaint, listCategories, listComplaints,
  merge, notOurs, publicCategories, publicStatus, rateByCode, rateByStaff, readComplaintSettings, reject, reply, transfer, triage, updateCategory,
  complaintSettingsSchema, updateComplaintSettings,
} from './complaints.service';
import { newChallenge } from './complaints.secrets';
import { officesNamed, unitsNamed } from './complaints.repo';

const MAX_FILES = 5;

export function complaintsRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const { config } = platform;
  const tags = ['complaints'];

  /** A browser posting from another site is refused; a caller without an Origin (not a browser) cannot be a forged form. */
  async function sameOrigin(request: FastifyRequest) {
    const origin = request.headers.origin;
    if (!origin) return;
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    const published = config.publicUrl ? new URL(config.publicUrl).host : null;
    if (host === null || (host !== request.headers.host && host !== published)) throw new AppError('FORBIDDEN', 'COMPLAINT_ORIGIN');
  }

  const filing = { public: true, rateLimit: { max: config.complaintFilingRateLimit, timeWindow: '1 hour' } } as const;
  // Look-ups by code are slowed harder: a guesser gets a handful of tries per address every ten minutes.
  const byCode = { public: true, rateLimit: { max: config.complaintLookupRateLimit, timeWindow: '10 minutes' } } as const;
  const browsing = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } } as const;

  // ---------- the public desk ----------

  app.get('/api/public/challenge', {
    config: browsing,
    schema: { tags, summary: '举报表单的工作量证明题 Proof-of-work challenge', response: { 200: challengeView } },
  }, async () => newChallenge(config.complaintKey, config.complaintPowBits, platform.clock.now()));

  app.get('/api/public/complaints/categories', {
    config: browsing,
    schema: { tags, summary: '举报类别 Complaint categories', response: { 200: z.array(publicCategory) } },
  }, async (request) => publicCategories(db, request.ctx.locale));

  app.get('/api/public/complaints/units', {
    config: browsing,
    schema: { tags, summary: '按名称查找单位 Units by name', querystring: publicPlaceQuery, response: { 200: z.array(publicPlace) } },
  }, async (request) => unitsNamed(db, request.query.q));

  app.get('/api/public/complaints/offices', {
    config: browsing,
    schema: { tags, summary: '按名称查找受理地区 Offices by region name', querystring: publicPlaceQuery, response: { 200: z.array(publicPlace) } },
  }, async (request) => officesNamed(db, request.query.q));

  app.post('/api/public/complaints', {
    config: filing, bodyLimit: 32 * 1024, onRequest: sameOrigin,
    schema: { tags, summary: '提交举报（需先解工作量证明题）File a complaint', body: fileComplaintBody, response: { 200: filedView } },
  }, async (request) => fileComplaint(platform, request.ctx, request.body));

  // The tracking code travels in the body, never in a URL: addresses end up in logs and browser history.
  app.post('/api/public/complaints/lookup', {
    config: byCode, bodyLimit: 4 * 1024, onRequest: sameOrigin,
    schema: { tags, summary: '凭查询码查看办理情况 Status by tracking code', body: trackingCodeBody, response: { 200: publicStatusView } },
  }, async (request) => publicStatus(platform, request.ctx.locale, request.body.trackingCode));

  app.post('/api/public/complaints/information', {
    config: byCode, bodyLimit: 16 * 1024, onRequest: sameOrigin,
    schema: { tags, summary: '凭查询码补充情况 Add information', body: informationBody, response: { 200: publicStatusView } },
  }, async (request) => addInformation(platform, request.ctx, request.body.trackingCode, request.body.text));

  app.post('/api/public/complaints/satisfaction', {
    config: byCode, bodyLimit: 4 * 1024, onRequest: sameOrigin,
    schema: { tags, summary: '凭查询码评价满意度 Satisfaction', body: publicSatisfactionBody, response: { 200: publicStatusView } },
  }, async (request) => rateByCode(platform, request.ctx, request.body.trackingCode, request.body));

  app.post('/api/public/complaints/attachments', {
    config: byCode, onRequest: sameOrigin,
    schema: { tags, summary: `凭查询码上传材料（字段 trackingCode，然后 1–${MAX_FILES} 个 file）Attach files`, consumes: ['multipart/form-data'], response: { 200: attachedView } },
  }, async (request) => {
    let trackingCode = '';
    const files: StoredUpload[] = [];
    let refused: unknown = null;
    try {
      for await (const part of receiveParts(request, { limits: { files: MAX_FILES, fields: 10 } })) {
        if (part.type === 'field') {
          if (part.fieldname === 'trackingCode') trackingCode = String(part.value);
        } else if (refused) part.file.resume();
        else {
          try {
            files.push(await storeUpload(platform.storage, config.fileMaxBytes, part.filename, part.file));
          } catch (error) {
            refused = error;
          }
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION', 'COMPLAINT_TOO_MANY_FILES', { max: MAX_FILES });
      throw error;
    }
    if (refused) throw refused;
    if (!files.length) throw new AppError('VALIDATION', 'FILE_MISSING');
    return attachFiles(platform, request.ctx, trackingCode, files);
  });

  // ---------- the office ----------

  app.get('/api/complaints', {
    config: { permission: 'complaints.read' },
    schema: { tags, summary: '举报受理台 Complaint inbox', querystring: complaintListQuery, response: { 200: pageOf(complaintView) } },
  }, async (request) => listComplaints(platform, request.actor!, request.ctx.locale, request.query));

  app.get('/api/complaints/:id', {
    config: { permission: 'complaints.read' },
    schema: { tags, summary: '举报详情（身份已遮挡）Complaint', params: idParams, response: { 200: complaintDetail } },
  }, async (request) => detail(platform, request.actor!, request.ctx.locale, request.params.id));

  app.get('/api/complaints/:id/identity', {
    config: { permission: 'complaints.identity' },
    schema: { tags, summary: '举报人完整身份（记入审计）Complainant identity, audited', params: idParams, response: { 200: identityView } },
  }, async (request) => complaintIdentity(platform, request.ctx, request.params.id));

  const action = <B extends z.ZodTypeAny>(path: string, summary: string, body: B, run: (id: string, input: z.infer<B>, request: FastifyRequest) => Promise<ComplaintDetail>) => {
    app.post(`/api/complaints/:id/${path}`, {
      config: { permission: 'complaints.write' },
      schema: { tags, summary, params: idParams, body, response: { 200: complaintDetail } },
    }, async (request) => run(request.params.id, request.body as z.infer<B>, request));
  };
  action('accept', '受理 Accept', acceptBody, (id, input, r) => accept(platform, r.ctx, id, input));
  action('reject', '不予受理（理由告知举报人）Reject', answerBody, (id, input, r) => reject(platform, r.ctx, id, input));
  action('not-ours', '非本部门职责 Not ours', answerBody, (id, input, r) => notOurs(platform, r.ctx, id, input));
  action('transfer', '转交下级督导部门 Transfer', transferBody, (id, input, r) => transfer(platform, r.ctx, id, input));
  action('merge', '合并到另一件举报 Merge', mergeBody, (id, input, r) => merge(platform, r.ctx, id, input));
  action('reply', '答复或内部备注 Reply or note', replyBody, (id, input, r) => reply(platform, r.ctx, id, input));
  action('extend', '延期（须说明理由）Extend', extendBody, (id, input, r) => extend(platform, r.ctx, id, input));
  action('triage', '分办为问题 Triage into problems', triageBody, (id, input, r) => triage(platform, r.ctx, id, input));
  action('close', '办结（须答复举报人）Close', answerBody, (id, input, r) => close(platform, r.ctx, id, input));
  action('satisfaction', '回访满意度 Follow-up satisfaction', staffSatisfactionBody, (id, input, r) => rateByStaff(platform, r.ctx, id, input));

  app.get('/api/complaint-categories', {
    config: { permission: 'complaints.read' },
    schema: { tags, summary: '举报类别 Categories', response: { 200: z.array(categoryView) } },
  }, async () => listCategories(db));

  app.post('/api/complaint-categories', {
    config: { permission: 'complaints.write' },
    schema: { tags, summary: '新增举报类别 Add a category', body: categoryCreateBody, response: { 200: categoryView } },
  }, async (request) => createCategory(platform, request.ctx, request.body));

  app.put('/api/complaint-categories/:key', {
    config: { permission: 'complaints.write' },
    schema: { tags, summary: '修改举报类别 Update a category', params: categoryParams, body: categoryUpdateBody, response: { 200: categoryView } },
  }, async (request) => updateCategory(platform, request.ctx, request.params.key, request.body));

  app.get('/api/settings/complaints', {
    config: { signedIn: true },
    schema: { tags, summary: '举报办理时限（工作日）Complaint deadlines', response: { 200: complaintSettingsSchema } },
  }, async () => readComplaintSettings(db));

  app.put('/api/settings/complaints', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '修改举报办理时限 Update complaint deadlines', body: complaintSettingsSchema, response: { 200: complaintSettingsSchema } },
  }, async (request) => updateComplaintSettings(platform, request.ctx, request.body));
}
