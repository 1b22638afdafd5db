/**
 * The indicator engine: a framework (指标体系) is a tree of indicators, each leaf scored by one method and each
 * parent combining its children by one aggregation rule; a framework version carries its grading rules as
 * data. This file is pure (no database, no clock) so duty evaluation, balanced development and key task lists
 * can all score against it.
 *
 * Every amount of points is an integer number of hundredths (`Points`: 1250 is 12.50 points); ratios are
 * compared as exact fractions of integers. Nothing here is a float compared with a threshold.
 *
 * The interface:
 * - `frameworkIssues(tree, rules)` — what is wrong with a framework (weights that do not add up, repeated
 *   codes, a leaf without a method …), each issue naming the node's code;
 * - `inputIssues(tree, input)` — what is wrong with one set of scores (out of range, unknown level …);
 * - `scoreTree(tree, input)` — every node's points with the rule that gave them, and what is still missing;
 * - `grade(rules, { total, selfTotal, events })` — credibility adjustment, grade band, caps, downgrades and
 *   vetoes applied in that order, each one listed;
 * - `describeReason(reason, locale)` — a result's reason in words.
 */

import { atLeast, decimalText, isDecimal, mul, ONE, parseDecimal, ZERO, type Fraction } from '../../platform/exact';

/** Integer hundredths of a point. */
export type Points = number;

export const levels = ['A', 'B', 'C', 'D'] as const;
export type Level = (typeof levels)[number];

export type ScoringMethod =
  /** A score given by hand between 0 and the node's full marks. */
  | { kind: 'manual' }
  /** Yes is full marks, no is zero. */
  | { kind: 'yesNo' }
  /** A level chosen from A–D, each worth its points; `passLevel` is the lowest level that passes (default C). */
  | { kind: 'graded'; levels: { level: Level; points: Points }[]; passLevel?: Level }
  /**
   * From reported numbers: `numerator` (÷ `denominator` when given, × `scale` when given, as "100" for a
   * figure per hundred students) compared with `threshold` (a decimal
   * string, e.g. "0.85" or "4.5"). Meeting it is full marks; below it `partial: 'proportional'` gives the
   * share reached, `'none'` gives zero. `direction: 'atMost'` is for indicators where lower is better.
   */
  | { kind: 'formula'; numerator: string; denominator?: string; scale?: string; threshold: string; direction: 'atLeast' | 'atMost'; partial: 'none' | 'proportional' }
  /** Full marks less `perOccurrence` for each occurrence, never below `floor`. */
  | { kind: 'deduction'; perOccurrence: Points; floor: Points };

export type Aggregation =
  /** The children's points added up; their full marks add up to the parent's. */
  | { kind: 'weightedSum' }
  /** Full marks when every child passes, else zero. */
  | { kind: 'allPass' }
  /**
   * Full marks when at least `k` children pass (as in 6 of 7); with `restShare` (e.g. "0.85") each child that
   * does not pass must still reach that share of its threshold.
   */
  | { kind: 'kOfN'; k: number; restShare?: string }
  /** Full marks when every child reaches `share` (e.g. "0.85") of its threshold, else zero. */
  | { kind: 'eachShare'; share: string };

export interface IndicatorNode {
  code: string;
  name: string;
  /** Full marks of this node. */
  maxPoints: Points;
  /** A leaf's method; a parent has none. */
  scoring?: ScoringMethod;
  /** A parent's rule; a leaf has none. */
  aggregation?: Aggregation;
  /** For manual and deduction leaves and for parents summed by weight: points needed to pass (default: full marks for manual, no occurrence for deduction, every child passing for a sum). */
  passPoints?: Points;
  /** A failing veto child (一票否决项) makes its parent zero, whatever the aggregation. */
  veto?: boolean;
  /** The evidence required (材料清单). */
  evidence?: string[];
  guidance?: string;
  children?: IndicatorNode[];
}

/** What was given for one leaf; only the part its method reads is used. */
export interface LeafInput {
  points?: Points;
  yes?: boolean;
  level?: Level;
  occurrences?: number;
}

