// A caller's `out` may hold anything (a reused buffer, last tick's values): every kernel
// must write each element of its outputs, warm-up and gaps included. Checked for every
// indicator: outputs written into arrays pre-filled with garbage equal those written into
// zeroed arrays and the allocating form's, single series, many series and sweeps, across NaN
// gaps and a run of them at the start. (Measured and dropped: handing long allocating
// results out unzeroed, which this property would allow, gained nothing in A/B: 8 MB results
// come from fresh mmap pages, which calloc does not zero again.)
import { describe, it } from 'vitest';
import { indicator, indicatorTable, type IndicatorMeta } from '../src/core/indicator.js';
import { expectSame, sample } from './helpers.js';

type AnyFn = ((...a: unknown[]) => unknown) & {
  many(...a: unknown[]): unknown;
  sweep(...a: unknown[]): { values: unknown };
};

const N = 6000;
const UNIT_DOMAIN = new Set(['acos', 'asin']);
const GARBAGE = [1.5e300, -7, Number.NaN, -0];

function inputsFor(meta: IndicatorMeta, n: number, seed: number): Float64Array[] {
  const d = sample(n, seed) as unknown as Record<string, Float64Array>;
  const ins = meta.inputs.slice(0, meta.required).map((name, k) => (d[name] ?? sample(n, seed + 100 + k).close).slice());
  // gaps: a NaN run at the start, single NaNs and a run in the middle of the first input
  for (const i of [0, 1, 2, 1500, 2500, 2501, 2502, 4097]) ins[0]![i] = Number.NaN;
  return UNIT_DOMAIN.has(meta.name) ? ins.map((x) => x.map(Math.sin)) : ins;
}

function outsFor(meta: IndicatorMeta, n: number, fill: number): { arg: unknown; list: Float64Array[] } {
  const list = meta.outputs.map(() => new Float64Array(n).fill(fill));
  return { arg: meta.outputs.length === 1 ? list[0] : Object.fromEntries(meta.outputs.map((o, k) => [o, list[k]])), list };
}

function listOf(meta: IndicatorMeta, r: unknown): Float64Array[] {
  return meta.outputs.length === 1 ? [r as Float64Array] : meta.outputs.map((o) => (r as Record<string, Float64Array>)[o]!);
}

describe.each([...indicatorTable().values()].map((m) => [m.name, m] as const))('%s writes every output element', (_name, meta) => {
  const f = indicator<AnyFn>(meta.name);

  it('single series: out pre-filled with garbage == zeroed out == allocating', () => {
    const ins = inputsFor(meta, N, 3);
    const zero = outsFor(meta, N, 0);
    f(...ins, {}, zero.arg);
    for (const g of GARBAGE) {
      const dirty = outsFor(meta, N, g);
      f(...ins, {}, dirty.arg);
      dirty.list.forEach((o, k) => expectSame(o, zero.list[k]!, `${meta.outputs[k]} over ${g}`));
    }
    listOf(meta, f(...ins, {})).forEach((o, k) => expectSame(o, zero.list[k]!, `${meta.outputs[k]} allocating`));
  });

  it('many series and a sweep: out pre-filled with garbage == zeroed out', () => {
    const series = 3;
    const rows = 2500;
    const cols = Array.from({ length: series }, (_, j) => inputsFor(meta, rows, 10 + j));
    const mats = cols[0]!.map((_, k) => {
      const m = new Float64Array(rows * series);
      for (let j = 0; j < series; j++) m.set(cols[j]![k]!, j * rows);
      return m;
    });
    const zero = outsFor(meta, rows * series, 0);
    f.many(...mats, series, {}, zero.arg);
    const dirty = outsFor(meta, rows * series, 1.5e300);
    f.many(...mats, series, {}, dirty.arg);
    dirty.list.forEach((o, k) => expectSame(o, zero.list[k]!, `many ${meta.outputs[k]}`));
    listOf(meta, f.many(...mats, series, {})).forEach((o, k) => expectSame(o, zero.list[k]!, `many ${meta.outputs[k]} allocating`));

    const first = meta.options.find((o) => o.integer && !o.choices);
    if (!first) return;
    const values = [first.min, Math.max(first.min, Math.min(first.max, 9))];
    const ins = inputsFor(meta, rows, 4);
    const z = outsFor(meta, rows * values.length, 0);
    f.sweep(...ins, { [first.name]: values }, z.arg);
    const d = outsFor(meta, rows * values.length, -7);
    f.sweep(...ins, { [first.name]: values }, d.arg);
    d.list.forEach((o, k) => expectSame(o, z.list[k]!, `sweep ${meta.outputs[k]}`));
    listOf(meta, f.sweep(...ins, { [first.name]: values }).values).forEach((o, k) => expectSame(o, z.list[k]!, `sweep ${meta.outputs[k]} allocating`));
  });
});
