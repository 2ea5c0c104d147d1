// The event-driven backtest: a strategy, the real RiskEngine and a SimVenue, driven bar by
// bar (or by trade prints and book updates). One Bar object, one Trader and the venue's
// typed arrays are reused throughout: nothing is allocated per bar.
import { describe, f64Length, readObject, reading } from '../../core/guard.js';
import { toSeries } from '../../core/indicator.js';
import { OrderBook } from '../../trading/book.js';
import { REASON_CODES, type ReasonCode } from '../../trading/codes.js';
import { RiskEngine, type InstrumentLimits, type InstrumentRules, type PositionInfo } from '../../trading/risk.js';
import type { Series } from '../../core/indicator.js';
import type { Trades } from '../index.js';
import { SimVenue } from './sim-venue.js';
import { Trader, type FillColumns } from './trader.js';
import type { Bar, Strategy } from './types.js';

/** Bars for {@link runEvents}: equal-length columns. Only `close` is required. */
export interface EventBars {
  close: Series;
  /** Defaults to the close (then a bar is one price). */
  open?: Series;
  /** Defaults to max(open, close). */
  high?: Series;
  /** Defaults to min(open, close). */
  low?: Series;
  volume?: Series;
  /** Bar timestamps, ms (the RiskEngine's clock). Default `startTime + i × barMs`. */
  time?: Series;
}

/** Settings of an event-driven backtest. */
export interface EventOptions {
  /** The RiskEngine to trade through (default: a new one with no account limits). */
  engine?: RiskEngine;
  /**
   * The instrument: an id or key on `engine`, or rules to register on it. Default
   * `{ symbol: 'SIM', tickSize: '0.01', qtyStep: '0.001' }`.
   */
  instrument?: number | string | InstrumentRules;
  /** Limits of an instrument registered from rules. */
  limits?: InstrumentLimits;
  /** Starting cash of the ledger. Default 10,000. */
  initCash?: number;
  /** Maker fee, fraction of traded value (negative: rebate, > -1). Default 0. */
  makerFee?: number;
  /** Taker fee, fraction of traded value (> -1). Default 0. */
  takerFee?: number;
  /** Bars between sending an order or cancel and the venue acting on it (integer ≥ 0). Default 0. */
  latencyBars?: number;
  /** Milliseconds between sending and the venue acting on it, for ticks and books (≥ 0). Default 0. */
  latencyMs?: number;
  /** Strategy tag of the orders in the engine. */
  tag?: string;
  /** First client order id. Default 1. */
  firstClientId?: number;
  /**
   * When the engine is marked: `'bar'` at every bar close (and print, and book mid);
   * `'order'` right before each order check and at the end. Default: `'bar'` with your own
   * `engine` (its limits may need every mark, e.g. a daily loss limit), `'order'` when the
   * backtest makes the engine (no account limits, so nothing between orders reads the mark).
   */
  mark?: 'bar' | 'order';
  /** Record equity per bar (default true). */
  equity?: boolean;
  /** Clock of bar 0 when `time` is not given (ms). Default 2020-01-01. */
  startTime?: number;
  /** Bar length when `time` is not given (ms). Default 60,000. */
  barMs?: number;
}

/** Result of an event-driven backtest. */
export interface EventResult {
  /** Bars processed. */
  readonly bars: number;
  /** Round-trip trades, in the vectorised backtest's layout (`column` all 0). */
  readonly trades: Trades;
  readonly fills: FillColumns;
  /** cash + position × close after each bar (when `equity` is on). */
  readonly equity?: Float64Array;
  /** initCash + the engine's realised PnL (net of fees) + unrealised PnL at the last mark. */
  readonly finalValue: number;
  /** The ledger's cash + position × last price (equals finalValue up to rounding of the mark). */
  readonly ledgerValue: number;
  /** The engine's account position on the instrument. */
  readonly position: PositionInfo;
  /** Orders the engine accepted. */
  readonly accepted: number;
  /** Refused orders by reason (`VenueReject` for the venue's refusals). */
  readonly rejections: Partial<Record<ReasonCode | 'VenueReject', number>>;
  /** The engine (strategy stats, daily PnL, snapshot…). */
  readonly engine: RiskEngine;
}

