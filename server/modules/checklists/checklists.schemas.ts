import { z } from 'zod';
import { pagingQuery } from '../../platform/http';

export const itemTypes = ['yesno', 'score', 'number', 'text'] as const;

export const checklistItem = z.object({
  key: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
  area: z.string().trim().min(1).max(40),
  text: z.string().trim().min(1).max(300),
  type: z.enum(itemTypes),
  /** Score and number: the allowed range. */
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  /** Score: below this the item fails. Number: outside [failBelow, failAbove] it fails. */
  passScore: z.number().nullable().optional(),
  failBelow: z.number().nullable().optional(),
  failAbove: z.number().nullable().optional(),
  unit: z.string().trim().max(20).nullable().optional(),
  photoRequired: z.boolean().default(false),
  guidance: z.string().trim().max(500).nullable().optional(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const checklistCreateBody = z.object({
  regionId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
  items: z.array(checklistItem).min(1).max(300),
});
export const checklistReviseBody = checklistCreateBody.omit({ regionId: true }).partial({ title: true, description: true });

export const checklistView = z.object({
  id: z.string(), code: z.string(), version: z.number(), title: z.string(), description: z.string().nullable(),
  builtIn: z.boolean(), superseded: z.boolean(), itemCount: z.number(), areas: z.array(z.string()), createdAt: z.string(),
});
export const checklistDetail = checklistView.extend({
  items: z.array(checklistItem),
  versions: z.array(z.object({ id: z.string(), version: z.number(), createdAt: z.string() })),
  abilities: z.object({ revise: z.boolean() }),
});
export const checklistListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  code: z.string().max(60).optional(),
  includeSuperseded: z.enum(['true', 'false']).optional(),
  sort: z.enum(['title', 'createdAt']).default('title'),
});
