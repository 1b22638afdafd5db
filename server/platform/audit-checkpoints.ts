import fs from 'node:fs';
import path from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checkpoints of the audit chain kept outside the database: (seq, hash) of the committed head, signed with
 * the audit key and appended to a file in their own folder (and written to the process log by the caller).
 * Someone with the database file can drop the append-only triggers, delete the newest entries and rewind the
 * head so that the chain still verifies; a checkpoint they cannot sign says how far the log once reached.
 * A deliberate restore of an older backup writes a signed restore mark, after which earlier checkpoints no
 * longer bind.
 */
export interface AuditCheckpoint {
  kind: 'checkpoint' | 'restore';
  /** The hash of entry 1: which chain this is, so several databases can share one folder. */
  chain: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

const FILE = 'audit-checkpoints.jsonl';

function macOf(key: string, c: Omit<AuditCheckpoint, 'mac'>): string {
  return createHmac('sm3', key).update(JSON.stringify(['audit-checkpoint', c.kind, c.chain, c.seq, c.hash, c.at])).digest('hex');
}

export function signCheckpoint(key: string, c: Omit<AuditCheckpoint, 'mac'>): AuditCheckpoint {
  return { ...c, mac: macOf(key, c) };
}

export class CheckpointFile {
  constructor(private readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, FILE);
  }

  append(c: AuditCheckpoint): void {
    fs.mkdirSync(this.dir, { recursive: true });
    // One short line per append: O_APPEND keeps lines from several processes whole.
    fs.appendFileSync(this.file, `${JSON.stringify(c)}\n`, { flag: 'a' });
  }

  /** The checkpoints of one chain in the order written; `forged` counts lines of that chain whose signature fails. */
  read(key: string, chain: string): { checkpoints: AuditCheckpoint[]; forged: number } {
    if (!fs.existsSync(this.file)) return { checkpoints: [], forged: 0 };
    const checkpoints: AuditCheckpoint[] = [];
    let forged = 0;
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let c: AuditCheckpoint;
      try {
        c = JSON.parse(line) as AuditCheckpoint;
      } catch {
        // A line torn by a crash mid-append says nothing either way.
        continue;
      }
      if (c.chain !== chain) continue;
      const expected = Buffer.from(macOf(key, c), 'hex');
      const given = Buffer.from(String(c.mac), 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        forged += 1;
        continue;
      }
      checkpoints.push(c);
    }
    return { checkpoints, forged };
  }
}
