import type { SchoolStatisticsTable } from '../../server/platform/db/schema';
import { makeStatistic, primaryFigures, statisticSheet } from '../balance-factories';
import { nationalValues } from '../../server/modules/balance/balance.rulesets';
import { ids, pick, type MatrixArea, type Side } from './kit';

interface BalanceFixture {
  /** Unit A's and unit B's statistics of one year. */
  statistic: { a: SchoolStatisticsTable; b: SchoolStatisticsTable };
  year: number;
  /** A year in which unit A and unit B each fail the per-school rule. */
  failingYear: number;
}

let importYear = 2040;

/** Balanced development's routes in the authorization matrix: a school's yearly statistics on each side. */
export const balanceMatrix: MatrixArea<BalanceFixture> = {
  build: async (base) => {
    for (const unit of [base.unitA, base.unitB]) await makeStatistic(base.world, unit, 2031, primaryFigures({ backbonePrimary: '1' }));
    return {
      year: 2030,
      failingYear: 2031,
      statistic: { a: await makeStatistic(base.world, base.unitA, 2030), b: await makeStatistic(base.world, base.unitB, 2030) },
    };
  },
  specs: (f, base) => {
    const statistic = (s: Side) => pick(s, f.statistic.a, f.statistic.b);
    const unit = (s: Side) => pick(s, base.unitA, base.unitB);
    const county = (s: Side) => pick(s, base.countyA, base.countyB);
    const assessment = (s: Side, year = f.year) => `regionId=${county(s).id}&schoolYear=${year}`;
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
      // An assessment is keyed by a county: one outside the scope is refused as an unknown region, like a create's place.
      'GET /api/balance/assessment': { kind: 'create', call: (s) => ({ url: `/api/balance/assessment?${assessment(s)}` }) },
      'GET /api/balance/assessment/export': { kind: 'create', call: (s) => ({ url: `/api/balance/assessment/export?${assessment(s)}` }) },
      'POST /api/balance/assessment/what-if': {
        kind: 'create', call: (s) => ({ url: '/api/balance/assessment/what-if', body: { regionId: county(s).id, schoolYear: f.year, changes: { [unit(s).id]: { books: '100' } } } }),
      },
      'POST /api/balance/assessment/problems': {
        kind: 'create', call: (s) => ({ url: '/api/balance/assessment/problems', body: { regionId: county(s).id, schoolYear: f.failingYear, unitIds: [unit(s).id] } }),
      },
      'GET /api/balance/comparison': { kind: 'create', call: (s) => ({ url: `/api/balance/comparison?regionId=${county(s).id}` }) },
      'GET /api/balance/rules': { kind: 'create', call: (s) => ({ url: `/api/balance/rules?regionId=${county(s).id}&standard=basic2012` }) },
      // A county office never sets the rules it is judged by; the province's own office is tested in balance.assessment.test.ts.
      'PUT /api/balance/rules': {
        kind: 'create', aboveOnly: true,
        call: (s) => ({ url: '/api/balance/rules', body: { regionId: county(s).id, standard: 'basic2012', values: nationalValues.basic2012() } }),
      },
    };
  },
};
