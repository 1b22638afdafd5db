import { describe, expect, it } from 'vitest';
import { assessBasic, assessQuality, coefficientOfVariation, describe as words, type SchoolRow } from './balance.engine';
import { basic2012, quality2017 } from './balance.rules';

let serial = 0;
const code = () => String(5119000000 + ++serial);

/** The seven 优质均衡 resources of a primary school, as a report states them (net teaching area, ground + hall). */
interface PrimaryFigures {
  students: number;
  aboveQualified: number;
  backbone: number;
  peArt: number;
  teachingArea: number | string;
  sportsArea: number;
  equipment: number | string;
  multimedia: number;
}

/** A primary school whose raw figures give those resources: 100 m² of indoor sports rooms, a tenth of the sports area a hall. */
function primarySchool(name: string, f: PrimaryFigures, over: Partial<SchoolRow> = {}): SchoolRow {
  const third = Math.floor(f.peArt / 3);
  const teaching = typeof f.teachingArea === 'number' ? f.teachingArea + 100 : `${f.teachingArea}`;
  return {
    unitId: `u-${name}`, code: code(), name, kind: 'primary', private: false,
    students: { primary: f.students },
    teachers: { primary: { aboveQualified: f.aboveQualified, backbone: f.backbone, peTeachers: f.peArt - 2 * third, musicTeachers: third, artTeachers: third } },
    facilities: {
      teachingAuxArea: teaching, indoorSportsRoomArea: typeof f.teachingArea === 'number' ? 100 : 0,
      sportsGroundArea: f.sportsArea - f.sportsArea / 10, sportsHallArea: f.sportsArea / 10,
      equipmentValue: f.equipment, multimediaRooms: f.multimedia,
    },
    ...over,
  };
}

/** A primary school that reaches every 优质均衡 standard with some room to spare. */
const goodPrimary = (name: string, students = 1000, over: Partial<PrimaryFigures> = {}) => primarySchool(name, {
  students, aboveQualified: Math.ceil(students / 20), backbone: Math.ceil(students / 50), peArt: Math.ceil(students / 50), teachingArea: students * 5,
  sportsArea: students * 8, equipment: students * 2500, multimedia: Math.ceil(students / 25), ...over,
});

// The hypothetical county of domain rules §1.5.
const county15 = () => [
  primarySchool('甲小学', { students: 1200, aboveQualified: 60, backbone: 14, peArt: 12, teachingArea: 6000, sportsArea: 10000, equipment: 3000000, multimedia: 30 }),
  primarySchool('乙小学', { students: 800, aboveQualified: 36, backbone: 8, peArt: 8, teachingArea: 3700, sportsArea: 6200, equipment: '1450000.00', multimedia: 19 }),
  primarySchool('丙小学', { students: 300, aboveQualified: 14, backbone: 2, peArt: 3, teachingArea: 1500, sportsArea: 2400, equipment: 650000, multimedia: 8 }),
  primarySchool('丁小学', { students: 100, aboveQualified: 4, backbone: 1, peArt: 1, teachingArea: 420, sportsArea: 900, equipment: 180000, multimedia: 2 }),
];

/** A school with only books, for the 基本均衡 book indicator. */
const withBooks = (name: string, kind: SchoolRow['kind'], students: SchoolRow['students'], books: number): SchoolRow => ({
  unitId: `u-${name}`, code: code(), name, kind, private: false, students,
  teachers: {}, facilities: { books },
});

