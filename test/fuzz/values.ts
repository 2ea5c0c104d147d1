// Hostile argument values for the boundary fuzzer, as plain descriptors (so a failing case
// prints readably and every run builds fresh objects: calls may detach or fill them).
// `make` turns a descriptor into the value: numbers of every awkward kind, typed arrays on
// plain / shared / growable / resizable / detached buffers and odd-offset views, wrong
// typed arrays, arrays with bad elements or holes, objects whose getters throw, proxies
// (some revoked), spoofed Float64Arrays, and references to other arguments (so `out` can
// alias an input exactly or overlap it).
import fc from 'fast-check';
import { mulberry32 } from '../../src/core/mulberry32.js';

/** Thrown by the fuzzer's getters and proxy traps: it must never escape hean unwrapped. */
export class Hostile extends Error {
  constructor(what: string) {
    super(`hostile ${what}`);
    this.name = 'Hostile';
  }
}

export type Fill = 'walk' | 'nan' | 'gaps' | 'inf' | 'zero' | 'neg' | 'tiny' | 'huge' | 'const' | 'ints';
export type Layout = 'plain' | 'sub' | 'sab' | 'gsab' | 'rab' | 'rabtrack' | 'detached';
export type Trap = 'get' | 'ownKeys' | 'getPrototypeOf' | 'has' | 'getOwnPropertyDescriptor' | 'none';
export type TypedCtor = 'Float32Array' | 'Uint8Array' | 'Uint32Array' | 'Int32Array' | 'BigInt64Array' | 'Uint8ClampedArray' | 'DataView' | 'ArrayBuffer';

/** A value descriptor. */
export type D =
  | { t: 'v'; v: unknown }
  | { t: 'sym' }
  | { t: 'fn' }
  | { t: 'f64'; n: number; fill: Fill; lay: Layout; s: number }
  | { t: 'nums'; n: number; fill: Fill; bad: 'none' | 'str' | 'hole' | 'null' | 'obj' | 'getter'; s: number }
  | { t: 'typed'; ctor: TypedCtor; n: number; off: number }
  | { t: 'obj'; e: [string, D][] }
  | { t: 'getter'; e: [string, D][]; k: string }
  | { t: 'proxy'; of: D; trap: Trap }
  | { t: 'revoked' }
  | { t: 'spoof'; n: number }
  | { t: 'arr'; e: D[] }
  | { t: 'ref'; k: number; sub: number }
  | { t: 'huge' };

/** Numbers that break careless code. */
export const NASTY_NUMBERS = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1.5, 2.5, -2, 3, 7, 1e-300, 5e-324, -5e-324, 1e300, -1e300,
  2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e9, 1e9 + 1, 1e10, 1e15, 1e21,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON,
];

export const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 60 }) },
  { weight: 2, arbitrary: fc.double() },
);

const fillArb: fc.Arbitrary<Fill> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('walk' as Fill) },
  { weight: 4, arbitrary: fc.constant('gaps' as Fill) },
  { weight: 3, arbitrary: fc.constantFrom<Fill>('nan', 'inf', 'zero', 'neg', 'tiny', 'huge', 'const', 'ints') },
);
const layoutArb: fc.Arbitrary<Layout> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('plain' as Layout) },
  { weight: 6, arbitrary: fc.constantFrom<Layout>('sub', 'sab', 'gsab', 'rab', 'rabtrack', 'detached') },
);

/** Lengths around the kernels' edges: empty, tiny, SIMD blocks, past a re-sum. */
export const lengthArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3) },
  { weight: 8, arbitrary: fc.integer({ min: 4, max: 48 }) },
  { weight: 2, arbitrary: fc.constantFrom(63, 64, 65, 127, 128, 129) },
  { weight: 1, arbitrary: fc.constantFrom(1100, 2100) },
);

export function f64Arb(n?: number): fc.Arbitrary<D> {
  return fc.record({
    t: fc.constant('f64' as const),
    n: n === undefined ? lengthArb : fc.constant(n),
    fill: fillArb,
    lay: layoutArb,
    s: fc.integer({ min: 0, max: 1e6 }),
  });
}

export function numsArb(n?: number): fc.Arbitrary<D> {
  return fc.record({
    t: fc.constant('nums' as const),
    n: n === undefined ? fc.integer({ min: 0, max: 40 }) : fc.constant(n),
    fill: fillArb,
    bad: fc.oneof({ weight: 6, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('str' as const, 'hole' as const, 'null' as const, 'obj' as const, 'getter' as const) }),
    s: fc.integer({ min: 0, max: 1e6 }),
  });
}

