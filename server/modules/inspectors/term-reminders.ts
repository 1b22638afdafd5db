import type { Platform } from '../../platform/platform';
import { accountsOfOffice, notifyAccounts } from '../workbench/notify';
import { addDays, chinaToday } from './people';

/** Days before a term's end when the appointing office (and the inspector) are reminded to reappoint or let it end. */
export const termReminderDays = [60, 30, 7] as const;

/**
 * Remind of terms about to end with no later term: each term once per stage, the most urgent stage reached
 * (a server that was down does not send the stages it missed). The log's key makes a second process's
 * attempt a no-op, so several processes never remind twice.
 */
export async function runTermReminders(platform: Platform): Promise<number> {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const terms = await db.selectFrom('inspector_terms').innerJoin('inspectors', 'inspectors.id', 'inspector_terms.inspector_id')
    .select(['inspector_terms.id', 'inspector_terms.term_number', 'inspector_terms.end_date', 'inspectors.id as inspector_id', 'inspectors.name', 'inspectors.region_path', 'inspectors.account_id'])
    .where('inspector_terms.end_date', '>=', today).where('inspector_terms.end_date', '<=', addDays(today, termReminderDays[0]))
    .where('inspectors.dismissed_on', 'is', null)
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('inspector_terms as later').select('later.id').whereRef('later.inspector_id', '=', 'inspector_terms.inspector_id').whereRef('later.start_date', '>', 'inspector_terms.end_date'),
    )))
    .orderBy('inspector_terms.end_date').execute();
  let sent = 0;
  for (const term of terms) {
    const daysLeft = Math.round((Date.parse(term.end_date) - Date.parse(today)) / 86_400_000);
    const stage = [...termReminderDays].reverse().find((d) => daysLeft <= d)!;
    await db.transaction().execute(async (trx) => {
      const logged = await trx.insertInto('term_reminder_log').values({ term_id: term.id, stage: `${stage}:${term.end_date}`, sent_at: platform.clock.now().toISOString() })
        .onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(logged.numInsertedOrUpdatedRows ?? 0) === 0) return;
      const accounts = [...(await accountsOfOffice(trx, term.region_path)), ...(term.account_id ? [term.account_id] : [])];
      await notifyAccounts(trx, platform, accounts, {
        kind: 'term_expiring', title: `督学聘期将于 ${term.end_date} 届满：${term.name}（第${term.term_number}届，还有 ${daysLeft} 天）`,
        body: '请及时办理续聘或解聘，并更新督学名册。', link: `/inspectors/${term.inspector_id}`, entityType: 'inspector', entityId: term.inspector_id,
      });
      sent += 1;
    });
  }
  return sent;
}
