// The short-series call of a one-input, one-output indicator (WasmEngine.call1, call()'s
// usual case): the native addon's bits (its own run(), an independent engine) whatever the
// calls before it left behind (another length, an empty series, a resident call, other
// options, another entry point's scratch), and for a gap (NaN, +-Infinity) at every
// position of series of 1 to 65 bars (the entry's finiteness pass decides between the one
// kernel run and the gap rule), beside finite extremes (+-0, subnormals, 1e300, -1.7e308).
// Multi-output calls after the same kinds of calls, likewise.
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/index.js';
import { bits, nativeRun } from './native-run.js';
import { sample } from '../helpers.js';

const ones = ['sma', 'ema', 'rsi', 'wma', 'roc'] as const;
type One = (x: Float64Array, opt?: unknown, out?: Float64Array) => Float64Array;
const fnOf = (name: string) => (hean as unknown as Record<string, One>)[name]!;

describe('short one-input calls (WASM engine)', () => {
  it('give the native bits after another length, an empty series, a resident call, other options, a lookback, a general-path call and a .many call', () => {
    for (const name of ones) {
      const f = fnOf(name);
      const a = sample(64, 5).close;
      const b = sample(20, 6).close;
      const wantA = bits(nativeRun(name, [a], 64)[0]!);
      const wantB = bits(nativeRun(name, [b], 20)[0]!);
      const want3 = bits(nativeRun(name, [a], 64, [3])[0]!);
      const want4 = bits(nativeRun(name, [a], 64, [4])[0]!);
      const first = (f as unknown as { meta: { options: { name: string }[] } }).meta.options[0]!.name;
      const long = sample(999, 8).close;
      const wantLong = bits(nativeRun(name, [long], 999)[0]!);
      const bb = new Float64Array(40);
      bb.set(b);
      bb.set(b, 20);
      const y = new Float64Array(64);
      const arena = hean.wasmArena(200);
      const ra = arena.array(64);
      ra.set(a);
      const ry = arena.array(64);
      const steps: (() => void)[] = [
        () => expect(bits(f(a, undefined, y))).toEqual(wantA),
        () => expect(bits(f(b))).toEqual(wantB),
        () => expect(f(new Float64Array(0)).length).toBe(0),
        // (an array takes the general path, whose scratch for 999 bars moves the engine's)
        () => expect(bits(f(Array.from(long) as unknown as Float64Array))).toEqual(wantLong),
        () => expect(bits(f(ra, undefined, ry))).toEqual(wantA),
        () => expect(bits(f(a, undefined, ry))).toEqual(wantA),
        () => expect(bits(f(ra, undefined, y))).toEqual(wantA),
        () => expect(bits(f(a, 3, y))).toEqual(want3),
        () => expect(bits(f(a, { [first]: 4 }))).toEqual(want4),
        () => expect((f as unknown as { lookback: (o: unknown) => number }).lookback({ [first]: 4 })).toBeGreaterThanOrEqual(0),
        () => expect(bits((f as unknown as { many: (x: Float64Array, series: number) => Float64Array }).many(bb, 2).subarray(20))).toEqual(wantB),
      ];
      // Every step after every other, each followed by the plain copying call.
      for (const s of steps) {
        for (const t of steps) {
          s();
          t();
          y.fill(3);
          expect(bits(f(a, undefined, y))).toEqual(wantA);
        }
      }
      arena.free();
    }
  });

  it('several outputs: the defaults again after other options, an ema call and a lookback (native bits)', () => {
    const a = sample(64, 9).close;
    const want = (first: number[]) => nativeRun('bbands', [a], 64, first).map(bits);
    const got = (r: { upper: Float64Array; middle: Float64Array; lower: Float64Array }) => [r.upper, r.middle, r.lower].map(bits);
    const out = { upper: new Float64Array(64), middle: new Float64Array(64), lower: new Float64Array(64) };
    const steps: [() => unknown, number[]][] = [
      [() => hean.bbands(a, undefined, out), []],
      [() => hean.bbands(a), []],
      [() => hean.bbands(a, 7, out), [7]],
      [() => hean.bbands(a, { period: 5 }), [5]],
      [() => hean.ema(a, undefined, new Float64Array(64)), []],
      [() => hean.bbands.lookback({ period: 9 }), []],
    ];
    for (const [s, first] of steps) {
      for (const [t, firstT] of steps) {
        for (const [u, w] of [[s, first], [t, firstT]] as const) {
          const r = u();
          if (typeof r === 'object' && r !== null && 'upper' in r) expect(got(r as typeof out)).toEqual(want(w));
        }
        expect(got(hean.bbands(a, undefined, out))).toEqual(want([]));
      }
    }
  });

  it('a gap anywhere takes the gap rule, finite extremes do not (native bits)', () => {
    const extremes = [0, -0, 5e-324, -2.2e-308, 1e300, -1.7e308];
    const gaps = [NaN, Infinity, -Infinity];
    for (const n of [1, 7, 8, 9, 15, 16, 17, 63, 64, 65]) {
      const base = sample(n, 40 + n).close;
      for (const name of ['sma', 'ema']) {
        const f = fnOf(name);
        // (period 2: short series get past the warm-up)
        const want = bits(nativeRun(name, [base], n, [2])[0]!);
        expect(bits(f(base, 2))).toEqual(want);
        for (let i = 0; i < n; i++) {
          for (const v of [...gaps, ...extremes]) {
            const x = base.slice();
            x[i] = v;
            expect(bits(f(x, 2))).toEqual(bits(nativeRun(name, [x], n, [2])[0]!));
          }
        }
      }
    }
  });

  it('arrays the quick path has seen, then resized or detached: read at their current length, `out` refused untouched', () => {
    type Rab = ArrayBuffer & { resize(n: number): void };
    const rab = (bytes: number, max: number) => new (ArrayBuffer as unknown as new (n: number, o: object) => Rab)(bytes, { maxByteLength: max });
    const detach = (a: Float64Array) => structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
    const s = sample(100, 12);
    for (const [name, ins] of [['ema', ['close']], ['atr', ['high', 'low', 'close']]] as const) {
      const f = (hean as unknown as Record<string, (...a: unknown[]) => Float64Array>)[name]!;
      const src = ins.map((k) => s[k]);
      // Length-tracking views on resizable buffers, each seen twice (the cached kind test).
      const bufs = src.map(() => rab(800, 1600));
      const xs = bufs.map((b, k) => {
        const v = new Float64Array(b);
        v.set(src[k]!);
        return v;
      });
      const out = new Float64Array(100);
      for (let r = 0; r < 2; r++) expect(bits(f(...xs, undefined, out))).toEqual(bits(nativeRun(name, src, 100)[0]!));
      for (const b of bufs) b.resize(400);
      out.fill(7);
      expect(() => f(...xs, undefined, out)).toThrow(new RangeError(`hean.${name}: out has length 100, expected 50`));
      expect(out.every((v) => v === 7)).toBe(true);
      const half = src.map((x) => x.slice(0, 50));
      expect(bits(f(...xs))).toEqual(bits(nativeRun(name, half, 50)[0]!));
      for (const b of bufs) b.resize(1600);
      const grown = xs.map((x) => x.slice());
      expect(xs[0]!.length).toBe(200);
      expect(bits(f(...xs))).toEqual(bits(nativeRun(name, grown, 200)[0]!));
      // A fixed-length view pushed out of bounds, and a detached input: an empty series, as a fresh empty array gives.
      const fb = rab(800, 1600);
      const fixed = src.map((x, k) => (k === 0 ? new Float64Array(fb, 0, 100) : x.slice()));
      fixed[0]!.set(src[0]!);
      for (let r = 0; r < 2; r++) expect(f(...fixed).length).toBe(100);
      fb.resize(400);
      const empty = ins.map(() => new Float64Array(0));
      expect(f(...fixed.map((x, k) => (k === 0 ? x : new Float64Array(0)))).length).toBe(f(...empty).length);
      const d = src.map((x) => x.slice(0, 64));
      for (let r = 0; r < 2; r++) f(...d);
      d.forEach(detach);
      expect(f(...d).length).toBe(0);
      // A detached `out` seen before: refused, naming out.
      const e = src.map((x) => x.slice(0, 64));
      const o = new Float64Array(64);
      for (let r = 0; r < 2; r++) f(...e, undefined, o);
      detach(o);
      expect(() => f(...e, undefined, o)).toThrow(new RangeError(`hean.${name}: out has length 0, expected 64`));
    }
  });
});