/** A series: mostly Float64Array (every layout), sometimes number[] (some with bad elements). */
export function seriesArb(n?: number): fc.Arbitrary<D> {
  return fc.oneof({ weight: 5, arbitrary: f64Arb(n) }, { weight: 1, arbitrary: numsArb(n) });
}

const typedArb: fc.Arbitrary<D> = fc.record({
  t: fc.constant('typed' as const),
  ctor: fc.constantFrom<TypedCtor>('Float32Array', 'Uint8Array', 'Uint32Array', 'Int32Array', 'BigInt64Array', 'Uint8ClampedArray', 'DataView', 'ArrayBuffer'),
  n: fc.integer({ min: 0, max: 40 }),
  off: fc.integer({ min: 0, max: 3 }),
});

const primitiveArb: fc.Arbitrary<D> = fc.oneof(
  { weight: 5, arbitrary: numberArb.map((v) => ({ t: 'v' as const, v })) },
  { weight: 2, arbitrary: fc.constantFrom('', 'buy', 'sell', 'limit', 'market', 'bid', 'ask', 'nearest', 'sma', 'ema', 'close', '0.1', '1e-3', '-1', 'NaN', ' 1 ', 'x', 'skip', 'carry', 'log', 'simple', 'ACTIVE', 'HALTED', 'drop', 'keep', 'relative', 'BTCUSDT').map((v) => ({ t: 'v' as const, v })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((v) => ({ t: 'v' as const, v })) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(undefined, null, true, false, 0n, 10n, -1n).map((v) => ({ t: 'v' as const, v })) },
  { weight: 1, arbitrary: fc.constantFrom<D>({ t: 'sym' }, { t: 'fn' }, { t: 'revoked' }, { t: 'huge' }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }).map((n) => ({ t: 'spoof' as const, n })) },
);

/** Keys an object argument might carry: known option names of hean's API and junk. */
export const KEY_POOL = [
  'period', 'fast', 'slow', 'signal', 'stdDev', 'kind', 'maType', 'session', 'multiplier', 'out', 'ddof', 'empty', 'offsetMs', 'intervalMs',
  'lateMs', 'maxQueued', 'windowMs', 'maxTicks', 'onBar', 'label', 'horizon', 'warmup', 'fn', 'options', 'output', 'input', 'transform', 'name',
  'time', 'open', 'high', 'low', 'close', 'volume', 'symbol', 'venue', 'tickSize', 'qtyStep', 'minPrice', 'maxPrice', 'minOrderQty', 'maxOrderQty',
  'maxMktOrderQty', 'minNotionalValue', 'priceBand', 'maxPosition', 'maxNotional', 'maxOrdersPerWindow', 'maxOpenOrders', 'maxGrossExposure',
  'dailyLossLimit', 'rateWindowMs', 'idHistory', 'clientId', 'instrument', 'side', 'type', 'price', 'qty', 'reduceOnly', 'strategy', 'clientIds',
  'instruments', 'sides', 'prices', 'qtys', 'flags', 'ids', 'counts', 'sizes', 'book', 'takerFee', 'rules', 'limit', 'now', 'state', 'version',
  'window', 'macd', 'histogram', 'upper', 'lower', 'middle', 'k', 'd', '__proto__', 'constructor', 'toString', 'valueOf', 'length', '0',
];
const keyArb = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...KEY_POOL) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) });

const trapArb = fc.constantFrom<Trap>('get', 'ownKeys', 'getPrototypeOf', 'has', 'getOwnPropertyDescriptor', 'none');

/** Any value at all, nested up to a small depth. */
export const anyArb: fc.Arbitrary<D> = fc.letrec<{ any: D }>((tie) => ({
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: primitiveArb },
    { weight: 4, arbitrary: seriesArb() },
    { weight: 2, arbitrary: typedArb },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('obj' as const), e: fc.array(fc.tuple(keyArb, tie('any')), { maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('getter' as const), e: fc.array(fc.tuple(keyArb, tie('any')), { maxLength: 3 }), k: keyArb }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('proxy' as const), of: tie('any'), trap: trapArb }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('arr' as const), e: fc.array(tie('any'), { maxLength: 4 }) }) },
  ),
})).any;

