import { api, request, withQuery, type Page, type PageQuery } from './client';

export const rectificationStatuses = ['pending', 'in_progress', 'submitted', 'verified', 'signed_off', 'cancelled'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const lights = ['green', 'yellow', 'red'] as const;
export type Light = (typeof lights)[number] | 'none';
export const grades = ['good', 'fair', 'average', 'poor'] as const;
export type Grade = (typeof grades)[number];
export const origins = ['notice', 'problem'] as const;
export type Origin = (typeof origins)[number];
export const rectificationSorts = ['deadline', 'createdAt', 'updatedAt', 'percent'] as const;
export const actionKeys = ['plan', 'progress', 'submit', 'requestExtension', 'sendBack', 'verify', 'signOff', 'decideExtension', 'reopen'] as const;
export type ActionKey = (typeof actionKeys)[number];

interface Ref { id: string; name: string }

export interface RectificationListItem {
  id: string; origin: Origin; status: RectificationStatus; light: Light; overdue: boolean; daysLeft: number;
  unit: Ref; region: Ref; office: Ref; demand: string; responsiblePerson: string | null; deadline: string; originalDeadline: string | null;
  percent: number; grade: Grade | null; notice: { id: string; docNumber: string | null; title: string } | null; task: { id: string; title: string } | null;
  sentBackCount: number; reopenedCount: number; submittedAt: string | null; createdAt: string; updatedAt: string;
}

export interface EvidenceFile { id: string; name: string; mime: string; size: number; url: string }
export interface RectificationEvent {
  id: string; kind: string; fromStatus: RectificationStatus | null; toStatus: RectificationStatus | null; text: string | null; percent: number | null;
  grade: Grade | null; actorName: string | null; at: string; files: EvidenceFile[];
}
export interface Extension {
  id: string; currentDeadline: string; requestedDeadline: string; reason: string; status: 'pending' | 'approved' | 'refused' | 'withdrawn';
  requestedBy: string; requestedAt: string; decidedBy: string | null; decidedAt: string | null; decisionNote: string | null;
}
export interface Rectification extends RectificationListItem {
  measures: string | null;
  noticeItem: { id: string; seq: number; demand: string } | null;
  problems: { id: string; description: string; status: string; foundOn: string }[];
  events: RectificationEvent[];
  extensions: Extension[];
  evidenceCount: number;
  verification: { method: 'documents' | 'on_site'; visit: { id: string; visitDate: string } | null; note: string | null; verifiedAt: string; verifiedBy: string | null } | null;
  signedOffAt: string | null;
  side: 'owner' | 'office' | null;
  abilities: Record<ActionKey, boolean>;
}

export interface RectificationFilters {
  q?: string; status?: RectificationStatus; light?: (typeof lights)[number]; overdue?: 'true' | 'false'; unitId?: string; regionId?: string;
  noticeId?: string; taskId?: string; problemId?: string; origin?: Origin; periodOn?: 'deadline' | 'created'; from?: string; to?: string;
}

const enc = encodeURIComponent;
const item = (id: string, action: string) => `/api/rectifications/${enc(id)}/${action}`;

export const rectificationApi = {
  list: (query: RectificationFilters & PageQuery) => api.get<Page<RectificationListItem>>('/api/rectifications', { ...query }),
  exportUrl: (query: RectificationFilters) => withQuery('/api/rectifications/export', { ...query }),
  get: (id: string) => api.get<Rectification>(`/api/rectifications/${enc(id)}`),
  plan: (id: string, body: { responsiblePerson: string; measures: string }) => api.post<Rectification>(item(id, 'plan'), body),
  /** Fields go before the files: the server reads the form in order. */
  report: (id: string, body: { text: string; percent: number }, files: File[]) => {
    const form = new FormData();
    form.append('text', body.text);
    form.append('percent', String(body.percent));
    for (const file of files) form.append('file', file, file.name);
    return request<Rectification>('POST', item(id, 'reports'), { body: form });
  },
  submit: (id: string, body: { text: string }) => api.post<Rectification>(item(id, 'submit'), body),
  requestExtension: (id: string, body: { requestedDeadline: string; reason: string }) => api.post<Rectification>(item(id, 'extensions'), body),
  sendBack: (id: string, body: { reason: string; grade?: 'poor' }) => api.post<Rectification>(item(id, 'send-back'), body),
  verify: (id: string, body: { method: 'documents' | 'on_site'; visitId?: string | null; note: string; grade: 'good' | 'fair' | 'average' }) =>
    api.post<Rectification>(item(id, 'verify'), body),
  signOff: (id: string, body: { note?: string }) => api.post<Rectification>(item(id, 'sign-off'), body),
  decideExtension: (id: string, extensionId: string, body: { approve: boolean; note?: string }) =>
    api.post<Rectification>(item(id, `extensions/${enc(extensionId)}/decide`), body),
  reopen: (id: string, body: { reason: string; deadline: string }) => api.post<Rectification>(item(id, 'reopen'), body),
  ofProblem: (problemId: string) => api.get<{ items: RectificationListItem[]; abilities: { open: boolean } }>(`/api/problems/${enc(problemId)}/rectifications`),
  openForProblem: (problemId: string, body: { deadline: string; demand?: string }) => api.post<Rectification>(`/api/problems/${enc(problemId)}/rectification`, body),
};
