/**
 * A county's balanced-development assessment from its stored school-year statistics: the rows are read once
 * through the read rule, turned into the engine's school rows, assessed, and presented as one report that the
 * page, the workbook and the PDF all show. A what-if runs the same path over figures changed in memory.
 */
import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { AppError, invalidField } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import type { PolicyActor } from '../../platform/policy';
import { inSubtree, regionsScope } from '../../platform/scope';
import { chinaToday } from '../inspectors/people';
import { findOpenProblem, insertProblem } from '../problems/problems.service';
import type { AssessmentReport, BalanceStandard, ComparisonView } from './balance.contract';

type ComparisonYear = ComparisonView['counties'][number]['years'][number];
import { assessBasic, assessQuality, describe, type Amount, type BasicAssessment, type QualityAssessment, type SchoolKind, type SchoolRow } from './balance.engine';
import type { Figures } from './balance.figures';
import { statisticRules } from './balance.policy';
import * as repo from './balance.repo';
import { stages, teacherFigures, type BasicRules, type FacilityFigure, type QualityRules } from './balance.rules';
import { rulesFor } from './balance.rulesets';
import { checkedFigures, readableRegion } from './balance.service';

type StatisticRecord = Awaited<ReturnType<typeof repo.statisticsUnder>>[number];

/** The unit's stage as the engine's kind of school; a kindergarten or senior school is listed as not compulsory. */
const kindOfStage: Record<string, SchoolKind> = {
  primary: 'primary', junior: 'junior', nine_year: 'nineYear', complete_secondary: 'complete', twelve_year: 'twelveYear',
  special: 'special', teaching_point: 'teachingPoint', secondary_vocational: 'vocational', senior: 'senior', preschool: 'senior',
};

const facilityFigures: FacilityFigure[] = ['teachingAuxArea', 'indoorSportsRoomArea', 'sportsGroundArea', 'sportsHallArea', 'equipmentValue', 'multimediaRooms', 'books', 'computers'];
const sectionSuffix = { primary: 'Primary', junior: 'Junior', senior: 'Senior' } as const;

/** One stored statistic as the engine's school row; a figure not given stays absent, so the engine names it. */
export function schoolRowOf(r: Pick<StatisticRecord, 'unit_id' | 'school_code' | 'unit_name' | 'stage' | 'ownership'>, figures: Figures): SchoolRow {
  const given = (key: string): Amount | undefined => figures[key];
  const students: SchoolRow['students'] = {};
  const teachers: SchoolRow['teachers'] = {};
  for (const section of ['primary', 'junior', 'senior'] as const) {
    const count = given(`students${sectionSuffix[section]}`);
    if (count !== undefined) students[section] = count;
    const own = Object.fromEntries(teacherFigures.flatMap((f) => {
      const value = given(`${f}${sectionSuffix[section]}`);
      return value === undefined ? [] : [[f, value]];
    }));
    if (Object.keys(own).length) teachers[section] = own;
  }
  const facilities = Object.fromEntries(facilityFigures.flatMap((f) => (given(f) === undefined ? [] : [[f, given(f)!]])));
  const classes: SchoolRow['classes'] = {};
  for (const stage of stages) {
    const count = given(`classes${sectionSuffix[stage]}`);
    const largest = given(`largestClass${sectionSuffix[stage]}`);
    if (count !== undefined || largest !== undefined) classes[stage] = { count, largest };
  }
  const music = given('musicRooms');
  const art = given('artRooms');
  return {
    unitId: r.unit_id, code: r.school_code ?? '', name: r.unit_name, kind: kindOfStage[r.stage ?? ''] ?? 'senior', private: r.ownership === 'private',
    students, teachers, facilities, classes, ...(music !== undefined || art !== undefined ? { artRooms: { music, art } } : {}),
  };
}

/** A county the caller reads; a city or township is refused, because a coefficient is a county's. */
async function countyOf(db: Executor, actor: PolicyActor, regionId: string) {
  const region = await readableRegion(db, actor, regionId);
  if (region.level !== 'county') throw invalidField('regionId', 'BALANCE_NOT_A_COUNTY');
  return region;
}

function run(rules: QualityRules | BasicRules, rows: SchoolRow[]): QualityAssessment | BasicAssessment {
  return 'perSchool' in rules ? assessQuality(rows, rules) : assessBasic(rows, rules);
}

const isQuality = (a: QualityAssessment | BasicAssessment): a is QualityAssessment => 'assurance' in a;

