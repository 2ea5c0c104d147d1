// Streaming tick -> candle aggregation for many symbols, with a tolerance for late ticks.
import { describe, readObject } from '../core/guard.js';
import { intervalIndex } from '../core/time.js';

/** A candle of one symbol. `time` is the bar start on the interval grid. */
export interface Candle {
  symbol: string;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Σ price·volume / Σ volume; NaN when the bar has no volume. */
  vwap: number;
  /** Ticks merged into the bar. */
  count: number;
}

/** Why a tick was not merged. */
export type TickReject = 'invalid' | 'late';

/** Options of {@link CandleAggregator}. */
export interface CandleAggregatorOptions {
  /** Bar length in ms (> 0). */
  intervalMs: number;
  /** Grid offset: bars start at `offsetMs + k * intervalMs`. Default 0. */
  offsetMs?: number;
  /**
   * How long after a bar's end its late ticks are still merged (default 0). A bar closes
   * once a tick at or after `end + lateMs` arrives for its symbol (or on `flush`); ticks
   * for a closed bar are rejected as `'late'`.
   */
  lateMs?: number;
  /** Called with each closed bar, in time order per symbol. Without it, bars queue for `drain()`. */
  onBar?: (bar: Candle) => void;
  /** Most closed bars kept for `drain()` before the oldest are dropped (counted in `dropped`). Default 100,000. */
  maxQueued?: number;
}

interface Open {
  bucket: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  pv: number;
  n: number;
}

interface SymbolState {
  open: Open[]; // open bars, oldest first
  latest: number; // latest tick time seen
  closed: number; // newest closed bucket
}

/**
 * Builds OHLCV candles from ticks of many symbols as they arrive. With `lateMs = 0` and
 * ticks in order, the closed bars equal {@link resample} of the same ticks exactly.
 * Memory per symbol is bounded by the open bars (at most `lateMs / intervalMs + 2`).
 *
 * @example
 * const agg = new CandleAggregator({ intervalMs: 60_000, lateMs: 2_000, onBar: (b) => store(b) });
 * ws.on('trade', (t) => agg.add(t.symbol, t.ts, t.price, t.size));
 */
export class CandleAggregator {
  readonly intervalMs: number;
  readonly offsetMs: number;
  readonly lateMs: number;
  /** Ticks rejected, by reason. */
  readonly rejected: Record<TickReject, number> = { invalid: 0, late: 0 };
  /** Closed bars dropped from a full queue (only without `onBar`). */
  dropped = 0;
  private readonly onBar: ((bar: Candle) => void) | undefined;
  private readonly maxQueued: number;
  private readonly symbols = new Map<string, SymbolState>();
  private queue: Candle[] = [];
  private head = 0; // queue[head..] are the undrained bars

