/**
 * The balanced-development engine (义务教育均衡发展): from one county's school rows for one school year to every
 * value a supervision report shows — each school's indicator values and whether they reach the standard, the
 * county mean row, the coefficient-of-variation (差异系数) row, which schools move each coefficient most, and
 * the verdicts with their reasons. Pure: no database, no clock, no state, so a what-if is a second call with
 * changed rows.
 *
 * All arithmetic is exact (bigint fractions, platform/exact.ts); a coefficient is compared through its square
 * (CV ≤ t ⟺ Σ(Pᵢ/P)(Xᵢ − X̄)² ≤ t²·X̄²). Floats and rounded texts are only for display.
 *
 * The interface:
 * - `assessQuality(rows, rules = quality2017)` — 优质均衡: the 7 indicators per school, the per-school rule,
 *   each indicator's coefficient, the stage and county verdicts, and the assurance checks G3, G4, G5;
 * - `assessBasic(rows, rules = basic2012)` — 基本均衡: the 8 indicators, each coefficient and the composite;
 * - `coefficientOfVariation(points, per)` — the student-weighted coefficient of any resource;
 * - `describe(reason, locale)` — a reason in the words of an official report.
 */
import {
  add, amountOf, atLeast, ceil, compare, compareRootSum, decimalText, div, fraction, fractionText, isZero, mul,
  ONE, parseDecimal, sqrtText, sub, sum, toNumber, ZERO, type Fraction,
} from '../../platform/exact';
import type { Locale, Text } from '../../platform/i18n';
import {
  basic2012, figureNames, quality2017, stages, teacherFigures,
  type BalanceIndicator, type BasicRules, type FacilityFigure, type Figure, type InclusionRules, type QualityIndicator,
  type QualityRules, type Section, type SplitRules, type Stage, type TeacherFigure,
} from './balance.rules';

// ---------- inputs ----------

/** A figure as it arrives: a decimal text ("1812.5") or an integer. Equipment value is in 元, not 万元. */
export type Amount = string | number;

export type SchoolKind = 'primary' | 'junior' | 'nineYear' | 'complete' | 'twelveYear' | 'special' | 'teachingPoint' | 'vocational' | 'senior';

/** Classes of one stage: their number, and the largest class or every class's size (G5 needs one of them). */
export interface ClassFigures {
  count?: Amount;
  largest?: Amount;
  sizes?: Amount[];
}

/**
 * One school in one county and school year, as the statistics return gives it.
 * - `students`: students with 学籍 registered at the start of the year, per section; a section not given has none.
 * - `teachers`: per section, because teacher-type indicators use the section's own teachers.
 * - `facilities`: school totals; a combined school's are split between its sections (§1.4).
 * - `artRooms`, `classes`: only for the assurance checks; a school without them is listed as not checked.
 */
export interface SchoolRow {
  unitId: string;
  /** The 10-digit school code of the statistics. */
  code: string;
  name: string;
  kind: SchoolKind;
  private: boolean;
  students: Partial<Record<Section, Amount>>;
  teachers: Partial<Record<Section, Partial<Record<TeacherFigure, Amount>>>>;
  facilities: Partial<Record<FacilityFigure, Amount>>;
  artRooms?: { music?: Amount; art?: Amount };
  classes?: Partial<Record<Stage, ClassFigures>>;
}

/** The sections each kind of school has, in order; only primary and junior sections are assessed. */
const sectionsOf: Record<SchoolKind, Section[]> = {
  primary: ['primary'], teachingPoint: ['primary'], junior: ['junior'], senior: ['senior'],
  nineYear: ['primary', 'junior'], complete: ['junior', 'senior'], twelveYear: ['primary', 'junior', 'senior'],
  special: [], vocational: [],
};

// ---------- outputs ----------

/** An exact value for a report: the fraction ("3625/2"), a number for charts, a rounded text for tables. */
export interface Exact {
  exact: string;
  number: number;
  text: string;
}

/** A coefficient of variation: never compared through these, which are rounded (text has 3 decimals). */
export interface Coefficient {
  number: number;
  text: string;
  /** CV² = Σ(Pᵢ/P)(Xᵢ − X̄)² ÷ X̄², exactly. */
  squared: Exact;
}

export interface SchoolRef {
  unitId: string;
  code: string;
  name: string;
}

/** An indicator as a reason names it. */
export interface IndicatorLabel {
  id: string;
  name: Text;
  unit: Text;
  resource: Text;
}

