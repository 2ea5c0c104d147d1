// Properties every indicator in the native table must have, checked for all of them:
// output shape, the gap (NaN) rule, many-series == single, sweep == single, async == sync,
// views and aliasing, and the argument errors.
import { describe, expect, it } from 'vitest';
import { indicator, indicatorTable, type IndicatorMeta } from '../src/core/indicator.js';
import { expectSame, sample } from './helpers.js';

type AnyFn = ((...a: unknown[]) => unknown) & {
  async(...a: unknown[]): Promise<unknown>;
  many(...a: unknown[]): unknown;
  manyAsync(...a: unknown[]): Promise<unknown>;
  sweep(...a: unknown[]): { params: Record<string, unknown>[]; length: number; values: unknown };
  lookback(o?: unknown, output?: string): number;
};

const N = 600;
const data = sample(N, 7);
const metas = [...indicatorTable().values()];
/** Many scan blocks (4,096 bars) long. */
const LONG = 140_000;
const long = sample(LONG, 11);

/** Inputs for an indicator by input name, from the OHLCV sample. */
/** Functions defined on [-1, 1] only: their inputs are mapped there (sin of the prices). */
const UNIT_DOMAIN = new Set(['acos', 'asin']);

function inputsFor(meta: IndicatorMeta, d = data, n = N): Float64Array[] {
  const ins = rawInputsFor(meta, d, n);
  return UNIT_DOMAIN.has(meta.name) ? ins.map((x) => x.map(Math.sin)) : ins;
}

function rawInputsFor(meta: IndicatorMeta, d: typeof data, n: number): Float64Array[] {
  return meta.inputs.slice(0, meta.required).map((name, k) => {
    const src = (d as unknown as Record<string, Float64Array>)[name];
    if (src) return src.slice(0, n);
    // Generic second series (e.g. a benchmark for beta/correlation): another walk.
    return sample(n, 100 + k).close;
  });
}

/**
 * Outputs that are bar indices into the whole series (TA-Lib MAXINDEX & co.): a run computed
 * on its own counts from its first bar, so it is shifted by the run's start to compare.
 */
const INDEX_OUTPUTS: Record<string, readonly string[]> = { maxIndex: ['maxIndex'], minIndex: ['minIndex'], minMaxIndex: ['minIndex', 'maxIndex'] };
function shiftIndices(meta: IndicatorMeta, outs: Float64Array[], by: number): Float64Array[] {
  const idx = INDEX_OUTPUTS[meta.name] ?? [];
  return outs.map((o, k) => (idx.includes(meta.outputs[k]!) ? o.map((v) => v + by) : o));
}

function outputsOf(meta: IndicatorMeta, r: unknown): Float64Array[] {
  return meta.outputs.length === 1 ? [r as Float64Array] : meta.outputs.map((o) => (r as Record<string, Float64Array>)[o]!);
}

/** Options small enough to leave values in a 600-bar sample. */
function smallOptions(meta: IndicatorMeta): Record<string, number> {
  const o: Record<string, number> = {};
  for (const opt of meta.options) {
    if (opt.choices) continue;
    o[opt.name] = opt.integer && opt.default > 30 ? Math.max(opt.min, 30) : opt.default;
  }
  return o;
}

