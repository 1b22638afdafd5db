import os from 'node:os';
import type { AuditEvent } from '../platform/audit';

/**
 * The audit fields for a change made from this tool. There is no signed-in account, so the
 * operating-system user and host stand in for it: they say who ran the command.
 */
export function cliAudit(event: Omit<AuditEvent, 'actorName' | 'actorId'>): AuditEvent {
  let osUser: string | null;
  try {
    osUser = os.userInfo().username;
  } catch {
    // A container user without a passwd entry.
    osUser = process.env.USER ?? null;
  }
  const origin = { osUser, host: os.hostname() };
  const detail = event.detail && typeof event.detail === 'object' ? { ...event.detail, origin } : { origin };
  return { ...event, actorName: 'cli', actorId: null, detail };
}