/** The engine's answer in the caller's words: every reason as a sentence, every value as the text a report prints. */
function presentAssessment(a: QualityAssessment | BasicAssessment, locale: Locale, head: Pick<AssessmentReport, 'region' | 'schoolYear' | 'abilities'> & {
  standard: BalanceStandard; rules: QualityRules | BasicRules; adjustedBy: string | null;
}): AssessmentReport {
  const say = (reasons: Parameters<typeof describe>[0][]) => reasons.map((r) => describe(r, locale));
  const rules = head.rules;
  const stagesOut = a.stages.map((s) => {
    const indicators = s.indicators.map((row) => {
      const max = 'max' in row ? (row as { max: string }).max : null;
      const threshold = 'perSchool' in rules ? rules.indicators.find((i) => i.id === row.indicator.id)!.threshold[s.stage] : null;
      return {
        id: row.indicator.id, name: row.indicator.name[locale], unit: row.indicator.unit[locale], threshold,
        mean: row.mean.text, cv: row.cv?.text ?? null, max, cvMet: 'met' in row ? (row as { met: boolean | null }).met : null,
        shares: row.shares.filter((x) => x.share).slice(0, 5).map((x) => ({ unitId: x.unitId, code: x.code, name: x.name, share: x.share!.text })),
      };
    });
    const schools = s.schools.map((school) => {
      const items = 'items' in school ? school.items : null;
      return {
        unitId: school.unitId, code: school.code, name: school.name, kind: school.kind, students: school.students, splitShare: school.splitShare?.text ?? null,
        passed: 'passed' in school ? school.passed : null,
        values: items
          ? items.map((i) => ({ indicator: i.indicator, value: i.value.text, met: i.met, atFloor: i.atFloor, gap: i.gap?.text ?? null }))
          : (school as { values: { indicator: string; value: { text: string } }[] }).values.map((v) => ({ indicator: v.indicator, value: v.value.text, met: null, atFloor: false, gap: null })),
        reasons: 'reasons' in school ? say(school.reasons) : [],
      };
    });
    const composite = 'composite' in s ? { cv: s.composite?.text ?? null, max: s.max } : null;
    return { stage: s.stage, outcome: s.verdict.outcome, verdict: say(s.verdict.reasons), indicators, composite, schools };
  });
  return {
    region: head.region, schoolYear: head.schoolYear,
    standard: { id: head.standard, name: rules.name[locale], document: rules.document, adjustedBy: head.adjustedBy },
    outcome: a.verdict.outcome, verdict: say(a.verdict.reasons), dataErrors: say(a.dataErrors),
    excluded: a.excluded.map((x) => ({ unitId: x.unitId, code: x.code, name: x.name, reason: describe(x.reason, locale) })),
    stages: stagesOut,
    assurance: isQuality(a) ? a.assurance.map((c) => ({
      item: c.item, outcome: c.outcome,
      offenders: c.offenders.map((o) => ({ unitId: o.unitId, code: o.code, name: o.name, reason: describe(o.reason, locale) })),
      notChecked: c.notChecked.map((n) => n.name),
    })) : [],
    abilities: head.abilities,
  };
}

interface AssessmentInput {
  regionId: string;
  schoolYear: number;
  standard: BalanceStandard;
}

/** The county, its stored rows and the engine's answer, with figures changed in memory for a what-if. */
async function assessed(db: Executor, actor: PolicyActor, input: AssessmentInput, changes: Record<string, Figures> = {}) {
  const county = await countyOf(db, actor, input.regionId);
  const records = await repo.statisticsUnder(db, actor, input.schoolYear, county.path);
  const rows = records.map((r) => schoolRowOf(r, { ...(JSON.parse(r.figures) as Figures), ...(changes[r.unit_id] ?? {}) }));
  const raiseProblems = actor.permissions.has('problems.write') && statisticRules.correct.can(actor, { regionPath: county.path });
  const { rules, adjustedBy } = await rulesFor(db, county.path, input.standard);
  const head = { region: { id: county.id, name: county.name }, schoolYear: input.schoolYear, standard: input.standard, rules, adjustedBy, abilities: { raiseProblems } };
  return { county, records, assessment: run(rules, rows), raiseProblems, head };
}

export async function countyAssessment(db: Executor, actor: PolicyActor, locale: Locale, input: AssessmentInput): Promise<AssessmentReport> {
  const { assessment, head } = await assessed(db, actor, input);
  return presentAssessment(assessment, locale, head);
}

/** The same assessment with some schools' figures changed; each change is checked as a correction would be. */
export async function whatIfAssessment(db: Executor, actor: PolicyActor, locale: Locale, input: AssessmentInput & { changes: Record<string, Record<string, string | number>> }): Promise<AssessmentReport> {
  const changes: Record<string, Figures> = {};
  for (const [unitId, given] of Object.entries(input.changes)) {
    const { figures, issues } = checkedFigures(given);
    if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues.map((i) => ({ ...i, field: `changes.${unitId}.${i.field}` })) });
    changes[unitId] = figures;
  }
  const { assessment, head } = await assessed(db, actor, input, changes);
  return presentAssessment(assessment, locale, head);
}