describe('the student-weighted coefficient of variation', () => {
  // domain rules §1.3: the official worked example, books per student in five primary schools
  const schools = [[45, 279], [37, 137], [89, 935], [76, 160], [55, 402]];

  /** The wrong method: the plain mean and population deviation of the five per-student values. */
  function unweighted(points: number[][]): number {
    const xs = points.map(([p, r]) => r / p);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) / mean;
  }

  it('gives 0.515 on the official books example, which fails the 0.50 primary maximum an unweighted 0.489 would pass', () => {
    const cv = coefficientOfVariation(schools.map(([students, resource]) => ({ students, resource })));
    expect(cv.mean.text).toBe('6.33');
    expect(cv.cv!.text).toBe('0.515');
    expect(cv.within('0.50')).toBe(false);
    expect(unweighted(schools).toFixed(3)).toBe('0.489');
    expect(unweighted(schools) <= 0.5).toBe(true);
  });

  it('passes a coefficient of exactly one half against 0.50, and fails one a hair above though it shows as 0.500', () => {
    const half = coefficientOfVariation([{ students: 100, resource: 300000 }, { students: 100, resource: 100000 }]);
    expect(half.cv!.squared.exact).toBe('1/4');
    expect(half.within('0.50')).toBe(true);
    const above = coefficientOfVariation([{ students: 100, resource: 300001 }, { students: 100, resource: 100000 }]);
    expect(above.cv!.text).toBe('0.500');
    expect(above.within('0.50')).toBe(false);
  });

  // a deterministic generator, so a failure names a case that can be run again
  function generator(seed: number) {
    let s = seed >>> 0;
    return (below: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % below;
    };
  }
  const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;

  it('is unchanged when every resource is scaled by the same factor', () => {
    const next = generator(13);
    for (let c = 0; c < 300; c++) {
      const n = 1 + next(12);
      const points = Array.from({ length: n }, () => ({ students: 1 + next(3000), resource: BigInt(1 + next(5_000_000)) }));
      const k = BigInt(2 + next(997));
      const before = coefficientOfVariation(points.map((p) => ({ students: p.students, resource: cents(p.resource) })));
      const after = coefficientOfVariation(points.map((p) => ({ students: p.students, resource: cents(p.resource * k) })));
      expect(after.cv!.squared.exact, `case ${c}`).toBe(before.cv!.squared.exact);
      expect(after.cv!.text).toBe(before.cv!.text);
    }
  });

  it('is 0 when every school has the same value per student', () => {
    const next = generator(7);
    for (let c = 0; c < 300; c++) {
      const perStudent = BigInt(1 + next(100_000));
      const points = Array.from({ length: 1 + next(12) }, () => {
        const students = 1 + next(3000);
        return { students, resource: cents(perStudent * BigInt(students)) };
      });
      const cv = coefficientOfVariation(points);
      expect(cv.cv!.squared.exact, `case ${c}`).toBe('0');
      expect(cv.cv!.text).toBe('0.000');
    }
  });

  it('is undefined, never 0, when the county mean is 0, and the county report flags it as a data error', () => {
    const next = generator(29);
    for (let c = 0; c < 200; c++) {
      const cv = coefficientOfVariation(Array.from({ length: 1 + next(8) }, () => ({ students: 1 + next(2000), resource: 0 })));
      expect(cv.cv, `case ${c}`).toBeNull();
      expect(cv.within('0.50')).toBeNull();
    }
    const rows = [goodPrimary('一小'), goodPrimary('二小', 600)].map((r) => ({ ...r, facilities: { ...r.facilities, multimediaRooms: 0 } }));
    const result = assessQuality(rows);
    const q7 = result.stages[0].indicators.find((r) => r.indicator.id === 'Q7')!;
    expect(q7.cv).toBeNull();
    expect(q7.met).toBeNull();
    expect(result.dataErrors.map((e) => e.code)).toContain('cvUndefined');
    expect(words(result.dataErrors[0], 'zh-CN')).toBe('小学每百名学生拥有网络多媒体教室数全县均值为 0，差异系数无法计算，请核查数据');
  });
});

