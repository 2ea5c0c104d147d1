// The strategy's side of the wire: every order is checked and accepted by the RiskEngine
// (submitRaw, the engine's hot path) before it reaches the venue, and every fill the venue
// reports goes to the engine (positions, PnL) before the strategy hears of it. The same
// Trader drives a backtest (SimVenue) and live trading (a Venue adapter).
import { REASON_CODES } from '../../trading/codes.js';
import { orderFlags, type RiskEngine } from '../../trading/risk.js';
import type { Trades } from '../index.js';
import type { EventOrderType, FillEvent, EventOrderOptions, RejectEvent, Strategy, StrategyContext, Venue, VenueListener, VenueOrder } from './types.js';

/** An order the engine accepted that has not finished yet. */
class OpenOrder {
  constructor(
    readonly sell: boolean,
    readonly reduceOnly: boolean,
    public leaves: number,
  ) {}
}

/** Columns of every fill of a run. */
export interface FillColumns {
  clientId: Float64Array;
  /** Bar index of the fill. */
  index: Int32Array;
  time: Float64Array;
  /** 1 buy, -1 sell. */
  side: Int8Array;
  qty: Float64Array;
  price: Float64Array;
  fee: Float64Array;
  /** 1 when the order rested on the book (maker fee). */
  maker: Uint8Array;
}

/** Settings of a {@link Trader}. */
export interface TraderOptions {
  engine: RiskEngine;
  instrument: number;
  venue: Venue;
  strategy: Strategy;
  /** Starting cash of the ledger (quote currency). Default 10,000. */
  initCash?: number;
  /** Strategy tag of the orders in the engine (default: the engine's 'default'). */
  tag?: string;
  /** First client order id (default 1); ids then count up. */
  firstClientId?: number;
  /**
   * `'event'` (default): the engine is marked at every price event. `'order'`: only right
   * before each order check and on {@link Trader.syncMark} (a mark per bar is most of a
   * backtest's cost; see docs/backtest.md for what it changes).
   */
  mark?: 'event' | 'order';
}

/**
 * Connects a strategy, the RiskEngine and a venue, and is the strategy's
 * {@link StrategyContext}. It keeps a cash ledger from the fills (the venue's balance
 * view) next to the engine's positions, and records fills and round-trip trades.
 */
export class Trader implements StrategyContext, VenueListener {
  readonly engine: RiskEngine;
  readonly instrument: number;
  readonly venue: Venue;
  readonly strategy: Strategy;
  readonly initCash: number;
  position = 0;
  cash: number;
  price = NaN;
  time = NaN;
  index = -1;
  lastClientId = 0;
  /** Rejections so far, by numeric reason code (index `REASON_CODES.length` counts venue rejects). */
  readonly rejections = new Uint32Array(REASON_CODES.length + 1);
  /** Orders the engine accepted. */
  accepted = 0;
  readonly #flags: Int32Array; // [sell][market][reduceOnly]
  readonly #open = new Map<number, OpenOrder>();
  readonly #order: VenueOrder = { clientId: 0, side: 'buy', type: 'market', qty: 0, price: NaN, reduceOnly: false, time: 0 };
  readonly #fill: FillEvent = { clientId: 0, side: 'buy', qty: 0, price: 0, fee: 0, maker: false, time: 0, index: -1 };
  readonly #reject: RejectEvent = { clientId: 0, code: 0, reason: 'Accepted', stage: 'risk', time: 0 };
  readonly #decimals: number;
  readonly #lazyMarks: boolean;
  #marked = NaN;
  #nextId: number;
  // Fill log (fills are rare next to bars: plain arrays, packed at the end).
  readonly #fills: number[][] = [[], [], [], [], [], [], [], []];
  // Round-trip recorder (vectorbt's exit trades: one record per reducing fill).
  #avg = 0;
  #entryIndex = -1;
  #entryFees = 0;
  readonly #trades: number[][] = [[], [], [], [], [], [], [], [], [], []];

