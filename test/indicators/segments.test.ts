// Long single series through the kernels whose one-series path runs several independent
// stretches at once (eight re-sum segments as V8 lanes, chunked passes): at every bar the
// value equals, bit for bit, the streaming class's (the scalar order, one bar at a time)
// and the 8-lane many-series kernel's (eight copies of the series, each lane one whole
// series). Runs are long enough for many segment groups, with a few gaps.
import { describe, expect, it } from 'vitest';
import { indicator, indicatorTable } from '../../src/core/indicator.js';
import * as stream from '../../src/stream/index.js';
import { rng, sample } from '../helpers.js';

type Ctor = new (o?: unknown) => { update(...x: number[]): unknown };

const CASES: Record<string, unknown[]> = {
  stddev: [undefined, { period: 2, stdDev: 2 }, 5, 16, 17, 64, 130],
  variance: [undefined, 2, 16, 20, 64, 130],
  vwma: [undefined, 1, 2, 5, 17, 128, 130],
  atr: [undefined, 1, 2, 5, 17],
  natr: [undefined, 1, 2, 5, 17],
  maxIndex: [undefined, 2, 3, 30, 130],
  minIndex: [undefined, 2, 3, 30, 130],
  minMaxIndex: [undefined, 2, 3, 30, 130],
  aroon: [undefined, 2, 3, 25, 130],
  aroonOsc: [undefined, 2, 3, 25, 130],
  willr: [undefined, 2, 3, 25, 130],
  donchian: [undefined, 2, 3, 25, 130],
  midprice: [undefined, 2, 3, 25, 130],
  stoch: [undefined, { fastK: 2, slowK: 1, slowD: 1 }, { fastK: 25, slowK: 3, slowD: 4 }],
  // Eight re-seed intervals (32·period bars) as lanes; 100: one group and the scalar rest.
  ...Object.fromEntries(['linearreg', 'linearregIntercept', 'linearregSlope', 'linearregAngle', 'tsf'].map((k) => [k, [undefined, 2, 5, 100]])),
};

const N = 40_000;
function series(seed: number) {
  const d = sample(N, seed) as unknown as Record<string, Float64Array>;
  const r = rng(seed + 1);
  for (const k of Object.keys(d)) for (let i = 0; i < N; i++) if (r() < 0.00003) d[k]![i] = NaN;
  // Zero volumes in runs (vwma's empty windows).
  for (let i = 20_000; i < 20_300; i++) d.volume![i] = 0;
  return d;
}

describe.each(Object.entries(CASES))('%s: one long series', (name, sets) => {
  const meta = indicatorTable().get(name)!;
  const batch = indicator<(...a: unknown[]) => unknown>(name);
  const Cls = (stream as unknown as Record<string, Ctor>)[name[0]!.toUpperCase() + name.slice(1)]!;
  const d = series(11);
  // Ties (the index family's TA-Lib tie rule): a second close rounded to whole units, with signed zeros.
  const tied = Float64Array.from(d.close!, (v, i) => (i % 97 === 5 ? -0 : i % 89 === 3 ? 0 : Math.round(v / 3)));
  const plain = meta.inputs.slice(0, meta.required).map((k) => d[k] ?? d.close!);
  // High, low and close all rounded (with the signed zeros) for the rolling extremes' ties.
  const round = (a: Float64Array) => Float64Array.from(a, (v, i) => (i % 97 === 5 ? -0 : i % 89 === 3 ? 0 : Math.round(v / 3)));
  const ties = meta.inputs.slice(0, meta.required).map((k) => (k === 'close' ? tied : k === 'high' || k === 'low' ? round(d[k]!) : d[k] ?? tied));
  const outs = (v: unknown) => (meta.outputs.length === 1 ? [v as Float64Array] : meta.outputs.map((o) => (v as Record<string, Float64Array>)[o]!));

  const labelled = sets.flatMap((o) => [[JSON.stringify(o) ?? 'defaults', 'prices', o, plain], [JSON.stringify(o) ?? 'defaults', 'tied prices', o, ties]] as const);
  it.each(labelled)('options %s, %s: == streaming and == many, bit for bit', (_l, _d, opts, ins) => {
    const want = outs(batch(...ins, opts));
    const s = new Cls(opts);
    let finite = 0;
    for (let i = 0; i < N; i++) {
      const v = s.update(...ins.map((x) => x[i]!));
      const got = meta.outputs.length === 1 ? [v as number] : meta.outputs.map((o) => (v as Record<string, number>)[o]!);
      for (let k = 0; k < want.length; k++) {
        if (!Object.is(got[k], want[k]![i])) throw new Error(`${name} ${meta.outputs[k]}[${i}]: streamed ${got[k]}, batch ${want[k]![i]}`);
        if (Number.isFinite(got[k])) finite++;
      }
    }
    expect(finite).toBeGreaterThan(N * 0.9 * want.length);
    const S = 8;
    const mat = ins.map((x) => {
      const m = new Float64Array(N * S);
      for (let j = 0; j < S; j++) m.set(x, j * N);
      return m;
    });
    const many = outs((batch as unknown as { many: (...a: unknown[]) => unknown }).many(...mat, S, opts));
    for (let k = 0; k < want.length; k++) {
      for (let j = 0; j < S; j++) {
        const col = many[k]!.subarray(j * N, (j + 1) * N);
        for (let i = 0; i < N; i++) if (!Object.is(col[i], want[k]![i])) throw new Error(`${name} many[${j}] ${meta.outputs[k]}[${i}]: ${col[i]} vs ${want[k]![i]}`);
      }
    }
  });
});
