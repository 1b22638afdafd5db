import type { Platform } from '../../platform/platform';
import type { Executor } from '../../platform/db/database';
import { t, type Locale } from '../../platform/i18n';
import { chinaToday } from '../inspectors/people';
import { readRectificationSettings, type RectificationSettings } from '../rectification/rectification-settings';
import { addDays, daysBetween, owedStatuses, type RectificationStatus } from '../rectification/rectification-status';
import { accountsAnsweringFor, accountsOfOffice, notifyAccounts } from './notify';

export type ReminderKind = 'before' | 'due' | 'overdue';

export interface ReminderStage {
  kind: ReminderKind;
  /** The reminder's key in reminder_log; one reminder per item and key, ever. */
  key: string;
  /** Days left before the deadline (before), or days past it (overdue); 0 on the day. */
  days: number;
}

/**
 * The reminder an item owes today, if any. Only the current stage counts, so a server that was down for
 * days sends one reminder when it is back, not one per missed day. Keys carry the deadline: an extension
 * starts a new series.
 * - before: from `remindDaysBefore` days before the deadline until the day before — `before:<deadline>`;
 * - due: on the deadline — `due:<deadline>`;
 * - overdue: the day after, then every `overdueEveryDays` days while still owed — `overdue:<deadline>:<step>`,
 *   the step being the date that period began.
 */
export function reminderStage(deadline: string, today: string, settings: RectificationSettings): ReminderStage | null {
  const left = daysBetween(today, deadline);
  if (left > settings.remindDaysBefore) return null;
  if (left > 0) return { kind: 'before', key: `before:${deadline}`, days: left };
  if (left === 0) return { kind: 'due', key: `due:${deadline}`, days: 0 };
  const late = -left;
  const step = addDays(deadline, 1 + Math.floor((late - 1) / settings.overdueEveryDays) * settings.overdueEveryDays);
  return { kind: 'overdue', key: `overdue:${deadline}:${step}`, days: late };
}

export interface ReminderRun {
  today: string;
  /** Owed items looked at (deadline within reach). */
  checked: number;
  /** Reminders this process sent (one per item and stage). */
  sent: number;
  before: number;
  due: number;
  overdue: number;
  /** In-app notifications written (one per recipient account and reminder). */
  notifications: number;
}

const BATCH = 500;

/**
 * 催办: remind the owners of every owed rectification item before, on and after its deadline; overdue
 * reminders go to the supervising office's staff too. Safe with several processes at once: a reminder is
 * a row in reminder_log inserted with ON CONFLICT DO NOTHING in the same transaction as its notifications,
 * and only the transaction whose insert took notifies. Reads the items in keyset batches on the
 * (status, deadline) index, from the earliest deadline up to the last one within `remindDaysBefore`.
 */
export async function runReminders(platform: Platform): Promise<ReminderRun> {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const settings = await readRectificationSettings(db);
  const horizon = addDays(today, settings.remindDaysBefore);
  const run: ReminderRun = { today, checked: 0, sent: 0, before: 0, due: 0, overdue: 0, notifications: 0 };

  for (const status of owedStatuses) {
    let after: { deadline: string; id: string } | null = null;
    for (;;) {
      let query = db.selectFrom('rectifications').select(['id', 'deadline']).where('status', '=', status).where('deadline', '<=', horizon);
      if (after) {
        const last: { deadline: string; id: string } = after;
        query = query.where((eb) => eb.or([eb('deadline', '>', last.deadline), eb.and([eb('deadline', '=', last.deadline), eb('id', '>', last.id)])]));
      }
      const rows = await query.orderBy('deadline').orderBy('id').limit(BATCH).execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1];
      run.checked += rows.length;

      const owed = rows.flatMap((r) => {
        const stage = reminderStage(r.deadline, today, settings);
        return stage ? [{ ...r, stage }] : [];
      });
      if (owed.length === 0) continue;
      const done = new Set((await db.selectFrom('reminder_log').select(['rectification_id', 'stage'])
        .where('rectification_id', 'in', owed.map((r) => r.id)).execute()).map((l) => `${l.rectification_id} ${l.stage}`));
      for (const item of owed) {
        if (done.has(`${item.id} ${item.stage.key}`)) continue;
        const notified = await sendReminder(platform, item.id, item.deadline, item.stage, today);
        if (notified === null) continue;
        run.sent += 1;
        run[item.stage.kind] += 1;
        run.notifications += notified;
      }
    }
  }

  if (run.sent > 0) {
    await platform.audit.recordAlone(null, { action: 'reminder.run', entityType: 'rectification', actorName: 'system', detail: run });
  }
  return run;
}

