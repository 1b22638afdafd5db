import { z } from 'zod';
import { pageOf, pagingQuery } from '../../platform/http';
import { isoDate } from '../tasks/tasks.schemas';
import { problemStatuses, severities } from '../problems/problems.schemas';
import { lights, rectificationGrades, verificationMethods } from '../rectification/rectification.schemas';
import { rectificationStatuses } from '../rectification/rectification-status';
import { caseActionNames, caseStatuses } from './accountability-case-status';

const ref = z.object({ id: z.string(), name: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
const year = z.coerce.number().int().min(2000).max(2100);
const noticeRef = z.object({ id: z.string(), docNumber: z.string().nullable(), title: z.string() });

// ---------- overview ----------

/** Counts of live items by where they stand today: the three lights of owed items, then the office's queue. */
export const lightCounts = z.object({
  green: z.number(), yellow: z.number(), red: z.number(),
  /** Submitted, awaiting verification. */
  submitted: z.number(),
  /** Verified, awaiting sign-off. */
  verified: z.number(),
  signedOff: z.number(),
  /** Every item that is not cancelled. */
  total: z.number(),
});
export type LightCounts = z.infer<typeof lightCounts>;

export const overviewSorts = ['red', 'yellow', 'green', 'submitted', 'verified', 'signedOff', 'total', 'name'] as const;
export const overviewQuery = z.object({
  ...pagingQuery,
  regionId: z.string().max(64).optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(overviewSorts).default('red'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const overviewView = z.object({
  today: z.string(),
  yellowDays: z.number(),
  /** The region the overview is of: the one asked for, or the caller's own. */
  region: ref.nullable(),
  totals: lightCounts,
  /** One row per child region, and one for units placed at the region itself (`self`). */
  regions: z.array(z.object({ region: ref, self: z.boolean(), counts: lightCounts })),
  units: pageOf(z.object({ unit: ref, region: ref, counts: lightCounts })),
});

// ---------- figures ----------

export const figuresQuery = z.object({ year, regionId: z.string().max(64).optional() });
export const itemFigures = z.object({
  /** Items due in the year (by deadline), cancelled ones left out. */
  total: z.number(),
  /** Pending or in progress. */
  open: z.number(),
  /** Open and past the deadline today. */
  overdue: z.number(),
  submitted: z.number(),
  verified: z.number(),
  signedOff: z.number(),
  /** Items the on-time rate is taken over: submitted or later, or past the original deadline. */
  counted: z.number(),
  /** Counted items submitted (and not sent back since) whose first submission fell on or before the original deadline. */
  onTime: z.number(),
  /** onTime / counted in percent, one decimal; null when nothing is counted yet. */
  onTimeRate: z.number().nullable(),
});
export type ItemFigures = z.infer<typeof itemFigures>;
export const figuresView = z.object({
  year: z.number(),
  today: z.string(),
  region: ref.nullable(),
  notices: z.number(),
  noticesByType: z.array(z.object({ typeKey: z.string(), name: z.string(), count: z.number() })),
  items: itemFigures,
  regions: z.array(z.object({ region: ref, self: z.boolean(), notices: z.number(), items: itemFigures })),
});

// ---------- ranking ----------

export const gradeCounts = z.object(Object.fromEntries(rectificationGrades.map((g) => [g, z.number()])) as Record<(typeof rectificationGrades)[number], z.ZodNumber>);
export const rankingQuery = z.object({ year, regionId: z.string().max(64).optional(), bottom: z.coerce.number().int().min(1).max(50).optional() });
export const rankingRow = z.object({
  /** Competition rank (1, 2, 2, 4); null for a unit with nothing counted yet. */
  rank: z.number().nullable(),
  unit: ref,
  region: ref,
  items: z.number(),
  counted: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  grades: gradeCounts,
  /** Mean of the gradings on the 0–100 scale (好 100, 较好 80, 一般 60, 差 0); null before any grading. */
  gradeScore: z.number().nullable(),
  score: z.number().nullable(),
});
export type RankingRow = z.infer<typeof rankingRow>;
export const rankingView = z.object({ year: z.number(), region: ref.nullable(), ranked: z.number(), items: z.array(rankingRow) });
export const rankingBulletinBody = z.object({ year: z.number().int().min(2000).max(2100), bottom: z.number().int().min(1).max(20).default(5), regionId: z.string().max(64).optional() });
export const createdNotice = z.object({ noticeId: z.string() });

// ---------- escalation ----------

export const escalationKinds = ['bulletin', 'interview'] as const;
export const escalationBody = z.object({
  kind: z.enum(escalationKinds),
  rectificationIds: z.array(z.string().min(1).max(64)).min(1).max(100),
  title: text(200).optional(),
  /** The interview's date (约谈通知 only); becomes the item's deadline. */
  interviewOn: isoDate.optional(),
  interviewPlace: text(100).optional(),
});

/** Accountability measures (问责) an office may record against a unit. */
export const accountabilityKinds = ['criticism', 'interview', 'written_inspection', 'accountability_proposal', 'assessment_deduction'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];
export const accountabilityKindLabels: Record<AccountabilityKind, { 'zh-CN': string; en: string }> = {
  criticism: { 'zh-CN': '通报批评', en: 'Public criticism' },
  interview: { 'zh-CN': '约谈', en: 'Interview' },
  written_inspection: { 'zh-CN': '责令检查', en: 'Written self-criticism ordered' },
  accountability_proposal: { 'zh-CN': '问责建议', en: 'Proposal to hold accountable' },
  assessment_deduction: { 'zh-CN': '考核扣分', en: 'Deduction in the annual assessment' },
};
export const accountabilityBody = z.object({
  unitId: z.string().min(1).max(64),
  kind: z.enum(accountabilityKinds),
  reason: text(2000),
  decidedOn: isoDate,
  noticeId: z.string().max(64).nullable().optional(),
  rectificationId: z.string().max(64).nullable().optional(),
});
export const accountabilityQuery = z.object({
  ...pagingQuery,
  unitId: z.string().max(64).optional(),
  kind: z.enum(accountabilityKinds).optional(),
  year: year.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const accountabilityView = z.object({
  id: z.string(), unit: ref, office: ref, kind: z.enum(accountabilityKinds), kindName: z.string(), reason: z.string(), decidedOn: z.string(),
  notice: noticeRef.nullable(), rectification: z.object({ id: z.string(), demand: z.string() }).nullable(), createdBy: z.string(), createdAt: z.string(),
});

// ---------- filings ----------

export const filingBody = z.object({
  noticeId: z.string().min(1).max(64),
  filedWith: text(200),
  filedOn: isoDate,
  referenceNo: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export const filingFileView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() });
export const filingView = z.object({
  id: z.string(), noticeId: z.string(), filedWith: z.string(), filedOn: z.string(), referenceNo: z.string().nullable(), note: z.string().nullable(),
  createdBy: z.string(), createdAt: z.string(), files: z.array(filingFileView),
});
export const filingListQuery = z.object({
  ...pagingQuery,
  filed: z.enum(['true', 'false']).optional(),
  year: year.optional(),
  q: z.string().trim().max(50).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const filingNoticeView = z.object({
  notice: noticeRef.extend({ typeKey: z.string(), typeName: z.string(), issuerName: z.string(), issueDate: z.string().nullable(), status: z.string() }),
  /** The notice's live rectification items the caller can see, and how many are signed off. */
  rectifications: z.object({ total: z.number(), signedOff: z.number() }),
  filed: z.boolean(),
  filings: z.array(filingView),
  abilities: z.object({ file: z.boolean() }),
});
export const filingFileParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });

// ---------- clearance lists ----------

export const clearanceCreateBody = z.object({ title: text(200), problemIds: z.array(z.string().min(1).max(64)).min(1).max(1000) });
export const clearanceAddBody = z.object({ problemIds: z.array(z.string().min(1).max(64)).min(1).max(1000) });
export const clearanceListQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), order: z.enum(['asc', 'desc']).default('desc') });
const clearanceTotals = z.object({ problems: z.number(), cleared: z.number(), notCleared: z.number() });
export const clearanceSummaryView = z.object({
  id: z.string(), title: z.string(), region: ref, createdBy: z.string(), createdAt: z.string(), totals: clearanceTotals,
});
export const clearanceItemView = z.object({
  id: z.string(), status: z.enum(rectificationStatuses), light: z.enum(lights), deadline: z.string(), unit: ref, signedOffAt: z.string().nullable(),
  grade: z.enum(rectificationGrades).nullable(),
  verification: z.object({
    method: z.enum(verificationMethods), verifiedAt: z.string(), verifiedBy: z.string().nullable(), note: z.string().nullable(), visitId: z.string().nullable(),
  }).nullable(),
});
export const clearanceDetailView = clearanceSummaryView.extend({
  problems: z.array(z.object({
    id: z.string(), description: z.string(), areaName: z.string(), severity: z.enum(severities), status: z.enum(problemStatuses),
    unit: ref.nullable(), region: ref, foundOn: z.string(),
    /** Cleared (清零): every live rectification item of the problem is signed off, so the problem is closed. */
    cleared: z.boolean(),
    rectifications: z.array(clearanceItemView),
  })),
  abilities: z.object({ addProblems: z.boolean() }),
});

// ---------- accountability cases ----------

export const caseSourceKinds = ['task', 'notice', 'problem', 'rectification'] as const;
export type CaseSourceKind = (typeof caseSourceKinds)[number];
export const publicationScopes = ['object', 'system', 'public'] as const;
export const caseDueStates = ['ok', 'warning', 'overdue'] as const;

export const caseCreateBody = z.object({
  unitId: z.string().min(1).max(64),
  title: text(200),
  sourceKind: z.enum(caseSourceKinds),
  sourceId: z.string().min(1).max(64),
});
const step = { on: isoDate, text: text(5000) };
/** The holding office's steps, and the appeal decision by the office above. */
export const caseActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open'), ...step }),
  z.object({ action: z.literal('investigate'), ...step }),
  z.object({ action: z.literal('drop'), ...step }),
  // Without a due date the statement is due a set number of working days after the notice (settings).
  z.object({ action: z.literal('notify'), ...step, statementDue: isoDate.optional() }),
  z.object({ action: z.literal('hear'), ...step }),
  z.object({ action: z.literal('opinion'), ...step }),
  z.object({
    action: z.literal('decide'), on: isoDate, facts: text(5000), basis: text(2000), measureKind: z.enum(accountabilityKinds), effectiveOn: isoDate,
    docNumber: z.string().trim().min(1).max(50).optional(),
  }),
  z.object({ action: z.literal('publish'), ...step, scope: z.enum(publicationScopes) }),
  z.object({ action: z.literal('decideReview'), ...step, outcome: z.enum(['upheld', 'revised']), measureKind: z.enum(accountabilityKinds).optional() }),
  z.object({ action: z.literal('decideAppeal'), ...step, outcome: z.enum(['upheld', 'wrong']) }),
  // A null measure revokes it.
  z.object({ action: z.literal('correct'), ...step, measureKind: z.enum(accountabilityKinds).nullable() }),
]);
export type CaseActionInput = z.infer<typeof caseActionBody>;
export const caseApprovalBody = z.object({ action: z.enum(['approve', 'return']), text: text(2000) });
/** The object's side: dated the day it is submitted. */
export const caseResponseBody = z.object({ action: z.enum(['state', 'requestReview', 'requestAppeal']), text: text(5000) });
export const caseListQuery = z.object({
  ...pagingQuery,
  status: z.enum(caseStatuses).optional(),
  unitId: z.string().max(64).optional(),
  due: z.enum(['warning', 'overdue']).optional(),
  q: z.string().trim().max(50).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
const caseFile = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });
export const caseSummaryView = z.object({
  id: z.string(), title: z.string(), status: z.enum(caseStatuses), statusName: z.string(), unit: ref, office: ref,
  source: z.object({ kind: z.enum(caseSourceKinds), id: z.string(), label: z.string(), endedOn: z.string() }),
  deadlines: z.object({
    open: z.string(), statement: z.string().nullable(), reviewRequest: z.string().nullable(), reviewDecision: z.string().nullable(),
    appealRequest: z.string().nullable(), appealDecision: z.string().nullable(), correction: z.string().nullable(),
  }),
  /** The deadline the case waits on now, whose it is, and how near: warning within the settings' days, overdue after it. */
  due: z.object({ key: z.string(), name: z.string(), date: z.string(), daysLeft: z.number(), state: z.enum(caseDueStates) }).nullable(),
  decision: z.object({
    facts: z.string(), basis: z.string(), measureKind: z.enum(accountabilityKinds).nullable(), measureName: z.string().nullable(), effectiveOn: z.string(),
    decidedOn: z.string(), docNumber: z.string().nullable(), measureId: z.string().nullable(),
  }).nullable(),
  publication: z.object({ scope: z.enum(publicationScopes), publishedOn: z.string() }).nullable(),
  /** The object's accountability events in the 12 months up to the decision (or today), this case included. */
  recentEvents: z.number(),
  /** 从重: held accountable twice or more within a year. */
  heavier: z.boolean(),
  createdBy: z.string(), createdAt: z.string(),
});
export const caseDetailView = caseSummaryView.extend({
  steps: z.array(z.object({
    id: z.string(), action: z.enum(caseActionNames), actionName: z.string(), fromStatus: z.enum(caseStatuses).nullable(), toStatus: z.enum(caseStatuses),
    on: z.string(), text: z.string(), detail: z.record(z.string(), z.unknown()).nullable(), actor: z.string(), at: z.string(), files: z.array(caseFile),
    /** The caller took this step, so may attach files to it (POST /api/files, entityType accountability_step). */
    attachable: z.boolean(),
  })),
  abilities: z.object({ actions: z.array(z.enum(caseActionNames)), document: z.boolean() }),
});
