// The C++ indicator engine compiled to WebAssembly (bindings/wasm/abi.cpp, built by
// scripts/build-wasm.mjs): the same table, drivers and kernels as the native addon, so its
// results are the native results bit for bit. It answers the addon's indicator calls
// (run, runDirect, runAsync, lookback, indicators, concurrency) with inputs copied into
// linear memory and outputs copied back, and patterns() (the candlestick patterns in one
// call); the rest of the addon (matrix, resample, backtest) is not in this build and throws.
import { describe, f64Length, f64Overlap, f64Set, i16Length, i16Set, isF64 } from '../core/guard.js';
import type { IndicatorMeta, OptionMeta } from '../core/indicator.js';
import { freedError, residentAt, type ArenaHost } from './resident.js';

// The few WebAssembly JS API types used here (the project's lib has no DOM types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmImports = Record<string, Record<string, (...args: number[]) => number | void>>;
/** A compiled WebAssembly module (`WebAssembly.Module`). */
export interface WasmModule {
  readonly __wasmModule?: never;
}
interface WasmApi {
  RuntimeError: new () => Error;
  Module: new (bytes: ArrayBufferView | ArrayBuffer) => WasmModule;
  Instance: new (m: WasmModule, imports: WasmImports) => { exports: unknown };
  compile(bytes: ArrayBufferView | ArrayBuffer): Promise<WasmModule>;
  instantiate(m: WasmModule, imports: WasmImports): Promise<{ exports: unknown }>;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * A long one-series call of a pointwise indicator (IndicatorMeta.pointwise, from the C++
 * description's flag: its output at a bar is a function of that bar's inputs alone, so a
 * series can run as consecutive blocks with the same bits) runs in blocks of POINTWISE_BLOCK
 * bars, each copied in, computed and copied out while it is in cache: the whole series
 * copied in, computed, then copied out makes three passes over memory where native makes
 * one (medprice on 1M bars 3.2 -> 2.0 ns/bar, bop 6.4 -> 3.8; test/wasm/blocks.test.ts
 * checks the flag against each indicator's behaviour).
 */
/** Bars per block of a pointwise call (2 MB an array: measured best of 4,096..262,144 on 1M bars). */
export const POINTWISE_BLOCK = 262_144;

/** The exported functions of hean_cpp.wasm (see bindings/wasm/abi.cpp). */
interface Exports {
  memory: WasmMemory;
  /** The shadow stack's pointer (reset after a trap). */
  __stack_pointer: { value: number };
  /** 1: linear memory must not grow (resident arrays are alive); 0: it may. */
  hean_pin(on: number): void;
  _initialize(): void;
  hean_abi_version(): number;
  hean_alloc(bytes: number): number;
  hean_free(ptr: number): void;
  hean_count(): number;
  hean_meta_num(id: number, field: number, k: number): number;
  hean_meta_str(id: number, field: number, k: number): number;
  hean_validate(id: number, opts: number, rows: number): number;
  hean_lookback(id: number, opts: number, k: number): number;
  hean_run(mode: number, id: number, ins: number, n: number, extra: number, opts: number, outs: number): void;
  hean_lmath(fn: number, x: number, y: number, n: number): void;
  hean_call(id: number, ins: number, n: number, opts: number, outs: number): number;
  // (and hean_call_<name>(ins, n, opts, outs) for every indicator: hean_call of that one)
  hean_stream_has(id: number): number;
  hean_stream_window_len(id: number, opts: number): number;
  hean_stream_new(id: number, opts: number): number;
  hean_stream_free(t: number): void;
  hean_stream_update(t: number, a?: number, b?: number, c?: number, d?: number, e?: number, f?: number): number;
  hean_stream_replace(t: number, a?: number, b?: number, c?: number, d?: number, e?: number, f?: number): number;
  hean_stream_update1(t: number, a: number): number;
  hean_stream_replace1(t: number, a: number): number;
  hean_stream_update2(t: number, a: number, b: number): number;
  hean_stream_replace2(t: number, a: number, b: number): number;
  hean_stream_update3(t: number, a: number, b: number, c: number): number;
  hean_stream_replace3(t: number, a: number, b: number, c: number): number;
  hean_stream_update4(t: number, a: number, b: number, c: number, d: number): number;
  hean_stream_replace4(t: number, a: number, b: number, c: number, d: number): number;
  hean_stream_reset(t: number): void;
  hean_stream_delegated(t: number): number;
  hean_stream_restored(t: number): void;
  hean_stream_state(t: number): number;
  hean_stream_n_state(t: number): number;
  hean_stream_window(t: number): number;
  hean_stream_out(t: number): number;
  hean_pattern_count(): number;
  hean_pattern_name(k: number): number;
  hean_pattern_penetration(k: number): number;
  hean_pattern_lookbacks(settings: number, out: number): number;
  hean_patterns(ohlc: number, n: number, want: number, pen: number, settings: number, outs: number, f64: number): number;
}

/**
 * The streaming entry points of the WASM build (bindings/wasm/abi.cpp), for src/stream/wasm.ts:
 * an instance is a pointer into linear memory; update/replace add or revise a bar (inputs
 * as arguments) and return the first output.
 */
export interface StreamApi {
  /** True when indicator `id` has a streaming step in the C++ sources. */
  has(id: number): boolean;
  /** Window length for options `opts` (validated), or creates an instance (0: out of memory). */
  windowLen(id: number, opts: Float64Array): number;
  /** A new instance in its initial state (0 when out of memory). */
  create(id: number, opts: Float64Array): number;
  /** Frees an instance. */
  free(t: number): void;
  /** Adds a bar; returns the first output. */
  update(t: number, a?: number, b?: number, c?: number, d?: number, e?: number, f?: number): number;
  /** Revises the latest bar; returns the first output. */
  replace(t: number, a?: number, b?: number, c?: number, d?: number, e?: number, f?: number): number;
  /** update() of a one-input indicator (the export's exact arity: a cheaper call). */
  update1(t: number, a: number): number;
  /** replace() of a one-input indicator. */
  replace1(t: number, a: number): number;
  /** update() and replace() of two-, three- and four-input indicators (exact arities). */
  update2(t: number, a: number, b: number): number;
  replace2(t: number, a: number, b: number): number;
  update3(t: number, a: number, b: number, c: number): number;
  replace3(t: number, a: number, b: number, c: number): number;
  update4(t: number, a: number, b: number, c: number, d: number): number;
  replace4(t: number, a: number, b: number, c: number, d: number): number;
  /** An indicator's own update/replace exports (hean_su_<name>, hean_sr_<name>), if it has them. */
  direct(name: string): { update: (t: number, ...x: number[]) => number; replace: (t: number, ...x: number[]) => number } | undefined;
  /** True when an instance runs another indicator's step (StreamDef::delegate): use the generic exports. */
  delegated(t: number): boolean;
  /** Back to the initial state. */
  reset(t: number): void;
  /** Marks state and window (written through `view`) as restored. */
  restored(t: number): void;
  /** Byte addresses of an instance's state, window and outputs, and its state's length. */
  layout(t: number): { state: number; nState: number; window: number; out: number };
  /** The current Float64Array over linear memory (renewed when memory grows). */
  heap(): Float64Array;
}

// Field numbers of hean_meta_num / hean_meta_str (enum Field in abi.cpp).
const F = { name: 0, summary: 1, nIn: 2, input: 3, required: 4, nOpt: 5, optName: 6, optDef: 7, optMin: 8, optMax: 9, optInteger: 10, optDoc: 11, optChoices: 12, nOut: 13, output: 14, many: 15, pointwise: 16 } as const;

/** hean_call_<name>: hean_call of one indicator (bindings/wasm/abi.cpp). */
type OwnCall = (ins: number, n: number, opts: number, outs: number) => number;

const MAX_IN = 6;
const MAX_OUT = 6;

/**
 * The WASI functions the C library links against. The engine reads no environment and
 * writes no files: environ is empty, writes are dropped, exit throws.
 */
function wasiImports(ref: { memory?: WasmMemory }): WasmImports {
  const nosys = () => 52; // ENOSYS
  return {
    wasi_snapshot_preview1: {
      environ_sizes_get: (countPtr: number, sizePtr: number) => {
        const v = new DataView(ref.memory!.buffer);
        v.setUint32(countPtr, 0, true);
        v.setUint32(sizePtr, 0, true);
        return 0;
      },
      environ_get: () => 0,
      fd_close: nosys,
      fd_seek: nosys,
      fd_write: nosys,
      proc_exit: (code: number) => {
        throw new Error(`hean: the WASM engine aborted (exit ${code})`);
      },
    },
  };
}

/** Indicator calls of the WASM engine, the same shape as the native addon's. */
export interface WasmEngine extends ArenaHost {
  /** Always `'wasm'`: tells this engine from the native addon. */
  readonly engine: 'wasm';
  /** The C++ table's ABI version (as the addon's `abiVersion`). */
  readonly abiVersion: number;
  /** Instruction-set level of the kernels: `'wasm'`. */
  readonly simdLevel: string;
  /** Metadata of every indicator in the table. */
  indicators(): IndicatorMeta[];
  /** Runs indicator `id` (mode 0 single, 1 many, 2 sweep), as the addon's `run`. */
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
  /** Single-series run with the inputs then the outputs as arguments. */
  runDirect(id: number, opts: Float64Array, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown): void;
  /**
   * The one-series hot path of src/core/indicator.ts: `nIn` inputs x0.. and `nOut` outputs
   * y0.., all real Float64Arrays of length `n` checked by the caller (outputs not
   * overlapping each other); options are `defaults` with the first replaced by `o0` when
   * given, validated here (RangeError as the addon's). `into`: the outputs y0.. are
   * consecutive views of it from element `intoAt` (fresh results), copied out at once.
   */
  call(id: number, defaults: Float64Array, o0: number | undefined, n: number, nIn: number, nOut: number, x0: Float64Array, x1: Float64Array | undefined, x2: Float64Array | undefined, y0: Float64Array, y1: Float64Array | undefined, y2: Float64Array | undefined, into?: Float64Array, intoAt?: number): void;
  call1(id: number, defaults: Float64Array, o0: number | undefined, n: number, x0: Float64Array, y0: Float64Array): void;
  /** `run`, settling later: inputs are read at the call, results land when it settles. */
  runAsync(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): Promise<void>;
  /** Lookback of output `output` for these options. */
  lookback(id: number, opts: Float64Array, output: number): number;
  /** The thread count setting (the WASM engine itself always runs on the calling thread). */
  concurrency(threads?: number): number;
  /** The streaming entry points. */
  streamApi(): StreamApi;
  /**
   * hean's portable math function number `fn` (native-cpp/include/hean/lmath.hpp: 0 exp,
   * 1 log, 2 log10, 3 sin, 4 cos, 5 tan, 6 asin, 7 acos, 8 atan, 9 sinh, 10 cosh, 11 tanh)
   * of every element of `x`, as the addon's `lmath` (for test/lmath.test.ts).
   */
  lmath(fn: number, x: Float64Array): Float64Array;
}

/** The engine's views of the whole linear memory as it is now (the constructor's and views()'s). */
function viewsOf(memory: WasmMemory): [Float64Array, Uint32Array] {
  return [new Float64Array(memory.buffer), new Uint32Array(memory.buffer)];
}

/** True when resident input at element `s` shares memory with any resident output r0..r2 (-1: none), all of n elements. */
function overlapsAny(s: number, r0: number, r1: number, r2: number, n: number): boolean {
  return overlaps(s, r0, n) || overlaps(s, r1, n) || overlaps(s, r2, n);
}

/** How calls name output k: `out` when it is the only one, else `out.<name>`. */
function outName(m: IndicatorMeta, k: number): string {
  return m.outputs.length === 1 ? 'out' : `out.${m.outputs[k]}`;
}

/** True when the n elements from a and from b share memory (-1: not resident). */
function overlaps(a: number, b: number, n: number): boolean {
  return a >= 0 && b >= 0 && a < b + n && b < a + n;
}

/** Said when the engine ran out of memory while arenas pin it. */
const PINNED =
  ": its memory cannot grow while wasmArena arrays are alive (growing would detach them); give the first wasmArena a larger `headroom`, or free the arenas before this call";

class Engine implements WasmEngine {
  readonly engine = 'wasm' as const;
  readonly abiVersion: number;
  readonly simdLevel = 'wasm';
  private readonly x: Exports;
  private heap: Float64Array;
  private u32: Uint32Array;
  private arena = 0; // reused scratch of `cap` bytes (grown, never shrunk)
  private cap = 0;
  private readonly ptrs: number; // MAX_IN + MAX_OUT pointer slots
  private meta: IndicatorMeta[] | undefined;
  private threads = 1;
  private readonly sp0: number; // the shadow stack pointer between calls
  private arenas = 0; // live wasmArenas (memory is pinned while > 0)
  private readonly pool: { at: number; bytes: number }[] = []; // freed arena blocks, for later arenas only

  constructor(x: Exports) {
    this.x = x;
    x._initialize();
    this.abiVersion = x.hean_abi_version();
    this.ptrs = x.hean_alloc(4 * (MAX_IN + MAX_OUT));
    [this.heap, this.u32] = viewsOf(x.memory);
    this.sp0 = x.__stack_pointer.value;
  }

  /** The out-of-memory RangeError (with why, while pinned). */
  private oom(what: string, cause?: unknown): RangeError {
    return new RangeError(`hean: out of memory for ${what} (WASM engine)${this.arenas ? PINNED : ''}`, cause === undefined ? undefined : { cause });
  }

  /**
   * After an export threw: a trap (out of memory inside a kernel: abi.cpp's new handler)
   * becomes the RangeError, with the shadow stack put back; anything else is rethrown.
   */
  private failed(e: unknown): never {
    if (!(e instanceof WA.RuntimeError)) throw e;
    this.x.__stack_pointer.value = this.sp0;
    this.views();
    throw this.oom('this request', e);
  }

  openArena(bytes: number, headroom: number): number {
    const x = this.x;
    const k = this.pool.findIndex((b) => b.bytes >= bytes);
    const at = k >= 0 ? this.pool.splice(k, 1)[0]!.at : x.hean_alloc(bytes);
    if (at === 0) throw this.oom(`an arena of ${bytes} bytes`);
    if (this.arenas === 0) {
      // Nothing is resident yet, so the memory may still grow: reserve the headroom (a
      // free block the allocator keeps: it never gives memory back), then pin.
      const r = headroom ? x.hean_alloc(headroom) : 1;
      if (r === 0) {
        this.pool.push({ at, bytes });
        throw this.oom(`the arena's headroom of ${headroom} bytes`);
      }
      if (headroom) x.hean_free(r);
      x.hean_pin(1);
    }
    this.arenas++;
    this.views();
    return at;
  }

  closeArena(at: number, bytes: number): void {
    this.pool.push({ at, bytes });
    if (--this.arenas === 0) this.x.hean_pin(0);
  }

  /** The current Float64Array over all of linear memory. */
  heapView(): Float64Array {
    this.views();
    return this.heap;
  }

  /** Fresh views after the memory grew (growth detaches the old buffer). */
  private views(): void {
    // Growth detaches the old buffer, so a stale view has length 0 (cheaper to test than
    // reading memory.buffer on every call).
    if (this.heap.length === 0) [this.heap, this.u32] = viewsOf(this.x.memory);
  }

  /** Byte address of `bytes` of scratch (valid until the next call). */
  private scratch(bytes: number): number {
    if (bytes > this.cap) {
      if (this.arena) this.x.hean_free(this.arena);
      let cap = Math.max(4096, this.cap * 2);
      while (cap < bytes) cap *= 2;
      const p = this.x.hean_alloc(cap);
      if (p === 0) {
        this.arena = 0;
        this.cap = 0;
        throw this.oom('this request');
      }
      this.arena = p;
      this.cap = cap;
    }
    this.views();
    return this.arena;
  }

  private str(ptr: number): string {
    if (ptr === 0) return '';
    const bytes = new Uint8Array(this.x.memory.buffer);
    let end = ptr;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(ptr, end));
  }

  indicators(): IndicatorMeta[] {
    if (this.meta) return this.meta.map((m) => ({ ...m }));
    const x = this.x;
    const list: IndicatorMeta[] = [];
    for (let id = 0; id < x.hean_count(); id++) {
      const num = (f: number, k = 0) => x.hean_meta_num(id, f, k);
      const str = (f: number, k = 0) => this.str(x.hean_meta_str(id, f, k));
      const options: OptionMeta[] = [];
      for (let k = 0; k < num(F.nOpt); k++) {
        const choices = x.hean_meta_str(id, F.optChoices, k);
        options.push({
          name: str(F.optName, k),
          default: num(F.optDef, k),
          min: num(F.optMin, k),
          max: num(F.optMax, k),
          integer: num(F.optInteger, k) === 1,
          doc: str(F.optDoc, k),
          ...(choices ? { choices: this.str(choices) } : {}),
        });
      }
      list.push({
        id,
        name: str(F.name),
        summary: str(F.summary),
        inputs: Array.from({ length: num(F.nIn) }, (_, k) => str(F.input, k)),
        required: num(F.required),
        options,
        outputs: Array.from({ length: num(F.nOut) }, (_, k) => str(F.output, k)),
        many: num(F.many) === 1,
        pointwise: num(F.pointwise) === 1,
      });
    }
    this.meta = list;
    return this.indicators();
  }

  private readonly prefixes: string[] = [];
  /** `hean.<name>: `, the start of indicator m's messages (built once: not a string a call). */
  private prefix(m: IndicatorMeta): string {
    return (this.prefixes[m.id] ??= `hean.${m.name}: `);
  }

  private metaAt(id: unknown): IndicatorMeta {
    const all = this.meta ?? (this.indicators(), this.meta!);
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= all.length) throw new RangeError('unknown indicator id');
    return all[id]!;
  }