describe.each(metas.map((m) => [m.name, m] as const))('%s', (name, meta) => {
  const f = indicator<AnyFn>(name);
  const ins = inputsFor(meta);
  const opts = smallOptions(meta);
  const base = outputsOf(meta, f(...ins, opts));

  it('keeps the input length, NaN before the lookback, values after', () => {
    const lb = f.lookback(opts);
    expect(base).toHaveLength(meta.outputs.length);
    for (const o of base) expect(o.length).toBe(N);
    expect(base[0]!.slice(0, lb).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(base[0]![lb]!)).toBe(false);
  });

  it('is deterministic and accepts number[] the same as Float64Array', () => {
    const again = outputsOf(meta, f(...ins.map((x) => Array.from(x)), opts));
    base.forEach((o, k) => expectSame(again[k]!, o, meta.outputs[k]));
  });

  it('gap rule: a NaN bar splits the series into independently computed runs', () => {
    const cut = 250;
    const gapped = ins.map((x) => x.slice());
    gapped[0]![cut] = NaN;
    const r = outputsOf(meta, f(...gapped, opts));
    const left = outputsOf(meta, f(...ins.map((x) => x.slice(0, cut)), opts));
    const right = shiftIndices(meta, outputsOf(meta, f(...ins.map((x) => x.slice(cut + 1)), opts)), cut + 1);
    r.forEach((o, k) => {
      expectSame(o.slice(0, cut), left[k]!, `${meta.outputs[k]} before gap`);
      expect(o[cut]).toBeNaN();
      expectSame(o.slice(cut + 1), right[k]!, `${meta.outputs[k]} after gap`);
    });
    // ±Infinity is a gap too.
    const inf = ins.map((x) => x.slice());
    inf[inf.length - 1]![cut] = Infinity;
    const ri = outputsOf(meta, f(...inf, opts));
    ri.forEach((o, k) => expectSame(o, r[k]!, `${meta.outputs[k]} with Infinity`));
  });

  it('the short call path (arrays passed to the addon as arguments) gives the general path\'s bits', () => {
    // A number (or no) option and Float64Array inputs/out take the direct path; an options
    // object takes the general one.
    const first = meta.options[0];
    const num = first ? opts[first.name] : undefined;
    const viaObject = outputsOf(meta, f(...ins, opts));
    const direct = outputsOf(meta, num === undefined ? f(...ins) : f(...ins, num));
    const rest = Object.fromEntries(Object.entries(opts).filter(([k]) => k !== first?.name));
    const general = outputsOf(meta, f(...ins, { ...rest, ...(first ? { [first.name]: num } : {}) }));
    if (Object.keys(rest).every((k) => rest[k] === meta.options.find((o) => o.name === k)!.default)) {
      direct.forEach((o, k) => expectSame(o, general[k]!, `${meta.outputs[k]} direct`));
    }
    viaObject.forEach((o, k) => expectSame(o, general[k]!, `${meta.outputs[k]} general`));
    if (meta.outputs.length === 1) {
      const out = new Float64Array(N).fill(7);
      const r = num === undefined ? f(...ins, undefined, out) : f(...ins, num, out);
      expect(r).toBe(out);
      if (Object.keys(rest).every((k) => rest[k] === meta.options.find((o) => o.name === k)!.default)) expectSame(out, general[0]!, 'direct into out');
    }
  });

  it('is causal: a prefix of the series gives the first values of the whole series', () => {
    // (chikou looks ahead by design.) The driver's speculative run relies on this.
    for (const m of [1, 37, 251, N - 1]) {
      const pre = outputsOf(meta, f(...ins.map((x) => x.slice(0, m)), opts));
      pre.forEach((o, k) => {
        if (meta.outputs[k] !== 'chikou') expectSame(o, base[k]!.slice(0, m), `${meta.outputs[k]} prefix ${m}`);
      });
    }
  });

  it('gap rule on a long series (one speculative kernel run, redone run by run from the first gap)', () => {
    const ins = inputsFor(meta, long, LONG);
    // Gaps: inside the warm-up, in the middle, an infinity, and the last bar.
    const gaps: [number, number][] = [[0, 3], [0, 70_001], [ins.length - 1, 100_000], [0, LONG - 1]];
    const gapped = ins.map((x) => x.slice());
    for (const [k, at] of gaps) gapped[k]![at] = at === 100_000 ? -Infinity : NaN;
    const r = outputsOf(meta, f(...gapped, opts));
    const cuts = [...new Set(gaps.map(([, at]) => at))].sort((a, b) => a - b);
    let from = 0;
    for (const cut of [...cuts, LONG]) {
      if (cut > from) {
        const run = shiftIndices(meta, outputsOf(meta, f(...ins.map((x) => x.slice(from, cut)), opts)), from);
        r.forEach((o, k) => expectSame(o.slice(from, cut), run[k]!, `${meta.outputs[k]} run ${from}..${cut}`));
      }
      if (cut < LONG) r.forEach((o) => expect(o[cut]).toBeNaN());
      from = cut + 1;
    }
  });

  it('each output starts at its lookback; shorter input gives all NaN; empty gives empty', () => {
    meta.outputs.forEach((o, k) => {
      const lb = f.lookback(opts, o);
      // Outputs that look ahead (ichimoku's lagging span) end early instead of starting late.
      if (lb > 0) expect(Number.isNaN(base[k]![lb - 1]!) && !Number.isNaN(base[k]![lb]!), `${o} at ${lb}`).toBe(true);
    });
    const minLb = Math.min(...meta.outputs.map((o) => f.lookback(opts, o)));
    const short = ins.map((x) => x.slice(0, minLb));
    for (const o of outputsOf(meta, f(...short, opts))) expect(o.every(Number.isNaN)).toBe(true);
    for (const o of outputsOf(meta, f(...ins.map(() => new Float64Array(0)), opts))) expect(o.length).toBe(0);
  });

  it('reads subarray views in place and writes into out', () => {
    const views = ins.map((x) => {
      const big = new Float64Array(N + 3);
      big.set(x, 3);
      return big.subarray(3);
    });
    const outs = meta.outputs.map(() => new Float64Array(N));
    const outArg = meta.outputs.length === 1 ? outs[0] : Object.fromEntries(meta.outputs.map((o, k) => [o, outs[k]]));
    const r = outputsOf(meta, f(...views, opts, outArg));
    r.forEach((o, k) => {
      expect(o).toBe(outs[k]);
      expectSame(o, base[k]!, meta.outputs[k]);
    });
  });

  it('out aliasing an input gives the right answer', () => {
    const copy = ins.map((x) => x.slice());
    const outArg = meta.outputs.length === 1 ? copy[0] : { [meta.outputs[0]!]: copy[0] };
    const r = outputsOf(meta, f(...copy, opts, outArg));
    expectSame(r[0]!, base[0]!, 'aliased');
  });

  it('many == single, column by column (SIMD block, block with a gap, leftovers)', () => {
    const series = 19; // block 0 clean (SIMD), block 1 has a gap (per column), 3 leftovers
    const rows = 200;
    const cols = Array.from({ length: series }, (_, j) => inputsFor(meta, sample(rows, 1000 + j), rows));
    cols[10]![0]![50] = NaN;
    const mats = meta.inputs.slice(0, meta.required).map((_, k) => {
      const m = new Float64Array(rows * series);
      for (let j = 0; j < series; j++) m.set(cols[j]![k]!, j * rows);
      return m;
    });
    const r = outputsOf(meta, f.many(...mats, series, opts));
    for (let j = 0; j < series; j++) {
      const single = outputsOf(meta, f(...cols[j]!, opts));
      single.forEach((s, k) => {
        expectSame(r[k]!.subarray(j * rows, (j + 1) * rows), s, `series ${j} ${meta.outputs[k]}`);
      });
    }
  });

  it('sweep == single for each combination; async == sync', async () => {
    const first = meta.options.find((o) => o.integer && !o.choices);
    if (first) {
      const values = [first.min, Math.max(first.min, Math.min(first.max, 7)), Math.max(first.min, Math.min(first.max, 13))];
      const s = f.sweep(...ins, { ...opts, [first.name]: values });
      expect(s.params).toHaveLength(3);
      const rows = outputsOf(meta, s.values);
      s.params.forEach((p, c) => {
        const single = outputsOf(meta, f(...ins, p));
        single.forEach((o, k) => expectSame(rows[k]!.subarray(c * N, (c + 1) * N), o, `combo ${c}`));
      });
    }
    const a = outputsOf(meta, await f.async(...ins, opts));
    a.forEach((o, k) => expectSame(o, base[k]!, 'async'));
  });

  it('rejects bad arguments with TypeError / RangeError naming them', () => {
    expect(() => f(...ins.slice(0, -1))).toThrow(TypeError);
    expect(() => f(...ins.slice(0, -1), 'x', opts)).toThrow(TypeError);
    expect(() => f(...ins.slice(0, -1), new Float32Array(N), opts)).toThrow(/must be a Float64Array or an array of numbers/);
    if (ins.length > 1) expect(() => f(...ins.slice(0, -1), ins[0]!.subarray(1), opts)).toThrow(RangeError);
    expect(() => f(...ins, { nope: 1 })).toThrow(/unknown option 'nope'/);
    expect(() => f(...ins, opts, new Float64Array(N - 1))).toThrow(meta.outputs.length === 1 ? RangeError : TypeError);
    for (const o of meta.options) {
      if (o.choices) {
        expect(() => f(...ins, { [o.name]: 'bogus' })).toThrow(RangeError);
        continue;
      }
      if (o.integer) {
        expect(() => f(...ins, { [o.name]: o.min - 1 })).toThrow(new RegExp(`option '${o.name}'`));
        if (o.max - o.min > 1) expect(() => f(...ins, { [o.name]: o.min + 0.5 })).toThrow(RangeError);
      }
      expect(() => f(...ins, { [o.name]: NaN })).toThrow(RangeError);
      expect(() => f(...ins, { [o.name]: '5' })).toThrow(TypeError);
    }
    const getter = Object.defineProperty({}, meta.options[0]?.name ?? 'x', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    if (meta.options.length) expect(() => f(...ins, getter)).toThrow(TypeError);
  });
});

describe('table', () => {
  it('names are unique lower camel case and documented', () => {
    const names = metas.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const m of metas) {
      expect(m.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(m.summary.length).toBeGreaterThan(5);
      for (const o of m.options) expect(o.doc.length, `${m.name}.${o.name}`).toBeGreaterThan(3);
    }
  });
});

describe('sweep into out', () => {
  it('writes combos × bars into a given array', () => {
    const f = indicator<AnyFn>('sma');
    const out = new Float64Array(3 * N);
    const s = f.sweep(data.close, { period: [2, 5, 9] }, out) as unknown as { values: Float64Array };
    expect(s.values).toBe(out);
    expectSame(out.subarray(N, 2 * N), f(data.close, 5) as Float64Array, 'period 5');
    expect(() => f.sweep(data.close, { period: [2, 5] }, out)).toThrow(RangeError);
  });
});