/** An object descriptor with the given keys (values from the per-key arbitraries), sometimes hostile. */
export function objArb(fields: Record<string, fc.Arbitrary<D>>, opts: { extra?: boolean } = {}): fc.Arbitrary<D> {
  const keys = Object.keys(fields);
  const entries = fc.subarray(keys).chain((ks) => fc.tuple(...ks.map((k) => fields[k]!.map((d) => [k, d] as [string, D]))));
  const plain = fc.tuple(entries, opts.extra === false ? fc.constant([]) : fc.oneof({ weight: 9, arbitrary: fc.constant([] as [string, D][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(keyArb, anyArb), { maxLength: 1 }) }))
    .map(([a, b]) => ({ t: 'obj' as const, e: [...a, ...b] }));
  return fc.oneof(
    { weight: 12, arbitrary: plain },
    { weight: 1, arbitrary: fc.tuple(entries, fc.constantFrom(...(keys.length ? keys : ['x']))).map(([e, k]) => ({ t: 'getter' as const, e, k })) },
    { weight: 1, arbitrary: fc.tuple(plain, trapArb).map(([of, trap]) => ({ t: 'proxy' as const, of, trap })) },
  );
}

/** Mostly `good`, sometimes anything at all. */
export function mostly(good: fc.Arbitrary<D>, badWeight = 1, goodWeight = 6): fc.Arbitrary<D> {
  return fc.oneof({ weight: goodWeight, arbitrary: good }, { weight: badWeight, arbitrary: anyArb });
}

export const v = (x: unknown): D => ({ t: 'v', v: x });
export const lit = (...xs: unknown[]): fc.Arbitrary<D> => fc.constantFrom(...xs).map(v);
export const num = (lo: number, hi: number): fc.Arbitrary<D> =>
  fc.oneof({ weight: 5, arbitrary: fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }).map(v) }, { weight: 2, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }).map(v) }, { weight: 2, arbitrary: numberArb.map(v) });

// ---------------------------------------------------------------------------------------
// Materialisation.


export function fillValues(n: number, fill: Fill, seed: number): number[] {
  const r = mulberry32(seed >>> 0 || 1);
  const out = new Array<number>(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    p *= Math.exp((r() - 0.5) * 0.05);
    let x: number;
    switch (fill) {
      case 'walk': x = p; break;
      case 'gaps': x = r() < 0.1 ? [NaN, Infinity, -Infinity][Math.floor(r() * 3)]! : p; break;
      case 'nan': x = NaN; break;
      case 'inf': x = r() < 0.5 ? Infinity : -Infinity; break;
      case 'zero': x = r() < 0.5 ? 0 : -0; break;
      case 'neg': x = -p; break;
      case 'tiny': x = r() * 1e-310; break;
      case 'huge': x = (r() - 0.3) * 1e305; break;
      case 'const': x = 42; break;
      case 'ints': x = Math.floor(r() * 5); break;
    }
    out[i] = x;
  }
  return out;
}

let hugeArray: Float64Array | undefined;
/** Objects built from 'obj' descriptors (plain, no traps): safe to inspect. */
export const plainObjects = new WeakSet<object>();
/** Marker values standing for typed arrays or damaged snapshots (resolved by the targets). */
export const markers = new WeakSet<object>();

/** Values for refs: the arguments built so far. */
export interface Ctx {
  args: unknown[];
  /** Every Float64Array built (to check which ones a call wrote). */
  created?: Float64Array[];
}

function typedOf(d: Extract<D, { t: 'typed' }>): unknown {
  const bytes = d.n * 8 + d.off + 8;
  const buf = new ArrayBuffer(bytes);
  switch (d.ctor) {
    case 'ArrayBuffer': return buf;
    case 'DataView': return new DataView(buf, d.off, d.n);
    case 'Float32Array': return new Float32Array(buf, d.off * 4 <= bytes - d.n * 4 ? d.off * 4 : 0, d.n);
    case 'Uint8Array': return new Uint8Array(buf, d.off, d.n);
    case 'Uint8ClampedArray': return new Uint8ClampedArray(buf, d.off, d.n);
    case 'Uint32Array': return new Uint32Array(buf, d.off * 4 <= bytes - d.n * 4 ? d.off * 4 : 0, d.n);
    case 'Int32Array': return new Int32Array(buf, 0, d.n);
    case 'BigInt64Array': return new BigInt64Array(d.n);
  }
}

