import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate } from '../tasks/tasks.schemas';

export const problemSources = ['visit', 'evaluation', 'higher_feedback', 'complaint', 'data_signal', 'self_report'] as const;
export const severities = ['low', 'medium', 'high'] as const;
/** A problem is open, under rectification, or closed (its rectification signed off). */
export const problemStatuses = ['open', 'rectifying', 'closed'] as const;
export type ProblemSource = (typeof problemSources)[number];
export type ProblemStatus = (typeof problemStatuses)[number];
export type Severity = (typeof severities)[number];

const ref = z.object({ id: z.string(), name: z.string() });

export const problemCreateBody = z.object({
  source: z.enum(problemSources).exclude(['visit']),
  area: z.string().min(1).max(40),
  severity: z.enum(severities).default('medium'),
  unitId: z.string().max(64).nullable().optional(),
  regionId: z.string().max(64).nullable().optional(),
  taskId: z.string().max(64).nullable().optional(),
  description: z.string().trim().min(1).max(2000),
  foundBy: z.string().trim().max(100).nullable().optional(),
  foundOn: isoDate,
  deadline: isoDate.nullable().optional(),
});
export const problemUpdateBody = z.object({
  area: z.string().min(1).max(40),
  severity: z.enum(severities),
  description: z.string().trim().min(1).max(2000),
  foundBy: z.string().trim().min(1).max(100),
  deadline: isoDate.nullable(),
}).partial();

export const problemView = z.object({
  id: z.string(), source: z.enum(problemSources), area: z.string(), areaName: z.string(), severity: z.enum(severities), status: z.enum(problemStatuses),
  region: ref, unit: ref.nullable(), task: z.object({ id: z.string(), title: z.string() }).nullable(), visitId: z.string().nullable(), itemKey: z.string().nullable(),
  description: z.string(), foundBy: z.string(), foundOn: z.string(), deadline: z.string().nullable(), recurringOfId: z.string().nullable(), updatedAt: z.string(),
});
export const evidenceView = z.object({
  id: z.string(), name: z.string(), mime: z.string(), size: z.number(), capturedAt: z.string().nullable(),
  latitude: z.number().nullable(), longitude: z.number().nullable(), createdAt: z.string(), url: z.string(),
});
export const problemDetail = problemView.extend({
  itemText: z.string().nullable(),
  evidence: z.array(evidenceView),
  recurringOf: z.object({ id: z.string(), foundOn: z.string(), description: z.string() }).nullable(),
  laterOccurrences: z.array(z.object({ id: z.string(), foundOn: z.string() })),
  abilities: z.object({ update: z.boolean(), uploadFile: z.boolean() }),
});

export const problemFilters = {
  q: z.string().trim().max(50).optional(),
  source: z.enum(problemSources).optional(),
  area: z.string().max(40).optional(),
  severity: z.enum(severities).optional(),
  status: z.enum(problemStatuses).optional(),
  regionId: z.string().max(64).optional(),
  unitId: z.string().max(64).optional(),
  taskId: z.string().max(64).optional(),
  visitId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  recurring: z.enum(['true', 'false']).optional(),
};
export const problemSorts = ['foundOn', 'deadline', 'severity', 'area', 'updatedAt'] as const;
export const problemListQuery = z.object({ ...pagingQuery, ...problemFilters, sort: z.enum(problemSorts).default('foundOn'), order: z.enum(['asc', 'desc']).default('desc') });
export const problemExportQuery = z.object({ ...problemFilters, sort: z.enum(problemSorts).default('foundOn'), order: z.enum(['asc', 'desc']).default('desc') });
export type ProblemFilters = z.infer<typeof problemExportQuery>;

export const areaView = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), sort: z.number(), active: z.boolean() });
export const areaCreateBody = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  sort: z.number().int().min(0).max(999).optional(),
});
export const areaUpdateBody = areaCreateBody.omit({ key: true }).extend({ active: z.boolean() }).partial();

export const recommendationView = z.object({
  id: z.string(), area: z.string(), areaName: z.string(), region: ref, unit: ref.nullable(), task: z.object({ id: z.string(), title: z.string() }).nullable(),
  visitId: z.string().nullable(), content: z.string(), proposedBy: z.string(), proposedOn: z.string(), createdAt: z.string(),
});
export const recommendationCreateBody = z.object({
  area: z.string().min(1).max(40),
  unitId: z.string().max(64).nullable().optional(),
  regionId: z.string().max(64).nullable().optional(),
  taskId: z.string().max(64).nullable().optional(),
  content: z.string().trim().min(1).max(2000),
  proposedOn: isoDate,
});
export const recommendationListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  area: z.string().max(40).optional(),
  unitId: z.string().max(64).optional(),
  taskId: z.string().max(64).optional(),
  visitId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