  /** Copies option rows into scratch at byte `at` and validates them (RangeError as native). */
  private putOptions(m: IndicatorMeta, opts: unknown, rows: number, at: number): void {
    const pre = this.prefix(m);
    if (!isF64(opts)) throw new TypeError(`${pre}options must be a Float64Array`);
    if (opts.length !== rows * m.options.length) throw new RangeError(`${pre}wrong number of options`);
    if (opts.length) this.heap.set(opts, at >> 3);
    const err = this.x.hean_validate(m.id, at, rows);
    if (err !== 0) throw new RangeError(`hean.${this.str(err)}`);
  }

  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void {
    this.exec(mode, id, ins, opts, outs, extra);
  }

  /** Validates, runs, and copies results into `outs` (or into `into` when given). */
  private exec(mode: number, id: number, ins: readonly unknown[], opts: unknown, outs: readonly unknown[], extra: number, into?: Float64Array[]): void {
    const m = this.metaAt(id);
    const pre = this.prefix(m);
    if (mode !== 0 && mode !== 1 && mode !== 2) throw new RangeError('mode must be an integer in [0, 2]');
    if (ins.length !== m.inputs.length) throw new RangeError(`${pre}wrong number of inputs`);
    if (outs.length !== m.outputs.length) throw new RangeError(`${pre}wrong number of outputs`);
    if (mode !== 0 && !(Number.isInteger(extra) && extra >= 1)) throw new RangeError(`${pre}${mode === 1 ? 'series' : 'combinations'} must be at least 1`);
    // Resident arrays (wasmArena) of a one-series call are used in place (see call()): their
    // element indices in this.resIn / this.resOut (-1: copied), found in the loops below.
    const inPlace = mode === 0 && into === undefined;
    const resIn = this.resIn;
    const resOut = this.resOut;
    let len = -1;
    for (let k = 0; k < ins.length; k++) {
      const v = ins[k];
      resIn[k] = -1;
      if (k >= m.required && (v === undefined || v === null)) continue;
      if (!isF64(v)) throw new TypeError(`${pre}${m.inputs[k]} must be a Float64Array`);
      const r = residentAt(this, v);
      if (r === -2) throw freedError(`${pre}${m.inputs[k]}`);
      resIn[k] = r;
      // byteLength, not length: optimized code can read a detached array's old length.
      const vl = f64Length(v);
      if (len >= 0 && vl !== len) throw new RangeError(`${pre}${m.inputs[k]} has length ${vl}, expected ${len} (all inputs must have the same length)`);
      len = vl;
    }
    if (len < 0) len = 0;
    if (mode === 1 && len % extra !== 0) throw new RangeError(`${pre}input length ${len} is not a multiple of series ${extra}`);
    const n = mode === 1 ? len / extra : len;
    const rows = mode === 2 ? extra : 1;
    const outLen = mode === 2 ? n * extra : len;
    for (let k = 0; k < outs.length; k++) {
      const o = outs[k];
      if (!isF64(o)) throw new TypeError(`${pre}${outName(m, k)} must be a Float64Array`);
      const r = residentAt(this, o);
      if (r === -2) throw freedError(`${pre}${outName(m, k)}`);
      resOut[k] = inPlace ? r : -1;
      if (f64Length(o) !== outLen) throw new RangeError(`${pre}${outName(m, k)} has length ${f64Length(o)}, expected ${outLen}`);
      for (let j = 0; j < k; j++) if (f64Overlap(outs[j] as Float64Array, o)) throw new RangeError(`${pre}output arrays must not overlap each other`);
    }
    // An input is copied unless it is resident and shares no memory with a resident output
    // (a kernel may write an output before it has read all of an input).
    const nOpt = rows * m.options.length;
    let inCount = 0;
    for (let k = 0; k < ins.length; k++) {
      if (resIn[k]! >= 0) {
        if (!inPlace) resIn[k] = -1;
        else for (let j = 0; j < outs.length; j++) if (overlaps(resIn[k]!, resOut[j]!, len)) resIn[k] = -1;
      }
      if (ins[k] && resIn[k]! < 0) inCount++;
    }
    // A long pointwise series in blocks, unless an array is resident.
    const block = inPlace && len > POINTWISE_BLOCK && m.pointwise && inCount === ins.length && resOut.every((r, k) => k >= outs.length || r < 0) ? POINTWISE_BLOCK : len;
    const bytes = 8 * (nOpt + (inCount + outs.length) * block);
    if (bytes > 2 ** 31) throw this.oom('this request');
    const base = this.scratch(bytes);
    if (block < len) return this.blocks(m, ins as Float64Array[], opts, outs as Float64Array[], len, base);
    this.putOptions(m, opts, rows, base);
    let at = base + 8 * nOpt;
    const p32 = this.ptrs >> 2;
    this.callN = -1; // (call()'s pointer slots are overwritten here)
    for (let k = 0; k < ins.length; k++) {
      const v = ins[k] as Float64Array | undefined;
      if (!v) {
        this.u32[p32 + k] = 0;
        continue;
      }
      // (re-checked: a resizable buffer can shrink between the checks above and here)
      if (f64Length(v) !== len) throw new RangeError(`${pre}${m.inputs[k]} was detached or resized during the call`);
      if (resIn[k]! >= 0) {
        this.u32[p32 + k] = resIn[k]! * 8;
        continue;
      }
      if (len) f64Set(this.heap, v, at >> 3);
      this.u32[p32 + k] = at;
      at += 8 * len;
    }
    const outAt = at;
    for (let k = 0; k < outs.length; k++) this.u32[p32 + MAX_IN + k] = resOut[k]! >= 0 ? resOut[k]! * 8 : outAt + 8 * outLen * k;
    try {
      this.x.hean_run(mode, id, this.ptrs, n, mode === 0 ? 1 : extra, base, this.ptrs + 4 * MAX_IN);
    } catch (e) {
      this.failed(e);
    }
    this.views();
    const dst = into ?? (outs as Float64Array[]);
    for (let k = 0; outLen && k < outs.length; k++) {
      if (resOut[k]! >= 0) continue;
      if (f64Length(dst[k]!) !== outLen) throw new RangeError(`${pre}${outName(m, k)} was detached or resized during the call`);
      f64Set(dst[k]!, this.view(k, (outAt >> 3) + outLen * k, outLen), 0);
    }
  }

