// Typed front of the Rust L2 order book.
import { isArray, readObject, reading } from '../core/guard.js';
import { decimalLike, describe, f64, native, num, rust, safeInt, typed, type DecimalLike, type NativeOrderBook } from './addon.js';
import { BOOK_STATUSES, sideCode, type BookStatus, type Side } from './codes.js';

/** Levels of one side: `[price, size][]`, or columns. */
export type Levels = ReadonlyArray<readonly [number, number]> | { prices: Float64Array | readonly number[]; sizes: Float64Array | readonly number[] };

/** One side's level changes of a delta: `['buy' | 'sell', price, size][]` (size 0 deletes), or columns (sides 0 = bid, 1 = ask). */
export type DeltaLevels =
  | ReadonlyArray<readonly [Side, number, number]>
  | { sides: Uint8Array; prices: Float64Array; sizes: Float64Array };

/** Many delta messages as columns: message `m` has update id `ids[m]` and the next `counts[m]` levels. */
export interface DeltaBatch {
  ids: Float64Array;
  counts: Uint32Array;
  /** 0 bid, 1 ask. */
  sides: Uint8Array;
  prices: Float64Array;
  sizes: Float64Array;
}

/** A price level. */
export interface Level {
  price: number;
  size: number;
}

/** Result of walking the book for a quantity. */
export interface FillEstimate {
  /** Volume-weighted average price (NaN when nothing fills). */
  avgPrice: number;
  /** Quantity the visible book fills (≤ the quantity asked). */
  filled: number;
  /** Worst price touched (NaN when nothing fills). */
  worstPrice: number;
}

/** Most levels {@link OrderBook.depth} returns in one call. */

/** Options of a book. */
export interface OrderBookOptions {
  venue: string;
  symbol: string;
  /** Tick size of the venue (decimal string or number). */
  tickSize: DecimalLike;
  /** Quantity step of the venue. */
  qtyStep: DecimalLike;
}

/** Reads a caller's array of small tuples (`[price, size]`, `[side, price, size]`) once, guarding every read. */
function tuples(l: unknown[], arity: number, what: string, shape: string): unknown[][] {
  const n = reading(`hean: ${what}`, () => l.length);
  const out: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = reading(`hean: ${what}[${i}]`, () => l[i]);
    if (!isArray(x, `hean: ${what}[${i}]`) || reading(`hean: ${what}[${i}]`, () => x.length) !== arity) throw new TypeError(`hean: ${what}[${i}] must be ${shape}, got ${describe(x)}`);
    out[i] = reading(`hean: ${what}[${i}]`, () => Array.from({ length: arity }, (_, k) => x[k]));
  }
  return out;
}

function toColumns(l: Levels, what: string): [Float64Array, Float64Array] {
  if (isArray(l, `hean: ${what}`)) {
    const t = tuples(l, 2, what, '[price, size]');
    const p = new Float64Array(t.length);
    const s = new Float64Array(t.length);
    t.forEach((x, i) => {
      p[i] = num(x[0], `${what}[${i}][0]`);
      s[i] = num(x[1], `${what}[${i}][1]`);
    });
    return [p, s];
  }
  if (typeof l === 'object' && l !== null) {
    const c = readObject(l, ['prices', 'sizes'], `hean: ${what}`);
    if (c.prices !== undefined && c.sizes !== undefined) return [f64(c.prices, `${what}.prices`), f64(c.sizes, `${what}.sizes`)];
  }
  throw new TypeError(`hean: ${what} must be [price, size][] or { prices, sizes }, got ${describe(l)}`);
}

/**
 * L2 order book of one venue and symbol (prices in ticks, sizes in lots inside).
 *
 * Feed it a snapshot, then deltas as Bybit's orderbook stream sends them: size 0 deletes a
 * level; each delta's update id must be the previous one + 1, otherwise the book is marked
 * stale and ignores deltas until the next snapshot. A message that would cross the book,
 * or holds a malformed level, is rolled back and also marks the book stale.
 */
export class OrderBook {
  /** Throws hean's TypeError unless `x` is an OrderBook built on this thread (not a clone of one, or another object). */
  static #own(x: unknown, what: string): void {
    if (typeof x !== 'object' || x === null || !(#top in x)) {
      throw new TypeError(`hean: OrderBook.${what} called on ${describe(x)}, not an OrderBook. Instances belong to the thread that made them and can't be cloned or sent to a worker: make one per thread (and move state with snapshot() / restore())`);
    }
  }