/** Why: every exclusion, shortfall and verdict has one; `describe` gives its words. */
export type BalanceReason =
  | { code: 'specialEducation' | 'vocational' | 'notCompulsory' | 'private' | 'teachingPoint' | 'noStudents'; school: string }
  | { code: 'smallTeachingPoint'; school: string; students: number; min: number }
  | { code: 'invalidFigures' | 'missingFigures'; school: string; fields: Text[] }
  | { code: 'belowThreshold'; school: string; stage: Stage; indicator: IndicatorLabel; value: string; threshold: string; floor: string; share: string; belowFloor: boolean; gap: string }
  | { code: 'schoolAllMet'; school: string; met: number; of: number }
  | { code: 'schoolRestAboveFloor'; school: string; met: number; of: number; indicator: IndicatorLabel; value: string; floor: string; share: string }
  | { code: 'schoolTooFewMet'; school: string; met: number; required: number; of: number }
  | { code: 'schoolBelowFloor'; school: string; indicator: IndicatorLabel; value: string; floor: string; share: string }
  | { code: 'allSchoolsPass'; stage: Stage; count: number }
  | { code: 'schoolsFail'; stage: Stage; schools: string[] }
  | { code: 'cvWithin' | 'cvAbove'; stage: Stage; indicator: IndicatorLabel; cv: string; max: string }
  | { code: 'cvUndefined'; stage: Stage; indicator: IndicatorLabel }
  | { code: 'compositeWithin' | 'compositeAbove'; stage: Stage; cv: string; max: string }
  | { code: 'compositeUndefined'; stage: Stage }
  | { code: 'dataErrors'; count: number }
  | { code: 'noSchools' }
  | { code: 'stagesMet'; stages: Stage[] }
  | { code: 'stagesNotMet'; stages: Stage[] }
  | { code: 'overSizeSchool'; school: string; students: number; limit: number; combined: boolean }
  | { code: 'overSizeClass'; school: string; stage: Stage; largest: number; limit: number; count: number | null }
  | { code: 'tooFewArtRooms'; school: string; room: 'music' | 'art'; rooms: number; classes: number; required: number };

export type Outcome = 'met' | 'notMet' | 'undetermined';

/** A verdict: `undetermined` when a data error leaves it open (a figure missing, a mean of zero). */
export interface Verdict {
  outcome: Outcome;
  reasons: BalanceReason[];
}

export interface ExcludedSchool extends SchoolRef {
  reason: BalanceReason;
}

/** One section of one school as it enters a stage's calculation. */
export interface SectionFigures extends SchoolRef {
  kind: SchoolKind;
  stage: Stage;
  students: number;
  /** A combined school's section share of the split facilities; null for a school of one stage. */
  splitShare: Exact | null;
}

export interface IndicatorValue {
  indicator: string;
  /** The section's resource (its share, for a split facility). */
  resource: Exact;
  value: Exact;
}

/** Display only: the exact sum is `IndicatorRow.variance`. */
export interface SchoolShare extends SchoolRef {
  /** (Pᵢ/P)(Xᵢ − X̄)². */
  term: { number: number; text: string };
  /** The term's share of the sum ("41.2%"): which schools move the coefficient most. Null when every school is at the mean. */
  share: { number: number; text: string } | null;
}

/** The county row of one indicator in one stage. */
export interface IndicatorRow {
  indicator: IndicatorLabel;
  students: number;
  resource: Exact;
  /** X̄ = Σ resource ÷ Σ students (× 100 for a per-hundred indicator). */
  mean: Exact;
  /** Σ(Pᵢ/P)(Xᵢ − X̄)². */
  variance: Exact;
  /** S, for display. */
  deviation: { number: number; text: string };
  /** Null when X̄ = 0: the coefficient is undefined, a data error. */
  cv: Coefficient | null;
  /** Largest share first. */
  shares: SchoolShare[];
}

export interface QualityItem extends IndicatorValue {
  threshold: string;
  met: boolean;
  /** Value ÷ threshold. */
  attainment: Exact;
  atFloor: boolean;
  /** How much more resource the section needs to reach the threshold (whole teachers and rooms rounded up); null when met. */
  gap: Exact | null;
}

export interface QualitySchool extends SectionFigures {
  items: QualityItem[];
  met: number;
  passed: boolean;
  reasons: BalanceReason[];
}

export interface QualityRow extends IndicatorRow {
  max: string;
  met: boolean | null;
}

export interface QualityStage {
  stage: Stage;
  schools: QualitySchool[];
  indicators: QualityRow[];
  verdict: Verdict;
}

export interface AssuranceCheck {
  item: 'G3' | 'G4' | 'G5';
  outcome: Outcome;
  offenders: (SchoolRef & { reason: BalanceReason })[];
  /** Schools whose figures for this check were not given. */
  notChecked: SchoolRef[];
}

export interface QualityAssessment {
  rules: string;
  excluded: ExcludedSchool[];
  /** Figures missing or invalid, and coefficients undefined: what leaves a verdict open. */
  dataErrors: BalanceReason[];
  stages: QualityStage[];
  /** 资源配置: every stage's schools pass and every coefficient is within its maximum. */
  verdict: Verdict;
  assurance: AssuranceCheck[];
}

export interface BasicSchool extends SectionFigures {
  values: IndicatorValue[];
}

export interface BasicStage {
  stage: Stage;
  schools: BasicSchool[];
  indicators: IndicatorRow[];
  /** 综合差异系数: the mean of the indicators' coefficients; null when one is undefined. */
  composite: { number: number; text: string } | null;
  max: string;
  verdict: Verdict;
}

export interface BasicAssessment {
  rules: string;
  excluded: ExcludedSchool[];
  dataErrors: BalanceReason[];
  stages: BasicStage[];
  verdict: Verdict;
}

// ---------- exact values ----------

const exact = (f: Fraction, places = 2): Exact => ({ exact: fractionText(f), number: toNumber(f), text: decimalText(f, places) });
const wholeNumber = (f: Fraction) => Number(f.n / f.d);
const rule = (text: string): Fraction => parseDecimal(text) ?? (() => { throw new RangeError(`rule value ${text}`); })();
/** A threshold as the standard words it: "2000", "0.9". */
const plain = (f: Fraction) => decimalText(f, 4).replace(/\.?0+$/, '');
const percent = (f: Fraction) => `${plain(mul(f, fraction(100n)))}%`;

// ---------- schools into sections ----------