  /** exec's run of a pointwise indicator in blocks of POINTWISE_BLOCK bars, its arrays checked, none resident; scratch at `base`. */
  private blocks(m: IndicatorMeta, ins: Float64Array[], opts: unknown, outs: Float64Array[], len: number, base: number): void {
    const B = POINTWISE_BLOCK;
    this.putOptions(m, opts, 1, base);
    const data = base + 8 * m.options.length;
    const p32 = this.ptrs >> 2;
    this.callN = -1; // (call()'s pointer slots are overwritten here)
    for (let k = 0; k < ins.length; k++) this.u32[p32 + k] = data + 8 * B * k;
    for (let k = 0; k < outs.length; k++) this.u32[p32 + MAX_IN + k] = data + 8 * B * (ins.length + k);
    for (let i = 0; i < len; i += B) {
      const n = Math.min(B, len - i);
      for (let k = 0; k < ins.length; k++) f64Set(this.heap, ins[k]!.subarray(i, i + n), (data >> 3) + B * k);
      try {
        this.x.hean_run(0, m.id, this.ptrs, n, 1, base, this.ptrs + 4 * MAX_IN);
      } catch (e) {
        this.failed(e);
      }
      this.views();
      for (let k = 0; k < outs.length; k++) f64Set(outs[k]!, this.view(k, (data >> 3) + B * (ins.length + k), n), i);
    }
  }

