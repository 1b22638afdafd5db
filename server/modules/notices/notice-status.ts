import { AppError } from '../../platform/errors';
import type { Permission } from '../../platform/permissions';

/**
 * A notice's life, in one place: draft → submitted for approval → approved (签发) → issued (numbered, sent)
 * → closed; an approver returns a submitted or approved notice to draft with a note; an issued (or closed)
 * notice can be withdrawn, keeping its number. Routes never set a status: they name an action, and this
 * table says from where it may be taken, to where it leads, and which permission it needs.
 */
export const noticeStatuses = ['draft', 'submitted', 'approved', 'issued', 'closed', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const noticeActions = {
  edit: { from: ['draft'], to: 'draft', permission: 'notices.write' },
  submit: { from: ['draft'], to: 'submitted', permission: 'notices.write' },
  approve: { from: ['submitted'], to: 'approved', permission: 'notices.approve' },
  return: { from: ['submitted', 'approved'], to: 'draft', permission: 'notices.approve' },
  issue: { from: ['approved'], to: 'issued', permission: 'notices.write' },
  close: { from: ['issued'], to: 'closed', permission: 'notices.write' },
  withdraw: { from: ['issued', 'closed'], to: 'withdrawn', permission: 'notices.write' },
} as const satisfies Record<string, { from: readonly NoticeStatus[]; to: NoticeStatus; permission: Permission }>;
export type NoticeAction = keyof typeof noticeActions;

/** Recipients act (acknowledge, reply) only while a notice is in force. */
export const acknowledgeableStatuses: readonly NoticeStatus[] = ['issued', 'closed'];
export const replyableStatuses: readonly NoticeStatus[] = ['issued'];

export const statusLabels: Record<NoticeStatus, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  submitted: { 'zh-CN': '待审核', en: 'submitted for approval' },
  approved: { 'zh-CN': '已签发待印发', en: 'approved' },
  issued: { 'zh-CN': '已印发', en: 'issued' },
  closed: { 'zh-CN': '已办结', en: 'closed' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
};

export const actionLabels: Record<NoticeAction, { 'zh-CN': string; en: string }> = {
  edit: { 'zh-CN': '修改', en: 'edit it' },
  submit: { 'zh-CN': '提交审核', en: 'submit it' },
  approve: { 'zh-CN': '签发', en: 'approve it' },
  return: { 'zh-CN': '退回修改', en: 'return it' },
  issue: { 'zh-CN': '印发', en: 'issue it' },
  close: { 'zh-CN': '办结', en: 'close it' },
  withdraw: { 'zh-CN': '撤回', en: 'withdraw it' },
};

/** The status an action leads to from `from`, or a 409 that names both. */
export function transition(from: NoticeStatus, action: NoticeAction, locale: 'zh-CN' | 'en'): NoticeStatus {
  if (!(noticeActions[action].from as readonly NoticeStatus[]).includes(from)) {
    throw new AppError('CONFLICT', 'NOTICE_TRANSITION', { status: statusLabels[from][locale], action: actionLabels[action][locale] });
  }
  return noticeActions[action].to;
}

/** The actions the table allows from a status (the service narrows them to the caller for `abilities`). */
export function actionsFrom(from: NoticeStatus): NoticeAction[] {
  return (Object.keys(noticeActions) as NoticeAction[]).filter((a) => (noticeActions[a].from as readonly NoticeStatus[]).includes(from));
}
