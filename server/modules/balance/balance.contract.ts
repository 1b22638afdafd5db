import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { quality2017 } from './balance.rules';

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

/** The two national standards a county is assessed against. */
export const balanceStandards = ['quality2017', 'basic2012'] as const;
export type BalanceStandard = (typeof balanceStandards)[number];

export const assessmentQuery = z.object({
  regionId: z.string().min(1).max(64),
  schoolYear,
  standard: z.enum(balanceStandards).default('quality2017'),
});
export const assessmentExportQuery = assessmentQuery.extend({ format: z.enum(['xlsx', 'pdf']).default('xlsx') });

/** Figures changed for a what-if, by school (unit id); nothing is saved. */
export const whatIfBody = assessmentQuery.extend({
  changes: z.record(z.string().min(1).max(64), statisticCorrectBody.shape.figures),
});

/** Which failing schools (and whether the county's own failing items) become problems in the register. */
export const assessmentProblemsBody = assessmentQuery.extend({
  unitIds: z.array(z.string().min(1).max(64)).max(500).default([]),
  county: z.boolean().default(false),
});
export const assessmentProblemsResult = z.object({ created: z.number(), skipped: z.number() });

const outcome = z.enum(['met', 'notMet', 'undetermined']);
const namedSchool = z.object({ unitId: z.string(), code: z.string(), name: z.string() });

export const reportIndicator = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  /** The standard a school's value is held to (优质均衡 only). */
  threshold: z.string().nullable(),
  mean: z.string(),
  cv: z.string().nullable(),
  /** The highest coefficient allowed (优质均衡), null under 基本均衡 where only the composite is held to one. */
  max: z.string().nullable(),
  cvMet: z.boolean().nullable(),
  /** The schools that move the coefficient most, largest share first. */
  shares: z.array(namedSchool.extend({ share: z.string() })),
});

export const reportSchool = namedSchool.extend({
  kind: z.string(),
  students: z.number(),
  /** A combined school's section share of the split facilities ("0.4762"). */
  splitShare: z.string().nullable(),
  passed: z.boolean().nullable(),
  values: z.array(z.object({ indicator: z.string(), value: z.string(), met: z.boolean().nullable(), atFloor: z.boolean(), gap: z.string().nullable() })),
  reasons: z.array(z.string()),
});

export const reportStage = z.object({
  stage: z.enum(['primary', 'junior']),
  outcome,
  verdict: z.array(z.string()),
  indicators: z.array(reportIndicator),
  composite: z.object({ cv: z.string().nullable(), max: z.string() }).nullable(),
  schools: z.array(reportSchool),
});

export const assessmentReport = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  schoolYear: z.number(),
  /** `adjustedBy`: the province whose own values of the rule set were used; null for the national values. */
  standard: z.object({ id: z.enum(balanceStandards), name: z.string(), document: z.string(), adjustedBy: z.string().nullable() }),
  outcome,
  verdict: z.array(z.string()),
  dataErrors: z.array(z.string()),
  excluded: z.array(namedSchool.extend({ reason: z.string() })),
  stages: z.array(reportStage),
  assurance: z.array(z.object({
    item: z.string(),
    outcome,
    offenders: z.array(namedSchool.extend({ reason: z.string() })),
    notChecked: z.array(z.string()),
  })),
  /** Whether the caller may turn failing items into problems. */
  abilities: z.object({ raiseProblems: z.boolean() }),
});
export type AssessmentReport = z.infer<typeof assessmentReport>;

export const comparisonQuery = z.object({ regionId: z.string().min(1).max(64), standard: z.enum(balanceStandards).default('quality2017') });

/** A city's counties side by side, one entry per county and school year (the trend). */
export const comparisonView = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  schoolYears: z.array(z.number()),
  counties: z.array(z.object({
    id: z.string(),
    name: z.string(),
    years: z.array(z.object({
      schoolYear: z.number(),
      outcome,
      schools: z.number(),
      failingSchools: z.number(),
      stages: z.array(z.object({ stage: z.enum(['primary', 'junior']), outcome, cvs: z.array(z.object({ indicator: z.string(), cv: z.string().nullable(), cvNumber: z.number().nullable() })) })),
    })),
  })),
});
export type ComparisonView = z.infer<typeof comparisonView>;

/** The balanced-development rule values a province sets for its counties. */
const decimal = z.string().trim().regex(/^\d{1,7}(\.\d{1,4})?$/);
const share = decimal.refine((v) => Number(v) > 0 && Number(v) <= 1);
const stagePair = z.object({ primary: decimal, junior: decimal });
const count = z.number().int().min(1).max(100_000);

export const commonValues = z.object({
  /** Whether private (民办) schools count. */
  privateIncluded: z.boolean(),
  /** Teaching points with at least this many students count; null: none count. */
  teachingPointMinStudents: z.number().int().min(0).max(10_000).nullable(),
  /** A section's student weight against the primary section's 1 (the 完全中学 against its junior section). */
  split: z.object({ nineYearJunior: decimal, twelveYearJunior: decimal, twelveYearSenior: decimal, completeSenior: decimal }),
});

/** A province's values of the 2017 rule set (balance.rulesets.ts), every decimal as text. */
export const qualityValues = commonValues.extend({
  thresholds: z.object(Object.fromEntries(quality2017.indicators.map((i) => [i.id, stagePair])) as Record<string, typeof stagePair>),
  cvMax: stagePair,
  minMet: z.number().int().min(1).max(quality2017.indicators.length),
  restShare: share,
  maxSchoolStudents: count,
  maxCombinedCompulsoryStudents: count,
  maxClassSize: z.object({ primary: count, junior: count }),
  classesPerArtRoom: count,
});
export const basicValues = commonValues.extend({ compositeMax: stagePair });
export type QualityValues = z.infer<typeof qualityValues>;
export type BasicValues = z.infer<typeof basicValues>;

export const ruleSetQuery = z.object({ regionId: z.string().min(1).max(64), standard: z.enum(balanceStandards).default('quality2017') });
export const ruleSetBody = z.discriminatedUnion('standard', [
  z.object({ regionId: z.string().min(1).max(64), standard: z.literal('quality2017'), values: qualityValues }),
  z.object({ regionId: z.string().min(1).max(64), standard: z.literal('basic2012'), values: basicValues }),
]);
export const ruleSetView = z.object({
  province: z.object({ id: z.string(), name: z.string() }).nullable(),
  standard: z.enum(balanceStandards),
  /** Whether the province has set values of its own. */
  adjusted: z.boolean(),
  values: z.union([qualityValues, basicValues]),
  national: z.union([qualityValues, basicValues]),
  abilities: z.object({ edit: z.boolean() }),
});

export type RuleSetView = z.infer<typeof ruleSetView>;