  runDirect(id: number, opts: Float64Array, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown): void {
    const m = this.metaAt(id);
    const nIn = m.inputs.length;
    const total = nIn + m.outputs.length;
    // The short-series hot path: positional arrays, no argument list built (no rest or
    // `arguments`: both cost more than the rest of the call).
    const given = a0 === undefined ? 0 : a1 === undefined ? 1 : a2 === undefined ? 2 : a3 === undefined ? 3 : a4 === undefined ? 4 : 5;
    if (total > 4 || given !== total) throw new RangeError(`hean.${m.name}: runDirect takes id, options, the inputs and the outputs`);
    if (isF64(a0) && isF64(a1) && (total < 3 || isF64(a2)) && (total < 4 || isF64(a3)) && isF64(opts) && opts.length === m.options.length) {
      const n = f64Length(a0);
      const sameLength = f64Length(a1) === n && (total < 3 || f64Length(a2 as Float64Array) === n) && (total < 4 || f64Length(a3 as Float64Array) === n);
      const outsOverlap = total - nIn > 1 && (f64Overlap(a1, a2 as Float64Array) || (total > 3 && (f64Overlap(a1, a3 as Float64Array) || f64Overlap(a2 as Float64Array, a3 as Float64Array))));
      if (sameLength && !outsOverlap) return this.direct(m, opts, n, nIn, total, a0, a1, a2 as Float64Array, a3 as Float64Array);
    }
    const arrays = [a0, a1, a2, a3].slice(0, total);
    this.exec(0, id, arrays.slice(0, nIn), opts, arrays.slice(nIn), 1);
  }

