import { api, type Page, type PageQuery } from './client';

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  actorDisplayName: string | null;
  action: string;
  actionName: string;
  entityType: string | null;
  entityTypeName: string | null;
  entityName: string | null;
  entityId: string | null;
  ip: string | null;
  success: boolean;
  detail: unknown;
}

export interface AuditQuery extends PageQuery {
  q?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  success?: boolean;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  brokenAt?: number;
}

export const auditApi = {
  list: (query: AuditQuery) => api.get<Page<AuditEntry>>('/api/audit', { ...query }),
  verify: () => api.get<ChainCheck>('/api/audit/verify'),
};
