// The candlestick patterns' copies into caller-owned arrays go through the typed-array
// intrinsics (f64Set, i16Set in src/core/guard.ts), as the indicators' copying paths do
// (short-copies.test.ts): an own `set` or `length` on the caller's `out` never runs, and
// the values are the native addon's bits (an independent engine). The WASM engine's
// patterns() (int16 and float64 rows) and patternLookbacks(), and a cdl* function with
// candleSettings and an `out` (src/indicators/candle.ts, on whichever engine runs it).
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/index.js';
import { loadAddon } from '../../src/native.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { candles, CUSTOM_SETTINGS } from '../support/candle-bars.js';

type Raw = {
  patterns(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, want: Uint8Array, pen: Float64Array, settings: Float64Array, out: Int16Array | Float64Array): void;
  patternsInfo(): { name: string; penetration: number | null }[];
  patternLookbacks(settings: Float64Array, out: Float64Array): void;
};
const native = loadAddon<Raw>('hean_cpp');
const wasm = wasmEngine() as unknown as Raw;

/** `a` with an own `set` and `length` that record a call (and throw, or lie). */
function trapped<T extends Int16Array | Float64Array>(a: T, calls: string[], what: string): T {
  Object.defineProperty(a, 'set', {
    value: () => {
      calls.push(`${what}.set`);
      throw new Error(`${what}.set was called`);
    },
  });
  Object.defineProperty(a, 'length', {
    get: () => {
      calls.push(`${what}.length`);
      return 1;
    },
  });
  return a;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => {
  for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

describe('candle pattern copies into a caller-owned out', () => {
  const d = candles(3000, 8, 400);
  const info = native.patternsInfo();
  const count = info.length;
  const settings = hean.candleSettingsVector(CUSTOM_SETTINGS);
  const pen = new Float64Array(info.map((x) => x.penetration ?? 0));
  const want = new Uint8Array(count);
  want[2] = want[17] = want[40] = 1;
  const n = d.o.length;

  for (const [kind, make] of [
    ['int16', (m: number) => new Int16Array(m)],
    ['float64', (m: number) => new Float64Array(m)],
  ] as const) {
    it(`WASM patterns(), ${kind} rows: no own set or length runs, the native bits`, () => {
      const calls: string[] = [];
      const a = trapped(make(3 * n), calls, 'out');
      const b = make(3 * n);
      wasm.patterns(d.o, d.h, d.l, d.c, want, pen, settings, a);
      native.patterns(d.o, d.h, d.l, d.c, want, pen, settings, b);
      expect(calls).toEqual([]);
      expect(same(a, b)).toBe(true);
      expect(Array.from(b).some((v) => v !== 0 && !Number.isNaN(v))).toBe(true);
    });
  }

  it('WASM patternLookbacks(): no own set or length runs, the native values', () => {
    const calls: string[] = [];
    const a = trapped(new Float64Array(count), calls, 'lookbacks');
    const b = new Float64Array(count);
    wasm.patternLookbacks(settings, a);
    native.patternLookbacks(settings, b);
    expect(calls).toEqual([]);
    expect(same(a, b)).toBe(true);
  });

  it('cdl* with candleSettings into out: no own set or length runs, the patterns() row', () => {
    const calls: string[] = [];
    const out = trapped(new Float64Array(n).fill(7), calls, 'out');
    expect(hean.cdlEngulfing(d.o, d.h, d.l, d.c, { candleSettings: CUSTOM_SETTINGS }, out)).toBe(out);
    expect(calls).toEqual([]);
    const k = info.findIndex((x) => x.name === 'cdlEngulfing');
    const all = new Float64Array(count * n);
    native.patterns(d.o, d.h, d.l, d.c, new Uint8Array(count).fill(1), pen, settings, all);
    expect(same(out, all.subarray(k * n, (k + 1) * n))).toBe(true);
  });
});