  /** One series, arrays checked by the caller (a0..a3: the inputs, then the outputs): copy in, run, copy out. */
  private direct(m: IndicatorMeta, opts: Float64Array, n: number, nIn: number, total: number, a0: Float64Array, a1: Float64Array, a2: Float64Array, a3: Float64Array): void {
    if (n > POINTWISE_BLOCK && m.pointwise) {
      const a = [a0, a1, a2, a3];
      return this.exec(0, m.id, a.slice(0, nIn), opts, a.slice(nIn, total), 1);
    }
    // Resident arrays (wasmArena) are used in place (see call()): r[k] their element index,
    // else -1 (inputs then outputs; this.resIn as scratch: no allocation per call).
    const r = this.resIn;
    for (let k = 0; k < total; k++) {
      const at = residentAt(this, k === 0 ? a0 : k === 1 ? a1 : k === 2 ? a2 : a3);
      if (at === -2) throw freedError(`hean.${m.name}: ${k < nIn ? m.inputs[k] : outName(m, k - nIn)}`);
      r[k] = at;
    }
    for (let k = 0; k < nIn; k++) for (let j = nIn; j < total; j++) if (overlaps(r[k]!, r[j]!, n)) r[k] = -1;
    const nOpt = opts.length;
    const base = this.scratch(8 * (nOpt + total * n));
    const h0 = this.heap;
    for (let k = 0; k < nOpt; k++) h0[(base >> 3) + k] = opts[k]!;
    const err = this.x.hean_validate(m.id, base, 1);
    if (err !== 0) throw new RangeError(`hean.${this.str(err)}`);
    const data = base + 8 * nOpt;
    const p32 = this.ptrs >> 2;
    this.callN = -1; // (call()'s pointer slots are overwritten here)
    for (let k = 0; k < total; k++) {
      const at = r[k]! >= 0 ? r[k]! * 8 : data + 8 * n * k;
      if (k < nIn) {
        // (n is 0 for a detached array, which set() would refuse)
        if (r[k]! < 0 && n > 0) f64Set(this.heap, k === 0 ? a0 : k === 1 ? a1 : a2, at >> 3);
        this.u32[p32 + k] = at;
      } else {
        this.u32[p32 + MAX_IN + k - nIn] = at;
      }
    }
    try {
      this.x.hean_run(0, m.id, this.ptrs, n, 1, base, this.ptrs + 4 * MAX_IN);
    } catch (e) {
      this.failed(e);
    }
    if (n === 0) return;
    this.views();
    for (let k = nIn; k < total; k++) {
      if (r[k]! >= 0) continue;
      f64Set(k === 1 ? a1 : k === 2 ? a2 : a3, this.view(k - nIn, (data >> 3) + n * k, n), 0);
    }
  }

  // The short-series call (call()): each indicator's own export (hean_call_<name>, by id:
  // its row is known inside WASM, so the call skips the generic hean_call's table lookup and
  // option decoding), and the layout of its scratch for the last length used: pointer slots
  // written and views of where the outputs land built once, so a call with the same length
  // checks one condition, and copying a result out is one set() (a memcpy).
  private readonly calls: (OwnCall | undefined)[] = [];
  private callN = -1; // bars the layout is for (-1: none)
  private callBase = 0; // its scratch (byte address): options, 3 outputs, 3 inputs
  private inAt = 0; // element index of the first input
  private callHeap: Float64Array | undefined; // the view of linear memory the layout's views share
  private out0: Float64Array | undefined;
  private out1: Float64Array | undefined;
  private out2: Float64Array | undefined;
  private out01: Float64Array | undefined; // out0 and out1 (consecutive), and all three
  private out012: Float64Array | undefined;
  private moved = false; // a resident call pointed call()'s slots elsewhere
  // Element indices of a call's resident inputs and outputs (-1: copied), for exec() and direct().
  private readonly resIn = new Int32Array(MAX_IN);
  private readonly resOut = new Int32Array(MAX_OUT);

  // exec()'s and direct()'s views of where output k lands (element index, length), kept for
  // the next call with the same layout: copying a result out is one set() from a view, and
  // building the view (a subarray) costs more than a short series' copy.
  private readonly outViews: (Float64Array | undefined)[] = [];
  private readonly outFrom = new Float64Array(2 * MAX_OUT); // element index and length of each
  private outHeap: Float64Array | undefined; // the memory view they were built on (renewed when it grows)

  /** A view of linear memory's n elements from element `from` (output k's), reused while unchanged. */
  private view(k: number, from: number, n: number): Float64Array {
    const h = this.heap;
    if (h !== this.outHeap) {
      this.outViews.length = 0;
      this.outHeap = h;
    }
    const v = this.outViews[k];
    if (v !== undefined && this.outFrom[2 * k] === from && this.outFrom[2 * k + 1] === n) return v;
    this.outFrom[2 * k] = from;
    this.outFrom[2 * k + 1] = n;
    return (this.outViews[k] = h.subarray(from, from + n));
  }