interface Prepared {
  ref: SchoolRef;
  row: SchoolRow;
  students: Record<Section, Fraction>;
  facilities: Partial<Record<FacilityFigure, Fraction>>;
  teachers: Partial<Record<Section, Partial<Record<TeacherFigure, Fraction>>>>;
}

interface SectionData {
  figures: SectionFigures;
  students: Fraction;
  resources: Fraction[];
}

const refOf = (row: SchoolRow): SchoolRef => ({ unitId: row.unitId, code: row.code, name: row.name });
const isTeacherFigure = (f: Figure): f is TeacherFigure => (teacherFigures as readonly Figure[]).includes(f);

/**
 * The rule that keeps a school out, if any; checked before its figures, so an excluded school owes none.
 * `students` (compulsory) is null when they were not given as whole numbers: only the rules by kind apply then.
 */
function exclusionOf(row: SchoolRow, students: Fraction | null, inclusion: InclusionRules): BalanceReason | null {
  const school = row.name;
  if (row.kind === 'special') return { code: 'specialEducation', school };
  if (row.kind === 'vocational') return { code: 'vocational', school };
  if (row.kind === 'senior') return { code: 'notCompulsory', school };
  if (row.private && !inclusion.private) return { code: 'private', school };
  if (row.kind === 'teachingPoint') {
    if (inclusion.teachingPoints === 'exclude') return { code: 'teachingPoint', school };
    const min = inclusion.teachingPoints.minStudents;
    if (students && compare(students, fraction(BigInt(min))) < 0) return { code: 'smallTeachingPoint', school, students: wholeNumber(students), min };
  }
  if (students && isZero(students)) return { code: 'noStudents', school };
  return null;
}

/**
 * Each section's share of a facility (§1.4): students × weight over the school's sum, e.g. a 九年一贯制 school's
 * primary share of a split item is A ÷ (A + 1.1B); without weights (an item not in the split list) by head count.
 * A school of one stage has its whole.
 */
function sharesOf(kind: SchoolKind, students: Partial<Record<Section, Fraction>>, split: SplitRules, weighted: boolean): Partial<Record<Section, Fraction>> {
  const weights: Partial<Record<Section, string>> = kind === 'nineYear' ? split.nineYear : kind === 'twelveYear' ? split.twelveYear : kind === 'complete' ? split.complete : {};
  const parts = sectionsOf[kind].map((s) => [s, mul(students[s] ?? ZERO, weighted && weights[s] ? rule(weights[s]) : ONE)] as const);
  const total = sum(parts.map(([, p]) => p));
  return Object.fromEntries(parts.map(([s, p]) => [s, isZero(total) ? ZERO : div(p, total)]));
}

/** Parse the rows a rule set counts; the others are listed with the rule or the data error that kept them out. */
function prepare(rows: SchoolRow[], inclusion: InclusionRules, needed: Figure[]) {
  const kept: Prepared[] = [];
  const excluded: ExcludedSchool[] = [];
  const dataErrors: BalanceReason[] = [];
  const teacherNeeds = needed.filter(isTeacherFigure);
  const facilityNeeds = needed.filter((f): f is FacilityFigure => !isTeacherFigure(f));
  for (const row of rows) {
    const ref = refOf(row);
    const invalid: Text[] = [];
    const missing: Text[] = [];
    const read = (value: Amount | undefined, name: Text, whole = false): Fraction | undefined => {
      if (value === undefined) return void missing.push(name);
      const f = amountOf(value);
      if (!f || (whole && f.d !== 1n)) return void invalid.push(name);
      return f;
    };
    const students = {} as Record<Section, Fraction>;
    for (const s of ['primary', 'junior', 'senior'] as const) students[s] = sectionsOf[row.kind].includes(s) ? (read(row.students[s] ?? 0, figureNames.students, true) ?? ZERO) : ZERO;
    const compulsory = add(students.primary, students.junior);
    const fail = (reason: BalanceReason, isDataError: boolean) => {
      excluded.push({ ...ref, reason });
      if (isDataError) dataErrors.push(reason);
    };
    const out = exclusionOf(row, invalid.length ? null : compulsory, inclusion);
    if (out || invalid.length) {
      fail(out ?? { code: 'invalidFigures', school: row.name, fields: invalid }, !out);
      continue;
    }
    const facilities: Prepared['facilities'] = {};
    for (const f of facilityNeeds) facilities[f] = read(row.facilities[f], figureNames[f]);
    const teachers: Prepared['teachers'] = {};
    for (const s of stages) {
      if (isZero(students[s])) continue;
      const given = row.teachers[s] ?? {};
      teachers[s] = Object.fromEntries(teacherNeeds.map((f) => [f, read(given[f], figureNames[f])]));
    }
    if (invalid.length) fail({ code: 'invalidFigures', school: row.name, fields: invalid }, true);
    else if (missing.length) fail({ code: 'missingFigures', school: row.name, fields: missing }, true);
    else kept.push({ ref, row, students, facilities, teachers });
  }
  return { kept, excluded, dataErrors };
}

