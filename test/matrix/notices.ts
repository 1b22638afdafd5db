import type { NoticeTypesTable, NoticesTable } from '../../server/platform/db/schema';
import type { NoticeStatus } from '../../server/modules/notices/notice-status';
import { makeAccount } from '../factories';
import { attachToNotice, makeNotice, makeNoticeType } from '../notices-factories';
import { ids, pick, unique, type MatrixArea, type MatrixBase, type Side } from './kit';

interface NoticesFixture {
  types: { a: NoticeTypesTable; b: NoticeTypesTable };
  /** Issued by each county to its unit, with an attachment each. */
  issued: { a: NoticesTable; b: NoticesTable };
  files: { a: string; b: string };
  drafts: { a: NoticesTable; b: NoticesTable };
  /** Issued by the city to each county's unit: county A's office answers for unit A, not for unit B. */
  fromCity: { a: NoticesTable; b: NoticesTable };
  /** A notice of a county in a given state, drafted by someone other than the roles under test. */
  fresh(side: Side, status: NoticeStatus): Promise<NoticesTable>;
  freshFromCity(side: Side): Promise<NoticesTable>;
}

/**
 * The notices routes in the authorization matrix. Rows of county A are drafted by another office account of
 * county A, so every role holding notices.approve may approve them (nobody approves their own draft); the
 * recipients' rows come from the city, so county A's office answers for unit A as the unit account does.
 */
