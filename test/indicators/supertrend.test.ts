import { describe, expect, it } from 'vitest';
import { supertrend } from '../../src/indicators/supertrend.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

/** Straightforward reference, written from the usual description (TradingView-style). */
function reference(h: Float64Array, l: Float64Array, c: Float64Array, p: number, m: number) {
  const n = c.length;
  const atr = ta('ATR', { high: h, low: l, close: c }, { optInTimePeriod: p }).outReal!;
  const st = new Float64Array(n).fill(NaN), dir = new Float64Array(n).fill(NaN);
  let fu = NaN, fl = NaN, d = -1;
  for (let i = p; i < n; i++) {
    const hl2 = (h[i]! + l[i]!) / 2;
    const bu = hl2 + m * atr[i]!, bl = hl2 - m * atr[i]!;
    if (i === p) {
      fu = bu;
      fl = bl;
    } else {
      fu = bu < fu || c[i - 1]! > fu ? bu : fu;
      fl = bl > fl || c[i - 1]! < fl ? bl : fl;
    }
    if (d === -1) d = c[i]! > fu ? 1 : -1;
    else d = c[i]! < fl ? -1 : 1;
    dir[i] = d;
    st[i] = d === 1 ? fl : fu;
  }
  return { supertrend: st, direction: dir };
}

describe('supertrend', () => {
  it.each([
    [10, 3],
    [7, 2],
    [1, 1],
    [14, 0.5],
    [50, 4],
  ])('matches a straightforward reference (%i, %f)', (period, multiplier) => {
    const r = supertrend(high, low, close, { period, multiplier });
    const e = reference(high, low, close, period, multiplier);
    expectClose(r.direction, e.direction, 0, 'direction');
    expectClose(r.supertrend, e.supertrend, 1e-9, 'supertrend');
  });
  it('flips both ways on the sample and stays on the right side of the close', () => {
    const r = supertrend(high, low, close);
    let flips = 0;
    for (let i = 11; i < close.length; i++) {
      if (r.direction[i] !== r.direction[i - 1]) flips++;
      if (r.direction[i] === 1) expect(r.supertrend[i]!).toBeLessThanOrEqual(close[i]!);
      else expect(r.supertrend[i]!).toBeGreaterThanOrEqual(close[i]!);
    }
    expect(flips).toBeGreaterThan(10);
  });
  it('starts down unless the close is above the upper band', () => {
    const up = Float64Array.from({ length: 12 }, (_, i) => (i < 11 ? 100 : 200));
    const r = supertrend(up, up, up, { period: 10, multiplier: 3 });
    expect(r.direction[10]).toBe(-1);
    expect(r.direction[11]).toBe(1);
  });
  it('lookback is period', () => expect(supertrend.lookback()).toBe(10));
});
