import { api, type Page } from './client';

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  /** Where the app opens it, e.g. /rectifications/<id>. */
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

export const myWorkKinds = ['acknowledge', 'reply', 'approve', 'returned', 'submit', 'verify', 'sign_off', 'decide_extension'] as const;
export type MyWorkKind = (typeof myWorkKinds)[number];
export type Light = 'green' | 'yellow' | 'red' | 'none';

export interface MyWorkEntry {
  kind: MyWorkKind;
  key: string;
  entityId: string;
  title: string;
  context: string | null;
  link: string;
  deadline: string | null;
  light: Light;
  unit: string | null;
  since: string | null;
  requestedDeadline: string | null;
}

export interface MyWork {
  today: string;
  items: MyWorkEntry[];
  counts: Record<MyWorkKind, number>;
  total: number;
}

export interface RectificationSettings {
  remindDaysBefore: number;
  overdueEveryDays: number;
  yellowDays: number;
}

export const workbenchApi = {
  notifications: (query: { page?: number; pageSize?: number; unread?: boolean }) => api.get<NotificationPage>('/api/notifications', { ...query }),
  markRead: (id: string) => api.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ updated: number; unreadCount: number }>('/api/notifications/read-all'),
  myWork: (query: { kind?: MyWorkKind; limit?: number }) => api.get<MyWork>('/api/my-work', { ...query }),
  rectificationSettings: () => api.get<RectificationSettings>('/api/settings/rectification'),
  updateRectificationSettings: (body: RectificationSettings) => api.put<RectificationSettings>('/api/settings/rectification', body),
};
