import type { Text } from '../i18n';

/** Messages of the oversight module, by stable key. */
export const oversightMessages = {
  OVERSIGHT_OFFICE_ONLY: { 'zh-CN': '只有督导机构的工作人员可以执行此操作', en: 'Only the staff of a supervision office can do this' },
  ESCALATION_NOT_SUPERVISED: {
    'zh-CN': '有 {count} 项整改事项不存在或不由本机构督办',
    en: '{count} of the items do not exist or are not supervised by your office',
  },
  ESCALATION_NOT_OVERDUE: {
    'zh-CN': '“{unit}”的整改事项“{demand}”未逾期（当前为“{status}”，整改时限 {deadline}），不能据此通报或约谈',
    en: 'The item "{demand}" of {unit} is not overdue (it is {status}, due {deadline}); it cannot be escalated',
  },
  ESCALATION_INTERVIEW_DATE: { 'zh-CN': '约谈通知须填写约谈日期', en: 'An interview notice needs the interview date' },
  OVERSIGHT_DATE_PAST: { 'zh-CN': '日期不能早于今天（{today}）', en: 'The date must not be before today ({today})' },
  OVERSIGHT_DATE_FUTURE: { 'zh-CN': '日期不能晚于今天（{today}）', en: 'The date must not be after today ({today})' },
  RANKING_EMPTY: { 'zh-CN': '{year} 年度还没有可以排名的单位', en: 'No unit can be ranked for {year} yet' },
  ACCOUNTABILITY_RECTIFICATION_UNIT: { 'zh-CN': '所选整改事项不属于该单位', en: 'The item does not belong to this unit' },
  ACCOUNTABILITY_NOTICE_UNKNOWN: { 'zh-CN': '所选文书不存在或不是本机构（及下级）发出的', en: 'The notice does not exist or was not issued in your area' },
  ACCOUNTABILITY_RECTIFICATION_UNKNOWN: { 'zh-CN': '所选整改事项不存在或不在您的管辖范围内', en: 'The item does not exist or is outside your scope' },
  FILING_NOT_ISSUER: { 'zh-CN': '只有发文机构可以为该文书的整改情况备案', en: 'Only the issuing office can file this notice\'s rectification report' },
  FILING_NOT_ISSUED: { 'zh-CN': '文书尚未印发（或已撤回），不能备案', en: 'The notice has not been issued (or was withdrawn); it cannot be filed' },
  FILING_NO_RECTIFICATION: { 'zh-CN': '该文书没有整改事项，无需备案整改情况', en: 'The notice has no rectification items to report on' },
  CLEARANCE_PROBLEM_UNKNOWN: {
    'zh-CN': '有 {count} 个问题不存在或不在您的管辖范围内',
    en: '{count} of the problems do not exist or are outside your scope',
  },
} satisfies Record<string, Text>;

/** Labels of the oversight module's fields in validation messages. */
export const oversightFieldLabels: Record<string, Text> = {
  rectificationIds: { 'zh-CN': '整改事项', en: 'Rectification items' },
  rectificationId: { 'zh-CN': '整改事项', en: 'Rectification item' },
  interviewOn: { 'zh-CN': '约谈日期', en: 'Interview date' },
  interviewPlace: { 'zh-CN': '约谈地点', en: 'Interview place' },
  bottom: { 'zh-CN': '后几位', en: 'Bottom' },
  decidedOn: { 'zh-CN': '决定日期', en: 'Decided on' },
  noticeId: { 'zh-CN': '文书', en: 'Notice' },
  filedWith: { 'zh-CN': '备案机关', en: 'Filed with' },
  filedOn: { 'zh-CN': '备案日期', en: 'Filed on' },
  referenceNo: { 'zh-CN': '备案编号', en: 'Reference number' },
  note: { 'zh-CN': '备注', en: 'Note' },
  problemIds: { 'zh-CN': '问题', en: 'Problems' },
  filed: { 'zh-CN': '备案状态', en: 'Filed' },
};
