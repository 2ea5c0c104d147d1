// Live trading with the strategy object of a backtest: market data from your feed goes to
// the strategy; its orders go through the RiskEngine to a Venue adapter (your exchange
// connector); the adapter's fills go back to the engine and the strategy. Only the venue
// and the feed differ from runEvents.
import { describe, readObject } from '../../core/guard.js';
import type { OrderBook } from '../../trading/book.js';
import { RiskEngine } from '../../trading/risk.js';
import { Trader } from './trader.js';
import type { Bar, Strategy, Venue } from './types.js';

/** Settings of a {@link LiveSession}. */
export interface LiveOptions {
  /** The RiskEngine every order passes through (configured with the instrument and limits). */
  engine: RiskEngine;
  /** Instrument id or key on the engine. */
  instrument: number | string;
  /** The adapter to the exchange. */
  venue: Venue;
  /** Starting cash of the ledger. Default 10,000. */
  initCash?: number;
  /** Strategy tag of the orders in the engine. */
  tag?: string;
  /** First client order id (keep ids unique across restarts: the engine refuses recent ones). Default 1. */
  firstClientId?: number;
}

/** A bar from a live feed (`index` is assigned by the session). */
export type LiveBar = Omit<Bar, 'index' | 'volume'> & { volume?: number };

/**
 * Runs a strategy live: call `bar` / `tick` / `book` as your feed delivers data (in time
 * order); orders go through the RiskEngine to the venue; fills come back whenever the
 * venue reports them (between feed events, from its own callbacks).
 */
export class LiveSession {
  /** The strategy's context. */
  readonly trader: Trader;
  readonly #strategy: Strategy;
  readonly #bar: Bar = { index: -1, time: 0, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
  #started = false;

  /** @throws TypeError for a strategy without onBar, a missing engine/venue; RangeError for an unknown instrument. */
  constructor(strategy: Strategy, options: LiveOptions) {
    const fn = 'hean.LiveSession';
    if (strategy === null || typeof strategy !== 'object' || typeof strategy.onBar !== 'function') throw new TypeError(`${fn}: strategy must be an object with an onBar(bar, ctx) method, got ${describe(strategy)}`);
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { engine, instrument, venue }, got ${describe(options)}`);
    const o = readObject(options, ['engine', 'instrument', 'venue', 'initCash', 'tag', 'firstClientId'] as const, `${fn}: options`);
    if (!(o.engine instanceof RiskEngine)) throw new TypeError(`${fn}: option 'engine' must be a RiskEngine, got ${describe(o.engine)}`);
    const v = o.venue as Venue | undefined;
    if (v === null || typeof v !== 'object' || typeof v.send !== 'function' || typeof v.cancel !== 'function' || typeof v.connect !== 'function')
      throw new TypeError(`${fn}: option 'venue' must implement Venue { connect, send, cancel }, got ${describe(v)}`);
    const engine = o.engine as RiskEngine;
    const inst = o.instrument;
    const id = typeof inst === 'string' ? engine.instrumentId(inst) : inst;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= engine.instrumentCount) throw new RangeError(`${fn}: option 'instrument': no instrument ${describe(inst)} on the engine`);
    const initCash = o.initCash ?? 10_000;
    if (typeof initCash !== 'number' || !(initCash > 0 && initCash < Infinity)) throw new RangeError(`${fn}: option 'initCash' must be a finite number > 0, got ${describe(initCash)}`);
    if (o.tag !== undefined && typeof o.tag !== 'string') throw new TypeError(`${fn}: option 'tag' must be a string`);
    const first = o.firstClientId ?? 1;
    if (typeof first !== 'number' || !Number.isSafeInteger(first) || first < 0) throw new RangeError(`${fn}: option 'firstClientId' must be a safe integer >= 0`);
    this.#strategy = strategy;
    this.trader = new Trader({ engine, instrument: id, venue: v, strategy, initCash, tag: o.tag as string | undefined, firstClientId: first });
  }

  #start(): void {
    this.#started = true;
    if (this.#strategy.onStart) this.#strategy.onStart(this.trader);
  }

  /** A closed bar: the engine is marked at its close, then `onBar` runs. */
  bar(bar: LiveBar): void {
    if (!this.#started) this.#start();
    if (bar === null || typeof bar !== 'object') throw new TypeError(`hean.LiveSession.bar: bar must be an object { time, open, high, low, close, volume? }, got ${describe(bar)}`);
    const tr = this.trader;
    const b = this.#bar;
    b.index = ++tr.index;
    b.time = tr.time = bar.time;
    b.open = bar.open;
    b.high = bar.high;
    b.low = bar.low;
    b.close = bar.close;
    b.volume = bar.volume ?? NaN;
    if (b.close - b.close === 0) tr.observe(b.close, b.time);
    this.#strategy.onBar(b, tr);
  }

  /** A trade print: the engine is marked, then `onTick` runs. */
  tick(price: number, qty: number, time: number): void {
    if (!this.#started) this.#start();
    const tr = this.trader;
    tr.observe(price, time);
    if (this.#strategy.onTick) this.#strategy.onTick(price, qty, time, tr);
  }

  /** A book update: the engine is marked at the mid, then `onBook` runs. */
  book(book: OrderBook, time: number): void {
    if (!this.#started) this.#start();
    const tr = this.trader;
    tr.time = time;
    const mid = book.mid();
    if (mid - mid === 0) tr.observe(mid, time);
    if (this.#strategy.onBook) this.#strategy.onBook(book, time, tr);
  }
}
