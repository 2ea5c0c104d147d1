// Typed front of the Rust risk engine. Validation of JS types happens here (TypeError);
// value errors come back from Rust and are rethrown as RangeError; order checks never
// throw, they return a reason code.
import { keysOf, readObject, reading } from '../core/guard.js';
import { decimalLike, describe, native, nativeError, num, rust, safeInt, timestamp, typed, type DecimalLike, type NativeRiskEngine, type NativeRules, type RustAddon } from './addon.js';
import { ORDER_STRATEGY_SHIFT, OrderFlag, REASON_CODES, TRADING_STATES, reasonName, sideCode, type OrderType, type ReasonCode, type Side, type TradingState } from './codes.js';
import { SUBMIT_BATCH_SPAN, SUBMIT_SPAN, traced, tracing } from '../telemetry.js';

/** @internal Key of RiskEngine's strategy lookup for the Router (not part of the public API). */
export const LOOKUP_STRATEGY: unique symbol = Symbol('hean.lookupStrategy');

/**
 * Instrument rules in Bybit v5 `instruments-info` terms (`priceFilter`, `lotSizeFilter`),
 * which ccxt maps to precision and limits. Decimals may be strings ("0.10", "1e-3") or
 * numbers; strings are read exactly.
 */
export interface InstrumentRules {
  /** Symbol, e.g. `BTCUSDT`. */
  symbol: string;
  /** Venue name; instruments are keyed by `venue:symbol` when given. */
  venue?: string;
  /** `priceFilter.tickSize`. */
  tickSize: DecimalLike;
  /** `priceFilter.minPrice` (default: one tick). */
  minPrice?: DecimalLike;
  /** `priceFilter.maxPrice` (default: none). */
  maxPrice?: DecimalLike;
  /** `lotSizeFilter.qtyStep`. */
  qtyStep: DecimalLike;
  /** `lotSizeFilter.minOrderQty` (default: one step). */
  minOrderQty?: DecimalLike;
  /** `lotSizeFilter.maxOrderQty`, for limit orders (default: none). */
  maxOrderQty?: DecimalLike;
  /** `lotSizeFilter.maxMktOrderQty`, for market orders (default: maxOrderQty). */
  maxMktOrderQty?: DecimalLike;
  /** `lotSizeFilter.minNotionalValue`, quote currency (default: none). */
  minNotionalValue?: DecimalLike;
  /** Largest deviation of a limit price from the mark, as a ratio in (0, 1), e.g. 0.05. */
  priceBand?: number;
}

/** Risk limits of one instrument. */
export interface InstrumentLimits {
  /** Largest worst-case position (position plus open orders on one side), base units. */
  maxPosition?: number;
  /** Largest notional of one order, quote currency. */
  maxNotional?: number;
  /** Orders per rate window on this symbol (0 = none). */
  maxOrdersPerWindow?: number;
}

/** Account-wide risk limits. */
export interface AccountLimits {
  /** Most open orders (0 = none). */
  maxOpenOrders?: number;
  /** Largest gross exposure, Σ |worst-case position| · mark, quote currency. */
  maxGrossExposure?: number;
  /** Largest loss in a UTC day (realised + change in unrealised), quote currency, > 0. */
  dailyLossLimit?: number;
  /** Orders per rate window on the account (0 = none; Bybit allows 10/s per UID). */
  maxOrdersPerWindow?: number;
  /** Sliding rate window in ms (default 1000). */
  rateWindowMs?: number;
  /** How many closed client order ids are remembered for the duplicate check (default 100000). */
  idHistory?: number;
}

/** An instrument's rules on the grid (exact decimal strings) and its limits. */
export interface InstrumentInfo {
  id: number;
  symbol: string;
  venue: string;
  tickSize: string;
  qtyStep: string;
  minPrice: string;
  maxPrice: string;
  minOrderQty: string;
  maxOrderQty: string;
  maxMktOrderQty: string;
  minNotionalValue: string;
  priceBand?: number;
  maxPosition: number;
  maxNotional: number;
  maxOrdersPerWindow: number;
  /** Last mark price, if any. */
  mark?: number;
}

