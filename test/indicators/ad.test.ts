import { describe, expect, it } from 'vitest';
import { ad } from '../../src/indicators/ad.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close, volume } = sample(5000);

describe('ad', () => {
  it('matches TA-Lib AD', () => {
    expectClose(ad(high, low, close, volume), ta('AD', { high, low, close, volume }).outReal!, 1e-9);
  });
  it('hand-checked: close at the high adds the volume, at the low subtracts it, a zero range adds 0', () => {
    expect(Array.from(ad([10, 10, 5, 4], [8, 8, 5, 2], [10, 8, 5, 3], [100, 30, 7, 10]))).toEqual([100, 70, 70, 70]);
  });
  it('lookback is 0', () => expect(ad.lookback()).toBe(0));
});