  constructor(o: TraderOptions) {
    this.engine = o.engine;
    this.instrument = o.instrument;
    this.venue = o.venue;
    this.strategy = o.strategy;
    this.initCash = o.initCash ?? 10_000;
    this.cash = this.initCash;
    this.#nextId = o.firstClientId ?? 1;
    this.#lazyMarks = o.mark === 'order';
    const tag = o.tag === undefined ? 0 : this.engine.strategyId(o.tag);
    // Flags through the engine's own packer: the bit layout has one source.
    this.#flags = new Int32Array(8);
    for (let i = 0; i < 8; i++) this.#flags[i] = orderFlags(i & 4 ? 'sell' : 'buy', i & 2 ? 'market' : 'limit', (i & 1) === 1, tag);
    const step = this.engine.instrument(this.instrument).qtyStep;
    const dot = step.indexOf('.');
    this.#decimals = dot < 0 ? 0 : step.length - dot - 1;
    this.venue.connect(this);
  }

  /** A new price at `time` (a bar close, a print, a book mid): marks the engine, now or before the next order. */
  observe(price: number, time: number): void {
    this.price = price;
    this.time = time;
    this.markNow();
  }

  /** @internal `price` and `time` were just set: mark the engine unless marks wait for orders. */
  markNow(): void {
    if (!this.#lazyMarks) {
      this.#mark();
      this.#marked = this.price;
    }
  }

  /** Marks the engine at the last price if it has not seen it yet. */
  syncMark(): void {
    if (this.#marked !== this.price && this.price - this.price === 0) {
      this.#mark();
      this.#marked = this.price;
    }
  }

