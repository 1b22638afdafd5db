import { createHmac } from 'node:crypto';
import type { Database, Executor } from './db/database';
import type { RequestContext } from './actor';
import type { Clock } from './clock';
import { CheckpointFile, signCheckpoint, type AuditCheckpoint } from './audit-checkpoints';

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

export interface ChainCheck {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  /** The log ends before a signed checkpoint said it reached: entries were cut off the end. */
  cutShort?: { checkpointSeq: number; checkpointAt: string };
  /** Checkpoint lines of this chain whose signature does not verify. */
  forgedCheckpoints?: number;
}

export interface CheckpointOptions {
  dir: string;
  /** A checkpoint after this many entries written by this process (and on the scheduler's beat). */
  every: number;
  /** Each checkpoint written also goes to the process log, a second copy outside the database. */
  onWritten?: (checkpoint: AuditCheckpoint) => void;
}

export class AuditLog {
  private readonly checkpointFile: CheckpointFile;
  private sinceCheckpoint = 0;
  private lastCheckpointSeq = -1;

  constructor(
    private readonly database: Database,
    private readonly key: string,
    private readonly clock: Clock,
    private readonly checkpoints: CheckpointOptions,
  ) {
    this.checkpointFile = new CheckpointFile(checkpoints.dir);
  }

  /**
   * Append one entry inside the caller's transaction, so the record and its audit entry commit together.
   * The head row is locked (FOR UPDATE on PostgreSQL; SQLite transactions are already serial).
   */
  async record(trx: Executor, ctx: RequestContext | null, event: AuditEvent): Promise<void> {
    const headQuery = this.database.lockingRows(trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1));
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
    this.sinceCheckpoint += 1;
    if (this.sinceCheckpoint >= this.checkpoints.every) {
      this.sinceCheckpoint = 0;
      // After the caller's commit: a checkpoint only ever names a committed head.
      setTimeout(() => void this.checkpoint().catch(() => undefined), 50).unref();
    }
  }

  /** Also write each checkpoint to the process log. */
  logCheckpointsTo(log: (checkpoint: AuditCheckpoint) => void): void {
    this.checkpoints.onWritten = log;
  }

  /** The hash of entry 1, which names the chain; null while the log is empty. */
  private async chainId(): Promise<string | null> {
    const first = await this.database.db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirst();
    return first?.hash ?? null;
  }

  /**
   * Sign the committed head and append it to the checkpoint file (and the process log). `restore` marks a
   * deliberate rewind to an older backup; a plain checkpoint is skipped when the head has not moved.
   */
  async checkpoint(kind: AuditCheckpoint['kind'] = 'checkpoint'): Promise<AuditCheckpoint | null> {
    const head = await this.database.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const chain = await this.chainId();
    if (!chain || (kind === 'checkpoint' && head.seq === this.lastCheckpointSeq)) return null;
    const checkpoint = signCheckpoint(this.key, { kind, chain, seq: head.seq, hash: head.hash, at: this.clock.now().toISOString() });
    this.checkpointFile.append(checkpoint);
    this.lastCheckpointSeq = head.seq;
    this.checkpoints.onWritten?.(checkpoint);
    return checkpoint;
  }

  /** Record in a transaction of its own (sign-in attempts, reads of personal data). */
  async recordAlone(ctx: RequestContext | null, event: AuditEvent): Promise<void> {
    await this.database.db.transaction().execute((trx) => this.record(trx, ctx, event));
  }

  /**
   * Walk the whole chain in order and recompute every hash. Reports the first entry that does not fit, a head
   * that does not match the last entry, and a log that ends before a signed checkpoint (or has an entry there
   * with another hash): entries cut off the end with the head rewound.
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<ChainCheck> {
    const db = this.database.db;
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const chain = await this.chainId();
    const { checkpoints, forged } = chain ? this.checkpointFile.read(this.key, chain) : { checkpoints: [], forged: 0 };
    // A restore mark supersedes what was checkpointed before it.
    const lastRestore = checkpoints.map((c) => c.kind).lastIndexOf('restore');
    const binding = checkpoints.slice(Math.max(lastRestore, 0));
    const expectedAt = new Map<number, AuditCheckpoint>();
    for (const c of binding) expectedAt.set(c.seq, c);
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
        const checkpoint = expectedAt.get(row.seq);
        if (checkpoint && checkpoint.hash !== row.hash) return { ok: false, checked, brokenAt: row.seq };
        prev = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, head.seq);
      if (rows.length < batch) break;
    }
    if (head.seq !== checked || head.hash !== prev) return { ok: false, checked, brokenAt: checked + 1 };
    const furthest = binding.reduce<AuditCheckpoint | null>((far, c) => (!far || c.seq > far.seq ? c : far), null);
    if (furthest && furthest.seq > checked) {
      return { ok: false, checked, brokenAt: checked + 1, cutShort: { checkpointSeq: furthest.seq, checkpointAt: furthest.at } };
    }
    if (forged > 0) return { ok: false, checked, forgedCheckpoints: forged };
    return { ok: true, checked };
  }
}
