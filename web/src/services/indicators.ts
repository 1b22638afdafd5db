import type { FrameworkDetail, FrameworkNodeView, FrameworkView } from '../../../server/modules/indicators/indicators.contract';
import { api, request, type Page, type PageQuery } from './client';

export type Framework = FrameworkView;
export type { FrameworkDetail, FrameworkNodeView };

const path = (id: string) => `/api/indicator-frameworks/${encodeURIComponent(id)}`;
const sheet = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return form;
};

export const indicatorsApi = {
  list: (query: { q?: string; status?: 'draft' | 'published' } & PageQuery) => api.get<Page<Framework>>('/api/indicator-frameworks', { ...query }),
  get: (id: string) => api.get<FrameworkDetail>(path(id)),
  publish: (id: string) => api.post<FrameworkDetail>(`${path(id)}/publish`),
  newVersion: (id: string) => api.post<FrameworkDetail>(`${path(id)}/versions`),
  copy: (id: string, body: { regionId: string; title: string }) => api.post<FrameworkDetail>(`${path(id)}/copies`, body),
  importInto: (id: string, file: File) => request<FrameworkDetail>('POST', `${path(id)}/import`, { body: sheet(file) }),
  exportUrl: (id: string) => `${path(id)}/export`,
};
