// Arguments that must never crash the process: detached, shared and resizable buffers,
// typed arrays of the wrong element type, throwing getters, proxies, huge options.
import { describe, expect, it } from 'vitest';
import { bbands } from '../src/indicators/bbands.js';
import { atr } from '../src/indicators/atr.js';
import { ema } from '../src/indicators/ema.js';
import { macd } from '../src/indicators/macd.js';
import { corrMatrix } from '../src/matrix.js';
import { sample } from './helpers.js';

const { close } = sample(1000);

describe('hostile arguments', () => {
  it('detached input reads as empty; detached out is a length error', () => {
    const x = close.slice();
    structuredClone(x.buffer, { transfer: [x.buffer] });
    expect(x.length).toBe(0);
    expect(ema(x, 5).length).toBe(0);
    const out = new Float64Array(close.length);
    structuredClone(out.buffer, { transfer: [out.buffer] });
    expect(() => ema(close, 5, out)).toThrow(RangeError);
  });

  it('multi-output out arrays: overlapping views of one buffer are refused, disjoint ones work (64 bars: the WASM quick path)', () => {
    const n = 64;
    const c = close.subarray(0, n);
    const want = bbands(c);
    const buf = new ArrayBuffer(3 * n * 8);
    // Disjoint views of one buffer, and arrays on their own buffers: the right values.
    const same = { upper: new Float64Array(buf, 0, n), middle: new Float64Array(buf, n * 8, n), lower: new Float64Array(buf, 2 * n * 8, n) };
    const own = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
    for (const out of [same, own]) {
      const r = bbands(c, undefined, out);
      for (const k of ['upper', 'middle', 'lower'] as const) {
        expect(r[k]).toBe(out[k]);
        expect(Array.from(out[k])).toEqual(Array.from(want[k]));
      }
    }
    // Views sharing one element (upper's last and middle's first; then middle and lower), or
    // the same array twice: refused, with nothing written.
    const shifted = { upper: new Float64Array(buf, 0, n), middle: new Float64Array(buf, (n - 1) * 8, n), lower: new Float64Array(n) };
    const tail = { upper: new Float64Array(n), middle: new Float64Array(buf, 0, n), lower: new Float64Array(buf, (n - 1) * 8, n) };
    const twice = new Float64Array(n);
    new Float64Array(buf).fill(7);
    for (const out of [shifted, tail, { upper: twice, middle: new Float64Array(n), lower: twice }]) {
      expect(() => bbands(c, undefined, out)).toThrow(new RangeError('hean.bbands: output arrays must not overlap each other'));
    }
    expect(new Float64Array(buf).every((v) => v === 7)).toBe(true);
    // The quick path remembers the last set of arrays found disjoint: the same set again
    // works, and a set reusing one of them twice is still refused.
    expect(Array.from(bbands(c, undefined, own).lower)).toEqual(Array.from(want.lower));
    expect(Array.from(bbands(c, undefined, own).lower)).toEqual(Array.from(want.lower));
    expect(() => bbands(c, undefined, { upper: own.upper, middle: own.middle, lower: own.upper })).toThrow(new RangeError('hean.bbands: output arrays must not overlap each other'));
    expect(() => bbands(c, undefined, { upper: own.upper, middle: new Float64Array(buf, 0, n), lower: new Float64Array(buf, 8, n) })).toThrow(RangeError);
    const m = { macd: new Float64Array(buf, 0, n), signal: new Float64Array(buf, 8, n), histogram: new Float64Array(n) };
    expect(() => macd(c, undefined, m)).toThrow(new RangeError('hean.macd: output arrays must not overlap each other'));
  });

  it('SharedArrayBuffer-backed arrays work in place', () => {
    const shared = new Float64Array(new SharedArrayBuffer(close.length * 8));
    shared.set(close);
    const out = new Float64Array(new SharedArrayBuffer(close.length * 8));
    expect(Array.from(ema(shared, 10, out))).toEqual(Array.from(ema(close, 10)));
  });

  it('short SharedArrayBuffer-backed series (the WASM quick path) give the bits of plain arrays', () => {
    const { high, low } = sample(1000);
    const shared = (x: Float64Array) => {
      const s = new Float64Array(new SharedArrayBuffer(x.length * 8));
      s.set(x);
      return s;
    };
    for (const n of [1, 20, 64, 127]) {
      const c = close.subarray(0, n).slice();
      const h = high.subarray(0, n).slice();
      const l = low.subarray(0, n).slice();
      const want = atr(h, l, c, 5);
      const out = new Float64Array(new SharedArrayBuffer(n * 8));
      expect(Array.from(atr(shared(h), shared(l), shared(c), 5, out))).toEqual(Array.from(want));
      expect(Array.from(atr(shared(h), shared(l), shared(c), 5))).toEqual(Array.from(want));
      const bb = bbands(shared(c), 5);
      const bw = bbands(c, 5);
      expect(Array.from(bb.upper)).toEqual(Array.from(bw.upper));
      expect(Array.from(bb.lower)).toEqual(Array.from(bw.lower));
      // inputs of different lengths are still refused
      expect(() => atr(shared(h), shared(l.subarray(0, n - 1)), shared(c), 5)).toThrow(RangeError);
    }
  });

  it('length-tracking views on resizable buffers use the current length', () => {
    const buf = new ArrayBuffer(800, { maxByteLength: 8000 });
    const x = new Float64Array(buf);
    x.set(close.subarray(0, 100));
    expect(ema(x, 10).length).toBe(100);
    buf.resize(400);
    expect(ema(x, 10).length).toBe(50);
  });

  it('other typed arrays and array-likes are TypeErrors', () => {
    for (const bad of [new Float32Array(10), new Uint8Array(80), new BigInt64Array(10), new DataView(new ArrayBuffer(80)), { length: 10 }, 'abc', 5, null, undefined, Symbol('x')]) {
      expect(() => ema(bad as never, 5)).toThrow(TypeError);
    }
    expect(() => ema([1, 2, '3'] as never, 2)).toThrow(/element 2/);
  });

  it('throwing getters and proxies in options and out become TypeErrors', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(() => ema(close, trap as never)).toThrow(TypeError);
    const outGetter = Object.defineProperty({}, 'macd', { get: () => { throw new Error('no'); }, enumerable: true });
    expect(() => macd(close, undefined, outGetter as never)).toThrow(TypeError);
  });

  it('huge and odd options are RangeErrors or all-NaN, never a crash', () => {
    expect(ema(close, 1e9).every(Number.isNaN)).toBe(true);
    expect(() => ema(close, 1e10)).toThrow(RangeError);
    expect(() => ema(close, -0.5)).toThrow(RangeError);
    expect(() => ema(close, Infinity)).toThrow(RangeError);
    expect(() => bbands(close, { period: 20, stdDev: -1 })).toThrow(/stdDev/);
    expect(bbands(close, { period: 20, stdDev: 0 }).upper[50]).toBe(bbands(close, { period: 20, stdDev: 0 }).middle[50]);
    expect(() => ema.many(close, 3, 10)).toThrow(/multiple of series/);
    expect(() => ema.sweep(close, { period: [] })).toThrow(RangeError);
  });

  it('outputs that overlap each other are rejected', () => {
    const buf = new Float64Array(close.length + 1);
    expect(() => macd(close, undefined, { macd: buf.subarray(0, close.length), signal: buf.subarray(1), histogram: new Float64Array(close.length) })).toThrow(/overlap/);
  });

  it('matrix functions reject bad shapes', () => {
    expect(() => corrMatrix(close, 3)).toThrow(RangeError);
  });
});

describe('async jobs and buffers changed while they run', () => {
  it('inputs detached right after the call do not affect the result', async () => {
    const x = close.slice();
    const p = ema.async(x, 10);
    structuredClone(x.buffer, { transfer: [x.buffer] });
    expect(Array.from(await p)).toEqual(Array.from(ema(close, 10)));
  });

  it('an output detached or shrunk before the job settles rejects with a RangeError', async () => {
    const out = new Float64Array(close.length);
    const p = ema.async(close, 10, out);
    structuredClone(out.buffer, { transfer: [out.buffer] });
    await expect(p).rejects.toThrow(/detached or resized/);
    const buf = new ArrayBuffer(close.length * 8, { maxByteLength: close.length * 16 });
    const o2 = new Float64Array(buf);
    const p2 = ema.async(close, 10, o2);
    buf.resize(80);
    await expect(p2).rejects.toThrow(RangeError);
  });
});