  /** The engine's hot-path mark (a free native function); a refusal is the checked form's RangeError. */
  #mark(): void {
    const code = this.engine.markRaw(this.instrument, this.price, this.time);
    if (code !== 0) this.engine.mark(this.instrument, this.price, this.time); // throws with the reason
  }

  get equity(): number {
    return this.position === 0 ? this.cash : this.cash + this.position * this.price;
  }

  get openOrders(): number {
    return this.#open.size;
  }

  buy(qty: number, options?: EventOrderOptions): number {
    return this.order('buy', 'market', qty, NaN, options);
  }
  sell(qty: number, options?: EventOrderOptions): number {
    return this.order('sell', 'market', qty, NaN, options);
  }
  buyLimit(qty: number, price: number, options?: EventOrderOptions): number {
    return this.order('buy', 'limit', qty, price, options);
  }
  sellLimit(qty: number, price: number, options?: EventOrderOptions): number {
    return this.order('sell', 'limit', qty, price, options);
  }
  buyStop(qty: number, stop: number, options?: EventOrderOptions): number {
    return this.order('buy', 'stop', qty, stop, options);
  }
  sellStop(qty: number, stop: number, options?: EventOrderOptions): number {
    return this.order('sell', 'stop', qty, stop, options);
  }

  targetPosition(target: number): number {
    if (typeof target !== 'number' || !Number.isFinite(target)) throw new TypeError(`hean.Trader.targetPosition: target must be a finite number, got ${String(target)}`);
    const d = Number((target - this.position).toFixed(this.#decimals));
    if (d === 0) return 0;
    return d > 0 ? this.order('buy', 'market', d, NaN) : this.order('sell', 'market', -d, NaN);
  }

  /**
   * Checks the order with the RiskEngine and, when accepted, sends it to the venue. Bad
   * order values (qty ≤ 0, off-tick price…) come back as the engine's reason code; only
   * wrong types throw (TypeError).
   */
  order(side: 'buy' | 'sell', type: EventOrderType, qty: number, price = NaN, options?: EventOrderOptions): number {
    const sell = side === 'sell';
    if (!sell && side !== 'buy') throw new TypeError(`hean.Trader.order: side must be 'buy' or 'sell', got ${String(side)}`);
    const market = type === 'market';
    if (!market && type !== 'limit' && type !== 'stop') throw new TypeError(`hean.Trader.order: type must be 'market', 'limit' or 'stop', got ${String(type)}`);
    if (typeof qty !== 'number' || typeof price !== 'number') throw new TypeError('hean.Trader.order: qty and price must be numbers');
    const reduceOnly = options !== undefined && options.reduceOnly === true;
    const id = this.#nextId++;
    this.lastClientId = id;
    // A stop is a market order held by the venue: the engine counts it as open from now.
    const engineMarket = market || type === 'stop';
    if (type === 'stop' && !(price > 0 && price < Infinity)) return this.#rejected(id, 4 /* InvalidPrice */);
    if (this.#lazyMarks) this.syncMark();
    const flags = this.#flags[(sell ? 4 : 0) | (engineMarket ? 2 : 0) | (reduceOnly ? 1 : 0)]!;
    const code = this.engine.submitRaw(id, this.instrument, flags, engineMarket ? NaN : price, qty, this.time);
    if (code !== 0) return this.#rejected(id, code);
    this.accepted++;
    this.#open.set(id, new OpenOrder(sell, reduceOnly, qty));
    const o = this.#order;
    o.clientId = id;
    o.side = side;
    o.type = type;
    o.qty = qty;
    o.price = market ? NaN : price;
    o.reduceOnly = reduceOnly;
    o.time = this.time;
    this.venue.send(o);
    return 0;
  }

  cancel(clientId: number): boolean {
    if (!this.#open.has(clientId)) return false;
    this.venue.cancel(clientId, this.time);
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.#open.keys()]) this.venue.cancel(id, this.time);
  }

  /** Whether an order is still open. */
  isOpen(clientId: number): boolean {
    return this.#open.has(clientId);
  }

  // ---- VenueListener ----

  fill(clientId: number, qty: number, price: number, fee: number, time: number, maker: boolean): void {
    const o = this.#open.get(clientId);
    if (o === undefined) return; // already closed here (e.g. a reduce-only order cut to the position)
    if (time > this.time) this.time = time; // live fills arrive between feed events
    let q = qty;
    let f = fee;
    let cut = false;
    if (o.reduceOnly) {
      // The exchange never lets a reduce-only order grow or flip the position.
      const room = o.sell ? Math.max(this.position, 0) : Math.max(-this.position, 0);
      if (q > room) {
        f = room > 0 ? (fee * room) / q : 0;
        q = room;
        cut = true;
      }
    }
    if (q > 0) {
      this.engine.fill(clientId, q, price, f, time);
      this.#book(clientId, o.sell, q, price, f, time, maker);
    }
    o.leaves = Number((o.leaves - q).toFixed(this.#decimals));
    if (cut || o.leaves <= 0) {
      this.#open.delete(clientId);
      if (o.leaves > 0) {
        this.engine.cancel(clientId, time);
        this.venue.cancel(clientId, time);
      }
    }
    if (q > 0 && this.strategy.onFill) {
      const e = this.#fill;
      e.clientId = clientId;
      e.side = o.sell ? 'sell' : 'buy';
      e.qty = q;
      e.price = price;
      e.fee = f;
      e.maker = maker;
      e.time = time;
      e.index = this.index;
      this.strategy.onFill(e, this);
    }
  }

  cancelled(clientId: number, time: number): void {
    if (!this.#open.delete(clientId)) return;
    this.engine.cancel(clientId, time);
  }

  rejected(clientId: number, time: number, reason: string): void {
    if (!this.#open.delete(clientId)) return;
    this.engine.exchangeReject(clientId, time);
    this.rejections[REASON_CODES.length]!++;
    if (this.strategy.onReject) {
      const r = this.#reject;
      r.clientId = clientId;
      r.code = -1;
      r.reason = reason === '' ? 'VenueReject' : reason;
      r.stage = 'venue';
      r.time = time;
      this.strategy.onReject(r, this);
    }
  }

  #rejected(clientId: number, code: number): number {
    this.rejections[code]!++;
    if (this.strategy.onReject) {
      const r = this.#reject;
      r.clientId = clientId;
      r.code = code;
      r.reason = REASON_CODES[code] ?? 'InvalidInput';
      r.stage = 'risk';
      r.time = this.time;
      this.strategy.onReject(r, this);
    }
    return code;
  }

  /** Ledger, fill log and round-trip trades for one fill. */
  #book(clientId: number, sell: boolean, q: number, price: number, fee: number, time: number, maker: boolean): void {
    const s = sell ? -q : q;
    this.cash -= s * price + fee;
    const F = this.#fills;
    F[0]!.push(clientId);
    F[1]!.push(this.index);
    F[2]!.push(time);
    F[3]!.push(sell ? -1 : 1);
    F[4]!.push(q);
    F[5]!.push(price);
    F[6]!.push(fee);
    F[7]!.push(maker ? 1 : 0);
    const pos = this.position;
    const abs = Math.abs(pos);
    if (pos === 0 || pos > 0 === s > 0) {
      if (pos === 0) {
        this.#entryIndex = this.index;
        this.#entryFees = 0;
        this.#avg = 0;
      }
      this.#avg = (this.#avg * abs + price * q) / (abs + q);
      this.#entryFees += fee;
    } else {
      const closed = Math.min(q, abs);
      const dir = pos > 0 ? 1 : -1;
      const entryFees = (this.#entryFees * closed) / abs;
      const exitFees = (fee * closed) / q;
      this.#trade(dir, closed, price, entryFees, exitFees, 0);
      this.#entryFees -= entryFees;
      if (q > closed) {
        // Through flat into the other side: the rest opens a new trade.
        this.#entryIndex = this.index;
        this.#avg = price;
        this.#entryFees = fee - exitFees;
      }
    }
    this.position = Number((pos + s).toFixed(this.#decimals));
  }

  #trade(dir: number, size: number, exit: number, entryFees: number, exitFees: number, open: number): void {
    const T = this.#trades;
    const pnl = (exit - this.#avg) * size * dir - entryFees - exitFees;
    T[0]!.push(this.#entryIndex);
    T[1]!.push(this.index);
    T[2]!.push(dir);
    T[3]!.push(open);
    T[4]!.push(size);
    T[5]!.push(this.#avg);
    T[6]!.push(exit);
    T[7]!.push(entryFees);
    T[8]!.push(exitFees);
    T[9]!.push(pnl);
  }

  /** The fills so far as columns. */
  fills(): FillColumns {
    const F = this.#fills;
    return {
      clientId: Float64Array.from(F[0]!),
      index: Int32Array.from(F[1]!),
      time: Float64Array.from(F[2]!),
      side: Int8Array.from(F[3]!),
      qty: Float64Array.from(F[4]!),
      price: Float64Array.from(F[5]!),
      fee: Float64Array.from(F[6]!),
      maker: Uint8Array.from(F[7]!),
    };
  }

  /**
   * Round-trip trades so far (vectorbt's exit trades: one per reducing fill, entry price
   * the average of the entries), plus the open position valued at `price` (the last
   * close) as an open trade without exit fees.
   */
  trades(): Trades {
    const T = this.#trades.map((c) => c.slice());
    const pos = this.position;
    if (pos !== 0) {
      const abs = Math.abs(pos);
      const dir = pos > 0 ? 1 : -1;
      T[0]!.push(this.#entryIndex);
      T[1]!.push(this.index);
      T[2]!.push(dir);
      T[3]!.push(1);
      T[4]!.push(abs);
      T[5]!.push(this.#avg);
      T[6]!.push(this.price);
      T[7]!.push(this.#entryFees);
      T[8]!.push(0);
      T[9]!.push((this.price - this.#avg) * abs * dir - this.#entryFees);
    }
    const n = T[0]!.length;
    const size = Float64Array.from(T[4]!);
    const entryPrice = Float64Array.from(T[5]!);
    const pnl = Float64Array.from(T[9]!);
    const ret = new Float64Array(n);
    for (let i = 0; i < n; i++) ret[i] = pnl[i]! / (size[i]! * entryPrice[i]!);
    return {
      column: new Uint32Array(n),
      entryIndex: Int32Array.from(T[0]!),
      exitIndex: Int32Array.from(T[1]!),
      direction: Int8Array.from(T[2]!),
      open: Uint8Array.from(T[3]!),
      size,
      entryPrice,
      exitPrice: Float64Array.from(T[6]!),
      entryFees: Float64Array.from(T[7]!),
      exitFees: Float64Array.from(T[8]!),
      pnl,
      return: ret,
    };
  }
}
