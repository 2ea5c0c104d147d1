import { describe, expect, it } from 'vitest';
import { obv } from '../../src/indicators/obv.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close, volume } = sample(5000);

describe('obv', () => {
  it('matches TA-Lib OBV', () => {
    expectClose(obv(close, volume), ta('OBV', { inReal: close, volume }).outReal!, 1e-9);
  });
  it('hand-checked: seeded with the first volume; flat closes carry over', () => {
    expect(Array.from(obv([10, 11, 11, 9, 12], [5, 3, 100, 2, 7]))).toEqual([5, 8, 8, 6, 13]);
  });
  it('lookback is 0', () => expect(obv.lookback()).toBe(0));
});
