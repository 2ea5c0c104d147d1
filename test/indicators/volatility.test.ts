import { describe, expect, it } from 'vitest';
import { volatility } from '../../src/indicators/volatility.js';
import { expectClose, firstValid, sample } from '../helpers.js';

const { close } = sample(5000);

/** Two-pass sample standard deviation of each window of 1-bar log returns. */
function reference(x: Float64Array, p: number, ppy: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  for (let i = p; i < x.length; i++) {
    const r: number[] = [];
    for (let j = i - p + 1; j <= i; j++) r.push(Math.log(x[j]! / x[j - 1]!));
    const m = r.reduce((a, b) => a + b, 0) / p;
    const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / (p - 1);
    y[i] = Math.sqrt(v) * Math.sqrt(ppy);
  }
  return y;
}

describe('volatility', () => {
  it.each([
    [2, 1],
    [20, 1],
    [20, 252],
    [100, 365],
  ])('matches the reference (period %i, periodsPerYear %i)', (period, periodsPerYear) => {
    // Absolute 1e-9 per bar (scaled): where the window's returns are all equal the true
    // value is 0 and the running variance's ~1e-19 residue shows through the square root.
    expectClose(volatility(close, { period, periodsPerYear }), reference(close, period, periodsPerYear), 1e-9 * Math.sqrt(periodsPerYear));
  });
  it('hand-checked: alternating ±10% bars', () => {
    // log returns alternate ln(1.1), -ln(1.1): sample sd over 4 of them = ln(1.1) * sqrt(4/3).
    const x = [100, 110, 100, 110, 100, 110];
    const y = volatility(x, 4);
    expect(y[3]).toBeNaN();
    expect(y[4]).toBeCloseTo(Math.log(1.1) * Math.sqrt(4 / 3), 14);
  });
  it('is 0 for a constant growth rate', () => {
    const x = Float64Array.from({ length: 40 }, (_, i) => 100 * 2 ** (i / 8));
    const y = volatility(x, 10);
    for (let i = 10; i < 40; i++) expect(y[i]).toBeLessThan(1e-12);
  });
  it('lookback is period, default 20; period 1 and periodsPerYear 0 are rejected', () => {
    expect(volatility.lookback()).toBe(20);
    expect(firstValid(volatility(close, 5))).toBe(5);
    expect(() => volatility(close, 1)).toThrow(RangeError);
    expect(() => volatility(close, { periodsPerYear: 0 })).toThrow(RangeError);
  });
});
