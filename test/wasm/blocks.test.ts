// The WASM engine runs a long one-series call of a pointwise indicator (IndicatorMeta.pointwise,
// the flag of its C++ description) in blocks of POINTWISE_BLOCK bars (src/wasm/engine.ts).
// That is exact only for an indicator whose output at a bar is a function of that bar's
// inputs alone. The flag is checked against behaviour for every indicator: a flagged one's
// output at each bar equals its run on that bar alone (a 1-bar slice), and an unflagged one's
// differs somewhere (a warm-up or carried state). Each flagged one is also checked for
// shuffling (the output of shuffled bars is the shuffled output), and its blocked results
// against the native addon's whole-series run, bit for bit, through the three entries (run's
// arrays in lists, runDirect's as arguments, call: the quick path's), with gaps at block
// boundaries.
import { describe, expect, it } from 'vitest';
import type { IndicatorMeta } from '../../src/core/indicator.js';
import { loadAddon } from '../../src/native.js';
import { POINTWISE_BLOCK } from '../../src/wasm/engine.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { rng, sample } from '../helpers.js';

interface Engine {
  indicators(): IndicatorMeta[];
  lookback(id: number, opts: Float64Array, k: number): number;
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
  runDirect(id: number, opts: Float64Array, ...arrays: unknown[]): void;
  call(id: number, defaults: Float64Array, o0: number | undefined, n: number, nIn: number, nOut: number, x0: Float64Array, x1: Float64Array | undefined, x2: Float64Array | undefined, y0: Float64Array, y1: undefined, y2: undefined): void;
}
const native = loadAddon<Engine>('hean_cpp');
const wasm = wasmEngine() as unknown as Engine;
const metas = wasm.indicators();
const POINTWISE = metas.filter((m) => m.pointwise).map((m) => m.name);

// Two blocks and a part of a third; gaps around the first block boundary.
const N = 2 * POINTWISE_BLOCK + 12_345;

/** Inputs of `meta` over n bars, ungapped: prices (in [-1, 1] for acos, asin, atan, tan), session ids, periods (mavp), y another walk. */
function series(meta: IndicatorMeta, n: number, seed: number): Float64Array[] {
  const s = sample(n, seed, 100);
  const other = sample(n, seed + 1000, 80);
  const unit = meta.name === 'acos' || meta.name === 'asin' || meta.name === 'atan' || meta.name === 'tan';
  return meta.inputs.map((name, k) => {
    if (name === 'session') return Float64Array.from({ length: n }, (_, i) => Math.floor(i / 37));
    if (name === 'periods') return Float64Array.from({ length: n }, (_, i) => 1 + ((i * 13) % 40));
    const src = name === 'y' ? other.close : ((s as unknown as Record<string, Float64Array | undefined>)[name] ?? (k === 0 ? s.close : s.open));
    return unit ? src.map((v) => Math.sin(v)) : Float64Array.from(src);
  });
}

/** series() with gaps around the block boundaries. */
function inputs(meta: IndicatorMeta, n: number, seed: number): Float64Array[] {
  const cols = series(meta, n, seed);
  for (const at of [5, POINTWISE_BLOCK - 1, POINTWISE_BLOCK, POINTWISE_BLOCK + 1, n - 1]) cols[0]![at] = NaN;
  cols[0]![777] = Infinity;
  cols[cols.length - 1]![POINTWISE_BLOCK * 2] = -Infinity;
  return cols;
}

const same = (a: Float64Array, b: Float64Array): number => {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return -1;
};

