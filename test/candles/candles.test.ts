// The 61 candlestick patterns (cdl2Crows … cdlXSideGap3Methods, and patterns()) against
// TA-Lib C 0.8 itself (the Python TA-Lib 0.8.2 wheel): equal on every bar, with the same
// lookback, on generated candles rich enough that every pattern fires in each direction
// TA-Lib gives it, and on the embedded real sample; custom candle settings and
// penetrations against the wheel with the same settings; gaps; errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/index.js';
import * as stream from '../../src/stream/index.js';
import { candleSettingsVector, patternNames, patterns } from '../../src/patterns.js';
import { sampleCsv } from '../backtest/pyref.js';
import { candles, CUSTOM_SETTINGS, type Bars } from '../support/candle-bars.js';
import { CI, ref, taName, wheel } from './wheel.js';

// The directions each pattern has in TA-Lib's source (ta_CDL*.c): only -100, only +100, or both.
const BEARISH_ONLY = 'CDL2CROWS CDL3BLACKCROWS CDLADVANCEBLOCK CDLDARKCLOUDCOVER CDLEVENINGDOJISTAR CDLEVENINGSTAR CDLHANGINGMAN CDLIDENTICAL3CROWS CDLINNECK CDLONNECK CDLSHOOTINGSTAR CDLSTALLEDPATTERN CDLTHRUSTING CDLUPSIDEGAP2CROWS'.split(' ');
const BULLISH_ONLY = 'CDL3STARSINSOUTH CDL3WHITESOLDIERS CDLCONCEALBABYSWALL CDLDOJI CDLDRAGONFLYDOJI CDLGRAVESTONEDOJI CDLHAMMER CDLHOMINGPIGEON CDLINVERTEDHAMMER CDLLADDERBOTTOM CDLLONGLEGGEDDOJI CDLMATCHINGLOW CDLMATHOLD CDLMORNINGDOJISTAR CDLMORNINGSTAR CDLPIERCING CDLRICKSHAWMAN CDLSTICKSANDWICH CDLTAKURI CDLUNIQUE3RIVER'.split(' ');

function realBars(): Bars {
  const s = sampleCsv();
  return { o: s.open, h: s.high, l: s.low, c: s.close };
}

/** Mismatches of hean's Int16 rows against the wheel's (lookback and every bar). */
function compare(got: hean.PatternsResult<Int16Array>, want: { rows: Int16Array; lookbacks: number[] }, label: string): string[] {
  const bad: string[] = [];
  const n = got.n;
  got.names.forEach((name, k) => {
    if (got.lookback[k] !== want.lookbacks[k]) bad.push(`${label} ${name}: lookback ${got.lookback[k]}, TA-Lib ${want.lookbacks[k]}`);
    for (let i = 0; i < n; i++) {
      if (got.values[k * n + i] !== want.rows[k * n + i]) {
        bad.push(`${label} ${name}[${i}]: ${got.values[k * n + i]}, TA-Lib ${want.rows[k * n + i]}`);
        break;
      }
    }
  });
  return bad;
}

