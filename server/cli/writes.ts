import os from 'node:os';
import { sql } from 'kysely';
import type { AuditEvent } from '../platform/audit';
import type { Database, Executor } from '../platform/db/database';

/**
 * A write transaction that also works beside a running server. On SQLite it takes the write lock up front
 * (BEGIN IMMEDIATE), which waits out the server's writes under busy_timeout; a deferred transaction that reads
 * before it writes would instead fail at once with "database is locked" if the server wrote in between.
 */
export async function writeTransaction<T>(database: Database, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (database.dialect !== 'sqlite') return database.db.transaction().execute(fn);
  return database.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

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
