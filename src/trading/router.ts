// Typed front of the Rust smart order router.
import { readObject, reading } from '../core/guard.js';
import { describe, native, num, rust, typed, type NativeRouter } from './addon.js';
import { OrderBook } from './book.js';
import { REASON_CODES, sideCode, type ReasonCode, type Side } from './codes.js';
import { LOOKUP_STRATEGY, RiskEngine, rulesInput, type InstrumentRules } from './risk.js';
import { ROUTE_SPAN, traced, tracing } from '../telemetry.js';

/** A venue offered to the router. */
export interface VenueOptions {
  /** The venue's book for the symbol. */
  book: OrderBook;
  /** Taker fee as a ratio (0.00055 = 5.5 bp). */
  takerFee: number;
  /** The instrument in the router's risk engine: its rules apply and each child is risk-checked. */
  instrument?: number | string;
  /** Rules when there is no engine instrument (default: the book's tick and step, no minimums). */
  rules?: InstrumentRules;
}

/** A parent order to route. */
export interface RouteRequest {
  side: Side;
  /** Quantity in base units. */
  qty: number;
  /** Worst acceptable price (a buy pays at most, a sell gets at least); default none. */
  limit?: number;
  /** Time of the risk checks (ms); default 0. */
  now?: number;
  /** Strategy tag for the risk checks (an unregistered tag is checked as a new strategy and not registered: routing changes nothing). */
  strategy?: string;
}

/** One child order of a plan: send it as an IOC limit at `price`. */
export interface ChildOrder {
  /** Venue index (order of {@link Router.addVenue}). */
  venue: number;
  /** Venue name (from its book). */
  venueName: string;
  /** Limit price: the worst level this child takes. */
  price: number;
  qty: number;
  /** Expected average fill price. */
  avgPrice: number;
  /** Expected taker fee (quote). */
  fee: number;
}

/** A child the router dropped, and why (re-routed to the other venues). */
export interface DroppedChild {
  venue: number;
  venueName: string;
  qty: number;
  reason: ReasonCode;
}

/** A routing plan. */
export interface RoutePlan {
  children: ChildOrder[];
  dropped: DroppedChild[];
  /** Quantity the children fill. */
  filled: number;
  /** Parent quantity left (no liquidity within the limit, or below every step). */
  unfilled: number;
  /** Volume-weighted average price before fees (NaN when nothing fills). */
  avgPrice: number;
  fees: number;
  /** Σ price·qty + fees for a buy, − fees for a sell. */
  totalCost: number;
  /** Solver passes (more than 1 when the risk engine rejected a child and its venue was excluded). */
  passes: number;
  /**
   * True when the plan is proven optimal (most quantity, then least fee-adjusted cost);
   * false when the problem had more than 2^18 quantity states and was solved on a coarser
   * grid (still valid, maybe not optimal).
   */
  optimal: boolean;
}

/** Size of the header in {@link Router.routeRaw}'s output. */
export const ROUTE_HEADER = 9;
/** Numbers per child in {@link Router.routeRaw}'s output. */
export const ROUTE_CHILD = 5;
/** Numbers per dropped child in {@link Router.routeRaw}'s output. */
export const ROUTE_DROPPED = 3;

/**
 * Smart order router: splits a parent order across venues for the most quantity filled
 * within the limit, then the least fee-adjusted cost (`Σ price·qty·(1+fee)` for a buy,
 * the most `Σ price·qty·(1−fee)` for a sell), under each venue's rules: every child a
 * whole number of its qty steps, at least its minimum quantity and minimum notional (at
 * the child's limit price), at most its maximum. Solved exactly by a dynamic programme over
 * quantity in units of the venues' common step (see docs/trading.md); `optimal` says
 * whether the exact grid fitted.
 *
 * With a risk engine, the children are checked cumulatively (each sees the earlier
 * children as if accepted); a venue whose child is rejected is excluded and the plan is
 * solved again (`dropped` says why). Routing changes nothing: submit the children with
 * `RiskEngine.submit`, which re-checks each.
 */
export class Router {
  /** Throws hean's TypeError unless `x` is a Router built on this thread (not a clone of one, or another object). */
  static #own(x: unknown, what: string): void {
    if (typeof x !== 'object' || x === null || !(#names in x)) {
      throw new TypeError(`hean: Router.${what} called on ${describe(x)}, not a Router. Instances belong to the thread that made them and can't be cloned or sent to a worker: make one per thread (and move state with snapshot() / restore())`);
    }
  }

  /** @internal */
  readonly native: NativeRouter;
  readonly #engine: RiskEngine | undefined;
  readonly #names: string[] = [];
  #out = new Float64Array(ROUTE_HEADER + 16 * (ROUTE_CHILD + ROUTE_DROPPED));

  /** A router; with an engine, venues may name engine instruments and children are risk-checked. */
  constructor(engine?: RiskEngine) {
    if (engine !== undefined && !reading('hean: engine', () => engine instanceof RiskEngine)) throw new TypeError(`hean: engine must be a RiskEngine, got ${describe(engine)}`);
    const a = rust();
    this.#engine = engine;
    this.native = native(() => new a.Router(engine ? engine.native : null));
  }

