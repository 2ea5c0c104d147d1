import { describe, expect, it } from 'vitest';
import { returns } from '../../src/indicators/returns.js';
import { roc } from '../../src/indicators/roc.js';
import { expectClose, sample } from '../helpers.js';

const { close } = sample(5000);

function reference(x: Float64Array, p: number, log: boolean): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  for (let i = p; i < x.length; i++) y[i] = log ? Math.log(x[i]! / x[i - p]!) : x[i]! / x[i - p]! - 1;
  return y;
}

describe('returns', () => {
  it.each([1, 5, 50])('simple and log returns over %i bars match the reference', (period) => {
    expectClose(returns(close, { period }), reference(close, period, false), 1e-15, 'simple');
    expectClose(returns(close, { period, kind: 'log' }), reference(close, period, true), 1e-15, 'log');
  });
  it('simple returns are ROC / 100', () => {
    const r = returns(close, 10);
    const c = roc(close, 10);
    for (let i = 10; i < 500; i++) expect(r[i]).toBeCloseTo(c[i]! / 100, 14);
  });
  it('hand-checked values; default period 1 and kind simple', () => {
    expect(Array.from(returns([100, 110, 99]))).toEqual([NaN, 110 / 100 - 1, 99 / 110 - 1]);
    const l = returns([1, Math.E, 1], { kind: 'log' });
    expect(l[1]).toBeCloseTo(1, 15);
    expect(l[2]).toBeCloseTo(-1, 15);
    expect(returns.lookback()).toBe(1);
    expect(returns.lookback({ period: 5, kind: 'log' })).toBe(5);
  });
});
