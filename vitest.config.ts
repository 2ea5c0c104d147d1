import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Native addons: isolate in forked processes, so a crash fails one file, not the run.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
