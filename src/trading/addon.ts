// The Rust core's addon, loaded on first use (never at import), and the shapes of what it
// exports. Only src/trading/* talks to it.
import { copyF64, describe as describeValue, isArray, isTyped, messageOf, reading } from '../core/guard.js';
import { loadAddon } from '../native.js';
import { BOOK_STATUSES, ORDER_STRATEGY_SHIFT, OrderFlag, REASON_CODES, TRADING_STATES } from './codes.js';

/** Either a decimal string as an exchange sends it ("0.10", "1e-3") or a number. */
export type DecimalLike = string | number;

/** @internal Instrument fields as the addon takes them. */
export interface NativeRules {
  symbol: string;
  venue?: string;
  tickSize: DecimalLike;
  minPrice?: DecimalLike;
  maxPrice?: DecimalLike;
  qtyStep: DecimalLike;
  minOrderQty?: DecimalLike;
  maxOrderQty?: DecimalLike;
  maxMktOrderQty?: DecimalLike;
  minNotionalValue?: DecimalLike;
  priceBand?: number;
}

/** @internal */
export interface NativeRiskEngine {
  readonly handle: number;
  readonly instrumentCount: number;
  addInstrument(rules: NativeRules, limits?: object | null): number;
  setInstrumentLimits(id: number, limits: object, replace: boolean): void;
  setAccountLimits(limits: object, replace: boolean): void;
  strategyId(name: string): number;
  strategyLookup(name: string): number | undefined | null;
  instrumentId(key: string): number | undefined | null;
  instrument(id: number): import('./risk.js').InstrumentInfo;
  roundPrice(id: number, price: number, mode: number): number;
  roundQty(id: number, qty: number): number;
  priceString(id: number, price: DecimalLike, mode: number): string;
  qtyString(id: number, qty: DecimalLike): string;
  check(clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number;
  submit(clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number;
  checkTagged(clientId: number, instrument: number, flags: number, price: number, qty: number, tag: string, now: number): number;
  submitTagged(clientId: number, instrument: number, flags: number, price: number, qty: number, tag: string, now: number): number;
  explain(clientId: number, instrument: number, flags: number, price: number, qty: number, tag: string | null, now: number): string;
  checkBatch(ids: Float64Array, instruments: Uint32Array, sides: Uint8Array, prices: Float64Array, qtys: Float64Array, flags: Uint8Array | null, tag: string | null, now: number, out: Uint8Array): number;
  submitBatch(ids: Float64Array, instruments: Uint32Array, sides: Uint8Array, prices: Float64Array, qtys: Float64Array, flags: Uint8Array | null, tag: string | null, now: number, out: Uint8Array): number;
  checkCancel(clientId: number): number;
  fill(clientId: number, qty: number, price: number, fee: number, ts: number): void;
  cancel(clientId: number, ts: number): void;
  exchangeReject(clientId: number, ts: number): void;
  mark(instrument: number, price: number, ts: number): void;
  setState(state: number, ts: number): void;
  tick(ts: number): void;
  account(): Omit<import('./risk.js').AccountSummary, 'state'> & { state: number };
  positions(): import('./risk.js').PositionInfo[];
  strategyPositions(): import('./risk.js').PositionInfo[];
  openOrders(): (Omit<import('./risk.js').OpenOrderInfo, 'side' | 'type'> & { side: number; kind: number })[];
  strategyStats(): import('./risk.js').StrategyStats[];
  dailyPnl(): import('./risk.js').DailyPnl[];
  snapshot(): Uint8Array;
  restore(data: Uint8Array): void;
}

/** @internal */
export interface NativeOrderBook {
  readonly stale: boolean;
  readonly lastUpdateId: number;
  applySnapshot(id: number, bp: Float64Array, bs: Float64Array, ap: Float64Array, as: Float64Array): void;
  applyDelta(id: number, sides: Uint8Array, prices: Float64Array, sizes: Float64Array): number;
  applyDeltas(ids: Float64Array, counts: Uint32Array, sides: Uint8Array, prices: Float64Array, sizes: Float64Array, out: Uint8Array): number;
  top(out: Float64Array): void;
  depth(side: number, prices: Float64Array, sizes: Float64Array): number;
  fillEstimate(side: number, qty: number, out: Float64Array): void;
  imbalance(levels: number): number;
  snapshot(): Uint8Array;
  restore(data: Uint8Array): void;
}

/** @internal */
export interface NativeRouter {
  readonly venueCount: number;
  addVenue(book: NativeOrderBook, takerFee: number, instrument: number | null, rules: NativeRules | null): number;
  route(side: number, qty: number, limit: number, now: number, strategy: number, out: Float64Array): number;
}

/** @internal The Rust addon's exports. */
export interface RustAddon {
  abiVersion: number;
  snapshotVersion: number;
  orderStrategyShift: number;
  ReasonCode: Record<string, number | string>;
  BookStatus: Record<string, number | string>;
  TradingState: Record<string, number | string>;
  OrderFlag: Record<string, number | string>;
  reasonNames(): string[];
  reasonMessage(code: number): string;
  bookStatusNames(): string[];
  riskCheck(handle: number, clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number;
  riskMark(handle: number, instrument: number, price: number, ts: number): number;
  riskSubmit(handle: number, clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number;
  RiskEngine: new (limits?: object | null) => NativeRiskEngine;
  OrderBook: new (venue: string, symbol: string, tickSize: DecimalLike, qtyStep: DecimalLike) => NativeOrderBook;
  Router: new (engine?: NativeRiskEngine | null) => NativeRouter;
}

let addon: RustAddon | undefined;

/** @internal The Rust addon, loaded (and checked against this TypeScript) on first use. */
export function rust(): RustAddon {
  if (addon) return addon;
  const a = loadAddon<RustAddon>('hean_rust');
  // The enums are generated from the Rust lists at build time (enums.gen.ts); a binary
  // built from other lists is a stale build, refused here rather than misread.
  const same = (got: readonly unknown[], want: readonly unknown[]) => got.length === want.length && got.every((x, i) => x === want[i]);
  const stale = (what: string) => new Error(`hean: the Rust addon's ${what} differ from this TypeScript's (stale build? run \`npm run build:rust\`)`);
  if (!same(a.reasonNames(), REASON_CODES)) throw stale('reason codes');
  if (!same(a.bookStatusNames(), BOOK_STATUSES)) throw stale('book statuses');
  if (!same(Object.values(a.TradingState ?? {}), TRADING_STATES)) throw stale('trading states');
  const flags = a.OrderFlag ?? {};
  if (a.orderStrategyShift !== ORDER_STRATEGY_SHIFT || Object.entries(OrderFlag).some(([k, v]) => flags[k] !== v)) throw stale('order flags');
  return (addon = a);
}

/** @internal The error to throw for an error of a native call: its argument errors become RangeError / TypeError. */
export function nativeError(e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  if (err && typeof err.code === 'string' && (err.code === 'InvalidArg' || err.code.endsWith('Expected'))) {
    const Ctor = err.code === 'InvalidArg' ? RangeError : TypeError;
    return new Ctor(`hean: ${err.message ?? String(e)}`);
  }
  return e;
}

/** @internal Runs a native call, turning its argument errors into RangeErrors. */
export function native<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw nativeError(e);
  }
}

/** @internal A short description of a value for error messages (runs no caller code). */
export const describe = describeValue;

/** @internal A finite number or a TypeError naming the argument. */
export function num(x: unknown, what: string): number {
  if (typeof x !== 'number') throw new TypeError(`hean: ${what} must be a number, got ${describe(x)}`);
  return x;
}

/** @internal A decimal string or a number. */
export function decimalLike(x: unknown, what: string): DecimalLike {
  if (typeof x !== 'number' && typeof x !== 'string') throw new TypeError(`hean: ${what} must be a decimal string or a number, got ${describe(x)}`);
  return x;
}

/** @internal A safe integer ≥ 0 (ids, timestamps). */
export function safeInt(x: unknown, what: string): number {
  const v = num(x, what);
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`hean: ${what} must be a safe integer >= 0, got ${v}`);
  return v;
}

/** @internal A finite timestamp in ms. */
export function timestamp(x: unknown, what = 'ts'): number {
  const v = num(x, what);
  if (!Number.isFinite(v)) throw new RangeError(`hean: ${what} must be a finite timestamp in ms, got ${v}`);
  return v;
}

/**
 * @internal Checks a typed array argument (a real one: no proxies or look-alikes). An input
 * on a SharedArrayBuffer is copied, as another thread may write it while the core reads.
 */
export function typed<T extends ArrayBufferView>(x: unknown, ctor: { new (n: number): T; name: string }, what: string, output = false): T {
  if (!isTyped<T>(x, ctor.name)) throw new TypeError(`hean: ${what} must be a ${ctor.name}, got ${describe(x)}`);
  if (!output && x.buffer instanceof SharedArrayBuffer) return (x as unknown as { slice(): T }).slice();
  return x;
}

/** @internal A Float64Array from a Float64Array (as is; copied when shared) or an array of numbers. */
export function f64(x: unknown, what: string): Float64Array {
  if (isTyped<Float64Array>(x, 'Float64Array')) return x.buffer instanceof SharedArrayBuffer ? copyF64(x) : x;
  if (isArray(x, `hean: ${what}`)) {
    const a = x;
    const n = reading(`hean: ${what}`, () => a.length);
    const out = new Float64Array(n);
    let i = 0;
    let v: unknown;
    try {
      for (; i < n; i++) {
        v = a[i];
        if (typeof v !== 'number') break;
        out[i] = v;
      }
    } catch (e) {
      throw new TypeError(`hean: ${what}[${i}] could not be read: ${messageOf(e)}`, { cause: e });
    }
    if (i < n) num(v, `${what}[${i}]`);
    return out;
  }
  throw new TypeError(`hean: ${what} must be a Float64Array or an array of numbers, got ${describe(x)}`);
}
