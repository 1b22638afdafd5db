import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node' as const,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Browser tests poll for what a person would see; on a loaded two-core machine a page can take seconds.
  expect: { poll: { timeout: 15_000, interval: 100 } },
};

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: two files at a time for the database and component tests.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'server-and-web', include: ['server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'] } },
      {
        // A browser test walks a whole story through several sign-ins, so it gets twice the time.
        // Each browser file runs its own server and Chromium: one at a time, after the rest, so they do not
        // starve each other of the two cores.
        test: { ...shared, testTimeout: 120_000, name: 'browser', include: ['e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
