import { describe, expect, it } from 'vitest';
import { hma } from '../../src/indicators/hma.js';
import { expectClose, firstValid, sample } from '../helpers.js';

const { close } = sample(5000);

/** WMA of x (NaN entries propagate), computed directly per window. */
function wmaRef(x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  const div = (p * (p + 1)) / 2;
  for (let i = p - 1; i < x.length; i++) {
    let s = 0;
    for (let j = 1; j <= p; j++) s += j * x[i - p + j]!;
    y[i] = s / div;
  }
  return y;
}

function reference(x: Float64Array, p: number): Float64Array {
  const half = wmaRef(x, Math.floor(p / 2));
  const full = wmaRef(x, p);
  const d = full.map((v, i) => 2 * half[i]! - v);
  // Skip the NaN warm-up of d, then smooth.
  const q = Math.floor(Math.sqrt(p));
  const y = new Float64Array(x.length).fill(NaN);
  y.set(wmaRef(d.subarray(p - 1), q), p - 1);
  return y;
}

describe('hma', () => {
  it.each([2, 3, 4, 9, 16, 20, 55, 200])('matches the reference HMA(%i)', (period) => {
    expectClose(hma(close, period), reference(close, period), 1e-10, `hma${period}`);
  });
  it('lookback is (period - 1) + (floor(sqrt(period)) - 1)', () => {
    expect(hma.lookback()).toBe(19 + 3);
    expect(hma.lookback(16)).toBe(15 + 3);
    expect(hma.lookback(15)).toBe(14 + 2);
    expect(firstValid(hma(close, 9))).toBe(10);
  });
  it('hand-checked: period 4', () => {
    // WMA2 = (a + 2b)/3, WMA4 = (a + 2b + 3c + 4d)/10, then WMA2 of 2*WMA2 - WMA4.
    const x = [1, 2, 4, 8, 16];
    const d3 = 2 * ((4 + 2 * 8) / 3) - (1 + 4 + 12 + 32) / 10;
    const d4 = 2 * ((8 + 2 * 16) / 3) - (2 + 8 + 24 + 64) / 10;
    const y = hma(x, 4);
    expect(y[3]).toBeNaN();
    expect(y[4]).toBeCloseTo((d3 + 2 * d4) / 3, 12);
  });
  it('on a straight line, lags by ((sqrt(p) - 1) - (p - 2*floor(p/2) + 1)) / 3 bars', () => {
    // WMA(n) of a line lags (n - 1)/3 bars: here 2*WMA8 - WMA16 leads by 1/3, WMA4 lags 1.
    const line = Float64Array.from({ length: 60 }, (_, i) => 3 + 0.5 * i);
    const y = hma(line, 16);
    for (let i = 18; i < 60; i++) expect(y[i]).toBeCloseTo(3 + 0.5 * (i - 2 / 3), 9);
  });
  it('rejects period 1', () => expect(() => hma(close, 1)).toThrow(RangeError));
});
