/**
 * `hean/talib`: the `talib` npm package's API (`execute`, `explain`, `functions`,
 * `version`) on hean's engine, so code written for `talib` switches by changing one import.
 * Inputs, option names and the result shape are TA-Lib's; `startIdx`/`endIdx` behave as in
 * TA-Lib (warm-ups and running totals start at `startIdx - lookback`, clipped at 0). A
 * function hean does not have yet throws an Error naming it (see {@link supported}).
 *
 * Unlike `talib`, bad parameters never abort the process: they throw a TypeError or a
 * RangeError (or reach the callback as one).
 *
 * @example
 * ```ts
 * import talib from 'hean/talib';
 * const r = talib.execute({ name: 'SMA', startIdx: 0, endIdx: close.length - 1, inReal: close, optInTimePeriod: 20 });
 * r.begIndex; r.nbElement; r.result.outReal;
 * ```
 * @module
 */
import { FUNCTIONS } from './functions.gen.js';
import { optionRange, TABLE } from './table.js';
import type { ExecuteParams, ExecuteResult, TalibFunction } from './types.js';

export type { ExecuteParams, ExecuteResult, TalibFunction, TalibInput, TalibOptInput, TalibOutput } from './types.js';

/** The TA-Lib C release whose results hean/talib follows. */
export const version = '0.8.1';

/** Every TA-Lib function's description, as the `talib` package lists them. */
export const functions: readonly TalibFunction[] = FUNCTIONS;

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** Names of the TA-Lib functions hean computes today. */
export const supported: readonly string[] = FUNCTIONS.map((f) => f.name).filter((n) => n in TABLE);

/** The description of TA-Lib function `name` (`talib.explain`). */
export function explain(name: string): TalibFunction {
  if (typeof name !== 'string') throw new TypeError(`hean/talib: explain(name) takes a function name string, got ${typeof name}`);
  const f = BY_NAME.get(name.toUpperCase());
  if (!f) throw new RangeError(`hean/talib: unknown function '${name}'; see functions for the ${FUNCTIONS.length} names`);
  return f;
}

/** Reads one input array: an array of numbers or a Float64Array (copied only when needed). */
function series(p: ExecuteParams, key: string, fn: string, end: number): Float64Array {
  const v = p[key];
  if (v === undefined || v === null) throw new TypeError(`hean/talib: ${fn} needs input '${key}'`);
  let a: Float64Array;
  if (v instanceof Float64Array) a = v;
  else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const src = v as ArrayLike<unknown>;
    a = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const x = src[i];
      if (typeof x !== 'number') throw new TypeError(`hean/talib: ${fn} input '${key}'[${i}] must be a number, got ${typeof x}`);
      a[i] = x;
    }
  } else throw new TypeError(`hean/talib: ${fn} input '${key}' must be an array of numbers or a Float64Array`);
  if (a.length <= end) throw new RangeError(`hean/talib: ${fn} input '${key}' has ${a.length} values; endIdx ${end} needs at least ${end + 1}`);
  return a;
}