/** An order to check or submit. */
export interface OrderRequest {
  /** Client order id: a safe integer ≥ 0, unique (recent ids are remembered). */
  clientId: number;
  /** Instrument id, or its key (`symbol` or `venue:symbol`). */
  instrument: number | string;
  side: Side;
  /** Default `'limit'`. */
  type?: OrderType;
  /** Limit price (a market order is valued at the mark). */
  price?: number;
  qty: number;
  /** Only shrink the position. */
  reduceOnly?: boolean;
  /** Strategy tag (registered on first use); default `'default'`. */
  strategy?: string;
}

/** Outcome of a check. */
export interface CheckResult {
  /** True when accepted. */
  ok: boolean;
  /** Reason code name (`'Accepted'` when ok). */
  reason: ReasonCode;
  /** Numeric reason code. */
  code: number;
  /** Human-readable explanation with the numbers involved. */
  message: string;
}

/** Columns of a batch of orders (one entry per order). */
export interface OrderBatch {
  clientIds: Float64Array;
  instruments: Uint32Array;
  /** 0 buy, 1 sell. */
  sides: Uint8Array;
  prices: Float64Array;
  qtys: Float64Array;
  /**
   * Per order, the {@link OrderFlag} bits, the same layout as {@link orderFlags}:
   * `OrderFlag.Sell` (must agree with `sides`, else that order gets `InvalidInput`),
   * `OrderFlag.Market`, `OrderFlag.ReduceOnly`. Default: limit orders, not reduce-only.
   */
  flags?: Uint8Array;
  /**
   * Strategy tag of the whole batch. `submitBatch` registers a new tag with the first
   * accepted order; `checkBatch` never registers one (an unknown tag is checked as a new
   * strategy).
   */
  strategy?: string;
}

/** Account summary. */
export interface AccountSummary {
  state: TradingState;
  /** True when REDUCING was switched on by the daily loss limit (lifted at the next UTC day). */
  reducingByLossLimit: boolean;
  /** Today's PnL: realised (net of fees) plus the change in unrealised since the day began. */
  dailyPnl: number;
  dailyRealized: number;
  unrealized: number;
  grossExposure: number;
  openOrders: number;
  acceptedTotal: number;
  /** Clock of the last event (ms), NaN before any. */
  now: number;
}

/** A netting position on one instrument (account-wide, or for one strategy tag). */
export interface PositionInfo {
  instrument: number;
  symbol: string;
  venue: string;
  /** Strategy tag; absent for the account position. */
  strategy?: string;
  /** Signed quantity (long > 0). */
  qty: number;
  /** Exact quantity as a decimal string. */
  qtyStr: string;
  /** Average entry price (NaN when flat). */
  avgEntry: number;
  /** Realised PnL net of fees. */
  realized: number;
  fees: number;
  /** Unrealised PnL at the last mark. */
  unrealized: number;
  fills: number;
  /** Open buy / sell quantity (account positions). */
  openBuy: number;
  openSell: number;
}

/** An accepted order still open at the exchange. */
export interface OpenOrderInfo {
  clientId: number;
  instrument: number;
  side: Side;
  type: OrderType;
  price: number;
  qty: number;
  leaves: number;
  filled: number;
  reduceOnly: boolean;
  strategy: string;
  ts: number;
}

/** Per-strategy statistics (what the bot's database used to compute with SQL). */
export interface StrategyStats {
  strategy: string;
  /** Completed round trips (flat → position → flat, or through a flip). */
  trades: number;
  /** Round trips with PnL net of fees > 0. */
  wins: number;
  /** Total PnL of the completed round trips, net of fees. */
  tradePnl: number;
  /** tradePnl / trades. */
  avgTradePnl: number;
  /** All realised PnL net of fees. */
  realized: number;
  fees: number;
  fills: number;
  /** Traded notional. */
  volume: number;
}

/** Realised PnL (net of fees) of one strategy on one UTC day. */
export interface DailyPnl {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Start of the day, ms. */
  dayStart: number;
  strategy: string;
  pnl: number;
}

/**
 * Packs the small fields of an order into its flags word for {@link RiskEngine.checkRaw}:
 * the {@link OrderFlag} bits (`Sell`, `Market`, `ReduceOnly`; the same layout as a batch's
 * `flags` column) and the strategy id from bit 8 ({@link RiskEngine.strategyId}).
 */
