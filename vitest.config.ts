import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Browser tests poll for what a person would see; on a loaded two-core machine a page can take seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: two files at a time keeps database and browser tests from starving each other.
    maxWorkers: 2,
  },
});
