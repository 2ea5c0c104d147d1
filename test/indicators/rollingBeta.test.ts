import { describe, expect, it } from 'vitest';
import { rollingBeta } from '../../src/indicators/rollingBeta.js';
import { expectClose, sample, ta } from '../helpers.js';

const asset = sample(5000, 1).close;
const bench = sample(5000, 2).close;
const ret = (p: Float64Array) => p.map((v, i) => (i ? (v - p[i - 1]!) / p[i - 1]! : NaN));
const rx = ret(asset);
const ry = ret(bench);

function reference(a: Float64Array, b: Float64Array, p: number) {
  const out = new Float64Array(a.length).fill(NaN);
  for (let i = p - 1; i < a.length; i++) {
    let ma = 0, mb = 0;
    for (let j = i - p + 1; j <= i; j++) {
      ma += a[j]!;
      mb += b[j]!;
    }
    ma /= p;
    mb /= p;
    let sbb = 0, sab = 0;
    for (let j = i - p + 1; j <= i; j++) {
      sbb += (b[j]! - mb) ** 2;
      sab += (a[j]! - ma) * (b[j]! - mb);
    }
    out[i] = sbb === 0 ? NaN : sab / sbb;
  }
  return out;
}

describe('rollingBeta', () => {
  it.each([2, 5, 20, 250])('matches a two-pass reference (%i)', (period) => {
    // The leading NaN return is a gap: the first value is at index period.
    const r = rollingBeta(rx, ry, period);
    expect(r[period - 1]).toBeNaN();
    expectClose(r.subarray(1), reference(rx.subarray(1), ry.subarray(1), period), 1e-9);
  });
  it.each([5, 20])('equals TA-Lib BETA(benchmark, asset) on the same simple returns (%i)', (period) => {
    const t = ta('BETA', { inReal0: bench, inReal1: asset }, { optInTimePeriod: period }).outReal!;
    expectClose(rollingBeta(rx, ry, period), t, 1e-8);
  });
  it('hand-checked: x = 2y + c has beta 2; a constant benchmark gives NaN', () => {
    expect(rollingBeta([2, 4, 6, 9], [1, 2, 3, 4.5], 3)[3]).toBeCloseTo(2, 14);
    expect(rollingBeta([1, 2, 3, 4], [5, 5, 5, 5], 3)[3]).toBeNaN();
    expect(rollingBeta([5, 5, 5, 5], [1, 2, 3, 4], 3)[3]).toBe(0);
  });
  it('lookback is period - 1', () => expect(rollingBeta.lookback()).toBe(19));
});