const OPTION_KEYS = ['mark', 'engine', 'instrument', 'limits', 'initCash', 'makerFee', 'takerFee', 'latencyBars', 'latencyMs', 'tag', 'firstClientId', 'equity', 'startTime', 'barMs'] as const;
const DEFAULT_RULES: InstrumentRules = { symbol: 'SIM', tickSize: '0.01', qtyStep: '0.001' };

function number(o: Record<string, unknown>, key: string, fn: string, def: number, ok: (x: number) => boolean, allowed: string): number {
  const v = o[key];
  if (v === undefined) return def;
  if (typeof v !== 'number') throw new TypeError(`${fn}: option '${key}' must be a number (${allowed}), got ${describe(v)}`);
  if (!ok(v)) throw new RangeError(`${fn}: option '${key}' must be ${allowed}, got ${v}`);
  return v;
}

function checkStrategy(fn: string, s: unknown): Strategy {
  if (s === null || typeof s !== 'object') throw new TypeError(`${fn}: strategy must be an object with an onBar(bar, ctx) method, got ${describe(s)}`);
  const r = readObject(s, ['onStart', 'onBar', 'onTick', 'onBook', 'onFill', 'onReject'] as const, `${fn}: strategy`);
  if (typeof r.onBar !== 'function') throw new TypeError(`${fn}: strategy.onBar must be a function, got ${describe(r.onBar)}`);
  for (const k of ['onStart', 'onTick', 'onBook', 'onFill', 'onReject'] as const)
    if (r[k] !== undefined && typeof r[k] !== 'function') throw new TypeError(`${fn}: strategy.${k} must be a function when given, got ${describe(r[k])}`);
  return s as Strategy;
}

/** @internal `x instanceof RiskEngine`, with a throwing proxy trap reported as hean's TypeError. */
export function isEngine(fn: string, x: unknown): boolean {
  return reading(`${fn}: option 'engine'`, () => x instanceof RiskEngine);
}

/** @internal Key of EventBacktest's equity column setter (not part of the API). */
const SET_EQUITY: unique symbol = Symbol('hean.events.equity');