export interface ScoreInput {
  /** By leaf code. */
  leaves: Record<string, LeafInput>;
  /** Reported numbers by key, as decimal strings ("1234", "0.92"). */
  numbers: Record<string, string>;
}

/** Why a node has its points: the rule and the figures it used. Rendered by `describeReason`. */
export type Reason =
  | { rule: 'missing' }
  | { rule: 'manual'; points: Points }
  | { rule: 'yesNo'; yes: boolean }
  | { rule: 'graded'; level: Level; points: Points }
  | { rule: 'formula'; value: string; threshold: string; direction: 'atLeast' | 'atMost'; met: boolean; partial: 'none' | 'proportional' }
  | { rule: 'deduction'; occurrences: number; perOccurrence: Points; floor: Points }
  | { rule: 'weightedSum' }
  | { rule: 'allPass'; failing: string[] }
  | { rule: 'kOfN'; k: number; n: number; passing: number; restShare?: string; short: string[] }
  | { rule: 'eachShare'; share: string; short: string[] }
  | { rule: 'veto'; by: string[] };

export interface NodeResult {
  code: string;
  name: string;
  points: Points;
  maxPoints: Points;
  passed: boolean;
  reason: Reason;
  children: NodeResult[];
}

export interface TreeResult {
  root: NodeResult;
  /** Leaf codes with nothing given (a formula leaf: a reported number missing), in tree order. */
  missing: string[];
  /** Reported-number keys a formula needs that were not given. */
  missingNumbers: string[];
}

/** A problem with a framework or an input, naming the node (`code`) or the reported number. */
export interface EngineIssue {
  code: string;
  key: string;
  params?: Record<string, string | number>;
}

/** The grading rules of one framework version. */
export interface FrameworkRules {
  /** Grade bands from the best down: a total of at least `minPoints` earns `grade`; the last band's minPoints is 0. */
  grades: { grade: string; minPoints: Points }[];
  /** 降一等: when the event occurred, the grade drops by `steps` bands. */
  downgrades: { event: string; label: string; steps: number }[];
  /** 不得评为… : when the event occurred, the grade is at best `best`. */
  caps: { event: string; label: string; best: string }[];
  /** 一票否决: when the event occurred, the grade is the lowest band. */
  vetoes: { event: string; label: string }[];
  /**
   * 自评可信度: a gap between self and verified totals beyond `tolerance` costs `deductionPerPoint` hundredths for
   * each point beyond it, at most `maxDeduction`. Absent: no adjustment.
   */
  credibility?: { tolerance: Points; deductionPerPoint: Points; maxDeduction: Points };
}

export type AppliedRule =
  | { rule: 'credibility'; selfTotal: Points; gap: Points; deduction: Points }
  | { rule: 'band'; grade: string; minPoints: Points }
  | { rule: 'cap'; event: string; label: string; from: string; to: string }
  | { rule: 'downgrade'; event: string; label: string; from: string; to: string }
  | { rule: 'veto'; event: string; label: string; to: string };

export interface Grading {
  /** The verified total before adjustment. */
  total: Points;
  /** After the credibility adjustment. */
  finalTotal: Points;
  grade: string;
  /** Verified total ÷ self total as a percentage with two decimals ("96.50"), or null without a self total. */
  credibility: string | null;
  applied: AppliedRule[];
}

export const defaultRules: FrameworkRules = {
  grades: [
    { grade: '优秀', minPoints: 9000 },
    { grade: '良好', minPoints: 8000 },
    { grade: '合格', minPoints: 6500 },
    { grade: '不合格', minPoints: 0 },
  ],
  downgrades: [],
  caps: [],
  vetoes: [],
};

// ---------- exact numbers ----------

/** A decimal text the framework or the inputs were checked to hold; anything else is a caller's error. */
function ratioOf(text: string): Fraction {
  const r = parseDecimal(text);
  if (!r) throw new RangeError(`not a decimal: ${text}`);
  return r;
}

