import { createHmac } from 'node:crypto';
import type { Database, Executor } from './db/database';
import type { RequestContext } from './actor';
import type { Clock } from './clock';

/**
 * The tamper-evident audit log. Each entry's hash is HMAC-SM3 (the national hash, GB/T 32905) over the
 * previous hash and the entry's fields, keyed by AUDIT_HMAC_KEY: changing, removing or inserting an
 * entry breaks the chain from there on, and without the key nobody can forge a consistent chain.
 */
const ALGORITHM = 'sm3';

export interface AuditEvent {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  success?: boolean;
  /** Before/after images or any facts worth keeping; stored as JSON. */
  detail?: unknown;
  /** Overrides for events without a signed-in actor (a failed sign-in names the username tried). */
  actorName?: string | null;
  actorId?: string | null;
}

interface ChainFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  success: number;
  ip: string | null;
  request_id: string | null;
  detail: string | null;
}

function entryHash(key: string, prevHash: string, e: ChainFields): string {
  const canonical = JSON.stringify([
    e.seq, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.success, e.ip, e.request_id, e.detail,
  ]);
  return createHmac(ALGORITHM, key).update(prevHash).update('\n').update(canonical).digest('hex');
}

export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly key: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Append one entry inside the caller's transaction, so the record and its audit entry commit together.
   * The head row is locked (FOR UPDATE on PostgreSQL; SQLite transactions are already serial).
   */
  async record(trx: Executor, ctx: RequestContext | null, event: AuditEvent): Promise<void> {
    let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (this.database.dialect === 'postgres') headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirstOrThrow();
    const fields: ChainFields = {
      seq: head.seq + 1,
      at: this.clock.now().toISOString(),
      actor_id: event.actorId !== undefined ? event.actorId : (ctx?.actor?.id ?? null),
      actor_name: event.actorName !== undefined ? event.actorName : (ctx?.actor?.username ?? null),
      action: event.action,
      entity_type: event.entityType ?? null,
      entity_id: event.entityId ?? null,
      success: event.success === false ? 0 : 1,
      ip: ctx?.ip ?? null,
      request_id: ctx?.requestId ?? null,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
    };
    const hash = entryHash(this.key, head.hash, fields);
    await trx.insertInto('audit_log').values({ ...fields, prev_hash: head.hash, hash }).execute();
    await trx.updateTable('audit_head').set({ seq: fields.seq, hash }).where('id', '=', 1).execute();
  }

  /** Record in a transaction of its own (sign-in attempts, reads of personal data). */
  async recordAlone(ctx: RequestContext | null, event: AuditEvent): Promise<void> {
    await this.database.db.transaction().execute((trx) => this.record(trx, ctx, event));
  }

  /**
   * Walk the whole chain in order and recompute every hash. Reports the first entry that does not fit,
   * and also a head that does not match the last entry (entries cut off the end).
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
    const db = this.database.db;
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    let prev = '0'.repeat(64);
    let expectedSeq = 1;
    let checked = 0;
    const batch = 2000;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const row of rows) {
        if (row.seq !== expectedSeq || row.prev_hash !== prev || entryHash(this.key, prev, row) !== row.hash) {
          return { ok: false, checked, brokenAt: expectedSeq };
        }
        prev = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, head.seq);
      if (rows.length < batch) break;
    }
    if (head.seq !== checked || head.hash !== prev) return { ok: false, checked, brokenAt: checked + 1 };
    return { ok: true, checked };
  }
}
