import { api, withQuery, type Page, type PageQuery } from './client';

export const committeeRoles = ['director', 'deputy_director', 'member'] as const;
export type CommitteeRole = (typeof committeeRoles)[number];

export interface Member {
  id: string;
  region: { id: string; name: string };
  unit: { id: string; name: string };
  role: CommitteeRole;
  representative: string | null;
  representativeTitle: string | null;
  representativePhoneMasked: string | null;
  joinedOn: string;
  leftOn: string | null;
  remarks: string | null;
  abilities: { update: boolean };
}

export interface MemberInput {
  regionId: string;
  unitId: string;
  role: CommitteeRole;
  representative?: string | null;
  representativeTitle?: string | null;
  representativePhone?: string | null;
  joinedOn: string;
  remarks?: string | null;
}

export interface MemberFilters {
  regionId?: string;
  asOf?: string;
  history?: boolean;
  q?: string;
}

export interface HistoryEvent {
  date: string;
  event: 'joined' | 'left';
  unit: { id: string; name: string };
  role: CommitteeRole;
  region: { id: string; name: string };
}

const path = (id: string) => `/api/committee/members/${encodeURIComponent(id)}`;

export const committeeApi = {
  list: (query: MemberFilters & PageQuery) => api.get<Page<Member>>('/api/committee/members', { ...query }),
  add: (input: MemberInput) => api.post<Member>('/api/committee/members', input),
  update: (id: string, patch: Partial<Pick<MemberInput, 'role' | 'representative' | 'representativeTitle' | 'representativePhone' | 'remarks'>>) => api.patch<Member>(path(id), patch),
  leave: (id: string, leftOn: string) => api.post<Member>(`${path(id)}/leave`, { leftOn }),
  personal: (id: string) => api.post<{ representativePhone: string | null }>(`${path(id)}/personal`),
  history: (query: { regionId?: string; year?: number }) => api.get<HistoryEvent[]>('/api/committee/history', { ...query }),
  exportUrl: (query: MemberFilters) => withQuery('/api/committee/members/export', { ...query }),
};