  /** Lays out call()'s scratch for n bars (also after the memory grew: fresh views). */
  private layout(n: number): void {
    const base = this.scratch(8 * (8 + 6 * n));
    const r = this.heap;
    const at = (base >>> 3) + 8;
    this.inAt = at + 3 * n;
    this.slots(n);
    this.out0 = r.subarray(at, at + n);
    this.out1 = r.subarray(at + n, at + 2 * n);
    this.out2 = r.subarray(at + 2 * n, at + 3 * n);
    this.out01 = r.subarray(at, at + 2 * n);
    this.out012 = r.subarray(at, at + 3 * n);
    this.callHeap = r;
    this.callBase = base;
    this.callN = n;
  }

  /** Points call()'s pointer slots at its scratch for n bars (outputs, then inputs from inAt). */
  private slots(n: number): void {
    const u = this.u32;
    const p = this.ptrs >> 2;
    const q = p + MAX_IN;
    const at = this.inAt - 3 * n;
    for (let k = 0; k < 3; k++) {
      u[q + k] = (at + k * n) * 8;
      u[p + k] = (at + (3 + k) * n) * 8;
    }
    this.moved = false;
  }

  call(id: number, defaults: Float64Array, o0: number | undefined, n: number, nIn: number, nOut: number, x0: Float64Array, x1: Float64Array | undefined, x2: Float64Array | undefined, y0: Float64Array, y1: Float64Array | undefined, y2: Float64Array | undefined, into?: Float64Array, intoAt = 0): void {
    // Resident arrays (wasmArena) are read and written where they are: their element
    // indices (-1: not resident, -2: freed), all -1 (their AND) in the usual case.
    const s0 = residentAt(this, x0);
    const s1 = nIn > 1 ? residentAt(this, x1!) : -1;
    const s2 = nIn > 2 ? residentAt(this, x2!) : -1;
    const r0 = residentAt(this, y0);
    const r1 = nOut > 1 ? residentAt(this, y1!) : -1;
    const r2 = nOut > 2 ? residentAt(this, y2!) : -1;
    const resident = (s0 & s1 & s2 & r0 & r1 & r2) !== -1;
    if (resident && (s0 === -2 || s1 === -2 || s2 === -2 || r0 === -2 || r1 === -2 || r2 === -2)) {
      const m = this.metaAt(id);
      const k = [s0, s1, s2, r0, r1, r2].indexOf(-2);
      throw freedError(`hean.${m.name}: ${k < 3 ? m.inputs[k] : outName(m, k - 3)}`);
    }
    // A long pointwise series: in blocks (exec; these take no options).
    if (n > POINTWISE_BLOCK && !resident && nOut === 1 && this.metaAt(id).pointwise) return this.exec(0, id, [x0, x1, x2].slice(0, nIn), defaults, [y0], 1);
    // Laid out again when the length changes, another call moved the scratch, or the
    // memory grew: growth detaches the old buffer (a stale view has length 0), and another
    // entry point may already have renewed this.heap (then it is not the layout's).
    const h0 = this.heap;
    if (n !== this.callN || this.arena !== this.callBase || h0 !== this.callHeap || h0.length === 0) this.layout(n);
    const h = this.heap;
    const base = this.callBase;
    const b = base >>> 3;
    const nOpt = defaults.length;
    for (let k = 0; k < nOpt; k++) h[b + k] = defaults[k]!;
    if (o0 !== undefined) h[b] = o0;
    const i = this.inAt;
    if (resident) {
      // Each used pointer slot gets the array's address, or the scratch's for an array
      // copied (the next copying call puts the layout's back: slots()). An input overlapping
      // a resident output is copied like any other: a kernel may write an output before it
      // has read all of an input.
      const u = this.u32;
      const p = this.ptrs >> 2;
      const q = p + MAX_IN;
      const o = 8 * (i - 3 * n); // the scratch's first output (byte address)
      u[q] = r0 >= 0 ? r0 * 8 : o;
      if (nOut > 1) u[q + 1] = r1 >= 0 ? r1 * 8 : o + 8 * n;
      if (nOut > 2) u[q + 2] = r2 >= 0 ? r2 * 8 : o + 16 * n;
      if (s0 >= 0 && !overlapsAny(s0, r0, r1, r2, n)) u[p] = s0 * 8;
      else {
        u[p] = 8 * i;
        if (n > 0) f64Set(h, x0, i);
      }
      if (nIn > 1) {
        if (s1 >= 0 && !overlapsAny(s1, r0, r1, r2, n)) u[p + 1] = s1 * 8;
        else {
          u[p + 1] = 8 * (i + n);
          if (n > 0) f64Set(h, x1!, i + n);
        }
        if (nIn > 2) {
          if (s2 >= 0 && !overlapsAny(s2, r0, r1, r2, n)) u[p + 2] = s2 * 8;
          else {
            u[p + 2] = 8 * (i + 2 * n);
            if (n > 0) f64Set(h, x2!, i + 2 * n);
          }
        }
      }
      this.moved = true;
    } else {
      if (this.moved) this.slots(n);
      if (n > 0) {
        // Straight-line code per input (a loop choosing among them costs more than the copies);
        // set() copies in (a memcpy; f64Set: the intrinsic, no property load). (n is 0 for a detached input, which set() would refuse.)
        f64Set(h, x0, i);
        if (nIn > 1) {
          f64Set(h, x1!, i + n);
          if (nIn > 2) f64Set(h, x2!, i + 2 * n);
        }
      }
    }
    this.runOwn(id, n, base);
    if (n === 0) return;
    if (this.heap.length === 0) this.layout(n); // (a kernel's scratch grew the memory)
    if (into !== undefined && (r0 & r1 & r2) === -1) {
      // (fresh results, consecutive in `into`: one copy, as the outputs are consecutive here)
      f64Set(into, nOut === 2 ? this.out01! : this.out012!, intoAt);
      return;
    }
    if (r0 < 0) f64Set(y0, this.out0!, 0);
    if (nOut > 1) {
      if (r1 < 0) f64Set(y1!, this.out1!, 0);
      if (nOut > 2 && r2 < 0) f64Set(y2!, this.out2!, 0);
    }
  }

