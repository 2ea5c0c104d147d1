// The WASM build of the C++ engine against the native addon: every indicator in the table,
// single series (with gaps), many series (8-lane blocks and single columns) and sweeps,
// bit for bit (Object.is: -0 and +0 differ; NaNs are equal whatever their payload).
import { describe, expect, it } from 'vitest';
import type { IndicatorMeta } from '../../src/core/indicator.js';
import { loadAddon } from '../../src/native.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { rng, sample } from '../helpers.js';

interface Engine {
  indicators(): IndicatorMeta[];
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
  lookback(id: number, opts: Float64Array, k: number): number;
}
const native = loadAddon<Engine>('hean_cpp');
const wasm = wasmEngine() as unknown as Engine;

/** Inputs by name for `series` series of `n` bars each, series-major, with gaps. */
function inputs(meta: IndicatorMeta, n: number, series: number, seed: number): Float64Array[] {
  const cols = meta.inputs.map(() => new Float64Array(n * series));
  const r = rng(seed);
  for (let j = 0; j < series; j++) {
    const s = sample(n, seed * 31 + j, 50 + 100 * r());
    const other = sample(n, seed * 17 + j + 1000, 80);
    meta.inputs.forEach((name, k) => {
      const src =
        name === 'session' ? s.close.map((_, i) => Math.floor(i / 37)) : name === 'periods' ? s.close.map((_, i) => 1 + ((i * 13) % 40)) : name === 'y' ? other.close : name === 'x' ? s.close : (s as unknown as Record<string, Float64Array>)[name]!;
      cols[k]!.set(src, j * n);
    });
    // A few gaps (NaN, ±Infinity) in a price input, in some series only.
    if (j % 3 === 1) {
      const k = meta.inputs.indexOf('session') === 0 ? 1 : 0;
      for (let g = 0; g < 4; g++) cols[k]![j * n + Math.floor(r() * n)] = [NaN, Infinity, -Infinity, NaN][g]!;
    }
  }
  return cols;
}

/** The defaults, then `count` random option rows in a range where results are interesting. */
function optionRows(meta: IndicatorMeta, count: number, seed: number): Float64Array[] {
  const r = rng(seed);
  const rows = [Float64Array.from(meta.options, (o) => o.default)];
  for (let c = 0; c < count; c++) {
    const row = Float64Array.from(meta.options, (o) => {
      if (o.choices) return Math.floor(r() * o.choices.split('|').length);
      if (o.integer) return o.min + Math.floor(r() * 30);
      return o.min + r() * Math.min(o.max - o.min, o.default * 3 || 1);
    });
    // Options checked against each other (mavp's minPeriod <= maxPeriod): in order.
    const lo = meta.options.findIndex((o) => o.name === 'minPeriod');
    const hi = meta.options.findIndex((o) => o.name === 'maxPeriod');
    if (lo >= 0 && hi >= 0 && row[lo]! > row[hi]!) [row[lo], row[hi]] = [row[hi]!, row[lo]!];
    rows.push(row);
  }
  return rows;
}

function same(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) expect.fail(`${what}: index ${i}: native ${a[i]}, wasm ${b[i]}`);
  }
}

const metas = native.indicators();

