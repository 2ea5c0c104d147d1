import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Native addons: isolate in forked processes, so a crash fails one file, not the run.
    pool: 'forks',
    // One worker per core: vitest's default (cores - 1) leaves half of a 2-core CI runner
    // idle, and its main process mostly waits on the workers.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
  },
});
