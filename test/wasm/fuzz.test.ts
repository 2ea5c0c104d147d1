// The boundary fuzzing of test/fuzz/indicators.test.ts with the WASM engine answering every
// indicator call ($HEAN_ENGINE=wasm): hostile arguments, detached/shrunk/shared buffers, and
// async jobs with interference must give hean's own errors or the reference results, as
// with the native addon. (Short series take the WASM path in the native runs too.)
import { describe } from 'vitest';
import { fuzzTest } from '../fuzz/boundary.js';

describe('fuzz: batch indicators on the WASM engine', () => {
  fuzzTest('sync on WASM', ['indicators'], 60, 14_000, { HEAN_ENGINE: 'wasm' });
  fuzzTest('async on WASM', ['async'], 40, 7_000, { HEAN_ENGINE: 'wasm' });
});
