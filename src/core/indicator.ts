// Turns one row of the native indicator table into the typed JS function and its
// variants (async, many-series, sweep). Argument handling lives here once, for every
// indicator; per-indicator files only declare types and documentation.
import { loadAddon } from '../native.js';
import type { WasmEngine } from '../wasm/engine.js';
import { engineFor, selectEngine, wasmEngine } from '../wasm/load.js';
import { f64LengthKnown, f64LengthOf, freed, freedError, isFreedResident, openArena, type WasmArena, type WasmArenaOptions } from '../wasm/resident.js';
import { copyF64, describe, f64Length, f64Overlap, outputsMayOverlap, isArray, isF64, isOwnF64, keysOf, messageOf, reading } from './guard.js';

/** A price/volume series: read in place when a Float64Array, converted once when an array. */
export type Series = Float64Array | readonly number[];

/** Metadata of one option, as described by the native table. */
export interface OptionMeta {
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly doc: string;
  /** `a|b|c` when the option is an enum (passed by label). */
  readonly choices?: string;
}

/** Metadata of one indicator, as described by the native table. */
export interface IndicatorMeta {
  readonly id: number;
  readonly name: string;
  readonly summary: string;
  readonly inputs: readonly string[];
  /** Inputs past this index are optional and passed through the options object. */
  readonly required: number;
  readonly options: readonly OptionMeta[];
  readonly outputs: readonly string[];
  /** True when the many-series form runs 8 series per SIMD block (otherwise per column). */
  readonly many: boolean;
  /** True when each output bar is a function of the same bar's inputs alone (no options, no warm-up, no state). */
  readonly pointwise: boolean;
}

interface CppAddon {
  abiVersion: number;
  indicators(): IndicatorMeta[];
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
  runDirect(id: number, opts: Float64Array, ...arrays: unknown[]): void;
  runAsync(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): Promise<void>;
  lookback(id: number, opts: Float64Array, output: number): number;
  concurrency(threads?: number): number;
  /** hean's portable math function `fn` (hean/lmath.hpp) of every element (test/lmath.test.ts). */
  lmath(fn: number, x: Float64Array): Float64Array;
  covMatrix(x: Float64Array, rows: number, cols: number, ddof: number, corr: boolean, out: Float64Array): number;
  portfolioVol(w: Float64Array, cov: Float64Array): number;
  resample(ts: Float64Array, price: Float64Array, volume: Float64Array | undefined, interval: number, offset: number, empty: number, outs?: Float64Array[]): number;
  resampleBars(
    time: Float64Array,
    open: Float64Array,
    high: Float64Array,
    low: Float64Array,
    close: Float64Array,
    volume: Float64Array | undefined,
    interval: number,
    offset: number,
    empty: number,
    outs?: Float64Array[],
  ): number;
}

let addon: CppAddon | undefined;
let table: Map<string, IndicatorMeta> | undefined;

/** The C++ engine: the native addon, else its WASM build (see src/wasm/load.ts); loaded on first use. */
export function cpp(): CppAddon {
  return (addon ??= selectEngine(() => loadAddon<CppAddon>('hean_cpp')) as CppAddon);
}

/** Metadata of every indicator in the native table. */
export function indicatorTable(): ReadonlyMap<string, IndicatorMeta> {
  return (table ??= new Map(cpp().indicators().map((m) => [m.name, m])));
}

function metaOf(name: string): IndicatorMeta {
  const m = indicatorTable().get(name);
  if (!m) throw new Error(`hean: indicator '${name}' is missing from the native engine (stale build?)`);
  return m;
}

const MODE_SINGLE = 0;
const MODE_MANY = 1;
const MODE_SWEEP = 2;

/**
 * Float64Array as is (no copy); an array of numbers converted once; anything else a
 * TypeError. A Float64Array on a SharedArrayBuffer is copied once: another thread may
 * write it while a kernel reads, and the kernels assume their input holds still.
 */
export function toSeries(x: unknown, what: string): Float64Array {
  if (isFreedResident(x)) throw freedError(what);
  if (isOwnF64(x)) return x;
  if (isF64(x)) return copyF64(x); // on a SharedArrayBuffer: read a stable copy
  if (isArray(x, what)) {
    const a = x;
    const n = reading(what, () => a.length);
    const out = new Float64Array(n);
    // One try for the whole loop (a closure per element would cost more than the copy).
    let i = 0;
    let v: unknown;
    try {
      for (; i < n; i++) {
        v = a[i];
        if (typeof v !== 'number') break;
        out[i] = v;
      }
    } catch (e) {
      throw new TypeError(`${what}[${i}] could not be read: ${messageOf(e)}`, { cause: e });
    }
    if (i < n) throw new TypeError(`${what} must contain only numbers; element ${i} is ${describe(v)}`);
    return out;
  }
  throw new TypeError(`${what} must be a Float64Array or an array of numbers, got ${describe(x)}`);
}

/** toSeries with the argument's description built only on error (hot path). */
function seriesArg(x: unknown, fn: string, name: string): Float64Array {
  return isOwnF64(x) && !freed(x) ? x : toSeries(x, `${fn}: ${name}`);
}

// ---- results of the allocating form --------------------------------------------------
// `new Float64Array(n)` is an off-heap ArrayBuffer (calloc plus external-memory accounting,
// ~1 µs) however short n is: on a 64-bar call that is most of the call. Short results are
// therefore views into a shared 64 KB slab, 8-byte aligned, a new slab when the current one
// is full: the trade-off Node makes in Buffer.allocUnsafe's pool, except that the slab is
// zeroed and never reused (each view is handed out once). A live short result keeps its
// slab alive.
//
// Long results stay `new Float64Array(n)`. Allocating them in the addon instead (external
// ArrayBuffers over 2 MB-page blocks from a bounded free list that finalizers refill) was
// built and measured, and dropped: Node runs an external buffer's finalizer in a later
// event-loop turn (SetImmediate), so a synchronous loop of calls returns no block until it
// ends and holds every result's memory meanwhile (unbounded), and on fresh memory macd at
// 1M bars took 74 ns/bar of CPU against 20 for JS allocation (benches/alloc.mjs; the page
// fault floor per 8 MB output is in benches/pagefault.cpp).

/** Results of at most this many elements come from the slab (4 KB; 16 of them fill one). */
export const POOLED_MAX = 512;
const SLAB_BYTES = 64 * 1024;
let pooled = true;
let slab: ArrayBuffer = new ArrayBuffer(0);
let slabAll = new Float64Array(slab); // all of the slab (the destination of resultRun's one copy)
let slabUsed = 0;

/** A fresh, zeroed result of n elements (a slab view when pooled and n <= POOLED_MAX). */
export function resultArray(n: number): Float64Array {
  if (n > POOLED_MAX || n === 0 || !pooled) return new Float64Array(n);
  const bytes = n * 8;
  if (slabUsed + bytes > slab.byteLength) newSlab();
  const a = new Float64Array(slab, slabUsed, n);
  slabUsed += bytes;
  return a;
}