/** Points × a ratio, rounded half up to the hundredth. */
function pointsTimes(points: Points, r: Fraction): Points {
  return Number((BigInt(points) * r.n * 2n + r.d) / (2n * r.d));
}

/** "12.5" → 1250; anything else (more than two decimals, a sign, text) → null. */
export function parsePoints(text: string): Points | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 1250 → "12.50". */
export function formatPoints(points: Points): string {
  const sign = points < 0 ? '-' : '';
  const abs = Math.abs(points);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------- the framework ----------

function walk(node: IndicatorNode, visit: (node: IndicatorNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** Every leaf of the tree in order. */
export function leavesOf(root: IndicatorNode): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  walk(root, (n) => {
    if (!n.children?.length) out.push(n);
  });
  return out;
}

/** The reported-number keys the framework's formulas read. */
export function numberKeysOf(root: IndicatorNode): string[] {
  const keys = new Set<string>();
  for (const leaf of leavesOf(root)) {
    if (leaf.scoring?.kind !== 'formula') continue;
    keys.add(leaf.scoring.numerator);
    if (leaf.scoring.denominator) keys.add(leaf.scoring.denominator);
  }
  return [...keys];
}

const shareIssue = (text: string | undefined) => text !== undefined && (!isDecimal(text) || ratioOf(text).n === 0n || atLeast(ratioOf(text), { n: 11n, d: 10n }));

/** What is wrong with a framework; empty when it can be published. */
export function frameworkIssues(root: IndicatorNode, rules: FrameworkRules): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const seen = new Set<string>();
  walk(root, (node) => {
    const at = (key: string, params?: EngineIssue['params']) => issues.push({ code: node.code, key, params: { code: node.code, name: node.name, ...params } });
    if (seen.has(node.code)) at('INDICATOR_CODE_REPEATED');
    seen.add(node.code);
    if (!Number.isInteger(node.maxPoints) || node.maxPoints < 0) at('INDICATOR_MAX_POINTS');
    const children = node.children ?? [];
    if (children.length) {
      if (node.scoring) at('INDICATOR_PARENT_SCORED');
      if (!node.aggregation) at('INDICATOR_AGGREGATION_REQUIRED');
      const sum = children.reduce((s, c) => s + c.maxPoints, 0);
      if (sum !== node.maxPoints) at('INDICATOR_WEIGHTS', { sum: formatPoints(sum), max: formatPoints(node.maxPoints) });
      const a = node.aggregation;
      if (a?.kind === 'kOfN' && (!Number.isInteger(a.k) || a.k < 1 || a.k > children.length)) at('INDICATOR_K_OF_N', { n: children.length });
      if ((a?.kind === 'kOfN' && shareIssue(a.restShare)) || (a?.kind === 'eachShare' && shareIssue(a.share))) at('INDICATOR_SHARE');
      return;
    }
    if (node.aggregation) at('INDICATOR_LEAF_AGGREGATED');
    const m = node.scoring;
    if (!m) return at('INDICATOR_SCORING_REQUIRED');
    if (m.kind === 'graded') {
      const given = m.levels.map((l) => l.level);
      if (new Set(given).size !== given.length || given.length < 2) at('INDICATOR_LEVELS');
      if (m.levels.some((l) => !Number.isInteger(l.points) || l.points < 0 || l.points > node.maxPoints)) at('INDICATOR_LEVEL_POINTS', { max: formatPoints(node.maxPoints) });
      if (m.passLevel && !given.includes(m.passLevel)) at('INDICATOR_LEVELS');
    }
    if (m.kind === 'formula' && (!isDecimal(m.threshold) || ratioOf(m.threshold).n === 0n || (m.scale !== undefined && !isDecimal(m.scale)))) at('INDICATOR_THRESHOLD');
    if (m.kind === 'deduction' && (m.perOccurrence <= 0 || m.floor < 0 || m.floor > node.maxPoints)) at('INDICATOR_DEDUCTION', { max: formatPoints(node.maxPoints) });
    if (node.passPoints !== undefined && (node.passPoints < 0 || node.passPoints > node.maxPoints)) at('INDICATOR_PASS_POINTS', { max: formatPoints(node.maxPoints) });
  });
  const grades = rules.grades;
  const ordered = grades.every((g, i) => i === 0 || g.minPoints < grades[i - 1].minPoints);
  if (grades.length < 2 || !ordered || grades[grades.length - 1].minPoints !== 0 || grades[0].minPoints > root.maxPoints) {
    issues.push({ code: root.code, key: 'INDICATOR_GRADE_BANDS' });
  }
  const names = grades.map((g) => g.grade);
  for (const cap of rules.caps) if (!names.includes(cap.best)) issues.push({ code: root.code, key: 'INDICATOR_CAP_GRADE', params: { grade: cap.best } });
  return issues;
}

// ---------- scoring ----------

function levelPasses(level: Level, passLevel: Level = 'C'): boolean {
  return levels.indexOf(level) <= levels.indexOf(passLevel);
}

/** What is wrong with one set of scores for this framework, naming the leaf or the reported number. */
export function inputIssues(root: IndicatorNode, input: ScoreInput): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const byCode = new Map(leavesOf(root).map((l) => [l.code, l]));
  for (const [code, given] of Object.entries(input.leaves)) {
    const leaf = byCode.get(code);
    const at = (key: string, params?: EngineIssue['params']) => issues.push({ code, key, params: { code, name: leaf?.name ?? code, ...params } });
    if (!leaf) {
      at('INDICATOR_UNKNOWN');
      continue;
    }
    const m = leaf.scoring!;
    if (m.kind === 'manual' && given.points !== undefined && (!Number.isInteger(given.points) || given.points < 0 || given.points > leaf.maxPoints)) {
      at('SCORE_OUT_OF_RANGE', { max: formatPoints(leaf.maxPoints) });
    }
    if (m.kind === 'graded' && given.level !== undefined && !m.levels.some((l) => l.level === given.level)) at('SCORE_LEVEL_UNKNOWN', { level: given.level });
    if (m.kind === 'deduction' && given.occurrences !== undefined && (!Number.isInteger(given.occurrences) || given.occurrences < 0)) at('SCORE_OCCURRENCES');
  }
  for (const [key, value] of Object.entries(input.numbers)) {
    if (!isDecimal(value)) issues.push({ code: key, key: 'REPORTED_NUMBER', params: { key } });
  }
  return issues;
}