/** The sections of a stage with each indicator's resource, facilities split by the rule set. */
function sectionsFor(stage: Stage, kept: Prepared[], indicators: BalanceIndicator[], split: SplitRules): SectionData[] {
  const out: SectionData[] = [];
  for (const school of kept) {
    const students = school.students[stage];
    if (isZero(students)) continue;
    const kind = school.row.kind;
    const combined = sectionsOf[kind].length > 1;
    const weighted = sharesOf(kind, school.students, split, true)[stage] ?? ONE;
    const byHead = sharesOf(kind, school.students, split, false)[stage] ?? ONE;
    const figure = (f: Figure): Fraction => isTeacherFigure(f)
      ? school.teachers[stage]![f]!
      : mul(school.facilities[f]!, split.items.includes(f) ? weighted : byHead);
    const resources = indicators.map((ind) => sub(sum(ind.add.map(figure)), sum((ind.subtract ?? []).map(figure))));
    out.push({
      figures: { ...school.ref, kind, stage, students: wholeNumber(students), splitShare: combined ? exact(weighted, 4) : null },
      students,
      resources,
    });
  }
  return out;
}

const labelOf = (ind: BalanceIndicator): IndicatorLabel => ({ id: ind.id, name: ind.name, unit: ind.unit, resource: ind.resource });

// ---------- the coefficient of variation ----------

interface Variation {
  students: Fraction;
  resource: Fraction;
  mean: Fraction;
  values: Fraction[];
  /** Σ(Pᵢ/P)(Xᵢ − X̄)², exactly. */
  variance: Fraction;
  /** Each school's (Pᵢ/P)(Xᵢ − X̄)², for display. */
  terms: number[];
  /** Null when X̄ = 0. */
  squared: Fraction | null;
}

function variationOf(points: { students: Fraction; resource: Fraction }[], per: Fraction): Variation {
  const students = sum(points.map((p) => p.students));
  const resource = sum(points.map((p) => p.resource));
  const mean = isZero(students) ? ZERO : mul(div(resource, students), per);
  const values = points.map((p) => mul(div(p.resource, p.students), per));
  // Σ(Pᵢ/P)(Xᵢ − X̄)² = per²·Σ(Rᵢ²/Pᵢ) ÷ P − X̄²: one sum over a common denominator, where subtracting the
  // mean school by school reduces a fraction of thousands of digits each time (split shares make X̄ long)
  const squares = sum(points.map((p) => div(mul(p.resource, p.resource), p.students)));
  const variance = isZero(students) ? ZERO : sub(div(mul(mul(per, per), squares), students), mul(mean, mean));
  const total = toNumber(students);
  const m = toNumber(mean);
  const terms = points.map((p, i) => (toNumber(p.students) / total) * (toNumber(values[i]) - m) ** 2);
  return { students, resource, mean, values, variance, terms, squared: isZero(mean) ? null : div(variance, mul(mean, mean)) };
}

/** CV ≤ max, exactly: Σ(Pᵢ/P)(Xᵢ − X̄)² ≤ max²·X̄². */
const within = (v: Variation, max: Fraction) => compare(v.variance, mul(mul(max, max), mul(v.mean, v.mean))) <= 0;

const coefficientOf = (squared: Fraction): Coefficient => ({ number: Math.sqrt(toNumber(squared)), text: sqrtText(squared, 3), squared: exact(squared, 6) });

function rowOf(ind: BalanceIndicator, sections: SectionData[], index: number): { row: IndicatorRow; variation: Variation } {
  const variation = variationOf(sections.map((s) => ({ students: s.students, resource: s.resources[index] })), rule(ind.per));
  const total = variation.terms.reduce((a, b) => a + b, 0);
  const shares = sections.map((s, i): SchoolShare => {
    const term = variation.terms[i];
    return {
      unitId: s.figures.unitId, code: s.figures.code, name: s.figures.name,
      term: { number: term, text: term.toFixed(3) },
      share: isZero(variation.variance) ? null : { number: term / total, text: `${((term / total) * 100).toFixed(1)}%` },
    };
  });
  shares.sort((a, b) => (b.share?.number ?? 0) - (a.share?.number ?? 0));
  return {
    variation,
    row: {
      indicator: labelOf(ind),
      students: wholeNumber(variation.students),
      resource: exact(variation.resource),
      mean: exact(variation.mean),
      variance: exact(variation.variance, 6),
      deviation: { number: Math.sqrt(toNumber(variation.variance)), text: sqrtText(variation.variance, 3) },
      cv: variation.squared ? coefficientOf(variation.squared) : null,
      shares,
    },
  };
}

export interface CoefficientPoint {
  students: Amount;
  resource: Amount;
}

/**
 * The student-weighted coefficient of variation of one resource over schools (§1.3): Xᵢ = resourceᵢ ÷ Pᵢ × per,
 * X̄ = Σ resource ÷ Σ P × per, CV = √Σ(Pᵢ/P)(Xᵢ − X̄)² ÷ X̄. `within(max)` compares it exactly. Throws on an
 * amount that is not a decimal or a school without students, as the caller's data is then wrong.
 */
export function coefficientOfVariation(points: CoefficientPoint[], per: Amount = 1) {
  const parse = (a: Amount) => amountOf(a) ?? (() => { throw new RangeError(`not an amount: ${a}`); })();
  const parsed = points.map((p) => ({ students: parse(p.students), resource: parse(p.resource) }));
  if (parsed.some((p) => isZero(p.students))) throw new RangeError('a school without students');
  const v = variationOf(parsed, parse(per));
  return {
    mean: exact(v.mean),
    variance: exact(v.variance, 6),
    values: v.values.map((x) => exact(x)),
    terms: v.terms.map((t) => ({ number: t, text: t.toFixed(3) })),
    /** Null when X̄ = 0: undefined, a data error, never 0. */
    cv: v.squared ? coefficientOf(v.squared) : null,
    within: (max: Amount): boolean | null => (v.squared ? within(v, parse(max)) : null),
  };
}