  constructor(options: CandleAggregatorOptions) {
    const fn = 'hean.CandleAggregator';
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options { intervalMs } required`);
    const o = readObject(options, ['intervalMs', 'offsetMs', 'lateMs', 'onBar', 'maxQueued'], `${fn}: options`);
    const { intervalMs, offsetMs = 0, lateMs = 0, onBar, maxQueued = 100_000 } = o;
    if (typeof intervalMs !== 'number' || !(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError(`${fn}: intervalMs must be a finite number > 0`);
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new RangeError(`${fn}: offsetMs must be a finite number`);
    if (typeof lateMs !== 'number' || !(lateMs >= 0) || !Number.isFinite(lateMs)) throw new RangeError(`${fn}: lateMs must be a finite number >= 0`);
    if (onBar !== undefined && typeof onBar !== 'function') throw new TypeError(`${fn}: onBar must be a function`);
    if (typeof maxQueued !== 'number' || !Number.isInteger(maxQueued) || maxQueued < 1) throw new RangeError(`${fn}: maxQueued must be an integer >= 1`);
    this.intervalMs = intervalMs;
    this.offsetMs = offsetMs;
    this.lateMs = lateMs;
    this.onBar = onBar as ((bar: Candle) => void) | undefined;
    this.maxQueued = maxQueued;
  }

  /** Adds one trade. Returns `'ok'`, or the reason it was rejected. */
  add(symbol: string, ts: number, price: number, volume = 0): 'ok' | TickReject {
    // Garbage of any kind (a non-number, NaN, ±Infinity, a negative volume) is counted, never merged.
    if (typeof ts !== 'number' || typeof price !== 'number' || typeof volume !== 'number' || typeof symbol !== 'string' || !(ts - ts === 0) || !(price - price === 0) || !(volume - volume === 0) || volume < 0) {
      this.rejected.invalid++;
      return 'invalid';
    }
    let st = this.symbols.get(symbol);
    if (!st) {
      st = { open: [], latest: -Infinity, closed: -Infinity };
      this.symbols.set(symbol, st);
    }
    const bucket = intervalIndex(ts, this.intervalMs, this.offsetMs);
    const open = st.open;
    if (bucket <= st.closed) {
      this.rejected.late++;
      return 'late';
    }
    if (ts > st.latest) st.latest = ts;
    // Find or insert the bar (open bars are few and sorted).
    let k = open.length - 1;
    while (k >= 0 && open[k]!.bucket > bucket) k--;
    const pv = price * volume;
    if (k >= 0 && open[k]!.bucket === bucket) {
      const b = open[k]!;
      if (price > b.h) b.h = price;
      if (price < b.l) b.l = price;
      b.c = price;
      b.v += volume;
      b.pv += pv;
      b.n += 1;
    } else {
      open.splice(k + 1, 0, { bucket, o: price, h: price, l: price, c: price, v: volume, pv, n: 1 });
    }
    this.#closeUpTo(symbol, st, st.latest);
    return 'ok';
  }

  /** The newest open (forming) bar of a symbol, or undefined. */
  forming(symbol: string): Candle | undefined {
    if (typeof symbol !== 'string') throw new TypeError(`hean.CandleAggregator.forming: symbol must be a string, got ${describe(symbol)}`);
    const st = this.symbols.get(symbol);
    const b = st?.open[st.open.length - 1];
    return b ? this.#candle(symbol, b) : undefined;
  }

  /**
   * Closes bars whose end + lateMs is at or before `nowMs` for every symbol (all open bars
   * when `nowMs` is omitted, e.g. at shutdown).
   */
  flush(nowMs = Infinity): void {
    if (typeof nowMs !== 'number' || Number.isNaN(nowMs)) throw new TypeError(`hean.CandleAggregator.flush: nowMs must be a number, got ${describe(nowMs)}`);
    for (const [symbol, st] of this.symbols) this.#closeUpTo(symbol, st, nowMs);
  }

  /** Closed bars queued since the last drain (only without `onBar`). */
  drain(): Candle[] {
    const q = this.head === 0 ? this.queue : this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    return q;
  }

  /** Symbols seen so far. */
  get size(): number {
    return this.symbols.size;
  }

  // Closes, oldest first, the bars whose late window ended at or before `now`. The bar
  // holding the newest tick always ends after it, so only flush() closes the forming bar.
  #closeUpTo(symbol: string, st: SymbolState, now: number): void {
    const open = st.open;
    while (open.length > 0) {
      const b = open[0]!;
      if (this.offsetMs + (b.bucket + 1) * this.intervalMs + this.lateMs > now) break;
      open.shift();
      st.closed = b.bucket;
      this.#emit(this.#candle(symbol, b));
    }
  }

  #candle(symbol: string, b: Open): Candle {
    return {
      symbol,
      time: this.offsetMs + b.bucket * this.intervalMs,
      open: b.o,
      high: b.h,
      low: b.l,
      close: b.c,
      volume: b.v,
      vwap: b.v > 0 ? b.pv / b.v : NaN,
      count: b.n,
    };
  }

  #emit(c: Candle): void {
    if (this.onBar) return this.onBar(c);
    if (this.queue.length - this.head >= this.maxQueued) {
      this.head++;
      this.dropped++;
      // Compact now and then so dropped bars don't pin memory.
      if (this.head >= this.maxQueued) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    this.queue.push(c);
  }
}
