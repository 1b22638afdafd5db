import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import { AppError, invalidField } from '../../platform/errors';
import { rectificationsSupervisedBy } from '../../platform/scope';
import { createNoticeDraft } from '../notices/notices.service';
import { daysBetween, lightOf, statusLabels, type RectificationStatus } from '../rectification/rectification-status';
import { ranking } from './oversight.figures';
import { deadlineDay } from '../rectification/rectification-settings';
import { officeOf } from './oversight.office';

/** 2026-03-02 → 2026年3月2日, as official documents write dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const digits = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 25 → 二十五: the numbering of a document's sections. */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

/** A demand as the bulletin lists it: its first 80 characters. */
const brief = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

// ---------- from the overdue list: a 通报 or a 约谈通知 ----------

export interface EscalationInput {
  kind: 'bulletin' | 'interview';
  rectificationIds: string[];
  title?: string;
  interviewOn?: string;
  interviewPlace?: string;
}

/**
 * A new notice draft from chosen overdue items: a 通报 (bulletin) naming the overdue units and their items,
 * or a 约谈通知 (interview) calling them to an interview. Only items the caller's office supervises and that
 * are overdue today are accepted; the overdue units are the main recipients; the notices the items came
 * from are cited as the basis. The text is the official document's, so it is written in Chinese.
 */
export async function escalate(platform: Platform, ctx: RequestContext, input: EscalationInput): Promise<{ noticeId: string }> {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  const day = await deadlineDay(platform);
  if (input.kind === 'interview') {
    if (!input.interviewOn) throw invalidField('interviewOn', 'ESCALATION_INTERVIEW_DATE');
    if (input.interviewOn < day.today) throw invalidField('interviewOn', 'OVERSIGHT_DATE_PAST', { today: day.today });
  }
  const ids = [...new Set(input.rectificationIds)];
  return platform.database.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('rectifications')
      .innerJoin('units', 'units.id', 'rectifications.unit_id')
      .leftJoin('notices', 'notices.id', 'rectifications.notice_id')
      .select([
        'rectifications.id', 'rectifications.status', 'rectifications.deadline', 'rectifications.demand', 'rectifications.unit_id', 'units.name as unit_name',
        'notices.id as notice_id', 'notices.title as notice_title', 'notices.doc_number as notice_doc_number',
      ])
      .where('rectifications.id', 'in', ids).where(rectificationsSupervisedBy(actor.scope)).execute();
    if (rows.length !== ids.length) {
      throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: [{ field: 'rectificationIds', key: 'ESCALATION_NOT_SUPERVISED', params: { count: ids.length - rows.length } }] });
    }
    const notOverdue = rows.find((r) => lightOf(r.status as RectificationStatus, r.deadline, day.today, day.yellowDays) !== 'red');
    if (notOverdue) {
      throw new AppError('CONFLICT', 'ESCALATION_NOT_OVERDUE', {
        unit: notOverdue.unit_name, demand: notOverdue.demand, deadline: notOverdue.deadline, status: statusLabels[notOverdue.status as RectificationStatus][ctx.locale],
      });
    }

    const units = new Map<string, { id: string; name: string; items: typeof rows }>();
    for (const r of [...rows].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.demand.localeCompare(b.demand, 'zh-CN'))) {
      const unit = units.get(r.unit_id) ?? { id: r.unit_id, name: r.unit_name, items: [] };
      unit.items.push(r);
      units.set(r.unit_id, unit);
    }
    // The worst first: most overdue items, then the longest overdue.
    const ordered = [...units.values()].sort((a, b) => b.items.length - a.items.length || a.items[0].deadline.localeCompare(b.items[0].deadline)
      || a.name.localeCompare(b.name, 'zh-CN'));
    const listing = ordered.map((u, i) => [
      `${chineseNumber(i + 1)}、${u.name}（${u.items.length}项）`,
      ...u.items.map((r, k) => {
        const source = r.notice_title ? `；来源：《${r.notice_title}》${r.notice_doc_number ? `（${r.notice_doc_number}）` : ''}` : '';
        return `${k + 1}. ${brief(r.demand)}（整改期限${chineseDate(r.deadline)}，已逾期${daysBetween(r.deadline, day.today)}天${source}）`;
      }),
    ].join('\n')).join('\n\n');
    const opening = `截至${chineseDate(day.today)}，下列${ordered.length}个单位的${rows.length}项整改事项已超过整改期限，仍未完成整改：`;
    const place = input.interviewPlace ? `，地点：${input.interviewPlace}` : '';
    const body = input.kind === 'bulletin'
      ? `${opening}\n\n${listing}\n\n请上述单位高度重视，立即落实整改，并于收到本通报后5个工作日内报送整改进展及逾期原因说明。各单位要引以为戒、举一反三，确保按期完成整改任务。`
      : `${opening}\n\n${listing}\n\n经研究，决定对上述单位主要负责人进行约谈。请于${chineseDate(input.interviewOn!)}${input.interviewPlace ? `到${input.interviewPlace}` : ''}参加约谈，并报送逾期整改事项的整改情况说明和下一步整改措施。`;
    const basis = new Map<string, { title: string; docNo: string | null }>();
    for (const r of rows) if (r.notice_id && r.notice_title) basis.set(r.notice_id, { title: r.notice_title, docNo: r.notice_doc_number });

    const { id } = await createNoticeDraft(trx, platform, ctx, {
      regionId: office.regionId,
      typeKey: input.kind,
      title: input.title ?? (input.kind === 'bulletin' ? '关于整改事项逾期未完成情况的通报' : '关于对整改逾期单位进行约谈的通知'),
      body,
      basis: [...basis.values()].slice(0, 20),
      escalatedFrom: 'overdue',
      recipients: ordered.map((u) => ({ unitId: u.id, kind: 'main' as const })),
      items: input.kind === 'interview'
        ? [{ demand: `参加约谈，并报送逾期整改事项的整改情况说明（约谈时间：${chineseDate(input.interviewOn!)}${place}）`, deadline: input.interviewOn!, unitIds: null }]
        : [],
    });
    await platform.audit.record(trx, ctx, {
      action: `escalation.${input.kind}`, entityType: 'notice', entityId: id, detail: { rectificationIds: ids, units: ordered.map((u) => u.id) },
    });
    return { noticeId: id };
  });
}

