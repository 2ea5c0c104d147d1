// The candlestick pattern streams (src/stream/candles.gen.ts) against their batch cdl*
// functions on candles rich enough that every pattern fires: equal at every bar (Object.is),
// across gaps, replace() revisions and a snapshot → JSON → restore mid-run; and each
// pattern must fire on the data, so the comparison is never one of zeros only. With
// candleSettings: equal to the cdl* function with the same settings (itself checked
// against TA-Lib in test/candles), snapshots carrying the settings, the same errors.
import { describe, expect, it } from 'vitest';
import { indicator, indicatorTable } from '../../src/core/indicator.js';
import * as hean from '../../src/index.js';
import * as stream from '../../src/stream/index.js';
import { rng } from '../helpers.js';
import { candles, CUSTOM_SETTINGS } from '../support/candle-bars.js';

type PatternStream = {
  update(o: number, h: number, l: number, c: number): number;
  replace(o: number, h: number, l: number, c: number): number;
  snapshot(): unknown;
  restore(s: unknown): void;
};
type Ctor = new (o?: unknown) => PatternStream;

const patterns = [...indicatorTable().values()].filter((m) => /^cdl[0-9A-Z]/.test(m.name));
const n = 20000;
const full = candles(300000, 3, 400);

/**
 * n bars of the generated candles, around the first bar where the pattern fires (some fire
 * once in ~60,000 bars), with a NaN or ±inf in one input now and then (gaps).
 */
function barsFor(name: string) {
  const y = indicator<(...a: unknown[]) => Float64Array>(name)(full.o, full.h, full.l, full.c);
  const first = y.findIndex((v) => v !== 0 && !Number.isNaN(v));
  const from = Math.max(0, Math.min(first - (n >> 1), full.o.length - n));
  const cols = [full.o, full.h, full.l, full.c].map((x) => x.slice(from, from + n));
  const r = rng(5);
  for (let i = 0; i < n; i++) if (r() < 0.0007) cols[Math.floor(r() * 4)]![i] = r() < 0.5 ? NaN : -Infinity;
  return { o: cols[0]!, h: cols[1]!, l: cols[2]!, c: cols[3]! };
}

describe('candlestick pattern streams == batch, bit for bit', () => {
  it('covers all 61 patterns', () => expect(patterns.length).toBe(61));

  describe.each(patterns.map((m) => [m.name, m] as const))('%s', (name, meta) => {
    const Cls = (stream as unknown as Record<string, Ctor>)[name[0]!.toUpperCase() + name.slice(1)]!;
    const sets: unknown[] = meta.options.length ? [undefined, { penetration: 0 }, { penetration: 0.7 }] : [undefined];
    const bars = barsFor(name);
    it.each(sets.map((o) => [JSON.stringify(o) ?? 'defaults', o]))('options %s', (_label, opts) => {
      const want = indicator<(...a: unknown[]) => Float64Array>(name)(bars.o, bars.h, bars.l, bars.c, opts);
      const s = new Cls(opts);
      const r = rng(42);
      let fired = 0;
      let t: PatternStream = s;
      for (let i = 0; i < n; i++) {
        const bar = [bars.o[i]!, bars.h[i]!, bars.l[i]!, bars.c[i]!] as const;
        let got: number;
        if (r() < 0.2) {
          t.update(bar[0] + 3, bar[1] + 5, bar[2] - 4, bar[3] - 2);
          got = t.replace(...bar);
        } else {
          got = t.update(...bar);
        }
        if (!Object.is(got, want[i])) throw new Error(`${name}[${i}]: streamed ${got}, batch ${want[i]}`);
        if (got !== 0 && !Number.isNaN(got)) fired++;
        if (i === n >> 1) {
          const u = new Cls(opts);
          u.restore(JSON.parse(JSON.stringify(t.snapshot())));
          t = u;
        }
      }
      if (opts === undefined) expect(fired, `${name} never fired`).toBeGreaterThan(0);
    });
  });
});

/** The public cdl* function `name` (which takes candleSettings). */
const cdl = (name: string) => (hean as unknown as Record<string, (...a: unknown[]) => Float64Array>)[name]!;

// Non-default settings that move most patterns' lookbacks and thresholds.
const SETTINGS = { ...CUSTOM_SETTINGS, bodyShort: { avgPeriod: 13 }, far: { factor: 0.5 } } as const;

