import { z } from 'zod';
import { roles } from '../../platform/permissions';

export const scopeView = z.object({
  kind: z.enum(['all', 'none', 'region', 'unit']),
  regionId: z.string().nullable().optional(),
  regionName: z.string().nullable().optional(),
  unitId: z.string().nullable().optional(),
  unitName: z.string().nullable().optional(),
});

export const meView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  permissions: z.array(z.string()),
  scope: scopeView,
  mustChangePassword: z.boolean(),
  locale: z.string(),
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
});

export const sessionView = z.object({ account: meView, csrfToken: z.string() });

export const signInBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const phoneSchema = z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/);
/** Where notifications are mailed when SMTP is configured. */
export const emailSchema = z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);

/** An address shown in lists and profiles as w***@example.cn; the whole address stays on the server. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
}

export const profileBody = z.object({
  displayName: z.string().trim().min(1).max(64),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  locale: z.enum(['zh-CN', 'en']),
});

/** One of the caller's sessions: where and when; `current` is the one asking. */
export const ownSessionView = z.object({
  id: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), createdAt: z.string(), lastSeenAt: z.string(), current: z.boolean(),
});
export const endSessionBody = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
