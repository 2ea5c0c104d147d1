import { describe, expect, it } from 'vitest';
import { imi } from '../../src/indicators/imi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { open, close } = sample(5000, 7);

describe('imi', () => {
  it.each([2, 5, 14, 40])('matches TA-Lib IMI(%i)', (period) => {
    // The node talib package is an older TA-Lib C, where a doji window is 0 / 0 = NaN; 0.8.1
    // gives 50 there (test/talib/talib08.test.ts checks against 0.8.1 itself).
    const ref = ta('IMI', { open, close }, { optInTimePeriod: period }).outReal!.map((v, i) => (i >= period - 1 && Number.isNaN(v) ? 50 : v));
    expectClose(imi(open, close, period), ref, 1e-9, `imi${period}`);
  });
  it('hand-checked values; a window of doji bars (up + down = 0) is 50, as TA-Lib 0.8.1', () => {
    const r = imi([1, 2, 3, 3, 5, 5], [2, 1, 3, 4, 5, 5], 2);
    expect(Array.from(r.subarray(1, 6))).toEqual([50, 0, 100, 100, 50]);
    // Long enough for the native engine's chunked kernel (WASM below 1000 bars): a doji
    // stretch inside a random series gives 50 once the window is all doji, not before.
    const n = 3000;
    const o = Float64Array.from(open.subarray(0, n));
    const c = Float64Array.from(close.subarray(0, n));
    for (let i = 1500; i < 1530; i++) c[i] = o[i]!;
    const x = imi(o, c, 14);
    // Windows of 14 bars all inside 1500 .. 1529: those ending at 1513 .. 1529.
    for (let i = 1513; i <= 1529; i++) expect(x[i]).toBe(50);
    expect([0, 100]).toContain(x[1512]); // one moving bar (1499) left in the window
    expect(x[1530]).not.toBe(50);
  });
  it('lookback period - 1, default 14; period must be an integer >= 2', () => {
    expect(imi.lookback()).toBe(13);
    expect(() => imi(open, close, 1)).toThrow(RangeError);
  });
});