function newSlab(): void {
  slab = new ArrayBuffer(SLAB_BYTES);
  slabAll = new Float64Array(slab);
  slabUsed = 0;
}

/**
 * Makes room for `count` results of n elements in one slab, so the next `count`
 * resultArray(n) are consecutive views of it: returns the element index of the first in
 * slabAll, or -1 when they would not be pooled. The WASM engine then copies
 * all of them out with one set() (its outputs lie consecutively in linear memory too),
 * where a set() each costs ~10 ns more per output on a 64-bar call (benches/call-stages.mjs).
 */
function resultRun(count: number, n: number): number {
  if (n > POOLED_MAX || n === 0 || !pooled) return -1;
  if (slabUsed + count * n * 8 > slab.byteLength) newSlab();
  return slabUsed >> 3;
}

/**
 * Gets, or sets and returns, whether short results of the allocating form are pooled (on by
 * default). When on, an indicator called without `out` on a single series returns outputs
 * of at most 512 elements as views into a shared 64 KB ArrayBuffer (a new one when full),
 * as Node's `Buffer.allocUnsafe` does for small buffers: a call then skips most of its
 * ~1 µs off-heap allocation. Results never overlap each other and start zeroed, but a short
 * result may share its ArrayBuffer with other results: `.slice()` it before transferring
 * its buffer to a worker (transferring detaches the whole slab, so the other results too),
 * and a live short result keeps its 64 KB slab alive. `pooledResults(false)` gives every
 * later result its own ArrayBuffer. Results written into `out`, and those of `.many` and
 * `.sweep`, are never pooled. Per thread (each worker has its own setting and slab). Also in `hean/web`.
 *
 * @param enabled - true to pool short results, false for an own ArrayBuffer per result;
 *   omit to read the current value.
 * @throws TypeError when `enabled` is not a boolean.
 */
export function pooledResults(enabled?: boolean): boolean {
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new TypeError(`hean.pooledResults: enabled must be a boolean, got ${typeof enabled}`);
  if (enabled !== undefined) {
    pooled = enabled;
    if (!enabled) {
      slab = new ArrayBuffer(0); // later results own their buffers; drop the hold on the slab
      slabAll = new Float64Array(slab);
      slabUsed = 0;
    }
  }
  return pooled;
}

/**
 * Opens an arena of `capacity` doubles in the WASM engine's linear memory; its `array(n)`
 * hands out Float64Arrays living there ("resident" arrays). Pass them to indicator calls as
 * inputs or `out` (in any mix with ordinary arrays): a call the WASM engine answers (a
 * series shorter than the crossover, 1,000 bars by default, or any length where WASM is the
 * engine: `hean/web`, `HEAN_ENGINE=wasm`) reads them and writes its results in place, with
 * no copy in or out. Fill them in place (a ring buffer of recent bars, say) and reuse them.
 * Results are the same bits as with ordinary arrays. On a longer series the native addon
 * reads and writes them in place too (they are plain memory to it).
 *
 * Growing WebAssembly memory detaches every view of it, so while any arena is alive the
 * engine's memory never grows: your arrays stay valid until you free them. The first arena
 * reserves `headroom` bytes (default 64 MiB) for the engine's own needs; a call needing
 * more than is free (a very long non-resident series in WASM, many streaming instances)
 * throws a RangeError that says so, and changes nothing (unless it is a kernel's own buffer
 * that does not fit, an extreme period with the headroom used up: then a resident `out` may
 * hold part of the result). Open every arena you need at startup, with a headroom that
 * covers the largest copying call you will make. An arena that nothing references any more
 * (nor any of its arrays) is freed when collected.
 *
 * A resident array is a view of the engine's memory: its `.buffer` is that memory (so
 * `.slice()` it before posting it to a worker: posting the view would copy all of it).
 * Its `.subarray()`, `.slice()` and `.map()` results are ordinary arrays. After
 * `arena.free()` indicator calls refuse its arrays (TypeError); do not write into them.
 * Also in `hean/web` (after `init()`).
 *
 * @example
 * ```ts
 * const arena = wasmArena(4 * 256);
 * const close = arena.array(256), out = arena.array(256);
 * // each tick: close.copyWithin(0, 1); close[255] = price;
 * sma(close, 20, out); // reads close and writes out in place
 * ```
 * @param capacity - elements (doubles) the arena holds, integer >= 1.
 * @param options - `headroom`: bytes kept free for the engine while arenas are alive.
 * @throws TypeError / RangeError naming a bad argument; RangeError when the engine has no
 *   room for the arena (while another arena is alive its memory cannot grow).
 */
export function wasmArena(capacity: number, options?: WasmArenaOptions): WasmArena {
  return openArena(wasmEngine(), capacity, options, 'hean.wasmArena');
}

