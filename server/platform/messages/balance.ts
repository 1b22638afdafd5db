import type { Text } from '../i18n';
import { quality2017 } from '../../modules/balance/balance.rules';

/** Messages of balanced development (义务教育均衡发展), by stable key. */
export const balanceMessages = {
  BALANCE_SCHOOL_UNKNOWN: { 'zh-CN': '学校标识码 {value} 不存在或不在您的管辖范围内', en: 'School code {value} does not exist or is outside your scope' },
  BALANCE_NOT_A_SCHOOL: { 'zh-CN': '{value} 不是学校，不填报学年统计', en: '{value} is not a school; it has no school-year statistics' },
  BALANCE_FIGURE_FORMAT: { 'zh-CN': '“{value}”应为不小于 0 的数字（最多 4 位小数）', en: '"{value}" must be a number of at least 0 (at most 4 decimal places)' },
  BALANCE_FIGURE_WHOLE: { 'zh-CN': '“{value}”应为不小于 0 的整数', en: '"{value}" must be a whole number of at least 0' },
  BALANCE_EQUIPMENT_TWICE: { 'zh-CN': '教学仪器设备值只能按“元”或“万元”其中一列填写', en: 'Fill the equipment value in yuan or in 10,000 yuan, not both' },
  BALANCE_NO_STUDENTS: { 'zh-CN': '在校生数合计为 0，无法计算生均指标', en: 'The students add up to 0; no per-student figure can be computed' },
  BALANCE_NOT_A_COUNTY: { 'zh-CN': '均衡发展按县（市、区）评估，请选择一个县级行政区', en: 'Balanced development is assessed per county; choose a county' },
  BALANCE_SCHOOL_NOT_FAILING: { 'zh-CN': '所选学校本学年没有未达标的评估项', en: 'A chosen school has no failing item in this school year' },
  BALANCE_COUNTY_NOT_FAILING: { 'zh-CN': '该县本学年没有未达标的县级评估项', en: 'The county has no failing county-level item in this school year' },
  BALANCE_NO_PROVINCE: { 'zh-CN': '该区划不属于任何省份，使用国家规则，不能另设评估规则', en: 'This region lies in no province: the national rules apply and cannot be changed' },
  BALANCE_RULES_PROVINCE_ONLY: { 'zh-CN': '评估规则由省级教育督导部门设定', en: 'The assessment rules are set by the province\'s supervision office' },
  BALANCE_STATISTIC_NOT_FOUND: { 'zh-CN': '该学校本学年的统计数据不存在', en: 'This school has no statistics for the school year' },
} as const satisfies Record<string, Text>;

export const balanceFieldLabels: Record<string, Text> = {
  schoolYear: { 'zh-CN': '学年', en: 'School year' },
  schoolCode: { 'zh-CN': '学校标识码', en: 'School code' },
  figures: { 'zh-CN': '统计数据', en: 'Figures' },
  standard: { 'zh-CN': '评估标准', en: 'Standard' },
  changes: { 'zh-CN': '假设调整的数据', en: 'What-if changes' },
  unitIds: { 'zh-CN': '学校', en: 'Schools' },
  county: { 'zh-CN': '县级评估项', en: 'County-level items' },
  values: { 'zh-CN': '评估规则', en: 'Rules' },
  format: { 'zh-CN': '文件格式', en: 'File format' },
  thresholds: { 'zh-CN': '指标标准值', en: 'Standards' },
  ...Object.fromEntries(quality2017.indicators.map((i) => [i.id, i.name])),
  primary: { 'zh-CN': '小学', en: 'Primary' },
  junior: { 'zh-CN': '初中', en: 'Junior secondary' },
  cvMax: { 'zh-CN': '差异系数上限', en: 'Highest coefficient of variation' },
  compositeMax: { 'zh-CN': '综合差异系数上限', en: 'Highest composite coefficient' },
  minMet: { 'zh-CN': '每校至少达标指标数', en: 'Indicators each school must meet' },
  restShare: { 'zh-CN': '余项不低于标准的比例', en: 'Share of the standard the rest must reach' },
  maxSchoolStudents: { 'zh-CN': '学校规模上限（人）', en: 'Largest school (students)' },
  maxCombinedCompulsoryStudents: { 'zh-CN': '一贯制学校义务教育阶段规模上限（人）', en: 'Largest combined school, compulsory sections (students)' },
  maxClassSize: { 'zh-CN': '班额上限（人）', en: 'Largest class (students)' },
  classesPerArtRoom: { 'zh-CN': '每间音乐、美术专用教室对应班级数', en: 'Classes per music or art room' },
  privateIncluded: { 'zh-CN': '民办学校纳入计算', en: 'Private schools counted' },
  teachingPointMinStudents: { 'zh-CN': '纳入计算的教学点最少学生数', en: 'Fewest students for a teaching point to count' },
  split: { 'zh-CN': '一贯制学校分学段权重', en: 'Section weights of combined schools' },
  nineYearJunior: { 'zh-CN': '九年一贯制初中段权重', en: 'Nine-year school: junior weight' },
  twelveYearJunior: { 'zh-CN': '十二年一贯制初中段权重', en: 'Twelve-year school: junior weight' },
  twelveYearSenior: { 'zh-CN': '十二年一贯制高中段权重', en: 'Twelve-year school: senior weight' },
  completeSenior: { 'zh-CN': '完全中学高中段权重', en: 'Complete secondary school: senior weight' },
};
