import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate } from '../tasks/tasks.schemas';
import { rectificationActions, rectificationStatuses, type RectificationAction } from './rectification-status';

/** Reply quality (好 / 较好 / 一般 / 差); 差 only comes with a send-back. */
export const rectificationGrades = ['good', 'fair', 'average', 'poor'] as const;
export type RectificationGrade = (typeof rectificationGrades)[number];
export const verifyGrades = ['good', 'fair', 'average'] as const;
export const verificationMethods = ['documents', 'on_site'] as const;
export const rectificationOrigins = ['notice', 'problem'] as const;
export const lights = ['green', 'yellow', 'red', 'none'] as const;
/** Actions a caller may be offered; cancel is the notice's withdrawal, never a button. */
export const offeredActions = (Object.keys(rectificationActions) as RectificationAction[]).filter((a) => a !== 'cancel');

const ref = z.object({ id: z.string(), name: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);

export const rectificationFilters = {
  q: z.string().trim().max(50).optional(),
  status: z.enum(rectificationStatuses).optional(),
  light: z.enum(['green', 'yellow', 'red']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  unitId: z.string().max(64).optional(),
  regionId: z.string().max(64).optional(),
  noticeId: z.string().max(64).optional(),
  taskId: z.string().max(64).optional(),
  problemId: z.string().max(64).optional(),
  origin: z.enum(rectificationOrigins).optional(),
  /** The period's dates apply to the deadline (default) or to the day the item was opened. */
  periodOn: z.enum(['deadline', 'created']).default('deadline'),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
/** `owedFirst`, the ledger's opening order: what is still owed, most urgent first, then the rest, latest first. */
export const rectificationSorts = ['owedFirst', 'deadline', 'createdAt', 'updatedAt', 'percent'] as const;
export const rectificationListQuery = z.object({ ...pagingQuery, ...rectificationFilters, sort: z.enum(rectificationSorts).default('owedFirst') });
export const rectificationExportQuery = z.object(rectificationFilters);
export type RectificationFilters = z.infer<typeof rectificationExportQuery>;

export const rectificationView = z.object({
  id: z.string(), origin: z.enum(rectificationOrigins), status: z.enum(rectificationStatuses), light: z.enum(lights), overdue: z.boolean(),
  /** Days from today to the deadline; negative once overdue. */
  daysLeft: z.number(),
  unit: ref, region: ref, office: ref, demand: z.string(), responsiblePerson: z.string().nullable(),
  deadline: z.string(), originalDeadline: z.string().nullable(), percent: z.number(), grade: z.enum(rectificationGrades).nullable(),
  notice: z.object({ id: z.string(), docNumber: z.string().nullable(), title: z.string() }).nullable(),
  task: z.object({ id: z.string(), title: z.string() }).nullable(),
  sentBackCount: z.number(), reopenedCount: z.number(), submittedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});

export const evidenceFileView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() });
export const eventView = z.object({
  id: z.string(), kind: z.string(), fromStatus: z.enum(rectificationStatuses).nullable(), toStatus: z.enum(rectificationStatuses).nullable(),
  text: z.string().nullable(), percent: z.number().nullable(), grade: z.enum(rectificationGrades).nullable(), actorName: z.string().nullable(), at: z.string(),
  files: z.array(evidenceFileView),
});
export const extensionView = z.object({
  id: z.string(), currentDeadline: z.string(), requestedDeadline: z.string(), reason: z.string(), status: z.enum(['pending', 'approved', 'refused', 'withdrawn']),
  requestedBy: z.string(), requestedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(),
});
export const rectificationDetail = rectificationView.extend({
  measures: z.string().nullable(),
  noticeItem: z.object({ id: z.string(), seq: z.number(), demand: z.string() }).nullable(),
  problems: z.array(z.object({ id: z.string(), description: z.string(), status: z.string(), foundOn: z.string() })),
  events: z.array(eventView),
  extensions: z.array(extensionView),
  evidenceCount: z.number(),
  verification: z.object({
    method: z.enum(verificationMethods), visit: z.object({ id: z.string(), visitDate: z.string() }).nullable(), note: z.string().nullable(),
    verifiedAt: z.string(), verifiedBy: z.string().nullable(),
  }).nullable(),
  signedOffAt: z.string().nullable(),
  /** Whose side the caller is on for this item: the owner's, the supervising office's, or neither (a reader). */
  side: z.enum(['owner', 'office']).nullable(),
  abilities: z.object(Object.fromEntries(offeredActions.map((a) => [a, z.boolean()])) as Record<Exclude<RectificationAction, 'cancel'>, z.ZodBoolean>),
});

export const planBody = z.object({ responsiblePerson: text(50), measures: text(4000) });
export const submitBody = z.object({ text: text(4000) });
export const sendBackBody = z.object({ reason: text(2000), grade: z.literal('poor').optional() });
export const verifyBody = z.object({
  method: z.enum(verificationMethods),
  visitId: z.string().max(64).nullable().optional(),
  note: text(2000),
  grade: z.enum(verifyGrades),
});
export const signOffBody = z.object({ note: z.string().trim().max(2000).optional() });
export const extensionBody = z.object({ requestedDeadline: isoDate, reason: text(2000) });
export const decideExtensionBody = z.object({ approve: z.boolean(), note: z.string().trim().max(2000).optional() });
export const reopenBody = z.object({ reason: text(2000), deadline: isoDate });
export const openForProblemBody = z.object({ deadline: isoDate, demand: z.string().trim().min(1).max(2000).optional() });
export const extensionParams = z.object({ id: z.string().min(1).max(64), extensionId: z.string().min(1).max(64) });
export const evidenceParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });

export const problemRectificationsView = z.object({
  items: z.array(rectificationView),
  /** May the caller put this problem under rectification now? */
  abilities: z.object({ open: z.boolean() }),
});
