/**
 * A province's own values of the national rule sets: its 实施方案 and 计算说明 may set other thresholds, count
 * private schools or small teaching points differently, or weight combined schools' sections otherwise. The
 * values are kept per province and standard in the settings store; a county is assessed by its province's
 * values, or the national ones where none are set. Only an office whose place covers the province edits them:
 * a county never sets the rules it is judged by.
 */
import type { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { AppError, invalidField } from '../../platform/errors';
import type { PolicyActor } from '../../platform/policy';
import { readStoredSetting, writeSetting } from '../../platform/settings-store';
import { basicValues, qualityValues, type BalanceStandard, type BasicValues, type QualityValues, type ruleSetBody, type commonValues } from './balance.contract';
import { statisticRules } from './balance.policy';
import { readableRegion } from './balance.service';
import { basic2012, quality2017, type BasicRules, type InclusionRules, type QualityRules, type SplitRules } from './balance.rules';

function commonOf(r: { inclusion: InclusionRules; split: SplitRules }) {
  return {
    privateIncluded: r.inclusion.private,
    teachingPointMinStudents: r.inclusion.teachingPoints === 'exclude' ? null : r.inclusion.teachingPoints.minStudents,
    split: { nineYearJunior: r.split.nineYear.junior, twelveYearJunior: r.split.twelveYear.junior, twelveYearSenior: r.split.twelveYear.senior, completeSenior: r.split.complete.senior },
  };
}

function withCommon<R extends { inclusion: InclusionRules; split: SplitRules }>(base: R, v: z.infer<typeof commonValues>): R {
  return {
    ...base,
    inclusion: { private: v.privateIncluded, teachingPoints: v.teachingPointMinStudents === null ? 'exclude' : { minStudents: v.teachingPointMinStudents } },
    split: {
      ...base.split,
      nineYear: { primary: '1', junior: v.split.nineYearJunior },
      twelveYear: { primary: '1', junior: v.split.twelveYearJunior, senior: v.split.twelveYearSenior },
      complete: { junior: '1', senior: v.split.completeSenior },
    },
  };
}

export const nationalValues = {
  quality2017: (): QualityValues => ({
    thresholds: Object.fromEntries(quality2017.indicators.map((i) => [i.id, { ...i.threshold }])),
    cvMax: { ...quality2017.cvMax }, minMet: quality2017.perSchool.minMet, restShare: quality2017.perSchool.restShare,
    maxSchoolStudents: quality2017.assurance.maxSchoolStudents, maxCombinedCompulsoryStudents: quality2017.assurance.maxCombinedCompulsoryStudents,
    maxClassSize: { ...quality2017.assurance.maxClassSize }, classesPerArtRoom: quality2017.assurance.classesPerArtRoom,
    ...commonOf(quality2017),
  }),
  basic2012: (): BasicValues => ({ compositeMax: { ...basic2012.compositeMax }, ...commonOf(basic2012) }),
};

export function qualityRulesOf(v: QualityValues): QualityRules {
  return withCommon({
    ...quality2017,
    indicators: quality2017.indicators.map((i) => ({ ...i, threshold: v.thresholds[i.id] ?? i.threshold })),
    cvMax: v.cvMax,
    perSchool: { minMet: v.minMet, restShare: v.restShare },
    assurance: { maxSchoolStudents: v.maxSchoolStudents, maxCombinedCompulsoryStudents: v.maxCombinedCompulsoryStudents, maxClassSize: v.maxClassSize, classesPerArtRoom: v.classesPerArtRoom },
  }, v);
}

export function basicRulesOf(v: BasicValues): BasicRules {
  return withCommon({ ...basic2012, compositeMax: v.compositeMax }, v);
}

const settingKey = (provinceId: string, standard: BalanceStandard) => `balance.rules.${provinceId}.${standard}`;

/** The province a region lies in, found on its path; null where the deployment's top is below a province. */
export async function provinceOf(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  return (await db.selectFrom('regions').select(['id', 'name', 'path']).where('id', 'in', ids).where('level', '=', 'province').executeTakeFirst()) ?? null;
}

async function storedValues(db: Executor, provinceId: string | null, standard: BalanceStandard) {
  if (!provinceId) return { values: nationalValues[standard](), adjusted: false };
  const { value, stored } = standard === 'quality2017'
    ? await readStoredSetting(db, settingKey(provinceId, standard), qualityValues, nationalValues.quality2017())
    : await readStoredSetting(db, settingKey(provinceId, standard), basicValues, nationalValues.basic2012());
  return { values: value as QualityValues | BasicValues, adjusted: stored };
}

/** The rule set a county under this path is assessed by, and whose values they are. */
export async function rulesFor(db: Executor, path: string, standard: BalanceStandard) {
  const province = await provinceOf(db, path);
  const { values, adjusted } = await storedValues(db, province?.id ?? null, standard);
  const rules = standard === 'quality2017' ? qualityRulesOf(values as QualityValues) : basicRulesOf(values as BasicValues);
  return { rules, adjustedBy: adjusted ? province!.name : null };
}

export async function ruleSetDetail(db: Executor, actor: PolicyActor, input: { regionId: string; standard: BalanceStandard }) {
  const region = await readableRegion(db, actor, input.regionId);
  const province = await provinceOf(db, region.path);
  const { values, adjusted } = await storedValues(db, province?.id ?? null, input.standard);
  return {
    province: province && { id: province.id, name: province.name }, standard: input.standard, adjusted, values, national: nationalValues[input.standard](),
    abilities: { edit: !!province && statisticRules.correct.can(actor, { regionPath: province.path }) },
  };
}

export async function saveRuleSet(platform: Platform, ctx: RequestContext, input: z.infer<typeof ruleSetBody>) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const region = await readableRegion(trx, actor, input.regionId);
    const province = await provinceOf(trx, region.path);
    if (!province) throw invalidField('regionId', 'BALANCE_NO_PROVINCE');
    if (!statisticRules.correct.can(actor, { regionPath: province.path })) throw new AppError('FORBIDDEN', 'BALANCE_RULES_PROVINCE_ONLY');
    const before = (await storedValues(trx, province.id, input.standard)).values;
    await writeSetting(trx, settingKey(province.id, input.standard), input.values, platform.clock);
    await platform.audit.record(trx, ctx, { action: 'balance_rules.update', entityType: 'balance_rules', entityId: `${province.id}:${input.standard}`, detail: { before, after: input.values } });
    return ruleSetDetail(trx, actor, { regionId: province.id, standard: input.standard });
  });
}
