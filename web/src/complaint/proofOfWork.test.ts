import { describe, expect, it } from 'vitest';
import { newChallenge, spentNonce } from '../../../server/modules/complaints/complaints.secrets';
import { solve } from './proofOfWork';

describe('the complaint form\'s proof of work', () => {
  it('finds a counter the server accepts', async () => {
    const now = new Date('2026-03-02T01:00:00Z');
    for (const bits of [4, 12]) {
      const { token } = newChallenge('a-secret-for-the-test', bits, now);
      expect(spentNonce('a-secret-for-the-test', token, await solve(token, bits), now)).toBe(token.split('.')[0]);
    }
  });
});
