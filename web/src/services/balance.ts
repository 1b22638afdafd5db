import type { StatisticView } from '../../../server/modules/balance/balance.contract';
import { api, request, type Page, type PageQuery } from './client';

export type SchoolStatistic = StatisticView;

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
};