export function orderFlags(side: Side, type: OrderType = 'limit', reduceOnly = false, strategyId = 0): number {
  const s = sideCode(side);
  if (type !== 'limit' && type !== 'market') throw new (typeof type === 'string' ? RangeError : TypeError)(`hean: type must be 'limit' or 'market', got ${describe(type)}`);
  if (typeof reduceOnly !== 'boolean') throw new TypeError(`hean: reduceOnly must be a boolean, got ${describe(reduceOnly)}`);
  if (typeof strategyId !== 'number') throw new TypeError(`hean: strategyId must be a number, got ${describe(strategyId)}`);
  if (!Number.isInteger(strategyId) || strategyId < 0 || strategyId > 0xffff) throw new RangeError(`hean: strategyId must be an integer in [0, 65535], got ${strategyId}`);
  return (s ? OrderFlag.Sell : 0) | (type === 'market' ? OrderFlag.Market : 0) | (reduceOnly ? OrderFlag.ReduceOnly : 0) | (strategyId << ORDER_STRATEGY_SHIFT);
}

/**
 * Pre-trade risk engine with open orders, netting positions and PnL.
 *
 * A state machine: reads (`check`, getters) never change it; `submit`, `fill`, `cancel`,
 * `mark`, `setState`, `tick` and the configuration calls are its events. Time is always
 * passed in (ms since the epoch); the engine never reads a clock.
 *
 * @example
 * ```ts
 * const risk = new RiskEngine({ maxOpenOrders: 50, dailyLossLimit: 500 });
 * const btc = risk.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.10', qtyStep: '0.001', minNotionalValue: '5' });
 * risk.mark(btc, 30000, Date.now());
 * const r = risk.submit({ clientId: 1, instrument: btc, side: 'buy', price: 29990, qty: 0.01 }, Date.now());
 * if (!r.ok) console.log(r.reason, r.message);
 * ```
 */
export class RiskEngine {
  /** Throws hean's TypeError unless `x` is a RiskEngine built on this thread (not a clone of one, or another object). */
  static #own(x: unknown, what: string): void {
    if (typeof x !== 'object' || x === null || !(#handle in x)) {
      throw new TypeError(`hean: RiskEngine.${what} called on ${describe(x)}, not a RiskEngine. Instances belong to the thread that made them and can't be cloned or sent to a worker: make one per thread (and move state with snapshot() / restore())`);
    }
  }

  /** @internal */
  readonly native: NativeRiskEngine;
  readonly #addon: RustAddon;
  readonly #handle: number;
  /** Ids of strategy tags known to be registered (cleared by restore, which may change them). */
  readonly #tags = new Map<string, number>();