  /** @internal */
  readonly native: NativeOrderBook;
  /** Venue name. */
  readonly venue: string;
  /** Symbol. */
  readonly symbol: string;
  readonly #top = new Float64Array(8); // best bid/size, best ask/size, mid, spread, bid levels, ask levels
  readonly #est = new Float64Array(3);
  #one: { sides: Uint8Array; prices: Float64Array; sizes: Float64Array } | undefined;

  /** An empty (stale) book. */
  constructor(opts: OrderBookOptions) {
    if (typeof opts !== 'object' || opts === null) throw new TypeError(`hean: options must be an object, got ${describe(opts)}`);
    const o = readObject(opts, ['venue', 'symbol', 'tickSize', 'qtyStep'], 'hean: options');
    const { venue, symbol } = o;
    if (typeof venue !== 'string' || typeof symbol !== 'string') throw new TypeError('hean: venue and symbol must be strings');
    const a = rust();
    this.venue = venue;
    this.symbol = symbol;
    const tick = decimalLike(o.tickSize, 'tickSize');
    const step = decimalLike(o.qtyStep, 'qtyStep');
    this.native = native(() => new a.OrderBook(venue, symbol, tick, step));
  }

  /** Replaces the book. A crossed or malformed snapshot throws a RangeError and changes nothing. */
  applySnapshot(updateId: number, bids: Levels, asks: Levels): void {
    OrderBook.#own(this, 'applySnapshot');
    safeInt(updateId, 'updateId');
    const [bp, bs] = toColumns(bids, 'bids');
    const [ap, as] = toColumns(asks, 'asks');
    native(() => this.native.applySnapshot(updateId, bp, bs, ap, as));
  }

