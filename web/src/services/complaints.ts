import type { CategoryView, ComplaintDetail, ComplaintView } from '../../../server/modules/complaints/complaints.contract';
import type { ComplaintStatus, Satisfaction } from '../../../server/modules/complaints/complaint-status';
import { api, type Page, type PageQuery } from './client';

export type { ComplaintDetail, ComplaintStatus, Satisfaction };
export type Complaint = ComplaintView;
export type ComplaintCategory = CategoryView;
export interface ComplaintSettings { acknowledgeWorkingDays: number; handleWorkingDays: number }

export const complaintStatuses: readonly ComplaintStatus[] = ['received', 'accepted', 'closed', 'rejected', 'not_ours', 'merged'];
export const satisfactionValues: readonly Satisfaction[] = ['satisfied', 'basic', 'unsatisfied'];

/** The office actions, by the path each posts to and the ability that shows its button. */
export const complaintActions = [
  ['accept', 'accept'], ['reply', 'reply'], ['triage', 'triage'], ['extend', 'extend'], ['close', 'close'], ['transfer', 'transfer'],
  ['merge', 'merge'], ['reject', 'reject'], ['notOurs', 'not-ours'], ['satisfaction', 'satisfaction'],
] as const;
export type ComplaintAction = (typeof complaintActions)[number][0];

const path = (id: string) => `/api/complaints/${encodeURIComponent(id)}`;

export const complaintsApi = {
  list: (query: { status?: string; q?: string } & PageQuery) => api.get<Page<Complaint>>('/api/complaints', { ...query }),
  get: (id: string) => api.get<ComplaintDetail>(path(id)),
  identity: (id: string) => api.get<{ name: string | null; phone: string | null }>(`${path(id)}/identity`),
  act: (id: string, action: string, body: unknown) => api.post<ComplaintDetail>(`${path(id)}/${action}`, body),
  categories: () => api.get<ComplaintCategory[]>('/api/complaint-categories'),
  createCategory: (input: { key: string; nameZh: string; nameEn: string; sort?: number }) => api.post<ComplaintCategory>('/api/complaint-categories', input),
  updateCategory: (key: string, patch: Partial<Omit<ComplaintCategory, 'key'>>) => api.put<ComplaintCategory>(`/api/complaint-categories/${encodeURIComponent(key)}`, patch),
  settings: () => api.get<ComplaintSettings>('/api/settings/complaints'),
  updateSettings: (value: ComplaintSettings) => api.put<ComplaintSettings>('/api/settings/complaints', value),
};