function compute(p: ExecuteParams): ExecuteResult {
  if (typeof p !== 'object' || p === null) throw new TypeError('hean/talib: execute takes a parameter object { name, startIdx, endIdx, inputs…, options… }');
  const f = explain(p.name);
  const { startIdx, endIdx } = p;
  if (typeof startIdx !== 'number' || typeof endIdx !== 'number') throw new TypeError(`hean/talib: ${f.name} needs numeric startIdx and endIdx`);
  if (!Number.isInteger(startIdx) || !Number.isInteger(endIdx) || startIdx < 0 || endIdx < startIdx)
    throw new RangeError(`hean/talib: ${f.name} needs integers 0 <= startIdx <= endIdx, got ${startIdx} and ${endIdx}`);
  const impl = TABLE[f.name];
  if (!impl) throw new Error(`hean/talib: ${f.name} is not in hean yet (${supported.length} of ${FUNCTIONS.length} TA-Lib functions are)`);
  const inputs: Float64Array[] = [];
  for (const inp of f.inputs) {
    if (inp.flags) for (const k of Object.values(inp.flags)) inputs.push(series(p, k, f.name, endIdx));
    else inputs.push(series(p, inp.name, f.name, endIdx));
  }
  const opts: Record<string, number> = {};
  for (const o of f.optInputs) {
    const v = p[o.name] ?? o.defaultValue;
    if (typeof v !== 'number') throw new TypeError(`hean/talib: ${f.name} option ${o.name} must be a number, got ${typeof v}`);
    if (o.type.startsWith('integer') && !Number.isInteger(v)) throw new RangeError(`hean/talib: ${f.name} option ${o.name} must be an integer, got ${v}`);
    const range = optionRange(f.name, o.name, o.type);
    if (range && !(v >= range[0] && v <= range[1])) throw new RangeError(`hean/talib: ${f.name} option ${o.name} must be in [${range[0]}, ${range[1]}] (TA-Lib's range), got ${v}`);
    opts[o.name] = v;
  }
  // Lookback from the first value of a run over [0, endIdx]; then, as TA-Lib, the
  // computation restarts at startIdx - lookback so running state begins there.
  const upto = (a: Float64Array, from: number) => a.subarray(from, endIdx + 1);
  let out = impl.run(inputs.map((a) => upto(a, 0)), opts);
  let lookback = impl.lookback ?? firstValue(out[0]!);
  let from = 0;
  if (lookback < 0) return empty(f);
  const special = startIdx > 0 ? impl.at?.(inputs, opts, startIdx, endIdx) : undefined;
  if (special) {
    // NaN where not ready (startIdx inside the lookback): the output starts after them.
    const skip = firstValue(special[0]!);
    if (skip < 0) return empty(f);
    const result: Record<string, number[]> = {};
    f.outputs.forEach((o, k) => {
      result[o.name] = Array.from(special[k]!.subarray(skip));
    });
    return { begIndex: startIdx + skip, nbElement: endIdx - startIdx + 1 - skip, result };
  }
  if (startIdx > lookback) {
    from = startIdx - lookback;
    out = impl.run(inputs.map((a) => upto(a, from)), opts);
    lookback = impl.lookback ?? firstValue(out[0]!);
    if (lookback < 0) return empty(f);
  }
  const beg = Math.max(startIdx, from + lookback);
  const nb = endIdx - beg + 1;
  if (nb <= 0) return empty(f);
  const result: Record<string, number[]> = {};
  f.outputs.forEach((o, k) => {
    result[o.name] = Array.from(out[k]!.subarray(beg - from, beg - from + nb));
  });
  return { begIndex: beg, nbElement: nb, result };
}

function firstValue(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) return i;
  return -1;
}

function empty(f: TalibFunction): ExecuteResult {
  const result: Record<string, number[]> = {};
  for (const o of f.outputs) result[o.name] = [];
  return { begIndex: 0, nbElement: 0, result };
}

/**
 * Runs a TA-Lib function (`talib.execute`): synchronously, returning the result, or with a
 * Node-style callback `(err, result)` called on a later tick.
 */
export function execute(params: ExecuteParams): ExecuteResult;
export function execute(params: ExecuteParams, callback: (err: Error | null, result?: ExecuteResult) => void): void;
export function execute(params: ExecuteParams, callback?: (err: Error | null, result?: ExecuteResult) => void): ExecuteResult | void {
  if (callback === undefined) return compute(params);
  if (typeof callback !== 'function') throw new TypeError('hean/talib: execute(params, callback): callback must be a function');
  let r: ExecuteResult | undefined;
  let err: Error | null = null;
  try {
    r = compute(params);
  } catch (e) {
    err = e as Error;
  }
  later(() => (err ? callback(err) : callback(null, r)));
}

// The callback runs on a later turn, as talib's does: setImmediate in Node, a timer where
// there is none (hean/web in a browser).
const later: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => setImmediate(f) : (f) => setTimeout(f, 0);

/** The default export: the `talib` package's object shape. */
const talib = { version, functions, explain, execute, supported };
export default talib;