  /** Applies one delta message; returns its status (`'Ok'` when applied). */
  applyDelta(updateId: number, levels: DeltaLevels): BookStatus {
    OrderBook.#own(this, 'applyDelta');
    num(updateId, 'updateId');
    let sides: Uint8Array, prices: Float64Array, sizes: Float64Array;
    if (isArray(levels, 'hean: levels')) {
      const t = tuples(levels, 3, 'levels', '[side, price, size]');
      const n = t.length;
      if (!this.#one || this.#one.prices.length < n) this.#one = { sides: new Uint8Array(Math.max(n, 16)), prices: new Float64Array(Math.max(n, 16)), sizes: new Float64Array(Math.max(n, 16)) };
      const o = this.#one;
      t.forEach((x, i) => {
        o.sides[i] = sideCode(x[0], `levels[${i}][0]`);
        o.prices[i] = num(x[1], `levels[${i}][1]`);
        o.sizes[i] = num(x[2], `levels[${i}][2]`);
      });
      sides = o.sides.subarray(0, n);
      prices = o.prices.subarray(0, n);
      sizes = o.sizes.subarray(0, n);
    } else if (typeof levels === 'object' && levels !== null) {
      const c = readObject(levels, ['sides', 'prices', 'sizes'], 'hean: levels');
      sides = typed(c.sides, Uint8Array, 'levels.sides');
      prices = typed(c.prices, Float64Array, 'levels.prices');
      sizes = typed(c.sizes, Float64Array, 'levels.sizes');
    } else {
      throw new TypeError(`hean: levels must be [side, price, size][] or { sides, prices, sizes }, got ${describe(levels)}`);
    }
    return BOOK_STATUSES[this.native.applyDelta(updateId, sides, prices, sizes)]!;
  }

  /**
   * Applies many delta messages in one native call. Each message's status goes to `out`
   * (numeric, see `BookStatus`); returns how many were applied.
   */
  applyDeltas(batch: DeltaBatch, out?: Uint8Array): { applied: number; statuses: Uint8Array } {
    OrderBook.#own(this, 'applyDeltas');
    if (typeof batch !== 'object' || batch === null) throw new TypeError(`hean: batch must be an object, got ${describe(batch)}`);
    const b = readObject(batch, ['ids', 'counts', 'sides', 'prices', 'sizes'], 'hean: batch');
    const ids = typed(b.ids, Float64Array, 'batch.ids');
    const counts = typed(b.counts, Uint32Array, 'batch.counts');
    const sides = typed(b.sides, Uint8Array, 'batch.sides');
    const prices = typed(b.prices, Float64Array, 'batch.prices');
    const sizes = typed(b.sizes, Float64Array, 'batch.sizes');
    const o = out === undefined ? new Uint8Array(ids.length) : typed(out, Uint8Array, 'out', true);
    const applied = native(() => this.native.applyDeltas(ids, counts, sides, prices, sizes, o));
    return { applied, statuses: o };
  }

  /** True until a snapshot arrives, and after a gap, crossed or malformed message. */
  get stale(): boolean {
    OrderBook.#own(this, 'stale');
    return this.native.stale;
  }

  /** Update id of the last applied message. */
  get lastUpdateId(): number {
    OrderBook.#own(this, 'lastUpdateId');
    return this.native.lastUpdateId;
  }

  /** Best bid, if any. */
  bestBid(): Level | undefined {
    OrderBook.#own(this, 'bestBid');
    this.native.top(this.#top);
    return Number.isNaN(this.#top[0]) ? undefined : { price: this.#top[0]!, size: this.#top[1]! };
  }

  /** Best ask, if any. */
  bestAsk(): Level | undefined {
    OrderBook.#own(this, 'bestAsk');
    this.native.top(this.#top);
    return Number.isNaN(this.#top[2]) ? undefined : { price: this.#top[2]!, size: this.#top[3]! };
  }

  /** Mid price (NaN unless both sides have levels). */
  mid(): number {
    OrderBook.#own(this, 'mid');
    this.native.top(this.#top);
    return this.#top[4]!;
  }

  /** Best ask − best bid (NaN unless both sides have levels). */
  spread(): number {
    OrderBook.#own(this, 'spread');
    this.native.top(this.#top);
    return this.#top[5]!;
  }

  /** The top `n` levels of a side, best first. */
  depth(side: 'bid' | 'ask', n: number): { prices: Float64Array; sizes: Float64Array } {
    OrderBook.#own(this, 'depth');
    if (side !== 'bid' && side !== 'ask') throw new RangeError(`hean: side must be 'bid' or 'ask', got ${describe(side)}`);
    safeInt(n, 'n');
    // Sized by the levels the side has, not by n: depth('bid', 2 ** 31) must not allocate 32 GB.
    this.native.top(this.#top);
    const m = Math.min(n, this.#top[side === 'bid' ? 6 : 7]!);
    const prices = new Float64Array(m);
    const sizes = new Float64Array(m);
    const k = native(() => this.native.depth(side === 'bid' ? 0 : 1, prices, sizes));
    return { prices: prices.subarray(0, k), sizes: sizes.subarray(0, k) };
  }

  /** Average price a taker on `side` would get for `qty` (a buy walks the asks). */
  fillEstimate(side: Side, qty: number): FillEstimate {
    OrderBook.#own(this, 'fillEstimate');
    const s = sideCode(side);
    num(qty, 'qty');
    native(() => this.native.fillEstimate(s, qty, this.#est));
    return { avgPrice: this.#est[0]!, filled: this.#est[1]!, worstPrice: this.#est[2]! };
  }

  /** Average fill price for `qty` (NaN when the book fills nothing); see {@link OrderBook.fillEstimate}. */
  averageFillPrice(side: Side, qty: number): number {
    OrderBook.#own(this, 'averageFillPrice');
    return this.fillEstimate(side, qty).avgPrice;
  }

  /** (bid size − ask size) / (bid size + ask size) over the top `levels` levels, in [−1, 1]; NaN when empty. */
  imbalance(levels = 5): number {
    OrderBook.#own(this, 'imbalance');
    safeInt(levels, 'levels');
    return this.native.imbalance(levels);
  }

  /** The book as versioned, checksummed bytes. */
  snapshot(): Uint8Array {
    OrderBook.#own(this, 'snapshot');
    return this.native.snapshot();
  }

  /** Replaces the book with a snapshot's; a bad snapshot throws a RangeError and changes nothing. */
  restore(bytes: Uint8Array): void {
    OrderBook.#own(this, 'restore');
    const b = typed(bytes, Uint8Array, 'snapshot');
    native(() => this.native.restore(b));
  }
}
