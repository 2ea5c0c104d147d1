// The candlestick pattern streams (src/stream/candles.gen.ts) against their batch cdl*
// functions on candles rich enough that every pattern fires: equal at every bar (Object.is),
// across gaps, replace() revisions and a snapshot → JSON → restore mid-run; and each
// pattern must fire on the data, so the comparison is never one of zeros only.
import { describe, expect, it } from 'vitest';
import { indicator, indicatorTable } from '../../src/core/indicator.js';
import * as stream from '../../src/stream/index.js';
import { rng } from '../helpers.js';
import { candles } from '../support/candle-bars.js';

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
