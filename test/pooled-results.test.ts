// The allocating form's short results come from a shared 64 KB slab (issue 15/11):
// they never alias each other or the caller's arrays, equal the `out` form's values,
// pooledResults(false) gives own buffers, and `out`, many and sweep are not pooled.
import { afterEach, describe, expect, it } from 'vitest';
import { bbands, macd, obv, pooledResults, rsi, sma } from '../src/index.js';
import { sample } from './helpers.js';


const bars = sample(1200, 11);
const cut = (n: number) => ({ close: bars.close.subarray(0, n), volume: bars.volume.subarray(0, n) });

afterEach(() => void pooledResults(true));

function disjoint(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer) return true;
  return a.byteOffset + a.byteLength <= b.byteOffset || b.byteOffset + b.byteLength <= a.byteOffset;
}

const ownBuffer = (a: Float64Array) => a.byteOffset === 0 && a.buffer.byteLength === a.byteLength;

describe('pooled short results', () => {
  it('is on by default, and pooledResults checks its argument', () => {
    expect(pooledResults()).toBe(true);
    expect(() => pooledResults(0 as unknown as boolean)).toThrow(TypeError);
    expect(() => pooledResults('no' as unknown as boolean)).toThrow(/hean.pooledResults: enabled must be a boolean/);
    expect(pooledResults(false)).toBe(false);
    expect(pooledResults()).toBe(false);
    expect(pooledResults(true)).toBe(true);
  });

  // 64 bars: the WASM quick path; 400 and 512: native (or WASM when forced); 513: never pooled.
  it.each([64, 200, 400, 512])('%i bars: results are 64 KB slab views, equal to the out form, never overlapping', (n) => {
    const { close, volume } = cut(n);
    const got: Float64Array[] = [];
    const want: Float64Array[] = [];
    for (let k = 0; k < 40; k++) {
      const period = 2 + (k % 9);
      const s = sma(close, period);
      const m = macd(close, { fast: 3 + (k % 4), slow: 12, signal: 5 });
      const o = obv(close, volume);
      const b = bbands(Array.from(close), { period }); // array input: the general path
      got.push(s, m.macd, m.signal, m.histogram, o, b.upper, b.middle, b.lower);
      const ws = sma(close, period, new Float64Array(n));
      const wm = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
      macd(close, { fast: 3 + (k % 4), slow: 12, signal: 5 }, wm);
      const wb = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
      bbands(close, { period }, wb);
      want.push(ws, wm.macd, wm.signal, wm.histogram, obv(close, volume, new Float64Array(n)), wb.upper, wb.middle, wb.lower);
    }
    for (const r of got) {
      expect(r.length).toBe(n);
      expect(r.buffer.byteLength).toBe(65536);
      expect(r.byteOffset % 8).toBe(0);
    }
    // 40 x 8 results of up to 4 KB span several slabs.
    expect(new Set(got.map((r) => r.buffer)).size).toBeGreaterThan(1);
    // Pairwise disjoint: per buffer, sorted by offset, each view ends before the next starts.
    const byBuffer = new Map<ArrayBufferLike, Float64Array[]>();
    for (const r of got) byBuffer.set(r.buffer, [...(byBuffer.get(r.buffer) ?? []), r]);
    let pairs = 0;
    for (const views of byBuffer.values()) {
      views.sort((a, b) => a.byteOffset - b.byteOffset);
      for (let i = 1; i < views.length; i++, pairs++) expect(disjoint(views[i - 1]!, views[i]!)).toBe(true);
    }
    expect(pairs).toBe(got.length - byBuffer.size);
    // Values checked after all calls: a later result written over an earlier one would show here.
    got.forEach((r, i) => expect(Array.from(r)).toEqual(Array.from(want[i]!)));
    // Each result is its own: writing one leaves the others alone.
    got[0]!.fill(7);
    expect(Array.from(got[1]!)).toEqual(Array.from(want[1]!));
    expect(Array.from(got[8]!)).toEqual(Array.from(want[8]!));
  });

  it('async results are pooled too and equal the sync ones', async () => {
    const { close } = cut(100);
    const [a, b] = await Promise.all([rsi.async(close, 5), rsi.async(close, 9)]);
    expect(a.buffer.byteLength).toBe(65536);
    expect(disjoint(a, b)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(rsi(close, 5)));
    expect(Array.from(b)).toEqual(Array.from(rsi(close, 9)));
  });

  it('results longer than 512 elements own their buffer', () => {
    const { close } = cut(513);
    expect(ownBuffer(sma(close, 5))).toBe(true);
    const m = macd(close);
    expect(ownBuffer(m.macd) && ownBuffer(m.signal) && ownBuffer(m.histogram)).toBe(true);
  });

  it('pooledResults(false): every result owns its buffer; true pools again', () => {
    const { close } = cut(64);
    pooledResults(false);
    const a = sma(close, 5);
    const m = macd(close, { fast: 3, slow: 8, signal: 4 });
    const l = rsi(Array.from(close), 5);
    for (const r of [a, m.macd, m.signal, m.histogram, l]) expect(ownBuffer(r)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(sma(close, 5, new Float64Array(64))));
    pooledResults(true);
    expect(sma(close, 5).buffer.byteLength).toBe(65536);
  });

  it('out is written and returned as before', () => {
    const { close } = cut(64);
    const out = new Float64Array(64);
    expect(sma(close, 5, out)).toBe(out);
    const o = { macd: new Float64Array(64), signal: new Float64Array(64), histogram: new Float64Array(64) };
    const r = macd(close, { fast: 3, slow: 8, signal: 4 }, o);
    expect(r.macd).toBe(o.macd);
    expect(r.histogram).toBe(o.histogram);
    // A partial out: the given output is used, the missing ones are fresh (pooled) arrays.
    const p = macd(close, { fast: 3, slow: 8, signal: 4 }, { signal: new Float64Array(64) });
    expect(ownBuffer(p.signal)).toBe(true);
    expect(p.macd.buffer.byteLength).toBe(65536);
    expect(Array.from(p.macd)).toEqual(Array.from(o.macd));
  });

  it('many and sweep results are not pooled', () => {
    const { close } = cut(128);
    const m = sma.many(close, 4, 5);
    expect(ownBuffer(m)).toBe(true);
    const s = sma.sweep(close.subarray(0, 64), { period: [3, 5] });
    expect(ownBuffer(s.values)).toBe(true);
    expect(Array.from(s.values.subarray(64))).toEqual(Array.from(sma(close.subarray(0, 64), 5)));
  });

  it('a sliced result owns its buffer and can be transferred without touching the others', () => {
    const { close } = cut(64);
    const a = sma(close, 5);
    const b = sma(close, 6);
    const copy = a.slice();
    expect(ownBuffer(copy)).toBe(true);
    const moved = structuredClone(copy, { transfer: [copy.buffer] });
    expect(copy.length).toBe(0); // detached
    expect(Array.from(moved)).toEqual(Array.from(a));
    expect(Array.from(b)).toEqual(Array.from(sma(close, 6, new Float64Array(64))));
  });
});