// ---------- 优质均衡 ----------

function qualitySchool(section: SectionData, rules: QualityRules, stage: Stage): QualitySchool {
  const restShare = rule(rules.perSchool.restShare);
  const school = section.figures.name;
  const items = rules.indicators.map((ind, i): QualityItem & { reason?: BalanceReason } => {
    const per = rule(ind.per);
    const threshold = rule(ind.threshold[stage]);
    const resource = section.resources[i];
    const value = mul(div(resource, section.students), per);
    const met = atLeast(value, threshold);
    const floor = mul(threshold, restShare);
    const attainment = div(value, threshold);
    // the resource that reaches the threshold: threshold × students ÷ per
    const needed = sub(div(mul(threshold, section.students), per), resource);
    const gap = met ? null : ind.whole ? fraction(ceil(needed)) : needed;
    const item: QualityItem = {
      indicator: ind.id, resource: exact(resource), value: exact(value), threshold: ind.threshold[stage],
      met, attainment: exact(attainment, 4), atFloor: atLeast(value, floor), gap: gap && exact(gap, ind.whole ? 0 : 2),
    };
    if (met) return item;
    return {
      ...item,
      reason: {
        code: 'belowThreshold', school, stage, indicator: labelOf(ind), value: decimalText(value, 2), threshold: plain(threshold),
        floor: plain(floor), share: plain(restShare), belowFloor: !item.atFloor, gap: ind.whole ? gap!.n.toString() : decimalText(gap!, 2),
      },
    };
  });
  const met = items.filter((i) => i.met).length;
  const of = items.length;
  const short = items.map((item, i) => ({ item, ind: rules.indicators[i] })).filter(({ item }) => !item.atFloor);
  const reasons: BalanceReason[] = items.flatMap((i) => (i.reason ? [i.reason] : []));
  const verdicts: BalanceReason[] = [];
  if (met < rules.perSchool.minMet) verdicts.push({ code: 'schoolTooFewMet', school, met, required: rules.perSchool.minMet, of });
  for (const { item, ind } of short) {
    verdicts.push({ code: 'schoolBelowFloor', school, indicator: labelOf(ind), value: item.value.text, floor: plain(mul(rule(ind.threshold[stage]), restShare)), share: plain(restShare) });
  }
  if (!verdicts.length) {
    const rest = items.map((item, i) => ({ item, ind: rules.indicators[i] })).filter(({ item }) => !item.met);
    if (!rest.length) verdicts.push({ code: 'schoolAllMet', school, met, of });
    for (const { item, ind } of rest) {
      verdicts.push({ code: 'schoolRestAboveFloor', school, met, of, indicator: labelOf(ind), value: item.value.text, floor: plain(mul(rule(ind.threshold[stage]), restShare)), share: plain(restShare) });
    }
  }
  return {
    ...section.figures,
    items: items.map(({ reason: _reason, ...item }) => item),
    met,
    passed: met >= rules.perSchool.minMet && short.length === 0,
    reasons: [...verdicts, ...reasons],
  };
}

/**
 * A stage's outcome. A failing school fails it for good: the schools left out could only add failures. A
 * coefficient above its maximum is final only when no school was left out for its data, as adding one could
 * bring the coefficient down.
 */
function stageOutcome(schoolsFail: boolean, cvAbove: boolean, open: boolean, schoolsMissing: boolean): Outcome {
  if (schoolsFail || (cvAbove && !schoolsMissing)) return 'notMet';
  return open ? 'undetermined' : cvAbove ? 'notMet' : 'met';
}

function combine(stageVerdicts: { stage: Stage; verdict: Verdict }[], dataErrors: BalanceReason[]): Verdict {
  if (!stageVerdicts.length) return { outcome: 'undetermined', reasons: [{ code: 'noSchools' }] };
  const notMet = stageVerdicts.filter((s) => s.verdict.outcome === 'notMet').map((s) => s.stage);
  const reasons: BalanceReason[] = [];
  if (dataErrors.length) reasons.push({ code: 'dataErrors', count: dataErrors.length });
  if (notMet.length) reasons.push({ code: 'stagesNotMet', stages: notMet });
  // a stage is not met only when the open data errors cannot change it
  if (notMet.length) return { outcome: 'notMet', reasons };
  if (dataErrors.length) return { outcome: 'undetermined', reasons };
  return { outcome: 'met', reasons: [{ code: 'stagesMet', stages: stageVerdicts.map((s) => s.stage) }] };
}

const neededFigures = (indicators: BalanceIndicator[]): Figure[] => [...new Set(indicators.flatMap((i) => [...i.add, ...(i.subtract ?? [])]))];

