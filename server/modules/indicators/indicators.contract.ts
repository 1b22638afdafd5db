import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { levels } from './indicators.engine';

/**
 * The indicator frameworks' requests and responses. A framework travels as a flat list of nodes, parent by
 * code (as its .xlsx does, one row per node); points are decimal text with at most two places ("12.5"), so
 * nothing is a float on the way in or out.
 */

export const methods = ['manual', 'yesNo', 'graded', 'formula', 'deduction'] as const;
export const aggregations = ['weightedSum', 'allPass', 'kOfN', 'eachShare'] as const;
export const frameworkStatuses = ['draft', 'published'] as const;

const pointsText = z.string().trim().regex(/^\d{1,5}(\.\d{1,2})?$/);
const decimalText = z.string().trim().regex(/^\d{1,12}(\.\d{1,6})?$/);
/** A share of a threshold: above 0, at most 1, up to four places ("0.85"). */
const shareText = z.string().trim().regex(/^(0\.\d{1,4}|1(\.0{1,4})?)$/);
const nodeCode = z.string().trim().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/);
/** The key of a reported number a formula reads ("students"). */
const numberKey = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
const eventKey = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);

export const frameworkNode = z.object({
  code: nodeCode,
  parentCode: nodeCode.nullable().optional(),
  name: z.string().trim().min(1).max(200),
  maxPoints: pointsText,
  /** A leaf's scoring method; empty for a parent. */
  scoring: z.enum(methods).nullable().optional(),
  levels: z.array(z.object({ tier: z.enum(levels), points: pointsText })).max(4).optional(),
  passLevel: z.enum(levels).nullable().optional(),
  numerator: numberKey.nullable().optional(),
  denominator: numberKey.nullable().optional(),
  scale: decimalText.nullable().optional(),
  threshold: decimalText.nullable().optional(),
  direction: z.enum(['atLeast', 'atMost']).nullable().optional(),
  partial: z.enum(['none', 'proportional']).nullable().optional(),
  perOccurrence: pointsText.nullable().optional(),
  floor: pointsText.nullable().optional(),
  /** A parent's aggregation rule; empty for a leaf. */
  aggregation: z.enum(aggregations).nullable().optional(),
  k: z.number().int().min(1).max(100).nullable().optional(),
  share: shareText.nullable().optional(),
  passPoints: pointsText.nullable().optional(),
  veto: z.boolean().optional(),
  evidence: z.array(z.string().trim().min(1).max(200)).max(30).optional(),
  guidance: z.string().trim().max(2000).nullable().optional(),
});
export type FrameworkNodeInput = z.infer<typeof frameworkNode>;

const eventRule = z.object({ event: eventKey, label: z.string().trim().min(1).max(100) });
export const frameworkRules = z.object({
  grades: z.array(z.object({ grade: z.string().trim().min(1).max(20), minPoints: pointsText })).min(2).max(8),
  downgrades: z.array(eventRule).max(20),
  caps: z.array(eventRule.extend({ best: z.string().trim().min(1).max(20) })).max(20),
  vetoes: z.array(eventRule).max(20),
  credibility: z.object({ tolerance: pointsText, deductionPerPoint: pointsText, maxDeduction: pointsText }).nullable(),
});
export type FrameworkRulesInput = z.infer<typeof frameworkRules>;

const frameworkFields = {
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
  totalPoints: pointsText,
  nodes: z.array(frameworkNode).min(1).max(1000),
  rules: frameworkRules,
};

export const frameworkCreateBody = z.object({ regionId: z.string().min(1).max(64), ...frameworkFields });
/** A copy of a framework this office can read (the built-in one, the city's) becomes its own first version. */
export const frameworkCopyBody = z.object({ regionId: z.string().min(1).max(64), title: frameworkFields.title });
export const frameworkUpdateBody = z.object(frameworkFields);
export const frameworkImportQuery = z.object({ regionId: z.string().min(1).max(64), title: frameworkFields.title });
export const frameworkListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  status: z.enum(frameworkStatuses).optional(),
  family: z.string().max(64).optional(),
});

export const frameworkNodeView = frameworkNode.required().extend({
  parentCode: z.string().nullable(),
  depth: z.number(),
  isLeaf: z.boolean(),
  levels: z.array(z.object({ tier: z.enum(levels), points: z.string() })),
  veto: z.boolean(),
  evidence: z.array(z.string()),
});
export type FrameworkNodeView = z.infer<typeof frameworkNodeView>;

export const frameworkView = z.object({
  id: z.string(), family: z.string(), version: z.number(), title: z.string(), description: z.string().nullable(),
  status: z.enum(frameworkStatuses), builtIn: z.boolean(), regionName: z.string().nullable(), totalPoints: z.string(),
  indicatorCount: z.number(), createdAt: z.string(), updatedAt: z.string(), publishedAt: z.string().nullable(),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), newVersion: z.boolean(), copy: z.boolean() }),
});
export type FrameworkView = z.infer<typeof frameworkView>;

export const frameworkDetail = frameworkView.extend({
  nodes: z.array(frameworkNodeView),
  rules: frameworkRules,
  /** Reported numbers the formulas read. */
  numberKeys: z.array(z.string()),
  versions: z.array(z.object({ id: z.string(), version: z.number(), status: z.enum(frameworkStatuses), publishedAt: z.string().nullable() })),
});
export type FrameworkDetail = z.infer<typeof frameworkDetail>;
