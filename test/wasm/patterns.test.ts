// patterns() and the cdl* functions' candleSettings on the WASM engine ($HEAN_ENGINE=wasm):
// bit for bit the native addon's patterns() (same arguments: int16 and float64 rows, gaps,
// custom settings and penetrations), equal to TA-Lib C 0.8 (the Python wheel) with the same
// settings, and the same errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAddon } from '../../src/native.js';
import { candles, CUSTOM_SETTINGS } from '../support/candle-bars.js';
import { CI, ref, wheel } from '../candles/wheel.js';

type Hean = typeof import('../../src/index.js');
type Raw = {
  patterns(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, want: Uint8Array, pen: Float64Array, settings: Float64Array, out: Int16Array | Float64Array): void;
  patternsInfo(): { name: string; penetration: number | null }[];
  patternLookbacks(settings: Float64Array, out: Float64Array): void;
};

let hean: Hean;
let wasm: Raw;
const native = loadAddon<Raw>('hean_cpp');

beforeAll(async () => {
  // The engine is picked on first use: force WASM for this file's process, then put $HEAN_ENGINE back.
  const before = process.env.HEAN_ENGINE;
  process.env.HEAN_ENGINE = 'wasm';
  try {
    hean = await import('../../src/index.js');
    hean.ema([1, 2, 3], 2);
  } finally {
    if (before === undefined) delete process.env.HEAN_ENGINE;
    else process.env.HEAN_ENGINE = before;
  }
  wasm = (await import('../../src/wasm/load.js')).wasmEngine() as unknown as Raw;
}, 120_000);

const SETTINGS = CUSTOM_SETTINGS;

/** Generated candles with a few non-finite inputs (gaps). */
function bars(n: number, seed: number) {
  const d = candles(n, seed, 400);
  for (let i = 97; i < n; i += 1013) [d.o, d.h, d.l, d.c][i % 4]![i] = i % 3 ? NaN : Infinity;
  return d;
}

