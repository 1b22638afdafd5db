import { describe, expect, it } from 'vitest';
import {
  defaultRules, describeApplied, describeReason, formatPoints, frameworkIssues, grade, inputIssues, parsePoints, scoreTree,
  type FrameworkRules, type IndicatorNode,
} from './indicators.engine';

// The seven resource indicators of 优质均衡 (primary thresholds, domain rules §1.2) as one school's node:
// at least 6 of 7 reach the threshold and the rest at least 85 % of it.
const ratio = (code: string, numerator: string, threshold: string, scale?: string): IndicatorNode => ({
  code, name: code, maxPoints: 0, scoring: { kind: 'formula', numerator, denominator: 'students', ...(scale ? { scale } : {}), threshold, direction: 'atLeast', partial: 'none' },
});
const school: IndicatorNode = {
  code: 'school', name: '资源配置', maxPoints: 0, aggregation: { kind: 'kOfN', k: 6, restShare: '0.85' },
  children: [
    ratio('r1', 'qualified', '4.2', '100'), ratio('r2', 'backbone', '1', '100'), ratio('r3', 'artsPe', '0.9', '100'),
    ratio('r4', 'teachingArea', '4.5'), ratio('r5', 'sportsArea', '7.5'), ratio('r6', 'equipment', '2000'), ratio('r7', 'multimedia', '2.3', '100'),
  ],
};
const schoolNumbers = (students: number, v: number[]) => Object.fromEntries([
  ['students', String(students)], ...['qualified', 'backbone', 'artsPe', 'teachingArea', 'sportsArea', 'equipment', 'multimedia'].map((k, i) => [k, String(v[i])]),
]);

// A small county framework out of 100 using every method.
const county: IndicatorNode = {
  code: 'T', name: '县级政府履行教育职责', maxPoints: 10000, aggregation: { kind: 'weightedSum' },
  children: [
    {
      code: '1', name: '教育保障', maxPoints: 6000, aggregation: { kind: 'weightedSum' },
      children: [
        { code: '1.1', name: '经费投入', maxPoints: 2000, scoring: { kind: 'manual' }, passPoints: 1200 },
        { code: '1.2', name: '教师工资不低于公务员', maxPoints: 1500, scoring: { kind: 'yesNo' }, veto: true },
        { code: '1.3', name: '校舍安全', maxPoints: 1500, scoring: { kind: 'graded', levels: [{ level: 'A', points: 1500 }, { level: 'B', points: 1200 }, { level: 'C', points: 900 }, { level: 'D', points: 0 }] } },
        { code: '1.4', name: '大班额比例', maxPoints: 1000, scoring: { kind: 'formula', numerator: 'bigClasses', denominator: 'classes', threshold: '0.05', direction: 'atMost', partial: 'proportional' } },
      ],
    },
    { code: '2', name: '规范办学', maxPoints: 4000, scoring: { kind: 'deduction', perOccurrence: 500, floor: 1000 } },
  ],
};

