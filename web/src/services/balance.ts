import type { AssessmentReport, BalanceStandard, BasicValues, ComparisonView, QualityValues, RuleSetView, StatisticView } from '../../../server/modules/balance/balance.contract';
import { api, request, withQuery, type Page, type PageQuery } from './client';

export type SchoolStatistic = StatisticView;
export type { AssessmentReport, BalanceStandard, BasicValues, ComparisonView, QualityValues };
export type RuleSet = RuleSetView;

export interface AssessmentQuery {
  regionId: string;
  schoolYear: number;
  standard: BalanceStandard;
}

const sheet = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return form;
};

export const balanceApi = {
  statistics: (query: { schoolYear: number; q?: string; regionId?: string } & PageQuery) => api.get<Page<SchoolStatistic>>('/api/school-statistics', { ...query }),
  correct: (id: string, figures: Record<string, string>) => api.put<SchoolStatistic>(`/api/school-statistics/${encodeURIComponent(id)}`, { figures }),
  importYear: (schoolYear: number, file: File) => request<{ imported: number; replaced: number }>('POST', `/api/school-statistics/import?schoolYear=${schoolYear}`, { body: sheet(file) }),
  templateUrl: '/api/school-statistics/template',
  assessment: (query: AssessmentQuery) => api.get<AssessmentReport>('/api/balance/assessment', { ...query }),
  whatIf: (query: AssessmentQuery, changes: Record<string, Record<string, string>>) => api.post<AssessmentReport>('/api/balance/assessment/what-if', { ...query, changes }),
  exportUrl: (query: AssessmentQuery, format: 'xlsx' | 'pdf') => withQuery('/api/balance/assessment/export', { ...query, format }),
  raiseProblems: (query: AssessmentQuery, input: { unitIds: string[]; county: boolean }) => api.post<{ created: number; skipped: number }>('/api/balance/assessment/problems', { ...query, ...input }),
  rules: (query: { regionId: string; standard: BalanceStandard }) => api.get<RuleSet>('/api/balance/rules', { ...query }),
  saveRules: (regionId: string, standard: BalanceStandard, values: QualityValues | BasicValues) => api.put<RuleSet>('/api/balance/rules', { regionId, standard, values }),
  comparison: (query: { regionId: string; standard: BalanceStandard }) => api.get<ComparisonView>('/api/balance/comparison', { ...query }),
};
