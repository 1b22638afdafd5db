import type { Platform } from '../../platform/platform';
import { t, type Locale } from '../../platform/i18n';
import { chinaToday } from '../inspectors/people';
import { readRectificationSettings } from '../rectification/rectification-settings';
import { accountsAnsweringFor, accountsOfOffice, notifyAccounts } from '../workbench/notify';
import { byLocale, reminderStage } from '../workbench/reminders';
import { owedDeadlines, type CaseStatus } from './accountability-case-status';
import { deadlineLabels, owedDeadline, readAccountabilitySettings } from './oversight.accountability-cases';

/**
 * 催办 for accountability cases, in the workbench's reminder run: each case's owed deadline (opening within
 * 60 days, the statement, review and appeal windows, deciding a review or an appeal, the correction) is
 * reminded from the warning window on, on the day and, for the offices' own deadlines, every few days after
 * it. The object's windows simply close; nothing is owed after them. Whoever owes the deadline hears of it;
 * an overdue one reaches the holding office too. The log's key makes a second process's attempt a no-op.
 */
export async function runAccountabilityReminders(platform: Platform): Promise<number> {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const settings = { ...(await readRectificationSettings(db)), remindDaysBefore: (await readAccountabilitySettings(db)).warnDays };
  const cases = await db.selectFrom('accountability_cases').innerJoin('units', 'units.id', 'accountability_cases.unit_id')
    .selectAll('accountability_cases').select('units.name as unit_name')
    .where('accountability_cases.status', 'in', Object.keys(owedDeadlines) as CaseStatus[]).execute();
  let sent = 0;
  for (const c of cases) {
    const owed = owedDeadline(c);
    const due = owed ? c[owed.column] : null;
    if (!owed || !due) continue;
    const stage = reminderStage(due, today, settings);
    if (!stage || (stage.kind === 'overdue' && owed.side === 'object')) continue;
    await db.transaction().execute(async (trx) => {
      // Moved on since it was read: this deadline is no longer owed.
      const now = await trx.selectFrom('accountability_cases').select('status').where('id', '=', c.id).executeTakeFirst();
      if (now?.status !== c.status) return;
      const office = await accountsOfOffice(trx, c.office_region_path);
      const owing = owed.side === 'object' ? await accountsAnsweringFor(trx, { id: c.unit_id, regionPath: c.region_path }, c.office_region_path)
        : owed.side === 'appellate' ? await accountsOfOffice(trx, c.office_region_path.replace(/[^/]+\/$/, ''))
          : office;
      const recipients = [...new Set([...owing, ...(stage.kind === 'overdue' ? office : [])])];
      const logged = await trx.insertInto('accountability_reminder_log')
        .values({ case_id: c.id, stage: `${owed.key}:${stage.key}`, sent_at: platform.clock.now().toISOString(), recipients: recipients.length })
        .onConflict((oc) => oc.columns(['case_id', 'stage']).doNothing())
        .returning('stage')
        .executeTakeFirst();
      if (!logged) return;
      for (const [locale, accountIds] of await byLocale(trx, recipients)) {
        const params = { title: c.title, unit: c.unit_name, what: deadlineLabels[owed.key][locale], due, days: stage.days };
        await notifyAccounts(trx, platform, accountIds, {
          kind: `accountability.${stage.kind}`, title: t(locale, 'ACCOUNTABILITY_REMINDER_TITLE', params), body: reminderBody(locale, stage.kind, params),
          link: `/accountability-cases/${c.id}`, entityType: 'accountability_case', entityId: c.id,
        });
      }
      sent += 1;
    });
  }
  if (sent > 0) await platform.audit.recordAlone(null, { action: 'reminder.run', entityType: 'accountability_case', actorName: 'system', detail: { today, sent } });
  return sent;
}

function reminderBody(locale: Locale, kind: 'before' | 'due' | 'overdue', params: Record<string, string | number>): string {
  switch (kind) {
    case 'before': return t(locale, 'ACCOUNTABILITY_REMINDER_BEFORE', params);
    case 'due': return t(locale, 'ACCOUNTABILITY_REMINDER_DUE', params);
    case 'overdue': return t(locale, 'ACCOUNTABILITY_REMINDER_OVERDUE', params);
  }
}
