import type { Text } from '../i18n';

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
};
