import { AppError } from '../../platform/errors';

/** A task's life: planned → under way → reporting → closed. The one place that says which moves are allowed. */
export const taskStatuses = ['planned', 'under_way', 'reporting', 'closed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  planned: ['under_way', 'closed'],
  under_way: ['reporting'],
  // Reporting may reveal a gap that needs one more visit.
  reporting: ['under_way', 'closed'],
  closed: [],
};

export const statusLabels: Record<TaskStatus, { 'zh-CN': string; en: string }> = {
  planned: { 'zh-CN': '计划中', en: 'planned' },
  under_way: { 'zh-CN': '实施中', en: 'under way' },
  reporting: { 'zh-CN': '报告中', en: 'reporting' },
  closed: { 'zh-CN': '已结束', en: 'closed' },
};

export function nextStatuses(from: TaskStatus): readonly TaskStatus[] {
  return transitions[from];
}

export function assertTransition(from: TaskStatus, to: TaskStatus, locale: 'zh-CN' | 'en'): void {
  if (!transitions[from].includes(to)) {
    throw new AppError('CONFLICT', 'TASK_TRANSITION', { from: statusLabels[from][locale], to: statusLabels[to][locale] });
  }
}

/** Visits are recorded while a task is under way, and late ones while it is being reported on. */
export function recordsVisits(status: TaskStatus): boolean {
  return status === 'under_way' || status === 'reporting';
}
