import { z } from 'zod';
import { pageOf, pagingQuery, queryBool } from '../../platform/http';

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationListQuery = z.object({
  page: pagingQuery.page,
  pageSize: pagingQuery.pageSize,
  unread: queryBool.optional(),
});

/** The caller's notifications, newest first, with the unread count for the bell. */
export const notificationPage = pageOf(notificationView).extend({ unreadCount: z.number() });

export const readAllView = z.object({ updated: z.number(), unreadCount: z.number() });

/**
 * What can wait on a user: a notice to acknowledge or reply to (for the units they answer for), a notice to
 * approve, their own draft returned by the approver, a rectification item to submit (owner), to verify or
 * sign off (supervising office), an extension request to decide.
 */
export const myWorkKinds = ['acknowledge', 'reply', 'approve', 'returned', 'submit', 'verify', 'sign_off', 'decide_extension'] as const;
export type MyWorkKind = (typeof myWorkKinds)[number];

export const myWorkEntry = z.object({
  kind: z.enum(myWorkKinds),
  /** Unique in the list: kind and record. */
  key: z.string(),
  /** The notice or rectification item to open. */
  entityId: z.string(),
  title: z.string(),
  /** The notice an item comes from, a notice's document number or issuing office, or the approver's note on a returned draft. */
  context: z.string().nullable(),
  link: z.string(),
  /** A rectification item's deadline; for a notice, the earliest deadline among its items. */
  deadline: z.string().nullable(),
  light: z.enum(['green', 'yellow', 'red', 'none']),
  /** The unit concerned (recipient or owner). */
  unit: z.string().nullable(),
  /** Since when it waits: issued, submitted for approval, returned, submitted for verification, verified, requested. */
  since: z.string().nullable(),
  /** For an extension request: the deadline asked for. */
  requestedDeadline: z.string().nullable(),
});

export const myWorkQuery = z.object({
  kind: z.enum(myWorkKinds).optional(),
  /** Entries per kind, the most urgent first; the counts are always complete. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const myWorkView = z.object({
  today: z.string(),
  items: z.array(myWorkEntry),
  counts: z.object(Object.fromEntries(myWorkKinds.map((k) => [k, z.number()])) as Record<MyWorkKind, z.ZodNumber>),
  total: z.number(),
});