/** Per-indicator constants of the call path, computed once. */
interface Plan {
  index: ReadonlyMap<string, number>; // option name -> position
  names: readonly string[]; // option names, in position order
  labels: readonly (readonly string[] | undefined)[]; // an enum option's labels, split once
  defaults: Float64Array;
  scratch: Float64Array; // option values of a sync call (the native side copies them)
  // Option values of a quick call given an options object (see objectOptions): the object's
  // getters run while they are being filled, so a call nested in one finds `busy` and uses
  // an array of its own.
  objScratch: Float64Array;
  busy: boolean;
  reader?: OptionReader; // the options-object reader of the one-series paths (optionReader)
  result?: ResultOf; // the result object of a multi-output indicator (resultMaker)
  optional: readonly string[]; // inputs passed through the options object
  direct: boolean; // runDirect can take the arrays as arguments (see callDirect)
}
const plans = new WeakMap<IndicatorMeta, Plan>();
function planOf(meta: IndicatorMeta): Plan {
  let p = plans.get(meta);
  if (!p) {
    const defaults = Float64Array.from(meta.options, (o) => o.default);
    const index = new Map(meta.options.map((o, k) => [o.name, k] as const));
    const optional = meta.inputs.slice(meta.required);
    p = {
      index,
      names: meta.options.map((o) => o.name),
      labels: meta.options.map((o) => o.choices?.split('|')),
      defaults,
      scratch: new Float64Array(defaults.length),
      objScratch: new Float64Array(defaults.length),
      busy: false,
      optional,
      direct: optional.length === 0 && meta.inputs.length + meta.outputs.length <= 4,
    };
    plans.set(meta, p);
  }
  return p;
}
const NO_EXTRA: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * Deprecated option names still accepted (old name → current name), per indicator. One
 * name per concept: `stddev` calls its multiplier `stdDev`, as `bbands` does (0.1 called it
 * `nbDev`, TA-Lib's name). Old names keep working in calls, sweeps, streaming classes and
 * snapshots written by 0.1.
 */
const OPTION_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = { stddev: { nbDev: 'stdDev' } };

/** The deprecated option names of an indicator (old → current); empty for most. */
export function optionAliases(name: string): Readonly<Record<string, string>> {
  return OPTION_ALIASES[name] ?? (NO_EXTRA as Readonly<Record<string, string>>);
}

/** Index of option `key` (or of the option it is a deprecated alias of), else undefined. */
function optionIndex(meta: IndicatorMeta, plan: Plan, key: string): number | undefined {
  const k = plan.index.get(key);
  if (k !== undefined) return k;
  const to = OPTION_ALIASES[meta.name]?.[key];
  return to === undefined ? undefined : plan.index.get(to);
}

function readOption(src: Record<string, unknown>, key: string, fn: string): unknown {
  try {
    return src[key];
  } catch (e) {
    throw readThrew(fn, key, e);
  }
}

/** The error for an option (or `out` entry) whose read threw: names it, keeps the cause. */
function readThrew(fn: string, key: string, e: unknown): TypeError {
  return new TypeError(`${fn}: reading option '${key}' threw: ${messageOf(e)}`, { cause: e });
}

function optionValue(o: OptionMeta, v: unknown, fn: string, labels: readonly string[] | undefined = o.choices?.split('|')): number {
  if (labels !== undefined) {
    const idx = typeof v === 'string' ? labels.indexOf(v) : -1;
    if (idx < 0) throw new RangeError(`${fn}: option '${o.name}' must be one of ${labels.map((l) => `'${l}'`).join(', ')}, got ${describe(v)}`);
    return idx;
  }
  if (typeof v === 'boolean' && o.integer && o.min === 0 && o.max === 1) return v ? 1 : 0;
  if (typeof v !== 'number') throw new TypeError(`${fn}: option '${o.name}' must be a number, got ${describe(v)}`);
  return v;
}

/** Splits a user options argument into native option values and optional inputs. */
export function parseOptions(meta: IndicatorMeta, arg: unknown, fn: string, reuse = false): { opts: Float64Array; extra: Record<string, unknown> } {
  const plan = planOf(meta);
  if (arg === undefined || arg === null || typeof arg === 'number') {
    // Fast path: no object to read, so nothing can re-enter while the scratch is in use.
    const opts = reuse ? plan.scratch : new Float64Array(plan.defaults.length);
    opts.set(plan.defaults);
    if (typeof arg === 'number') numberOption(meta, arg, opts, fn);
    return { opts, extra: NO_EXTRA };
  }
  if (typeof arg !== 'object' || isF64(arg) || isArray(arg, `${fn}: options`)) {
    throw new TypeError(`${fn}: options must be ${meta.options.length ? `a number (the ${meta.options[0]!.name}) or ` : ''}an object, got ${describe(arg)}`);
  }
  const src = arg as Record<string, unknown>;
  const optional = plan.optional;
  const opts = new Float64Array(plan.defaults);
  const extra: Record<string, unknown> = optional.length ? {} : NO_EXTRA;
  objectOptions(meta, plan, src, opts, fn);
  for (const name of optional) extra[name] = readOption(src, name, fn);
  return { opts, extra };
}

/** A number given for the options: the first option's value, into opts[0]. */
function numberOption(meta: IndicatorMeta, arg: number, opts: Float64Array, fn: string): void {
  if (meta.options.length === 0) throw new RangeError(`${fn}: takes no options`);
  opts[0] = optionValue(meta.options[0]!, arg, fn);
}

/**
 * The options object `src` into `opts` (holding the defaults): its own enumerable keys in
 * their order, each read once; an option's value checked (TypeError/RangeError naming it),
 * an optional input's name skipped (read by the caller), anything else a RangeError listing
 * the allowed names. The one reader of an options object (parseOptions and the quick paths):
 * a tight scan of the option names, the enum labels split once per indicator.
 */
function objectOptions(meta: IndicatorMeta, plan: Plan, src: Record<string, unknown>, opts: Float64Array, fn: string): void {
  const keys = optionKeys(src, fn);
  for (let i = 0; i < keys.length; i++) oneOption(meta, plan, src, keys, keys[i]!, opts, fn);
}

/** The own enumerable keys of an options object (the TypeError of an object that cannot be read). */
function optionKeys(src: Record<string, unknown>, fn: string): string[] {
  try {
    return Object.keys(src);
  } catch (e) {
    throw new TypeError(`${fn}: options could not be read: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** Key `key` (one of `keys`, the object's) of an options object into `opts` (see objectOptions). */
function oneOption(meta: IndicatorMeta, plan: Plan, src: Record<string, unknown>, keys: readonly string[], key: string, opts: Float64Array, fn: string): void {
  const names = plan.names;
  const nOpt = names.length;
  let k = 0;
  while (k < nOpt && names[k] !== key) k++;
  if (k === nOpt) {
    const a = optionIndex(meta, plan, key); // (a deprecated name)
    if (a === undefined) {
      if (plan.optional.includes(key)) return;
      const allowed = [...names, ...plan.optional];
      throw new RangeError(`${fn}: unknown option '${key}'; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`);
    }
    k = a;
  }
  let v: unknown;
  try {
    v = src[key];
  } catch (e) {
    throw readThrew(fn, key, e);
  }
  if (v === undefined) return;
  const name = names[k]!;
  // A deprecated alias beside the current name: refuse rather than pick one.
  if (key !== name && keys.includes(name) && readOption(src, name, fn) !== undefined) {
    throw new RangeError(`${fn}: options '${key}' and '${name}' are the same option ('${key}' is its deprecated name); give one`);
  }
  const labels = plan.labels[k];
  opts[k] = labels === undefined && typeof v === 'number' ? v : optionValue(meta.options[k]!, v, fn, labels);
}

/** objectOptions of one indicator, `src` and `opts` its arguments. */
type OptionReader = (src: Record<string, unknown>, opts: Float64Array) => void;

/**
 * objectOptions built per indicator with the option names as literal keys: a key of the
 * object is matched by name and its value read by a named load, monomorphic in this
 * indicator's own function (objectOptions' keyed load by a variable key is shared by every
 * indicator: megamorphic); a number for a numeric option is stored there. Every other key
 * and value (an alias, an unknown name, an enum label, a wrong type, a throwing getter)
 * takes oneOption, objectOptions' own step. Where code generation is refused (a page's
 * CSP), objectOptions itself.
 */
function optionReader(meta: IndicatorMeta, plan: Plan, fn: string): OptionReader {
  const generic: OptionReader = (src, opts) => objectOptions(meta, plan, src, opts, fn);
  const other = (src: Record<string, unknown>, keys: readonly string[], key: string, opts: Float64Array) => oneOption(meta, plan, src, keys, key, opts, fn);
  // (an enum's value: its label's index, looked up once in its own list of labels)
  const cases = plan.names
    .map((name, k) => {
      const store = plan.labels[k] === undefined ? `if (typeof v === 'number') opts[${k}] = v;` : `const j = typeof v === 'string' ? labels[${k}].indexOf(v) : -1; if (j >= 0) opts[${k}] = j;`;
      return `if (key === ${JSON.stringify(name)}) { let v; try { v = src[${JSON.stringify(name)}]; } catch (e) { throw threw(key, e); } ${store} else if (v !== undefined) opts[${k}] = value(${k}, v); continue; }`;
    })
    .join(' ');
  const threw = (key: string, e: unknown) => readThrew(fn, key, e);
  const value = (k: number, v: unknown) => optionValue(meta.options[k]!, v, fn, plan.labels[k]);
  try {
    const body = `return (src, opts) => { const keys = optionKeys(src, fn); for (let i = 0; i < keys.length; i++) { const key = keys[i]; ${cases} other(src, keys, key, opts); } };`;
    return new Function('optionKeys', 'other', 'threw', 'value', 'labels', 'fn', body)(optionKeys, other, threw, value, plan.labels, fn) as OptionReader;
  } catch {
    return generic;
  }
}
/**
 * True when an indicator without options got a Float64Array where the options would go:
 * that is its `out` (`obv(close, volume, out)`). Only single-output indicators qualify, so an
 * object there stays an options object.
 */
function takesOutFirst(meta: IndicatorMeta, arg: unknown): boolean {
  return meta.options.length === 0 && meta.inputs.length === meta.required && meta.outputs.length === 1 && isF64(arg);
}

interface Prepared {
  ins: (Float64Array | undefined)[];
  outs: Float64Array[];
  opts: Float64Array;
  result: unknown;
}

function prepare(meta: IndicatorMeta, args: readonly unknown[], mode: number, fn: string): Prepared & { extra: number } {
  const nIn = meta.required;
  if (args.length < nIn) {
    throw new TypeError(`${fn}: expected ${meta.inputs.slice(0, nIn).join(', ')}${mode === MODE_MANY ? ', series' : ''}; got ${args.length} argument(s)`);
  }
  const ins: (Float64Array | undefined)[] = [];
  for (let k = 0; k < nIn; k++) ins.push(seriesArg(args[k], fn, meta.inputs[k]!));
  let pos = nIn;
  let extra = 1;
  if (mode === MODE_MANY) {
    const s = args[pos++];
    if (typeof s !== 'number') throw new TypeError(`${fn}: series must be a number (the number of columns), got ${describe(s)}`);
    if (!Number.isInteger(s) || s < 1) throw new RangeError(`${fn}: series must be an integer >= 1, got ${s}`);
    extra = s;
  }
  let optArg = args[pos++];
  let outArg = args[pos];
  if (takesOutFirst(meta, optArg)) {
    if (outArg !== undefined) throw new TypeError(`${fn}: takes no options, so out goes right after the inputs; got another argument after it (${describe(outArg)})`);
    outArg = optArg;
    optArg = undefined;
  }
  const { opts, extra: optionalInputs } = parseOptions(meta, optArg, fn, true);
  const optional = planOf(meta).optional;
  for (let k = 0; k < optional.length; k++) {
    const v = optionalInputs[optional[k]!];
    ins.push(v === undefined || v === null ? undefined : toSeries(v, `${fn}: ${optional[k]}`));
  }
  const len = ins[0] ? f64Length(ins[0]) : 0;
  for (let k = 1; k < ins.length; k++) {
    const x = ins[k];
    if (x && f64Length(x) !== len) {
      throw new RangeError(`${fn}: ${meta.inputs[k]} has length ${f64Length(x)}, expected ${len} (all inputs must have the same length)`);
    }
  }
  if (mode === MODE_MANY && len % extra !== 0) throw new RangeError(`${fn}: input length ${len} is not a multiple of series ${extra}`);
  const outs = makeOutputs(meta, outArg, len, fn, mode === MODE_SINGLE);
  return { ins, outs, opts, result: resultOf(meta, outs), extra };
}

/**
 * The common call, Float64Array inputs of one length, options a number, an options object
 * or omitted, and `out` a Float64Array of that length (or omitted; for several outputs,
 * anything makeOutputs takes): the arrays go to the addon as arguments, with no arrays or
 * plan object built around them. Returns undefined for anything else, which then takes the
 * general path (and its errors); once an options object is read it does not.
 */
function callDirect(meta: IndicatorMeta, args: readonly unknown[], fn: string): unknown {
  const nIn = meta.inputs.length;
  let opt = args[nIn];
  let out = args[nIn + 1];
  if (takesOutFirst(meta, opt) && args.length === nIn + 1) {
    out = opt;
    opt = undefined;
  }
  // An options object is taken when nothing else sends the call to the general path (all
  // checked before it is read: its getters run once).
  const object = opt !== undefined && typeof opt !== 'number';
  if (args.length > nIn + 2 || (object && (opt === null || typeof opt !== 'object' || isF64(opt) || !plainObject(opt)))) return undefined;
  const x0 = args[0];
  // (a freed resident array goes to the general path, which refuses it)
  if (!isOwnF64(x0) || freed(x0)) return undefined;
  const len = f64Length(x0);
  const x1 = args[1];
  const x2 = args[2];
  if (nIn > 1 && !(isOwnF64(x1) && f64Length(x1) === len && !freed(x1))) return undefined;
  if (nIn > 2 && !(isOwnF64(x2) && f64Length(x2) === len && !freed(x2))) return undefined;
  const single = meta.outputs.length === 1;
  // (several outputs: `out` is read, after the options, by makeOutputs as on the general path)
  if (single ? out !== undefined && !(isOwnF64(out) && f64Length(out) === len && !freed(out)) : nIn !== 1) return undefined;
  // Caller code (getters of the options object or of `out`) runs before the engine unless
  // the options are a number and `out` is an array or omitted.
  const reads = object || (!single && out !== undefined);
  if (!reads) return runDirect(meta, parseOptions(meta, opt, fn, true).opts, len, x0, x1, x2, out, fn, false);
  const plan = planOf(meta);
  const opts = claimOptions(plan);
  try {
    if (object) (plan.reader ??= optionReader(meta, plan, fn))(opt as Record<string, unknown>, opts);
    else if (opt !== undefined) numberOption(meta, opt as number, opts, fn);
    return runDirect(meta, opts, len, x0, x1, x2, out, fn, true);
  } finally {
    if (opts === plan.objScratch) plan.busy = false;
  }
}

/**
 * The option values of a call that runs caller code (getters of an options object or of
 * `out`) before the engine: plan.objScratch holding the defaults, marked busy until the
 * call clears it (when what it got is the scratch); a call nested in that code finds it
 * busy and gets an array of its own.
 */
function claimOptions(plan: Plan): Float64Array {
  const d = plan.defaults;
  if (plan.busy) return new Float64Array(d);
  const opts = plan.objScratch;
  for (let k = 0; k < d.length; k++) opts[k] = d[k]!; // (set() costs more on a few elements)
  plan.busy = true;
  return opts;
}

/**
 * callDirect's call of the engine, its arrays checked (inputs x0.., `out` for one output;
 * several outputs read from `out` here). With `recheck` (caller code ran since the checks)
 * the lengths are checked again, with the general path's messages.
 */
function runDirect(meta: IndicatorMeta, opts: Float64Array, len: number, x0: Float64Array, x1: unknown, x2: unknown, out: unknown, fn: string, recheck: boolean): unknown {
  const nIn = meta.inputs.length;
  const single = meta.outputs.length === 1;
  if (recheck) {
    const k = f64Length(x0) !== len ? 0 : nIn > 1 && f64Length(x1 as Float64Array) !== len ? 1 : nIn > 2 && f64Length(x2 as Float64Array) !== len ? 2 : -1;
    if (k >= 0) throw new RangeError(`${fn}: ${meta.inputs[k]} was detached or resized during the call`);
    if (single && out !== undefined && f64Length(out as Float64Array) !== len) makeOutputs(meta, out, len, fn, true);
  }
  const c = engineFor(cpp(), len);
  if (single) {
    const o = out ?? resultArray(len);
    if (nIn === 1) c.runDirect(meta.id, opts, x0, o);
    else if (nIn === 2) c.runDirect(meta.id, opts, x0, x1, o);
    else c.runDirect(meta.id, opts, x0, x1, x2, o);
    return o;
  }
  const outs = makeOutputs(meta, out, len, fn, true);
  if (outs.length === 2) c.runDirect(meta.id, opts, x0, outs[0], outs[1]);
  else c.runDirect(meta.id, opts, x0, outs[0], outs[1], outs[2]);
  return resultOf(meta, outs);
}

function makeOutputs(meta: IndicatorMeta, out: unknown, len: number, fn: string, pool = false): Float64Array[] {
  if (meta.outputs.length === 1) {
    if (out === undefined || out === null) return [pool ? resultArray(len) : new Float64Array(len)];
    if (!isF64(out)) throw new TypeError(`${fn}: out must be a Float64Array, got ${describe(out)}`);
    if (freed(out)) throw freedError(`${fn}: out`);
    if (f64Length(out) !== len) throw new RangeError(`${fn}: out has length ${f64Length(out)}, expected ${len}`);
    return [out];
  }
  if (out !== undefined && out !== null && (typeof out !== 'object' || isF64(out) || isArray(out, `${fn}: out`))) {
    throw new TypeError(`${fn}: out must be an object of Float64Arrays { ${meta.outputs.join(', ')} }, got ${describe(out)}`);
  }
  const names = meta.outputs;
  const outs = new Array<Float64Array>(names.length);
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    const o = out === undefined || out === null ? undefined : readOption(out as Record<string, unknown>, name, fn);
    if (o === undefined || o === null) outs[k] = pool ? resultArray(len) : new Float64Array(len);
    else {
      if (!isF64(o)) throw new TypeError(`${fn}: out.${name} must be a Float64Array, got ${describe(o)}`);
      if (freed(o)) throw freedError(`${fn}: out.${name}`);
      if (f64Length(o) !== len) throw new RangeError(`${fn}: out.${name} has length ${f64Length(o)}, expected ${len}`);
      outs[k] = o;
    }
  }
  return outs;
}

function resultOf(meta: IndicatorMeta, outs: Float64Array[]): unknown {
  if (meta.outputs.length === 1) return outs[0];
  return (planOf(meta).result ??= resultMaker(meta.outputs))(...outs);
}

/** The result type: a Float64Array, or an object of them for multi-output indicators. */
export type OutArg<R> = R extends Float64Array ? Float64Array : Partial<R>;

/** Each option either fixed or a list of values to sweep (the grid is their product). */
export type Grid<O> = { [K in keyof O]?: O[K] | readonly NonNullable<O[K]>[] };

/** A parameter sweep: output rows are parameter combinations, in `params` order. */
export interface SweepResult<O, R> {
  /** The combinations, in row order: row c of each output is `values.subarray(c*n, (c+1)*n)`. */
  readonly params: Required<O>[];
  /** Bars per row. */
  readonly length: number;
  /** combos × n row-major output(s). */
  readonly values: R;
}

/**
 * A batch indicator. Call it with the inputs, then optionally the options (a number sets
 * the first option) and an `out` to write into. Without `out` (the allocating form) the
 * result is new: a short result (at most 512 elements) may share its ArrayBuffer with other
 * results, so `.slice()` it before transferring its buffer to a worker (see
 * {@link pooledResults}, which also turns this off). Variants: `async` (libuv thread pool),
 * `many` (N series of T bars, series-major), `sweep` (a grid of options), and
 * `lookback` (index of the first value).
 */
export interface Indicator<In extends readonly Series[], Opts, R> {
  (...args: [...In, options?: number | Opts, out?: OutArg<R>]): R;
  /**
   * Same as the call, off the libuv thread pool. The inputs are copied when called (so they
   * may be reused at once); the results are written into `out` (or new arrays) when the
   * promise settles, which rejects if an `out` array was detached or resized meanwhile.
   */
  async(...args: [...In, options?: number | Opts, out?: OutArg<R>]): Promise<R>;
  /**
   * Many series in one call: each input holds N series of T bars back to back, series-major
   * (`x[j * T + t]` is bar t of series j, so `x.subarray(j * T, (j + 1) * T)` is series j);
   * outputs have the same layout. Runs 8 series per SIMD block where the kernel allows
   * (`meta.many`), per series otherwise, on several threads for large inputs.
   */
  many(...args: [...In, series: number, options?: number | Opts, out?: OutArg<R>]): R;
  /** `many` off the main thread. */
  manyAsync(...args: [...In, series: number, options?: number | Opts, out?: OutArg<R>]): Promise<R>;
  /**
   * Every combination of the listed option values in one call (threads across
   * combinations). `out` (combinations × bars) avoids allocating the result each call.
   */
  sweep(...args: [...In, grid: Grid<Opts>, out?: OutArg<R>]): SweepResult<Opts, R>;
  /** `sweep` off the main thread. */
  sweepAsync(...args: [...In, grid: Grid<Opts>, out?: OutArg<R>]): Promise<SweepResult<Opts, R>>;
  /** Index of the first non-NaN value of an output (default: the first) in a gap-free series. */
  lookback(options?: number | Opts, output?: string): number;
  /** The indicator's description from the native table. */
  readonly meta: IndicatorMeta;
}

/**
 * A batch indicator that takes no options: its `out` may also go right after the inputs
 * (`obv(close, volume, out)`, `obv.many(close, volume, series, out)`), besides the general
 * form with an empty options object or `undefined` in between.
 */
export type OptionlessIndicator<In extends readonly Series[], R> = Indicator<In, Record<string, never>, R> & {
  (...args: [...In, out: OutArg<R>]): R;
  /** See {@link Indicator.async}. */
  async(...args: [...In, out: OutArg<R>]): Promise<R>;
  /** See {@link Indicator.many}. */
  many(...args: [...In, series: number, out: OutArg<R>]): R;
  /** See {@link Indicator.manyAsync}. */
  manyAsync(...args: [...In, series: number, out: OutArg<R>]): Promise<R>;
};

/** The values of one sweep axis, copied out of the caller's array (at most 1,000,000). */
function axisValues(v: unknown[], what: string): unknown[] {
  const n = reading(what, () => v.length);
  if (n > 1e6) throw new RangeError(`${what}: at most 1000000 values, got ${n}`);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = reading(`${what}[${i}]`, () => v[i]);
  return out;
}

function sweepGrid(meta: IndicatorMeta, grid: unknown, fn: string): { rows: Float64Array; params: Record<string, number | string>[] } {
  if (grid === null || typeof grid !== 'object' || isArray(grid, `${fn}: grid`) || isF64(grid)) {
    throw new TypeError(`${fn}: sweep grid must be an object of option values or arrays of values, got ${describe(grid)}`);
  }
  const src = grid as Record<string, unknown>;
  const plan = planOf(meta);
  const opts = meta.options;
  const nOpt = opts.length;
  // The key the grid uses for option k (its name or a deprecated alias), else undefined.
  const keyAt = new Array<string | undefined>(nOpt);
  const keys = keysOf(src, `${fn}: grid`);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const k = optionIndex(meta, plan, key);
    if (k === undefined) throw new RangeError(`${fn}: unknown option '${key}'; allowed: ${plan.names.join(', ') || 'none'}`);
    if (keyAt[k] !== undefined) throw new RangeError(`${fn}: options '${key}' and '${keyAt[k]}' are the same option; give one`);
    keyAt[k] = key;
  }
  // Each axis: the values as given (the params' labels) and as option values.
  const labels = new Array<unknown[]>(nOpt);
  const values = new Array<number[]>(nOpt);
  let combos = 1;
  for (let k = 0; k < nOpt; k++) {
    const o = opts[k]!;
    const v = readOption(src, keyAt[k] ?? o.name, fn);
    const list: unknown[] = v === undefined ? [plan.labels[k] ? plan.labels[k]![o.default]! : o.default] : isArray(v, `${fn}: grid.${o.name}`) ? axisValues(v, `${fn}: grid.${o.name}`) : [v];
    if (list.length === 0) throw new RangeError(`${fn}: sweep values for '${o.name}' must not be empty`);
    const vals = new Array<number>(list.length);
    for (let j = 0; j < list.length; j++) vals[j] = optionValue(o, list[j], fn, plan.labels[k]);
    labels[k] = list;
    values[k] = vals;
    combos *= list.length;
  }
  if (combos > 1e6) throw new RangeError(`${fn}: sweep has ${combos} combinations; at most 1000000`);
  const rows = new Float64Array(combos * nOpt);
  const params = new Array<Record<string, number | string>>(combos);
  for (let c = 0; c < combos; c++) {
    let rest = c;
    const p: Record<string, number | string> = {};
    for (let k = nOpt - 1; k >= 0; k--) {
      const n = values[k]!.length;
      const j = rest % n;
      rest = Math.floor(rest / n);
      rows[c * nOpt + k] = values[k]![j]!;
      p[plan.names[k]!] = labels[k]![j] as number | string;
    }
    params[c] = p;
  }
  return { rows, params };
}

function prepareSweep(meta: IndicatorMeta, args: readonly unknown[], fn: string) {
  const nIn = meta.required;
  if (args.length < nIn + 1) throw new TypeError(`${fn}: expected ${meta.inputs.slice(0, nIn).join(', ')}, grid`);
  const ins: (Float64Array | undefined)[] = [];
  for (let k = 0; k < nIn; k++) ins.push(seriesArg(args[k], fn, meta.inputs[k]!));
  const gridArg = args[nIn];
  for (let k = nIn; k < meta.inputs.length; k++) {
    const name = meta.inputs[k]!;
    const v = gridArg && typeof gridArg === 'object' ? readOption(gridArg as Record<string, unknown>, name, fn) : undefined;
    ins.push(v === undefined || v === null ? undefined : toSeries(v, `${fn}: ${name}`));
  }
  let grid = gridArg;
  if (meta.required < meta.inputs.length && grid && typeof grid === 'object' && !isF64(grid) && !isArray(grid, `${fn}: grid`)) {
    const g = grid as Record<string, unknown>;
    grid = Object.fromEntries(keysOf(g, `${fn}: grid`).filter((k) => !meta.inputs.includes(k)).map((k) => [k, readOption(g, k, fn)]));
  }
  const { rows, params } = sweepGrid(meta, grid, fn);
  const n = ins[0] ? f64Length(ins[0]) : 0;
  for (let k = 1; k < ins.length; k++) {
    const x = ins[k];
    if (x && f64Length(x) !== n) throw new RangeError(`${fn}: ${meta.inputs[k]} has length ${f64Length(x)}, expected ${n}`);
  }
  const combos = params.length;
  const outs = makeOutputs(meta, args[nIn + 1], n * combos, fn);
  return { ins, rows, params, outs, n, combos };
}

/** A call the quick path answered, or undefined: take the general path. */
type Quick = (argc: number, a0: unknown, a1: unknown, a2: unknown, a3: unknown, a4: unknown) => unknown;

/** Output `name` of a caller's `out` object (`o`, read once) for the quick path, with the general path's checks and messages. */
function pickOut(o: unknown, name: string, n: number, fn: string): Float64Array {
  if (o === undefined || o === null) return resultArray(n);
  if (!isF64(o)) throw new TypeError(`${fn}: out.${name} must be a Float64Array, got ${describe(o)}`);
  if (f64Length(o) !== n) throw new RangeError(`${fn}: out.${name} has length ${f64Length(o)}, expected ${n}`);
  return o;
}

/**
 * The short-series fast path of one indicator (compiled once per indicator), for calls the
 * WASM engine answers (a series shorter than the crossover, or the WASM engine selected):
 * Float64Array inputs of one length, options omitted, a number (the first option) or an
 * options object (read once by the indicator's optionReader into the plan's scratch), and
 * `out` omitted, a Float64Array (one output) or an object of them. No argument list,
 * options array or plan object is built: the values go straight into linear memory
 * (WasmEngine.call), and only the result is allocated. Anything else, and every error case
 * but the ones it reports exactly as the general path would, returns undefined.
 */
function quickOf(meta: IndicatorMeta, fn: string): Quick | null {
  const nIn = meta.inputs.length;
  const nOut = meta.outputs.length;
  if (meta.required !== nIn || nIn > 3 || nOut > 3) return null;
  const id = meta.id;
  const plan = planOf(meta);
  const defaults = plan.defaults;
  const numeric = meta.options.length > 0 && meta.options[0]!.choices === undefined;
  const outFirst = meta.options.length === 0 && nOut === 1;
  const names = meta.outputs;
  const result = nOut > 1 ? (plan.result ??= resultMaker(names)) : undefined!;
  const readOut = nOut > 1 ? outReader(names, fn) : undefined!;
  const got: OutEntries = { y0: undefined, y1: undefined, y2: undefined };
  const readOptions = (plan.reader ??= optionReader(meta, plan, fn));
  // The last output arrays found not to overlap. An array's buffer and offset never change,
  // and each call checks every length is n, so the same arrays again cannot overlap: a loop
  // reusing its `out` skips the buffer reads (~30 ns of a 64-bar macd call). Kept for short
  // series only, so at most 3 x 32 KB of a caller's arrays stay referenced here.
  let ok0: Float64Array | undefined, ok1: Float64Array | undefined, ok2: Float64Array | undefined;
  // The last inputs and single `out` found to be Float64Arrays (short series only, as
  // above): the same arrays again skip the kind test (f64LengthKnown).
  let k0: unknown, k1: unknown, k2: unknown, kOut: unknown;
  // Inputs may be on a SharedArrayBuffer here (isF64, not isOwnF64, whose buffer check
  // costs ~8 ns an input): the WASM engine reads them once, copying them into linear
  // memory before the kernel runs, which is the stable copy the general path would make.
  return (argc, a0, a1, a2, a3, a4) => {
    if (argc < nIn || argc > nIn + 2) return undefined;
    const n = f64LengthKnown(a0, k0);
    if (n < 0) return undefined;
    const keep = n <= 4096;
    if (keep && a0 !== k0) k0 = a0; // (a store only on a change)
    const e = engineFor(cpp(), n) as unknown as WasmEngine;
    if (e.engine !== 'wasm') return undefined;
    let x1: Float64Array | undefined;
    let x2: Float64Array | undefined;
    let opt: unknown;
    let out: unknown;
    if (nIn === 1) {
      opt = a1;
      out = a2;
    } else {
      if (f64LengthKnown(a1, k1) !== n) return undefined;
      x1 = a1 as Float64Array;
      if (keep && a1 !== k1) k1 = a1;
      if (nIn === 2) {
        opt = a2;
        out = a3;
      } else {
        if (f64LengthKnown(a2, k2) !== n) return undefined;
        x2 = a2 as Float64Array;
        if (keep && a2 !== k2) k2 = a2;
        opt = a3;
        out = a4;
      }
    }
    if (outFirst && argc === nIn + 1 && isF64(opt)) {
      out = opt;
      opt = undefined;
    }
    if (opt === undefined || (typeof opt === 'number' && numeric)) return finish(e, n, opt as number | undefined, defaults, a0 as Float64Array, x1, x2, out);
    // An options object: everything that would send the call to the general path is decided
    // before it is read (its getters run once), and the values go to a scratch of its own.
    if (opt === null || typeof opt !== 'object' || ArrayBuffer.isView(opt) || !plainObject(opt)) return undefined;
    if (nOut === 1 ? out !== undefined && f64LengthKnown(out, kOut) !== n : out !== undefined && (out === null || typeof out !== 'object' || isF64(out) || !plainObject(out))) return undefined;
    const opts = claimOptions(plan);
    try {
      readOptions(opt as Record<string, unknown>, opts);
      return finish(e, n, undefined, opts, a0 as Float64Array, x1, x2, out);
    } finally {
      if (opts === plan.objScratch) plan.busy = false;
    }
  };
  /** The rest of a quick call (outputs, then the engine), options `opts` with the first replaced by o0 when given. */
  function finish(e: WasmEngine, n: number, o0: number | undefined, opts: Float64Array, a0: Float64Array, x1: Float64Array | undefined, x2: Float64Array | undefined, out: unknown): unknown {
    if (opts !== defaults) {
      // (an options getter may have detached or resized an input: the general path's error)
      const k = f64Length(a0) !== n ? 0 : nIn > 1 && f64Length(x1!) !== n ? 1 : nIn > 2 && f64Length(x2!) !== n ? 2 : -1;
      if (k >= 0) throw new RangeError(`${fn}: ${meta.inputs[k]} was detached or resized during the call`);
    }
    if (nOut === 1) {
      let y: Float64Array;
      if (out === undefined) y = resultArray(n);
      else if (f64LengthKnown(out, kOut) === n) {
        y = out as Float64Array;
        if (n <= 4096 && out !== kOut) kOut = out;
      }
      else if (opts === defaults) return undefined;
      else y = makeOutputs(meta, out, n, fn, true)[0]!; // (its error: a getter of the options changed out)
      if (nIn === 1) e.call1(id, opts, o0, n, a0, y);
      else e.call(id, opts, o0, n, nIn, 1, a0, x1, x2, y, undefined, undefined);
      return y;
    }
    let y0: Float64Array, y1: Float64Array, y2: Float64Array | undefined;
    let run = -1; // the results' first element in slabAll when consecutive there (copied out at once)
    if (out === undefined) {
      run = resultRun(nOut, n);
      y0 = resultArray(n);
      y1 = resultArray(n);
      if (nOut === 3) y2 = resultArray(n);
    } else {
      if (out === null || typeof out !== 'object' || isF64(out)) return undefined;
      // Each output read once, with the general path's checks and messages (an array, or a
      // revoked proxy, goes to the general path, which refuses it; after an options object
      // was read, here, with its messages).
      if (!readOut(out as Record<string, unknown>, got)) {
        if (opts === defaults) return undefined;
        // (a getter of the options revoked out: its error)
        const outs = makeOutputs(meta, out, n, fn, true);
        got.y0 = outs[0];
        got.y1 = outs[1];
        got.y2 = outs[2];
      }
      // A Float64Array of length n is tested here; pickOut (a call V8 did not inline: ~10 ns
      // an output on a 16-bar macd) allocates or throws for anything else.
      const g0 = got.y0;
      const g1 = got.y1;
      const g2 = got.y2;
      got.y0 = got.y1 = got.y2 = undefined; // (holds no caller object past the call)
      y0 = f64LengthKnown(g0, ok0) === n ? (g0 as Float64Array) : pickOut(g0, names[0]!, n, fn);
      y1 = f64LengthKnown(g1, ok1) === n ? (g1 as Float64Array) : pickOut(g1, names[1]!, n, fn);
      if (nOut === 3) y2 = f64LengthKnown(g2, ok2) === n ? (g2 as Float64Array) : pickOut(g2, names[2]!, n, fn);
      if (y0 !== ok0 || y1 !== ok1 || y2 !== ok2) {
        // Outputs on different buffers (the usual case) cannot overlap: one buffer read each.
        if (outputsMayOverlap(y0, y1, y2) && (f64Overlap(y0, y1) || (y2 !== undefined && (f64Overlap(y0, y2) || f64Overlap(y1, y2))))) {
          throw new RangeError(`${fn}: output arrays must not overlap each other`);
        }
        if (n <= 4096) {
          ok0 = y0;
          ok1 = y1;
          ok2 = y2;
        }
      }
    }
    if (run >= 0) e.call(id, opts, o0, n, nIn, nOut, a0, x1, x2, y0, y1, y2, slabAll, run);
    else e.call(id, opts, o0, n, nIn, nOut, a0, x1, x2, y0, y1, y2);
    return result(y0, y1, y2!);
  }
}

/** False for an array, or a revoked proxy (Array.isArray throws): the general path refuses both. Runs no caller code. */
function plainObject(x: object): boolean {
  try {
    return !Array.isArray(x);
  } catch {
    return false;
  }
}

/** Builds the result object of a multi-output indicator from its outputs, in output order. */
type ResultOf = (...outs: Float64Array[]) => Record<string, Float64Array>;

/** Where an OutReader puts the entries it read (one holder: a fixed shape, no allocation per call). */
interface OutEntries {
  y0: unknown;
  y1: unknown;
  y2: unknown;
}
type OutReader = (given: Record<string, unknown>, into: OutEntries) => boolean;

/**
 * Reads the output entries of a caller's `out` object, each once, in output order, with
 * readOption's message when a read throws; false, reading nothing, when `out` is an array
 * or a revoked proxy (Array.isArray throws): the general path refuses those. Built per
 * indicator with the names as literal keys: a load by a variable key shared by every
 * indicator is a megamorphic keyed load (~10-15 ns each on a 64-bar macd call); the
 * literal loads are monomorphic. The array test shares the reads' try (guard.ts's
 * isArray, a closure in a try of its own, cost ~35 ns of a 64-bar macd call). Where code
 * generation is refused (a page's CSP), readOption by name.
 */
function outReader(names: readonly string[], fn: string): OutReader {
  const read = (given: Record<string, unknown>, into: OutEntries) => {
    try {
      if (Array.isArray(given)) return false;
    } catch {
      return false;
    }
    into.y0 = readOption(given, names[0]!, fn);
    into.y1 = readOption(given, names[1]!, fn);
    into.y2 = names.length > 2 ? readOption(given, names[2]!, fn) : undefined;
    return true;
  };
  try {
    const loads = names.map((k, j) => `k = ${j}; into.y${j} = given[${JSON.stringify(k)}];`).join(' ');
    const body = `return (given, into) => { let k = -1; try { if (Array.isArray(given)) return false; ${loads} } catch (e) { if (k < 0) return false; fail(given, k, e); } return true; };`;
    // (a read that throws gives readOption's message and cause)
    const fail = (given: Record<string, unknown>, k: number, e: unknown) => {
      throw readThrew(fn, names[k]!, e);
    };
    return new Function('fail', body)(fail) as OutReader;
  } catch {
    return read;
  }
}

/**
 * The result object of a multi-output indicator (any number of outputs), built by a
 * function per indicator taking the outputs as parameters y0, y1, ... with the output names
 * as literal keys: one object shape, created at once. (Assigning computed keys in code
 * shared by every indicator makes its stores megamorphic: ~40 ns against ~12 for the
 * literal, measured with 64-bar calls.) Where code generation is refused (a page's CSP),
 * the keys are assigned one by one.
 */
function resultMaker(names: readonly string[]): ResultOf {
  try {
    const params = names.map((_, j) => `y${j}`);
    const keys = names.map((k, j) => `${JSON.stringify(k)}: y${j}`).join(', ');
    return new Function(...params, `return { ${keys} };`) as ResultOf;
  } catch {
    return (...outs) => {
      const r: Record<string, Float64Array> = {};
      for (let k = 0; k < names.length; k++) r[names[k]!] = outs[k]!;
      return r;
    };
  }
}

/** Builds the typed function for the named native indicator (resolved on first use). */
export function indicator<F>(name: string): F {
  let meta: IndicatorMeta | undefined;
  const m = () => (meta ??= metaOf(name));
  const fn = `hean.${name}`;

  let quick: Quick | null | undefined;
  // Positional parameters, not a rest list: the quick path builds no argument array.
  function call(a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown): unknown {
    const q = quick === undefined ? (quick = quickOf(m(), fn)) : quick;
    if (q !== null) {
      const r = q(arguments.length, a0, a1, a2, a3, a4);
      if (r !== undefined) return r;
    }
    const args: unknown[] = Array.prototype.slice.call(arguments);
    const mt = m();
    if (planOf(mt).direct) {
      const r = callDirect(mt, args, fn);
      if (r !== undefined) return r;
    }
    const p = prepare(mt, args, MODE_SINGLE, fn);
    engineFor(cpp(), p.outs[0]!.length).run(MODE_SINGLE, mt.id, p.ins, p.opts, p.outs, 1);
    return p.result;
  }
  const f = call as unknown as Record<string, unknown>;
  f.async = async (...args: unknown[]) => {
    const mt = m();
    const p = prepare(mt, args, MODE_SINGLE, `${fn}.async`);
    await cpp().runAsync(MODE_SINGLE, mt.id, p.ins, p.opts, p.outs, 1);
    return p.result;
  };
  f.many = (...args: unknown[]) => {
    const mt = m();
    const p = prepare(mt, args, MODE_MANY, `${fn}.many`);
    cpp().run(MODE_MANY, mt.id, p.ins, p.opts, p.outs, p.extra);
    return p.result;
  };
  f.manyAsync = async (...args: unknown[]) => {
    const mt = m();
    const p = prepare(mt, args, MODE_MANY, `${fn}.manyAsync`);
    await cpp().runAsync(MODE_MANY, mt.id, p.ins, p.opts, p.outs, p.extra);
    return p.result;
  };
  const sweepResult = (mt: IndicatorMeta, s: ReturnType<typeof prepareSweep>) => ({
    params: s.params,
    length: s.n,
    values: resultOf(mt, s.outs),
  });
  f.sweep = (...args: unknown[]) => {
    const mt = m();
    const s = prepareSweep(mt, args, `${fn}.sweep`);
    cpp().run(MODE_SWEEP, mt.id, s.ins, s.rows, s.outs, s.combos);
    return sweepResult(mt, s);
  };
  f.sweepAsync = async (...args: unknown[]) => {
    const mt = m();
    const s = prepareSweep(mt, args, `${fn}.sweepAsync`);
    await cpp().runAsync(MODE_SWEEP, mt.id, s.ins, s.rows, s.outs, s.combos);
    return sweepResult(mt, s);
  };
  f.lookback = (options?: unknown, output?: unknown) => {
    const mt = m();
    const k = output === undefined ? 0 : mt.outputs.indexOf(output as string);
    if (k < 0) throw new RangeError(`${fn}.lookback: output must be one of ${mt.outputs.join(', ')}, got ${describe(output)}`);
    return cpp().lookback(mt.id, parseOptions(mt, options, `${fn}.lookback`).opts, k);
  };
  Object.defineProperty(f, 'meta', { get: m, enumerable: true });
  Object.defineProperty(f, 'name', { value: name });
  return call as unknown as F;
}