/** @internal Reads options; registers the instrument only once everything else is valid. */
export function setup(fn: string, options: unknown) {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  const o = readObject(options, OPTION_KEYS, `${fn}: options`) as Record<string, unknown>;
  const fee = (x: number) => Number.isFinite(x) && x > -1 && x < 1;
  const initCash = number(o, 'initCash', fn, 10_000, (x) => Number.isFinite(x) && x > 0, 'a finite number > 0');
  const makerFee = number(o, 'makerFee', fn, 0, fee, 'a fraction in (-1, 1)');
  const takerFee = number(o, 'takerFee', fn, 0, fee, 'a fraction in (-1, 1)');
  const latencyBars = number(o, 'latencyBars', fn, 0, (x) => Number.isInteger(x) && x >= 0 && x <= 1e6, 'an integer in [0, 1e6]');
  const latencyMs = number(o, 'latencyMs', fn, 0, (x) => Number.isFinite(x) && x >= 0, 'a finite number >= 0');
  const firstClientId = number(o, 'firstClientId', fn, 1, (x) => Number.isSafeInteger(x) && x >= 0, 'a safe integer >= 0');
  const startTime = number(o, 'startTime', fn, Date.UTC(2020, 0, 1), Number.isFinite, 'a finite number of ms');
  const barMs = number(o, 'barMs', fn, 60_000, (x) => Number.isFinite(x) && x > 0, 'a finite number > 0');
  if (o.mark !== undefined && o.mark !== 'bar' && o.mark !== 'order') throw new (typeof o.mark === 'string' ? RangeError : TypeError)(`${fn}: option 'mark' must be 'bar' or 'order', got ${describe(o.mark)}`);
  if (o.tag !== undefined && typeof o.tag !== 'string') throw new TypeError(`${fn}: option 'tag' must be a string, got ${describe(o.tag)}`);
  if (o.equity !== undefined && typeof o.equity !== 'boolean') throw new TypeError(`${fn}: option 'equity' must be a boolean, got ${describe(o.equity)}`);
  if (o.engine !== undefined && !isEngine(fn, o.engine)) throw new TypeError(`${fn}: option 'engine' must be a RiskEngine, got ${describe(o.engine)}`);
  const inst = o.instrument;
  if (inst !== undefined && typeof inst !== 'number' && typeof inst !== 'string' && (inst === null || typeof inst !== 'object'))
    throw new TypeError(`${fn}: option 'instrument' must be an id, a key or instrument rules, got ${describe(inst)}`);
  if (o.limits !== undefined && (typeof inst === 'number' || typeof inst === 'string')) throw new RangeError(`${fn}: option 'limits' applies to an instrument registered from rules`);
  const engine = (o.engine as RiskEngine | undefined) ?? new RiskEngine();
  let instrument: number;
  if (typeof inst === 'number' || typeof inst === 'string') {
    const id = typeof inst === 'string' ? engine.instrumentId(inst) : inst;
    if (id === undefined || !Number.isInteger(id) || id < 0 || id >= engine.instrumentCount) throw new RangeError(`${fn}: option 'instrument': no instrument ${describe(inst)} on the engine`);
    instrument = id;
  } else {
    instrument = engine.addInstrument((inst as InstrumentRules | undefined) ?? DEFAULT_RULES, o.limits as InstrumentLimits | undefined);
  }
  return { engine, instrument, initCash, makerFee, takerFee, latencyBars, latencyMs, firstClientId, startTime, barMs, tag: o.tag as string | undefined, equity: o.equity !== false, mark: (o.mark ?? (o.engine ? 'bar' : 'order')) as 'bar' | 'order' };
}

/**
 * A step-by-step event-driven backtest: feed it bars, trade prints and book updates in
 * time order; orders go through the RiskEngine to a {@link SimVenue}. {@link runEvents} is
 * this over bar columns.
 */
export class EventBacktest {
  /** The strategy's context (ledger, order methods). */
  readonly trader: Trader;
  readonly venue: SimVenue;
  readonly engine: RiskEngine;
  readonly instrument: number;
  readonly #strategy: Strategy;
  readonly #bar: Bar = { index: -1, time: 0, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
  #bars = 0;
  #started = false;
  #equity: Float64Array | undefined;

  /**
   * @throws TypeError for a strategy without `onBar` or options of the wrong type;
   *   RangeError for out-of-range options (fees, latency, cash, instrument).
   */
  constructor(strategy: Strategy, options?: EventOptions) {
    const fn = 'hean.EventBacktest';
    this.#strategy = checkStrategy(fn, strategy);
    const s = setup(fn, options);
    this.settings = s;
    this.engine = s.engine;
    this.instrument = s.instrument;
    this.venue = new SimVenue({ engine: s.engine, instrument: s.instrument, makerFee: s.makerFee, takerFee: s.takerFee, latencyBars: s.latencyBars, latencyMs: s.latencyMs });
    this.trader = new Trader({ engine: s.engine, instrument: s.instrument, venue: this.venue, strategy, initCash: s.initCash, tag: s.tag, firstClientId: s.firstClientId, mark: s.mark === 'bar' ? 'event' : 'order' });
  }

  /** @internal The checked options. */
  readonly settings: ReturnType<typeof setup>;

  /** @internal Equity column written by bar() (runEvents sizes it). */
  [SET_EQUITY](a: Float64Array | undefined): void {
    this.#equity = a;
  }

  #start(): void {
    this.#started = true;
    if (this.#strategy.onStart) this.#strategy.onStart(this.trader);
  }