  /**
   * call() of a one-input, one-output indicator: the same steps for the usual case (both
   * arrays copied, a short series, the layout unchanged), in a body small enough for V8 to
   * inline into the quick path; anything else is call()'s.
   */
  call1(id: number, defaults: Float64Array, o0: number | undefined, n: number, x0: Float64Array, y0: Float64Array): void {
    const h = this.heap;
    if ((residentAt(this, x0) & residentAt(this, y0)) !== -1 || n > POINTWISE_BLOCK || n === 0 || this.moved || n !== this.callN || this.arena !== this.callBase || h !== this.callHeap || h.length === 0) {
      return this.call(id, defaults, o0, n, 1, 1, x0, undefined, undefined, y0, undefined, undefined);
    }
    const base = this.callBase;
    const b = base >>> 3;
    const nOpt = defaults.length;
    for (let k = 0; k < nOpt; k++) h[b + k] = defaults[k]!;
    if (o0 !== undefined) h[b] = o0;
    f64Set(h, x0, this.inAt);
    this.runOwn(id, n, base);
    if (this.heap.length === 0) this.layout(n); // (a kernel's scratch grew the memory)
    f64Set(y0, this.out0!, 0);
  }

  /** Runs indicator `id`'s own export on call()'s pointer slots, options at `base` (its refusal: a RangeError). */
  private runOwn(id: number, n: number, base: number): void {
    let err: number;
    try {
      err = (this.calls[id] ?? this.ownCall(id))(this.ptrs, n, base, this.ptrs + 4 * MAX_IN);
    } catch (e) {
      this.failed(e);
    }
    if (err !== 0) throw new RangeError(`hean.${this.str(err)}`);
  }

  /** Indicator `id`'s own export, looked up once. */
  private ownCall(id: number): OwnCall {
    const m = this.metaAt(id);
    const own = (this.x as unknown as Record<string, OwnCall | undefined>)[`hean_call_${m.name}`];
    if (typeof own !== 'function') throw new Error(`hean: wasm/hean_cpp.wasm has no hean_call_${m.name} export (a stale build: npm run build:wasm)`);
    return (this.calls[id] = own);
  }

  runAsync(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): Promise<void> {
    // Computed now (the inputs as they are at the call) into owned arrays; copied into the
    // caller's arrays when the promise settles, after checking they are still usable.
    const owned = outs.map((o) => (isF64(o) ? new Float64Array(f64Length(o)) : o));
    this.exec(mode, id, ins, opts, outs, extra, owned as Float64Array[]);
    const m = this.metaAt(id);
    return Promise.resolve().then(() => {
      for (let k = 0; k < outs.length; k++) {
        const o = outs[k]!;
        if (f64Length(o) !== owned[k]!.length) throw new RangeError(`hean.${m.name}: out was detached or resized while the async job ran`);
        if (owned[k]!.length) f64Set(o, owned[k]!, 0);
      }
    });
  }

  lookback(id: number, opts: Float64Array, output: number): number {
    const m = this.metaAt(id);
    const base = this.scratch(8 * Math.max(1, m.options.length));
    if (!isF64(opts)) throw new TypeError(`hean.${m.name}: options must be a Float64Array`);
    if (opts.length !== m.options.length) throw new RangeError('wrong number of options');
    this.putOptions(m, opts, 1, base);
    if (!(Number.isInteger(output) && output >= 0 && output < m.outputs.length)) {
      throw new RangeError(`output index must be an integer in [0, ${m.outputs.length - 1}]`);
    }
    return this.x.hean_lookback(id, base, output);
  }

  private api: StreamApi | undefined;
  /** The streaming entry points (see StreamApi). */
  streamApi(): StreamApi {
    if (this.api) return this.api;
    const x = this.x;
    const put = (opts: Float64Array) => {
      const base = this.scratch(8 * Math.max(1, opts.length));
      for (let k = 0; k < opts.length; k++) this.heap[(base >> 3) + k] = opts[k]!;
      return base;
    };
    return (this.api = {
      has: (id) => x.hean_stream_has(id) === 1,
      windowLen: (id, opts) => x.hean_stream_window_len(id, put(opts)),
      create: (id, opts) => {
        const t = x.hean_stream_new(id, put(opts));
        this.views();
        if (t === 0 && this.arenas) throw this.oom('a streaming instance');
        return t;
      },
      free: (t) => x.hean_stream_free(t),
      update: x.hean_stream_update,
      replace: x.hean_stream_replace,
      update1: x.hean_stream_update1,
      replace1: x.hean_stream_replace1,
      update2: x.hean_stream_update2,
      replace2: x.hean_stream_replace2,
      update3: x.hean_stream_update3,
      replace3: x.hean_stream_replace3,
      update4: x.hean_stream_update4,
      replace4: x.hean_stream_replace4,
      direct: (name) => {
        const e = x as unknown as Record<string, ((t: number, ...v: number[]) => number) | undefined>;
        const update = e[`hean_su_${name}`];
        const replace = e[`hean_sr_${name}`];
        return update && replace ? { update, replace } : undefined;
      },
      delegated: (t) => x.hean_stream_delegated(t) === 1,
      reset: (t) => x.hean_stream_reset(t),
      restored: (t) => x.hean_stream_restored(t),
      layout: (t) => ({ state: x.hean_stream_state(t), nState: x.hean_stream_n_state(t), window: x.hean_stream_window(t), out: x.hean_stream_out(t) }),
      heap: () => {
        this.views();
        return this.heap;
      },
    });
  }

  /** Not in the WASM build. */
  covMatrix(): never {
    return missing('covMatrix');
  }
  /** Not in the WASM build. */
  portfolioVol(): never {
    return missing('portfolioVol');
  }
  /** Not in the WASM build. */
  resample(): never {
    return missing('resample');
  }
  /** Not in the WASM build. */
  resampleBars(): never {
    return missing('resampleBars');
  }

  /** The candlestick patterns in list order: name and default penetration (null: none), as the addon's. */
  patternsInfo(): { name: string; penetration: number | null }[] {
    const x = this.x;
    const list: { name: string; penetration: number | null }[] = [];
    for (let k = 0; k < x.hean_pattern_count(); k++) {
      const p = x.hean_pattern_penetration(k);
      list.push({ name: this.str(x.hean_pattern_name(k)), penetration: Number.isNaN(p) ? null : p });
    }
    return list;
  }

  /** Each pattern's lookback with the 33 settings numbers `settings` into `out`, as the addon's. */
  patternLookbacks(settings: Float64Array, out: Float64Array): void {
    const count = this.x.hean_pattern_count();
    if (!isF64(settings)) throw new TypeError('hean.patterns: candle settings must be a Float64Array');
    if (settings.length !== 33) throw new RangeError('hean.patterns: candle settings must have 33 numbers');
    if (!isF64(out)) throw new TypeError('hean.patterns: lookbacks must be a Float64Array');
    if (f64Length(out) !== count) throw new RangeError('hean.patterns: lookbacks has the wrong length');
    const p = this.scratch(8 * (33 + count));
    this.heap.set(settings, p >> 3);
    const err = this.x.hean_pattern_lookbacks(p, p + 8 * 33);
    this.views();
    if (err) throw new RangeError(this.str(err));
    f64Set(out, this.heap.subarray((p >> 3) + 33, (p >> 3) + 33 + count), 0);
  }