interface Scored extends NodeResult {
  /** How far a node got toward its threshold (1 = reached), for share rules. */
  attainment: Fraction;
}

const pointsShare = (points: Points, of: Points): Fraction => (of === 0 ? ONE : { n: BigInt(points), d: BigInt(of) });

function scoreLeaf(node: IndicatorNode, input: ScoreInput, missing: string[], missingNumbers: string[]): Scored {
  const given = input.leaves[node.code] ?? {};
  const m = node.scoring!;
  const base = { code: node.code, name: node.name, maxPoints: node.maxPoints, children: [] };
  const none = (): Scored => {
    missing.push(node.code);
    return { ...base, points: 0, passed: false, reason: { rule: 'missing' }, attainment: ZERO };
  };
  const byPoints = (points: Points, reason: Reason, passPoints = node.passPoints ?? node.maxPoints): Scored => ({
    ...base, points, passed: points >= passPoints, reason, attainment: pointsShare(points, passPoints),
  });
  switch (m.kind) {
    case 'manual':
      return given.points === undefined ? none() : byPoints(given.points, { rule: 'manual', points: given.points });
    case 'yesNo':
      return given.yes === undefined ? none() : byPoints(given.yes ? node.maxPoints : 0, { rule: 'yesNo', yes: given.yes });
    case 'graded': {
      const chosen = m.levels.find((l) => l.level === given.level);
      if (!chosen) return none();
      const passed = levelPasses(chosen.level, m.passLevel);
      return { ...base, points: chosen.points, passed, reason: { rule: 'graded', level: chosen.level, points: chosen.points }, attainment: passed ? ONE : pointsShare(chosen.points, node.maxPoints) };
    }
    case 'deduction': {
      if (given.occurrences === undefined) return none();
      const points = Math.max(m.floor, node.maxPoints - given.occurrences * m.perOccurrence);
      const reason: Reason = { rule: 'deduction', occurrences: given.occurrences, perOccurrence: m.perOccurrence, floor: m.floor };
      if (node.passPoints !== undefined) return byPoints(points, reason);
      return { ...base, points, passed: given.occurrences === 0, reason, attainment: pointsShare(points, node.maxPoints) };
    }
    case 'formula': {
      const num = input.numbers[m.numerator];
      const den = m.denominator ? input.numbers[m.denominator] : '1';
      const absent = [m.numerator, ...(m.denominator ? [m.denominator] : [])].filter((k) => input.numbers[k] === undefined);
      if (absent.length) {
        for (const k of absent) if (!missingNumbers.includes(k)) missingNumbers.push(k);
        return none();
      }
      const n = ratioOf(num);
      const d = ratioOf(den);
      const threshold = ratioOf(m.threshold);
      // value = n / d; a zero denominator reaches nothing.
      const value: Fraction = d.n === 0n ? ZERO : mul({ n: n.n * d.d, d: n.d * d.n }, m.scale ? ratioOf(m.scale) : ONE);
      const attainment: Fraction = m.direction === 'atLeast'
        ? { n: value.n * threshold.d, d: value.d * threshold.n }
        : (value.n === 0n ? ONE : { n: threshold.n * value.d, d: threshold.d * value.n });
      const met = atLeast(attainment, ONE);
      const points = met ? node.maxPoints : m.partial === 'proportional' ? pointsTimes(node.maxPoints, attainment) : 0;
      return {
        ...base, points, passed: met, attainment,
        reason: { rule: 'formula', value: decimalText(value, 4), threshold: m.threshold, direction: m.direction, met, partial: m.partial },
      };
    }
  }
}