  /** Adds a venue and returns its index. */
  addVenue(v: VenueOptions): number {
    Router.#own(this, 'addVenue');
    if (typeof v !== 'object' || v === null) throw new TypeError(`hean: venue must be an object, got ${describe(v)}`);
    const o = readObject(v, ['book', 'takerFee', 'instrument', 'rules'], 'hean: venue');
    const book = o.book;
    if (!reading('hean: venue.book', () => book instanceof OrderBook)) throw new TypeError(`hean: venue.book must be an OrderBook, got ${describe(book)}`);
    const b = book as OrderBook;
    const fee = num(o.takerFee, 'venue.takerFee');
    let inst: number | null = null;
    if (o.instrument !== undefined) {
      if (!this.#engine) throw new RangeError('hean: venue.instrument needs a Router built with a RiskEngine');
      if (typeof o.instrument !== 'string' && typeof o.instrument !== 'number') throw new TypeError(`hean: venue.instrument must be an id or a key string, got ${describe(o.instrument)}`);
      inst = this.#engine.instrument(o.instrument).id;
    }
    const rules = o.rules ? rulesInput(o.rules as InstrumentRules) : null;
    const k = native(() => this.native.addVenue(b.native, fee, inst, rules));
    this.#names[k] = b.venue;
    if (this.#out.length < ROUTE_HEADER + (k + 1) * (ROUTE_CHILD + ROUTE_DROPPED)) this.#out = new Float64Array(ROUTE_HEADER + 2 * (k + 1) * (ROUTE_CHILD + ROUTE_DROPPED));
    return k;
  }

  /** Number of venues. */
  get venueCount(): number {
    Router.#own(this, 'venueCount');
    return this.native.venueCount;
  }

  /** Plans a parent order across the venues. Throws RangeError for a bad quantity or limit. */
  route(req: RouteRequest): RoutePlan {
    Router.#own(this, 'route');
    if (tracing()) return traced(ROUTE_SPAN, req, this, this.#route, req);
    return this.#route(req);
  }

  #route(req: RouteRequest): RoutePlan {
    if (typeof req !== 'object' || req === null) throw new TypeError(`hean: request must be an object, got ${describe(req)}`);
    const r = readObject(req, ['side', 'qty', 'limit', 'now', 'strategy'], 'hean: request');
    const side = sideCode(r.side);
    const qty = num(r.qty, 'qty');
    const limit = r.limit === undefined ? NaN : num(r.limit, 'limit');
    if (r.limit !== undefined && Number.isNaN(limit)) throw new RangeError('hean: limit must not be NaN (omit it for no limit)');
    const now = r.now === undefined ? 0 : num(r.now, 'now');
    if (r.strategy !== undefined && typeof r.strategy !== 'string') throw new TypeError(`hean: strategy must be a string, got ${describe(r.strategy)}`);
    const o = this.#out;
    const engine = this.#engine;
    if (r.strategy === '') throw new RangeError('hean: strategy must be a non-empty string');
    // Routing is a read: an unregistered tag is checked as strategy 0, as RiskEngine.check does.
    const strategy = engine && r.strategy !== undefined ? (engine[LOOKUP_STRATEGY](r.strategy) ?? 0) : 0;
    native(() => this.native.route(side, qty, limit, now, strategy, o));
    const nc = o[6]!;
    const nd = o[7]!;
    const children: ChildOrder[] = [];
    let k = ROUTE_HEADER;
    for (let i = 0; i < nc; i++, k += ROUTE_CHILD) {
      const venue = o[k]!;
      children.push({ venue, venueName: this.#names[venue] ?? '', price: o[k + 1]!, qty: o[k + 2]!, avgPrice: o[k + 3]!, fee: o[k + 4]! });
    }
    const dropped: DroppedChild[] = [];
    for (let i = 0; i < nd; i++, k += ROUTE_DROPPED) {
      const venue = o[k]!;
      dropped.push({ venue, venueName: this.#names[venue] ?? '', qty: o[k + 1]!, reason: REASON_CODES[o[k + 2]!]! });
    }
    return { children, dropped, filled: o[0]!, unfilled: o[1]!, avgPrice: o[2]!, fees: o[3]!, totalCost: o[4]!, passes: o[5]!, optimal: o[8] === 1 };
  }

  /**
   * The raw form of {@link Router.route}: writes the plan into `out` — header [filled,
   * unfilled, avgPrice, fees, totalCost, passes, children, dropped, optimal (1/0)], then 5 numbers per
   * child [venue, price, qty, avgPrice, fee], then 3 per dropped child [venue, qty, code] —
   * and returns the number of children. `side` 0 buy / 1 sell, `limit` NaN for none.
   */
  routeRaw(side: number, qty: number, limit: number, now: number, strategyId: number, out: Float64Array): number {
    Router.#own(this, 'routeRaw');
    const o = typed(out, Float64Array, 'out', true);
    return native(() => this.native.route(side, qty, limit, now, strategyId, o));
  }
}
