import { z } from 'zod';
import { pagingQuery } from '../../platform/http';

export const unitKinds = ['government', 'education_bureau', 'member_unit', 'supervision_office', 'school', 'kindergarten', 'training_institution'] as const;
export const stages = ['preschool', 'primary', 'junior', 'nine_year', 'senior', 'complete_secondary', 'twelve_year', 'secondary_vocational', 'special', 'teaching_point'] as const;
export const ownerships = ['public', 'private'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The MOE 10-digit school identification code (学校（机构）标识码): category + province + serial (domain-rules §6.2). */
export const SCHOOL_CODE = /^(11|2[12]|3[1-7]|4[12]|51|9[1-3])(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{6}$/;

export const unitFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(unitKinds),
  regionId: z.string().min(1).max(64),
  schoolCode: z.string().trim().regex(SCHOOL_CODE).nullable().optional(),
  stage: z.enum(stages).nullable().optional(),
  ownership: z.enum(ownerships).nullable().optional(),
  enrolment: z.number().int().min(0).max(100000).nullable().optional(),
  staffCount: z.number().int().min(0).max(20000).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contactPhone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/).nullable().optional(),
};

export const unitCreateBody = z.object(unitFields);
export const unitUpdateBody = z.object(unitFields).partial();

export const unitView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  regionId: z.string(),
  region: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  schoolCode: z.string().nullable(),
  stage: z.enum(stages).nullable(),
  ownership: z.enum(ownerships).nullable(),
  enrolment: z.number().nullable(),
  staffCount: z.number().nullable(),
  address: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  synthetic: z.boolean(),
  active: z.boolean(),
  updatedAt: z.string(),
});

export const unitDetail = unitView.extend({
  contactPhone: z.string().nullable(),
  abilities: z.object({ update: z.boolean(), deactivate: z.boolean(), uploadFile: z.boolean() }),
});

export const unitFilters = {
  q: z.string().trim().max(50).optional(),
  kind: z.enum(unitKinds).optional(),
  regionId: z.string().max(64).optional(),
  stage: z.enum(stages).optional(),
  ownership: z.enum(ownerships).optional(),
  active: z.enum(['true', 'false']).optional(),
};

export const unitSorts = ['name', 'schoolCode', 'enrolment', 'staffCount', 'kind', 'updatedAt'] as const;

export const unitListQuery = z.object({ ...pagingQuery, ...unitFilters, sort: z.enum(unitSorts).default('name') });
export const unitExportQuery = z.object({ ...unitFilters, sort: z.enum(unitSorts).default('name'), order: z.enum(['asc', 'desc']).default('asc') });

export type UnitListQuery = z.infer<typeof unitListQuery>;
export type UnitFilters = z.infer<typeof unitExportQuery>;