describe('the indicator engine', () => {
  it('reproduces the 优质均衡 worked example: schools A and B pass, C fails on 85 %, D on 6 of 7', () => {
    const a = scoreTree(school, { leaves: {}, numbers: schoolNumbers(1200, [60, 14, 12, 6000, 10000, 3000000, 30]) });
    const b = scoreTree(school, { leaves: {}, numbers: schoolNumbers(800, [36, 8, 8, 3700, 6200, 1450000, 19]) });
    const c = scoreTree(school, { leaves: {}, numbers: schoolNumbers(300, [14, 2, 3, 1500, 2400, 650000, 8]) });
    const d = scoreTree(school, { leaves: {}, numbers: schoolNumbers(100, [4, 1, 1, 420, 900, 180000, 2]) });
    expect([a, b, c, d].map((s) => s.root.passed)).toEqual([true, true, false, false]);
    expect(b.root.reason).toEqual({ rule: 'kOfN', k: 6, n: 7, passing: 6, restShare: '0.85', short: [] });
    expect(b.root.children[5].reason).toMatchObject({ value: '1812.5000', met: false });
    expect(c.root.reason).toMatchObject({ passing: 6, short: ['r2'] });
    expect(c.root.children[1].reason).toMatchObject({ value: '0.6667' });
    expect(d.root.reason).toMatchObject({ passing: 3 });
    expect(describeReason(c.root.reason, 'zh-CN')).toBe('7 项中须至少 6 项达标，实际 6 项，其余须达到标准的 0.85（r2 未达到），不得分');
  });

  it('compares a ratio at its threshold exactly: 85 of 100 is 85 %, not a hair under', () => {
    const node: IndicatorNode = { code: 'x', name: 'x', maxPoints: 500, scoring: { kind: 'formula', numerator: 'a', denominator: 'b', threshold: '0.85', direction: 'atLeast', partial: 'none' } };
    expect(scoreTree(node, { leaves: {}, numbers: { a: '85', b: '100' } }).root.points).toBe(500);
    expect(scoreTree(node, { leaves: {}, numbers: { a: '84.99', b: '100' } }).root.points).toBe(0);
    // 0.1 + 0.2 style input: 0.3 of 1 reaches a 0.3 threshold.
    const third = { ...node, scoring: { ...node.scoring!, threshold: '0.3' } } as IndicatorNode;
    expect(scoreTree(third, { leaves: {}, numbers: { a: '0.3', b: '1' } }).root.passed).toBe(true);
  });

  it('scores every method and explains each node', () => {
    const result = scoreTree(county, {
      leaves: { '1.1': { points: 1850 }, '1.2': { yes: true }, '1.3': { level: 'B' }, '2': { occurrences: 3 } },
      numbers: { bigClasses: '8', classes: '100' },
    });
    const [guarantee, conduct] = result.root.children;
    // 1.4: 8 % big classes against at most 5 %: 5/8 of 10 points.
    expect(guarantee.children.map((c) => c.points)).toEqual([1850, 1500, 1200, 625]);
    expect(guarantee.points).toBe(5175);
    expect(conduct).toMatchObject({ points: 2500, passed: false, reason: { rule: 'deduction', occurrences: 3 } });
    expect(result.root.points).toBe(7675);
    expect(result.missing).toEqual([]);
    expect(describeReason(guarantee.children[3].reason, 'zh-CN')).toBe('计算值 0.0800，未达到标准 0.05，按达标比例得分');
    expect(describeReason(conduct.reason, 'en')).toBe('3 occurrence(s), 5.00 off each, at least 10.00');
    // The floor holds however many occurrences.
    expect(scoreTree(county, { leaves: { '2': { occurrences: 40 } }, numbers: {} }).root.children[1].points).toBe(1000);
  });

  it('lists what is missing and scores it zero', () => {
    const result = scoreTree(county, { leaves: { '1.1': { points: 2000 } }, numbers: { classes: '40' } });
    expect(result.missing).toEqual(['1.2', '1.3', '1.4', '2']);
    expect(result.missingNumbers).toEqual(['bigClasses']);
    expect(result.root.points).toBe(0);
    expect(result.root.children[0].reason).toEqual({ rule: 'veto', by: ['1.2'] });
  });

  it('zeroes a parent whose veto item fails, naming it', () => {
    const result = scoreTree(county, {
      leaves: { '1.1': { points: 2000 }, '1.2': { yes: false }, '1.3': { level: 'A' }, '2': { occurrences: 0 } },
      numbers: { bigClasses: '0', classes: '50' },
    });
    expect(result.root.children[0]).toMatchObject({ points: 0, passed: false, reason: { rule: 'veto', by: ['1.2'] } });
    expect(result.root.points).toBe(4000);
    expect(describeReason(result.root.children[0].reason, 'zh-CN')).toBe('否决项 1.2 未达标，本项不得分');
  });

  it('all-pass and each-share parents give full marks or none', () => {
    const leaf = (code: string): IndicatorNode => ({ code, name: code, maxPoints: 500, scoring: { kind: 'manual' }, passPoints: 400 });
    const allPass: IndicatorNode = { code: 'p', name: 'p', maxPoints: 1000, aggregation: { kind: 'allPass' }, children: [leaf('a'), leaf('b')] };
    expect(scoreTree(allPass, { leaves: { a: { points: 400 }, b: { points: 450 } }, numbers: {} }).root.points).toBe(1000);
    const failed = scoreTree(allPass, { leaves: { a: { points: 399 }, b: { points: 500 } }, numbers: {} }).root;
    expect(failed).toMatchObject({ points: 0, reason: { rule: 'allPass', failing: ['a'] } });
    const share: IndicatorNode = { ...allPass, aggregation: { kind: 'eachShare', share: '0.85' } };
    // 340 of a 400 pass mark is exactly 85 %.
    expect(scoreTree(share, { leaves: { a: { points: 340 }, b: { points: 500 } }, numbers: {} }).root.points).toBe(1000);
    expect(scoreTree(share, { leaves: { a: { points: 339 }, b: { points: 500 } }, numbers: {} }).root.reason).toEqual({ rule: 'eachShare', share: '0.85', short: ['a'] });
  });

  it('refuses a framework whose children do not add up, naming the node', () => {
    const broken: IndicatorNode = {
      ...county, children: [{ ...county.children![0], children: county.children![0].children!.slice(0, 3) }, county.children![1]],
    };
    expect(frameworkIssues(county, defaultRules)).toEqual([]);
    expect(frameworkIssues(broken, defaultRules)).toEqual([
      { code: '1', key: 'INDICATOR_WEIGHTS', params: { code: '1', name: '教育保障', sum: '50.00', max: '60.00' } },
    ]);
    const noMethod: IndicatorNode = { ...county, children: [county.children![0], { code: '1.1', name: '重复', maxPoints: 4000 }] };
    expect(frameworkIssues(noMethod, defaultRules).map((i) => [i.code, i.key])).toEqual([['1.1', 'INDICATOR_CODE_REPEATED'], ['1.1', 'INDICATOR_SCORING_REQUIRED']]);
    expect(frameworkIssues(county, { ...defaultRules, grades: [{ grade: '合格', minPoints: 6000 }, { grade: '不合格', minPoints: 100 }] }).map((i) => i.key)).toEqual(['INDICATOR_GRADE_BANDS']);
  });

  it('refuses a score outside its range and an unknown level, naming the indicator', () => {
    expect(inputIssues(county, { leaves: { '1.1': { points: 2001 }, '1.3': { level: 'E' as 'A' }, zz: { yes: true } }, numbers: { classes: '-3' } })).toEqual([
      { code: '1.1', key: 'SCORE_OUT_OF_RANGE', params: { code: '1.1', name: '经费投入', max: '20.00' } },
      { code: '1.3', key: 'SCORE_LEVEL_UNKNOWN', params: { code: '1.3', name: '校舍安全', level: 'E' } },
      { code: 'zz', key: 'INDICATOR_UNKNOWN', params: { code: 'zz', name: 'zz' } },
      { code: 'classes', key: 'REPORTED_NUMBER', params: { key: 'classes' } },
    ]);
  });

  it('keeps points as exact hundredths', () => {
    expect(parsePoints('12.5')).toBe(1250);
    expect(parsePoints('0.07')).toBe(7);
    expect(parsePoints('1.005')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
    expect(formatPoints(8999)).toBe('89.99');
  });
});

describe('grading by the version\'s rules', () => {
  // Ningxia's rules (domain rules §3.2) with a credibility rule: 2 points tolerated, 0.5 off per point beyond, at most 5.
  const rules: FrameworkRules = {
    ...defaultRules,
    downgrades: [{ event: 'falsification', label: '弄虚作假', steps: 1 }, { event: 'safety-incident', label: '发生涉校重大安全事件', steps: 1 }],
    caps: [{ event: 'd-class-buildings', label: '仍有师生使用D级危房', best: '良好' }],
    vetoes: [{ event: 'major-accident', label: '发生重大安全责任事故' }],
    credibility: { tolerance: 200, deductionPerPoint: 50, maxDeduction: 500 },
  };

  it('bands the total at the boundaries: 90 is 优秀, 89.99 良好, 65 合格, 64.99 不合格', () => {
    expect([9000, 8999, 8000, 6500, 6499, 0].map((total) => grade(defaultRules, { total, events: [] }).grade)).toEqual(['优秀', '良好', '良好', '合格', '不合格', '不合格']);
  });

  it('caps, then drops one grade, and a veto ends at the lowest band, each rule listed', () => {
    const capped = grade(rules, { total: 9300, events: ['d-class-buildings'] });
    expect(capped.grade).toBe('良好');
    const both = grade(rules, { total: 9300, events: ['d-class-buildings', 'falsification'] });
    expect(both.grade).toBe('合格');
    expect(both.applied.map((r) => describeApplied(r, 'zh-CN'))).toEqual([
      '得分不低于 90.00 分，评为优秀', '仍有师生使用D级危房，不得评为优秀，定为良好', '弄虚作假，降等：良好 → 合格',
    ]);
    expect(grade(rules, { total: 6600, events: ['falsification', 'safety-incident'] }).grade).toBe('不合格');
    expect(grade(rules, { total: 9800, events: ['major-accident'] })).toMatchObject({ grade: '不合格', applied: [{ rule: 'band' }, { rule: 'veto', to: '不合格' }] });
    // An event no rule names changes nothing.
    expect(grade(rules, { total: 9800, events: ['other'] }).grade).toBe('优秀');
  });

  it('adjusts the total by the self-assessment credibility rule and reports the ratio', () => {
    // Self 96, verified 91: 3 points beyond the tolerance, 1.50 off, 89.50 is 良好.
    const g = grade(rules, { total: 9100, selfTotal: 9600, events: [] });
    expect(g).toMatchObject({ total: 9100, finalTotal: 8950, grade: '良好', credibility: '94.79' });
    expect(describeApplied(g.applied[0], 'zh-CN')).toBe('自评 96.00 分与核定分相差 5.00 分，按自评可信度扣 1.50 分');
    expect(grade(rules, { total: 9100, selfTotal: 9300, events: [] }).finalTotal).toBe(9100);
    expect(grade(rules, { total: 5000, selfTotal: 9900, events: [] }).finalTotal).toBe(4500);
  });
});
