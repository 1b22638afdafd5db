import os from 'node:os';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Platform } from '../../platform/platform';

/** Who claims a mail: this process, by host, pid and a random tag (a restarted process is someone else). */
const processId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** A mail that fails this many times is given up (status failed, the last error kept). */
export const MAX_MAIL_ATTEMPTS = 6;
/** A claim older than this belongs to a process that died while sending: the mail goes back to pending. */
const STALE_CLAIM_MINUTES = 15;
const BATCH = 100;

/** Minutes to wait after the n-th failed attempt: 2, 4, 8, 16, 32 — about an hour in all before giving up. */
function backoffMinutes(attempts: number): number {
  return 2 ** attempts;
}

export interface MailRun {
  sent: number;
  /** Failed this time and will be tried again. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/**
 * Send the outbox over SMTP. Several processes may run this at once: each mail is claimed by one
 * `UPDATE … WHERE status = 'pending'` before it is sent, so only the process whose update changed the row
 * sends it. One pass over the pending mail per run (keyset on created_at, id); a mail that fails is retried on
 * later runs after a growing pause.
 */
export async function sendPendingMail(platform: Platform): Promise<MailRun> {
  const run: MailRun = { sent: 0, retrying: 0, failed: 0 };
  const { smtpUrl, mailFrom } = platform.config;
  if (!smtpUrl) return run;
  const db = platform.database.db;
  const nowMs = () => platform.clock.now().getTime();
  const staleBefore = new Date(nowMs() - STALE_CLAIM_MINUTES * 60_000).toISOString();
  await db.updateTable('mail_outbox').set({ status: 'pending', claimed_by: null }).where('status', '=', 'sending').where('claimed_at', '<', staleBefore).execute();

  const transport = nodemailer.createTransport(smtpUrl);
  try {
    let after: { created_at: string; id: string } | null = null;
    for (;;) {
      let query = db.selectFrom('mail_outbox').select(['id', 'created_at', 'attempts', 'claimed_at']).where('status', '=', 'pending');
      if (after) {
        const last: { created_at: string; id: string } = after;
        query = query.where((eb) => eb.or([eb('created_at', '>', last.created_at), eb.and([eb('created_at', '=', last.created_at), eb('id', '>', last.id)])]));
      }
      const candidates = await query.orderBy('created_at').orderBy('id').limit(BATCH).execute();
      if (candidates.length === 0) break;
      after = candidates[candidates.length - 1];
      for (const candidate of candidates) {
        const lastTry = candidate.claimed_at ? Date.parse(candidate.claimed_at) : 0;
        if (candidate.attempts > 0 && nowMs() - lastTry < backoffMinutes(candidate.attempts) * 60_000) continue;
        const at = platform.clock.now().toISOString();
        const claim = await db.updateTable('mail_outbox')
          .set((eb) => ({ status: 'sending', claimed_by: processId, claimed_at: at, attempts: eb('attempts', '+', 1) }))
          .where('id', '=', candidate.id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) continue;
        const mail = await db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body', 'attempts']).where('id', '=', candidate.id).executeTakeFirstOrThrow();
        try {
          await transport.sendMail({ from: mailFrom, to: mail.to_address, subject: mail.subject, text: mail.body });
          await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: platform.clock.now().toISOString(), last_error: null })
            .where('id', '=', candidate.id).where('claimed_by', '=', processId).execute();
          run.sent += 1;
        } catch (error) {
          const givingUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
          await db.updateTable('mail_outbox').set({ status: givingUp ? 'failed' : 'pending', last_error: String(error instanceof Error ? error.message : error).slice(0, 500) })
            .where('id', '=', candidate.id).where('claimed_by', '=', processId).execute();
          if (givingUp) run.failed += 1;
          else run.retrying += 1;
        }
      }
    }
  } finally {
    transport.close();
  }
  return run;
}
