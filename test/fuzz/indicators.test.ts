// Boundary fuzzing of every batch indicator and its variants (call, many, sweep, lookback)
// with hostile arguments; the async variants also have their buffers detached, shrunk,
// transferred or rewritten while the job runs. See test/fuzz/targets.ts.
import { describe } from 'vitest';
import { fuzzTest } from './boundary.js';

describe('fuzz: batch indicators', () => {
  fuzzTest('sync: call / many / sweep / lookback of every indicator', ['indicators'], 150, 35_000);
  fuzzTest('async: async / manyAsync / sweepAsync with interference', ['async'], 100, 18_000);
});