describe('candlestick pattern streams with candleSettings == batch cdl* with the same settings, bit for bit', () => {
  const unaffected: string[] = [];
  describe.each(patterns.map((m) => [m.name, m] as const))('%s', (name, meta) => {
    const Cls = (stream as unknown as Record<string, Ctor>)[name[0]!.toUpperCase() + name.slice(1)]!;
    const bars = barsFor(name);
    const opts: Record<string, unknown> = meta.options.length ? { penetration: 0.2, candleSettings: SETTINGS } : { candleSettings: SETTINGS };
    it('every bar, with gaps, replace() and a snapshot → JSON → restore', () => {
      const f = cdl(name);
      const want = f(bars.o, bars.h, bars.l, bars.c, opts);
      const plain = f(bars.o, bars.h, bars.l, bars.c, meta.options.length ? { penetration: 0.2 } : undefined);
      if (!want.some((v, i) => !Object.is(v, plain[i]))) unaffected.push(name);
      const s = new Cls(opts);
      const r = rng(7);
      let t: PatternStream = s;
      for (let i = 0; i < n; i++) {
        const bar = [bars.o[i]!, bars.h[i]!, bars.l[i]!, bars.c[i]!] as const;
        let got: number;
        if (r() < 0.2) {
          t.update(bar[0] - 2, bar[1] + 1, bar[2] - 6, bar[3] + 3);
          got = t.replace(...bar);
        } else got = t.update(...bar);
        if (!Object.is(got, want[i])) throw new Error(`${name} with settings [${i}]: streamed ${got}, batch ${want[i]}`);
        if (i === n >> 1) {
          const snap = JSON.parse(JSON.stringify(t.snapshot()));
          const u = new Cls(opts);
          u.restore(snap);
          t = u;
        }
      }
    });
  });
  it('the settings change the values of every pattern that reads a candle setting', () => {
    // TA-Lib's CDL3OUTSIDE, CDLENGULFING, CDLHIKKAKE and CDLXSIDEGAP3METHODS use no
    // TA_CANDLEAVERAGE (ta_CDL*.c); every other pattern must move with these settings.
    expect(unaffected.sort()).toEqual(['cdl3Outside', 'cdlEngulfing', 'cdlHikkake', 'cdlXSideGap3Methods']);
  });
});

describe('pattern stream candleSettings: snapshots, errors', () => {
  const d = candles(3000, 11);
  const feed = <S extends PatternStream>(s: S, to = d.o.length): S => {
    for (let i = 0; i < to; i++) s.update(d.o[i]!, d.h[i]!, d.l[i]!, d.c[i]!);
    return s;
  };
  it('a snapshot records the settings that differ from the defaults; restore() needs the same settings', () => {
    const s = feed(new stream.CdlDoji({ candleSettings: { bodyDoji: { rangeType: 'realBody', avgPeriod: 4, factor: 0.1 } } }), 1000);
    const snap = s.snapshot();
    // factor 0.1 is bodyDoji's default: not recorded; rangeType realBody is 0.
    expect(snap.options).toEqual({ 'candleSettings.bodyDoji.rangeType': 0, 'candleSettings.bodyDoji.avgPeriod': 4 });
    expect(s.candleSettings.bodyDoji).toEqual({ rangeType: 'realBody', avgPeriod: 4, factor: 0.1 });
    expect(s.candleSettings.near).toEqual({ rangeType: 'highLow', avgPeriod: 5, factor: 0.2 });
    expect(() => new stream.CdlDoji().restore(snap)).toThrow(RangeError);
    expect(() => new stream.CdlDoji({ candleSettings: { bodyDoji: { avgPeriod: 4 } } }).restore(snap)).toThrow(/snapshot has candleSettings\.bodyDoji\.rangeType=0, this instance candleSettings\.bodyDoji\.rangeType=1|snapshot has options/);
    const plainSnap = feed(new stream.CdlDoji(), 1000).snapshot();
    expect(() => s.restore(plainSnap)).toThrow(/snapshot has options/);
    // Settings equal to the defaults are the default stream: its snapshots (and earlier ones) restore.
    const same = new stream.CdlDoji({ candleSettings: { bodyDoji: { factor: 0.1 } } });
    same.restore(plainSnap);
    const ref = feed(new stream.CdlDoji(), 1000);
    for (let i = 1000; i < d.o.length; i++) expect(Object.is(same.update(d.o[i]!, d.h[i]!, d.l[i]!, d.c[i]!), ref.update(d.o[i]!, d.h[i]!, d.l[i]!, d.c[i]!))).toBe(true);
    // Restored settings stream continues as the batch function.
    const u = new stream.CdlDoji({ candleSettings: { bodyDoji: { rangeType: 'realBody', avgPeriod: 4 } } });
    u.restore(snap);
    const want = cdl('cdlDoji')(d.o, d.h, d.l, d.c, { candleSettings: { bodyDoji: { rangeType: 'realBody', avgPeriod: 4 } } });
    for (let i = 1000; i < d.o.length; i++) expect(u.update(d.o[i]!, d.h[i]!, d.l[i]!, d.c[i]!)).toBe(want[i]);
  });
  it('bad options: the errors of the cdl* function', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    const cases: [string, Record<string, unknown>][] = [
      ['cdlDoji', { candleSettings: { bodyDoji: { factor: -1 } } }],
      ['cdlDoji', { candleSettings: { bodyDoji: { rangeType: 'body' } } }],
      ['cdlDoji', { candleSettings: { bodyDoji: { avgPeriod: 2.5 } } }],
      ['cdlDoji', { candleSettings: { nearly: {} } }],
      ['cdlDoji', { candleSettings: { near: { width: 1 } } }],
      ['cdlDoji', { candleSettings: 3 }],
      ['cdlDoji', { candleSettings: {}, period: 3 }],
      ['cdlMorningStar', { candleSettings: {}, penetration: -1 }],
      ['cdlMorningStar', { candleSettings: {}, penetration: '0.3' }],
    ];
    for (const [name, o] of cases) {
      const Cls = (stream as unknown as Record<string, Ctor>)[name[0]!.toUpperCase() + name.slice(1)]!;
      const batch = message(() => cdl(name)(d.o, d.h, d.l, d.c, o));
      expect(batch, JSON.stringify(o)).toMatch(/^(TypeError|RangeError): hean\.cdl/);
      expect(message(() => new Cls(o)), JSON.stringify(o)).toBe(batch);
    }
  });
});