  /**
   * One bar: the venue matches live orders along the bar's path, the engine is marked at
   * the close, the strategy's `onBar` runs, then orders it sent with no latency meet the
   * close. A bar with a non-finite price is a gap: nothing fills or is marked.
   */
  bar(open: number, high: number, low: number, close: number, volume: number, time: number): void {
    this.barClose(open, high, low, close, volume, time);
    this.barEnd();
  }

  /**
   * The first half of {@link EventBacktest.bar}: matching, the mark and `onBar`. Orders
   * sent before {@link EventBacktest.barEnd} are sent at this bar's close.
   */
  barClose(open: number, high: number, low: number, close: number, volume: number, time: number): void {
    if (typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || typeof time !== 'number')
      throw new TypeError('hean.EventBacktest.bar: open, high, low, close, volume and time must be numbers (NaN for a gap or no volume)');
    if (!Number.isFinite(time)) throw new RangeError(`hean.EventBacktest.bar: time must be finite, got ${time}`);
    const px = this.venue.px;
    px[0] = open;
    px[1] = high;
    px[2] = low;
    px[3] = close;
    px[4] = time;
    px[5] = volume;
    this.barClosePx();
  }

  /** @internal {@link EventBacktest.barClose} with the bar written into `venue.px` (open, high, low, close, time, volume). */
  barClosePx(): void {
    if (!this.#started) this.#start();
    const px = this.venue.px;
    const i = this.#bars++;
    const tr = this.trader;
    const b = this.#bar;
    b.index = tr.index = i;
    b.time = tr.time = px[4]!;
    b.open = px[0]!;
    b.high = px[1]!;
    b.low = px[2]!;
    b.close = px[3]!;
    b.volume = px[5]!;
    if (!(b.open - b.open === 0 && b.high - b.high === 0 && b.low - b.low === 0 && b.close - b.close === 0)) {
      px[3] = NaN; // the venue's copy: a gap fills nothing, at the close either
      this.venue.skipBar(i);
    } else {
      this.venue.matchBarPx(i);
      tr.price = b.close;
      tr.markNow();
    }
    this.#strategy.onBar(b, tr);
  }

  /** The second half of {@link EventBacktest.bar}: orders sent at the close meet it; equity is recorded. */
  barEnd(): void {
    const tr = this.trader;
    this.venue.px[4] = tr.time;
    this.venue.closeBarPx();
    const eq = this.#equity;
    if (eq !== undefined) eq[tr.index] = tr.position === 0 ? tr.cash : tr.cash + tr.position * tr.price;
  }

  /** A trade print: live orders match against `price`, then `onTick` runs. */
  tick(price: number, qty: number, time: number): void {
    if (!this.#started) this.#start();
    if (typeof price !== 'number' || typeof qty !== 'number' || typeof time !== 'number') throw new TypeError('hean.EventBacktest.tick: price, qty and time must be numbers');
    if (!(price > 0 && price < Infinity) || !Number.isFinite(time)) throw new RangeError(`hean.EventBacktest.tick: price must be finite and > 0 and time finite, got ${price}, ${time}`);
    const tr = this.trader;
    tr.time = time;
    this.venue.matchTick(price, time);
    tr.observe(price, time);
    if (this.#strategy.onTick) this.#strategy.onTick(price, qty, time, tr);
  }

  /** A book update (apply it to `book` first): live orders match against the book, then `onBook` runs. */
  book(book: OrderBook, time: number): void {
    if (!reading('hean.EventBacktest.book: book', () => book instanceof OrderBook)) throw new TypeError(`hean.EventBacktest.book: book must be an OrderBook, got ${describe(book)}`);
    if (!this.#started) this.#start();
    if (typeof time !== 'number' || !Number.isFinite(time)) throw new TypeError(`hean.EventBacktest.book: time must be a finite number, got ${describe(time)}`);
    const tr = this.trader;
    tr.time = time;
    this.venue.matchBook(book, time);
    const mid = book.mid();
    if (mid - mid === 0) {
      tr.observe(mid, time);
    }
    if (this.#strategy.onBook) this.#strategy.onBook(book, time, tr);
  }

  /** Trades, fills, values and rejections so far. */
  result(): EventResult {
    const tr = this.trader;
    tr.syncMark();
    const pos = this.engine.positions().find((p) => p.instrument === this.instrument)!;
    const rejections: Partial<Record<ReasonCode | 'VenueReject', number>> = {};
    tr.rejections.forEach((c, i) => {
      if (c) rejections[i < REASON_CODES.length ? REASON_CODES[i]! : 'VenueReject'] = c;
    });
    return {
      bars: this.#bars,
      trades: tr.trades(),
      fills: tr.fills(),
      ...(this.#equity ? { equity: this.#equity } : {}),
      finalValue: tr.initCash + pos.realized + pos.unrealized,
      ledgerValue: tr.equity,
      position: pos,
      accepted: tr.accepted,
      rejections,
      engine: this.engine,
    };
  }
}

/**
 * @internal The columns of `bars`, checked: close required, every other column of close's
 * length; open defaults to close, the others stay undefined when absent.
 */
export function readBars(fn: string, bars: EventBars) {
  if (bars === null || typeof bars !== 'object') throw new TypeError(`${fn}: bars must be an object { close, open?, high?, low?, volume?, time? }, got ${describe(bars)}`);
  const b = readObject(bars, ['open', 'high', 'low', 'close', 'volume', 'time'] as const, `${fn}: bars`);
  if (b.close === undefined) throw new TypeError(`${fn}: bars.close is required (a Float64Array or an array of numbers)`);
  const close = toSeries(b.close, `${fn}: close`);
  const n = f64Length(close);
  const col = (k: 'open' | 'high' | 'low' | 'volume' | 'time') => {
    if (b[k] === undefined) return undefined;
    const a = toSeries(b[k], `${fn}: ${k}`);
    if (f64Length(a) !== n) throw new RangeError(`${fn}: ${k} has length ${f64Length(a)}, expected ${n} (the length of close)`);
    return a;
  };
  return { close, n, open: col('open') ?? close, high: col('high'), low: col('low'), volume: col('volume'), time: col('time') };
}

/**
 * Runs `strategy` over bar columns through the RiskEngine and a simulated venue (see
 * docs/backtest.md, "Event-driven backtests", for the order of events in a bar and the fill
 * rules).
 *
 * @example
 * ```ts
 * const fast = new Sma(10), slow = new Sma(30);
 * const r = runEvents({
 *   onBar(bar, ctx) {
 *     const f = fast.update(bar.close), s = slow.update(bar.close);
 *     if (f > s && ctx.position <= 0) ctx.targetPosition(1);
 *     else if (f < s && ctx.position > 0) ctx.targetPosition(0);
 *   },
 * }, { open, high, low, close }, { takerFee: 0.001 });
 * ```
 * @throws TypeError for wrong types; RangeError for columns of different lengths, bad
 *   options. Nothing is registered on a given engine when it throws.
 */
export function runEvents(strategy: Strategy, bars: EventBars, options?: EventOptions): EventResult {
  const fn = 'hean.runEvents';
  checkStrategy(fn, strategy);
  const { close, n, open, high, low, volume, time } = readBars(fn, bars);
  const bt = new EventBacktest(strategy, options);
  const equity = bt.settings.equity ? new Float64Array(n) : undefined;
  bt[SET_EQUITY](equity);
  const t0 = bt.settings.startTime;
  const dt = bt.settings.barMs;
  // Bars go to the engine through venue.px: no number crosses a call boundary (no boxing).
  const px = bt.venue.px;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    const o = open[i]!;
    px[0] = o;
    px[1] = high !== undefined ? high[i]! : o > c ? o : c;
    px[2] = low !== undefined ? low[i]! : o < c ? o : c;
    px[3] = c;
    px[4] = time !== undefined ? time[i]! : t0 + i * dt;
    px[5] = volume !== undefined ? volume[i]! : NaN;
    bt.barClosePx();
    bt.barEnd();
  }
  return bt.result();
}
