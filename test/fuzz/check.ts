// The fuzzer's verdicts: which errors are acceptable, and result shapes.
import { Hostile } from './values.js';

/** A violated property (what the fuzzer reports). */
export class FuzzFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuzzFailure';
  }
}

export function fail(msg: string): never {
  throw new FuzzFailure(msg);
}

/** Calls made so far (every call into hean counts as one case). */
export const counter = { calls: 0 };

function errText(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${e.message}`;
    return `non-Error ${typeof e}: ${String(e)}`;
  } catch {
    return 'unprintable thrown value';
  }
}

/**
 * An error hean may throw: a TypeError or RangeError whose message says it comes from hean
 * (so a stray engine error like "Cannot read properties of undefined" is a failure too).
 * A caller's exception (a throwing getter or proxy trap) must come back wrapped, as the
 * cause of such an error, never bare.
 */
export function checkError(e: unknown, what: string): void {
  if (e instanceof FuzzFailure) throw e;
  if (e instanceof Hostile) fail(`${what}: a caller's exception escaped unwrapped (${e.message})`);
  // The file helpers (writeSnapshotFile, …) pass the file system's errors on (ENOENT, EISDIR, …).
  if (e instanceof Error && typeof (e as { syscall?: unknown }).syscall === 'string' && /^E[A-Z]+$/.test(String((e as { code?: unknown }).code))) return;
  if (!(e instanceof TypeError) && !(e instanceof RangeError)) fail(`${what}: threw ${errText(e)}`);
  if (!/\bhean\b/.test(e.message)) fail(`${what}: threw a ${e.name} that is not hean's own: ${e.message}`);
}

/** Runs a call, counting it; returns { ok, value } or { ok: false } after vetting the error. */
export function attempt<T>(what: string, f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  counter.calls++;
  try {
    return { ok: true, value: f() };
  } catch (e) {
    checkError(e, what);
    return { ok: false, error: e };
  }
}

export async function attemptAsync<T>(what: string, f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  counter.calls++;
  let p: Promise<T>;
  try {
    p = f();
  } catch (e) {
    // Argument errors of an async variant may come synchronously or as a rejection.
    checkError(e, what);
    return { ok: false, error: e };
  }
  if (!(p instanceof Promise)) fail(`${what}: did not return a Promise`);
  try {
    return { ok: true, value: await p };
  } catch (e) {
    checkError(e, what);
    return { ok: false, error: e };
  }
}

// ---------------------------------------------------------------------------------------
// Shapes: a tiny schema language for results.

export type Shape =
  | 'num'
  | 'int'
  | 'uint'
  | 'finite'
  | 'str'
  | 'bool'
  | 'undef'
  | 'f64'
  | 'u8'
  | 'i32'
  | 'any'
  | { obj: Record<string, Shape>; exact?: boolean }
  | { arr: Shape; len?: number }
  | { opt: Shape }
  | { oneOf: readonly unknown[] }
  | { tuple: Shape[] }
  | { test: (x: unknown) => string | null };

/** Returns what is wrong with `x` against `s`, or null. */
export function shapeError(x: unknown, s: Shape, path = 'result'): string | null {
  if (typeof s === 'string') {
    switch (s) {
      case 'any': return null;
      case 'num': return typeof x === 'number' ? null : `${path} is ${typeof x}, expected a number`;
      case 'int': return Number.isInteger(x) ? null : `${path} is ${String(x)}, expected an integer`;
      case 'uint': return Number.isInteger(x) && (x as number) >= 0 ? null : `${path} is ${String(x)}, expected an integer >= 0`;
      case 'finite': return Number.isFinite(x) ? null : `${path} is ${String(x)}, expected a finite number`;
      case 'str': return typeof x === 'string' ? null : `${path} is ${typeof x}, expected a string`;
      case 'bool': return typeof x === 'boolean' ? null : `${path} is ${typeof x}, expected a boolean`;
      case 'undef': return x === undefined ? null : `${path} is ${typeof x}, expected undefined`;
      case 'f64': return x instanceof Float64Array ? null : `${path} is not a Float64Array`;
      case 'u8': return x instanceof Uint8Array ? null : `${path} is not a Uint8Array`;
      case 'i32': return x instanceof Int32Array ? null : `${path} is not an Int32Array`;
    }
  }
  if ('obj' in s) {
    if (x === null || typeof x !== 'object') return `${path} is not an object`;
    for (const [k, sub] of Object.entries(s.obj)) {
      const e = shapeError((x as Record<string, unknown>)[k], sub, `${path}.${k}`);
      if (e) return e;
    }
    if (s.exact) {
      const extra = Object.keys(x).filter((k) => !(k in s.obj));
      if (extra.length) return `${path} has unexpected keys ${extra.join(', ')}`;
    }
    return null;
  }
  if ('arr' in s) {
    if (!Array.isArray(x)) return `${path} is not an array`;
    if (s.len !== undefined && x.length !== s.len) return `${path} has length ${x.length}, expected ${s.len}`;
    for (let i = 0; i < x.length; i++) {
      const e = shapeError(x[i], s.arr, `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if ('opt' in s) return x === undefined ? null : shapeError(x, s.opt, path);
  if ('oneOf' in s) return s.oneOf.includes(x) ? null : `${path} is ${String(x)}, expected one of ${s.oneOf.join(', ')}`;
  if ('tuple' in s) {
    if (!Array.isArray(x) || x.length !== s.tuple.length) return `${path} is not a ${s.tuple.length}-tuple`;
    for (let i = 0; i < s.tuple.length; i++) {
      const e = shapeError(x[i], s.tuple[i]!, `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  const r = s.test(x);
  return r ? `${path}: ${r}` : null;
}

export function expectShape(x: unknown, s: Shape, what: string): void {
  const e = shapeError(x, s);
  if (e) fail(`${what}: ${e}`);
}

/**
 * Length of a Float64Array from its byteLength. Node 20's V8 (11.3) has a JIT bug: once a
 * function has seen typed arrays on resizable buffers, its optimised code can read the
 * pre-detach `length` of a detached typed array (byteLength stays right).
 */
export function f64len(a: Float64Array): number {
  return a.byteLength / 8;
}

const taTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get!;

/** A real Float64Array (no proxy trap runs). */
export function isRealF64(x: unknown): x is Float64Array {
  return ArrayBuffer.isView(x) && taTag.call(x) === 'Float64Array';
}

/** Bitwise equality of two Float64Arrays (NaN equals NaN, -0 differs from 0). */
export function sameF64(a: Float64Array, b: Float64Array): string | null {
  const n = f64len(a);
  if (n !== f64len(b)) return `length ${n} vs ${f64len(b)}`;
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return `[${i}] ${a[i]} vs ${b[i]}`;
  return null;
}

/** Equality of results made of numbers, Float64Arrays and plain objects/arrays of them. */
export function sameValue(a: unknown, b: unknown, path = ''): string | null {
  if (a instanceof Float64Array && b instanceof Float64Array) {
    const e = sameF64(a, b);
    return e ? `${path}${e}` : null;
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? null : `${path} ${a} vs ${b}`;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return `${path} byte length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${path} byte ${i} differs`;
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) return `${path} keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const e = sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (e) return e;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path} ${String(a)} vs ${String(b)}`;
}
