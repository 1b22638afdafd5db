import type { Text } from '../i18n';

/** Messages of the rectification module, by stable key. */
export const rectificationMessages = {
  RECTIFICATION_TRANSITION: { 'zh-CN': '整改事项当前为“{status}”，不能{action}', en: 'The item is {status}; cannot {action}' },
  RECTIFICATION_NOT_OWNER: {
    'zh-CN': '只有整改责任单位（{unit}）或代其整改的下级教育督导部门才能{action}',
    en: 'Only the responsible unit ({unit}), or an office below the supervising office answering for it, may {action}',
  },
  RECTIFICATION_NOT_OFFICE: { 'zh-CN': '只有督办单位（{office}）才能{action}', en: 'Only the supervising office ({office}) may {action}' },
  RECTIFICATION_SIGN_OFF_UNVERIFIED: {
    'zh-CN': '整改事项尚未核验（当前为“{status}”），核验通过后才能销号',
    en: 'The item has not been verified (it is {status}); it can be signed off only after verification',
  },
  RECTIFICATION_NO_EVIDENCE: {
    'zh-CN': '尚未上传任何佐证材料，不能提交整改结果；请先在“报告整改进展”中上传佐证',
    en: 'No evidence has been uploaded; add evidence in a progress report before submitting',
  },
  RECTIFICATION_DEADLINE_PAST: { 'zh-CN': '时限不能早于今天（{today}）', en: 'The date cannot be before today ({today})' },
  RECTIFICATION_EXTENSION_PENDING: { 'zh-CN': '已有一项延期申请等待审批，不能重复申请', en: 'An extension request is already waiting for a decision' },
  RECTIFICATION_EXTENSION_NOT_LATER: { 'zh-CN': '申请延至的日期须晚于当前整改时限 {deadline}', en: 'The requested date must be after the current deadline {deadline}' },
  RECTIFICATION_TEXT_REQUIRED: { 'zh-CN': '请填写整改进展说明（不超过 4000 字）', en: 'Describe the progress (at most 4000 characters)' },
  RECTIFICATION_PERCENT: { 'zh-CN': '整改进度须为 0 到 100 的整数', en: 'Progress must be a whole number from 0 to 100' },
  RECTIFICATION_EXTENSION_DECIDED: { 'zh-CN': '该延期申请已处理', en: 'This extension request has already been decided' },
  RECTIFICATION_VISIT_REQUIRED: { 'zh-CN': '实地核验须选择一次对该单位的实地督导', en: 'An on-site verification needs a visit to the unit' },
  RECTIFICATION_VISIT_UNKNOWN: {
    'zh-CN': '所选督导记录不存在、不在您的范围内，或不是对该单位的督导',
    en: 'The visit does not exist, is outside your scope, or was not to this unit',
  },
  RECTIFICATION_CHANGED: { 'zh-CN': '整改事项刚被他人更新，请刷新后重试', en: 'The item was just changed by someone else; reload and try again' },
  RECTIFICATION_PROBLEM_NOT_OFFICE: {
    'zh-CN': '只有问题所在区划的教育督导部门才能交办整改',
    en: 'Only the supervision office of the problem\'s region may put it under rectification',
  },
  RECTIFICATION_PROBLEM_NO_UNIT: { 'zh-CN': '该问题没有责任单位，不能交办整改', en: 'The problem has no responsible unit to rectify it' },
  RECTIFICATION_PROBLEM_LIVE: { 'zh-CN': '该问题已有整改事项，不能重复交办', en: 'The problem is already under rectification' },
  RECTIFICATION_TOO_MANY_FILES: { 'zh-CN': '一次最多上传 {max} 个文件', en: 'At most {max} files per report' },
  RECTIFICATION_NOTIFY_OPENED: { 'zh-CN': '新的整改事项，整改时限 {deadline}', en: 'New rectification item, due {deadline}' },
  RECTIFICATION_NOTIFY_SUBMITTED: { 'zh-CN': '{unit}提交了整改结果，请核验', en: '{unit} submitted its rectification; please verify' },
  RECTIFICATION_NOTIFY_EXTENSION_REQUESTED: { 'zh-CN': '{unit}申请将整改时限延至 {deadline}', en: '{unit} asks to extend the deadline to {deadline}' },
  RECTIFICATION_NOTIFY_SENT_BACK: { 'zh-CN': '整改结果被退回重改', en: 'Your rectification was sent back' },
  RECTIFICATION_NOTIFY_VERIFIED: { 'zh-CN': '整改结果已通过核验，评价为“{grade}”', en: 'Your rectification was verified, graded {grade}' },
  RECTIFICATION_NOTIFY_SIGNED_OFF: { 'zh-CN': '整改事项已销号', en: 'The rectification item was signed off' },
  RECTIFICATION_NOTIFY_REOPENED: { 'zh-CN': '复查发现问题仍存在，整改事项重新打开，时限 {deadline}', en: 'Re-inspection reopened the item, due {deadline}' },
  RECTIFICATION_NOTIFY_EXTENSION_APPROVED: { 'zh-CN': '延期申请已批准，新的整改时限 {deadline}', en: 'Extension approved; the new deadline is {deadline}' },
  RECTIFICATION_NOTIFY_EXTENSION_REFUSED: { 'zh-CN': '延期申请未获批准，整改时限仍为 {deadline}', en: 'Extension refused; the deadline stays {deadline}' },
} satisfies Record<string, Text>;

/** Labels of the rectification module's fields in validation messages. */
export const rectificationFieldLabels: Record<string, Text> = {
  responsiblePerson: { 'zh-CN': '整改责任人', en: 'Responsible person' },
  measures: { 'zh-CN': '整改措施', en: 'Measures' },
  text: { 'zh-CN': '说明', en: 'Text' },
  percent: { 'zh-CN': '整改进度', en: 'Progress' },
  note: { 'zh-CN': '意见', en: 'Note' },
  method: { 'zh-CN': '核验方式', en: 'Verification method' },
  visitId: { 'zh-CN': '实地督导', en: 'Visit' },
  requestedDeadline: { 'zh-CN': '申请延至', en: 'Requested deadline' },
  approve: { 'zh-CN': '审批结果', en: 'Decision' },
  demand: { 'zh-CN': '整改要求', en: 'Demand' },
};
