import { describe, expect, it } from 'vitest';
import { zscore } from '../../src/indicators/zscore.js';
import { expectClose, sample } from '../helpers.js';

const { close } = sample(5000);

/** Two-pass z-score of each window; 0 for a window of equal values. */
function reference(x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  for (let i = p - 1; i < x.length; i++) {
    const w = x.subarray(i - p + 1, i + 1);
    if (w.every((v) => v === w[0])) {
      // (3a)/3 need not round to a: a naive σ would be a residue and z = ±1.
      y[i] = 0;
      continue;
    }
    let m = 0;
    for (const v of w) m += v;
    m /= p;
    let s = 0;
    for (const v of w) s += (v - m) ** 2;
    y[i] = (x[i]! - m) / Math.sqrt(s / p);
  }
  return y;
}

describe('zscore', () => {
  it.each([1, 2, 3, 5, 20, 200])('matches the reference (period %i)', (period) => {
    expectClose(zscore(close, period), reference(close, period), 1e-9, `zscore${period}`);
  });
  it('hand-checked values', () => {
    // window [1, 2, 3]: mean 2, σ = sqrt(2/3).
    const y = zscore([1, 2, 3], 3);
    expect(y[1]).toBeNaN();
    expect(y[2]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
    // Two values are always ±1 apart from their mean in σ units.
    const z2 = zscore(close, 2);
    for (let i = 1; i < 1000; i++) if (close[i] !== close[i - 1]) expect(Math.abs(z2[i]!)).toBeCloseTo(1, 9);
  });
  it('is exactly 0 on a window that turns constant after large moves', () => {
    const x = new Float64Array(300);
    for (let i = 0; i < 200; i++) x[i] = 1e6 * Math.sin(i) + 0.1 * i;
    x.fill(1234.5678, 200);
    const y = zscore(x, 10);
    for (let i = 209; i < 300; i++) expect(y[i]).toBe(0);
  });
  it('stays accurate on near-flat windows at a large price level', () => {
    const x = Float64Array.from({ length: 2000 }, (_, i) => 1e6 + 1e-3 * Math.sin(i * 0.7) + (i % 13 === 0 ? 50 : 0));
    expectClose(zscore(x, 20), reference(x, 20), 1e-7);
  });
  it('lookback is period - 1, default 20', () => expect(zscore.lookback()).toBe(19));
});
