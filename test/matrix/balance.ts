import type { SchoolStatisticsTable } from '../../server/platform/db/schema';
import { makeStatistic, statisticSheet } from '../balance-factories';
import { ids, pick, type MatrixArea, type Side } from './kit';

interface BalanceFixture {
  /** Unit A's and unit B's statistics of one year. */
  statistic: { a: SchoolStatisticsTable; b: SchoolStatisticsTable };
  year: number;
}

let importYear = 2040;

/** Balanced development's routes in the authorization matrix: a school's yearly statistics on each side. */
export const balanceMatrix: MatrixArea<BalanceFixture> = {
  build: async (base) => ({
    year: 2030,
    statistic: { a: await makeStatistic(base.world, base.unitA, 2030), b: await makeStatistic(base.world, base.unitB, 2030) },
  }),
  specs: (f, base) => {
    const statistic = (s: Side) => pick(s, f.statistic.a, f.statistic.b);
    const unit = (s: Side) => pick(s, base.unitA, base.unitB);
    return {
      'GET /api/school-statistics': {
        kind: 'list', call: () => ({ url: `/api/school-statistics?schoolYear=${f.year}&pageSize=200` }), contains: (r, s) => ids(r).includes(statistic(s).id),
      },
      'GET /api/school-statistics/template': { kind: 'global', call: () => ({ url: '/api/school-statistics/template' }) },
      // Each import a year of its own, so a school is never reported twice by the matrix's repeated calls.
      'POST /api/school-statistics/import': {
        kind: 'create',
        call: async (s) => ({ url: `/api/school-statistics/import?schoolYear=${++importYear}`, upload: { file: { name: '学年统计.xlsx', content: await statisticSheet([[unit(s).school_code, unit(s).name, 300, 20, 9000, 650000, null]]) } } }),
      },
      'GET /api/school-statistics/:id': { kind: 'row', call: (s) => ({ url: `/api/school-statistics/${statistic(s).id}` }) },
      'PUT /api/school-statistics/:id': { kind: 'row', call: (s) => ({ url: `/api/school-statistics/${statistic(s).id}`, body: { figures: { books: '9100' } } }) },
    };
  },
};