describe('candlestick patterns', () => {
  it('the list is TA-Lib 0.8 Pattern Recognition, in its order, each a cdl* indicator of hean and of hean/talib', async () => {
    const names = patternNames();
    expect(names.length).toBe(61);
    const { functions } = await import('../../src/talib/index.js');
    expect(names.map(taName)).toEqual(functions.filter((f) => f.group === 'Pattern Recognition').map((f) => f.name));
    for (const name of names) expect(typeof (hean as Record<string, unknown>)[name], name).toBe('function');
  });

  describe.skipIf(!ref.ok && !CI)('vs TA-Lib C 0.8 (Python wheel)', () => {
    it('every pattern equals TA-Lib on every bar of 300,000 generated candles, and fires in each direction TA-Lib has', () => {
      const d = candles(300_000, 7);
      const got = patterns(d.o, d.h, d.l, d.c);
      const want = wheel(d, got.names);
      expect(compare(got, want, 'generated')).toEqual([]);
      const n = got.n;
      const missing: string[] = [];
      got.names.forEach((name, k) => {
        let pos = 0, neg = 0;
        for (let i = 0; i < n; i++) {
          const v = got.values[k * n + i]!;
          if (v > 0) pos++;
          else if (v < 0) neg++;
        }
        const ta = taName(name);
        if (!BEARISH_ONLY.includes(ta) && pos === 0) missing.push(`${name} +`);
        if (!BULLISH_ONLY.includes(ta) && neg === 0) missing.push(`${name} -`);
        if (BEARISH_ONLY.includes(ta)) expect(pos, `${name} is bearish only`).toBe(0);
        if (BULLISH_ONLY.includes(ta)) expect(neg, `${name} is bullish only`).toBe(0);
      });
      expect(missing, 'patterns that never fired in a direction').toEqual([]);
      // The graded values: hikkake's confirmations (+-200), engulfing's and harami's +-80.
      for (const [name, v] of [['cdlHikkake', 200], ['cdlHikkake', -200], ['cdlHikkakeMod', 200], ['cdlHikkakeMod', -200], ['cdlEngulfing', 80], ['cdlEngulfing', -80], ['cdlHarami', 80], ['cdlHarami', -80]] as const) {
        expect(got.get(name).includes(v), `${name} gives ${v}`).toBe(true);
      }
    }, 120_000);

    it('every pattern equals TA-Lib on the real sample', () => {
      const d = realBars();
      const got = patterns(d.o, d.h, d.l, d.c);
      expect(compare(got, wheel(d, got.names), 'real')).toEqual([]);
    }, 60_000);

    it('custom candle settings and penetrations equal TA-Lib with the same settings', () => {
      const d = candles(60_000, 99);
      const candleSettings: hean.CandleSettings = CUSTOM_SETTINGS;
      const got = patterns(d.o, d.h, d.l, d.c, { candleSettings });
      const want = wheel(d, got.names, candleSettingsVector(candleSettings));
      expect(compare(got, want, 'settings')).toEqual([]);
      // The lookback follows the settings (cdl2Crows: bodyLong's period + 2).
      expect(got.lookback[got.names.indexOf('cdl2Crows')]).toBe(9);
      // Penetration: hean's option against TA-Lib's (the wheel's default settings).
      for (const name of ['cdlDarkCloudCover', 'cdlMorningStar', 'cdlMatHold']) {
        const f = (hean as unknown as Record<string, (o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, x: { penetration: number }) => Float64Array>)[name]!;
        const mine = f(d.o, d.h, d.l, d.c, { penetration: 0.1 });
        const r = spawnSync(ref.ok ? ref.python : 'false', ['-c', `import sys,numpy as np,talib;b=sys.argv[1];o,h,l,c=(np.fromfile(b+'.'+k) for k in 'ohlc');getattr(talib,sys.argv[2])(o,h,l,c,penetration=0.1).astype(np.int16).tofile(b+'.pen')`, writeBars(d), taName(name)]);
        expect(r.status).toBe(0);
        const w = new Int16Array(readFileSync(`${lastBase}.pen`).buffer.slice(0));
        const lb = (hean as unknown as Record<string, { lookback(o: { penetration: number }): number }>)[name]!.lookback({ penetration: 0.1 });
        expect(Number.isNaN(mine[lb - 1]!) && !Number.isNaN(mine[lb]!)).toBe(true);
        for (let i = lb; i < w.length; i++) if (mine[i] !== w[i]) throw new Error(`${name} penetration 0.1 [${i}]: ${mine[i]}, TA-Lib ${w[i]}`);
      }
    }, 60_000);

    it('each cdl* function takes candleSettings per call: equal to TA-Lib after _ta_set_candle_settings, defaults untouched', () => {
      const d = candles(40_000, 123);
      const cases: [string, hean.CandleSettings, Record<string, number>?][] = [
        ['cdlDoji', { bodyDoji: { factor: 0.3 } }],
        ['cdlDoji', { bodyDoji: { rangeType: 'realBody', avgPeriod: 3, factor: 0.5 } }],
        ['cdlHammer', { bodyShort: { avgPeriod: 5, factor: 2 }, shadowLong: { factor: 0.5 }, near: { avgPeriod: 2, factor: 0.5 } }],
        ['cdlHarami', { bodyLong: { avgPeriod: 4, factor: 2 } }],
        ['cdlMorningStar', { bodyLong: { avgPeriod: 3, factor: 0.8 }, bodyShort: { rangeType: 'highLow', factor: 0.4 } }, { penetration: 0.3 }],
        ['cdl3WhiteSoldiers', { shadowVeryShort: { factor: 0.5 }, near: { factor: 0.4 }, far: { factor: 0.8 } }],
      ];
      for (const [name, candleSettings, extra] of cases) {
        const f = (hean as unknown as Record<string, hean.OptionlessCandleIndicator<[Float64Array, Float64Array, Float64Array, Float64Array], Float64Array>>)[name]!;
        const mine = f(d.o, d.h, d.l, d.c, { ...extra, candleSettings });
        const want = wheel(d, [name], candleSettingsVector(candleSettings));
        const lb = f.lookback({ candleSettings });
        expect(lb, `${name} lookback`).toBe(want.lookbacks[0]);
        for (let i = 0; i < lb; i++) expect(mine[i]).toBeNaN();
        for (let i = lb; i < d.o.length; i++) if (mine[i] !== want.rows[i]) throw new Error(`${name} ${JSON.stringify(candleSettings)} [${i}]: ${mine[i]}, TA-Lib ${want.rows[i]}`);
        // The settings changed something, and were not left behind as global state.
        const plain = f(d.o, d.h, d.l, d.c);
        expect(plain.some((v, i) => v !== mine[i] && !(Number.isNaN(v) && Number.isNaN(mine[i]!))), `${name} settings have an effect`).toBe(true);
        const def = wheel(d, [name]);
        for (let i = f.lookback(); i < d.o.length; i++) if (plain[i] !== def.rows[i]) throw new Error(`${name} defaults after settings [${i}]: ${plain[i]}, TA-Lib ${def.rows[i]}`);
      }
    }, 60_000);

    it('each pattern stream with candleSettings equals TA-Lib with the same settings on every bar', () => {
      const d = candles(20_000, 5, 400);
      const candleSettings: hean.CandleSettings = {
        bodyLong: { avgPeriod: 6, factor: 0.9 },
        bodyVeryLong: { avgPeriod: 4 },
        bodyShort: { rangeType: 'highLow', factor: 0.5 },
        bodyDoji: { avgPeriod: 3, factor: 0.2 },
        shadowVeryShort: { avgPeriod: 15, factor: 0.2 },
        near: { rangeType: 'shadows', avgPeriod: 2 },
        far: { avgPeriod: 8, factor: 0.4 },
        equal: { factor: 0.1 },
      };
      const names = patternNames();
      const want = wheel(d, names, candleSettingsVector(candleSettings));
      const n = d.o.length;
      names.forEach((name, k) => {
        const s = new (stream as unknown as Record<string, new (o: unknown) => { update(o: number, h: number, l: number, c: number): number }>)[name[0]!.toUpperCase() + name.slice(1)]!({ candleSettings });
        const lb = want.lookbacks[k]!;
        for (let i = 0; i < n; i++) {
          const v = s.update(d.o[i]!, d.h[i]!, d.l[i]!, d.c[i]!);
          if (i < lb ? !Number.isNaN(v) : v !== want.rows[k * n + i]) throw new Error(`${name} stream with settings [${i}]: ${v}, TA-Lib ${i < lb ? 'warm-up' : want.rows[k * n + i]}`);
        }
      });
    }, 60_000);
  });

  it('each cdl* indicator equals its patterns() row; NaN in the warm-up', () => {
    const d = candles(20_000, 3);
    const all = patterns(d.o, d.h, d.l, d.c, { output: 'float64' });
    const ints = patterns(d.o, d.h, d.l, d.c);
    for (const name of all.names) {
      const f = (hean as unknown as Record<string, ((o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array) => Float64Array) & { lookback(): number }>)[name]!;
      const y = f(d.o, d.h, d.l, d.c);
      expect(y, name).toEqual(all.get(name));
      const lb = f.lookback();
      expect(lb).toBe(all.lookback[all.names.indexOf(name)]);
      expect(Number.isNaN(y[lb - 1] ?? NaN) && !Number.isNaN(y[lb]!), `${name} warm-up`).toBe(true);
      expect(Array.from(ints.get(name).subarray(lb))).toEqual(Array.from(y.subarray(lb)));
    }
  });

  it('a bar with a non-finite input is a gap: NaN / 0 there, each run computed on its own', () => {
    const d = candles(3000, 5);
    const cut = 1500;
    const g = { o: d.o.slice(), h: d.h.slice(), l: d.l.slice(), c: d.c.slice() };
    g.h[cut] = NaN;
    const whole = patterns(g.o, g.h, g.l, g.c, { output: 'float64' });
    const ints = patterns(g.o, g.h, g.l, g.c);
    const after = patterns(d.o.subarray(cut + 1), d.h.subarray(cut + 1), d.l.subarray(cut + 1), d.c.subarray(cut + 1), { output: 'float64' });
    const before = patterns(d.o.subarray(0, cut), d.h.subarray(0, cut), d.l.subarray(0, cut), d.c.subarray(0, cut), { output: 'float64' });
    for (const name of whole.names) {
      const w = whole.get(name);
      expect(Number.isNaN(w[cut]!)).toBe(true);
      expect(ints.get(name)[cut]).toBe(0);
      expect(w.subarray(cut + 1)).toEqual(after.get(name));
      expect(w.subarray(0, cut)).toEqual(before.get(name));
      expect((hean as unknown as Record<string, (...a: Float64Array[]) => Float64Array>)[name]!(g.o, g.h, g.l, g.c)).toEqual(w);
    }
  });

  it('only, penetration by name, and hand-checked values', () => {
    // A long white candle, then a black one opening above its high and closing below its
    // midpoint: dark cloud cover (-100) at bar 11 after 10 equal candles; with penetration
    // 0.8 the close must reach 80% into the body, which it does not.
    const o = [...Array(10).fill(100), 100, 112];
    const c = [...Array(10).fill(101), 110, 104];
    const hi = [...Array(10).fill(101.5), 111, 112.5];
    const lo = [...Array(10).fill(99.5), 99.5, 103.5];
    const r = patterns(o, hi, lo, c, { only: ['cdlDarkCloudCover', 'cdlEngulfing'] });
    expect(r.names, 'list order').toEqual(['cdlDarkCloudCover', 'cdlEngulfing']);
    expect(r.get('cdlDarkCloudCover')[11]).toBe(-100);
    expect(patterns(o, hi, lo, c, { only: ['cdlDarkCloudCover'], penetration: { cdlDarkCloudCover: 0.8 } }).get('cdlDarkCloudCover')[11]).toBe(0);
    expect(patterns(o, hi, lo, c, { only: ['cdlDarkCloudCover'], penetration: 0.8 }).get('cdlDarkCloudCover')[11]).toBe(0);
    expect(hean.cdlDarkCloudCover(o, hi, lo, c)[11]).toBe(-100);
    expect(hean.cdlDarkCloudCover(o, hi, lo, c, { penetration: 0.8 })[11]).toBe(0);
    // Not an engulfing: the black body opens above the white close but closes above its open (104 > 100).
    expect(r.get('cdlEngulfing')[11]).toBe(0);
  });

  it('cdl* candleSettings: out, errors naming the setting, refused by the other forms', () => {
    const d = candles(2000, 5);
    const s = { bodyDoji: { factor: 0.2 } };
    const r = hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: s });
    const out = new Float64Array(2000);
    expect(hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: s }, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(r));
    expect(Array.from(r)).toEqual(Array.from(patterns(d.o, d.h, d.l, d.c, { only: ['cdlDoji'], candleSettings: s, output: 'float64' }).get('cdlDoji')));
    // {} settings are TA-Lib's defaults.
    expect(Array.from(hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: {} }))).toEqual(Array.from(hean.cdlDoji(d.o, d.h, d.l, d.c)));
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: { bodyDoji: { factor: -1 } } })).toThrow(RangeError);
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: { bodyDoji: { factor: -1 } } })).toThrow(/hean\.cdlDoji: candleSettings\.bodyDoji\.factor must be a finite number >= 0/);
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: { bodyDoji: { rangeType: 'x' as never } } })).toThrow(/bodyDoji\.rangeType must be 'realBody', 'highLow' or 'shadows'/);
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: { nearly: {} } as never })).toThrow(/candleSettings\.nearly is not a candle setting; allowed: bodyLong/);
    expect(() => hean.cdlDoji(d.o, d.h, d.l, d.c, { candleSettings: s, period: 3 } as never)).toThrow(/unknown option 'period'; allowed: candleSettings/);
    expect(() => hean.cdlMorningStar(d.o, d.h, d.l, d.c, { candleSettings: s, penetration: -1 })).toThrow(/penetration/);
    expect(() => hean.cdlDoji.many(d.o, d.h, d.l, d.c, 1, { candleSettings: s } as never)).toThrow(/candleSettings is taken by the call and lookback\(\) only/);
    return expect(hean.cdlDoji.async(d.o, d.h, d.l, d.c, { candleSettings: s } as never)).rejects.toThrow(RangeError);
  });

  it('bad arguments: errors naming the argument and the allowed values', () => {
    const d = candles(100, 1);
    expect(() => patterns(d.o, d.h, d.l, d.c, { only: ['cdlNope'] })).toThrow(/'cdlNope' is not a pattern/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLong: { rangeType: 'body' as never } } })).toThrow(RangeError);
    expect(() => patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLong: { rangeType: 'body' as never } } })).toThrow(/bodyLong\.rangeType must be 'realBody', 'highLow' or 'shadows'/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLong: { avgPeriod: 2.5 } } })).toThrow(/avgPeriod must be an integer in 0\.\.100000/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLong: { factor: -1 } } })).toThrow(/factor must be a finite number >= 0/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { candleSettings: { bodyLen: {} } as never })).toThrow(/bodyLen is not a candle setting; allowed: bodyLong/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { penetration: -0.1 })).toThrow(/penetration of cdlAbandonedBaby must be a number in \[0, 3e37\]/);
    expect(() => patterns(d.o, d.h, d.l, d.c, { penetration: { cdlDoji: 0.2 } })).toThrow(/only cdlAbandonedBaby, .* take a penetration/);
    expect(() => patterns(d.o, d.h.subarray(1), d.l, d.c)).toThrow(/high has 99 bars, open 100/);
    expect(() => patterns(d.o, d.h, d.l, 'x')).toThrow(TypeError);
    expect(() => patterns(d.o, d.h, d.l, d.c, { outptu: 'int16' } as never)).toThrow(/unknown option 'outptu'/);
    expect(() => hean.cdlMatHold(d.o, d.h, d.l, d.c, { penetration: -1 })).toThrow(/penetration/);
    // Empty input: empty rows.
    expect(patterns([], [], [], []).values.length).toBe(0);
  });
});

let lastBase = '';
function writeBars(d: Bars): string {
  lastBase = join(mkdtempSync(join(tmpdir(), 'hean-cdl-')), 'bars');
  for (const k of ['o', 'h', 'l', 'c'] as const) writeFileSync(`${lastBase}.${k}`, new Uint8Array(d[k].buffer, d[k].byteOffset, d[k].byteLength));
  return lastBase;
}
