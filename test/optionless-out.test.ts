// Indicators without options take `out` where the options would go (issue 14).
import { describe, expect, it } from 'vitest';
import { ad, add, avgprice, bop, cdlEngulfing, div, indicators, ln, medprice, mult, obv, sub, trange, typprice, wclprice } from '../src/index.js';
import { sample } from './helpers.js';

const { open, high, low, close, volume } = sample(300, 7);

describe('option-less indicators: out right after the inputs', () => {
  it('the option-less indicators are exactly these (a new one must be added here)', () => {
    const optionless = indicators().filter((m) => m.options.length === 0).map((m) => m.name);
    // The candlestick patterns take no options either, except the 7 with a penetration.
    expect(optionless.filter((n) => n.startsWith('cdl'))).toHaveLength(54);
    expect(optionless.filter((n) => !n.startsWith('cdl')).sort()).toEqual(
      ['acos', 'ad', 'add', 'asin', 'atan', 'avgprice', 'bop', 'ceil', 'cos', 'cosh', 'div', 'exp', 'floor', 'ln', 'log10', 'medprice', 'mult', 'obv', 'sin', 'sinh', 'sqrt', 'sub', 'tan', 'tanh', 'trange', 'typprice', 'wclprice'],
    );
  });

  const cases = [
    ['obv', () => obv(close, volume), (o: Float64Array) => obv(close, volume, o), (o: Float64Array) => obv(close, volume, {}, o)],
    ['trange', () => trange(high, low, close), (o: Float64Array) => trange(high, low, close, o), (o: Float64Array) => trange(high, low, close, undefined, o)],
    ['ad', () => ad(high, low, close, volume), (o: Float64Array) => ad(high, low, close, volume, o), (o: Float64Array) => ad(high, low, close, volume, {}, o)],
    ['bop', () => bop(open, high, low, close), (o: Float64Array) => bop(open, high, low, close, o), (o: Float64Array) => bop(open, high, low, close, {}, o)],
    ['avgprice', () => avgprice(open, high, low, close), (o: Float64Array) => avgprice(open, high, low, close, o), (o: Float64Array) => avgprice(open, high, low, close, {}, o)],
    ['medprice', () => medprice(high, low), (o: Float64Array) => medprice(high, low, o), (o: Float64Array) => medprice(high, low, {}, o)],
    ['typprice', () => typprice(high, low, close), (o: Float64Array) => typprice(high, low, close, o), (o: Float64Array) => typprice(high, low, close, undefined, o)],
    ['wclprice', () => wclprice(high, low, close), (o: Float64Array) => wclprice(high, low, close, o), (o: Float64Array) => wclprice(high, low, close, {}, o)],
    ['add', () => add(close, high), (o: Float64Array) => add(close, high, o), (o: Float64Array) => add(close, high, {}, o)],
    ['sub', () => sub(close, high), (o: Float64Array) => sub(close, high, o), (o: Float64Array) => sub(close, high, {}, o)],
    ['mult', () => mult(close, high), (o: Float64Array) => mult(close, high, o), (o: Float64Array) => mult(close, high, {}, o)],
    ['div', () => div(close, high), (o: Float64Array) => div(close, high, o), (o: Float64Array) => div(close, high, {}, o)],
    ['ln', () => ln(close), (o: Float64Array) => ln(close, o), (o: Float64Array) => ln(close, {}, o)],
    ['cdlEngulfing', () => cdlEngulfing(open, high, low, close), (o: Float64Array) => cdlEngulfing(open, high, low, close, o), (o: Float64Array) => cdlEngulfing(open, high, low, close, {}, o)],
  ] as const;

  it.each(cases)('%s(…, out) writes into out and returns it; the options-object form still works', (_, plain, withOut, withOptions) => {
    const want = plain();
    const o = new Float64Array(close.length).fill(123);
    expect(withOut(o)).toBe(o);
    expect(Array.from(o)).toEqual(Array.from(want));
    const o2 = new Float64Array(close.length);
    expect(withOptions(o2)).toBe(o2);
    expect(Array.from(o2)).toEqual(Array.from(want));
  });

  it('hand-checked obv into out: [5, 8, 8, 6, 13]', () => {
    const o = new Float64Array(5);
    obv([10, 11, 11, 9, 12], [5, 3, 100, 2, 7], o);
    expect(Array.from(o)).toEqual([5, 8, 8, 6, 13]);
  });

  it('number[] inputs and a subarray out', () => {
    const buf = new Float64Array(8);
    const o = buf.subarray(2, 7);
    obv([10, 11, 11, 9, 12], [5, 3, 100, 2, 7], o);
    expect(Array.from(buf)).toEqual([0, 0, 5, 8, 8, 6, 13, 0]);
  });

  it('async and many take out there too', async () => {
    const o = new Float64Array(close.length);
    expect(await obv.async(close, volume, o)).toBe(o);
    expect(Array.from(o)).toEqual(Array.from(obv(close, volume)));
    const two = new Float64Array(close.length * 2);
    two.set(close);
    two.set(close, close.length);
    const vol2 = new Float64Array(close.length * 2);
    vol2.set(volume);
    vol2.set(volume, close.length);
    const m = new Float64Array(two.length);
    expect(obv.many(two, vol2, 2, m)).toBe(m);
    expect(Array.from(m.subarray(close.length))).toEqual(Array.from(obv(close, volume)));
    const ma = new Float64Array(two.length);
    expect(await obv.manyAsync(two, vol2, 2, ma)).toBe(ma);
    expect(Array.from(ma)).toEqual(Array.from(m));
  });

  it('errors: a wrong-length out is a RangeError, an extra argument after out a TypeError; nothing is written', () => {
    const short = new Float64Array(3).fill(9);
    expect(() => obv(close, volume, short)).toThrow(RangeError);
    expect(Array.from(short)).toEqual([9, 9, 9]);
    const o = new Float64Array(close.length).fill(9);
    expect(() => (obv as unknown as (...a: unknown[]) => unknown)(close, volume, o, o)).toThrow(/takes no options/);
    expect(o.every((x) => x === 9)).toBe(true);
    // A number is still an option, which these indicators do not have.
    expect(() => (obv as unknown as (...a: unknown[]) => unknown)(close, volume, 3)).toThrow(RangeError);
  });

  it('indicators with options still read a Float64Array there as a (wrong) options argument', async () => {
    const { rsi } = await import('../src/index.js');
    expect(() => (rsi as unknown as (...a: unknown[]) => unknown)(close, new Float64Array(close.length))).toThrow(TypeError);
  });
});
