import type { Participation } from './supervision';
import { api, request, withQuery, type Page, type PageQuery } from './client';
import type { RegionRef } from './regions';

export interface ExpertInput {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  specialties: string[];
  employerUnitId?: string | null;
  employerName?: string | null;
  jobTitle?: string | null;
  regionId: string;
  available: boolean;
  remarks?: string | null;
}

export interface ExpertListItem {
  id: string;
  name: string;
  specialties: string[];
  employer: { unitId: string | null; name: string | null };
  jobTitle: string | null;
  region: RegionRef;
  available: boolean;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  updatedAt: string;
}

export interface Expert extends ExpertListItem {
  remarks: string | null;
  relations: { id: string; unitId: string; unitName: string; relation: string }[];
  reviews: { reviewId: string; title: string; startDate: string; role: string; status: string; halfDays: number }[];
  fees: { reviewId: string; title: string; paidOn: string; grossFen: number; taxFen: number; netFen: number }[];
  supervision: Participation;
  abilities: { update: boolean; readPersonal: boolean };
}

export interface ExpertFilters {
  q?: string;
  specialty?: string;
  regionId?: string;
  available?: boolean;
}

export type ExclusionReason = 'employer' | 'region' | 'employer_region' | 'relation' | 'already_drawn';
export interface Draw {
  id: string;
  seq: number;
  specialty: string | null;
  requested: number;
  algorithm: string;
  seed: string;
  candidates: { expertId: string; name: string }[];
  exclusions: { expertId: string; name: string; reasons: ExclusionReason[] }[];
  result: { expertId: string; name: string }[];
  replaces: string | null;
  drawnAt: string;
  drawnBy: string | null;
}

export interface ReviewExpert {
  expertId: string;
  name: string;
  drawId: string | null;
  role: 'leader' | 'member';
  status: 'drawn' | 'declined';
  declineReason: string | null;
  halfDays: number;
  travelling: boolean;
}

export interface ReviewListItem {
  id: string;
  title: string;
  region: RegionRef;
  reviewedUnit: { id: string; name: string } | null;
  taskId: string | null;
  startDate: string;
  endDate: string;
  location: string | null;
  feesSettledAt: string | null;
  expertCount: number;
}

export interface Review extends ReviewListItem {
  experts: ReviewExpert[];
  draws: Draw[];
  abilities: { update: boolean; draw: boolean; settle: boolean };
}

export interface ReviewInput {
  title: string;
  regionId: string;
  reviewedUnitId?: string | null;
  startDate: string;
  endDate: string;
  location?: string | null;
}

export interface FeeLine {
  expertId: string;
  name: string;
  role: 'leader' | 'member';
  travelling: boolean;
  halfDays: number;
  grossFen: number;
  taxFen: number;
  netFen: number;
}
export interface Totals { grossFen: number; taxFen: number; netFen: number }
export interface FeeSheet {
  reviewId: string;
  title: string;
  settled: boolean;
  settledAt: string | null;
  rateSet: { regionName: string; effectiveFrom: string };
  /** The office paying and withholding: fees from one payer in a month are taxed as one income. */
  payerName: string;
  items: FeeLine[];
  totals: Totals;
}

export const ratePeriods = ['half_day', 'day'] as const;
export const rateRoles = ['leader', 'member'] as const;
export const localities = ['local', 'travelling'] as const;
export interface Rate { period: (typeof ratePeriods)[number]; role: (typeof rateRoles)[number]; locality: (typeof localities)[number]; amountFen: number }
export interface RateSet { regionId: string; regionName: string; effectiveFrom: string; rates: Rate[] }

export interface LedgerItem extends FeeLine {
  id: string;
  paidOn: string;
  reviewId: string;
  reviewTitle: string;
}

const expertPath = (id: string) => `/api/experts/${encodeURIComponent(id)}`;
const reviewPath = (id: string) => `/api/reviews/${encodeURIComponent(id)}`;

export const expertsApi = {
  list: (query: ExpertFilters & PageQuery) => api.get<Page<ExpertListItem>>('/api/experts', { ...query }),
  get: (id: string) => api.get<Expert>(expertPath(id)),
  create: (input: ExpertInput) => api.post<Expert>('/api/experts', input),
  update: (id: string, patch: Partial<ExpertInput>) => api.patch<Expert>(expertPath(id), patch),
  personal: (id: string) => api.post<{ phone: string | null; idNumber: string | null }>(`${expertPath(id)}/personal`),
  addRelation: (id: string, body: { unitId: string; relation: string }) => api.post<Expert>(`${expertPath(id)}/relations`, body),
  removeRelation: (id: string, relationId: string) => request<Expert>('DELETE', `${expertPath(id)}/relations/${encodeURIComponent(relationId)}`),
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number }>('POST', '/api/experts/import', { body: form });
  },
  importTemplateUrl: '/api/experts/import-template',
  exportUrl: (query: ExpertFilters & Pick<PageQuery, 'sort' | 'order'>) => withQuery('/api/experts/export', { ...query }),
};

export const reviewsApi = {
  list: (query: { q?: string; from?: string; to?: string } & PageQuery) => api.get<Page<ReviewListItem>>('/api/reviews', { ...query }),
  get: (id: string) => api.get<Review>(reviewPath(id)),
  exportUrl: (q?: string) => withQuery('/api/reviews/export', { q }),
  create: (input: ReviewInput) => api.post<Review>('/api/reviews', input),
  draw: (id: string, body: { specialty?: string | null; count: number }) => api.post<Review>(`${reviewPath(id)}/draws`, body),
  verify: (id: string, drawId: string) => api.get<{ ok: boolean; recomputed: string[]; recorded: string[] }>(`${reviewPath(id)}/draws/${encodeURIComponent(drawId)}/verify`),
  decline: (id: string, expertId: string, body: { reason: string; replace: boolean }) => api.post<Review>(`${reviewPath(id)}/experts/${encodeURIComponent(expertId)}/decline`, body),
  attendance: (id: string, expertId: string, body: { role?: 'leader' | 'member'; halfDays?: number; travelling?: boolean }) =>
    api.patch<Review>(`${reviewPath(id)}/experts/${encodeURIComponent(expertId)}`, body),
  fees: (id: string) => api.get<FeeSheet>(`${reviewPath(id)}/fees`),
  settle: (id: string) => api.post<FeeSheet>(`${reviewPath(id)}/fees/settle`),
};

export const feesApi = {
  rates: () => api.get<RateSet[]>('/api/fee-rates'),
  putRates: (body: { regionId: string; effectiveFrom: string; rates: Rate[] }) => api.put<RateSet>('/api/fee-rates', body),
  ledger: (query: { year: number; q?: string; expertId?: string } & PageQuery) => api.get<Page<LedgerItem> & { totals: Totals }>('/api/fees/ledger', { ...query }),
  byPerson: (query: { year: number } & PageQuery) =>
    api.get<Page<{ expertId: string; name: string; reviews: number } & Totals>>('/api/fees/ledger/people', { ...query }),
  exportUrl: (query: { year: number; q?: string; sort?: string; order?: 'asc' | 'desc' }) => withQuery('/api/fees/ledger/export', { ...query }),
};

/** Fen as yuan text, exactly: 123456 → "1,234.56". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