  /**
   * The wanted candlestick patterns over one series (the addon's `patterns`: same arguments,
   * same run_patterns()): `out` holds the wanted rows of n in list order, Int16 or Float64.
   */
  patterns(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, want: Uint8Array, pen: Float64Array, settings: Float64Array, out: Int16Array | Float64Array): void {
    const x = this.x;
    const names = ['open', 'high', 'low', 'close'];
    const ins = [o, h, l, c];
    ins.forEach((s, k) => {
      if (!isF64(s)) throw new TypeError(`hean.patterns: ${names[k]} must be a Float64Array`);
    });
    const n = o.length;
    for (let k = 1; k < 4; k++) if (ins[k]!.length !== n) throw new RangeError(`hean.patterns: ${names[k]} must have the length of open`);
    const count = x.hean_pattern_count();
    if (!(want instanceof Uint8Array) || want.length !== count) throw new RangeError('hean.patterns: want must be a Uint8Array of the pattern count');
    if (!isF64(pen)) throw new TypeError('hean.patterns: penetration must be a Float64Array');
    if (pen.length !== count) throw new RangeError('hean.patterns: penetration has the wrong length');
    if (!isF64(settings)) throw new TypeError('hean.patterns: candle settings must be a Float64Array');
    if (settings.length !== 33) throw new RangeError('hean.patterns: candle settings must have 33 numbers');
    const f64 = isF64(out);
    if (!f64 && !(out instanceof Int16Array)) throw new TypeError('hean.patterns: out must be an Int16Array or a Float64Array');
    let rows = 0;
    for (let k = 0; k < count; k++) if (want[k]) rows++;
    if ((f64 ? f64Length(out as Float64Array) : i16Length(out as Int16Array)) !== rows * n) throw new RangeError('hean.patterns: out must hold one row of n per wanted pattern');
    // Scratch: inputs (4n), penetrations, settings, the rows (8-byte aligned), then the
    // pointers (4 inputs, count rows) and want.
    const rowBytes = f64 ? 8 * n : 8 * Math.ceil((2 * n) / 8);
    const doubles = 4 * n + count + 33;
    const bytes = 8 * doubles + rows * rowBytes + 4 * (4 + count) + count;
    const base = this.scratch(bytes);
    const at = base >> 3;
    ins.forEach((s, k) => this.heap.set(s, at + k * n));
    this.heap.set(pen, at + 4 * n);
    this.heap.set(settings, at + 4 * n + count);
    const rowsAt = base + 8 * doubles;
    const ptrs = rowsAt + rows * rowBytes;
    for (let k = 0; k < 4; k++) this.u32[(ptrs >> 2) + k] = base + 8 * k * n;
    const wantAt = ptrs + 4 * (4 + count);
    new Uint8Array(x.memory.buffer, wantAt, count).set(want);
    for (let k = 0, r = 0; k < count; k++) this.u32[(ptrs >> 2) + 4 + k] = want[k] ? rowsAt + rowBytes * r++ : 0;
    const err = x.hean_patterns(ptrs, n, wantAt, base + 8 * 4 * n, base + 8 * (4 * n + count), ptrs + 16, f64 ? 1 : 0);
    this.views();
    if (err) throw new RangeError(this.str(err));
    for (let r = 0; r < rows; r++) {
      const from = rowsAt + rowBytes * r;
      // (through the intrinsic, as the other copies: a caller's own `set` on out never runs)
      if (f64) f64Set(out as Float64Array, this.heap.subarray(from >> 3, (from >> 3) + n), r * n);
      else i16Set(out as Int16Array, new Int16Array(x.memory.buffer, from, n), r * n);
    }
  }

  lmath(fn: number, x: Float64Array): Float64Array {
    if (!(Number.isInteger(fn) && fn >= 0 && fn <= 11)) throw new RangeError(`hean.lmath: fn must be an integer in [0, 11], got ${describe(fn)}`);
    const p = this.scratch(2 * 8 * Math.max(1, x.length));
    this.heap.set(x, p >> 3);
    this.x.hean_lmath(fn, p, p + 8 * x.length, x.length);
    this.views();
    return this.heap.slice((p >> 3) + x.length, (p >> 3) + 2 * x.length);
  }

  concurrency(threads?: number): number {
    if (threads !== undefined) {
      if (typeof threads !== 'number') throw new TypeError(`hean.concurrency: threads must be a number, got ${describe(threads)}`);
      if (!(Number.isInteger(threads) && threads >= 1 && threads <= 256)) throw new RangeError('hean.concurrency: threads must be an integer in [1, 256]');
      this.threads = threads;
    }
    return this.threads;
  }
}

function missing(what: string): never {
  throw new Error(`hean.${what} needs the native addon: the WASM engine carries the indicators only (unset $HEAN_ENGINE, or install a platform hean has a prebuild for)`);
}

/** True when `x` is a compiled `WebAssembly.Module`. */
export function isWasmModule(x: unknown): x is WasmModule {
  return x instanceof WA.Module;
}

/**
 * Instantiates the engine from the bytes (or compiled module) of hean_cpp.wasm,
 * synchronously: Node compiles any size at once; a browser's main thread allows only small
 * modules this way, so there use {@link instantiateWasmEngineAsync}.
 */
export function instantiateWasmEngine(source: ArrayBufferView | ArrayBuffer | WasmModule): WasmEngine {
  const module = isWasmModule(source) ? source : new WA.Module(source as ArrayBufferView | ArrayBuffer);
  const ref: { memory?: WasmMemory } = {};
  return engineOf(new WA.Instance(module, wasiImports(ref)), ref);
}

/** {@link instantiateWasmEngine} with WebAssembly's asynchronous compile and instantiate (any size, any thread). */
export async function instantiateWasmEngineAsync(source: ArrayBufferView | ArrayBuffer | WasmModule): Promise<WasmEngine> {
  const module = isWasmModule(source) ? source : await WA.compile(source as ArrayBufferView | ArrayBuffer);
  const ref: { memory?: WasmMemory } = {};
  return engineOf(await WA.instantiate(module, wasiImports(ref)), ref);
}

function engineOf(instance: { exports: unknown }, ref: { memory?: WasmMemory }): WasmEngine {
  const x = instance.exports as unknown as Exports;
  ref.memory = x.memory;
  return new Engine(x);
}