function scoreNode(node: IndicatorNode, input: ScoreInput, missing: string[], missingNumbers: string[]): Scored {
  if (!node.children?.length) return scoreLeaf(node, input, missing, missingNumbers);
  const children = node.children.map((c) => scoreNode(c, input, missing, missingNumbers));
  const base = { code: node.code, name: node.name, maxPoints: node.maxPoints, children: children.map(strip) };
  const vetoed = node.children.filter((c, i) => c.veto && !children[i].passed).map((c) => c.code);
  if (vetoed.length) return { ...base, points: 0, passed: false, reason: { rule: 'veto', by: vetoed }, attainment: ZERO };
  const a = node.aggregation!;
  const all = (passed: boolean, reason: Reason): Scored => ({ ...base, points: passed ? node.maxPoints : 0, passed, reason, attainment: passed ? ONE : ZERO });
  switch (a.kind) {
    case 'weightedSum': {
      const points = children.reduce((s, c) => s + c.points, 0);
      const passed = node.passPoints !== undefined ? points >= node.passPoints : children.every((c) => c.passed);
      return { ...base, points, passed, reason: { rule: 'weightedSum' }, attainment: pointsShare(points, node.passPoints ?? node.maxPoints) };
    }
    case 'allPass': {
      const failing = children.filter((c) => !c.passed).map((c) => c.code);
      return all(failing.length === 0, { rule: 'allPass', failing });
    }
    case 'kOfN': {
      const passing = children.filter((c) => c.passed).length;
      const share = a.restShare ? ratioOf(a.restShare) : null;
      const short = share ? children.filter((c) => !c.passed && !atLeast(c.attainment, share)).map((c) => c.code) : [];
      return all(passing >= a.k && short.length === 0, { rule: 'kOfN', k: a.k, n: children.length, passing, ...(a.restShare ? { restShare: a.restShare } : {}), short });
    }
    case 'eachShare': {
      const share = ratioOf(a.share);
      const short = children.filter((c) => !atLeast(c.attainment, share)).map((c) => c.code);
      return all(short.length === 0, { rule: 'eachShare', share: a.share, short });
    }
  }
}

