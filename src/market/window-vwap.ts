// Rolling time-window VWAP per symbol (e.g. the last 5 minutes of trades).
import { describe, readObject } from '../core/guard.js';

interface Win {
  ts: Float64Array; // ring of tick times
  pv: Float64Array; // price * volume
  v: Float64Array;
  head: number; // oldest
  size: number;
  sumPv: number;
  sumV: number;
  evicted: number; // since the last exact re-sum
  latest: number;
}

/** Options of {@link WindowVwap}. */
export interface WindowVwapOptions {
  /** Window length in ms (> 0): a tick at time t counts while t > now - windowMs. */
  windowMs: number;
  /** Most ticks kept per symbol (default 1,000,000); past it the oldest leave early. */
  maxTicks?: number;
}

/**
 * VWAP of each symbol's trades in a sliding time window, O(1) amortised per tick with
 * bounded memory. Running sums are recomputed exactly from the window whenever as many
 * ticks have left it as it holds, so rounding never accumulates.
 *
 * @example
 * const vw = new WindowVwap({ windowMs: 5 * 60_000 });
 * const v = vw.add('BTCUSDT', ts, price, size); // the 5-minute VWAP including this trade
 */
export class WindowVwap {
  readonly windowMs: number;
  readonly maxTicks: number;
  /** Ticks ignored: non-finite, negative volume, or older than the symbol's newest tick. */
  rejected = 0;
  private readonly wins = new Map<string, Win>();

  constructor(options: WindowVwapOptions) {
    const fn = 'hean.WindowVwap';
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options { windowMs } required`);
    const { windowMs, maxTicks = 1_000_000 } = readObject(options, ['windowMs', 'maxTicks'], `${fn}: options`);
    if (typeof windowMs !== 'number' || !(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError(`${fn}: windowMs must be a finite number > 0`);
    if (typeof maxTicks !== 'number' || !Number.isInteger(maxTicks) || maxTicks < 1 || maxTicks > 1e8) throw new RangeError(`${fn}: maxTicks must be an integer in [1, 1e8]`);
    this.windowMs = windowMs;
    this.maxTicks = maxTicks;
  }

  /** Adds a trade; returns the symbol's VWAP over (ts - windowMs, ts]. */
  add(symbol: string, ts: number, price: number, volume: number): number {
    if (typeof symbol !== 'string') throw new TypeError(`hean.WindowVwap.add: symbol must be a string, got ${describe(symbol)}`);
    let w = this.wins.get(symbol);
    // Garbage (a non-number, NaN, ±Infinity, a negative volume, an older tick) is counted, never added.
    if (typeof ts !== 'number' || typeof price !== 'number' || typeof volume !== 'number' || !(ts - ts === 0) || !(price - price === 0) || !(volume - volume === 0) || volume < 0 || (w && ts < w.latest)) {
      this.rejected++;
      return w ? this.value(symbol) : NaN;
    }
    if (!w) {
      const cap = 64;
      w = { ts: new Float64Array(cap), pv: new Float64Array(cap), v: new Float64Array(cap), head: 0, size: 0, sumPv: 0, sumV: 0, evicted: 0, latest: ts };
      this.wins.set(symbol, w);
    }
    w.latest = ts;
    if (w.size === this.maxTicks) this.#evictOne(w);
    if (w.size === w.ts.length) grow(w, Math.min(this.maxTicks, w.size * 2));
    const i = (w.head + w.size) % w.ts.length;
    const pv = price * volume;
    w.ts[i] = ts;
    w.pv[i] = pv;
    w.v[i] = volume;
    w.size++;
    w.sumPv += pv;
    w.sumV += volume;
    this.#evictBefore(w, ts - this.windowMs);
    return w.sumV > 0 ? w.sumPv / w.sumV : NaN;
  }

  /** The symbol's VWAP over (nowMs - windowMs, nowMs] (default: up to its newest tick); NaN if empty. */
  value(symbol: string, nowMs?: number): number {
    if (nowMs !== undefined && typeof nowMs !== 'number') throw new TypeError(`hean.WindowVwap.value: nowMs must be a number, got ${describe(nowMs)}`);
    const w = this.wins.get(symbol);
    if (!w) return NaN;
    if (nowMs !== undefined) this.#evictBefore(w, nowMs - this.windowMs);
    return w.sumV > 0 ? w.sumPv / w.sumV : NaN;
  }

  /** Ticks currently in the symbol's window. */
  count(symbol: string): number {
    return this.wins.get(symbol)?.size ?? 0;
  }

  #evictBefore(w: Win, cutoff: number): void {
    while (w.size > 0 && w.ts[w.head]! <= cutoff) this.#evictOne(w);
    if (w.evicted >= w.size && w.evicted > 0) resum(w);
  }

  #evictOne(w: Win): void {
    w.sumPv -= w.pv[w.head]!;
    w.sumV -= w.v[w.head]!;
    w.head = (w.head + 1) % w.ts.length;
    w.size--;
    w.evicted++;
  }
}

function grow(w: Win, cap: number): void {
  for (const k of ['ts', 'pv', 'v'] as const) {
    const a = new Float64Array(cap);
    for (let j = 0; j < w.size; j++) a[j] = w[k][(w.head + j) % w[k].length]!;
    w[k] = a;
  }
  w.head = 0;
}

function resum(w: Win): void {
  let pv = 0;
  let v = 0;
  for (let j = 0; j < w.size; j++) {
    const i = (w.head + j) % w.ts.length;
    pv += w.pv[i]!;
    v += w.v[i]!;
  }
  w.sumPv = pv;
  w.sumV = v;
  w.evicted = 0;
}
