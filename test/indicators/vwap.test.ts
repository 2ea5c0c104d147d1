import { describe, expect, it } from 'vitest';
import { vwap } from '../../src/indicators/vwap.js';
import { expectClose, expectSame, sample } from '../helpers.js';

const { high, low, close, volume } = sample(5000);
const session = Float64Array.from({ length: 5000 }, (_, i) => Math.floor(i / 390) + (i > 1000 && i < 1003 ? 0.5 : 0));

/** Straightforward reference: for each bar, the window since max(session start, i - period + 1). */
function reference(h: Float64Array, l: Float64Array, c: Float64Array, v: Float64Array, period: number, s?: Float64Array) {
  const n = c.length;
  const out = new Float64Array(n).fill(NaN);
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (s && i > 0 && s[i] !== s[i - 1]) start = i;
    if (period > 0 && i < period - 1) continue;
    const from = period > 0 ? Math.max(start, i - period + 1) : start;
    let pv = 0, vv = 0;
    for (let j = from; j <= i; j++) {
      pv += ((h[j]! + l[j]! + c[j]!) / 3) * v[j]!;
      vv += v[j]!;
    }
    out[i] = vv !== 0 ? pv / vv : (h[i]! + l[i]! + c[i]!) / 3;
  }
  return out;
}

describe('vwap', () => {
  it.each([0, 1, 5, 20, 400])('matches a straightforward reference, period %i, no sessions', (period) => {
    expectClose(vwap(high, low, close, volume, { period }), reference(high, low, close, volume, period), 1e-9);
  });
  it.each([0, 1, 5, 20, 400])('matches a straightforward reference, period %i, with sessions', (period) => {
    expectClose(vwap(high, low, close, volume, { period, session }), reference(high, low, close, volume, period, session), 1e-9);
  });
  it('hand-checked: cumulative and session reset', () => {
    const h = [2, 4, 6, 8], l = [2, 4, 6, 8], c = [2, 4, 6, 8], v = [1, 3, 1, 1];
    expect(Array.from(vwap(h, l, c, v))).toEqual([2, 3.5, 4, 28 / 6]);
    expect(Array.from(vwap(h, l, c, v, { session: [1, 1, 2, 2] }))).toEqual([2, 3.5, 6, 7]);
    expect(Array.from(vwap(h, l, c, v, { period: 2 }))).toEqual([NaN, 3.5, 4.5, 7]);
  });
  it('no volume yet: the typical price stands in', () => {
    const r = vwap([3, 6, 9], [3, 6, 9], [3, 6, 9], [0, 0, 2]);
    expect(Array.from(r)).toEqual([3, 6, 9]);
  });
  it('many == single with a session matrix (SIMD path)', () => {
    const series = 10, rows = 600;
    const cols = Array.from({ length: series }, (_, j) => sample(rows, 50 + j));
    const sess = Array.from({ length: series }, (_, j) => Float64Array.from({ length: rows }, (_, t) => Math.floor(t / (37 + j))));
    const mat = (get: (j: number) => Float64Array) => {
      const m = new Float64Array(rows * series);
      for (let j = 0; j < series; j++) m.set(get(j), j * rows);
      return m;
    };
    for (const period of [0, 25]) {
      const r = vwap.many(
        mat((j) => cols[j]!.high), mat((j) => cols[j]!.low), mat((j) => cols[j]!.close), mat((j) => cols[j]!.volume),
        series, { period, session: mat((j) => sess[j]!) },
      );
      for (let j = 0; j < series; j++) {
        const single = vwap(cols[j]!.high, cols[j]!.low, cols[j]!.close, cols[j]!.volume, { period, session: sess[j]! });
        const col = r.subarray(j * rows, (j + 1) * rows);
        expectSame(col, single, `series ${j}`);
      }
    }
  });
  it('sweep passes the session through', () => {
    const s = vwap.sweep(high, low, close, volume, { period: [0, 7], session });
    s.params.forEach((p, c) => {
      const single = vwap(high, low, close, volume, { period: p.period as number, session });
      expectSame(s.values.subarray(c * s.length, (c + 1) * s.length), single, `combo ${c}`);
    });
  });
  it('session ids are exempt from the gap rule', () => {
    const s = session.slice();
    s[100] = NaN; // a NaN id starts a session on its bar and the next, but is no gap
    const r = vwap(high, low, close, volume, { session: s });
    expect(r.every((x) => !Number.isNaN(x))).toBe(true);
  });
  it('lookback: 0 cumulative, period - 1 rolling', () => {
    expect(vwap.lookback()).toBe(0);
    expect(vwap.lookback({ period: 20 })).toBe(19);
  });
});