function strip(s: Scored): NodeResult {
  const { attainment: _attainment, ...rest } = s;
  return rest;
}

/** Score the tree: every node's points and why; missing leaves score zero and are listed. */
export function scoreTree(root: IndicatorNode, input: ScoreInput): TreeResult {
  const missing: string[] = [];
  const missingNumbers: string[] = [];
  const scored = scoreNode(root, input, missing, missingNumbers);
  return { root: strip(scored), missing, missingNumbers };
}

// ---------- grading ----------

/**
 * The grade of a verified total under a version's rules. Order: the credibility adjustment of the total, the
 * band of the adjusted total, caps (不得评为优秀), downgrades (降一等, from the capped grade), vetoes last, so a
 * veto always ends at the lowest band.
 */
export function grade(rules: FrameworkRules, input: { total: Points; selfTotal?: Points | null; events: string[] }): Grading {
  const applied: AppliedRule[] = [];
  const occurred = new Set(input.events);
  let finalTotal = input.total;
  let credibility: string | null = null;
  if (input.selfTotal != null) {
    credibility = input.selfTotal === 0 ? null : decimalText({ n: BigInt(input.total) * 100n, d: BigInt(input.selfTotal) }, 2);
    if (rules.credibility) {
      const gap = Math.abs(input.selfTotal - input.total);
      const beyond = Math.max(0, gap - rules.credibility.tolerance);
      const deduction = Math.min(rules.credibility.maxDeduction, Number((BigInt(beyond) * BigInt(rules.credibility.deductionPerPoint) * 2n + 100n) / 200n));
      if (deduction > 0) {
        finalTotal = Math.max(0, finalTotal - deduction);
        applied.push({ rule: 'credibility', selfTotal: input.selfTotal, gap, deduction });
      }
    }
  }
  const bands = rules.grades;
  let index = bands.findIndex((b) => finalTotal >= b.minPoints);
  if (index < 0) index = bands.length - 1;
  applied.push({ rule: 'band', grade: bands[index].grade, minPoints: bands[index].minPoints });
  for (const cap of rules.caps) {
    if (!occurred.has(cap.event)) continue;
    const best = bands.findIndex((b) => b.grade === cap.best);
    if (best > index) {
      applied.push({ rule: 'cap', event: cap.event, label: cap.label, from: bands[index].grade, to: bands[best].grade });
      index = best;
    }
  }
  for (const down of rules.downgrades) {
    if (!occurred.has(down.event)) continue;
    const to = Math.min(bands.length - 1, index + down.steps);
    applied.push({ rule: 'downgrade', event: down.event, label: down.label, from: bands[index].grade, to: bands[to].grade });
    index = to;
  }
  for (const veto of rules.vetoes) {
    if (!occurred.has(veto.event)) continue;
    index = bands.length - 1;
    applied.push({ rule: 'veto', event: veto.event, label: veto.label, to: bands[index].grade });
  }
  return { total: input.total, finalTotal, grade: bands[index].grade, credibility, applied };
}

// ---------- words ----------

type Locale = 'zh-CN' | 'en';
const p = formatPoints;
const list = (codes: string[]) => codes.join(', ');

