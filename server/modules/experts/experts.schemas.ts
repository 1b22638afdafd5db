import { z } from 'zod';
import { participationView } from '../tasks/tasks.schemas';
import { pagingQuery } from '../../platform/http';
import { idNumberField, isoDate, mobileField, specialtiesField } from '../inspectors/people';

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const regionRef = z.object({ id: z.string(), name: z.string(), code: z.string() });

export const expertFields = {
  name: z.string().trim().min(1).max(50),
  idNumber: idNumberField.nullable().optional(),
  phone: mobileField.nullable().optional(),
  specialties: specialtiesField.min(1),
  employerUnitId: z.string().max(64).nullable().optional(),
  employerName: text(100),
  jobTitle: text(100),
  regionId: z.string().min(1).max(64),
  available: z.boolean(),
  remarks: text(500),
};
// Defaults only where a record is created: a partial update must leave what it does not name alone.
export const expertCreateBody = z.object({ ...expertFields, available: z.boolean().default(true) });
export const expertUpdateBody = z.object(expertFields).partial();

export const expertView = z.object({
  id: z.string(),
  name: z.string(),
  specialties: z.array(z.string()),
  employer: z.object({ unitId: z.string().nullable(), name: z.string().nullable() }),
  jobTitle: z.string().nullable(),
  region: regionRef,
  available: z.boolean(),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  synthetic: z.boolean(),
  updatedAt: z.string(),
});

export const relationView = z.object({ id: z.string(), unitId: z.string(), unitName: z.string(), relation: z.string() });
export const expertDetail = expertView.extend({
  supervision: participationView,
  remarks: z.string().nullable(),
  relations: z.array(relationView),
  /** The reviews this person took part in, and what they were paid: the person's page links to both. */
  reviews: z.array(z.object({ reviewId: z.string(), title: z.string(), startDate: z.string(), role: z.string(), status: z.string(), halfDays: z.number() })),
  fees: z.array(z.object({ reviewId: z.string(), title: z.string(), paidOn: z.string(), grossFen: z.number(), taxFen: z.number(), netFen: z.number() })),
  abilities: z.object({ update: z.boolean(), readPersonal: z.boolean() }),
});
export const relationBody = z.object({ unitId: z.string().min(1).max(64), relation: z.string().trim().min(1).max(100) });
export const relationParams = z.object({ id: z.string().min(1).max(64), relationId: z.string().min(1).max(64) });

export const expertFilters = {
  q: z.string().trim().max(50).optional(),
  specialty: z.string().trim().max(30).optional(),
  regionId: z.string().max(64).optional(),
  available: z.enum(['true', 'false']).optional(),
};
export const expertSorts = ['name', 'updatedAt'] as const;
export const expertListQuery = z.object({ ...pagingQuery, ...expertFilters, sort: z.enum(expertSorts).default('name') });
export const expertExportQuery = z.object({ ...expertFilters, sort: z.enum(expertSorts).default('name'), order: z.enum(['asc', 'desc']).default('asc') });
export type ExpertFilters = z.infer<typeof expertExportQuery>;

export const reviewExpertStatuses = ['drawn', 'declined'] as const;
export const reviewRoles = ['leader', 'member'] as const;

export const reviewBody = z.object({
  title: z.string().trim().min(1).max(200),
  regionId: z.string().min(1).max(64),
  reviewedUnitId: z.string().max(64).nullable().optional(),
  startDate: isoDate,
  endDate: isoDate,
  location: text(200),
});
export const reviewUpdateBody = reviewBody.omit({ regionId: true }).partial();

export const exclusionView = z.object({ expertId: z.string(), name: z.string(), reasons: z.array(z.enum(['employer', 'region', 'employer_region', 'relation', 'already_drawn'])) });
export const drawView = z.object({
  id: z.string(),
  seq: z.number(),
  specialty: z.string().nullable(),
  requested: z.number(),
  algorithm: z.string(),
  seed: z.string(),
  candidates: z.array(z.object({ expertId: z.string(), name: z.string() })),
  exclusions: z.array(exclusionView),
  result: z.array(z.object({ expertId: z.string(), name: z.string() })),
  replaces: z.string().nullable(),
  drawnAt: z.string(),
  drawnBy: z.string().nullable(),
});
export const reviewExpertView = z.object({
  expertId: z.string(), name: z.string(), drawId: z.string().nullable(), role: z.enum(reviewRoles), status: z.enum(reviewExpertStatuses),
  declineReason: z.string().nullable(), halfDays: z.number(), travelling: z.boolean(),
});
export const reviewView = z.object({
  id: z.string(), title: z.string(), region: regionRef, reviewedUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  taskId: z.string().nullable(), startDate: z.string(), endDate: z.string(), location: z.string().nullable(), feesSettledAt: z.string().nullable(),
  expertCount: z.number(),
});
export const reviewDetail = reviewView.extend({
  experts: z.array(reviewExpertView),
  draws: z.array(drawView),
  abilities: z.object({ update: z.boolean(), draw: z.boolean(), settle: z.boolean() }),
});
export const reviewListQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), from: isoDate.optional(), to: isoDate.optional(), sort: z.enum(['startDate', 'title']).default('startDate') });

export const drawBody = z.object({ specialty: z.string().trim().min(1).max(30).nullable().optional(), count: z.number().int().min(1).max(50) });
export const reviewExpertParams = z.object({ id: z.string().min(1).max(64), expertId: z.string().min(1).max(64) });
export const declineBody = z.object({ reason: z.string().trim().min(1).max(200), replace: z.boolean().default(true) });
export const attendanceBody = z.object({ role: z.enum(reviewRoles).optional(), halfDays: z.number().int().min(0).max(60).optional(), travelling: z.boolean().optional() });
export const drawParams = z.object({ id: z.string().min(1).max(64), drawId: z.string().min(1).max(64) });
export const verifyView = z.object({ ok: z.boolean(), algorithm: z.string(), recomputed: z.array(z.string()), recorded: z.array(z.string()) });
