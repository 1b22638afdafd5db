import { createHmac, randomBytes } from 'node:crypto';

/**
 * The reproducible random draw. The seed comes from crypto.randomBytes; the random numbers are a counter-mode
 * HMAC-SHA-256 stream keyed by the seed; a partial Fisher–Yates shuffle over the eligible ids sorted by id
 * picks the experts. Anyone holding the stored seed, candidates and exclusions can repeat the draw exactly.
 */
export const DRAW_ALGORITHM = 'fisher-yates/hmac-sha256-ctr/v1';

export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

/** 32-bit unsigned integers from HMAC-SHA-256(seed, counter as 8-byte big-endian), counter 0, 1, 2 … */
export function randomStream(seedHex: string): () => number {
  const key = Buffer.from(seedHex, 'hex');
  let counter = 0n;
  let block: Buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= block.length) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(counter);
      counter += 1n;
      block = createHmac('sha256', key).update(message).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  };
}

/** A uniform integer in [0, n) by rejection sampling, so no value is favoured by the modulo. */
export function uniformBelow(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const v = next();
    if (v < limit) return v % n;
  }
}

/** Draw `count` ids from `eligible` (any order given; sorted here) with the seed: the first `count` of a seeded Fisher–Yates shuffle. */
export function drawIds(seedHex: string, eligible: readonly string[], count: number): string[] {
  const pool = [...eligible].sort();
  const next = randomStream(seedHex);
  for (let i = 0; i < count; i += 1) {
    const j = i + uniformBelow(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/** `employer_region`: the expert works for another unit in the reviewed unit's own region (county). */
export type ExclusionReason = 'employer' | 'region' | 'employer_region' | 'relation' | 'already_drawn';
export interface Exclusion {
  expertId: string;
  reasons: ExclusionReason[];
}

/** Repeat a recorded draw: the eligible experts are the candidates without the exclusions. */
export function repeatDraw(record: { seed: string; candidates: string[]; exclusions: Exclusion[]; requested: number }): string[] {
  const excluded = new Set(record.exclusions.map((e) => e.expertId));
  return drawIds(record.seed, record.candidates.filter((id) => !excluded.has(id)), record.requested);
}
