import { describe, expect, it } from 'vitest';
import { trange } from '../../src/indicators/trange.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(3000);

describe('trange', () => {
  it('matches TA-Lib TRANGE', () => {
    expectClose(trange(high, low, close), ta('TRANGE', { high, low, close }).outReal!, 1e-12);
  });
  it('hand-checked gap up', () => {
    expect(Array.from(trange([10, 15], [9, 14], [9.5, 14.5]))).toEqual([NaN, 5.5]);
  });
});