  /** A new engine (state ACTIVE) with the given account limits. */
  constructor(limits?: AccountLimits) {
    this.#addon = rust();
    if (limits !== undefined && (typeof limits !== 'object' || limits === null)) throw new TypeError(`hean: limits must be an object, got ${describe(limits)}`);
    this.native = native(() => new this.#addon.RiskEngine(limits ? accountInput(limits) : null));
    this.#handle = this.native.handle;
  }

  /** Registers an instrument and returns its id. Throws RangeError for invalid rules or a duplicate. */
  addInstrument(rules: InstrumentRules, limits?: InstrumentLimits): number {
    RiskEngine.#own(this, 'addInstrument');
    return native(() => this.native.addInstrument(rulesInput(rules), limits ? limitsInput(limits) : null));
  }

  /**
   * Sets the given limits of an instrument; limits not named keep their values
   * (`setInstrumentLimits(btc, { maxNotional: 1e5 })` leaves maxPosition as it was).
   * Throws RangeError, changing nothing, for an unknown instrument or a bad value.
   */
  setInstrumentLimits(instrument: number | string, limits: InstrumentLimits): void {
    RiskEngine.#own(this, 'setInstrumentLimits');
    const id = this.#id(instrument);
    const l = limitsInput(limits);
    native(() => this.native.setInstrumentLimits(id, l, false));
  }

  /** Replaces all of an instrument's limits: those not named return to their defaults (none). */
  replaceInstrumentLimits(instrument: number | string, limits: InstrumentLimits): void {
    RiskEngine.#own(this, 'replaceInstrumentLimits');
    const id = this.#id(instrument);
    const l = limitsInput(limits);
    native(() => this.native.setInstrumentLimits(id, l, true));
  }

  /**
   * Sets the given account limits; limits not named keep their values
   * (`setAccountLimits({ dailyLossLimit: 500 })` changes only the loss limit). A tighter
   * loss limit may switch the account to REDUCING at once. Throws RangeError, changing
   * nothing, for a bad value.
   */
  setAccountLimits(limits: AccountLimits): void {
    RiskEngine.#own(this, 'setAccountLimits');
    const l = accountInput(limits);
    native(() => this.native.setAccountLimits(l, false));
  }

  /** Replaces all account limits: those not named return to their defaults. */
  replaceAccountLimits(limits: AccountLimits): void {
    RiskEngine.#own(this, 'replaceAccountLimits');
    const l = accountInput(limits);
    native(() => this.native.setAccountLimits(l, true));
  }

  /**
   * Id of a strategy tag, registering it if new (`'default'` is 0): for
   * {@link orderFlags}. `submit` registers the tags it is given by itself, and only when an
   * order is accepted; `check` never registers one.
   */
  strategyId(name: string): number {
    RiskEngine.#own(this, 'strategyId');
    if (typeof name !== 'string') throw new TypeError(`hean: strategy must be a string, got ${describe(name)}`);
    if (name === '') throw new RangeError('hean: strategy must be a non-empty string');
    const known = this.#tags.get(name);
    if (known !== undefined) return known;
    const id = native(() => this.native.strategyId(name));
    this.#tags.set(name, id);
    return id;
  }

  /** @internal Id of a registered tag, or undefined; registers nothing. */
  [LOOKUP_STRATEGY](name: string): number | undefined {
    const known = this.#tags.get(name);
    if (known !== undefined) return known;
    const id = this.native.strategyLookup(name);
    if (id === undefined || id === null) return undefined;
    this.#tags.set(name, id);
    return id;
  }

  /** Id of an instrument by key (`symbol`, or `venue:symbol`), or undefined. */
  instrumentId(key: string): number | undefined {
    RiskEngine.#own(this, 'instrumentId');
    if (typeof key !== 'string') throw new TypeError(`hean: instrument key must be a string, got ${describe(key)}`);
    return this.native.instrumentId(key) ?? undefined;
  }

  /** Number of registered instruments. */
  get instrumentCount(): number {
    RiskEngine.#own(this, 'instrumentCount');
    return this.native.instrumentCount;
  }

  /** An instrument's rules on the grid and its limits. */
  instrument(instrument: number | string): InstrumentInfo {
    RiskEngine.#own(this, 'instrument');
    const id = this.#id(instrument);
    const i = native(() => this.native.instrument(id));
    return { ...i, priceBand: i.priceBand ?? undefined, mark: i.mark ?? undefined };
  }

  /** The handle for the hot-path functions (see {@link RiskEngine.checkRaw}). */
  get handle(): number {
    RiskEngine.#own(this, 'handle');
    return this.#handle;
  }

  /**
   * Runs every pre-trade check against the current state without changing it.
   * Never throws for bad order values: they come back as a reason (e.g. `InvalidPrice`).
   */
  check(order: OrderRequest, now: number): CheckResult {
    RiskEngine.#own(this, 'check');
    return this.#decide(order, now, false);
  }

  /** Like {@link RiskEngine.check}; an accepted order becomes an open order. */
  submit(order: OrderRequest, now: number): CheckResult {
    RiskEngine.#own(this, 'submit');
    return tracing() ? traced(SUBMIT_SPAN, order, this, this.#decide, order, now, true) : this.#decide(order, now, true);
  }

  /**
   * The fastest single check: numbers only, returns the numeric reason code
   * (0 = accepted; compare with `ReasonCode.X`). `flags` from {@link orderFlags}.
   */
  checkRaw(clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number {
    try {
      return this.#addon.riskCheck(this.#handle, clientId, instrument, flags, price, qty, now);
    } catch (e) {
      throw nativeError(e);
    }
  }

  /** {@link RiskEngine.checkRaw} that also accepts the order. */
  submitRaw(clientId: number, instrument: number, flags: number, price: number, qty: number, now: number): number {
    try {
      return this.#addon.riskSubmit(this.#handle, clientId, instrument, flags, price, qty, now);
    } catch (e) {
      throw nativeError(e);
    }
  }

  /**
   * Checks a batch in one native call, each order against the current state (none is
   * accepted). Writes reason codes into `out` (allocated when omitted) and returns it.
   */
  checkBatch(batch: OrderBatch, now: number, out?: Uint8Array): Uint8Array {
    RiskEngine.#own(this, 'checkBatch');
    return this.#batch(batch, now, out, false).out;
  }

  /**
   * Submits a batch in order in one native call: later orders see the earlier accepted
   * ones. Writes reason codes into `out` (allocated when omitted).
   */
  submitBatch(batch: OrderBatch, now: number, out?: Uint8Array): { out: Uint8Array; accepted: number } {
    RiskEngine.#own(this, 'submitBatch');
    return tracing() ? traced(SUBMIT_BATCH_SPAN, batch, this, this.#batch, batch, now, out, true) : this.#batch(batch, now, out, true);
  }

  /** Whether a cancel may be sent: `'Accepted'` if the order is open (whatever the trading state), else `'UnknownOrder'`. */
  checkCancel(clientId: number): ReasonCode {
    RiskEngine.#own(this, 'checkCancel');
    return reasonName(this.native.checkCancel(num(clientId, 'clientId')));
  }

  /** The exchange filled `qty` of an open order at `price`, charging `fee` (quote; negative for a rebate). */
  fill(clientId: number, qty: number, price: number, fee: number, ts: number): void {
    RiskEngine.#own(this, 'fill');
    safeInt(clientId, 'clientId');
    num(qty, 'qty');
    num(price, 'price');
    num(fee, 'fee');
    timestamp(ts);
    native(() => this.native.fill(clientId, qty, price, fee, ts));
  }

  /** The exchange cancelled (the rest of) an open order. */
  cancel(clientId: number, ts: number): void {
    RiskEngine.#own(this, 'cancel');
    safeInt(clientId, 'clientId');
    timestamp(ts);
    native(() => this.native.cancel(clientId, ts));
  }

  /** The exchange rejected an order we had accepted: it is no longer open. */
  exchangeReject(clientId: number, ts: number): void {
    RiskEngine.#own(this, 'exchangeReject');
    safeInt(clientId, 'clientId');
    timestamp(ts);
    native(() => this.native.exchangeReject(clientId, ts));
  }

  /** A new mark price (rounded to the nearest tick): moves unrealised PnL, the price band and exposure. */
  mark(instrument: number | string, price: number, ts: number): void {
    RiskEngine.#own(this, 'mark');
    const id = this.#id(instrument);
    num(price, 'price');
    timestamp(ts);
    native(() => this.native.mark(id, price, ts));
  }

  /**
   * The fastest mark: numbers only, returns 0 when applied, else the reason code of why not
   * (nothing changes): `InvalidPrice`, `UnknownInstrument`, `InvalidInput` (bad `ts`). For
   * marking at every bar or tick; {@link RiskEngine.mark} is the checked form.
   */
  markRaw(instrument: number, price: number, ts: number): number {
    try {
      return this.#addon.riskMark(this.#handle, instrument, price, ts);
    } catch (e) {
      throw nativeError(e);
    }
  }

  /** Sets the trading state (kill switch): ACTIVE, REDUCING (only shrinking orders) or HALTED (no new orders). */
  setState(state: TradingState, ts: number): void {
    RiskEngine.#own(this, 'setState');
    const s = TRADING_STATES.indexOf(state);
    if (s < 0) throw new RangeError(`hean: state must be one of ${TRADING_STATES.join(', ')}, got ${describe(state)}`);
    timestamp(ts);
    native(() => this.native.setState(s, ts));
  }

  /** Moves the clock; a new UTC day resets the daily PnL and lifts a loss-limit REDUCING. */
  tick(ts: number): void {
    RiskEngine.#own(this, 'tick');
    timestamp(ts);
    native(() => this.native.tick(ts));
  }

  /** Trading state. */
  get state(): TradingState {
    RiskEngine.#own(this, 'state');
    return TRADING_STATES[this.native.account().state]!;
  }

  /** Account summary: state, daily PnL, unrealised, gross exposure, open orders. */
  account(): AccountSummary {
    RiskEngine.#own(this, 'account');
    const a = this.native.account();
    return { ...a, state: TRADING_STATES[a.state]! };
  }

  /** Account positions, one per instrument (flat ones included). */
  positions(): PositionInfo[] {
    RiskEngine.#own(this, 'positions');
    return this.native.positions().map(cleanPosition);
  }

  /** Positions per (instrument, strategy tag). */
  strategyPositions(): PositionInfo[] {
    RiskEngine.#own(this, 'strategyPositions');
    return this.native.strategyPositions().map(cleanPosition);
  }

  /** Open orders, by client id. */
  openOrders(): OpenOrderInfo[] {
    RiskEngine.#own(this, 'openOrders');
    return this.native.openOrders().map(({ kind, side, ...o }) => ({ ...o, side: side === 0 ? 'buy' : 'sell', type: kind === 0 ? 'limit' : 'market' }));
  }

  /** Per-strategy statistics: round trips, wins, total and average PnL, fees, volume. */
  strategyStats(): StrategyStats[] {
    RiskEngine.#own(this, 'strategyStats');
    return this.native.strategyStats();
  }

  /** Realised PnL net of fees per UTC day and strategy, oldest first. */
  dailyPnl(): DailyPnl[] {
    RiskEngine.#own(this, 'dailyPnl');
    return this.native.dailyPnl();
  }

  /** Rounds a price onto the instrument's tick, side-aware: a buy never rounds up, a sell never down (`'nearest'` for neither). NaN for a non-finite price. */
  roundPrice(instrument: number | string, price: number, side: Side | 'nearest'): number {
    RiskEngine.#own(this, 'roundPrice');
    const id = this.#id(instrument);
    return native(() => this.native.roundPrice(id, num(price, 'price'), side === 'nearest' ? 2 : sideCode(side)));
  }

  /** Rounds a quantity down to the instrument's step. NaN for a non-finite quantity. */
  roundQty(instrument: number | string, qty: number): number {
    RiskEngine.#own(this, 'roundQty');
    const id = this.#id(instrument);
    return native(() => this.native.roundQty(id, num(qty, 'qty')));
  }

  /** {@link RiskEngine.roundPrice} as an exact decimal string (from a string or a number). */
  priceString(instrument: number | string, price: DecimalLike, side: Side | 'nearest'): string {
    RiskEngine.#own(this, 'priceString');
    const id = this.#id(instrument);
    return native(() => this.native.priceString(id, decimalLike(price, 'price'), side === 'nearest' ? 2 : sideCode(side)));
  }

  /** {@link RiskEngine.roundQty} as an exact decimal string. */
  qtyString(instrument: number | string, qty: DecimalLike): string {
    RiskEngine.#own(this, 'qtyString');
    const id = this.#id(instrument);
    return native(() => this.native.qtyString(id, decimalLike(qty, 'qty')));
  }

  /** The whole state (instruments, limits, positions, open orders, counters, PnL) as versioned, checksummed bytes. */
  snapshot(): Uint8Array {
    RiskEngine.#own(this, 'snapshot');
    return this.native.snapshot();
  }

  /**
   * Replaces the state with a snapshot's. A truncated, corrupt or version-skewed snapshot
   * throws a RangeError and leaves the engine unchanged.
   */
  restore(bytes: Uint8Array): void {
    RiskEngine.#own(this, 'restore');
    const b = typed(bytes, Uint8Array, 'snapshot');
    native(() => this.native.restore(b));
    this.#tags.clear();
  }

  #id(instrument: number | string): number {
    if (typeof instrument === 'number') {
      if (!Number.isInteger(instrument) || instrument < 0 || instrument >= 2 ** 32) throw new RangeError(`hean: instrument id must be an integer >= 0, got ${instrument}`);
      return instrument;
    }
    if (typeof instrument === 'string') {
      const id = this.native.instrumentId(instrument);
      if (id === undefined || id === null) throw new RangeError(`hean: unknown instrument '${instrument}'`);
      return id;
    }
    throw new TypeError(`hean: instrument must be an id or a key string, got ${describe(instrument)}`);
  }

  #decide(order: OrderRequest, now: number, submit: boolean): CheckResult {
    if (typeof order !== 'object' || order === null) throw new TypeError(`hean: order must be an object, got ${describe(order)}`);
    const o = readObject(order, ORDER_KEYS, 'hean: order');
    const clientId = num(o.clientId, 'order.clientId');
    let inst: number;
    if (typeof o.instrument === 'string') {
      const id = this.native.instrumentId(o.instrument);
      inst = id === undefined || id === null ? 0xffffffff : id;
    } else {
      inst = num(o.instrument, 'order.instrument');
      if (!Number.isInteger(inst) || inst < 0 || inst >= 2 ** 32) inst = 0xffffffff;
    }
    const side = sideCode(o.side, 'order.side');
    const type = o.type ?? 'limit';
    if (type !== 'limit' && type !== 'market') throw new RangeError(`hean: order.type must be 'limit' or 'market', got ${describe(type)}`);
    const price = o.price === undefined ? (type === 'market' ? NaN : num(o.price, 'order.price')) : num(o.price, 'order.price');
    const qty = num(o.qty, 'order.qty');
    if (o.reduceOnly !== undefined && typeof o.reduceOnly !== 'boolean') throw new TypeError(`hean: order.reduceOnly must be a boolean, got ${describe(o.reduceOnly)}`);
    if (o.strategy !== undefined && typeof o.strategy !== 'string') throw new TypeError(`hean: order.strategy must be a string, got ${describe(o.strategy)}`);
    num(now, 'now');
    if (o.strategy === '') throw new RangeError('hean: order.strategy must be a non-empty string');
    // The tag's id when registered; a new tag goes to Rust by name, where check never
    // registers it and submit registers it only with an accepted order.
    const tag = o.strategy as string | undefined;
    const sid = tag === undefined ? 0 : this[LOOKUP_STRATEGY](tag);
    const flags = (side ? OrderFlag.Sell : 0) | (type === 'market' ? OrderFlag.Market : 0) | (o.reduceOnly ? OrderFlag.ReduceOnly : 0);
    let code: number;
    if (sid !== undefined) {
      const f = flags | (sid << ORDER_STRATEGY_SHIFT);
      code = submit ? this.native.submit(clientId, inst, f, price, qty, now) : this.native.check(clientId, inst, f, price, qty, now);
    } else {
      code = native(() => (submit ? this.native.submitTagged(clientId, inst, flags, price, qty, tag!, now) : this.native.checkTagged(clientId, inst, flags, price, qty, tag!, now)));
    }
    const reason = REASON_CODES[code]!;
    // After a submit the order is open, so explaining it again would report a duplicate.
    const message = code === 0 ? 'accepted' : this.native.explain(clientId, inst, flags | ((sid ?? 0) << ORDER_STRATEGY_SHIFT), price, qty, sid === undefined ? tag! : null, now);
    return { ok: code === 0, reason, code, message };
  }

  #batch(batch: OrderBatch, now: number, out: Uint8Array | undefined, submit: boolean): { out: Uint8Array; accepted: number } {
    if (typeof batch !== 'object' || batch === null) throw new TypeError(`hean: batch must be an object, got ${describe(batch)}`);
    const b = readObject(batch, BATCH_KEYS, 'hean: batch');
    const ids = typed(b.clientIds, Float64Array, 'batch.clientIds');
    const inst = typed(b.instruments, Uint32Array, 'batch.instruments');
    const sides = typed(b.sides, Uint8Array, 'batch.sides');
    const prices = typed(b.prices, Float64Array, 'batch.prices');
    const qtys = typed(b.qtys, Float64Array, 'batch.qtys');
    const flags = b.flags === undefined ? null : typed(b.flags, Uint8Array, 'batch.flags');
    if (b.strategy !== undefined && typeof b.strategy !== 'string') throw new TypeError(`hean: batch.strategy must be a string, got ${describe(b.strategy)}`);
    const o = out === undefined ? new Uint8Array(ids.length) : typed(out, Uint8Array, 'out', true);
    num(now, 'now');
    const tag = (b.strategy as string | undefined) ?? null;
    const accepted = native(() =>
      submit ? this.native.submitBatch(ids, inst, sides, prices, qtys, flags, tag, now, o) : this.native.checkBatch(ids, inst, sides, prices, qtys, flags, tag, now, o),
    );
    return { out: o, accepted };
  }
}

const ORDER_KEYS = ['clientId', 'instrument', 'side', 'type', 'price', 'qty', 'reduceOnly', 'strategy'] as const;
const BATCH_KEYS = ['clientIds', 'instruments', 'sides', 'prices', 'qtys', 'flags', 'strategy'] as const;

function cleanPosition(p: PositionInfo): PositionInfo {
  if (p.strategy === null || p.strategy === undefined) {
    const { strategy: _s, ...rest } = p;
    return rest;
  }
  return p;
}

const RULE_KEYS = ['symbol', 'venue', 'tickSize', 'minPrice', 'maxPrice', 'qtyStep', 'minOrderQty', 'maxOrderQty', 'maxMktOrderQty', 'minNotionalValue', 'priceBand'] as const;

/** @internal Validates instrument rules for the addon. */
export function rulesInput(rules: InstrumentRules): NativeRules {
  if (typeof rules !== 'object' || rules === null) throw new TypeError(`hean: rules must be an object, got ${describe(rules)}`);
  for (const k of keysOf(rules, 'hean: rules')) {
    if (!(RULE_KEYS as readonly string[]).includes(k)) throw new RangeError(`hean: unknown instrument field '${k}'; allowed: ${RULE_KEYS.join(', ')}`);
  }
  const r = readObject(rules, RULE_KEYS, 'hean: rules') as { [K in (typeof RULE_KEYS)[number]]?: unknown };
  if (typeof r.symbol !== 'string' || r.symbol === '') throw new TypeError(`hean: rules.symbol must be a non-empty string, got ${describe(r.symbol)}`);
  if (r.venue !== undefined && typeof r.venue !== 'string') throw new TypeError(`hean: rules.venue must be a string, got ${describe(r.venue)}`);
  const out: NativeRules = { symbol: r.symbol as string, tickSize: decimalLike(r.tickSize, 'rules.tickSize'), qtyStep: decimalLike(r.qtyStep, 'rules.qtyStep') };
  if (r.venue !== undefined) out.venue = r.venue as string;
  for (const k of ['minPrice', 'maxPrice', 'minOrderQty', 'maxOrderQty', 'maxMktOrderQty', 'minNotionalValue'] as const) {
    if (r[k] !== undefined) out[k] = decimalLike(r[k], `rules.${k}`);
  }
  if (r.priceBand !== undefined) out.priceBand = num(r.priceBand, 'rules.priceBand');
  return out;
}

/** The own enumerable entries of a caller's object, each read once and guarded. */
function entriesOf(l: object, what: string): [string, unknown][] {
  return keysOf(l, what).map((k) => [k, reading(`${what}.${k}`, () => (l as Record<string, unknown>)[k])]);
}

function limitsInput(l: InstrumentLimits): object {
  if (typeof l !== 'object' || l === null) throw new TypeError(`hean: limits must be an object, got ${describe(l)}`);
  const out: Record<string, number> = {};
  for (const [k, v] of entriesOf(l, 'hean: limits')) {
    if (!['maxPosition', 'maxNotional', 'maxOrdersPerWindow'].includes(k)) throw new RangeError(`hean: unknown instrument limit '${k}'; allowed: maxPosition, maxNotional, maxOrdersPerWindow`);
    if (v === undefined) continue;
    out[k] = num(v, `limits.${k}`);
    if (k === 'maxOrdersPerWindow' && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 1e6)) throw new RangeError(`hean: limits.maxOrdersPerWindow must be an integer in [0, 1000000], got ${v}`);
  }
  return out;
}

function accountInput(l: AccountLimits): object {
  if (typeof l !== 'object' || l === null) throw new TypeError(`hean: limits must be an object, got ${describe(l)}`);
  const ints = ['maxOpenOrders', 'maxOrdersPerWindow', 'idHistory'];
  const allowed = [...ints, 'maxGrossExposure', 'dailyLossLimit', 'rateWindowMs'];
  const out: Record<string, number> = {};
  for (const [k, v] of entriesOf(l, 'hean: limits')) {
    if (!allowed.includes(k)) throw new RangeError(`hean: unknown account limit '${k}'; allowed: ${allowed.join(', ')}`);
    if (v === undefined) continue;
    out[k] = num(v, `limits.${k}`);
    if (ints.includes(k) && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 2 ** 32 - 1)) throw new RangeError(`hean: limits.${k} must be an integer >= 0, got ${v}`);
  }
  return out;
}
