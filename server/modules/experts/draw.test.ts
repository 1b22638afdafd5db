import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawIds, randomStream, repeatDraw, uniformBelow } from './draw';

const seedOf = (i: number) => createHash('sha256').update(`dudao-draw-${i}`).digest('hex');
const ids = ['e-01', 'e-02', 'e-03', 'e-04', 'e-05'];

describe('the reproducible draw', () => {
  it('gives the same experts for the same seed and candidates, whatever order they come in', () => {
    const seed = seedOf(1);
    const first = drawIds(seed, ids, 3);
    expect(drawIds(seed, [...ids].reverse(), 3)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(first.every((id) => ids.includes(id))).toBe(true);
    const others = Array.from({ length: 20 }, (_, i) => drawIds(seedOf(100 + i), ids, 3).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('is a fixed function of the seed: the stream is HMAC-SHA-256 of the counter', () => {
    const key = Buffer.alloc(32);
    const firstBlock = createHmac('sha256', key).update(Buffer.alloc(8)).digest();
    const next = randomStream('00'.repeat(32));
    expect(next()).toBe(firstBlock.readUInt32BE(0));
    expect(next()).toBe(firstBlock.readUInt32BE(4));
    expect(drawIds('00'.repeat(32), ids, 5)).toEqual(drawIds('00'.repeat(32), ids, 5));
    expect([...drawIds('00'.repeat(32), ids, 5)].sort()).toEqual(ids);
  });

  it('repeats a recorded draw from its candidates less its exclusions', () => {
    const seed = seedOf(7);
    const candidates = [...ids, 'e-06', 'e-07'];
    const exclusions = [{ expertId: 'e-02', reasons: ['region' as const] }, { expertId: 'e-06', reasons: ['employer' as const, 'relation' as const] }];
    const result = drawIds(seed, candidates.filter((c) => c !== 'e-02' && c !== 'e-06'), 2);
    expect(repeatDraw({ seed, candidates, exclusions, requested: 2 })).toEqual(result);
    expect(result).not.toContain('e-02');
    expect(result).not.toContain('e-06');
  });

  it('picks each eligible expert equally often (chi-square over 10,000 seeded draws of 1 from 5)', () => {
    const counts = new Map(ids.map((id) => [id, 0]));
    const n = 10_000;
    for (let i = 0; i < n; i += 1) {
      const [picked] = drawIds(seedOf(i), ids, 1);
      counts.set(picked, counts.get(picked)! + 1);
    }
    const expected = n / ids.length;
    const chiSquare = [...counts.values()].reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
    // 4 degrees of freedom: 18.47 is the 0.1% critical value; a generous bound keeps the test from flaking.
    expect(chiSquare).toBeLessThan(25);
  });

  it('also fills every position of a full shuffle uniformly', () => {
    const counts = ids.map(() => new Map(ids.map((id) => [id, 0])));
    const n = 5_000;
    for (let i = 0; i < n; i += 1) drawIds(seedOf(50_000 + i), ids, 5).forEach((id, pos) => counts[pos].set(id, counts[pos].get(id)! + 1));
    for (const position of counts) {
      const expected = n / ids.length;
      const chiSquare = [...position.values()].reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(25);
    }
  });

  it('draws integers below n without modulo bias', () => {
    let calls = 0;
    const values = [0xffff_ffff, 7];
    const next = () => values[calls++];
    // 2^32 is not a multiple of 3, so the top value is rejected and the next one used.
    expect(uniformBelow(next, 3)).toBe(1);
    expect(calls).toBe(2);
  });
});
