import { z } from 'zod';
import { participationView } from '../tasks/tasks.schemas';
import { pagingQuery } from '../../platform/http';
import { idNumberField, isoDate, mobileField, specialtiesField } from './people';

export const inspectorLevels = ['national', 'provincial', 'city', 'county'] as const;
export const employments = ['full_time', 'part_time'] as const;
export const inspectorStatuses = ['pending', 'serving', 'expired', 'dismissed'] as const;
export const grades = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export const rewardKinds = ['reward', 'penalty'] as const;
export const genders = ['male', 'female'] as const;
export type InspectorLevel = (typeof inspectorLevels)[number];
export type InspectorStatus = (typeof inspectorStatuses)[number];

const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const inspectorFields = {
  name: z.string().trim().min(1).max(50),
  gender: z.enum(genders).nullable().optional(),
  idNumber: idNumberField.nullable().optional(),
  phone: mobileField.nullable().optional(),
  accountId: z.string().max(64).nullable().optional(),
  level: z.enum(inspectorLevels),
  employment: z.enum(employments),
  employer: text(100),
  jobTitle: text(100),
  specialties: specialtiesField,
  qualifications: text(500),
  regionId: z.string().min(1).max(64),
  recommendedLevel: z.enum(inspectorLevels).nullable().optional(),
  recommendedOn: isoDate.nullable().optional(),
};

// Defaults only where a record is created: a partial update must leave what it does not name alone.
export const inspectorCreateBody = z.object({ ...inspectorFields, specialties: specialtiesField.default([]) });
export const inspectorUpdateBody = z.object(inspectorFields).partial();
export const dismissBody = z.object({ dismissedOn: isoDate, reason: z.string().trim().min(1).max(500) });

const regionRef = z.object({ id: z.string(), name: z.string(), code: z.string() });

export const termView = z.object({
  id: z.string(),
  inspectorId: z.string(),
  termNumber: z.number(),
  authority: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  certificateNo: z.string().nullable(),
});

export const inspectorView = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  level: z.enum(inspectorLevels),
  employment: z.enum(employments),
  employer: z.string().nullable(),
  jobTitle: z.string().nullable(),
  specialties: z.array(z.string()),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  region: regionRef,
  status: z.enum(inspectorStatuses),
  currentTerm: termView.nullable(),
  recommendedLevel: z.enum(inspectorLevels).nullable(),
  recommendedOn: z.string().nullable(),
  synthetic: z.boolean(),
  updatedAt: z.string(),
});

export const assessmentView = z.object({ id: z.string(), year: z.number(), grade: z.enum(grades), remarks: z.string().nullable() });
export const rewardView = z.object({ id: z.string(), kind: z.enum(rewardKinds), date: z.string(), title: z.string(), issuer: z.string().nullable(), remarks: z.string().nullable() });
export const trainingView = z.object({ id: z.string(), date: z.string(), topic: z.string(), hours: z.number(), organizer: z.string().nullable() });

export const inspectorDetail = inspectorView.extend({
  supervision: participationView,
  accountId: z.string().nullable(),
  qualifications: z.string().nullable(),
  dismissedOn: z.string().nullable(),
  dismissalReason: z.string().nullable(),
  terms: z.array(termView),
  assessments: z.array(assessmentView),
  rewards: z.array(rewardView),
  trainings: z.array(trainingView),
  /** Training hours per year, newest first, against the 40-hour yearly minimum. */
  trainingHoursByYear: z.array(z.object({ year: z.number(), hours: z.number(), enough: z.boolean() })),
  abilities: z.object({ update: z.boolean(), dismiss: z.boolean(), readPersonal: z.boolean(), certificate: z.boolean() }),
});

export const personalView = z.object({ phone: z.string().nullable(), idNumber: z.string().nullable() });

export const termBody = z.object({
  termNumber: z.number().int().min(1).max(99),
  authority: z.string().trim().min(1).max(100),
  startDate: isoDate,
  endDate: isoDate,
  certificateNo: z.string().trim().min(1).max(50).nullable().optional(),
});
export const termUpdateBody = termBody.partial();
export const termParams = z.object({ id: z.string().min(1).max(64), termId: z.string().min(1).max(64) });

export const assessmentBody = z.object({ year: z.number().int().min(1990).max(2100), grade: z.enum(grades), remarks: z.string().trim().max(500).nullable().optional() });
export const rewardBody = z.object({
  kind: z.enum(rewardKinds), date: isoDate, title: z.string().trim().min(1).max(200),
  issuer: z.string().trim().max(100).nullable().optional(), remarks: z.string().trim().max(500).nullable().optional(),
});
export const trainingBody = z.object({
  date: isoDate, topic: z.string().trim().min(1).max(200), hours: z.number().int().min(1).max(200),
  organizer: z.string().trim().max(100).nullable().optional(),
});

export const inspectorFilters = {
  q: z.string().trim().max(50).optional(),
  level: z.enum(inspectorLevels).optional(),
  employment: z.enum(employments).optional(),
  status: z.enum(inspectorStatuses).optional(),
  regionId: z.string().max(64).optional(),
  termNumber: z.coerce.number().int().min(1).max(99).optional(),
  specialty: z.string().trim().max(30).optional(),
};
export const inspectorSorts = ['name', 'level', 'updatedAt'] as const;
export const inspectorListQuery = z.object({ ...pagingQuery, ...inspectorFilters, sort: z.enum(inspectorSorts).default('name') });
export const inspectorExportQuery = z.object({ ...inspectorFilters, sort: z.enum(inspectorSorts).default('name'), order: z.enum(['asc', 'desc']).default('asc') });
export type InspectorFilters = z.infer<typeof inspectorExportQuery>;

export const expiringQuery = z.object({ ...pagingQuery, days: z.coerce.number().int().min(1).max(730).default(90) });
export const expiringExportQuery = expiringQuery.pick({ days: true });
export const expiringView = z.object({
  inspectorId: z.string(), name: z.string(), level: z.enum(inspectorLevels), employment: z.enum(employments),
  region: regionRef, term: termView, daysLeft: z.number(),
});

export const trainingSummaryQuery = z.object({ ...pagingQuery, year: z.coerce.number().int().min(1990).max(2100), below: z.enum(['true', 'false']).optional() });
export const trainingSummaryExportQuery = trainingSummaryQuery.pick({ year: true, below: true });
export const trainingSummaryView = z.object({ inspectorId: z.string(), name: z.string(), level: z.enum(inspectorLevels), hours: z.number(), enough: z.boolean() });

export const appointmentListQuery = z.object({ termNumber: z.coerce.number().int().min(1).max(99), level: z.enum(inspectorLevels), regionId: z.string().max(64).optional() });
