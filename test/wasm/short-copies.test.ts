// The short-series copying path (ordinary Float64Arrays copied into the WASM engine's linear
// memory and the results copied back) copies through the typed-array intrinsic: an own
// `set` property on a caller's input or `out` array is never called, and the results are
// the native addon's bits (its own run(), an independent engine), for one, two and three
// inputs and one and three outputs, allocating and into `out`, and again after the WASM
// memory grew (the engine's cached views of it are renewed).
import { describe, expect, it } from 'vitest';
import { atr } from '../../src/indicators/atr.js';
import { macd } from '../../src/indicators/macd.js';
import { sma } from '../../src/indicators/sma.js';
import { aroon } from '../../src/indicators/aroon.js';
import { bbands } from '../../src/indicators/bbands.js';
import { pooledResults } from '../../src/core/indicator.js';
import { bits, nativeRun } from './native-run.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { sample } from '../helpers.js';



/** A Float64Array copy of `x` whose own `set` records that it was called (and throws). */
function trapped(x: Float64Array, calls: string[], what: string): Float64Array {
  const a = x.slice();
  Object.defineProperty(a, 'set', {
    value: () => {
      calls.push(what);
      throw new Error(`${what}.set was called`);
    },
  });
  return a;
}


describe('short-series copies (WASM engine)', () => {
  for (const n of [1, 20, 64, 999]) {
    it(`never call an own set() of an input or out, and give the native bits (${n} bars)`, () => {
      const s = sample(n, 7 + n);
      const calls: string[] = [];
      const close = trapped(s.close, calls, 'close');
      const high = trapped(s.high, calls, 'high');
      const low = trapped(s.low, calls, 'low');
      for (let round = 0; round < 3; round++) {
        // (the same arrays again take the cached kind tests and layout)
        const y = trapped(new Float64Array(n), calls, 'out');
        expect(sma(close, undefined, y)).toBe(y);
        expect(bits(y)).toEqual(bits(nativeRun('sma', [s.close], n)[0]!));
        expect(bits(sma(close))).toEqual(bits(y));
        const a = trapped(new Float64Array(n), calls, 'out.atr');
        atr(high, low, close, undefined, a);
        expect(bits(a)).toEqual(bits(nativeRun('atr', [s.high, s.low, s.close], n)[0]!));
        const outs = { macd: trapped(new Float64Array(n), calls, 'out.macd'), signal: trapped(new Float64Array(n), calls, 'out.signal'), histogram: trapped(new Float64Array(n), calls, 'out.histogram') };
        const r = macd(close, undefined, outs);
        const want = nativeRun('macd', [s.close], n);
        expect([r.macd, r.signal, r.histogram]).toEqual([outs.macd, outs.signal, outs.histogram]);
        [r.macd, r.signal, r.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
        const alloc = macd(close);
        [alloc.macd, alloc.signal, alloc.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
      }
      expect(calls).toEqual([]);
    });
  }

  it('copies right after the WASM memory grew (the cached views are renewed)', () => {
    const s = sample(64, 3);
    const y = new Float64Array(64);
    const outs = { macd: new Float64Array(64), signal: new Float64Array(64), histogram: new Float64Array(64) };
    sma(s.close, undefined, y);
    macd(s.close, undefined, outs);
    const engine = wasmEngine();
    const before = engine.heapView().length;
    // (lmath's scratch: 2 x 8 MiB more than the memory had)
    const big = new Float64Array(Math.max(1 << 20, before / 2 + 1));
    engine.lmath(0, big);
    expect(engine.heapView().length).toBeGreaterThan(before);
    // The same arrays again, with the layout and views built before the growth.
    y.fill(7);
    for (const o of Object.values(outs)) o.fill(7);
    sma(s.close, undefined, y);
    macd(s.close, undefined, outs);
    expect(bits(y)).toEqual(bits(nativeRun('sma', [s.close], 64)[0]!));
    const want = nativeRun('macd', [s.close], 64);
    [outs.macd, outs.signal, outs.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
  });

  it('allocating multi-output results (copied out at once into one slab): the native bits, each its own array, across slab boundaries', () => {
    const n = 500; // 3 x 500 x 8 bytes: a 64 KB slab holds 5 such results, so the runs cross slabs
    const s = sample(n, 11);
    const wantMacd = nativeRun('macd', [s.close], n);
    const wantBb = nativeRun('bbands', [s.close], n);
    const wantAroon = nativeRun('aroon', [s.high, s.low], n);
    for (const pooled of [true, false]) {
      pooledResults(pooled);
      try {
        const seen = new Set<Float64Array>();
        for (let round = 0; round < 12; round++) {
          const m = macd(s.close);
          const b = bbands(s.close);
          const a = aroon(s.high, s.low);
          [m.macd, m.signal, m.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(wantMacd[k]!)));
          [b.upper, b.middle, b.lower].forEach((o, k) => expect(bits(o)).toEqual(bits(wantBb[k]!)));
          [a.down, a.up].forEach((o, k) => expect(bits(o)).toEqual(bits(wantAroon[k]!)));
          for (const o of [m.macd, m.signal, m.histogram, b.upper, b.middle, b.lower, a.down, a.up]) {
            expect(o.length).toBe(n);
            expect(seen.has(o)).toBe(false);
            seen.add(o);
          }
          // Writing one result leaves the others (no shared elements).
          m.signal.fill(1);
          expect(bits(m.macd)).toEqual(bits(wantMacd[0]!));
          expect(bits(m.histogram)).toEqual(bits(wantMacd[2]!));
        }
      } finally {
        pooledResults(true);
      }
    }
  });
});
