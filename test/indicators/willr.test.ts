import { describe, expect, it } from 'vitest';
import { willr } from '../../src/indicators/willr.js';
import { Willr } from '../../src/stream/index.js';
import { expectClose, expectSame, rng, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('willr', () => {
  it.each([2, 14, 60])('matches TA-Lib WILLR(%i)', (period) => {
    expectClose(willr(high, low, close, period), ta('WILLR', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9, `willr${period}`);
  });
  it('hand-checked: close at the low is -100, at the high is 0, flat is 0', () => {
    expect(willr([3, 4, 5], [1, 2, 3], [2, 3, 1], 3)[2]).toBe(-100);
    expect(willr([3, 4, 5], [1, 2, 3], [2, 3, 5], 3)[2]).toBe(-0);
    expect(willr([2, 2], [2, 2], [2, 2], 2)[1]).toBe(0);
  });
  it('lookback is period - 1', () => expect(willr.lookback()).toBe(13));
  // Ties everywhere, +0 beside -0: the batch window extremes (scanned by doubling for short
  // windows, blocks for long ones) keep the newest of equal values as the streaming deques
  // do, so the bits agree (a -0 range or numerator shows in the output's sign).
  it.each([2, 5, 14, 16, 17, 32, 33, 70])('period %i: equals the streaming class bit for bit on tied, signed-zero prices', (period) => {
    const r = rng(period);
    const pick = () => [0, -0, 1, -1, 2, 0.5][Math.floor(r() * 6)]!;
    const n = 3000;
    const h = Float64Array.from({ length: n }, pick), l = Float64Array.from({ length: n }, pick), c = Float64Array.from({ length: n }, pick);
    const s = new Willr({ period });
    const want = Float64Array.from({ length: n }, (_, i) => s.update(h[i]!, l[i]!, c[i]!));
    expectSame(willr(h, l, c, period), want, `willr${period}`);
  });
});