describe('patterns() on the WASM engine', () => {
  it('runs there (the engine is WASM), with the addon\'s pattern list', () => {
    expect(hean.engine()).toBe('wasm');
    expect(wasm.patternsInfo()).toEqual(native.patternsInfo());
    expect(hean.patternNames().length).toBe(61);
  });

  it('equals the native addon bit for bit: every pattern, int16 and float64, gaps, settings, penetrations', () => {
    const d = bars(30_000, 21);
    const info = native.patternsInfo();
    const count = info.length;
    const variants: [Record<string, unknown> | undefined, number][] = [
      [undefined, 0],
      [SETTINGS, 0.1],
      [{ near: { rangeType: 'realBody', avgPeriod: 0, factor: 2 }, bodyLong: { avgPeriod: 1 } }, 0.9],
    ];
    for (const [candleSettings, p] of variants) {
      const settings = hean.candleSettingsVector(candleSettings);
      const pen = new Float64Array(info.map((x) => (x.penetration === null ? 0 : p || x.penetration)));
      const want = new Uint8Array(count).fill(1);
      for (const out of [() => new Int16Array(count * d.o.length), () => new Float64Array(count * d.o.length)]) {
        const a = out();
        const b = out();
        wasm.patterns(d.o, d.h, d.l, d.c, want, pen, settings, a);
        native.patterns(d.o, d.h, d.l, d.c, want, pen, settings, b);
        for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`${info[Math.floor(i / d.o.length)]!.name}[${i % d.o.length}] ${JSON.stringify(candleSettings)}: WASM ${a[i]}, native ${b[i]}`);
        expect(a.some((v) => v !== 0 && !Number.isNaN(v))).toBe(true);
      }
      const la = new Float64Array(count);
      const lb = new Float64Array(count);
      wasm.patternLookbacks(settings, la);
      native.patternLookbacks(settings, lb);
      expect(Array.from(la)).toEqual(Array.from(lb));
    }
    // A subset (`want`), rows in list order.
    const want = new Uint8Array(count);
    want[3] = want[40] = 1;
    const a = new Float64Array(2 * d.o.length);
    const b = new Float64Array(2 * d.o.length);
    const pen = new Float64Array(info.map((x) => x.penetration ?? 0));
    wasm.patterns(d.o, d.h, d.l, d.c, want, pen, hean.candleSettingsVector(SETTINGS), a);
    native.patterns(d.o, d.h, d.l, d.c, want, pen, hean.candleSettingsVector(SETTINGS), b);
    expect(a.every((v, i) => Object.is(v, b[i]))).toBe(true);
  });

  it('hean.patterns() and cdl* with candleSettings give the native results', () => {
    const d = bars(5000, 4);
    const r = hean.patterns(d.o, d.h, d.l, d.c, { candleSettings: SETTINGS, penetration: { cdlMorningStar: 0.5 } });
    const info = native.patternsInfo();
    const out = new Int16Array(info.length * d.o.length);
    const pen = new Float64Array(info.map((x) => (x.name === 'cdlMorningStar' ? 0.5 : (x.penetration ?? 0))));
    native.patterns(d.o, d.h, d.l, d.c, new Uint8Array(info.length).fill(1), pen, hean.candleSettingsVector(SETTINGS), out);
    expect(r.values).toEqual(out);
    const f = new Float64Array(info.length * d.o.length);
    native.patterns(d.o, d.h, d.l, d.c, new Uint8Array(info.length).fill(1), pen, hean.candleSettingsVector(SETTINGS), f);
    const k = info.findIndex((x) => x.name === 'cdlDoji');
    expect(Array.from(hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: SETTINGS }))).toEqual(Array.from(f.subarray(k * d.o.length, (k + 1) * d.o.length)));
    expect(hean.cdlDoji.lookback({ candleSettings: SETTINGS })).toBe(r.lookback[r.names.indexOf('cdlDoji')]);
  });

  it.skipIf(!ref.ok && !CI)('equals TA-Lib C 0.8 with the same candle settings (Python wheel)', () => {
    const d = candles(40_000, 99, 400);
    const got = hean.patterns(d.o, d.h, d.l, d.c, { candleSettings: SETTINGS });
    const want = wheel(d, got.names, hean.candleSettingsVector(SETTINGS));
    expect(got.lookback).toEqual(want.lookbacks);
    const n = got.n;
    for (let k = 0; k < got.names.length; k++) for (let i = 0; i < n; i++) if (got.values[k * n + i] !== want.rows[k * n + i]) throw new Error(`${got.names[k]}[${i}]: ${got.values[k * n + i]}, TA-Lib ${want.rows[k * n + i]}`);
  }, 60_000);

  it('the same errors as on the native engine', () => {
    const d = bars(100, 1);
    expect(() => hean.patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLong: { factor: -1 } } })).toThrow(/hean\.patterns: candleSettings\.bodyLong\.factor must be a finite number >= 0/);
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: { bodyDoji: { avgPeriod: 2.5 } } })).toThrow(/hean\.cdlDoji: candleSettings\.bodyDoji\.avgPeriod must be an integer in 0\.\.100000/);
    expect(() => hean.patterns(d.o, d.h, d.l, d.c, { penetration: -0.1 })).toThrow(/penetration of cdlAbandonedBaby must be a number in \[0, 3e37\]/);
    const count = native.patternsInfo().length;
    const bad = hean.candleSettingsVector(undefined);
    bad[1] = 2.5;
    for (const e of [wasm, native]) {
      expect(() => e.patternLookbacks(bad, new Float64Array(count))).toThrow(/hean\.patterns: candleSettings\.bodyLong\.avgPeriod must be an integer in 0\.\.100000/);
      expect(() => e.patterns(d.o, d.h, d.l, d.c, new Uint8Array(count).fill(1), new Float64Array(count), bad, new Int16Array(count * 100))).toThrow(RangeError);
      expect(() => e.patterns(d.o, d.h, d.l, d.c, new Uint8Array(count).fill(1), new Float64Array(count), hean.candleSettingsVector(undefined), new Int16Array(5))).toThrow(/out must hold one row of n per wanted pattern/);
      expect(() => e.patterns(d.o, d.h.subarray(1), d.l, d.c, new Uint8Array(count), new Float64Array(count), hean.candleSettingsVector(undefined), new Int16Array(0))).toThrow(/high must have the length of open/);
      expect(() => e.patterns(d.o, d.h, d.l, d.c, new Uint8Array(count), new Float64Array(count), hean.candleSettingsVector(undefined), new Int32Array(0) as never)).toThrow(/out must be an Int16Array or a Float64Array/);
    }
  });
});
