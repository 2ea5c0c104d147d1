// The simulated venue of the event-driven backtest: holds the orders the RiskEngine
// accepted and fills them against bars (an intrabar path), trade prints, or an L2 book,
// with latency and maker/taker fees. Orders live in parallel typed arrays (no object per
// order, nothing allocated per bar); the few open orders are scanned linearly.
import type { OrderBook } from '../../trading/book.js';
import type { RiskEngine } from '../../trading/risk.js';
import type { Venue, VenueListener, VenueOrder } from './types.js';

const MARKET = 0;
const LIMIT = 1;
const STOP = 2;

/** Settings of a {@link SimVenue}. */
export interface SimVenueOptions {
  /** Engine whose instrument rules round fill prices onto the tick. */
  engine: RiskEngine;
  instrument: number;
  /** Fee of fills of orders that rested on the book, fraction of traded value (negative: rebate). Default 0. */
  makerFee?: number;
  /** Fee of fills that take liquidity (market, stop, marketable limit). Default 0. */
  takerFee?: number;
  /** Bars between sending an order (or a cancel) and the venue acting on it. Default 0. */
  latencyBars?: number;
  /** Milliseconds between sending and the venue acting on it (ticks and books). Default 0. */
  latencyMs?: number;
}

/**
 * A simulated exchange for one instrument (implements {@link Venue}). Driven by the
 * backtest: `matchBar` / `closeBar` for bars, `matchTick` for trade prints, `matchBook`
 * for an L2 book. The fill rules are listed in docs/backtest.md ("Venue fill rules").
 */
export class SimVenue implements Venue {
  readonly makerFee: number;
  readonly takerFee: number;
  readonly latencyBars: number;
  readonly latencyMs: number;
  readonly #engine: RiskEngine;
  readonly #instrument: number;
  #listener: VenueListener | undefined;
  // Open orders, in the order they were sent.
  #n = 0;
  #id = new Float64Array(16);
  #side = new Uint8Array(16); // 0 buy, 1 sell
  #kind = new Uint8Array(16);
  #reduce = new Uint8Array(16);
  #price = new Float64Array(16); // limit or stop price
  #leaves = new Float64Array(16);
  #arriveBar = new Float64Array(16);
  #arriveTime = new Float64Array(16);
  #sentSeq = new Float64Array(16);
  #resting = new Uint8Array(16); // 1 once it has rested on the book (later fills are maker)
  #atClose = new Uint8Array(16); // sent this bar with no latency: first matched at this bar's close
  #cancelBar = new Float64Array(16);
  #cancelTime = new Float64Array(16);
  /**
   * The bar being matched: open, high, low, close, time, volume. The backtest writes the
   * bar here and calls {@link SimVenue.matchBarPx} / {@link SimVenue.closeBarPx}: numbers
   * passed through a typed array are never boxed, so a bar costs no allocation.
   */
  readonly px = new Float64Array(6);
  /** Bar index of the bar being processed (the next one between bars). */
  bar = 0;
  /** Counter of market events (bars, ticks, books); an order only trades at events after the one it was sent in. */
  seq = 0;
  #inBar = false;