function f64Of(d: Extract<D, { t: 'f64' }>): Float64Array {
  const vals = fillValues(d.n, d.fill, d.s);
  let a: Float64Array;
  switch (d.lay) {
    case 'plain': a = new Float64Array(d.n); break;
    case 'sub': {
      // A view with an odd element offset into a larger buffer, guarded on both sides.
      const off = 1 + (d.s % 3) * 2;
      const base = new Float64Array(d.n + off + 3).fill(-7777);
      a = base.subarray(off, off + d.n);
      break;
    }
    case 'sab': a = new Float64Array(new SharedArrayBuffer(d.n * 8)); break;
    case 'gsab': a = new Float64Array(new (SharedArrayBuffer as unknown as new (n: number, o: object) => SharedArrayBuffer)(d.n * 8, { maxByteLength: d.n * 8 + 64 })); break;
    case 'rab': a = new Float64Array(new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(d.n * 8 + 16, { maxByteLength: d.n * 8 + 64 }), 0, d.n); break;
    case 'rabtrack': a = new Float64Array(new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(d.n * 8, { maxByteLength: d.n * 8 + 64 })); break;
    case 'detached': {
      a = new Float64Array(d.n);
      a.set(vals);
      structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
      return a;
    }
  }
  a.set(vals);
  return a;
}

function throwingProxy(target: object, trap: Trap): object {
  const handler: ProxyHandler<object> = {};
  if (trap !== 'none') {
    (handler as Record<string, unknown>)[trap] = () => {
      throw new Hostile(`${trap} trap`);
    };
  }
  return new Proxy(target, handler);
}

/** Builds the value of a descriptor (fresh objects every time). */
export function make(d: D, ctx: Ctx = { args: [] }): unknown {
  switch (d.t) {
    case 'v': return d.v;
    case 'sym': return Symbol('fuzz');
    case 'fn': return function fuzzFn() { return 1; };
    case 'f64': {
      const a = f64Of(d);
      ctx.created?.push(a);
      return a;
    }
    case 'nums': {
      const a: unknown[] = fillValues(d.n, d.fill, d.s);
      if (d.n > 0 && d.bad !== 'none') {
        const i = d.s % d.n;
        if (d.bad === 'str') a[i] = '1';
        else if (d.bad === 'null') a[i] = null;
        else if (d.bad === 'obj') a[i] = { valueOf: () => 1 };
        else if (d.bad === 'hole') delete a[i];
        else Object.defineProperty(a, i, { get: () => { throw new Hostile('element getter'); }, enumerable: true });
      }
      return a;
    }
    case 'typed': return typedOf(d);
    case 'obj': {
      const o: Record<string, unknown> = {};
      for (const [k, x] of d.e) Object.defineProperty(o, k, { value: make(x, ctx), enumerable: true, writable: true, configurable: true });
      plainObjects.add(o);
      return o;
    }
    case 'getter': {
      const o: Record<string, unknown> = {};
      for (const [k, x] of d.e) Object.defineProperty(o, k, { value: make(x, ctx), enumerable: true, writable: true, configurable: true });
      Object.defineProperty(o, d.k, { get: () => { throw new Hostile(`getter ${d.k}`); }, enumerable: true, configurable: true });
      return o;
    }
    case 'proxy': {
      const target = make(d.of, ctx);
      return throwingProxy(typeof target === 'object' && target !== null ? target : typeof target === 'function' ? target : {}, d.trap);
    }
    case 'revoked': {
      const r = Proxy.revocable({}, {});
      r.revoke();
      return r.proxy;
    }
    case 'spoof': return { [Symbol.toStringTag]: 'Float64Array', length: d.n, byteLength: d.n * 8, 0: 1, 1: 2 };
    case 'arr': return d.e.map((x) => make(x, ctx));
    case 'ref': {
      const x = ctx.args[d.k];
      if (d.sub > 0 && ctx.created?.includes(x as Float64Array) && (x as Float64Array).byteLength > 0) {
        const a = x as Float64Array;
        const sub = a.subarray(Math.min(d.sub, a.length));
        ctx.created!.push(sub);
        return sub;
      }
      return x;
    }
    case 'huge': {
      const a = (hugeArray ??= Float64Array.from(fillValues(1 << 18, 'walk', 7))).slice();
      ctx.created?.push(a);
      return a;
    }
  }
}