describe('WASM engine', () => {
  it('has the native table (names, inputs, options, outputs)', () => {
    expect(wasm.indicators()).toEqual(metas);
  });

  it.each(metas.map((m) => [m.name, m] as const))('%s: single series == native, bit for bit', (_, meta) => {
    for (const [c, opts] of optionRows(meta, 6, meta.id + 1).entries()) {
      for (const n of [0, 1, 5, 64, 300]) {
        const ins = inputs(meta, n, 1, meta.id * 7 + n + c);
        const a = meta.outputs.map(() => new Float64Array(n));
        const b = meta.outputs.map(() => new Float64Array(n));
        native.run(0, meta.id, ins, opts, a, 1);
        wasm.run(0, meta.id, ins, opts, b, 1);
        meta.outputs.forEach((o, k) => same(a[k]!, b[k]!, `${meta.name}(${[...opts]}) n=${n} ${o}`));
        meta.outputs.forEach((_, k) => expect(wasm.lookback(meta.id, opts, k)).toBe(native.lookback(meta.id, opts, k)));
      }
    }
  });

  it.each(metas.map((m) => [m.name, m] as const))('%s: many series and sweeps == native', (_, meta) => {
    const n = 200;
    const series = 11; // one 8-lane block and three single columns
    const ins = inputs(meta, n, series, meta.id + 99);
    const opts = optionRows(meta, 1, meta.id + 5)[1]!;
    const a = meta.outputs.map(() => new Float64Array(n * series));
    const b = meta.outputs.map(() => new Float64Array(n * series));
    native.run(1, meta.id, ins, opts, a, series);
    wasm.run(1, meta.id, ins, opts, b, series);
    meta.outputs.forEach((o, k) => same(a[k]!, b[k]!, `${meta.name}.many ${o}`));

    const rows = optionRows(meta, 3, meta.id + 7);
    const flat = new Float64Array(rows.length * meta.options.length);
    rows.forEach((r, c) => flat.set(r, c * meta.options.length));
    const one = ins.map((x) => x.subarray(n, 2 * n)); // series 1 has gaps
    const sa = meta.outputs.map(() => new Float64Array(n * rows.length));
    const sb = meta.outputs.map(() => new Float64Array(n * rows.length));
    native.run(2, meta.id, one, flat, sa, rows.length);
    wasm.run(2, meta.id, one, flat, sb, rows.length);
    meta.outputs.forEach((o, k) => same(sa[k]!, sb[k]!, `${meta.name}.sweep ${o}`));
  });

  // The one-series call of the quick path (hean_call): series up to 4,096 bars without a gap
  // skip the gap scan (run_single_clean); with gaps, longer, or within the warm-up they take
  // run_single. Both must give the native bits.
  const callable = metas.filter((m) => m.required === m.inputs.length && m.inputs.length <= 3 && m.outputs.length <= 3);
  it.each(callable.map((m) => [m.name, m] as const))('%s: the one-series call (clean, gapped, warm-up only, 4,096/4,097 bars) == native', (_, meta) => {
    const call = (wasm as unknown as { call: (...a: unknown[]) => void }).call.bind(wasm);
    const lb = Math.min(...meta.outputs.map((_, k) => native.lookback(meta.id, optionRows(meta, 0, 1)[0]!, k)));
    for (const [c, opts] of optionRows(meta, 2, meta.id + 3).entries()) {
      for (const n of [0, 1, Math.max(0, lb), lb + 1, 64, 300, 4096, 4097]) {
        const both = inputs(meta, n, 2, meta.id * 5 + n + c); // series 0 clean, series 1 with gaps
        for (const j of [0, 1]) {
          const ins = both.map((x) => x.slice(j * n, (j + 1) * n));
          const a = meta.outputs.map(() => new Float64Array(n));
          const b = meta.outputs.map(() => new Float64Array(n).fill(7));
          native.run(0, meta.id, ins, opts, a, 1);
          call(meta.id, opts, undefined, n, ins.length, b.length, ins[0], ins[1], ins[2], b[0], b[1], b[2]);
          meta.outputs.forEach((o, k) => same(a[k]!, b[k]!, `${meta.name}(${[...opts]}) n=${n} ${j ? 'gapped' : 'clean'} ${o}`));
        }
      }
    }
  });

  // call() runs each indicator's own export (hean_call_<name>, generated from the table in
  // bindings/wasm/abi.cpp): every indicator has one, and it gives the generic hean_call's bits.
  it('has hean_call_<name> for every indicator, equal to hean_call', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL('../../wasm/hean_cpp.wasm', import.meta.url));
    // (the project's lib has no WebAssembly types: the few used here)
    interface WasmApi {
      Module: { new (b: ArrayBufferView): object; exports(m: object): { name: string }[] };
      Instance: new (m: object, imports: object) => { exports: unknown };
    }
    const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const mod = new WA.Module(bytes);
    const names = new Set(WA.Module.exports(mod).map((e) => e.name));
    expect(metas.filter((m) => !names.has(`hean_call_${m.name}`)).map((m) => m.name)).toEqual([]);
    let mem: { buffer: ArrayBuffer } | undefined;
    const nosys = () => 52;
    const inst = new WA.Instance(mod, {
      wasi_snapshot_preview1: {
        environ_sizes_get: (a: number, b: number) => (new DataView(mem!.buffer).setUint32(a, 0, true), new DataView(mem!.buffer).setUint32(b, 0, true), 0),
        environ_get: () => 0, fd_close: nosys, fd_seek: nosys, fd_write: nosys,
        proc_exit: () => { throw new Error('exit'); },
      },
    });
    const x = inst.exports as Record<string, (...a: number[]) => number> & { memory: { buffer: ArrayBuffer }; _initialize(): void };
    mem = x.memory;
    x._initialize();
    const n = 300;
    for (const meta of callable) {
      for (const [c, opts] of optionRows(meta, 1, meta.id + 7).entries()) {
        for (const j of [0, 1]) {
          const ins = inputs(meta, n, 2, meta.id * 3 + c).map((v) => v.slice(j * n, (j + 1) * n)); // 1: gapped
          // Layout: options, 6 input and 6 output slots of n doubles, then the pointer slots.
          const base = x.hean_alloc!(8 * (8 + 12 * n) + 48);
          const ptrs = base + 8 * (8 + 12 * n);
          const h = new Float64Array(mem.buffer);
          const u = new Uint32Array(mem.buffer);
          h.set(opts, base >> 3);
          for (let k = 0; k < 12; k++) u[(ptrs >> 2) + k] = base + 64 + 8 * n * k;
          ins.forEach((v, k) => h.set(v, (base + 64 + 8 * n * k) >> 3));
          // (fresh views: a kernel's scratch can grow the memory)
          const outAt = (k: number) => (base + 64 + 8 * n * (6 + k)) >> 3;
          const outOf = (k: number) => new Float64Array(mem!.buffer).slice(outAt(k), outAt(k) + n);
          expect(x.hean_call!(meta.id, ptrs, n, base, ptrs + 24), meta.name).toBe(0);
          const generic = meta.outputs.map((_, k) => outOf(k));
          for (let k = 0; k < meta.outputs.length; k++) new Float64Array(mem.buffer).fill(7, outAt(k), outAt(k) + n);
          expect(x[`hean_call_${meta.name}`]!(ptrs, n, base, ptrs + 24), meta.name).toBe(0);
          meta.outputs.forEach((o, k) => same(outOf(k), generic[k]!, `${meta.name} own export ${j ? 'gapped' : 'clean'} ${o}`));
          x.hean_free!(base);
        }
      }
    }
  });

  // call() keeps its pointer slots between calls of the same length; run() and runDirect()
  // write the same slots, so a call after them must not use stale input or output addresses.
  it('the one-series call after run() and runDirect() on the same length == native', () => {
    const call = (wasm as unknown as { call: (...a: unknown[]) => void }).call.bind(wasm);
    const runDirect = (wasm as unknown as { runDirect: (...a: unknown[]) => void }).runDirect.bind(wasm);
    const atr = metas.find((m) => m.name === 'atr')!;
    const obv = metas.find((m) => m.name === 'obv')!;
    const bb = metas.find((m) => m.name === 'bbands')!;
    const n = 64;
    const s = sample(n, 11);
    const atrOpts = new Float64Array([14]);
    const bbOpts = Float64Array.from(bb.options, (o) => o.default);
    const want = new Float64Array(n);
    native.run(0, atr.id, [s.high, s.low, s.close], atrOpts, [want], 1);
    const wantBb = bb.outputs.map(() => new Float64Array(n));
    native.run(0, bb.id, [s.close], bbOpts, wantBb, 1);
    // A stream whose window grows the linear memory (64 MB) without moving call()'s scratch:
    // growth detaches every view of the old buffer, the output views call() keeps included.
    const api = (wasm as unknown as { streamApi(): { create(id: number, o: Float64Array): number; free(t: number): void } }).streamApi();
    const sma = metas.find((m) => m.name === 'sma')!;
    const steps: [string, () => void][] = [
      ['run', () => wasm.run(0, obv.id, [s.volume, s.close], new Float64Array(0), [new Float64Array(n)], 1)],
      ['runDirect', () => runDirect(obv.id, new Float64Array(0), s.close, s.volume, new Float64Array(n))],
      ['a stream that grows the memory', () => api.free(api.create(sma.id, new Float64Array([8_000_000])))],
    ];
    for (const [what, other] of steps) {
      const a = new Float64Array(n).fill(7);
      call(atr.id, atrOpts, undefined, n, 3, 1, s.high, s.low, s.close, a, undefined, undefined);
      other();
      const b = new Float64Array(n).fill(7);
      call(atr.id, atrOpts, undefined, n, 3, 1, s.high, s.low, s.close, b, undefined, undefined);
      same(a, want, `atr before ${what}`);
      same(b, want, `atr after ${what}`);
      other();
      const c = bb.outputs.map(() => new Float64Array(n).fill(7));
      call(bb.id, bbOpts, undefined, n, 1, 3, s.close, undefined, undefined, c[0], c[1], c[2]);
      bb.outputs.forEach((o, k) => same(c[k]!, wantBb[k]!, `bbands after ${what} ${o}`));
    }
  });

  // run() and runDirect() keep a view of where each output lands while the layout stays the
  // same: a change of length, options, indicator, or the memory growing must give fresh ones.
  it('run() and runDirect() == native across changes of length, indicator and memory growth', () => {
    const runDirect = (wasm as unknown as { runDirect: (...a: unknown[]) => void }).runDirect.bind(wasm);
    const api = (wasm as unknown as { streamApi(): { create(id: number, o: Float64Array): number; free(t: number): void } }).streamApi();
    const pick = (name: string) => metas.find((m) => m.name === name)!;
    const sma = pick('sma');
    const cases = [
      [pick('macd'), 64],
      [sma, 64],
      [pick('bbands'), 64],
      [pick('bbands'), 65],
      [pick('atr'), 64],
      [pick('obv'), 64],
      [pick('macd'), 0],
      [pick('stoch'), 64],
      [pick('macd'), 64],
    ] as const;
    for (const round of [0, 1, 2]) {
      for (const [m, n] of cases) {
        const s = sample(n, 5 + n) as unknown as Record<string, Float64Array>;
        const ins = m.inputs.map((k) => s[k]!);
        const opts = Float64Array.from(m.options, (o) => o.default);
        const want = m.outputs.map(() => new Float64Array(n));
        native.run(0, m.id, ins, opts, want, 1);
        const got = m.outputs.map(() => new Float64Array(n).fill(7));
        if (round === 1 && ins.length + got.length <= 4) runDirect(m.id, opts, ...ins, ...got);
        else wasm.run(0, m.id, ins, opts, got, 1);
        m.outputs.forEach((o, k) => same(got[k]!, want[k]!, `${m.name} n=${n} round ${round} ${o}`));
      }
      // growth detaches every view of the old buffer
      if (round === 1) api.free(api.create(sma.id, new Float64Array([12_000_000]))); // (96 MB: more than any earlier request)
    }
  });

  it('refuses bad options with the native message, changing nothing', () => {
    const meta = metas.find((m) => m.name === 'sma')!;
    const x = sample(50).close;
    const out = new Float64Array(50).fill(7);
    const bad = new Float64Array([0]);
    let nativeMsg = '';
    try {
      native.run(0, meta.id, [x], bad, [new Float64Array(50)], 1);
    } catch (e) {
      nativeMsg = (e as Error).message;
    }
    expect(nativeMsg).toMatch(/period/);
    expect(() => wasm.run(0, meta.id, [x], bad, [out], 1)).toThrow(new RangeError(nativeMsg));
    expect(out.every((v) => v === 7)).toBe(true);
  });

  it('names a bad output `out` for a one-output indicator and `out.<name>` for more, both engines, changing nothing', () => {
    const x = sample(40).close;
    for (const name of ['sma', 'macd', 'aroon']) {
      const meta = metas.find((m) => m.name === name)!;
      const opts = new Float64Array(meta.options.map((o) => o.default));
      const what = (k: number) => (meta.outputs.length === 1 ? 'out' : `out.${meta.outputs[k]}`);
      for (let k = 0; k < meta.outputs.length; k++) {
        const outs = meta.outputs.map(() => new Float64Array(40).fill(7));
        const short = outs.slice();
        short[k] = new Float64Array(39);
        const notF64 = outs.slice();
        notF64[k] = new Float32Array(40) as never;
        for (const e of [native, wasm]) {
          expect(() => e.run(0, meta.id, meta.inputs.map(() => x), opts, short, 1)).toThrow(new RangeError(`hean.${name}: ${what(k)} has length 39, expected 40`));
          expect(() => e.run(0, meta.id, meta.inputs.map(() => x), opts, notF64, 1)).toThrow(new TypeError(`hean.${name}: ${what(k)} must be a Float64Array`));
        }
        expect(outs.every((o) => o.every((v) => v === 7))).toBe(true);
      }
    }
  });

  // WASM runs one series' linear regression in pairs of re-seed intervals with b + m·c
  // certified (lmath.hpp lfma_certified; unproven bars redone by the scalar fma), and
  // avgdev eight bars at once: long series (many interval pairs) on data that exercises
  // the fallback (zero crossings, ±0, random exponents, overflow, subnormal and tiny
  // scales) must give native's bits.
  it('linear regression and avgdev on long hostile series == native', () => {
    const n = 40_000;
    const walk = sample(n, 21).close;
    const r = rng(77);
    const scaled = (k: number) => walk.map((v) => v * k);
    const data: Record<string, Float64Array> = {
      walk,
      around0: walk.map((v, i) => (i % 11 === 0 ? 0 : i % 11 === 1 ? -0 : v - walk[0]!)),
      exponents: walk.map(() => (r() - 0.5) * 2 ** Math.floor(r() * 400 - 200)),
      huge: scaled(1e306),
      tiny: scaled(1e-290),
      subnormal: scaled(5e-322),
      flat: new Float64Array(n).fill(-3.25),
    };
    for (const name of ['linearreg', 'tsf', 'linearregIntercept', 'linearregSlope', 'linearregAngle', 'avgdev']) {
      const m = metas.find((x) => x.name === name)!;
      for (const period of [2, 14, 100]) {
        for (const [what, x] of Object.entries(data)) {
          const want = new Float64Array(n);
          const got = new Float64Array(n).fill(7);
          native.run(0, m.id, [x], new Float64Array([period]), [want], 1);
          wasm.run(0, m.id, [x], new Float64Array([period]), [got], 1);
          same(got, want, `${name} period ${period} ${what}`);
        }
      }
    }
  });

  it('grows its memory for long series and keeps computing right', () => {
    const meta = metas.find((m) => m.name === 'ema')!;
    const n = 3_000_000; // 24 MB a column: past the initial linear memory
    const x = sample(n, 3).close;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    native.run(0, meta.id, [x], new Float64Array([30]), [a], 1);
    wasm.run(0, meta.id, [x], new Float64Array([30]), [b], 1);
    same(a, b, 'ema 3M');
  });
});