describe('the pointwise flag against behaviour', () => {
  const nativeMetas = native.indicators();
  it('is the same in both engines and set on some', () => {
    expect(nativeMetas.map((m) => [m.name, m.pointwise])).toEqual(metas.map((m) => [m.name, m.pointwise]));
    expect(POINTWISE.length).toBeGreaterThan(0);
  });

  for (const m of nativeMetas) {
    it(`${m.name}: ${m.pointwise ? 'each bar alone gives the whole run\'s output' : 'some bar alone does not (warm-up or state)'}`, () => {
      const n = 120;
      const ins = series(m, n, 3 + m.id);
      ins[0]![40] = NaN; // a gap: the bars after it start a new run
      const opts = Float64Array.from(m.options, (o) => o.default);
      const whole = m.outputs.map(() => new Float64Array(n));
      native.run(0, m.id, ins, opts, whole, 1);
      const one = m.outputs.map(() => new Float64Array(1));
      const differ: string[] = [];
      for (let i = 0; i < n; i++) {
        native.run(0, m.id, ins.map((x) => x.subarray(i, i + 1)), opts, one, 1);
        m.outputs.forEach((o, k) => {
          if (!Object.is(one[k]![0], whole[k]![i]) && !(Number.isNaN(one[k]![0]) && Number.isNaN(whole[k]![i]))) differ.push(`${o}[${i}]: alone ${one[k]![0]}, in the run ${whole[k]![i]}`);
        });
      }
      if (m.pointwise) {
        expect(differ, m.name).toEqual([]);
        expect(m.options.length, m.name).toBe(0);
        m.outputs.forEach((_, k) => expect(native.lookback(m.id, opts, k), m.name).toBe(0));
      } else {
        const lookback = Math.max(...m.outputs.map((_, k) => native.lookback(m.id, opts, k)));
        expect(differ.length, `${m.name} (lookback ${lookback}) behaves pointwise but is not flagged`).toBeGreaterThan(0);
      }
    });
  }
});

describe('WASM pointwise blocks', () => {
  it('lists only indicators the engine has, with one output and no options', () => {
    for (const name of POINTWISE) {
      const m = metas.find((x) => x.name === name);
      expect(m, name).toBeDefined();
      expect(m!.outputs.length, name).toBe(1);
      expect(m!.options.length, name).toBe(0);
    }
  });

  for (const name of POINTWISE) {
    it(`${name}: pointwise, and blocked WASM == native on ${N} bars`, () => {
      const m = metas.find((x) => x.name === name)!;
      const opts = new Float64Array(0);
      const ins = inputs(m, N, 11);
      const ref = new Float64Array(N);
      native.run(0, m.id, ins, opts, [ref], 1);
      // Pointwise: the output of shuffled bars is the shuffled output.
      const r = rng(5);
      const perm = Uint32Array.from({ length: N }, (_, i) => i);
      for (let i = N - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const shuffled = ins.map((x) => x.map((_, i) => x[perm[i]!]!));
      const got = new Float64Array(N);
      native.run(0, m.id, shuffled, opts, [got], 1);
      expect(same(got, ref.map((_, i) => ref[perm[i]!]!))).toBe(-1);
      // Blocked WASM, both paths, a garbage-filled out.
      const a = new Float64Array(N).fill(-7);
      wasm.run(0, m.id, ins, opts, [a], 1);
      expect(same(a, ref)).toBe(-1);
      if (ins.length + 1 <= 4) {
        const b = new Float64Array(N).fill(-7);
        wasm.runDirect(m.id, opts, ...ins, b);
        expect(same(b, ref)).toBe(-1);
      }
      if (ins.length <= 3) {
        // The quick path's entry (the public functions' with the WASM engine).
        const c = new Float64Array(N).fill(-7);
        wasm.call(m.id, opts, undefined, N, ins.length, 1, ins[0]!, ins[1], ins[2], c, undefined, undefined);
        expect(same(c, ref)).toBe(-1);
      }
    });
  }

  it('a throwing blocked call writes nothing', () => {
    const m = metas.find((x) => x.name === 'medprice')!;
    const ins = inputs(m, N, 3);
    const out = new Float64Array(N).fill(-7);
    expect(() => wasm.run(0, m.id, [ins[0]!, ins[1]!.subarray(1)], new Float64Array(0), [out], 1)).toThrow(RangeError);
    expect(() => wasm.run(0, m.id, ins, new Float64Array(1), [out], 1)).toThrow(RangeError);
    expect(out.every((v) => v === -7)).toBe(true);
  });
});
