import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate } from '../tasks/tasks.schemas';
import { checklistItem } from '../checklists/checklists.schemas';
import { evidenceView, severities } from '../problems/problems.schemas';

const headcount = z.number().int().min(0).max(10000);

export const activitiesSchema = z.object({
  reportsHeard: z.number().int().min(0).max(100).default(0),
  dataVerified: z.boolean().default(false),
  documentsChecked: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  meetings: z.array(z.object({ topic: z.string().trim().min(1).max(100), participants: z.string().trim().max(500).nullable().optional(), attendees: headcount })).max(50).default([]),
  interviews: z.object({ cadres: headcount, teachers: headcount, students: headcount, parents: headcount, deputies: headcount }).partial().default({}),
  notes: z.string().trim().max(4000).nullable().optional(),
});

export const answerInput = z.object({ value: z.union([z.string().max(2000), z.number()]), note: z.string().trim().max(500).nullable().optional() });

export const visitCreateBody = z.object({
  // Chosen by a phone that started the visit offline: sending the same start again returns the same visit.
  id: z.string().uuid().optional(),
  taskId: z.string().min(1).max(64),
  targetId: z.string().min(1).max(64),
  visitDate: isoDate,
  round: z.number().int().min(1).max(20).default(1),
  checklistTemplateId: z.string().max(64).nullable().optional(),
});
export const visitDraftBody = z.object({
  visitDate: isoDate.optional(),
  round: z.number().int().min(1).max(20).optional(),
  activities: activitiesSchema.optional(),
  answers: z.record(z.string().max(40), answerInput).optional(),
  findings: z.string().trim().max(8000).nullable().optional(),
});

export const visitStatuses = ['draft', 'submitted'] as const;
const ref = z.object({ id: z.string(), name: z.string() });

export const visitView = z.object({
  id: z.string(), task: z.object({ id: z.string(), title: z.string() }), targetId: z.string(), targetName: z.string(), targetKind: z.enum(['unit', 'region']),
  unit: ref.nullable(), region: ref, team: ref.nullable(), round: z.number(), visitDate: z.string(), status: z.enum(visitStatuses),
  recordedBy: ref, meetingsCount: z.number(), interviewedCount: z.number(), failingCount: z.number(), submittedAt: z.string().nullable(), updatedAt: z.string(),
});

export const visitEvidenceView = evidenceView.extend({ itemKey: z.string().nullable(), clientKey: z.string() });

export const visitDetail = visitView.extend({
  activities: z.object({
    reportsHeard: z.number(), dataVerified: z.boolean(), documentsChecked: z.array(z.string()),
    meetings: z.array(z.object({ topic: z.string(), participants: z.string().nullable().optional(), attendees: z.number() })),
    interviews: z.object({ cadres: z.number(), teachers: z.number(), students: z.number(), parents: z.number(), deputies: z.number() }).partial(),
    notes: z.string().nullable().optional(),
  }),
  findings: z.string().nullable(),
  taskPeriod: z.object({ startDate: z.string(), endDate: z.string(), rounds: z.number() }),
  checklist: z.object({ id: z.string(), title: z.string(), version: z.number(), items: z.array(checklistItem) }).nullable(),
  answers: z.record(z.string(), z.object({ value: z.union([z.string(), z.number()]), failing: z.boolean(), note: z.string().nullable() })),
  evidence: z.array(visitEvidenceView),
  problems: z.array(z.object({ id: z.string(), itemKey: z.string().nullable(), description: z.string(), area: z.string(), severity: z.enum(severities), deadline: z.string().nullable(), recurringOfId: z.string().nullable() })),
  recommendations: z.array(z.object({ id: z.string(), area: z.string(), content: z.string() })),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), convert: z.boolean() }),
});

export const visitListQuery = z.object({
  ...pagingQuery,
  taskId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  teamId: z.string().max(64).optional(),
  unitId: z.string().max(64).optional(),
  status: z.enum(visitStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(['visitDate', 'updatedAt']).default('visitDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const convertBody = z.object({
  itemKey: z.string().max(40).nullable().optional(),
  area: z.string().min(1).max(40),
  severity: z.enum(severities).default('medium'),
  description: z.string().trim().min(1).max(2000).optional(),
  deadline: isoDate.nullable().optional(),
});
export const visitRecommendationBody = z.object({ area: z.string().min(1).max(40), content: z.string().trim().min(1).max(2000) });

export const evidenceParams = z.object({ id: z.string().min(1).max(64), evidenceId: z.string().min(1).max(64) });

export const packetView = z.object({
  target: z.object({ id: z.string(), name: z.string(), kind: z.enum(['unit', 'region']), region: ref, unitKind: z.string().nullable(), address: z.string().nullable() }),
  openProblems: z.array(z.object({ id: z.string(), description: z.string(), area: z.string(), areaName: z.string(), severity: z.enum(severities), foundOn: z.string(), deadline: z.string().nullable(), overdue: z.boolean(), source: z.string() })),
  complaints: z.array(z.object({ id: z.string(), description: z.string(), foundOn: z.string(), status: z.string() })),
  lastVisits: z.array(z.object({ id: z.string(), visitDate: z.string(), taskTitle: z.string(), failingCount: z.number(), problemCount: z.number(), findings: z.string().nullable() })),
});