/** 优质均衡 (教督〔2017〕6号) resource allocation and the assurance items computable from school rows. */
export function assessQuality(rows: SchoolRow[], rules: QualityRules = quality2017): QualityAssessment {
  const { kept, excluded, dataErrors } = prepare(rows, rules.inclusion, neededFigures(rules.indicators));
  const schoolErrors = dataErrors.length;
  const result: QualityStage[] = [];
  for (const stage of stages) {
    const sections = sectionsFor(stage, kept, rules.indicators, rules.split);
    if (!sections.length) continue;
    const schools = sections.map((s) => qualitySchool(s, rules, stage));
    const max = rule(rules.cvMax[stage]);
    const indicators = rules.indicators.map((ind: QualityIndicator, i): QualityRow => {
      const { row, variation } = rowOf(ind, sections, i);
      return { ...row, max: rules.cvMax[stage], met: variation.squared ? within(variation, max) : null };
    });
    const reasons: BalanceReason[] = [];
    const failing = schools.filter((s) => !s.passed).map((s) => s.name);
    reasons.push(failing.length ? { code: 'schoolsFail', stage, schools: failing } : { code: 'allSchoolsPass', stage, count: schools.length });
    let open = false;
    for (const row of indicators) {
      if (!row.cv) {
        const reason: BalanceReason = { code: 'cvUndefined', stage, indicator: row.indicator };
        reasons.push(reason);
        dataErrors.push(reason);
        open = true;
      } else {
        reasons.push({ code: row.met ? 'cvWithin' : 'cvAbove', stage, indicator: row.indicator, cv: row.cv.text, max: rules.cvMax[stage] });
      }
    }
    if (schoolErrors) reasons.push({ code: 'dataErrors', count: schoolErrors });
    result.push({ stage, schools, indicators, verdict: { outcome: stageOutcome(failing.length > 0, indicators.some((r) => r.met === false), open || schoolErrors > 0, schoolErrors > 0), reasons } });
  }
  return {
    rules: rules.id,
    excluded,
    dataErrors,
    stages: result,
    verdict: combine(result, dataErrors),
    assurance: assuranceChecks(kept, rules),
  };
}

// ---------- 政府保障程度: G3, G4, G5 ----------

function assuranceChecks(kept: Prepared[], rules: QualityRules): AssuranceCheck[] {
  const limits = rules.assurance;
  const check = (item: AssuranceCheck['item'], offenders: AssuranceCheck['offenders'], notChecked: SchoolRef[]): AssuranceCheck => ({
    item, offenders, notChecked, outcome: offenders.length ? 'notMet' : notChecked.length ? 'undetermined' : 'met',
  });
  const size: AssuranceCheck['offenders'] = [];
  for (const s of kept) {
    // 九年一贯制 and 十二年一贯制 count their compulsory part against the larger limit; a 完全中学 is a junior school
    const combined = s.row.kind === 'nineYear' || s.row.kind === 'twelveYear';
    const students = wholeNumber(add(s.students.primary, s.students.junior));
    const limit = combined ? limits.maxCombinedCompulsoryStudents : limits.maxSchoolStudents;
    if (students > limit) size.push({ ...s.ref, reason: { code: 'overSizeSchool', school: s.ref.name, students, limit, combined } });
  }
  const classes: AssuranceCheck['offenders'] = [];
  const classesUnchecked: SchoolRef[] = [];
  const rooms: AssuranceCheck['offenders'] = [];
  const roomsUnchecked: SchoolRef[] = [];
  for (const s of kept) {
    const present = stages.filter((st) => !isZero(s.students[st]));
    let unchecked = false;
    for (const stage of present) {
      const given = s.row.classes?.[stage];
      const limit = limits.maxClassSize[stage];
      const sizes = given?.sizes?.map((x) => amountOf(x));
      const largest = given?.largest === undefined ? undefined : amountOf(given.largest);
      if (sizes && sizes.every((x) => x !== null)) {
        const over = sizes.filter((x) => compare(x!, fraction(BigInt(limit))) > 0);
        const top = sizes.reduce((m, x) => (compare(x!, m) > 0 ? x! : m), ZERO);
        if (over.length) classes.push({ ...s.ref, reason: { code: 'overSizeClass', school: s.ref.name, stage, largest: wholeNumber(top), limit, count: over.length } });
      } else if (largest) {
        if (compare(largest, fraction(BigInt(limit))) > 0) classes.push({ ...s.ref, reason: { code: 'overSizeClass', school: s.ref.name, stage, largest: wholeNumber(largest), limit, count: null } });
      } else unchecked = true;
    }
    if (unchecked) classesUnchecked.push(s.ref);
    const counts = present.map((st) => s.row.classes?.[st]?.count).map((c) => (c === undefined ? null : amountOf(c)));
    const music = s.row.artRooms?.music === undefined ? null : amountOf(s.row.artRooms.music);
    const art = s.row.artRooms?.art === undefined ? null : amountOf(s.row.artRooms.art);
    if (counts.some((c) => c === null) || !music || !art) {
      roomsUnchecked.push(s.ref);
      continue;
    }
    // the rule covers the compulsory classes: one room for every 12 classes or part of them
    const total = wholeNumber(sum(counts as Fraction[]));
    const required = Math.ceil(total / limits.classesPerArtRoom);
    for (const [room, have] of [['music', music], ['art', art]] as const) {
      if (compare(have, fraction(BigInt(required))) < 0) rooms.push({ ...s.ref, reason: { code: 'tooFewArtRooms', school: s.ref.name, room, rooms: wholeNumber(have), classes: total, required } });
    }
  }
  return [check('G3', rooms, roomsUnchecked), check('G4', size, []), check('G5', classes, classesUnchecked)];
}

// ---------- 基本均衡 ----------

