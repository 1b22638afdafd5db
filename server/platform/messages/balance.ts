import type { Text } from '../i18n';

/** Messages of balanced development (义务教育均衡发展), by stable key. */
export const balanceMessages = {
  BALANCE_SCHOOL_UNKNOWN: { 'zh-CN': '学校标识码 {value} 不存在或不在您的管辖范围内', en: 'School code {value} does not exist or is outside your scope' },
  BALANCE_NOT_A_SCHOOL: { 'zh-CN': '{value} 不是学校，不填报学年统计', en: '{value} is not a school; it has no school-year statistics' },
  BALANCE_FIGURE_FORMAT: { 'zh-CN': '“{value}”应为不小于 0 的数字（最多 4 位小数）', en: '"{value}" must be a number of at least 0 (at most 4 decimal places)' },
  BALANCE_FIGURE_WHOLE: { 'zh-CN': '“{value}”应为不小于 0 的整数', en: '"{value}" must be a whole number of at least 0' },
  BALANCE_EQUIPMENT_TWICE: { 'zh-CN': '教学仪器设备值只能按“元”或“万元”其中一列填写', en: 'Fill the equipment value in yuan or in 10,000 yuan, not both' },
  BALANCE_NO_STUDENTS: { 'zh-CN': '在校生数合计为 0，无法计算生均指标', en: 'The students add up to 0; no per-student figure can be computed' },
  BALANCE_STATISTIC_NOT_FOUND: { 'zh-CN': '该学校本学年的统计数据不存在', en: 'This school has no statistics for the school year' },
} as const satisfies Record<string, Text>;

export const balanceFieldLabels: Record<string, Text> = {
  schoolYear: { 'zh-CN': '学年', en: 'School year' },
  schoolCode: { 'zh-CN': '学校标识码', en: 'School code' },
  figures: { 'zh-CN': '统计数据', en: 'Figures' },
};
