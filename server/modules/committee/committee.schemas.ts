import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate, mobileField } from '../inspectors/people';

export const committeeRoles = ['director', 'deputy_director', 'member'] as const;

const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const memberBody = z.object({
  regionId: z.string().min(1).max(64),
  unitId: z.string().min(1).max(64),
  role: z.enum(committeeRoles).default('member'),
  representative: text(50),
  representativeTitle: text(100),
  representativePhone: mobileField.nullable().optional(),
  joinedOn: isoDate,
  remarks: text(500),
});
export const memberUpdateBody = memberBody.omit({ regionId: true, unitId: true, joinedOn: true }).extend({ role: z.enum(committeeRoles) }).partial();
export const leaveBody = z.object({ leftOn: isoDate });

export const memberView = z.object({
  id: z.string(),
  region: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(committeeRoles),
  representative: z.string().nullable(),
  representativeTitle: z.string().nullable(),
  representativePhoneMasked: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  remarks: z.string().nullable(),
  abilities: z.object({ update: z.boolean() }),
});

export const memberFilters = {
  regionId: z.string().max(64).optional(),
  /** Members on that day; without it, today's members. */
  asOf: isoDate.optional(),
  /** Every membership ever, joined and left, instead of one day's. */
  history: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
};
export const memberListQuery = z.object({ ...pagingQuery, ...memberFilters });
export const memberExportQuery = z.object({ ...memberFilters, order: z.enum(['asc', 'desc']).default('asc') });
export type MemberFilters = z.infer<typeof memberExportQuery>;

export const historyQuery = z.object({ regionId: z.string().max(64).optional(), year: z.coerce.number().int().min(1990).max(2100).optional() });
export const historyEvent = z.object({ date: z.string(), event: z.enum(['joined', 'left']), unit: z.object({ id: z.string(), name: z.string() }), role: z.enum(committeeRoles), region: z.object({ id: z.string(), name: z.string() }) });
export const representativePhoneView = z.object({ representativePhone: z.string().nullable() });