/** 基本均衡 (教督〔2012〕3号): the 8 indicators' coefficients and their mean, the composite, against its maximum. */
export function assessBasic(rows: SchoolRow[], rules: BasicRules = basic2012): BasicAssessment {
  const { kept, excluded, dataErrors } = prepare(rows, rules.inclusion, neededFigures(rules.indicators));
  const schoolErrors = dataErrors.length;
  const result: BasicStage[] = [];
  for (const stage of stages) {
    const sections = sectionsFor(stage, kept, rules.indicators, rules.split);
    if (!sections.length) continue;
    const rows = rules.indicators.map((ind, i) => rowOf(ind, sections, i));
    const indicators = rows.map((r) => r.row);
    const max = rules.compositeMax[stage];
    const undefinedRows: BalanceReason[] = indicators.filter((r) => !r.cv).map((r) => ({ code: 'cvUndefined', stage, indicator: r.indicator }));
    dataErrors.push(...undefinedRows);
    let composite: BasicStage['composite'] = null;
    let verdict: Verdict;
    if (undefinedRows.length) {
      verdict = { outcome: 'undetermined', reasons: [{ code: 'compositeUndefined', stage }, ...undefinedRows] };
    } else {
      const squares = rows.map((r) => r.variation.squared!);
      const n = fraction(BigInt(squares.length));
      // mean of the roots ≤ max ⟺ Σ √CV² ≤ n·max, decided exactly
      const above = compareRootSum(squares, mul(n, rule(max))) > 0;
      const number = indicators.reduce((s, r) => s + r.cv!.number, 0) / squares.length;
      composite = { number, text: number.toFixed(3) };
      const reason: BalanceReason = { code: above ? 'compositeAbove' : 'compositeWithin', stage, cv: composite.text, max };
      verdict = { outcome: stageOutcome(false, above, schoolErrors > 0, schoolErrors > 0), reasons: schoolErrors ? [reason, { code: 'dataErrors', count: schoolErrors }] : [reason] };
    }
    result.push({
      stage,
      schools: sections.map((s, k) => ({ ...s.figures, values: rules.indicators.map((ind, i) => ({ indicator: ind.id, resource: exact(s.resources[i]), value: exact(rows[i].variation.values[k]) })) })),
      indicators, composite, max, verdict,
    });
  }
  return { rules: rules.id, excluded, dataErrors, stages: result, verdict: combine(result, dataErrors) };
}

// ---------- words ----------

const stageWords: Record<Stage, Text> = { primary: { 'zh-CN': '小学', en: 'primary' }, junior: { 'zh-CN': '初中', en: 'junior secondary' } };
const roomWords = { music: { 'zh-CN': '音乐', en: 'music' }, art: { 'zh-CN': '美术', en: 'art' } } as const;

