// The contracts of the event-driven engine: what a strategy implements, what it may call,
// and what a venue (simulated or live) must do. A strategy written against these runs in a
// backtest (SimVenue) and live (an adapter implementing Venue) without a change.
import type { OrderBook } from '../../trading/book.js';
import type { RiskEngine } from '../../trading/risk.js';

/**
 * One bar as a strategy sees it. The engine reuses one object for every bar (no allocation
 * per bar): copy the fields you want to keep.
 */
export interface Bar {
  /** Bar number, from 0. */
  index: number;
  /** Timestamp, ms since the epoch (the clock handed to the RiskEngine). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Order kinds a venue takes: market, limit, and stop (stop-market: a market order once the price trades through `price`). */
export type EventOrderType = 'market' | 'limit' | 'stop';

/**
 * An order sent to a venue after the RiskEngine accepted it. The sender reuses one object
 * for every order: a venue copies what it keeps.
 */
export interface VenueOrder {
  clientId: number;
  side: 'buy' | 'sell';
  type: EventOrderType;
  qty: number;
  /** Limit price (limit), trigger price (stop), NaN (market). */
  price: number;
  reduceOnly: boolean;
  /** Time it was sent (ms). */
  time: number;
}

/**
 * What a venue reports back (implemented by {@link Trader}). A venue calls these as events
 * happen: synchronously in a backtest, from its own callbacks live.
 */
export interface VenueListener {
  /** An execution of `qty` (> 0) of an order at `price` (on the tick), with its fee in quote currency (negative for a rebate). */
  fill(clientId: number, qty: number, price: number, fee: number, time: number, maker: boolean): void;
  /** The venue cancelled (the rest of) an order. */
  cancelled(clientId: number, time: number): void;
  /** The venue refused an order the RiskEngine had accepted; `reason` is the venue's text. */
  rejected(clientId: number, time: number, reason: string): void;
}

/**
 * A place orders go: the simulated venue of a backtest ({@link SimVenue}) or an adapter to
 * an exchange. `send` and `cancel` return at once; outcomes come back through the listener
 * given to `connect`.
 */
export interface Venue {
  /** Called once by the {@link Trader} before any order. */
  connect(listener: VenueListener): void;
  /** Sends an accepted order (the object is reused by the caller: copy it). */
  send(order: VenueOrder): void;
  /** Requests a cancel; the venue answers with `cancelled`, or not at all if the order already filled. */
  cancel(clientId: number, time: number): void;
}

/** A fill as a strategy sees it (one object, reused for every fill). */
export interface FillEvent {
  clientId: number;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
  /** True when the order rested on the book (maker fee). */
  maker: boolean;
  time: number;
  /** Bar index of the fill: in a backtest the bar it filled in; live the last bar the session saw (-1 before the first). */
  index: number;
}

/** A refused order as a strategy sees it (one object, reused). */
export interface RejectEvent {
  clientId: number;
  /** Numeric reason (`ReasonCode`); for a venue reject, `ReasonCode.InvalidInput` is never used: see `stage`. */
  code: number;
  /** Reason code name (the RiskEngine's), or `'VenueReject'` when the venue refused it. */
  reason: string;
  /** `'risk'`: the RiskEngine refused it before sending; `'venue'`: the venue refused it. */
  stage: 'risk' | 'venue';
  time: number;
}

/** Optional settings of one order sent through the context. */
export interface EventOrderOptions {
  /** Only shrink the position (checked by the RiskEngine, enforced again at the fill). */
  reduceOnly?: boolean;
}

/**
 * What a strategy may call. Order methods return the RiskEngine's numeric reason code
 * (0 = accepted, compare with `ReasonCode.X`); the id of the last order is `lastClientId`.
 */
export interface StrategyContext {
  /** The RiskEngine every order passes through (read positions, PnL, stats from it). */
  readonly engine: RiskEngine;
  /** The instrument id traded. */
  readonly instrument: number;
  /** Signed position from the fills reported to the engine (long > 0); equals the engine's position. */
  readonly position: number;
  /** Cash: initial cash minus buys, plus sells, minus fees. */
  readonly cash: number;
  /** The last price seen (bar close, tick, or book mid). */
  readonly price: number;
  /** cash + position × price. */
  readonly equity: number;
  /** Current clock (ms). */
  readonly time: number;
  /** Current bar index (-1 before the first bar). */
  readonly index: number;
  /** Client id of the last order sent (accepted or not). */
  readonly lastClientId: number;
  /** Orders accepted and not yet filled or cancelled. */
  readonly openOrders: number;
  /** Market buy. */
  buy(qty: number, options?: EventOrderOptions): number;
  /** Market sell. */
  sell(qty: number, options?: EventOrderOptions): number;
  /** Limit buy at `price`. */
  buyLimit(qty: number, price: number, options?: EventOrderOptions): number;
  /** Limit sell at `price`. */
  sellLimit(qty: number, price: number, options?: EventOrderOptions): number;
  /** Stop buy: a market buy once the price trades at or above `stop`. */
  buyStop(qty: number, stop: number, options?: EventOrderOptions): number;
  /** Stop sell: a market sell once the price trades at or below `stop`. */
  sellStop(qty: number, stop: number, options?: EventOrderOptions): number;
  /** Any order; `price` is the limit or the stop (ignored for market). */
  order(side: 'buy' | 'sell', type: EventOrderType, qty: number, price?: number, options?: EventOrderOptions): number;
  /** Sends the market order that brings the position to `target` (nothing when it is there); returns its code (0 when none needed). */
  targetPosition(target: number): number;
  /** Requests a cancel of an open order; false when it is not open. */
  cancel(clientId: number): boolean;
  /** Requests a cancel of every open order. */
  cancelAll(): void;
}

/**
 * An event-driven strategy. Only `onBar` is required; the engine calls the others when
 * such events exist. The same object runs in {@link runEvents} (backtest) and
 * {@link runLive} (any {@link Venue}).
 */
export interface Strategy {
  /** Called once before the first event. */
  onStart?(ctx: StrategyContext): void;
  /** A bar closed (after the venue matched it and the engine was marked at its close). */
  onBar(bar: Bar, ctx: StrategyContext): void;
  /** A trade print (price, size) at `time`. */
  onTick?(price: number, qty: number, time: number, ctx: StrategyContext): void;
  /** The L2 book changed. */
  onBook?(book: OrderBook, time: number, ctx: StrategyContext): void;
  /** One of our orders filled (fully or in part). */
  onFill?(fill: FillEvent, ctx: StrategyContext): void;
  /** One of our orders was refused by the RiskEngine or the venue. */
  onReject?(reject: RejectEvent, ctx: StrategyContext): void;
}