/** One reminder in its own transaction; null when another process (or an earlier run) already sent it or the item moved on. */
async function sendReminder(platform: Platform, id: string, deadline: string, stage: ReminderStage, today: string): Promise<number | null> {
  return platform.database.db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('rectifications').innerJoin('units', 'units.id', 'rectifications.unit_id')
      .select(['rectifications.id', 'rectifications.status', 'rectifications.deadline', 'rectifications.demand', 'rectifications.unit_id',
        'rectifications.region_path', 'rectifications.office_region_path', 'units.name as unit_name'])
      .where('rectifications.id', '=', id).executeTakeFirst();
    // Submitted or extended since the batch was read: this stage is no longer owed.
    if (!item || !owedStatuses.includes(item.status as RectificationStatus) || item.deadline !== deadline) return null;

    const owners = await accountsAnsweringFor(trx, { id: item.unit_id, regionPath: item.region_path }, item.office_region_path);
    const office = stage.kind === 'overdue' ? await accountsOfOffice(trx, item.office_region_path) : [];
    const recipients = [...new Set([...owners, ...office])];
    const logged = await trx.insertInto('reminder_log')
      .values({ rectification_id: id, stage: stage.key, sent_at: platform.clock.now().toISOString(), recipients: recipients.length })
      .onConflict((oc) => oc.columns(['rectification_id', 'stage']).doNothing())
      .returning('stage')
      .executeTakeFirst();
    if (!logged) return null;

    const params = { deadline: item.deadline, days: stage.days, unit: item.unit_name, demand: item.demand, today };
    for (const [locale, accountIds] of await byLocale(trx, recipients)) {
      const text = reminderText(locale, stage.kind, params);
      await notifyAccounts(trx, platform, accountIds, {
        kind: `reminder.${stage.kind}`, title: text.title, body: text.body, link: `/rectifications/${id}`, entityType: 'rectification', entityId: id,
      });
    }
    return recipients.length;
  });
}

function reminderText(locale: Locale, kind: ReminderKind, params: Record<string, string | number>) {
  switch (kind) {
    case 'before':
      return { title: t(locale, 'REMINDER_BEFORE_TITLE', params), body: t(locale, 'REMINDER_BEFORE_BODY', params) };
    case 'due':
      return { title: t(locale, 'REMINDER_DUE_TITLE', params), body: t(locale, 'REMINDER_DUE_BODY', params) };
    case 'overdue':
      return { title: t(locale, 'REMINDER_OVERDUE_TITLE', params), body: t(locale, 'REMINDER_OVERDUE_BODY', params) };
  }
}

/** Each account is written to in its own language. */
export async function byLocale(db: Executor, accountIds: string[]): Promise<Map<Locale, string[]>> {
  const groups = new Map<Locale, string[]>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db.selectFrom('accounts').select(['id', 'locale']).where('id', 'in', accountIds.slice(i, i + 500)).execute();
    for (const r of rows) {
      const locale: Locale = r.locale === 'en' ? 'en' : 'zh-CN';
      groups.set(locale, [...(groups.get(locale) ?? []), r.id]);
    }
  }
  return groups;
}