export const noticesMatrix: MatrixArea<NoticesFixture> = {
  build: async (base: MatrixBase) => {
    const { world, city, countyA, countyB, unitA, unitB } = base;
    const drafterA = (await makeAccount(world, { region: countyA })).id;
    const drafterB = (await makeAccount(world, { region: countyB })).id;
    const cityDrafter = (await makeAccount(world, { region: city })).id;
    const office = (s: Side) => pick(s, countyA, countyB);
    const unit = (s: Side) => pick(s, unitA, unitB);
    const fresh = (s: Side, status: NoticeStatus) => makeNotice(world, office(s), {
      draftedBy: pick(s, drafterA, drafterB), status, title: `矩阵通知${unique()}`, recipients: [{ unit: unit(s) }], items: [{ deadline: '2026-12-31' }],
    });
    const freshFromCity = (s: Side) => makeNotice(world, city, { draftedBy: cityDrafter, status: 'issued', title: `矩阵市级通知${unique()}`, recipients: [{ unit: unit(s) }] });
    const issued = { a: await fresh('inside', 'issued'), b: await fresh('outside', 'issued') };
    return {
      types: { a: await makeNoticeType(world, countyA), b: await makeNoticeType(world, countyB) },
      issued,
      files: { a: await attachToNotice(world, issued.a), b: await attachToNotice(world, issued.b) },
      drafts: { a: await fresh('inside', 'draft'), b: await fresh('outside', 'draft') },
      fromCity: { a: await freshFromCity('inside'), b: await freshFromCity('outside') },
      fresh,
      freshFromCity,
    };
  },

  specs: (f, base) => {
    const type = (s: Side) => pick(s, f.types.a, f.types.b);
    const issued = (s: Side) => pick(s, f.issued.a, f.issued.b);
    const unit = (s: Side) => pick(s, base.unitA, base.unitB);
    const at = async (s: Side, status: NoticeStatus, action: string, body: unknown = {}) => ({ url: `/api/notices/${(await f.fresh(s, status)).id}/${action}`, body });
    return {
      'GET /api/notice-types': {
        kind: 'list', call: () => ({ url: '/api/notice-types' }),
        // A unit account sees the national types only; another county's own type is nobody else's.
        contains: (r, s) => r.body.map((t: { key: string }) => t.key).includes(pick(s, 'supervision_notice', f.types.b.key)),
      },
      'POST /api/notice-types': { kind: 'global', call: () => ({ url: '/api/notice-types', body: { nameZh: `矩阵文种${unique()}`.slice(0, 20) } }) },
      'PATCH /api/notice-types/:key': { kind: 'row', call: (s) => ({ url: `/api/notice-types/${type(s).key}`, body: { nameZh: type(s).name_zh } }) },
      'GET /api/notice-number-patterns': {
        kind: 'list', call: () => ({ url: '/api/notice-number-patterns' }),
        contains: (r, s) => r.body.some((p: { typeKey: string }) => p.typeKey === type(s).key),
      },
      'PUT /api/notice-number-patterns': { kind: 'create', call: (s) => ({ url: '/api/notice-number-patterns', body: { typeKey: type(s).key, pattern: `矩阵${unique()}〔{year}〕{n}号` } }) },

      'GET /api/notices': {
        kind: 'list', call: (s) => ({ url: `/api/notices?q=${encodeURIComponent(issued(s).title)}` }), contains: (r, s) => ids(r).includes(issued(s).id),
      },
      'POST /api/notices': {
        kind: 'create',
        call: (s) => ({
          url: '/api/notices',
          body: {
            ...(s === 'outside' ? { regionId: base.countyB.id } : {}), typeKey: 'supervision_notice', title: '矩阵通知', body: '矩阵正文',
            recipients: [{ unitId: unit(s).id, kind: 'main' }], items: [{ demand: '矩阵事项', deadline: '2026-12-31' }],
          },
        }),
      },
      'GET /api/notices/:id': { kind: 'row', call: (s) => ({ url: `/api/notices/${issued(s).id}` }) },
      'PATCH /api/notices/:id': { kind: 'row', call: (s) => ({ url: `/api/notices/${pick(s, f.drafts.a, f.drafts.b).id}`, body: { title: pick(s, f.drafts.a, f.drafts.b).title } }) },
      'POST /api/notices/:id/submit': { kind: 'row', call: (s) => at(s, 'draft', 'submit') },
      'POST /api/notices/:id/approve': { kind: 'row', call: (s) => at(s, 'submitted', 'approve') },
      'POST /api/notices/:id/return': { kind: 'row', call: (s) => at(s, 'submitted', 'return', { note: '矩阵退回' }) },
      'POST /api/notices/:id/issue': { kind: 'row', call: (s) => at(s, 'approved', 'issue') },
      'POST /api/notices/:id/close': { kind: 'row', call: (s) => at(s, 'issued', 'close') },
      'POST /api/notices/:id/withdraw': { kind: 'row', call: (s) => at(s, 'issued', 'withdraw', { reason: '矩阵撤回' }) },
      'POST /api/notices/:id/attachments': {
        kind: 'row', call: (s) => ({ url: `/api/notices/${pick(s, f.drafts.a, f.drafts.b).id}/attachments`, upload: { file: { name: 'a.txt', content: Buffer.from('附件') } } }),
      },
      'GET /api/notices/:id/attachments/:fileId/content': { kind: 'row', call: (s) => ({ url: `/api/notices/${issued(s).id}/attachments/${pick(s, f.files.a, f.files.b)}/content` }) },
      'DELETE /api/notices/:id/attachments/:fileId': {
        kind: 'row',
        call: async (s) => {
          const n = await f.fresh(s, 'draft');
          return { url: `/api/notices/${n.id}/attachments/${await attachToNotice(base.world, n)}` };
        },
      },
      'GET /api/notices/:id/document.docx': { kind: 'row', call: (s) => ({ url: `/api/notices/${issued(s).id}/document.docx` }) },
      'GET /api/notices/:id/document.pdf': { kind: 'row', call: (s) => ({ url: `/api/notices/${issued(s).id}/document.pdf` }) },

      'GET /api/inbox': {
        kind: 'list', call: () => ({ url: '/api/inbox?pageSize=200' }),
        contains: (r, s) => r.body.items.some((i: { notice: { id: string } }) => i.notice.id === pick(s, f.fromCity.a, f.fromCity.b).id),
      },
      'POST /api/notices/:id/acknowledge': { kind: 'row', call: async (s) => ({ url: `/api/notices/${(await f.freshFromCity(s)).id}/acknowledge`, body: { unitId: unit(s).id } }) },
      'POST /api/notices/:id/replies': { kind: 'row', call: (s) => ({ url: `/api/notices/${pick(s, f.fromCity.a, f.fromCity.b).id}/replies`, body: { unitId: unit(s).id, body: '矩阵回复' } }) },
    };
  },
};
