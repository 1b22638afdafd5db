import { AppError } from '../../platform/errors';
import type { Text } from '../../platform/i18n';

/**
 * An accountability case's life (教育督导问责办法), in one place: proposed against a unit after the supervision
 * work that found the failure → opened (the investigation team formed, within 60 days of that work) →
 * investigated → the object notified in writing (告知) → its statement and defence (陈述申辩) heard → the
 * opinion formed → approved by the committee's chair or vice-chair → decided → published; then review (复核)
 * by the same office and appeal (申诉) to the office above, and correction when the appeal finds the decision
 * wrong. Routes never set a status: they name an action, and this table says from where it may be taken, to
 * where it leads, and whose it is. Review and appeal never suspend the measure (the 办法's 不停止执行).
 */
export const caseStatuses = [
  'proposed', 'investigating', 'notified', 'heard', 'opinion', 'approved', 'decided', 'under_review', 'reviewed', 'under_appeal', 'correcting',
  'closed', 'dropped',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * office: staff of the office that holds the case; approver: the same office's accounts that approve
 * documents (the committee's chair or vice-chair signs); object: whoever answers for the unit held
 * accountable; appellate: staff of an office above the case's, where an appeal goes.
 */
export type CaseSide = 'office' | 'approver' | 'object' | 'appellate';

const after = ['decided', 'under_review', 'reviewed', 'under_appeal', 'correcting', 'closed'] as const;

export const caseActions = {
  open: { side: 'office', from: ['proposed'], to: 'investigating' },
  investigate: { side: 'office', from: ['investigating'], to: 'investigating' },
  drop: { side: 'office', from: ['proposed', 'investigating', 'heard'], to: 'dropped' },
  notify: { side: 'office', from: ['investigating'], to: 'notified' },
  state: { side: 'object', from: ['notified'], to: 'heard' },
  hear: { side: 'office', from: ['notified'], to: 'heard' },
  opinion: { side: 'office', from: ['heard'], to: 'opinion' },
  approve: { side: 'approver', from: ['opinion'], to: 'approved' },
  return: { side: 'approver', from: ['opinion'], to: 'heard' },
  decide: { side: 'office', from: ['approved'], to: 'decided' },
  publish: { side: 'office', from: after, to: null },
  requestReview: { side: 'object', from: ['decided'], to: 'under_review' },
  decideReview: { side: 'office', from: ['under_review'], to: 'reviewed' },
  requestAppeal: { side: 'object', from: ['decided', 'reviewed'], to: 'under_appeal' },
  // Upheld closes the case; found wrong, it goes to correcting (the detail picks which).
  decideAppeal: { side: 'appellate', from: ['under_appeal'], to: 'closed' },
  correct: { side: 'office', from: ['correcting'], to: 'closed' },
} as const satisfies Record<string, { side: CaseSide; from: readonly CaseStatus[]; to: CaseStatus | null }>;
export type CaseAction = keyof typeof caseActions;
export const caseActionNames = Object.keys(caseActions) as [CaseAction, ...CaseAction[]];

export const caseStatusLabels: Record<CaseStatus, Text> = {
  proposed: { 'zh-CN': '拟立案', en: 'proposed' },
  investigating: { 'zh-CN': '调查认定中', en: 'under investigation' },
  notified: { 'zh-CN': '已告知待陈述申辩', en: 'notified, awaiting the statement' },
  heard: { 'zh-CN': '已听取陈述申辩', en: 'statement heard' },
  opinion: { 'zh-CN': '问责意见待审批', en: 'opinion awaiting approval' },
  approved: { 'zh-CN': '已审批待决定', en: 'approved' },
  decided: { 'zh-CN': '已作出问责决定', en: 'decided' },
  under_review: { 'zh-CN': '复核中', en: 'under review' },
  reviewed: { 'zh-CN': '已复核', en: 'reviewed' },
  under_appeal: { 'zh-CN': '申诉处理中', en: 'under appeal' },
  correcting: { 'zh-CN': '待纠正', en: 'to be corrected' },
  closed: { 'zh-CN': '已办结', en: 'closed' },
  dropped: { 'zh-CN': '不予问责', en: 'dropped' },
};

export const caseActionLabels: Record<CaseAction, Text> = {
  open: { 'zh-CN': '成立调查认定工作组', en: 'open the investigation' },
  investigate: { 'zh-CN': '记录调查情况', en: 'record the investigation' },
  drop: { 'zh-CN': '不予问责', en: 'drop the case' },
  notify: { 'zh-CN': '书面告知', en: 'notify the object in writing' },
  state: { 'zh-CN': '提交陈述申辩', en: 'submit the statement and defence' },
  hear: { 'zh-CN': '记录陈述申辩', en: 'record the statement and defence' },
  opinion: { 'zh-CN': '形成问责意见', en: 'form the opinion' },
  approve: { 'zh-CN': '审批同意', en: 'approve' },
  return: { 'zh-CN': '退回', en: 'return the opinion' },
  decide: { 'zh-CN': '作出问责决定', en: 'decide' },
  publish: { 'zh-CN': '公开问责决定', en: 'publish the decision' },
  requestReview: { 'zh-CN': '申请复核', en: 'request a review' },
  decideReview: { 'zh-CN': '作出复核决定', en: 'decide the review' },
  requestAppeal: { 'zh-CN': '提出申诉', en: 'appeal' },
  decideAppeal: { 'zh-CN': '作出申诉处理决定', en: 'decide the appeal' },
  correct: { 'zh-CN': '纠正问责决定', en: 'correct the decision' },
};

/** The status an action leads to from `from`, or a 409 that names both. */
export function caseTransition(from: CaseStatus, action: CaseAction, locale: 'zh-CN' | 'en'): CaseStatus {
  const rule = caseActions[action];
  if (!(rule.from as readonly CaseStatus[]).includes(from)) {
    throw new AppError('CONFLICT', 'ACCOUNTABILITY_CASE_TRANSITION', { status: caseStatusLabels[from][locale], action: caseActionLabels[action][locale] });
  }
  return rule.to ?? from;
}

/** The actions the table allows a side from a status (the service narrows them to the caller for `abilities`). */
export function caseActionsFrom(from: CaseStatus, sides: ReadonlySet<CaseSide>): CaseAction[] {
  return caseActionNames.filter((a) => sides.has(caseActions[a].side) && (caseActions[a].from as readonly CaseStatus[]).includes(from));
}

/**
 * The 办法's time limits, in calendar days: the case opened within 60 days of the supervision work; review
 * requested within 30 days of the decision and decided within 30; appeal within 15 days of the decision (or
 * of the review decision) and handled within 60; a wrong decision corrected within 15 days of the appeal's.
 */
export const caseLimits = { open: 60, reviewRequest: 30, reviewDecision: 30, appealRequest: 15, appealDecision: 60, correction: 15 } as const;

/** The deadline a case owes in a status, who owes it and which column holds it (for lists, reminders and warnings). */
export const owedDeadlines = {
  proposed: { key: 'open', side: 'office', column: 'open_due' },
  notified: { key: 'statement', side: 'object', column: 'statement_due' },
  decided: { key: 'reviewRequest', side: 'object', column: 'review_request_due' },
  under_review: { key: 'reviewDecision', side: 'office', column: 'review_decision_due' },
  reviewed: { key: 'appealRequest', side: 'object', column: 'appeal_request_due' },
  under_appeal: { key: 'appealDecision', side: 'appellate', column: 'appeal_decision_due' },
  correcting: { key: 'correction', side: 'office', column: 'correction_due' },
} as const satisfies Partial<Record<CaseStatus, { key: string; side: CaseSide; column: string }>>;
export type OwedDeadline = (typeof owedDeadlines)[keyof typeof owedDeadlines];
