import type { Actor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { statusLabels, type Light } from './rectification-status';
import { gradeLabels, itemBatches, presentItem } from './rectification.service';
import type { DeadlineDay } from './rectification-status';
import type { RectificationFilters } from './rectification.schemas';

const lightLabels: Record<Light, Record<Locale, string>> = {
  green: { 'zh-CN': '绿灯', en: 'green' }, yellow: { 'zh-CN': '黄灯', en: 'yellow' }, red: { 'zh-CN': '红灯（逾期）', en: 'red (overdue)' }, none: { 'zh-CN': '', en: '' },
};
const originLabels = { notice: '督办文书', problem: '问题清单' } as const;

/** The ledger's columns (整改台账). */
export function ledgerColumns(locale: Locale) {
  const en = locale === 'en';
  return [
    { header: en ? 'Responsible unit' : '责任单位', key: 'unit', width: 30 },
    { header: en ? 'Region' : '所属区划', key: 'region', width: 14 },
    { header: en ? 'Supervising office' : '督办单位', key: 'office', width: 14 },
    { header: en ? 'Origin' : '来源', key: 'origin', width: 10 },
    { header: en ? 'Document number' : '文号', key: 'docNumber', width: 24 },
    { header: en ? 'Notice' : '督办文书', key: 'notice', width: 30 },
    { header: en ? 'Task' : '督导任务', key: 'task', width: 24 },
    { header: en ? 'Demand' : '整改要求', key: 'demand', width: 50 },
    { header: en ? 'Responsible person' : '整改责任人', key: 'responsiblePerson', width: 12 },
    { header: en ? 'Deadline' : '整改时限', key: 'deadline', width: 12 },
    { header: en ? 'Original deadline' : '原定时限', key: 'originalDeadline', width: 12 },
    { header: en ? 'Status' : '状态', key: 'status', width: 12 },
    { header: en ? 'Light' : '预警', key: 'light', width: 12 },
    { header: en ? 'Progress %' : '进度（%）', key: 'percent', width: 10 },
    { header: en ? 'Grade' : '评价', key: 'grade', width: 8 },
    { header: en ? 'Sent back' : '退回次数', key: 'sentBack', width: 8 },
    { header: en ? 'Submitted at' : '提交时间', key: 'submittedAt', width: 18 },
    { header: en ? 'Opened at' : '交办时间', key: 'createdAt', width: 18 },
  ];
}

const stamp = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/** The export's rows, one batch at a time (keyset pages, never the whole ledger in memory). */
export async function* ledgerRows(db: Executor, actor: Actor, f: RectificationFilters, day: DeadlineDay, locale: Locale) {
  const en = locale === 'en';
  for await (const rows of itemBatches(db, actor, f, day)) {
    // SQLite answers synchronously: a turn of the event loop between batches keeps other requests served during a long export.
    await new Promise((resolve) => setImmediate(resolve));
    yield rows.map((r) => {
      const p = presentItem(r, day);
      return {
        unit: p.unit.name, region: p.region.name, office: p.office.name, origin: en ? p.origin : originLabels[p.origin], docNumber: p.notice?.docNumber ?? '',
        notice: p.notice?.title ?? '', task: p.task?.title ?? '', demand: p.demand, responsiblePerson: p.responsiblePerson ?? '', deadline: p.deadline,
        originalDeadline: p.originalDeadline ?? '', status: statusLabels[p.status][locale], light: lightLabels[p.light][locale], percent: p.percent,
        grade: p.grade ? gradeLabels[p.grade][locale] : '', sentBack: p.sentBackCount, submittedAt: stamp(p.submittedAt), createdAt: stamp(p.createdAt),
      };
    });
  }
}
