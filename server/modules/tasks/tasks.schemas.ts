import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { taskStatuses } from './task-status';

export const taskKinds = ['routine', 'key_project', 'campaign', 'special', 'duty_evaluation', 'responsible_routine'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, { message: 'IMPORT_DATE' });

const ref = z.object({ id: z.string(), name: z.string() });
const accountRef = ref;

export const basisDoc = z.object({ title: z.string().trim().min(1).max(200), docNo: z.string().trim().max(60).nullable().optional() });

export const planCreateBody = z.object({
  regionId: z.string().min(1).max(64),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
});
export const planUpdateBody = planCreateBody.omit({ regionId: true }).partial();

export const planView = z.object({
  id: z.string(), year: z.number(), title: z.string(), description: z.string().nullable(),
  region: z.object({ id: z.string(), name: z.string() }), taskCount: z.number(), updatedAt: z.string(),
});
export const planDetail = planView.extend({
  tasksByStatus: z.record(z.string(), z.number()),
  abilities: z.object({ update: z.boolean(), createTask: z.boolean() }),
});
export const planListQuery = z.object({
  ...pagingQuery, q: z.string().trim().max(50).optional(), year: z.coerce.number().int().optional(),
  sort: z.enum(['year', 'title', 'updatedAt']).default('year'),
});

const taskFields = {
  planId: z.string().min(1).max(64),
  regionId: z.string().min(1).max(64),
  kind: z.enum(taskKinds),
  title: z.string().trim().min(1).max(200),
  basis: z.array(basisDoc).max(20).default([]),
  description: z.string().trim().max(4000).nullable().optional(),
  startDate: isoDate,
  endDate: isoDate,
  rounds: z.number().int().min(1).max(20).default(1),
  leadAccountId: z.string().max(64).nullable().optional(),
  checklistTemplateId: z.string().max(64).nullable().optional(),
};
export const taskCreateBody = z.object(taskFields);
export const taskUpdateBody = z.object({
  kind: taskFields.kind, title: taskFields.title, basis: z.array(basisDoc).max(20), description: taskFields.description,
  startDate: isoDate, endDate: isoDate, rounds: z.number().int().min(1).max(20), leadAccountId: taskFields.leadAccountId,
  checklistTemplateId: taskFields.checklistTemplateId,
}).partial();
export const transitionBody = z.object({ status: z.enum(taskStatuses) });

export const taskView = z.object({
  id: z.string(), planId: z.string(), planTitle: z.string(), kind: z.enum(taskKinds), title: z.string(),
  region: z.object({ id: z.string(), name: z.string() }), startDate: z.string(), endDate: z.string(), rounds: z.number(),
  status: z.enum(taskStatuses), lead: accountRef.nullable(), targetCount: z.number(), visitedCount: z.number(), updatedAt: z.string(),
});

export const teamView = z.object({
  id: z.string(), name: z.string(), leader: accountRef,
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['leader', 'member']) })),
  /** Inspectors and experts on the team by their records (with or without an account). */
  people: z.array(z.object({ kind: z.enum(['inspector', 'expert']), id: z.string(), name: z.string() })),
  targetCount: z.number(),
});

export const taskDetail = taskView.extend({
  basis: z.array(z.object({ title: z.string(), docNo: z.string().nullable() })),
  description: z.string().nullable(),
  checklist: z.object({ id: z.string(), title: z.string(), version: z.number() }).nullable(),
  nextStatuses: z.array(z.enum(taskStatuses)),
  teams: z.array(teamView),
  myTeamIds: z.array(z.string()),
  abilities: z.object({ update: z.boolean(), transition: z.boolean(), manageTeams: z.boolean(), recordVisit: z.boolean() }),
});

export const taskFilters = {
  q: z.string().trim().max(50).optional(),
  planId: z.string().max(64).optional(),
  kind: z.enum(taskKinds).optional(),
  status: z.enum(taskStatuses).optional(),
  regionId: z.string().max(64).optional(),
  year: z.coerce.number().int().optional(),
  mine: z.enum(['true', 'false']).optional(),
};
export const taskListQuery = z.object({ ...pagingQuery, ...taskFilters, sort: z.enum(['startDate', 'title', 'status', 'kind', 'updatedAt']).default('startDate') });

export const teamBody = z.object({
  name: z.string().trim().min(1).max(60),
  leaderAccountId: z.string().min(1).max(64),
  memberAccountIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  inspectorIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  expertIds: z.array(z.string().min(1).max(64)).max(50).optional(),
});
export const teamUpdateBody = teamBody.partial();
export const teamParams = z.object({ id: z.string().min(1).max(64), teamId: z.string().min(1).max(64) });
export const targetParams = z.object({ id: z.string().min(1).max(64), targetId: z.string().min(1).max(64) });

export const targetsBody = z.object({
  teamId: z.string().max(64).nullable().optional(),
  unitIds: z.array(z.string().min(1).max(64)).max(500).default([]),
  regionIds: z.array(z.string().min(1).max(64)).max(200).default([]),
});
export const targetUpdateBody = z.object({ teamId: z.string().max(64).nullable() });

export const targetView = z.object({
  id: z.string(), taskId: z.string(), kind: z.enum(['unit', 'region']),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  region: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  visitCount: z.number(), lastVisitDate: z.string().nullable(), openProblems: z.number(),
});
export const myTargetView = targetView.extend({ task: z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string(), rounds: z.number() }) });
/** The unit kinds counted as schools and institutions visited (a government or a department is not one). */
export const schoolKinds = ['school', 'kindergarten', 'training_institution'];

export const targetListQuery = z.object({
  ...pagingQuery,
  teamId: z.string().max(64).optional(),
  kind: z.enum(['unit', 'region']).optional(),
  visited: z.enum(['true', 'false']).optional(),
  /** Only schools, kindergartens and training institutions (the figures' schools and institutions). */
  schools: z.enum(['true']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export const myTargetsQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional() });

/** A person's part in supervision work, shown on inspector and expert pages. */
export const participationView = z.object({
  tasks: z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(taskKinds), status: z.enum(taskStatuses), startDate: z.string(), endDate: z.string(), team: z.string(), leader: z.boolean() })),
  visits: z.array(z.object({ id: z.string(), visitDate: z.string(), status: z.string(), task: z.string(), place: z.string() })),
});
