import type { Text } from '../i18n';

/** Messages of public complaints (群众举报), by stable key. */
export const complaintsMessages = {
  COMPLAINT_CHALLENGE_FAILED: { 'zh-CN': '安全校验未通过或已过期，请刷新页面后重新提交', en: 'The security check failed or expired; reload the page and submit again' },
  COMPLAINT_REFUSED: { 'zh-CN': '提交未被受理，请刷新页面后重试', en: 'The submission was not accepted; reload the page and try again' },
  COMPLAINT_ORIGIN: { 'zh-CN': '请从本平台的举报页面提交', en: 'Submit from this platform\'s complaint page' },
  COMPLAINT_PLACE_REQUIRED: { 'zh-CN': '请选择被举报的单位，或选择受理的地区', en: 'Choose the unit complained about, or the region whose office should handle it' },
  COMPLAINT_CATEGORY_UNKNOWN: { 'zh-CN': '举报类别“{value}”不存在', en: 'There is no complaint category "{value}"' },
  COMPLAINT_CATEGORY_TAKEN: { 'zh-CN': '类别代码“{value}”已存在', en: 'The category key "{value}" is taken' },
  COMPLAINT_IDENTITY_REQUIRED: { 'zh-CN': '实名举报须填写姓名和手机号码', en: 'A named complaint needs a name and a mobile number' },
  COMPLAINT_PHONE_FORMAT: { 'zh-CN': '手机号码应为 11 位数字', en: 'The mobile number must be 11 digits' },
  COMPLAINT_NOT_ALLOWED: { 'zh-CN': '举报当前状态为“{status}”，不能执行此操作', en: 'The complaint is {status}; this cannot be done now' },
  COMPLAINT_MERGE_TARGET: { 'zh-CN': '只能合并到本部门正在受理的另一件举报', en: 'A complaint merges only into another one this office holds and handles' },
  COMPLAINT_TRANSFER_TARGET: { 'zh-CN': '只能转交给本辖区内的区县督导部门', en: 'A complaint is transferred only to a county office within your region' },
  COMPLAINT_TRIAGE_EMPTY: { 'zh-CN': '请新建至少一个问题，或选择已有问题', en: 'Create at least one problem or choose an existing one' },
  COMPLAINT_PROBLEM_LINKED: { 'zh-CN': '该问题已关联到此举报', en: 'This problem is already linked to the complaint' },
  COMPLAINT_ALREADY_RATED: { 'zh-CN': '已记录过满意度评价', en: 'Satisfaction was already recorded' },
  COMPLAINT_REOPEN_USED: { 'zh-CN': '此举报已重新办理过一次，不能再次重新办理', en: 'This complaint was reopened once already' },
  COMPLAINT_TOO_MANY_FILES: { 'zh-CN': '一次最多上传 {max} 个附件', en: 'At most {max} files at a time' },
} as const satisfies Record<string, Text>;

export const complaintsFieldLabels: Record<string, Text> = {
  challenge: { 'zh-CN': '安全校验', en: 'Security check' },
  solution: { 'zh-CN': '安全校验结果', en: 'Security check answer' },
  website: { 'zh-CN': '网站', en: 'Website' },
  unitText: { 'zh-CN': '被举报单位', en: 'Unit complained about' },
  category: { 'zh-CN': '举报类别', en: 'Category' },
  happenedOn: { 'zh-CN': '发生日期', en: 'Date it happened' },
  privacy: { 'zh-CN': '身份公开范围', en: 'Who may know your identity' },
  trackingCode: { 'zh-CN': '查询码', en: 'Tracking code' },
  reply: { 'zh-CN': '答复', en: 'Reply' },
  intoId: { 'zh-CN': '合并到的举报', en: 'Complaint to merge into' },
  problems: { 'zh-CN': '新建问题', en: 'New problems' },
  satisfaction: { 'zh-CN': '满意度', en: 'Satisfaction' },
  reopen: { 'zh-CN': '重新办理', en: 'Reopen' },
  comment: { 'zh-CN': '意见', en: 'Comment' },
  acknowledgeWorkingDays: { 'zh-CN': '受理时限（工作日）', en: 'Working days to acknowledge' },
  handleWorkingDays: { 'zh-CN': '办理时限（工作日）', en: 'Working days to handle' },
};

/** The statuses as the messages name them (the web app has its own copy in its locales). */
export const complaintStatusNames: Record<string, Text> = {
  received: { 'zh-CN': '待受理', en: 'received' },
  accepted: { 'zh-CN': '办理中', en: 'being handled' },
  closed: { 'zh-CN': '已办结', en: 'closed' },
  rejected: { 'zh-CN': '不予受理', en: 'rejected' },
  not_ours: { 'zh-CN': '非本部门职责', en: 'not ours' },
  merged: { 'zh-CN': '已合并', en: 'merged' },
};
