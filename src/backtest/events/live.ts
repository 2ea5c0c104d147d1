// Live trading with the strategy object of a backtest: market data from your feed goes to
// the strategy; its orders go through the RiskEngine to a Venue adapter (your exchange
// connector); the adapter's fills go back to the engine and the strategy. Only the venue
// and the feed differ from runEvents.
import { describe, readObject, reading } from '../../core/guard.js';
import { OrderBook } from '../../trading/book.js';
import { RiskEngine } from '../../trading/risk.js';
import { isEngine } from './run.js';
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
    if (strategy === null || typeof strategy !== 'object' || typeof readObject(strategy, ['onBar'], `${fn}: strategy`).onBar !== 'function')
      throw new TypeError(`${fn}: strategy must be an object with an onBar(bar, ctx) method, got ${describe(strategy)}`);
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object { engine, instrument, venue }, got ${describe(options)}`);
    const o = readObject(options, ['engine', 'instrument', 'venue', 'initCash', 'tag', 'firstClientId'] as const, `${fn}: options`);
    if (!isEngine(fn, o.engine)) throw new TypeError(`${fn}: option 'engine' must be a RiskEngine, got ${describe(o.engine)}`);
    const v = o.venue;
    const m = v !== null && typeof v === 'object' ? readObject(v, ['connect', 'send', 'cancel'] as const, `${fn}: venue`) : {};
    const { connect, send, cancel } = m as { connect?: unknown; send?: unknown; cancel?: unknown };
    if (typeof connect !== 'function' || typeof send !== 'function' || typeof cancel !== 'function')
      throw new TypeError(`${fn}: option 'venue' must implement Venue { connect, send, cancel }, got ${describe(v)}`);
    // The adapter's methods, read once (a getter of yours is not run again on every order).
    const venue: Venue = {
      connect: (l) => connect.call(v, l),
      send: (order) => send.call(v, order),
      cancel: (id, time) => cancel.call(v, id, time),
    };
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
    this.trader = new Trader({ engine, instrument: id, venue, strategy, initCash, tag: o.tag as string | undefined, firstClientId: first });
  }

  #start(): void {
    this.#started = true;
    if (this.#strategy.onStart) this.#strategy.onStart(this.trader);
  }

  /** A closed bar: the engine is marked at its close, then `onBar` runs. */
  bar(bar: LiveBar): void {
    const fn = 'hean.LiveSession.bar';
    if (bar === null || typeof bar !== 'object') throw new TypeError(`${fn}: bar must be an object { time, open, high, low, close, volume? }, got ${describe(bar)}`);
    const r = readObject(bar, ['time', 'open', 'high', 'low', 'close', 'volume'] as const, `${fn}: bar`);
    for (const k of ['time', 'open', 'high', 'low', 'close'] as const) if (typeof r[k] !== 'number') throw new TypeError(`${fn}: bar.${k} must be a number, got ${describe(r[k])}`);
    if (r.volume !== undefined && typeof r.volume !== 'number') throw new TypeError(`${fn}: bar.volume must be a number when given, got ${describe(r.volume)}`);
    if (!Number.isFinite(r.time)) throw new RangeError(`${fn}: bar.time must be finite, got ${String(r.time)}`);
    if (!this.#started) this.#start();
    const tr = this.trader;
    const b = this.#bar;
    b.index = ++tr.index;
    b.time = tr.time = r.time as number;
    b.open = r.open as number;
    b.high = r.high as number;
    b.low = r.low as number;
    b.close = r.close as number;
    b.volume = (r.volume as number | undefined) ?? NaN;
    if (b.close - b.close === 0) tr.observe(b.close, b.time);
    this.#strategy.onBar(b, tr);
  }

  /** A trade print: the engine is marked, then `onTick` runs. */
  tick(price: number, qty: number, time: number): void {
    if (typeof price !== 'number' || typeof qty !== 'number' || typeof time !== 'number') throw new TypeError('hean.LiveSession.tick: price, qty and time must be numbers');
    if (!(price > 0 && price < Infinity) || !Number.isFinite(time)) throw new RangeError(`hean.LiveSession.tick: price must be finite and > 0 and time finite, got ${price}, ${time}`);
    if (!this.#started) this.#start();
    const tr = this.trader;
    tr.observe(price, time);
    if (this.#strategy.onTick) this.#strategy.onTick(price, qty, time, tr);
  }

  /** A book update: the engine is marked at the mid, then `onBook` runs. */
  book(book: OrderBook, time: number): void {
    if (!reading('hean.LiveSession.book: book', () => book instanceof OrderBook)) throw new TypeError(`hean.LiveSession.book: book must be an OrderBook, got ${describe(book)}`);
    if (typeof time !== 'number' || !Number.isFinite(time)) throw new TypeError(`hean.LiveSession.book: time must be a finite number, got ${describe(time)}`);
    if (!this.#started) this.#start();
    const tr = this.trader;
    tr.time = time;
    const mid = book.mid();
    if (mid - mid === 0) tr.observe(mid, time);
    if (this.#strategy.onBook) this.#strategy.onBook(book, time, tr);
  }
}