/** A reason in the words of an official report (zh-CN) or plain English. */
export function describe(reason: BalanceReason, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const w = (t: Text) => t[locale];
  const names = (list: Text[]) => list.map(w).join(zh ? '、' : ', ');
  const stageList = (list: Stage[]) => list.map((s) => w(stageWords[s])).join(zh ? '、' : ' and ');
  switch (reason.code) {
    case 'specialEducation': return zh ? `${reason.school}为特殊教育学校，不纳入计算` : `${reason.school} is a special-education school and is not counted`;
    case 'vocational': return zh ? `${reason.school}为职业学校，不纳入计算` : `${reason.school} is a vocational school and is not counted`;
    case 'notCompulsory': return zh ? `${reason.school}不属于义务教育学校，不纳入计算` : `${reason.school} is not a compulsory-education school and is not counted`;
    case 'private': return zh ? `${reason.school}为民办学校，按本评估规则不纳入计算` : `${reason.school} is private and these rules do not count private schools`;
    case 'teachingPoint': return zh ? `${reason.school}为教学点，按本评估规则不纳入计算` : `${reason.school} is a teaching point and these rules do not count teaching points`;
    case 'smallTeachingPoint': return zh
      ? `${reason.school}为教学点，学生 ${reason.students} 人，不足 ${reason.min} 人，不纳入计算`
      : `${reason.school} is a teaching point of ${reason.students} students, fewer than ${reason.min}, and is not counted`;
    case 'noStudents': return zh ? `${reason.school}无在籍学生，不纳入计算` : `${reason.school} has no registered students and is not counted`;
    case 'invalidFigures': return zh ? `${reason.school}的${names(reason.fields)}填报有误，须更正后计算` : `${reason.school}: ${names(reason.fields)} not a valid number; correct it to count the school`;
    case 'missingFigures': return zh ? `${reason.school}未填报${names(reason.fields)}，须补报后计算` : `${reason.school}: ${names(reason.fields)} not given; report it to count the school`;
    case 'belowThreshold': {
      const u = w(reason.indicator.unit);
      const head = zh
        ? `${reason.school}${w(reason.indicator.name)} ${reason.value} ${u}，低于标准 ${reason.threshold} ${u}`
        : `${reason.school}: ${w(reason.indicator.name)} ${reason.value} ${u}, below the standard ${reason.threshold} ${u}`;
      const share = percent(rule(reason.share));
      const floor = reason.belowFloor ? (zh ? `，且低于标准的 ${share}（${reason.floor} ${u}）` : `, and below ${share} of it (${reason.floor} ${u})`) : '';
      const gap = zh ? `；达标需增加${w(reason.indicator.resource)} ${reason.gap} ${u}` : `; reaching it needs ${reason.gap} ${u} more ${w(reason.indicator.resource)}`;
      return head + floor + gap;
    }
    case 'schoolAllMet': return zh ? `${reason.school} ${reason.of} 项指标全部达到标准` : `${reason.school} reaches the standard on all ${reason.of} indicators`;
    case 'schoolRestAboveFloor': {
      const u = w(reason.indicator.unit);
      return zh
        ? `${reason.school} ${reason.met} 项指标达到标准，余项${w(reason.indicator.name)} ${reason.value} ${u}，不低于标准的 ${percent(rule(reason.share))}（${reason.floor} ${u}），达到要求`
        : `${reason.school} reaches ${reason.met} of ${reason.of}; the rest, ${w(reason.indicator.name)} ${reason.value} ${u}, is at least ${percent(rule(reason.share))} of the standard (${reason.floor} ${u}): passes`;
    }
    case 'schoolTooFewMet': return zh
      ? `${reason.school}仅 ${reason.met} 项指标达到标准，须至少 ${reason.required} 项，未达到要求`
      : `${reason.school} reaches only ${reason.met} of ${reason.of} indicators; at least ${reason.required} are needed: fails`;
    case 'schoolBelowFloor': {
      const u = w(reason.indicator.unit);
      return zh
        ? `${reason.school}${w(reason.indicator.name)} ${reason.value} ${u}，低于标准的 ${percent(rule(reason.share))}（${reason.floor} ${u}），未达到要求`
        : `${reason.school}: ${w(reason.indicator.name)} ${reason.value} ${u} is below ${percent(rule(reason.share))} of the standard (${reason.floor} ${u}): fails`;
    }
    case 'allSchoolsPass': return zh ? `${w(stageWords[reason.stage])} ${reason.count} 所学校均达到要求` : `All ${reason.count} ${w(stageWords[reason.stage])} schools pass`;
    case 'schoolsFail': return zh
      ? `${w(stageWords[reason.stage])}有 ${reason.schools.length} 所学校未达到要求：${reason.schools.join('、')}`
      : `${reason.schools.length} ${w(stageWords[reason.stage])} school(s) fail: ${reason.schools.join(', ')}`;
    case 'cvWithin': return zh
      ? `${w(stageWords[reason.stage])}${w(reason.indicator.name)}校际差异系数 ${reason.cv}，不高于 ${reason.max}`
      : `${w(stageWords[reason.stage])} ${w(reason.indicator.name)}: coefficient of variation ${reason.cv}, within ${reason.max}`;
    case 'cvAbove': return zh
      ? `${w(stageWords[reason.stage])}${w(reason.indicator.name)}校际差异系数 ${reason.cv}，高于 ${reason.max}`
      : `${w(stageWords[reason.stage])} ${w(reason.indicator.name)}: coefficient of variation ${reason.cv}, above ${reason.max}`;
    case 'cvUndefined': return zh
      ? `${w(stageWords[reason.stage])}${w(reason.indicator.name)}全县均值为 0，差异系数无法计算，请核查数据`
      : `${w(stageWords[reason.stage])} ${w(reason.indicator.name)}: the county mean is 0, so the coefficient is undefined; check the data`;
    case 'compositeWithin': return zh
      ? `${w(stageWords[reason.stage])}综合差异系数 ${reason.cv}，不高于 ${reason.max}`
      : `${w(stageWords[reason.stage])} composite coefficient ${reason.cv}, within ${reason.max}`;
    case 'compositeAbove': return zh
      ? `${w(stageWords[reason.stage])}综合差异系数 ${reason.cv}，高于 ${reason.max}`
      : `${w(stageWords[reason.stage])} composite coefficient ${reason.cv}, above ${reason.max}`;
    case 'compositeUndefined': return zh
      ? `${w(stageWords[reason.stage])}有指标差异系数无法计算，综合差异系数无法得出`
      : `${w(stageWords[reason.stage])}: an indicator's coefficient is undefined, so the composite is too`;
    case 'dataErrors': return zh ? `有 ${reason.count} 处数据问题，结论待数据核实后确定` : `${reason.count} data problem(s) leave the verdict open until corrected`;
    case 'noSchools': return zh ? '没有纳入计算的学校' : 'No school is counted';
    case 'stagesMet': return zh ? `${stageList(reason.stages)}资源配置达到要求` : `Resource allocation meets the requirement (${stageList(reason.stages)})`;
    case 'stagesNotMet': return zh ? `${stageList(reason.stages)}资源配置未达到要求` : `Resource allocation does not meet the requirement (${stageList(reason.stages)})`;
    case 'overSizeSchool': return zh
      ? `${reason.school}${reason.combined ? '义务教育阶段' : ''}在校生 ${reason.students} 人，超过 ${reason.limit} 人`
      : `${reason.school} has ${reason.students} ${reason.combined ? 'compulsory-stage ' : ''}students, over ${reason.limit}`;
    case 'overSizeClass': {
      const count = reason.count === null ? '' : zh ? `，共 ${reason.count} 个班超过` : ` (${reason.count} class(es) over)`;
      return zh
        ? `${reason.school}${w(stageWords[reason.stage])}最大班额 ${reason.largest} 人，超过 ${reason.limit} 人${count}`
        : `${reason.school}: largest ${w(stageWords[reason.stage])} class ${reason.largest}, over ${reason.limit}${count}`;
    }
    case 'tooFewArtRooms': return zh
      ? `${reason.school}共 ${reason.classes} 个班，应配备${w(roomWords[reason.room])}专用教室 ${reason.required} 间，实有 ${reason.rooms} 间`
      : `${reason.school}: ${reason.classes} classes need ${reason.required} ${w(roomWords[reason.room])} room(s); it has ${reason.rooms}`;
  }
}
