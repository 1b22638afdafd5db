import { Cron } from 'croner';
import type { Platform } from '../../platform/platform';
import { runTermReminders } from '../inspectors/term-reminders';
import { runAccountabilityReminders } from '../oversight/oversight.accountability-reminders';
import { sendPendingMail } from './mail';
import { runReminders } from './reminders';

/** Where runs are reported (the app's pino logger). */
export interface SchedulerLog {
  info(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

export interface Scheduler {
  /** Stops the timers and waits for a run in progress, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * The periodic work of an app process: reminders of rectification deadlines, inspectors' terms and accountability cases
 * (REMINDER_CRON) and, when SMTP is configured, the mail sender (MAIL_CRON), on China's clock. Every process
 * may run it; the reminder logs and the outbox claim keep the work single. A run that is still going when
 * its next time comes is skipped (croner's protect).
 */
export function startScheduler(platform: Platform, log: SchedulerLog): Scheduler {
  const running = new Set<Promise<void>>();
  const schedule = (name: string, pattern: string, work: () => Promise<object>) =>
    new Cron(pattern, { timezone: 'Asia/Shanghai', protect: true }, async () => {
      const done = work()
        .then((result) => log.info({ job: name, ...result }, `${name} run finished`))
        .catch((err: unknown) => log.error({ err, job: name }, `${name} run failed`));
      running.add(done);
      await done;
      running.delete(done);
    });

  const jobs = [
    schedule('reminders', platform.config.reminderCron, async () => ({
      ...(await runReminders(platform)),
      // Inspectors' terms about to end (60, 30, 7 days): the same kind of once-only reminder.
      termReminders: await runTermReminders(platform),
      // Accountability cases' deadlines (60 / 30 / 30 / 15 / 60 / 15 days and the statement).
      accountabilityReminders: await runAccountabilityReminders(platform),
    })),
  ];
  // Every few minutes a signed checkpoint of the audit chain's head goes outside the database.
  jobs.push(schedule('audit-checkpoint', '*/5 * * * *', async () => ({ checkpoint: (await platform.audit.checkpoint())?.seq ?? null })));
  if (platform.config.smtpUrl) jobs.push(schedule('mail', platform.config.mailCron, () => sendPendingMail(platform)));
  // Once at start as well: reminders owed while the server was down go out now, not at the next tick.
  void jobs[0].trigger();

  return {
    async stop() {
      for (const job of jobs) job.stop();
      await Promise.all([...running]);
    },
  };
}
