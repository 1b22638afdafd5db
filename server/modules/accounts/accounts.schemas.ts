import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { roles } from '../../platform/permissions';
import { emailSchema, phoneSchema, scopeView } from '../auth/auth.schemas';

export const accountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  scope: scopeView,
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), resetPassword: z.boolean(), unlock: z.boolean() }),
});

export const accountListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['username', 'displayName', 'role', 'createdAt', 'lastSignInAt']).default('username'),
});

export const accountCreateBody = z.object({
  username: z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(roles),
  scopeRegionId: z.string().max(64).nullable().optional(),
  scopeUnitId: z.string().max(64).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  password: z.string().min(1).max(128),
});

export const accountUpdateBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  role: z.enum(roles).optional(),
  scopeRegionId: z.string().max(64).nullable().optional(),
  scopeUnitId: z.string().max(64).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  active: z.boolean().optional(),
});

export const resetPasswordBody = z.object({ password: z.string().min(1).max(128) });
