import { z } from 'zod';
import { pagingQuery } from '../../platform/http';

/** Balanced development's requests and responses. Figures travel as decimal text keyed as in balance.figures.ts. */

/** 2020 is the 2020–2021 school year (2020学年). */
export const schoolYear = z.coerce.number().int().min(2000).max(2100);

export const statisticListQuery = z.object({
  ...pagingQuery,
  schoolYear,
  regionId: z.string().min(1).max(64).optional(),
  q: z.string().trim().max(50).optional(),
});
export const statisticImportQuery = z.object({ schoolYear });
export const statisticTemplateQuery = z.object({});

export const statisticCorrectBody = z.object({
  /** Only the figures given change; an empty string clears one. */
  figures: z.record(z.string(), z.union([z.string().max(30), z.number()])),
});

export const statisticView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  schoolCode: z.string().nullable(),
  stage: z.string().nullable(),
  ownership: z.string().nullable(),
  regionName: z.string(),
  schoolYear: z.number(),
  figures: z.record(z.string(), z.string()),
  updatedAt: z.string(),
  abilities: z.object({ correct: z.boolean() }),
});
export type StatisticView = z.infer<typeof statisticView>;

export const statisticImportResult = z.object({ imported: z.number(), replaced: z.number() });