/**
 * Failing schools, and the county's own failing items, become problems with source "data signal" in the
 * register, so that notices and rectification carry them on. A problem already open with the same words is
 * not raised twice.
 */
export async function raiseAssessmentProblems(platform: Platform, ctx: RequestContext, input: AssessmentInput & { unitIds: string[]; county: boolean }) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  return platform.database.db.transaction().execute(async (trx) => {
    const { county, records, assessment, raiseProblems, head } = await assessed(trx, actor, input);
    if (!raiseProblems) throw new AppError('FORBIDDEN');
    const report = presentAssessment(assessment, locale, head);
    const heading = `${yearWords(input.schoolYear, locale)}${report.standard.name}${locale === 'en' ? ' assessment: ' : '评估：'}`;
    const joiner = locale === 'en' ? '; ' : '；';
    const foundOn = chinaToday(platform.clock.now());
    const wanted: { unitId: string | null; region: { id: string; path: string }; description: string }[] = [];
    const byUnit = new Map(records.map((r) => [r.unit_id, r]));
    for (const unitId of input.unitIds) {
      const record = byUnit.get(unitId);
      const reasons = report.stages.flatMap((s) => s.schools.filter((x) => x.unitId === unitId && x.passed === false).flatMap((x) => x.reasons));
      if (!record || !reasons.length) throw invalidField('unitIds', 'BALANCE_SCHOOL_NOT_FAILING');
      wanted.push({ unitId, region: { id: record.region_id, path: record.region_path }, description: heading + reasons.join(joiner) });
    }
    if (input.county) {
      const failing = report.stages.filter((s) => s.outcome === 'notMet').flatMap((s) => s.verdict);
      const assurance = report.assurance.flatMap((c) => c.offenders.map((o) => o.reason));
      if (!failing.length && !assurance.length) throw invalidField('county', 'BALANCE_COUNTY_NOT_FAILING');
      wanted.push({ unitId: null, region: { id: county.id, path: county.path }, description: `${county.name}${heading}${[...failing, ...assurance].join(joiner)}` });
    }
    let created = 0;
    for (const w of wanted) {
      if (await findOpenProblem(trx, { unitId: w.unitId, regionId: w.region.id, source: 'data_signal', description: w.description })) continue;
      await insertProblem(trx, platform, ctx, {
        source: 'data_signal', area: 'compulsory', severity: 'medium', region: w.region, unitId: w.unitId, taskId: null, visitId: null, itemKey: null,
        description: w.description, foundBy: actor.displayName, foundByAccountId: actor.id, foundOn, deadline: null,
      });
      created += 1;
    }
    return { created, skipped: wanted.length - created };
  });
}

/** 2020 → 2020—2021学年, as a return is headed. */
export function yearWords(schoolYear: number, locale: Locale): string {
  return locale === 'en' ? `${schoolYear}–${schoolYear + 1} school year ` : `${schoolYear}—${schoolYear + 1}学年`;
}

/**
 * A city's counties side by side over its latest school years on record: each county's verdict and
 * coefficients. One read per school year for the whole city, split by county in memory.
 */
export async function cityComparison(db: Executor, actor: PolicyActor, input: { regionId: string; standard: BalanceStandard }) {
  const region = await readableRegion(db, actor, input.regionId);
  const counties = await db.selectFrom('regions').select(['id', 'name', 'path']).where('level', '=', 'county').where(inSubtree('path', region.path))
    .where(regionsScope(actor.scope)).orderBy('code').execute();
  const schoolYears = (await repo.yearsUnder(db, actor, region.path)).slice(0, 10);
  const years = new Map(counties.map((c) => [c.id, [] as ComparisonYear[]]));
  // the counties of one region lie in one province, so they share its rules
  const { rules } = await rulesFor(db, region.path, input.standard);
  for (const schoolYear of schoolYears) {
    const records = await repo.statisticsUnder(db, actor, schoolYear, region.path);
    for (const county of counties) {
      const own = records.filter((r) => r.region_path.startsWith(county.path));
      if (!own.length) continue;
      const a = run(rules, own.map((r) => schoolRowOf(r, JSON.parse(r.figures) as Figures)));
      const failing = new Set(a.stages.flatMap((s) => s.schools.filter((x) => 'passed' in x && !x.passed).map((x) => x.unitId)));
      years.get(county.id)!.push({
        schoolYear, outcome: a.verdict.outcome, schools: own.length, failingSchools: failing.size,
        stages: a.stages.map((s) => ({ stage: s.stage, outcome: s.verdict.outcome, cvs: s.indicators.map((i) => ({ indicator: i.indicator.id, cv: i.cv?.text ?? null, cvNumber: i.cv?.number ?? null })) })),
      });
    }
  }
  return { region: { id: region.id, name: region.name }, schoolYears, counties: counties.map((c) => ({ id: c.id, name: c.name, years: years.get(c.id)! })) };
}
