import type { Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { FrameworkRules, Level } from './indicators.engine';
import type { StoredNode } from './indicators.service';
import { ensureFrameworkVersion } from './indicators.repo';

const pts = (p: number) => Math.round(p * 100);
const graded = (max: number): StoredNode['scoring'] => ({
  kind: 'graded', levels: (['A', 'B', 'C', 'D'] as Level[]).map((level, i) => ({ level, points: pts([max, max * 0.8, max * 0.6, 0][i]) })),
});
type Row = [code: string, parent: string | null, name: string, max: number, more?: Partial<StoredNode>];
const sum = { aggregation: { kind: 'weightedSum' } } as const;
const manual = { scoring: { kind: 'manual' } } as const;
const yesNo = { scoring: { kind: 'yesNo' } } as const;
const ratio = (numerator: string, denominator: string, threshold: string, direction: 'atLeast' | 'atMost' = 'atLeast') =>
  ({ scoring: { kind: 'formula', numerator, denominator, threshold, direction, partial: 'proportional' } }) as const;

/**
 * The framework every deployment starts with: the national six areas of the 2017 办法 (国办发〔2017〕49号,
 * domain rules §3.1) adapted to a county government, out of 100, with the municipal grade bands, the Ningxia
 * downgrade and cap situations and a self-assessment credibility rule (§3.2). An office copies it and adjusts
 * it to the year's priorities.
 */
const rows: Row[] = [
  ['1', null, '贯彻执行党的教育方针情况', 10, sum],
  ['1.1', '1', '坚持党对教育工作的全面领导，健全党委统一领导的教育领导体制', 4, { ...manual, evidence: ['县委、县政府研究教育工作的会议纪要'] }],
  ['1.2', '1', '落实立德树人根本任务，健全德智体美劳全面培养体系', 3, { scoring: graded(3), evidence: ['立德树人工作方案'] }],
  ['1.3', '1', '开齐开足体育、美育、劳动教育课程', 3, yesNo],
  ['2', null, '落实教育法律、法规、规章和政策情况', 10, sum],
  ['2.1', '2', '依法履行教育职责，落实教育法律法规和上级教育政策', 5, { ...manual, evidence: ['政策落实情况报告'] }],
  ['2.2', '2', '九年义务教育巩固率（不低于 95%）', 5, { ...ratio('compulsoryRetained', 'compulsoryCohort', '0.95'), guidance: '巩固率 = 初中毕业班学生数 ÷ 该年级入小学一年级时学生数；达标得满分，未达标按比例得分。' }],
  ['3', null, '各级各类教育发展情况', 30, sum],
  ['3.1', '3', '学前教育', 10, sum],
  ['3.1.1', '3.1', '学前三年毛入园率（不低于 90%）', 5, ratio('kindergartenPupils', 'preschoolPopulation', '0.90')],
  ['3.1.2', '3.1', '普惠性幼儿园覆盖率（不低于 80%）', 5, ratio('affordablePlaces', 'kindergartenPlaces', '0.80')],
  ['3.2', '3', '义务教育均衡发展', 10, sum],
  ['3.2.1', '3.2', '56 人以上大班额比例（不高于 5%）', 5, ratio('bigClasses', 'classes', '0.05', 'atMost')],
  ['3.2.2', '3.2', '保障进城务工人员随迁子女和残疾儿童少年平等接受义务教育', 5, yesNo],
  ['3.3', '3', '高中阶段毛入学率（不低于 92%）', 5, ratio('highSchoolStudents', 'highSchoolPopulation', '0.92')],
  ['3.4', '3', '职业教育、民办教育和特殊教育发展', 5, manual],
  ['4', null, '统筹推进本行政区域教育工作情况', 15, sum],
  ['4.1', '4', '政府常务会议每年专题研究教育工作', 5, { ...yesNo, evidence: ['政府常务会议纪要'] }],
  ['4.2', '4', '中小学幼儿园布局规划编制和实施', 5, manual],
  ['4.3', '4', '教育督导机构设置和督学配备', 5, { scoring: graded(5) }],
  ['5', null, '加强教育保障情况', 25, sum],
  ['5.1', '5', '落实“两个只增不减”（一般公共预算教育支出逐年只增不减，按在校学生人数平均的支出逐年只增不减）', 8, { ...yesNo, veto: true, evidence: ['教育经费统计公告', '财政决算报表'] }],
  ['5.2', '5', '义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平', 7, { ...yesNo, veto: true, evidence: ['教师与公务员工资收入对比表'] }],
  ['5.3', '5', '教师队伍建设：编制配备、培训经费和乡村教师待遇', 5, manual],
  ['5.4', '5', '校舍安全和教育信息化建设', 5, { scoring: graded(5) }],
  ['6', null, '学校规范办学行为情况', 10, { scoring: { kind: 'deduction', perOccurrence: 100, floor: 0 }, guidance: '核查发现违规办学问题（违规招生、有偿补课、超标准收费等）每起扣 1 分，扣完为止。' }],
];

export const starterNodes: StoredNode[] = rows.map(([code, parentCode, name, max, more]) => ({ code, parentCode, name, maxPoints: pts(max), ...more }));

export const starterRules: FrameworkRules = {
  grades: [{ grade: '优秀', minPoints: 9000 }, { grade: '良好', minPoints: 8000 }, { grade: '合格', minPoints: 6500 }, { grade: '不合格', minPoints: 0 }],
  downgrades: [
    { event: 'safety-incident', label: '发生涉校重大灾害、社会安全或公共卫生事件', steps: 1 },
    { event: 'falsification', label: '评价中弄虚作假', steps: 1 },
    { event: 'health-decline', label: '学生体质健康水平连续三年下降', steps: 1 },
  ],
  caps: [
    { event: 'd-class-buildings', label: '仍有师生使用D级危房', best: '良好' },
    { event: 'campus-accident', label: '近两年发生重大校园安全责任事故', best: '良好' },
    { event: 'major-violation', label: '近两年发生影响恶劣的重大违规违纪案件', best: '良好' },
  ],
  vetoes: [{ event: 'salary-arrears', label: '新增拖欠教师工资或截留、挪用教育经费' }],
  credibility: { tolerance: 300, deductionPerPoint: 50, maxDeduction: 500 },
};

export const STARTER_FAMILY = 'county-duty';
export const starterTitle = '县级人民政府履行教育职责评价指标体系（基础版）';

/** Lay the built-in framework down once: every process does this at start; the unique (family, version) keeps one. */
export async function ensureStarterFramework(db: Executor, now: string): Promise<string> {
  return ensureFrameworkVersion(db, {
    id: newId(), family: STARTER_FAMILY, version: 1, title: starterTitle,
    description: '依据《对省级人民政府履行教育职责的评价办法》六个方面，结合县级实际编制，满分 100 分。各地复制后按年度重点调整。',
    region_id: null, region_path: null, status: 'published', total_points: 10000, nodes: JSON.stringify(starterNodes), rules: JSON.stringify(starterRules),
    created_by: null, created_at: now, updated_at: now, published_at: now,
  });
}
