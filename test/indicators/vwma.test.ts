import { describe, expect, it } from 'vitest';
import { vwma } from '../../src/indicators/vwma.js';
import { expectClose, sample } from '../helpers.js';

const { close, volume } = sample(5000);

function reference(c: Float64Array, v: Float64Array, p: number): Float64Array {
  const y = new Float64Array(c.length).fill(NaN);
  for (let i = p - 1; i < c.length; i++) {
    let cv = 0;
    let sv = 0;
    for (let j = i - p + 1; j <= i; j++) {
      cv += c[j]! * v[j]!;
      sv += v[j]!;
    }
    y[i] = sv === 0 ? NaN : cv / sv;
  }
  return y;
}

describe('vwma', () => {
  it.each([1, 2, 5, 20, 200])('matches the reference VWMA(%i)', (period) => {
    expectClose(vwma(close, volume, period), reference(close, volume, period), 1e-10, `vwma${period}`);
  });
  it('hand-checked values; NaN when the window has no volume', () => {
    const c = [10, 20, 30, 40, 50];
    const v = [1, 3, 0, 0, 2];
    expect(Array.from(vwma(c, v, 2))).toEqual([NaN, (10 + 60) / 4, 20, NaN, 50]);
  });
  it('a window that returns to zero volume is NaN, despite rounding in the running sum', () => {
    const c = new Float64Array(40).fill(100);
    const v = new Float64Array(40);
    for (let i = 0; i < 20; i++) v[i] = 0.1 * (i + 1) + 1e-3;
    const y = vwma(c, v, 5);
    expect(y[19]).toBeCloseTo(100, 12);
    expect(y[24]).toBeNaN();
    expect(y[39]).toBeNaN();
  });
  it('equals the SMA under constant volume', () => {
    const y = vwma(close, new Float64Array(close.length).fill(7), 10);
    let s = 0;
    for (let j = 90; j < 100; j++) s += close[j]!;
    expect(y[99]).toBeCloseTo(s / 10, 10);
  });
  it('lookback is period - 1, default 20', () => expect(vwma.lookback()).toBe(19));
});
