import { daysBetween, type DeadlineDay, type Light } from '../rectification/rectification-status';

/**
 * THE state table of a complaint: which office action goes from where to where. A transfer, a reply, an
 * extension and a triage keep the status; the complainant's satisfaction is recorded on a closed one and a
 * "not satisfied" may reopen it once.
 */
export const complaintStatuses = ['received', 'accepted', 'closed', 'rejected', 'not_ours', 'merged'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintActions = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received'], to: 'rejected' },
  notOurs: { from: ['received'], to: 'not_ours' },
  transfer: { from: ['received'], to: 'received' },
  merge: { from: ['received', 'accepted'], to: 'merged' },
  reply: { from: ['received', 'accepted'], to: null },
  extend: { from: ['accepted'], to: null },
  triage: { from: ['accepted'], to: null },
  close: { from: ['accepted'], to: 'closed' },
  satisfaction: { from: ['closed'], to: null },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }>;
export type ComplaintAction = keyof typeof complaintActions;

export function allows(action: ComplaintAction, status: string): boolean {
  return (complaintActions[action].from as readonly string[]).includes(status);
}

export const satisfactions = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof satisfactions)[number];

/** The deadline a complaint owes now: acknowledging while received, handling while accepted, none after. */
export function owedDue(c: { status: string; acknowledge_due: string; handle_due: string | null }): string | null {
  if (c.status === 'received') return c.acknowledge_due;
  if (c.status === 'accepted') return c.handle_due;
  return null;
}

/** The traffic light as the rest of the app draws it (rectification's yellow window and China's day). */
export function complaintLight(c: { status: string; acknowledge_due: string; handle_due: string | null }, day: DeadlineDay): Light {
  const due = owedDue(c);
  if (!due) return 'none';
  if (due < day.today) return 'red';
  return daysBetween(day.today, due) <= day.yellowDays ? 'yellow' : 'green';
}