describe('优质均衡 resource allocation', () => {
  it('passes schools A and B, fails C on backbone teachers and D on too few standards, and fails the county though every coefficient passes', () => {
    const result = assessQuality(county15());
    const primary = result.stages.find((s) => s.stage === 'primary')!;
    const [a, b, c, d] = primary.schools;
    expect(a.items.map((i) => i.value.text)).toEqual(['5.00', '1.17', '1.00', '5.00', '8.33', '2500.00', '2.50']);
    expect(b.items.map((i) => i.value.text)).toEqual(['4.50', '1.00', '1.00', '4.63', '7.75', '1812.50', '2.38']);
    expect(c.items.map((i) => i.value.text)).toEqual(['4.67', '0.67', '1.00', '5.00', '8.00', '2166.67', '2.67']);
    expect(d.items.map((i) => i.value.text)).toEqual(['4.00', '1.00', '1.00', '4.20', '9.00', '1800.00', '2.00']);
    expect([a, b, c, d].map((s) => [s.met, s.passed])).toEqual([[7, true], [6, true], [6, false], [3, false]]);

    expect(words(b.reasons[0], 'zh-CN')).toBe('乙小学 6 项指标达到标准，余项生均教学仪器设备值 1812.50 元，不低于标准的 85%（1700 元），达到要求');
    expect(words(b.reasons[1], 'zh-CN')).toBe('乙小学生均教学仪器设备值 1812.50 元，低于标准 2000 元；达标需增加教学仪器设备值 150000.00 元');
    expect(words(c.reasons[0], 'zh-CN')).toBe('丙小学每百名学生拥有县级以上骨干教师数 0.67 人，低于标准的 85%（0.85 人），未达到要求');
    expect(c.items[1].gap!.text).toBe('1');
    expect(d.reasons.map((r) => r.code)).toEqual(['schoolTooFewMet', 'belowThreshold', 'belowThreshold', 'belowThreshold', 'belowThreshold']);
    expect(words(d.reasons[0], 'en')).toBe('丁小学 reaches only 3 of 7 indicators; at least 6 are needed: fails');

    expect(primary.indicators.every((r) => r.met === true && r.cv!.number <= 0.155)).toBe(true);
    expect(primary.verdict.outcome).toBe('notMet');
    expect(words(primary.verdict.reasons[0], 'zh-CN')).toBe('小学有 2 所学校未达到要求：丙小学、丁小学');
    expect(result.verdict.outcome).toBe('notMet');
    expect(words(result.verdict.reasons[0], 'zh-CN')).toBe('小学资源配置未达到要求');
  });

  it('shows the mean and coefficient rows and which schools move each coefficient most', () => {
    const q6 = assessQuality(county15()).stages[0].indicators.find((r) => r.indicator.id === 'Q6')!;
    // X̄ = (3,000,000 + 1,450,000 + 650,000 + 180,000) ÷ 2,400
    expect(q6.mean.exact).toBe('2200');
    expect(q6.cv!.text).toBe(q6.cv!.number.toFixed(3));
    expect(q6.shares[0].name).toBe('乙小学');
    const total = q6.shares.reduce((s, x) => s + x.share!.number, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('answers a what-if by a second call with changed rows: one more backbone teacher lets C pass', () => {
    const rows = county15();
    rows[2] = { ...rows[2], teachers: { primary: { ...rows[2].teachers.primary, backbone: 3 } } };
    const school = assessQuality(rows).stages[0].schools[2];
    expect(school.passed).toBe(true);
    expect(words(school.reasons[0], 'zh-CN')).toBe('丙小学 7 项指标全部达到标准');
    expect(assessQuality(county15()).stages[0].schools[2].passed).toBe(false);
  });

  it('passes a school exactly at 85 % of a standard, where floating point is a hair short, and fails one just under it', () => {
    // 0.85 × 4.5 is 3.8249999999999997 in floating point; 3825 m² over 1000 students is exactly 3.825
    const at = assessQuality([goodPrimary('一小', 1000, { teachingArea: 3825 })]).stages[0].schools[0];
    expect(at.items[3].value.exact).toBe('153/40');
    expect([at.met, at.items[3].atFloor, at.passed]).toEqual([6, true, true]);
    const under = assessQuality([goodPrimary('一小', 1000, { teachingArea: '3824.99' })]).stages[0].schools[0];
    expect(under.items[3].value.text).toBe('3.82');
    expect(under.passed).toBe(false);
    expect(under.reasons[0].code).toBe('schoolBelowFloor');
  });

  it('passes an indicator whose county coefficient is exactly 0.50, and fails it one yuan above', () => {
    const pair = (richer: number) => [goodPrimary('一小', 100, { equipment: richer }), goodPrimary('二小', 100, { equipment: 100000 })];
    const q6 = (richer: number) => assessQuality(pair(richer)).stages[0].indicators.find((r) => r.indicator.id === 'Q6')!;
    expect(q6(300000).cv!.squared.exact).toBe('1/4');
    expect(q6(300000).met).toBe(true);
    expect(q6(300001).met).toBe(false);
    expect(words(assessQuality(pair(300001)).stages[0].verdict.reasons.find((r) => r.code === 'cvAbove')!, 'zh-CN'))
      .toBe('小学生均教学仪器设备值校际差异系数 0.500，高于 0.50');
  });

  it('meets the requirement in a county where every school and coefficient passes', () => {
    const result = assessQuality([goodPrimary('一小'), goodPrimary('二小', 900), goodPrimary('三小', 1100)]);
    expect(result.verdict.outcome).toBe('met');
    expect(words(result.verdict.reasons[0], 'zh-CN')).toBe('小学资源配置达到要求');
  });

  it('leaves the verdict open when a school has not reported a figure', () => {
    const missing = goodPrimary('二小');
    delete missing.facilities.equipmentValue;
    const result = assessQuality([goodPrimary('一小'), missing]);
    expect(result.excluded[0].reason.code).toBe('missingFigures');
    expect(words(result.excluded[0].reason, 'zh-CN')).toBe('二小未填报教学仪器设备值，须补报后计算');
    expect(result.verdict.outcome).toBe('undetermined');
    expect(words(result.verdict.reasons[0], 'zh-CN')).toBe('有 1 处数据问题，结论待数据核实后确定');
  });

  it('keeps a coefficient above its maximum open while a school is missing, as that school could bring it down, but not a failing school', () => {
    const missing = goodPrimary('三小');
    delete missing.facilities.equipmentValue;
    const spread = [goodPrimary('一小', 100, { equipment: 700000 }), goodPrimary('二小', 100, { equipment: 210000 })];
    expect(assessQuality(spread).verdict.outcome).toBe('notMet');
    expect(assessQuality([...spread, missing]).verdict.outcome).toBe('undetermined');
    expect(assessQuality([...county15(), missing]).verdict.outcome).toBe('notMet');
  });
});

describe('which schools count', () => {
  const county = () => [
    goodPrimary('一小'),
    { ...goodPrimary('村小教学点', 30), kind: 'teachingPoint' as const },
    { ...goodPrimary('大教学点', 60), kind: 'teachingPoint' as const },
    { ...goodPrimary('特教学校', 80), kind: 'special' as const },
    { ...goodPrimary('民办小学', 500), private: true },
  ];

  it('leaves out a teaching point of 30 students and a special-education school, each with its reason', () => {
    const result = assessQuality(county());
    expect(result.excluded.map((e) => [e.name, e.reason.code])).toEqual([['村小教学点', 'smallTeachingPoint'], ['特教学校', 'specialEducation']]);
    expect(words(result.excluded[0].reason, 'zh-CN')).toBe('村小教学点为教学点，学生 30 人，不足 50 人，不纳入计算');
    expect(words(result.excluded[1].reason, 'en')).toBe('特教学校 is a special-education school and is not counted');
    expect(result.stages[0].schools.map((s) => s.name)).toEqual(['一小', '大教学点', '民办小学']);
    expect(result.dataErrors).toEqual([]);
  });

  it('refuses a figure that is not a decimal, such as a student count with a fraction, and leaves the verdict open', () => {
    const result = assessQuality([goodPrimary('一小'), { ...goodPrimary('二小'), students: { primary: '350.5' } }, { ...goodPrimary('特教'), kind: 'special', students: { primary: 'n/a' } }]);
    expect(result.excluded.map((e) => words(e.reason, 'zh-CN'))).toEqual(['二小的学生数填报有误，须更正后计算', '特教为特殊教育学校，不纳入计算']);
    expect(result.verdict.outcome).toBe('undetermined');
  });

  it('counts private schools under 优质均衡 and leaves them out under 基本均衡 or a province rule that says so', () => {
    const basic = assessBasic(county().map((r) => ({ ...r, teachers: { primary: { ...r.teachers.primary, fullTime: 50, intermediateTitle: 20 } }, facilities: { ...r.facilities, books: 20000, computers: 100 } })));
    expect(basic.excluded.find((e) => e.name === '民办小学')!.reason.code).toBe('private');
    expect(basic.excluded.find((e) => e.name === '大教学点')!.reason.code).toBe('teachingPoint');
    const province = { ...quality2017, inclusion: { ...quality2017.inclusion, private: false } };
    expect(assessQuality(county(), province).excluded.map((e) => e.name)).toContain('民办小学');
    expect(words(assessQuality(county(), province).excluded.find((e) => e.name === '民办小学')!.reason, 'zh-CN')).toBe('民办小学为民办学校，按本评估规则不纳入计算');
  });
});

describe('combined schools', () => {
  it('splits a 九年一贯制 school\'s 23,226 books 166 : 231 between its primary and junior sections (§1.4)', () => {
    const nine = withBooks('一贯制学校', 'nineYear', { primary: 166, junior: 210 }, 23226);
    const rules = { ...basic2012, indicators: basic2012.indicators.filter((i) => i.id === 'B5') };
    const result = assessBasic([nine], rules);
    const [primary, junior] = result.stages.map((s) => s.schools[0]);
    expect(primary.splitShare!.exact).toBe('166/397');
    expect(primary.splitShare!.text).toBe('0.4181');
    expect(junior.splitShare!.exact).toBe('231/397');
    expect(primary.values[0].resource.exact).toBe('3855516/397');
    // the source counts whole books: 9,711 to the primary section and the remaining 13,515 to the junior
    expect(Math.floor(primary.values[0].resource.number)).toBe(9711);
    expect(23226 - Math.floor(primary.values[0].resource.number)).toBe(13515);
    expect(primary.values[0].resource.number + junior.values[0].resource.number).toBeCloseTo(23226, 9);
    expect(primary.students).toBe(166);
  });

  it('splits a 完全中学 1 : 1.2 and keeps only its junior section, and a 十二年一贯制 1 : 1.1 : 1.32', () => {
    const rules = { ...basic2012, indicators: basic2012.indicators.filter((i) => i.id === 'B5') };
    const complete = assessBasic([withBooks('完全中学', 'complete', { junior: 600, senior: 500 }, 12000)], rules);
    expect(complete.stages.map((s) => s.stage)).toEqual(['junior']);
    expect(complete.stages[0].schools[0].splitShare!.exact).toBe('1/2');
    const twelve = assessBasic([withBooks('十二年一贯制', 'twelveYear', { primary: 100, junior: 100, senior: 100 }, 3420)], rules);
    expect(twelve.stages.map((s) => s.schools[0].values[0].resource.exact)).toEqual(['1000', '1100']);
  });

  it('uses a combined school\'s own section teachers, not a share of all of them', () => {
    const nine: SchoolRow = {
      ...goodPrimary('九年一贯制'), kind: 'nineYear', students: { primary: 500, junior: 400 },
      teachers: { primary: { aboveQualified: 30, backbone: 6, peTeachers: 5, musicTeachers: 2, artTeachers: 2 }, junior: { aboveQualified: 25, backbone: 5, peTeachers: 4, musicTeachers: 1, artTeachers: 1 } },
    };
    const [primary, junior] = assessQuality([nine]).stages.map((s) => s.schools[0]);
    expect(primary.items[0].value.text).toBe('6.00');
    expect(junior.items[0].value.text).toBe('6.25');
  });
});

describe('基本均衡 composite coefficient', () => {
  /** A school whose eight 基本均衡 resources are all `k` per 1000 students. */
  const basicSchool = (name: string, k: number): SchoolRow => ({
    unitId: `u-${name}`, code: code(), name, kind: 'primary', private: false, students: { primary: 1000 },
    teachers: { primary: { fullTime: k, aboveQualified: k, intermediateTitle: k } },
    facilities: { teachingAuxArea: k * 10, sportsGroundArea: k * 9, sportsHallArea: k, equipmentValue: k * 1000, computers: k, books: k * 20 },
  });

  it('is the mean of the eight coefficients, and a mean of exactly 0.65 meets the primary maximum', () => {
    // two equal schools at 165 and 35: every coefficient is 130 ÷ 200 = 0.65 exactly
    const stage = assessBasic([basicSchool('一小', 165), basicSchool('二小', 35)]).stages[0];
    expect(stage.indicators.map((r) => r.cv!.text)).toEqual(Array(8).fill('0.650'));
    expect(stage.composite!.text).toBe('0.650');
    expect(stage.verdict.outcome).toBe('met');
    expect(words(stage.verdict.reasons[0], 'zh-CN')).toBe('小学综合差异系数 0.650，不高于 0.65');
  });

  it('fails the maximum when one coefficient is a little above, though the composite still shows 0.650', () => {
    const richer = basicSchool('一小', 165);
    const stage = assessBasic([{ ...richer, facilities: { ...richer.facilities, books: 3301 } }, basicSchool('二小', 35)]).stages[0];
    expect(stage.composite!.text).toBe('0.650');
    expect(stage.verdict.outcome).toBe('notMet');
  });
});

describe('government assurance checks from school data', () => {
  it('lists over-size schools and classes and schools short of music or art rooms', () => {
    const big = goodPrimary('大校', 2100, {});
    const nine: SchoolRow = {
      ...goodPrimary('一贯制', 2400), kind: 'nineYear', students: { primary: 1400, junior: 1000 },
      teachers: { primary: goodPrimary('x', 1400).teachers.primary, junior: { aboveQualified: 60, backbone: 12, peTeachers: 10, musicTeachers: 2, artTeachers: 2 } },
    };
    const rows: SchoolRow[] = [
      { ...big, classes: { primary: { count: 46, largest: 45 } }, artRooms: { music: 4, art: 4 } },
      { ...nine, classes: { primary: { count: 30, sizes: [46, 47, ...Array(28).fill(45)] }, junior: { count: 20, largest: 50 } }, artRooms: { music: 5, art: 4 } },
      goodPrimary('未报班级'),
    ];
    const [g3, g4, g5] = assessQuality(rows).assurance;
    expect(g4.offenders.map((o) => o.name)).toEqual(['大校']);
    expect(words(g4.offenders[0].reason, 'zh-CN')).toBe('大校在校生 2100 人，超过 2000 人');
    expect(g4.outcome).toBe('notMet');
    expect(g5.offenders.map((o) => words(o.reason, 'zh-CN'))).toEqual(['一贯制小学最大班额 47 人，超过 45 人，共 2 个班超过']);
    expect(g5.notChecked.map((s) => s.name)).toEqual(['未报班级']);
    // 50 compulsory classes need ceil(50 / 12) = 5 rooms of each kind
    expect(g3.offenders.map((o) => words(o.reason, 'zh-CN'))).toEqual(['一贯制共 50 个班，应配备美术专用教室 5 间，实有 4 间']);
    expect(g3.outcome).toBe('notMet');
  });
});
