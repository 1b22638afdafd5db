import { z } from 'zod';
import { pageOf, pagingQuery, queryBool } from '../../platform/http';
import { isoDate } from '../inspectors/people';

/** The eight routine-supervision items and the methods of the 2013 挂牌督导 rules (domain-rules §4.3). */
export const routineItems = ['school_affairs', 'admissions_fees', 'curriculum', 'student_load', 'teacher_ethics', 'safety', 'canteen_hygiene', 'ethos'] as const;
export const visitMethods = ['class_observation', 'document_review', 'meetings', 'interviews', 'questionnaire', 'campus_patrol', 'unannounced'] as const;

const ref = z.object({ id: z.string(), name: z.string() });

export const assignBody = z.object({
  inspectorId: z.string().min(1).max(64),
  unitIds: z.array(z.string().min(1).max(64)).min(1).max(200),
  startDate: isoDate,
});
/** `schools`: the inspector's schools now; `warning` (in the caller's language) when that is above the guideline. */
export const assignResult = z.object({ assigned: z.number(), replaced: z.number(), schools: z.number(), guideline: z.number(), warning: z.string().nullable() });

export const loadQuery = z.object({ page: pagingQuery.page, pageSize: pagingQuery.pageSize, q: z.string().trim().max(50).optional(), over: queryBool.optional() });
export const loadView = z.object({ inspector: ref, schools: z.number(), overGuideline: z.boolean() });
export const loadPage = pageOf(loadView).extend({ guideline: z.number() });

export const assignmentView = z.object({
  id: z.string(), unit: ref.extend({ kind: z.string(), regionName: z.string() }), inspector: ref, startDate: z.string(), lastVisit: z.string().nullable(),
});
export const assignmentQuery = z.object({ ...pagingQuery, inspectorId: z.string().max(64).optional(), q: z.string().trim().max(50).optional(), sort: z.enum(['unit', 'startDate']).default('unit') });

export const unassignedQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), kind: z.enum(['school', 'kindergarten']).optional() });
export const unassignedView = z.object({ id: z.string(), name: z.string(), kind: z.string(), regionName: z.string() });

export const behindQuery = z.object({ ...pagingQuery, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export const behindView = z.object({
  inspector: ref, schools: z.number(), visited: z.number(),
  notVisited: z.array(ref),
});

export const visitBody = z.object({
  unitId: z.string().min(1).max(64),
  inspectorId: z.string().min(1).max(64).optional(),
  date: isoDate,
  items: z.array(z.enum(routineItems)).min(1).max(routineItems.length),
  methods: z.array(z.enum(visitMethods)).max(visitMethods.length).default([]),
  findings: z.string().trim().max(2000).nullable().optional(),
  feedbackGiven: z.boolean().default(false),
});
export const visitView = z.object({
  id: z.string(), unit: ref, inspector: ref, date: z.string(), items: z.array(z.enum(routineItems)), methods: z.array(z.enum(visitMethods)),
  findings: z.string().nullable(), feedbackGiven: z.boolean(), createdAt: z.string(),
});
export const visitQuery = z.object({
  ...pagingQuery, unitId: z.string().max(64).optional(), inspectorId: z.string().max(64).optional(), from: isoDate.optional(), to: isoDate.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
