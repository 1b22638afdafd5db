import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate } from '../tasks/tasks.schemas';
import { severities } from '../problems/problems.schemas';
import { complaintStatuses, satisfactions } from './complaint-status';

/** Public complaints' requests and responses: the public desk (no session) and the holding office's inbox. */

export const privacies = ['anonymous', 'office', 'office_and_unit'] as const;
const lightValues = z.enum(['green', 'yellow', 'red', 'none']);
const ref = z.object({ id: z.string(), name: z.string() });
const longText = (max: number) => z.string().trim().min(1).max(max);

// ---------- the public desk ----------

export const challengeView = z.object({ token: z.string(), difficulty: z.number(), expiresAt: z.string() });
export const publicCategory = z.object({ key: z.string(), name: z.string() });
export const publicPlaceQuery = z.object({ q: z.string().trim().min(2).max(50) });
export const publicPlace = ref;

export const fileComplaintBody = z.object({
  challenge: z.string().min(1).max(300),
  solution: z.string().min(1).max(40),
  /** The honeypot: hidden from people, so anything in it was typed by a machine. */
  website: z.string().max(200).optional(),
  unitId: z.string().max(64).nullable().optional(),
  unitText: z.string().trim().max(100).nullable().optional(),
  regionId: z.string().max(64).nullable().optional(),
  category: z.string().min(1).max(40),
  description: z.string().trim().min(10).max(4000),
  happenedOn: isoDate.nullable().optional(),
  privacy: z.enum(privacies),
  name: z.string().trim().max(50).nullable().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
});
export type FileComplaintInput = z.infer<typeof fileComplaintBody>;
export const filedView = z.object({ trackingCode: z.string(), acknowledgeDue: z.string() });

export const trackingCodeBody = z.object({ trackingCode: z.string().min(1).max(40) });
export const informationBody = trackingCodeBody.extend({ text: longText(2000) });
export const satisfactionFields = { satisfaction: z.enum(satisfactions), comment: z.string().trim().max(500).optional(), reopen: z.boolean().default(false) };
export const publicSatisfactionBody = trackingCodeBody.extend(satisfactionFields);

const publicEvent = z.object({ step: z.string(), at: z.string(), text: z.string().nullable() });
export const publicStatusView = z.object({
  status: z.enum(complaintStatuses), category: z.string(), unitName: z.string().nullable(), filedAt: z.string(),
  acknowledgeDue: z.string(), handleDue: z.string().nullable(), satisfaction: z.enum(satisfactions).nullable(),
  timeline: z.array(publicEvent), files: z.number(),
  abilities: z.object({ addInformation: z.boolean(), rate: z.boolean(), reopen: z.boolean() }),
});
export type PublicStatusView = z.infer<typeof publicStatusView>;
export const attachedView = z.object({ attached: z.number() });

// ---------- the office ----------

export const complaintListQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum(complaintStatuses).optional(),
  q: z.string().trim().max(50).optional(),
});

const abilities = z.object({
  accept: z.boolean(), reject: z.boolean(), notOurs: z.boolean(), transfer: z.boolean(), merge: z.boolean(), reply: z.boolean(),
  extend: z.boolean(), triage: z.boolean(), close: z.boolean(), satisfaction: z.boolean(), identity: z.boolean(),
});

export const complaintView = z.object({
  id: z.string(), status: z.enum(complaintStatuses), category: z.object({ key: z.string(), name: z.string() }),
  unit: ref.nullable(), unitText: z.string().nullable(), region: ref, description: z.string(), happenedOn: z.string().nullable(),
  privacy: z.enum(privacies), name: z.string().nullable(), phone: z.string().nullable(),
  createdAt: z.string(), acknowledgeDue: z.string(), handleDue: z.string().nullable(), light: lightValues,
  satisfaction: z.enum(satisfactions).nullable(), reopened: z.boolean(), mergedIntoId: z.string().nullable(), abilities,
});
export type ComplaintView = z.infer<typeof complaintView>;

export const complaintDetail = complaintView.extend({
  events: z.array(z.object({ id: z.string(), step: z.string(), actorName: z.string().nullable(), publicText: z.string().nullable(), internalNote: z.string().nullable(), at: z.string() })),
  problems: z.array(z.object({ id: z.string(), description: z.string(), status: z.string() })),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const identityView = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

const note = z.string().trim().max(2000).optional();
export const acceptBody = z.object({ reply: z.string().trim().max(2000).optional(), note });
export const answerBody = z.object({ reply: longText(2000), note });
export const mergeBody = z.object({ intoId: z.string().min(1).max(64), note });
export const transferBody = z.object({ regionId: z.string().min(1).max(64), note });
export const replyBody = z.object({ reply: z.string().trim().max(2000).optional(), note });
export const extendBody = z.object({ days: z.number().int().min(1).max(30), reason: longText(500) });
export const triageBody = z.object({
  problems: z.array(z.object({ area: z.string().min(1).max(40), severity: z.enum(severities).default('medium'), description: longText(2000) })).max(10).default([]),
  problemId: z.string().max(64).optional(),
});
export const staffSatisfactionBody = z.object(satisfactionFields);

export const categoryView = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), sort: z.number(), active: z.boolean() });
export const categoryCreateBody = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), nameZh: longText(40), nameEn: longText(80), sort: z.number().int().min(0).max(999).optional(),
});
export const categoryUpdateBody = z.object({ nameZh: longText(40), nameEn: longText(80), sort: z.number().int().min(0).max(999), active: z.boolean() }).partial();
export const categoryParams = z.object({ key: z.string().min(1).max(40) });
export type CategoryView = z.infer<typeof categoryView>;
