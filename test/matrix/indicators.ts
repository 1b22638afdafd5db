import type { IndicatorFrameworksTable } from '../../server/platform/db/schema';
import { frameworkBody, frameworkSheet, makeFramework } from '../indicators-factories';
import { ids, pick, unique, type MatrixArea, type Side } from './kit';

interface IndicatorsFixture {
  /** A draft of county A's office (inside) and of county B's (outside). */
  draft: { a: IndicatorFrameworksTable; b: IndicatorFrameworksTable };
  sheet: Buffer;
}

/** The indicator framework routes in the authorization matrix: the county office's own frameworks on each side. */
export const indicatorsMatrix: MatrixArea<IndicatorsFixture> = {
  build: async (base) => ({
    draft: {
      a: await makeFramework(base.world, base.countyA, { title: `矩阵指标体系甲${unique()}` }),
      b: await makeFramework(base.world, base.countyB, { title: `矩阵指标体系乙${unique()}` }),
    },
    sheet: await frameworkSheet(),
  }),
  specs: (f, base) => {
    const draft = (s: Side) => pick(s, f.draft.a, f.draft.b);
    const county = (s: Side) => pick(s, base.countyA, base.countyB);
    const upload = { file: { name: '指标体系.xlsx', content: f.sheet } };
    return {
      'GET /api/indicator-frameworks': {
        kind: 'list', call: (s) => ({ url: `/api/indicator-frameworks?q=${encodeURIComponent(draft(s).title)}` }), contains: (r, s) => ids(r).includes(draft(s).id),
      },
      'GET /api/indicator-frameworks/:id': { kind: 'row', call: (s) => ({ url: `/api/indicator-frameworks/${draft(s).id}` }) },
      'GET /api/indicator-frameworks/:id/export': { kind: 'row', call: (s) => ({ url: `/api/indicator-frameworks/${draft(s).id}/export` }) },
      'POST /api/indicator-frameworks': { kind: 'create', call: (s) => ({ url: '/api/indicator-frameworks', body: frameworkBody(county(s).id, `矩阵新建${unique()}`) }) },
      'POST /api/indicator-frameworks/import': {
        kind: 'create', call: (s) => ({ url: `/api/indicator-frameworks/import?regionId=${county(s).id}&title=${encodeURIComponent(`矩阵导入${unique()}`)}`, upload }),
      },
      'PUT /api/indicator-frameworks/:id': {
        kind: 'row', call: (s) => ({ url: `/api/indicator-frameworks/${draft(s).id}`, body: { ...frameworkBody(county(s).id, draft(s).title), regionId: undefined } }),
      },
      'POST /api/indicator-frameworks/:id/import': { kind: 'row', call: (s) => ({ url: `/api/indicator-frameworks/${draft(s).id}/import`, upload }) },
      'POST /api/indicator-frameworks/:id/publish': {
        kind: 'row', call: async (s) => ({ url: `/api/indicator-frameworks/${(await makeFramework(base.world, county(s))).id}/publish` }),
      },
      'POST /api/indicator-frameworks/:id/versions': {
        kind: 'row', call: async (s) => ({ url: `/api/indicator-frameworks/${(await makeFramework(base.world, county(s), { status: 'published' })).id}/versions` }),
      },
      // The office copies into its own county; the other county's draft is not found.
      'POST /api/indicator-frameworks/:id/copies': {
        kind: 'row', call: (s) => ({ url: `/api/indicator-frameworks/${draft(s).id}/copies`, body: { regionId: base.countyA.id, title: `矩阵复制${unique()}` } }),
      },
    };
  },
};