/** A node's reason in the reader's language. */
export function describeReason(reason: Reason, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (reason.rule) {
    case 'missing': return zh ? '未填报' : 'Not given';
    case 'manual': return zh ? `评分 ${p(reason.points)} 分` : `Scored ${p(reason.points)}`;
    case 'yesNo': return zh ? (reason.yes ? '达到要求（是），得满分' : '未达到要求（否），不得分') : (reason.yes ? 'Yes: full marks' : 'No: no marks');
    case 'graded': return zh ? `评定为 ${reason.level} 等，得 ${p(reason.points)} 分` : `Level ${reason.level}: ${p(reason.points)}`;
    case 'formula': {
      const cmp = reason.direction === 'atLeast' ? (zh ? '不低于' : 'at least') : (zh ? '不高于' : 'at most');
      if (reason.met) return zh ? `计算值 ${reason.value}，${cmp}标准 ${reason.threshold}，得满分` : `Value ${reason.value} is ${cmp} ${reason.threshold}: full marks`;
      return reason.partial === 'proportional'
        ? (zh ? `计算值 ${reason.value}，未达到标准 ${reason.threshold}，按达标比例得分` : `Value ${reason.value} misses ${reason.threshold}: points in proportion`)
        : (zh ? `计算值 ${reason.value}，未达到标准 ${reason.threshold}，不得分` : `Value ${reason.value} misses ${reason.threshold}: no marks`);
    }
    case 'deduction': return zh
      ? `发生 ${reason.occurrences} 次，每次扣 ${p(reason.perOccurrence)} 分，最低 ${p(reason.floor)} 分`
      : `${reason.occurrences} occurrence(s), ${p(reason.perOccurrence)} off each, at least ${p(reason.floor)}`;
    case 'weightedSum': return zh ? '下级指标得分之和' : 'Sum of the sub-indicators';
    case 'allPass': return reason.failing.length === 0
      ? (zh ? '下级指标全部达标，得满分' : 'Every sub-indicator passes: full marks')
      : (zh ? `下级指标须全部达标，${list(reason.failing)} 未达标，不得分` : `Every sub-indicator must pass; ${list(reason.failing)} did not: no marks`);
    case 'kOfN': {
      const head = zh ? `${reason.n} 项中须至少 ${reason.k} 项达标，实际 ${reason.passing} 项` : `${reason.k} of ${reason.n} must pass; ${reason.passing} did`;
      const rest = reason.restShare ? (zh ? `，其余须达到标准的 ${reason.restShare}` : `, the rest at least ${reason.restShare} of the threshold`) : '';
      const short = reason.short.length ? (zh ? `（${list(reason.short)} 未达到）` : ` (${list(reason.short)} short)`) : '';
      const ok = reason.passing >= reason.k && reason.short.length === 0;
      return `${head}${rest}${short}${zh ? (ok ? '，得满分' : '，不得分') : (ok ? ': full marks' : ': no marks')}`;
    }
    case 'eachShare': return reason.short.length === 0
      ? (zh ? `每项均达到标准的 ${reason.share}，得满分` : `Each reaches ${reason.share} of its threshold: full marks`)
      : (zh ? `每项须达到标准的 ${reason.share}，${list(reason.short)} 未达到，不得分` : `Each must reach ${reason.share} of its threshold; ${list(reason.short)} did not: no marks`);
    case 'veto': return zh ? `否决项 ${list(reason.by)} 未达标，本项不得分` : `Veto item ${list(reason.by)} failed: no marks`;
  }
}

/** An applied grading rule in the reader's language. */
export function describeApplied(rule: AppliedRule, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (rule.rule) {
    case 'credibility': return zh
      ? `自评 ${p(rule.selfTotal)} 分与核定分相差 ${p(rule.gap)} 分，按自评可信度扣 ${p(rule.deduction)} 分`
      : `Self-assessment ${p(rule.selfTotal)} differs by ${p(rule.gap)}: ${p(rule.deduction)} off for credibility`;
    case 'band': return zh ? `得分不低于 ${p(rule.minPoints)} 分，评为${rule.grade}` : `At least ${p(rule.minPoints)}: ${rule.grade}`;
    case 'cap': return zh ? `${rule.label}，不得评为${rule.from}，定为${rule.to}` : `${rule.label}: cannot be ${rule.from}, so ${rule.to}`;
    case 'downgrade': return zh ? `${rule.label}，降等：${rule.from} → ${rule.to}` : `${rule.label}: one grade down, ${rule.from} → ${rule.to}`;
    case 'veto': return zh ? `${rule.label}，一票否决，定为${rule.to}` : `${rule.label}: vetoed, ${rule.to}`;
  }
}
