import { api, type Page, type PageQuery } from './client';
import type { Role, Scope } from './auth';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  phoneMasked: string | null;
  emailMasked: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  abilities: { update: boolean; resetPassword: boolean; unlock: boolean };
}

export interface AccountListQuery extends PageQuery {
  q?: string;
  role?: Role;
  active?: boolean;
}

export interface AccountCreate {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionId?: string;
  scopeUnitId?: string;
  phone?: string;
  email?: string;
  password: string;
}

export interface AccountPatch {
  displayName?: string;
  role?: Role;
  scopeRegionId?: string | null;
  scopeUnitId?: string | null;
  phone?: string;
  email?: string;
  active?: boolean;
}

const accountPath = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

export const accountsApi = {
  list: (query: AccountListQuery) => api.get<Page<Account>>('/api/accounts', { ...query }),
  create: (input: AccountCreate) => api.post<Account>('/api/accounts', input),
  update: (id: string, patch: AccountPatch) => api.patch<Account>(accountPath(id), patch),
  resetPassword: (id: string, password: string) => api.post<void>(`${accountPath(id)}/reset-password`, { password }),
  unlock: (id: string) => api.post<void>(`${accountPath(id)}/unlock`),
};
