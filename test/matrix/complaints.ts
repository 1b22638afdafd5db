import type { RegionsTable } from '../../server/platform/db/schema';
import { makeRegion } from '../factories';
import { makeComplaint } from '../complaints-factories';
import { ids, pick, unique, type MatrixArea, type Side } from './kit';

interface ComplaintsFixture {
  /** A complaint held by county A's office and one by county B's, for the reads. */
  held: { a: string; b: string };
  /** A zone with its own office inside each county, where a transfer may go. */
  zone: { a: RegionsTable; b: RegionsTable };
}

const publicRoute = (url: string, body?: unknown) => ({ kind: 'global' as const, call: () => ({ url, body }) });

/** Public complaints' routes in the authorization matrix: each office action on a fresh complaint in the status it needs. */
export const complaintsMatrix: MatrixArea<ComplaintsFixture> = {
  build: async (base) => ({
    held: { a: (await makeComplaint(base.world, { region: base.countyA })).id, b: (await makeComplaint(base.world, { region: base.countyB })).id },
    zone: { a: await makeRegion(base.world, { parent: base.countyA, level: 'zone' }), b: await makeRegion(base.world, { parent: base.countyB, level: 'zone' }) },
  }),
  specs: (f, base) => {
    const county = (s: Side) => pick(s, base.countyA, base.countyB);
    const fresh = async (s: Side, status = 'received') => (await makeComplaint(base.world, { region: county(s), status })).id;
    const action = (path: string, status: string, body: (s: Side) => unknown | Promise<unknown>) => ({
      kind: 'row' as const, call: async (s: Side) => ({ url: `/api/complaints/${await fresh(s, status)}/${path}`, body: await body(s) }),
    });
    return {
      'GET /api/public/challenge': publicRoute('/api/public/challenge'),
      'GET /api/public/complaints/categories': publicRoute('/api/public/complaints/categories'),
      'GET /api/public/complaints/units': publicRoute('/api/public/complaints/units?q=矩阵'),
      'GET /api/public/complaints/offices': publicRoute('/api/public/complaints/offices?q=矩阵'),
      'POST /api/public/complaints': publicRoute('/api/public/complaints', {}),
      'POST /api/public/complaints/lookup': publicRoute('/api/public/complaints/lookup', { trackingCode: 'x' }),
      'POST /api/public/complaints/information': publicRoute('/api/public/complaints/information', { trackingCode: 'x', text: 'x' }),
      'POST /api/public/complaints/satisfaction': publicRoute('/api/public/complaints/satisfaction', { trackingCode: 'x', satisfaction: 'satisfied' }),
      'POST /api/public/complaints/attachments': publicRoute('/api/public/complaints/attachments'),
      'GET /api/complaints': {
        kind: 'list', call: () => ({ url: '/api/complaints?pageSize=200' }), contains: (r, s) => ids(r).includes(pick(s, f.held.a, f.held.b)),
      },
      'GET /api/complaints/:id': { kind: 'row', call: (s) => ({ url: `/api/complaints/${pick(s, f.held.a, f.held.b)}` }) },
      'GET /api/complaints/:id/identity': { kind: 'row', call: (s) => ({ url: `/api/complaints/${pick(s, f.held.a, f.held.b)}/identity` }) },
      'POST /api/complaints/:id/accept': action('accept', 'received', () => ({})),
      'POST /api/complaints/:id/reject': action('reject', 'received', () => ({ reply: '不属于督导职责' })),
      'POST /api/complaints/:id/not-ours': action('not-ours', 'received', () => ({ reply: '请向市场监管部门反映' })),
      'POST /api/complaints/:id/transfer': action('transfer', 'received', (s) => ({ regionId: pick(s, f.zone.a, f.zone.b).id })),
      'POST /api/complaints/:id/merge': action('merge', 'received', async (s) => ({ intoId: await fresh(s, 'accepted') })),
      'POST /api/complaints/:id/reply': action('reply', 'accepted', () => ({ reply: '正在核查' })),
      'POST /api/complaints/:id/extend': action('extend', 'accepted', () => ({ days: 2, reason: '需现场核查' })),
      'POST /api/complaints/:id/triage': action('triage', 'accepted', () => ({ problems: [{ area: 'conduct', description: '矩阵举报问题' }] })),
      'POST /api/complaints/:id/close': action('close', 'accepted', () => ({ reply: '已处理' })),
      'POST /api/complaints/:id/satisfaction': action('satisfaction', 'closed', () => ({ satisfaction: 'satisfied' })),
      'GET /api/complaint-categories': { kind: 'global', call: () => ({ url: '/api/complaint-categories' }) },
      'POST /api/complaint-categories': { kind: 'global', call: () => ({ url: '/api/complaint-categories', body: { key: `m${unique()}`, nameZh: '矩阵类别', nameEn: 'Matrix' } }) },
      'GET /api/settings/complaints': { kind: 'self', call: () => ({ url: '/api/settings/complaints' }) },
      'PUT /api/settings/complaints': { kind: 'global', call: () => ({ url: '/api/settings/complaints', body: { acknowledgeWorkingDays: 3, handleWorkingDays: 15 } }) },
      'PUT /api/complaint-categories/:key': { kind: 'global', call: () => ({ url: '/api/complaint-categories/other', body: { sort: 8 } }) },
    };
  },
};
