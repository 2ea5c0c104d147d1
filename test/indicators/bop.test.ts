import { describe, expect, it } from 'vitest';
import { bop } from '../../src/indicators/bop.js';
import { expectClose, sample, ta } from '../helpers.js';

const { open, high, low, close } = sample(5000);

describe('bop', () => {
  it('matches TA-Lib BOP (the sample has flat bars)', () => {
    expectClose(bop(open, high, low, close), ta('BOP', { open, high, low, close }).outReal!, 1e-9, 'bop');
  });
  it('hand-checked values; 0 where high - low is not positive', () => {
    expect(Array.from(bop([1, 2, 3, 1], [2, 2, 4, 1], [0.5, 2, 1, 2], [1.5, 2, 2, 5]))).toEqual([0.5 / 1.5, 0, -1 / 3, 0]);
  });
  it('a gap bar is NaN, its neighbours unaffected; no warm-up', () => {
    const r = bop([1, NaN, 1], [2, 2, 2], [0, 0, 0], [2, 1, 0]);
    expect(Array.from(r)).toEqual([0.5, NaN, -0.5]);
    expect(bop.lookback()).toBe(0);
  });
  it('inputs must have the same length', () => {
    expect(() => bop([1, 2], [2, 2], [0, 0], [1])).toThrow(RangeError);
  });
});
