import { api } from './client';

export const roles = ['sysadmin', 'secadmin', 'auditor', 'office_staff', 'inspector', 'expert', 'unit_user', 'leader'] as const;
export type Role = (typeof roles)[number];

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface Scope {
  kind: 'all' | 'region' | 'unit' | 'none';
  regionId?: string;
  regionName?: string;
  unitId?: string;
  unitName?: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: string[];
  scope: Scope;
  mustChangePassword: boolean;
  locale: Locale;
  phoneMasked: string | null;
  emailMasked: string | null;
}

export interface Session {
  account: Me;
  csrfToken: string;
}

export interface ProfileInput {
  displayName: string;
  phone?: string;
  /** Left out: kept; null: removed. */
  email?: string | null;
  locale: Locale;
}

/** One of the caller's sessions; `current` is this browser's. */
export interface OwnSession {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export const authApi = {
  signIn: (username: string, password: string) => api.post<Session>('/api/auth/sign-in', { username, password }),
  signOut: () => api.post<void>('/api/auth/sign-out'),
  session: () => api.get<Session>('/api/auth/session'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  updateProfile: (input: ProfileInput) => api.put<Me>('/api/auth/profile', input),
  sessions: () => api.get<OwnSession[]>('/api/auth/sessions'),
  endSession: (id: string) => api.post<void>('/api/auth/sessions/end', { id }),
  signOutEverywhere: () => api.post<void>('/api/auth/sign-out-everywhere'),
};
