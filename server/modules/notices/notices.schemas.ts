import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { basisDoc, isoDate } from '../tasks/tasks.schemas';
import { rectificationStatuses } from '../rectification/rectification-status';
import { noticeStatuses } from './notice-status';

export const recipientKinds = ['main', 'copy'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

const ref = z.object({ id: z.string(), name: z.string() });
const id = z.string().min(1).max(64);

// ---------- notice types and number patterns ----------

export const noticeTypeView = z.object({
  key: z.string(), nameZh: z.string(), nameEn: z.string(), name: z.string(), sort: z.number(), active: z.boolean(),
  /** Null: a national type. */
  region: ref.nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export const noticeTypeCreateBody = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/).optional(),
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(60).optional(),
  sort: z.number().int().min(0).max(999).optional(),
});
export const noticeTypeUpdateBody = z.object({
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(60),
  sort: z.number().int().min(0).max(999),
  active: z.boolean(),
}).partial();
export const noticeTypeParams = z.object({ key: z.string().min(1).max(40) });

export const numberPatternView = z.object({
  typeKey: z.string(), typeName: z.string(), pattern: z.string(), isDefault: z.boolean(),
  /** The number the next notice of this type would get this year. */
  nextNumber: z.string(),
});
export const numberPatternBody = z.object({
  typeKey: z.string().min(1).max(40),
  /** Null returns the type to the default pattern. */
  pattern: z.string().trim().min(5).max(60).nullable(),
});

// ---------- notices ----------

export const recipientInput = z.object({ unitId: id, kind: z.enum(recipientKinds) });
export const itemInput = z.object({
  demand: z.string().trim().min(1).max(1000),
  deadline: isoDate,
  /** The main recipients the item applies to; null or absent: every main recipient. */
  unitIds: z.array(id).min(1).max(500).nullable().optional(),
  problemIds: z.array(id).max(200).optional(),
});

const draftFields = {
  typeKey: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20000),
  /** The issuing organ as printed (发文机关署名); by default the office's supervision-office unit. */
  issuerName: z.string().trim().min(2).max(60).nullable().optional(),
  basis: z.array(basisDoc).max(20).optional(),
  taskId: id.nullable().optional(),
  recipients: z.array(recipientInput).max(500),
  items: z.array(itemInput).max(50),
};

/** The whole draft, as createNoticeDraft takes it (the route fills regionId with the caller's own region). */
export const noticeDraftInput = z.object({
  regionId: id,
  ...draftFields,
  escalatedFrom: z.string().trim().min(1).max(60).nullable().optional(),
});
export const noticeCreateBody = noticeDraftInput.extend({
  regionId: id.optional(),
  recipients: draftFields.recipients.default([]),
  items: draftFields.items.default([]),
});
export const noticeUpdateBody = z.object(draftFields).partial();

export const approveBody = z.object({ note: z.string().trim().max(500).nullable().optional() });
export const returnBody = z.object({ note: z.string().trim().min(1).max(500) });
export const withdrawBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const acknowledgeBody = z.object({
  /** The addressed unit acknowledging; may be left out when the caller answers for exactly one. */
  unitId: id.optional(),
});
export const replyBody = z.object({ unitId: id.optional(), body: z.string().trim().min(1).max(5000) });

const counts = z.object({ main: z.number(), copy: z.number(), acknowledged: z.number(), replied: z.number() });

export const noticeView = z.object({
  id: z.string(), type: z.object({ key: z.string(), name: z.string() }), title: z.string(), status: z.enum(noticeStatuses),
  docNumber: z.string().nullable(), issuerName: z.string(), region: ref, escalatedFrom: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(), issuedAt: z.string().nullable(), issueDate: z.string().nullable(),
  /** Main and copy recipients, and how many main recipients have acknowledged and replied. */
  counts,
  /** The earliest deadline among the items. */
  nextDeadline: z.string().nullable(),
});

export const recipientView = z.object({
  id: z.string(), unit: ref, kind: z.enum(recipientKinds), acknowledgedAt: z.string().nullable(), acknowledgedByName: z.string().nullable(),
  repliedAt: z.string().nullable(),
  abilities: z.object({ acknowledge: z.boolean(), reply: z.boolean() }),
});
export const itemView = z.object({
  id: z.string(), seq: z.number(), demand: z.string(), deadline: z.string(),
  /** True when the item applies to every main recipient. */
  allMain: z.boolean(),
  units: z.array(ref),
  problems: z.array(z.object({ id: z.string(), description: z.string(), status: z.string(), unit: ref.nullable() })),
  rectifications: z.array(z.object({ id: z.string(), unitId: z.string(), status: z.enum(rectificationStatuses) })),
});
export const replyView = z.object({ id: z.string(), unit: ref, body: z.string(), repliedByName: z.string(), repliedAt: z.string() });
export const attachmentView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string(), url: z.string() });

export const noticeDetail = noticeView.extend({
  body: z.string(),
  basis: z.array(z.object({ title: z.string(), docNo: z.string().nullable() })),
  task: z.object({ id: z.string(), title: z.string() }).nullable(),
  printedBy: z.string(),
  draftedBy: ref, submittedAt: z.string().nullable(),
  approvedBy: ref.nullable(), approvedAt: z.string().nullable(), approvalNote: z.string().nullable(),
  issuedBy: ref.nullable(), closedAt: z.string().nullable(), withdrawnAt: z.string().nullable(), withdrawnReason: z.string().nullable(),
  recipients: z.array(recipientView),
  items: z.array(itemView),
  replies: z.array(replyView),
  attachments: z.array(attachmentView),
  /** office: the issuing office's subtree sees the whole notice; recipient: an addressee sees its own part. */
  side: z.enum(['office', 'recipient']),
  abilities: z.object({
    edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), issue: z.boolean(), close: z.boolean(), withdraw: z.boolean(),
    acknowledge: z.boolean(), reply: z.boolean(),
  }),
});

export const noticeSorts = ['updatedAt', 'createdAt', 'issuedAt'] as const;
export const noticeListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  status: z.enum(noticeStatuses).optional(),
  typeKey: z.string().max(40).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  taskId: id.optional(),
  /** office: notices of the caller's own subtree; received: those addressed to it from above. */
  side: z.enum(['office', 'received']).optional(),
  /** Issued notices with a main recipient that has not yet acknowledged, or not yet replied. */
  waiting: z.enum(['acknowledgement', 'reply']).optional(),
  sort: z.enum(noticeSorts).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type NoticeListQuery = z.infer<typeof noticeListQuery>;

export const inboxQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  state: z.enum(['unacknowledged', 'unreplied']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxView = z.object({
  recipientId: z.string(), kind: z.enum(recipientKinds), unit: ref,
  acknowledgedAt: z.string().nullable(), acknowledgedByName: z.string().nullable(), repliedAt: z.string().nullable(),
  notice: z.object({
    id: z.string(), title: z.string(), docNumber: z.string().nullable(), type: z.object({ key: z.string(), name: z.string() }),
    issuerName: z.string(), issueDate: z.string().nullable(), status: z.enum(noticeStatuses),
  }),
  /** The rectification items this notice opened for the unit. */
  items: z.array(z.object({ seq: z.number(), demand: z.string(), deadline: z.string(), rectification: z.object({ id: z.string(), status: z.enum(rectificationStatuses) }) })),
  abilities: z.object({ acknowledge: z.boolean(), reply: z.boolean() }),
});

export const attachmentParams = z.object({ id, fileId: id });
