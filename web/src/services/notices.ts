import { api, request, type Page, type PageQuery } from './client';

export const noticeStatuses = ['draft', 'submitted', 'approved', 'issued', 'closed', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];
export type RecipientKind = 'main' | 'copy';
export type RectificationStatus = 'pending' | 'in_progress' | 'submitted' | 'verified' | 'signed_off' | 'cancelled';

interface Ref { id: string; name: string }

export interface NoticeType {
  key: string; nameZh: string; nameEn: string; name: string; sort: number; active: boolean; region: Ref | null; abilities: { update: boolean };
}
export interface NumberPattern { typeKey: string; typeName: string; pattern: string; isDefault: boolean; nextNumber: string }

export interface NoticeListItem {
  id: string; type: { key: string; name: string }; title: string; status: NoticeStatus; docNumber: string | null; issuerName: string; region: Ref;
  escalatedFrom: string | null; createdAt: string; updatedAt: string; issuedAt: string | null; issueDate: string | null;
  counts: { main: number; copy: number; acknowledged: number; replied: number }; nextDeadline: string | null;
}
export interface NoticeRecipient {
  id: string; unit: Ref; kind: RecipientKind; acknowledgedAt: string | null; acknowledgedByName: string | null; repliedAt: string | null;
  abilities: { acknowledge: boolean; reply: boolean };
}
export interface NoticeItem {
  id: string; seq: number; demand: string; deadline: string; allMain: boolean; units: Ref[];
  problems: { id: string; description: string; status: string; unit: Ref | null }[];
  rectifications: { id: string; unitId: string; status: RectificationStatus }[];
}
export interface NoticeAttachment { id: string; name: string; mime: string; size: number; createdAt: string; url: string }
export interface Notice extends NoticeListItem {
  body: string; basis: { title: string; docNo: string | null }[]; task: { id: string; title: string } | null; printedBy: string;
  draftedBy: Ref; submittedAt: string | null; approvedBy: Ref | null; approvedAt: string | null; approvalNote: string | null;
  issuedBy: Ref | null; closedAt: string | null; withdrawnAt: string | null; withdrawnReason: string | null;
  recipients: NoticeRecipient[]; items: NoticeItem[];
  replies: { id: string; unit: Ref; body: string; repliedByName: string; repliedAt: string }[];
  attachments: NoticeAttachment[];
  side: 'office' | 'recipient';
  abilities: { edit: boolean; submit: boolean; approve: boolean; return: boolean; issue: boolean; close: boolean; withdraw: boolean; acknowledge: boolean; reply: boolean };
}
export interface NoticeDraft {
  typeKey: string; title: string; body: string; issuerName?: string | null; basis?: { title: string; docNo?: string | null }[]; taskId?: string | null;
  recipients: { unitId: string; kind: RecipientKind }[];
  items: { demand: string; deadline: string; unitIds?: string[] | null; problemIds?: string[] }[];
}
export interface NoticeFilters {
  q?: string; status?: NoticeStatus; typeKey?: string; year?: number; side?: 'office' | 'received'; waiting?: 'acknowledgement' | 'reply'; taskId?: string;
}
export interface InboxRow {
  recipientId: string; kind: RecipientKind; unit: Ref; acknowledgedAt: string | null; acknowledgedByName: string | null; repliedAt: string | null;
  notice: { id: string; title: string; docNumber: string | null; type: { key: string; name: string }; issuerName: string; issueDate: string | null; status: NoticeStatus };
  items: { seq: number; demand: string; deadline: string; rectification: { id: string; status: RectificationStatus } }[];
  abilities: { acknowledge: boolean; reply: boolean };
}

const base = (id: string) => `/api/notices/${encodeURIComponent(id)}`;

export const noticesApi = {
  types: () => api.get<NoticeType[]>('/api/notice-types'),
  createType: (body: { key?: string; nameZh: string; nameEn?: string; sort?: number }) => api.post<NoticeType>('/api/notice-types', body),
  updateType: (key: string, body: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean }) => api.patch<NoticeType>(`/api/notice-types/${encodeURIComponent(key)}`, body),
  patterns: () => api.get<NumberPattern[]>('/api/notice-number-patterns'),
  setPattern: (typeKey: string, pattern: string | null) => api.put<NumberPattern>('/api/notice-number-patterns', { typeKey, pattern }),

  list: (query: NoticeFilters & PageQuery) => api.get<Page<NoticeListItem>>('/api/notices', { ...query }),
  get: (id: string) => api.get<Notice>(base(id)),
  create: (body: NoticeDraft) => api.post<Notice>('/api/notices', body),
  update: (id: string, body: Partial<NoticeDraft>) => api.patch<Notice>(base(id), body),
  submit: (id: string) => api.post<Notice>(`${base(id)}/submit`, {}),
  approve: (id: string, note?: string | null) => api.post<Notice>(`${base(id)}/approve`, { note: note || null }),
  return: (id: string, note: string) => api.post<Notice>(`${base(id)}/return`, { note }),
  issue: (id: string) => api.post<Notice>(`${base(id)}/issue`, {}),
  close: (id: string) => api.post<Notice>(`${base(id)}/close`, {}),
  withdraw: (id: string, reason: string) => api.post<Notice>(`${base(id)}/withdraw`, { reason }),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<NoticeAttachment>('POST', `${base(id)}/attachments`, { body: form });
  },
  removeAttachment: (id: string, fileId: string) => request<void>('DELETE', `${base(id)}/attachments/${encodeURIComponent(fileId)}`),
  docxUrl: (id: string) => `${base(id)}/document.docx`,
  pdfUrl: (id: string) => `${base(id)}/document.pdf`,

  inbox: (query: { q?: string; state?: 'unacknowledged' | 'unreplied' } & PageQuery) => api.get<Page<InboxRow>>('/api/inbox', { ...query }),
  acknowledge: (id: string, unitId: string) => api.post<InboxRow>(`${base(id)}/acknowledge`, { unitId }),
  reply: (id: string, unitId: string, body: string) => api.post<InboxRow>(`${base(id)}/replies`, { unitId, body }),
};
