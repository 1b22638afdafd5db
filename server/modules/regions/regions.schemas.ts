import { z } from 'zod';
import { pagingQuery } from '../../platform/http';

export const regionLevels = ['province', 'city', 'county', 'township', 'village', 'zone'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const regionView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentId: z.string().nullable(),
  active: z.boolean(),
});

export const regionNode = regionView.extend({ hasChildren: z.boolean() });

export const regionDetail = regionView.extend({
  ancestors: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  unitCount: z.number(),
  abilities: z.object({ update: z.boolean(), createChild: z.boolean() }),
});

export const childrenQuery = z.object({ parentId: z.string().max(64).optional() });

const regionFilters = {
  q: z.string().trim().max(50).optional(),
  level: z.enum(regionLevels).optional(),
  parentId: z.string().max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['code', 'name', 'level']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export const regionListQuery = z.object({ ...pagingQuery, ...regionFilters });
export const regionExportQuery = z.object(regionFilters);
export type RegionFilters = z.infer<typeof regionExportQuery>;

const codeSchema = z.string().trim().min(2).max(20).regex(/^[0-9A-Za-z-]+$/);

export const regionCreateBody = z.object({
  code: codeSchema,
  name: z.string().trim().min(1).max(50),
  level: z.enum(regionLevels),
  parentId: z.string().min(1).max(64),
});

export const regionUpdateBody = z.object({
  code: codeSchema.optional(),
  name: z.string().trim().min(1).max(50).optional(),
  active: z.boolean().optional(),
});
