import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../../platform/errors';

/**
 * A rectification item's life, in one place: pending → in progress → submitted (with evidence) → verified
 * (or sent back to in progress with reasons) → signed off (销号); re-inspection (复查) reopens a signed-off
 * item; withdrawing the notice cancels its open items. Extension requests (延期申请) change the deadline, not the state. Routes never set a status: they
 * name an action, and this table says from where it may be taken, to where it leads, and whose it is.
 */
export const rectificationStatuses = ['pending', 'in_progress', 'submitted', 'verified', 'signed_off', 'cancelled'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

/** owner: the unit that rectifies (or an office answering for it); office: the supervising office. */
export type RectificationSide = 'owner' | 'office';

export const rectificationActions = {
  plan: { side: 'owner', from: ['pending', 'in_progress'], to: 'in_progress' },
  progress: { side: 'owner', from: ['pending', 'in_progress'], to: 'in_progress' },
  submit: { side: 'owner', from: ['pending', 'in_progress'], to: 'submitted' },
  requestExtension: { side: 'owner', from: ['pending', 'in_progress'], to: null },
  sendBack: { side: 'office', from: ['submitted'], to: 'in_progress' },
  verify: { side: 'office', from: ['submitted'], to: 'verified' },
  signOff: { side: 'office', from: ['verified'], to: 'signed_off' },
  decideExtension: { side: 'office', from: ['pending', 'in_progress'], to: null },
  reopen: { side: 'office', from: ['signed_off', 'verified'], to: 'in_progress' },
  // Only through the notice's withdrawal, never on its own.
  cancel: { side: 'office', from: ['pending', 'in_progress', 'submitted', 'verified'], to: 'cancelled' },
} as const satisfies Record<string, { side: RectificationSide; from: readonly RectificationStatus[]; to: RectificationStatus | null }>;
export type RectificationAction = keyof typeof rectificationActions;

export const statusLabels: Record<RectificationStatus, { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '待整改', en: 'pending' },
  in_progress: { 'zh-CN': '整改中', en: 'in progress' },
  submitted: { 'zh-CN': '已提交待核验', en: 'submitted' },
  verified: { 'zh-CN': '已核验', en: 'verified' },
  signed_off: { 'zh-CN': '已销号', en: 'signed off' },
  cancelled: { 'zh-CN': '已撤销', en: 'cancelled' },
};

export const actionLabels: Record<RectificationAction, { 'zh-CN': string; en: string }> = {
  plan: { 'zh-CN': '制定整改方案', en: 'plan' },
  progress: { 'zh-CN': '报告整改进展', en: 'report progress' },
  submit: { 'zh-CN': '提交整改结果', en: 'submit' },
  requestExtension: { 'zh-CN': '申请延期', en: 'request an extension' },
  sendBack: { 'zh-CN': '退回重改', en: 'send back' },
  verify: { 'zh-CN': '核验', en: 'verify' },
  signOff: { 'zh-CN': '销号', en: 'sign off' },
  decideExtension: { 'zh-CN': '审批延期', en: 'decide an extension' },
  reopen: { 'zh-CN': '复查重开', en: 'reopen' },
  cancel: { 'zh-CN': '撤销', en: 'cancel' },
};

/** The status an action leads to from `from`, or a 409 that names both. */
export function transition(from: RectificationStatus, action: RectificationAction, locale: 'zh-CN' | 'en'): RectificationStatus {
  const rule = rectificationActions[action];
  if (!(rule.from as readonly RectificationStatus[]).includes(from)) {
    throw new AppError('CONFLICT', 'RECTIFICATION_TRANSITION', { status: statusLabels[from][locale], action: actionLabels[action][locale] });
  }
  return rule.to ?? from;
}

/** Which actions a side may take from a status (for `abilities`). */
export function actionsFrom(from: RectificationStatus, side: RectificationSide): RectificationAction[] {
  return (Object.keys(rectificationActions) as RectificationAction[])
    .filter((a) => rectificationActions[a].side === side && (rectificationActions[a].from as readonly RectificationStatus[]).includes(from));
}

/** Statuses in which the owner still owes work, so the deadline can pass. */
export const owedStatuses: readonly RectificationStatus[] = ['pending', 'in_progress'];

export type Light = 'green' | 'yellow' | 'red' | 'none';

/**
 * The traffic light, computed from the deadline and today's date (YYYY-MM-DD, the office's calendar day),
 * never stored: red overdue, yellow due within `yellowDays`, green otherwise; none once nothing is owed.
 */
export function lightOf(status: RectificationStatus, deadline: string, today: string, yellowDays: number): Light {
  if (!owedStatuses.includes(status)) return 'none';
  if (deadline < today) return 'red';
  return daysBetween(today, deadline) <= yellowDays ? 'yellow' : 'green';
}

export interface DeadlineDay {
  /** China's calendar day, YYYY-MM-DD. */
  today: string;
  yellowDays: number;
}

/** `lightOf` as a SQL condition on an item's status and deadline columns, for filters and counts. */
export function lightCondition(light: Exclude<Light, 'none'>, day: DeadlineDay, alias = 'rectifications'): RawBuilder<SqlBool> {
  const status = sql.ref(`${alias}.status`);
  const deadline = sql.ref(`${alias}.deadline`);
  const owed = sql`${status} in (${sql.join([...owedStatuses])})`;
  const yellowUntil = addDays(day.today, day.yellowDays);
  switch (light) {
    case 'red':
      return sql<SqlBool>`(${owed} and ${deadline} < ${day.today})`;
    case 'yellow':
      return sql<SqlBool>`(${owed} and ${deadline} >= ${day.today} and ${deadline} <= ${yellowUntil})`;
    case 'green':
      return sql<SqlBool>`(${owed} and ${deadline} > ${yellowUntil})`;
  }
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
