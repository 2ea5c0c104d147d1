// Hand-computed values and error cases of the streaming classes added for issue 15 (their
// streaming == batch property is in test/stream.test.ts).
import { describe, expect, it } from 'vitest';
import { Imi, Ma, Macdext, MaxIndex, Midprice, MinMaxIndex, Apo, Stochf, Cdl3Outside, CdlAbandonedBaby } from '../../src/stream/index.js';

describe('issue 15 streaming classes: hand-computed values', () => {
  it('Midprice: (highest high + lowest low) / 2 of the last period bars', () => {
    const s = new Midprice(2);
    expect(s.update(10, 8)).toBeNaN();
    expect(s.update(12, 9)).toBe((12 + 8) / 2);
    expect(s.update(11, 10)).toBe((12 + 9) / 2);
    expect(s.replace(13, 7)).toBe((13 + 7) / 2);
  });
  it('MaxIndex / MinMaxIndex: bar indices from the first update, gaps counted, ties as TA-Lib', () => {
    const s = new MaxIndex(3);
    const got = [5, 7, 7, 1, NaN, 4, 2, 3].map((x) => s.update(x));
    // Window [5,7,7]: TA-Lib's first scan takes the first 7 (index 1); [7,7,1]: index 1 is
    // still inside. Bar 4 is a gap; bars 5..7 restart the run: [4,2,3], max at bar 5.
    // (TA-Lib 0.8.2: MAXINDEX([5,7,7,1], 3) = [0,0,1,1], MAXINDEX([4,2,3], 3) = [0,0,0].)
    expect(got).toEqual([NaN, NaN, 1, 1, NaN, NaN, NaN, 5]);
    const m = new MinMaxIndex(2);
    expect([3, 1, 2].map((x) => m.update(x))).toEqual([{ minIndex: NaN, maxIndex: NaN }, { minIndex: 1, maxIndex: 0 }, { minIndex: 1, maxIndex: 2 }]);
  });
  it('Ma with period 1 copies the input; sma of 3 is the mean', () => {
    const one = new Ma({ period: 1, maType: 'kama' });
    expect(one.update(4.25)).toBe(4.25);
    expect(one.update(Infinity)).toBeNaN();
    const s = new Ma({ period: 3, maType: 'sma' });
    expect([1, 2, 6, 10].map((x) => s.update(x))).toEqual([NaN, NaN, 3, 6]);
  });
  it('Apo: fast SMA - slow SMA', () => {
    const s = new Apo({ fast: 2, slow: 3 });
    expect([1, 2, 6].map((x) => s.update(x))).toEqual([NaN, NaN, (2 + 6) / 2 - 3]);
  });
  it('Imi: 100 * up / (up + down) of close - open', () => {
    const s = new Imi(2);
    s.update(10, 12); // up 2
    expect(s.update(12, 11)).toBe((2 / (2 + 1)) * 100); // down 1
  });
  it('Stochf: fast %K of the window and its SMA', () => {
    const s = new Stochf({ fastK: 2, fastD: 1 });
    s.update(10, 8, 9);
    expect(s.update(12, 9, 11)).toEqual({ k: (11 - 8) / ((12 - 8) / 100), d: (11 - 8) / ((12 - 8) / 100) });
  });
  it('Cdl3Outside: a white candle engulfing a black one, then a higher close', () => {
    const s = new Cdl3Outside();
    const bars = [
      [10, 10.5, 9.5, 10],
      [10, 10.5, 9.5, 10],
      [10, 10.2, 8.8, 9], // black
      [8.5, 11.2, 8.4, 11], // white, engulfing the black body
      [11, 12.2, 10.9, 12], // closes higher
    ];
    const out = bars.map((b) => s.update(b[0]!, b[1]!, b[2]!, b[3]!));
    expect(out.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out[4]).toBe(100);
  });
});

describe('issue 15 streaming classes: bad arguments', () => {
  it('options are checked with the argument named', () => {
    expect(() => new Ma({ period: 5, maType: 'nope' as never })).toThrow(/maType/);
    expect(() => new Midprice(1)).toThrow(RangeError);
    expect(() => new Macdext({ fast: 0 })).toThrow(RangeError);
    expect(() => new CdlAbandonedBaby({ penetration: -1 })).toThrow(RangeError);
  });
  it('inputs must be numbers', () => {
    expect(() => new Imi(3).update('1' as never, 2)).toThrow(TypeError);
    expect(() => new Stochf().update(1, 2, null as never)).toThrow(TypeError);
    expect(() => new Cdl3Outside().replace(1, 2, 3, undefined as never)).toThrow(TypeError);
  });
});