// ---------- the ranking published as a 通报 ----------

const percent = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/** The bottom N units of the year's ranking in the caller's region, as a 通报 draft addressed to them. */
export async function rankingBulletin(platform: Platform, ctx: RequestContext, input: { year: number; bottom: number; regionId?: string }): Promise<{ noticeId: string }> {
  const actor = ctx.actor!;
  const office = officeOf(actor);
  const result = await ranking(platform, actor, { year: input.year, regionId: input.regionId, bottom: input.bottom });
  if (result.items.length === 0) throw new AppError('CONFLICT', 'RANKING_EMPTY', { year: input.year });
  const lines = result.items.map((r, i) =>
    `${i + 1}. ${r.unit.name}：整改事项${r.items}项，纳入考核${r.counted}项，按期完成${r.onTime}项，按期完成率${percent(r.onTimeRate)}；`
    + `整改质量评价好${r.grades.good}次、较好${r.grades.fair}次、一般${r.grades.average}次、差${r.grades.poor}次；综合得分${r.score}分，排名第${r.rank}位。`);
  const body = [
    `根据各单位${input.year}年度整改事项的按期完成情况和整改质量，按“按期完成率×60%＋整改质量得分×40%”计算综合得分`
    + '（整改质量得分按好100分、较好80分、一般60分、差0分取平均；尚无质量等次的，以按期完成率计），'
    + `对${result.ranked}个单位进行了排名。现将排名后${result.items.length}位的单位通报如下：`,
    lines.join('\n'),
    '请上述单位认真分析原因，制定改进措施，切实提高整改工作的质量和效率。',
  ].join('\n\n');
  return platform.database.db.transaction().execute(async (trx) => {
    const { id } = await createNoticeDraft(trx, platform, ctx, {
      regionId: office.regionId,
      typeKey: 'bulletin',
      title: `关于${input.year}年度整改工作排名情况的通报`,
      body,
      escalatedFrom: `ranking:${input.year}`,
      recipients: result.items.map((r) => ({ unitId: r.unit.id, kind: 'main' as const })),
      items: [],
    });
    await platform.audit.record(trx, ctx, {
      action: 'escalation.ranking', entityType: 'notice', entityId: id, detail: { year: input.year, bottom: input.bottom, units: result.items.map((r) => r.unit.id) },
    });
    return { noticeId: id };
  });
}
