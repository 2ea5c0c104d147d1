// Pooled allocating results (src/core/indicator.ts: resultArray, resultRun's consecutive runs
// copied out at once) kept across many calls of mixed lengths and output counts: no two
// results share an element (their byte ranges in the slab are disjoint), and every one still
// holds the native addon's bits after all the later calls (a slab range handed out twice
// would be overwritten by a later call). Then the copy intrinsic (guard.ts f64Set) with a
// Float64Array subclass whose prototype overrides set(), and with Float64Arrays of another
// realm (vm.runInNewContext), as inputs and as `out`: the native bits, the override never run.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { aroon } from '../../src/indicators/aroon.js';
import { atr } from '../../src/indicators/atr.js';
import { bbands } from '../../src/indicators/bbands.js';
import { ema } from '../../src/indicators/ema.js';
import { macd } from '../../src/indicators/macd.js';
import { bits, nativeRun } from './native-run.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { rng, sample } from '../helpers.js';


describe('pooled allocating results', () => {
  it('stay disjoint and keep their values over 600 mixed calls (1, 2 and 3 outputs, n 1..512)', () => {
    const r = rng(77);
    const kept: { got: Float64Array[]; want: Float64Array[] }[] = [];
    for (let c = 0; c < 600; c++) {
      const n = 1 + Math.floor(r() ** 2 * 512);
      const s = sample(n, 1000 + c);
      const which = c % 5;
      const got =
        which === 0 ? Object.values(macd(s.close)) : which === 1 ? Object.values(bbands(s.close)) : which === 2 ? Object.values(aroon(s.high, s.low)) : which === 3 ? [ema(s.close)] : [atr(s.high, s.low, s.close)];
      const want = which === 0 ? nativeRun('macd', [s.close], n) : which === 1 ? nativeRun('bbands', [s.close], n) : which === 2 ? nativeRun('aroon', [s.high, s.low], n) : which === 3 ? nativeRun('ema', [s.close], n) : nativeRun('atr', [s.high, s.low, s.close], n);
      got.forEach((g, k) => expect(bits(g), `call ${c} output ${k}`).toEqual(bits(want[k]!)));
      kept.push({ got, want });
    }
    // every kept result still right after all the later calls
    kept.forEach(({ got, want }, c) => got.forEach((g, k) => expect(bits(g), `call ${c} output ${k} at the end`).toEqual(bits(want[k]!))));
    // no two results share a byte
    const byBuf = new Map<ArrayBufferLike, [number, number][]>();
    for (const { got } of kept) for (const g of got) (byBuf.get(g.buffer) ?? byBuf.set(g.buffer, []).get(g.buffer)!).push([g.byteOffset, g.byteOffset + g.byteLength]);
    let pairs = 0;
    for (const ranges of byBuf.values()) {
      ranges.sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < ranges.length; k++) {
        expect(ranges[k]![0]).toBeGreaterThanOrEqual(ranges[k - 1]![1]);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(500); // (pooled: many results share a slab)
  });

  it('copied out at once right after the WASM memory grew (the engine renews its views)', () => {
    const s = sample(64, 8);
    const want = nativeRun('macd', [s.close], 64);
    macd(s.close);
    const engine = wasmEngine();
    const before = engine.heapView().length;
    engine.lmath(0, new Float64Array(Math.max(1 << 20, before / 2 + 1)));
    expect(engine.heapView().length).toBeGreaterThan(before);
    const a = macd(s.close);
    [a.macd, a.signal, a.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
  });
});

describe('copies through the set() intrinsic', () => {
  class Trap extends Float64Array {
    override set(): void {
      throw new Error('Trap.prototype.set was called');
    }
  }
  const Other = runInNewContext('Float64Array') as Float64ArrayConstructor;
  for (const n of [5, 64, 300]) {
    it(`a subclass overriding set() and another realm's Float64Array, as inputs and out (${n} bars)`, () => {
      const s = sample(n, 5 + n);
      const want = nativeRun('macd', [s.close], n);
      const wantEma = nativeRun('ema', [s.close], n)[0]!;
      for (const make of [(x: Float64Array) => Trap.from(x) as Float64Array, (x: Float64Array) => Other.from(x)]) {
        const close = make(s.close);
        for (let round = 0; round < 3; round++) {
          expect(bits(ema(close))).toEqual(bits(wantEma));
          const y = make(new Float64Array(n));
          expect(ema(close, undefined, y)).toBe(y);
          expect(bits(y)).toEqual(bits(wantEma));
          const a = macd(close);
          [a.macd, a.signal, a.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
          const outs = { macd: make(new Float64Array(n)), signal: make(new Float64Array(n)), histogram: make(new Float64Array(n)) };
          const b = macd(close, undefined, outs);
          expect(b.signal).toBe(outs.signal);
          [outs.macd, outs.signal, outs.histogram].forEach((o, k) => expect(bits(o)).toEqual(bits(want[k]!)));
        }
      }
    });
  }
});
