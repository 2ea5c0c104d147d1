// Boundary fuzzing of the market-data helpers, matrix functions and small functions, and
// of every export of the package with arbitrary arguments (so a new export is fuzzed
// without a change here); checks that every callable export is among the targets.
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/index.js';
import { fuzzTest } from './boundary.js';
import { buildTargets } from './targets.js';

describe('fuzz: market data, matrices and every export', () => {
  it('every function and class exported by the package is a fuzz target', () => {
    const names = new Set(buildTargets(hean).map((t) => t.name.replace(/\(any\)$/, '').split('.')[0]!));
    const callable = Object.entries(hean).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(callable.filter((k) => !names.has(k))).toEqual([]);
  });
  fuzzTest('resample, features, columns, matrices, aggregators, codes', ['market'], 500, 12_000);
  fuzzTest('every export with arbitrary arguments', ['generic'], 40, 15_000);
});