  constructor(options: SimVenueOptions) {
    this.#engine = options.engine;
    this.#instrument = options.instrument;
    this.makerFee = options.makerFee ?? 0;
    this.takerFee = options.takerFee ?? 0;
    this.latencyBars = options.latencyBars ?? 0;
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** Number of orders held. */
  get size(): number {
    return this.#n;
  }

  connect(listener: VenueListener): void {
    this.#listener = listener;
  }

  send(o: VenueOrder): void {
    if (this.#n === this.#id.length) this.#grow();
    const k = this.#n++;
    this.#id[k] = o.clientId;
    this.#side[k] = o.side === 'sell' ? 1 : 0;
    this.#kind[k] = o.type === 'market' ? MARKET : o.type === 'limit' ? LIMIT : STOP;
    this.#reduce[k] = o.reduceOnly ? 1 : 0;
    this.#price[k] = o.price;
    this.#leaves[k] = o.qty;
    this.#arriveBar[k] = this.bar + this.latencyBars;
    this.#arriveTime[k] = o.time + this.latencyMs;
    this.#sentSeq[k] = this.seq;
    this.#resting[k] = 0;
    this.#atClose[k] = this.latencyBars === 0 && this.#inBar ? 1 : 0;
    this.#cancelBar[k] = Infinity;
    this.#cancelTime[k] = Infinity;
  }

  cancel(clientId: number, time: number): void {
    const k = this.#find(clientId);
    if (k < 0) return;
    if (this.latencyBars === 0 && this.latencyMs === 0) {
      this.#remove(k);
      this.#listener!.cancelled(clientId, time);
      return;
    }
    this.#cancelBar[k] = Math.min(this.#cancelBar[k]!, this.bar + this.latencyBars);
    this.#cancelTime[k] = Math.min(this.#cancelTime[k]!, time + this.latencyMs);
  }

  /**
   * Matches the live orders against bar `t` along its path: open, then the extreme the bar
   * went to first (the low for an up bar, close ≥ open; the high for a down bar), the other
   * extreme, then the close. Orders fill in the order the path reaches them.
   */
  matchBar(t: number, open: number, high: number, low: number, close: number, time: number): void {
    const px = this.px;
    px[0] = open;
    px[1] = high;
    px[2] = low;
    px[3] = close;
    px[4] = time;
    this.matchBarPx(t);
  }

  /** {@link SimVenue.matchBar} with the bar in {@link SimVenue.px}. */
  matchBarPx(t: number): void {
    this.bar = t;
    this.seq++;
    this.#inBar = true;
    if (this.#n === 0) return;
    const px = this.px;
    const open = px[0]!;
    const high = px[1]!;
    const low = px[2]!;
    const close = px[3]!;
    const time = px[4]!;
    this.#dueCancels(time);
    const up = close >= open;
    const x1 = up ? low : high;
    const x2 = up ? high : low;
    for (;;) {
      let best = -1;
      let bestTau = Infinity;
      let bestPx = NaN;
      for (let k = 0; k < this.#n; k++) {
        if (this.#atClose[k] || this.#arriveBar[k]! > t || this.#arriveTime[k]! > time || this.#sentSeq[k]! >= this.seq) continue;
        const kind = this.#kind[k]!;
        const buy = this.#side[k] === 0;
        const p = this.#price[k]!;
        let tau = Infinity;
        let px = NaN;
        if (kind === MARKET) {
          tau = 0;
          px = open;
        } else {
          // A buy limit waits for the price to fall to p, a buy stop for it to rise to p.
          const down = (kind === LIMIT) === buy;
          if (down ? open <= p : open >= p) {
            tau = 0;
            px = open;
          } else if (down ? x1 <= p : x1 >= p) {
            tau = (open - p) / (open - x1);
            px = p;
          } else if (down ? x2 <= p : x2 >= p) {
            tau = 1 + (x1 - p) / (x1 - x2);
            px = p;
          } else if (down ? close <= p : close >= p) {
            tau = 2 + (x2 - p) / (x2 - close);
            px = p;
          }
        }
        if (tau < bestTau) {
          bestTau = tau;
          best = k;
          bestPx = px;
        }
      }
      if (best < 0) break;
      this.#execute(best, bestPx, this.#kind[best] === LIMIT && (bestTau > 0 || this.#resting[best] === 1), time);
    }
    // What survived the open has rested on the book.
    for (let k = 0; k < this.#n; k++) if (!this.#atClose[k] && this.#arriveBar[k]! <= t) this.#resting[k] = 1;
  }

  /** Bar `t` is a gap (a non-finite price): nothing trades; orders wait. */
  skipBar(t: number): void {
    this.bar = t;
    this.seq++;
    this.#inBar = true;
  }

  /**
   * The close of bar `t`: orders sent during the bar with no latency meet the close price
   * (a market order fills at the close; a limit or stop already through it fills at the
   * close as a taker; the rest rest). Call after the strategy's `onBar`.
   */
  closeBar(close: number, time: number): void {
    this.px[3] = close;
    this.px[4] = time;
    this.closeBarPx();
  }

  /** {@link SimVenue.closeBar} with the close and time in {@link SimVenue.px} (a NaN close: a gap). */
  closeBarPx(): void {
    this.#inBar = false;
    if (this.#n === 0) return;
    const close = this.px[3]!;
    const time = this.px[4]!;
    for (let k = 0; k < this.#n; ) {
      if (!this.#atClose[k]) {
        k++;
        continue;
      }
      if (!(close - close === 0)) {
        // A gap bar: the order waits for the next bar's open.
        this.#atClose[k] = 0;
        k++;
        continue;
      }
      const kind = this.#kind[k]!;
      const buy = this.#side[k] === 0;
      const p = this.#price[k]!;
      const through = kind === MARKET || (kind === LIMIT ? (buy ? close <= p : close >= p) : buy ? close >= p : close <= p);
      if (through) {
        this.#execute(k, close, false, time);
        k = 0; // a fill may have sent or cancelled orders: rescan
      } else {
        this.#atClose[k] = 0;
        this.#resting[k] = 1;
        k++;
      }
    }
  }

  /** Matches live orders against one trade print at `price`. */
  matchTick(price: number, time: number): void {
    this.seq++;
    this.#inBar = false;
    if (this.#n === 0) return;
    this.#dueCancels(time);
    for (let k = 0; k < this.#n; ) {
      if (!this.#live(k, time)) {
        k++;
        continue;
      }
      const kind = this.#kind[k]!;
      const buy = this.#side[k] === 0;
      const p = this.#price[k]!;
      if (kind === MARKET || (kind === STOP && (buy ? price >= p : price <= p))) {
        this.#execute(k, price, false, time);
        k = 0;
      } else if (kind === LIMIT && (buy ? price <= p : price >= p)) {
        // A resting order was hit at its own price; one arriving now takes the print.
        const rest = this.#resting[k] === 1;
        this.#execute(k, rest ? p : price, rest, time);
        k = 0;
      } else {
        this.#resting[k] = 1;
        k++;
      }
    }
  }

  /**
   * Matches live orders against an L2 book: market orders (and triggered stops, and the
   * marketable part of an arriving limit) walk the opposite side level by level, one fill
   * per level, and a market order's unfilled rest is cancelled; a resting limit fills in
   * full at its price once the opposite best price reaches it (no queue model). A buy stop
   * triggers when the best ask reaches it, a sell stop when the best bid does.
   */
  matchBook(book: OrderBook, time: number): void {
    this.seq++;
    this.#inBar = false;
    if (this.#n === 0) return;
    this.#dueCancels(time);
    for (let k = 0; k < this.#n; ) {
      if (!this.#live(k, time)) {
        k++;
        continue;
      }
      const kind = this.#kind[k]!;
      const buy = this.#side[k] === 0;
      const p = this.#price[k]!;
      const top = buy ? book.bestAsk() : book.bestBid();
      if (!top) {
        if (kind === LIMIT) this.#resting[k] = 1;
        k++;
        continue;
      }
      const id = this.#id[k]!;
      if (kind === LIMIT && this.#resting[k] === 1) {
        if (buy ? top.price <= p : top.price >= p) {
          this.#execute(k, p, true, time);
          k = 0;
        } else k++;
        continue;
      }
      if (kind === STOP && (buy ? top.price < p : top.price > p)) {
        k++;
        continue;
      }
      // Take liquidity: market, triggered stop, or the marketable part of a new limit.
      const levels = book.depth(buy ? 'ask' : 'bid', 1000);
      let left = this.#leaves[k]!;
      for (let j = 0; j < levels.prices.length && left > 0; j++) {
        const lp = levels.prices[j]!;
        if (kind === LIMIT && (buy ? lp > p : lp < p)) break;
        const q = Math.min(left, levels.sizes[j]!);
        left = this.#partial(k, q, lp, time);
        if (left < 0) break; // the order went away in a callback
      }
      const at = this.#find(id);
      if (at < 0) {
        k = 0;
        continue;
      }
      if (kind === LIMIT) {
        this.#resting[at] = 1;
        k = at + 1;
      } else {
        this.#remove(at);
        this.#listener!.cancelled(id, time);
        k = 0;
      }
    }
  }

  #live(k: number, time: number): boolean {
    return this.#arriveTime[k]! <= time && this.#arriveBar[k]! <= this.bar && this.#sentSeq[k]! < this.seq;
  }

  #dueCancels(time: number): void {
    for (let k = 0; k < this.#n; ) {
      if (this.#cancelBar[k]! <= this.bar && this.#cancelTime[k]! <= time) {
        const id = this.#id[k]!;
        this.#remove(k);
        this.#listener!.cancelled(id, time);
      } else k++;
    }
  }

  /** Fills the whole rest of order k at `price` (rounded onto the tick against the taker). */
  #execute(k: number, price: number, maker: boolean, time: number): void {
    const id = this.#id[k]!;
    const qty = this.#leaves[k]!;
    // A limit's own price is on the tick; any other price is rounded against the trader.
    const px = price === this.#price[k] ? price : this.#engine.roundPrice(this.#instrument, price, this.#side[k] === 0 ? 'sell' : 'buy');
    const fee = qty * px * (maker ? this.makerFee : this.takerFee);
    this.#remove(k);
    this.#listener!.fill(id, qty, px, fee, time, maker);
  }

  /** Fills `q` of order k at a book level (taker); returns what is left (-1 if the order went away). */
  #partial(k: number, q: number, price: number, time: number): number {
    const id = this.#id[k]!;
    const left = this.#leaves[k]! - q;
    const done = left <= 1e-12 * q;
    if (done) this.#remove(k);
    else this.#leaves[k] = left;
    this.#listener!.fill(id, q, price, q * price * this.takerFee, time, false);
    if (done) return 0;
    const at = this.#find(id);
    return at < 0 ? -1 : this.#leaves[at]!;
  }

  #find(clientId: number): number {
    for (let k = 0; k < this.#n; k++) if (this.#id[k] === clientId) return k;
    return -1;
  }

  #remove(k: number): void {
    const n = --this.#n;
    if (k === n) return;
    this.#id.copyWithin(k, k + 1, n + 1);
    this.#side.copyWithin(k, k + 1, n + 1);
    this.#kind.copyWithin(k, k + 1, n + 1);
    this.#reduce.copyWithin(k, k + 1, n + 1);
    this.#price.copyWithin(k, k + 1, n + 1);
    this.#leaves.copyWithin(k, k + 1, n + 1);
    this.#arriveBar.copyWithin(k, k + 1, n + 1);
    this.#arriveTime.copyWithin(k, k + 1, n + 1);
    this.#sentSeq.copyWithin(k, k + 1, n + 1);
    this.#resting.copyWithin(k, k + 1, n + 1);
    this.#atClose.copyWithin(k, k + 1, n + 1);
    this.#cancelBar.copyWithin(k, k + 1, n + 1);
    this.#cancelTime.copyWithin(k, k + 1, n + 1);
  }

  #grow(): void {
    const g = <T extends Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.#id = g(this.#id);
    this.#side = g(this.#side);
    this.#kind = g(this.#kind);
    this.#reduce = g(this.#reduce);
    this.#price = g(this.#price);
    this.#leaves = g(this.#leaves);
    this.#arriveBar = g(this.#arriveBar);
    this.#arriveTime = g(this.#arriveTime);
    this.#sentSeq = g(this.#sentSeq);
    this.#resting = g(this.#resting);
    this.#atClose = g(this.#atClose);
    this.#cancelBar = g(this.#cancelBar);
    this.#cancelTime = g(this.#cancelTime);
  }
}
