// Reading a caller's values without letting the caller's code run unguarded: getters,
// proxy traps and revoked proxies can throw anything at any property read. Every read of
// a caller's object goes through here, so such a throw comes back as a hean TypeError
// (with the original as its `cause`), and type tests never trigger a trap.

const taProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const taTag = Object.getOwnPropertyDescriptor(taProto, Symbol.toStringTag)!.get as (this: unknown) => string | undefined;

/** The element type name of a real typed array (`'Float64Array'`, …), else undefined. Runs no caller code. */
export function typedArrayKind(x: unknown): string | undefined {
  return ArrayBuffer.isView(x) ? taTag.call(x) : undefined;
}

/** True for a real Float64Array (of any realm); proxies and look-alikes are not. Runs no caller code. */
export function isF64(x: unknown): x is Float64Array {
  return ArrayBuffer.isView(x) && taTag.call(x) === 'Float64Array';
}

const taBuffer = Object.getOwnPropertyDescriptor(taProto, 'buffer')!.get as (this: unknown) => ArrayBufferLike;
// Browsers define SharedArrayBuffer only on cross-origin-isolated pages (hean/web).
const SAB = (globalThis as { SharedArrayBuffer?: SharedArrayBufferConstructor }).SharedArrayBuffer;
const taByteLength = Object.getOwnPropertyDescriptor(taProto, 'byteLength')!.get as (this: unknown) => number;

/**
 * True for a real Float64Array whose memory no other thread can change during a call (not
 * on a SharedArrayBuffer): the zero-copy fast path. Runs no caller code.
 */
export function isOwnF64(x: unknown): x is Float64Array {
  return isF64(x) && !(SAB !== undefined && taBuffer.call(x) instanceof SAB);
}

/** True for a real typed array of the given kind (of any realm). Runs no caller code. */
export function isTyped<T extends ArrayBufferView>(x: unknown, kind: string): x is T {
  return ArrayBuffer.isView(x) && taTag.call(x) === kind;
}

/**
 * Length of a Float64Array from its byte length. (Node 20's V8 can return the length from
 * before a detach in optimised code that has also seen arrays on resizable buffers;
 * `byteLength` is always right.)
 */
export function f64Length(x: Float64Array): number {
  // The intrinsic getter, called directly: runs no caller code (an own `byteLength` on the
  // array is ignored), and V8 inlines it where a `.byteLength` load costs ~8 ns.
  return taByteLength.call(x) / 8;
}

const taSet = (taProto as { set: (this: Float64Array, src: Float64Array, offset: number) => void }).set;

/**
 * `dst.set(src, offset)` through the intrinsic: runs no caller code (an own `set` on either
 * array is ignored), and V8 calls the builtin directly, where loading `.set` from a typed
 * array in optimized code goes through an inline-cache stub (~4 ns a copy, 2 to 6 copies on
 * a short call: benches/call-stages.mjs).
 */
export function f64Set(dst: Float64Array, src: Float64Array, offset: number): void {
  taSet.call(dst, src, offset);
}

/** f64Length for Int16Arrays (the candle patterns' int16 rows). */
export function i16Length(x: Int16Array): number {
  return taByteLength.call(x) / 2;
}

/** f64Set for Int16Arrays: the same intrinsic. */
export function i16Set(dst: Int16Array, src: Int16Array, offset: number): void {
  (taSet as unknown as (this: Int16Array, src: Int16Array, offset: number) => void).call(dst, src, offset);
}

const taByteOffset = Object.getOwnPropertyDescriptor(taProto, 'byteOffset')!.get as (this: unknown) => number;

/**
 * True when two Float64Arrays share any byte. Through the intrinsic getters, like
 * f64Length: runs no caller code, and costs a few ns where the `.buffer`, `.byteOffset`
 * and `.byteLength` property loads cost ~8 ns each.
 */
export function f64Overlap(a: Float64Array, b: Float64Array): boolean {
  const la = taByteLength.call(a);
  const lb = taByteLength.call(b);
  if (la === 0 || lb === 0 || taBuffer.call(a) !== taBuffer.call(b)) return false;
  const oa = taByteOffset.call(a);
  const ob = taByteOffset.call(b);
  return oa < ob + lb && ob < oa + la;
}

/** False when the two or three arrays are on pairwise different buffers (then none overlap), else true. */
export function outputsMayOverlap(a: Float64Array, b: Float64Array, c: Float64Array | undefined): boolean {
  const ba = taBuffer.call(a);
  const bb = taBuffer.call(b);
  if (c === undefined) return ba === bb;
  const bc = taBuffer.call(c);
  return ba === bb || ba === bc || bb === bc;
}

/** A copy of a Float64Array (an empty one for a detached array, where slice() would throw). */
export function copyF64(x: Float64Array): Float64Array {
  return f64Length(x) === 0 ? new Float64Array(0) : x.slice();
}

/** The message of a thrown value, never throwing itself. */
export function messageOf(e: unknown): string {
  try {
    if (e instanceof Error) return e.message;
    return typeof e === 'string' ? e : Object.prototype.toString.call(e);
  } catch {
    return 'unreadable error';
  }
}

/**
 * Runs `f`, which reads a caller's value; anything it throws (a getter, a proxy trap, a
 * revoked proxy) becomes `TypeError("<what> could not be read: …")` with the original
 * as `cause`. `f` must only read: hean's own errors are thrown outside it.
 */
export function reading<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new TypeError(`${what} could not be read: ${messageOf(e)}`, { cause: e });
  }
}

/** Array.isArray that treats a revoked proxy as an unreadable value (TypeError) instead of throwing V8's. */
export function isArray(x: unknown, what: string): x is unknown[] {
  return reading(what, () => Array.isArray(x));
}

/** One property of a caller's object, read once. */
export function field(obj: object, key: string, what: string): unknown {
  return reading(`${what}.${key}`, () => (obj as Record<string, unknown>)[key]);
}

/** The own enumerable keys of a caller's object. */
export function keysOf(obj: object, what: string): string[] {
  return reading(what, () => Object.keys(obj));
}

/**
 * Reads the named properties of a caller's options object once, into a plain record (so
 * later code never touches the caller's object again). `undefined` and `null` give {}.
 */
export function readObject<K extends string>(obj: unknown, keys: readonly K[], what: string): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  if (obj === undefined || obj === null) return out;
  if (typeof obj !== 'object' && typeof obj !== 'function') throw new TypeError(`${what} must be an object, got ${describe(obj)}`);
  // One try for all the reads (no closure per key: this is on hot paths such as RiskEngine.check).
  let key = '';
  try {
    for (let i = 0; i < keys.length; i++) {
      key = keys[i]!;
      out[key as K] = (obj as Record<string, unknown>)[key];
    }
  } catch (e) {
    throw new TypeError(`${what}.${key} could not be read: ${messageOf(e)}`, { cause: e });
  }
  return out;
}

/** A short description of a value for error messages; runs no caller code. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  const t = typeof x;
  if (t === 'string') return `string '${(x as string).length > 40 ? `${(x as string).slice(0, 40)}…` : (x as string)}'`;
  if (t === 'number' || t === 'boolean' || t === 'undefined') return `${t} ${String(x)}`;
  if (t === 'bigint') return `bigint ${String(x)}n`;
  if (t === 'symbol') return 'a symbol';
  if (t === 'function') return 'a function';
  const kind = typedArrayKind(x);
  if (kind) return `a ${kind}`;
  if (ArrayBuffer.isView(x)) return 'a DataView';
  try {
    if (Array.isArray(x)) return 'an array';
  } catch {
    return 'a revoked proxy';
  }
  return 'an object';
}
