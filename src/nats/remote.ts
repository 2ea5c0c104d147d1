// RemoteRiskEngine: RiskEngine's surface over NATS, async. Calls made in the same tick are
// queued and sent at the end of it: consecutive calls of one endpoint go in one request,
// as segments of columns (one per run of the same operation, strategy tag and time).
import type { NatsConnection } from '@nats-io/transport-node';
import { REASON_CODES, TRADING_STATES, type ReasonCode, type Side, type TradingState } from '../trading/codes.js';
import type {
  AccountLimits,
  AccountSummary,
  CheckResult,
  DailyPnl,
  InstrumentInfo,
  InstrumentLimits,
  InstrumentRules,
  OpenOrderInfo,
  OrderBatch,
  OrderRequest,
  PositionInfo,
  StrategyStats,
} from '../trading/risk.js';
import type { DecimalLike } from '../trading/addon.js';
import { CODE_ERROR, decodeReply, encodeRequest, FLAG_MARKET, FLAG_REDUCE_ONLY, FLAG_SELL, KEY_BIT, Op, type OutSegment } from './codec.js';
import { REMOTE_BATCH_SPANS, REMOTE_CHECK_SPAN, REMOTE_SUBMIT_SPAN, tracedAsync, tracing } from '../telemetry.js';
import { bytesJson, jsonBytes } from './json.js';
import { riskNames, type RiskNames } from './names.js';

/** Options of {@link RemoteRiskEngine}. */
export interface RemoteRiskOptions {
  /** Risk domain name (as given to serveRisk). Default `'risk'`. */
  name?: string;
  /** Request timeout in ms (default 5000). */
  timeout?: number;
}

/** An error reply of the risk service (its `Nats-Service-Error-Code` and text). */
export class RiskServiceError extends Error {
  /** The service error code (400 bad request, 413 too large, 503 journal unavailable, …). */
  readonly code: number;
  /** @internal */
  constructor(code: number, message: string) {
    super(`hean: risk service error ${code}: ${message}`);
    this.name = 'RiskServiceError';
    this.code = code;
  }
}

type Endpoint = 'check' | 'submit' | 'fill' | 'cancel' | 'mark';
const ENDPOINT_OF: Record<number, Endpoint> = { [Op.CHECK]: 'check', [Op.CHECK_CANCEL]: 'check', [Op.SUBMIT]: 'submit', [Op.FILL]: 'fill', [Op.CANCEL]: 'cancel', [Op.REJECT]: 'cancel', [Op.MARK]: 'mark', [Op.TICK]: 'mark' };

/** One queued call: its record's numbers, and how to settle it from a reply code. */
interface Call {
  op: number;
  now: number;
  strategy: string | undefined;
  /** Instrument id or key. */
  inst: number | string;
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  side: number;
  flags: number;
  settle(code: number, message: string | undefined): void;
  fail(e: unknown): void;
}

const isNum = (x: unknown, what: string): number => {
  if (typeof x !== 'number') throw new TypeError(`hean: ${what} must be a number, got ${x === null ? 'null' : typeof x}`);
  return x;
};

function sideOf(s: unknown, what: string): number {
  if (s === 'buy') return 0;
  if (s === 'sell') return 1;
  throw new (typeof s === 'string' ? RangeError : TypeError)(`hean: ${what} must be 'buy' or 'sell', got ${typeof s === 'string' ? `'${s}'` : typeof s}`);
}

function instOf(x: unknown, what: string): number | string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) && x >= 0 && x < KEY_BIT ? x : 0xffffffff;
  throw new TypeError(`hean: ${what} must be an id or a key string, got ${x === null ? 'null' : typeof x}`);
}

/**
 * A client of a risk service started by {@link serveRisk}, with {@link RiskEngine}'s
 * methods, each returning a promise. Uses the caller's connection (never opens one).
 * Orders, fills, cancels and marks made in the same tick are coalesced into one request
 * per endpoint, in call order; queries and admin calls are one request each.
 *
 * @example
 * ```ts
 * const risk = new RemoteRiskEngine(nc, { name: 'main' });
 * const results = await Promise.all(orders.map((o) => risk.submit(o, Date.now())));
 * ```
 */
export class RemoteRiskEngine {
  /** Subjects in use. */
  readonly names: RiskNames;
  readonly #nc: NatsConnection;
  readonly #timeout: number;
  #queue: Call[] = [];
  #scheduled = false;

  /** A client on connection `nc` for the risk domain `options.name`. */
  constructor(nc: NatsConnection, options: RemoteRiskOptions = {}) {
    if (typeof nc !== 'object' || nc === null || typeof (nc as { request?: unknown }).request !== 'function') throw new TypeError('hean: nc must be a NATS connection (from @nats-io/transport-node connect())');
    this.#nc = nc;
    this.names = riskNames(options.name ?? 'risk');
    this.#timeout = options.timeout ?? 5000;
  }

  /** Checks an order against the service's current state (changes nothing). Never rejects for bad order values: they come back as a reason. */
  check(order: OrderRequest, now: number): Promise<CheckResult> {
    return tracing() ? tracedAsync(REMOTE_CHECK_SPAN, order, this, this.#order, Op.CHECK, order, now) : this.#order(Op.CHECK, order, now);
  }

  /**
   * Like {@link RemoteRiskEngine.check}; an accepted order becomes an open order. Resolves
   * once the event is journaled. The service submits a tick's orders as one batch, so the
   * `message` of a rejected order is explained against the state after that batch (its
   * `code` and `reason` are exact).
   */
  submit(order: OrderRequest, now: number): Promise<CheckResult> {
    return tracing() ? tracedAsync(REMOTE_SUBMIT_SPAN, order, this, this.#order, Op.SUBMIT, order, now) : this.#order(Op.SUBMIT, order, now);
  }

  /** Checks a batch (none accepted); resolves to the reason codes. */
  checkBatch(batch: OrderBatch, now: number): Promise<Uint8Array> {
    return tracing() ? tracedAsync(REMOTE_BATCH_SPANS.check, batch, this, this.#batch, Op.CHECK, batch, now) : this.#batch(Op.CHECK, batch, now);
  }

  /** Submits a batch in order (later orders see the earlier accepted ones); resolves to the reason codes. */
  submitBatch(batch: OrderBatch, now: number): Promise<Uint8Array> {
    return tracing() ? tracedAsync(REMOTE_BATCH_SPANS.submit, batch, this, this.#batch, Op.SUBMIT, batch, now) : this.#batch(Op.SUBMIT, batch, now);
  }

  /** Whether a cancel may be sent: `'Accepted'` if the order is open, else `'UnknownOrder'`. */
  checkCancel(clientId: number): Promise<ReasonCode> {
    return this.#record(Op.CHECK_CANCEL, 0, undefined, 0, isNum(clientId, 'clientId'), 0, 0, 0, 0).then((c) => REASON_CODES[c] ?? 'UnknownOrder');
  }

  /** The exchange filled `qty` of an open order at `price`, charging `fee`. */
  fill(clientId: number, qty: number, price: number, fee: number, ts: number): Promise<void> {
    return this.#record(Op.FILL, 0, undefined, 0, isNum(clientId, 'clientId'), isNum(qty, 'qty'), isNum(price, 'price'), isNum(fee, 'fee'), isNum(ts, 'ts')).then(() => undefined);
  }

  /** The exchange cancelled (the rest of) an open order. */
  cancel(clientId: number, ts: number): Promise<void> {
    return this.#record(Op.CANCEL, 0, undefined, 0, isNum(clientId, 'clientId'), isNum(ts, 'ts'), 0, 0, 0).then(() => undefined);
  }

  /** The exchange rejected an order we had accepted. */
  exchangeReject(clientId: number, ts: number): Promise<void> {
    return this.#record(Op.REJECT, 0, undefined, 0, isNum(clientId, 'clientId'), isNum(ts, 'ts'), 0, 0, 0).then(() => undefined);
  }

  /** A new mark price. */
  mark(instrument: number | string, price: number, ts: number): Promise<void> {
    return this.#record(Op.MARK, 0, undefined, instOf(instrument, 'instrument'), isNum(price, 'price'), isNum(ts, 'ts'), 0, 0, 0).then(() => undefined);
  }

  /** Moves the clock. */
  tick(ts: number): Promise<void> {
    return this.#record(Op.TICK, 0, undefined, 0, isNum(ts, 'ts'), 0, 0, 0, 0).then(() => undefined);
  }

  /** Sets the trading state (kill switch). An admin subject: needs the admin permission. */
  setState(state: TradingState, ts: number): Promise<void> {
    if (!TRADING_STATES.includes(state)) return Promise.reject(new RangeError(`hean: state must be one of ${TRADING_STATES.join(', ')}, got ${String(state)}`));
    return this.#admin('state', { state, ts }).then(() => undefined);
  }

  /** Replaces the account limits (admin). */
  setAccountLimits(limits: AccountLimits): Promise<void> {
    return this.#admin('limits', { account: limits }).then(() => undefined);
  }

  /** Replaces an instrument's limits (admin). */
  setInstrumentLimits(instrument: number | string, limits: InstrumentLimits): Promise<void> {
    return this.#admin('limits', { instrument, limits }).then(() => undefined);
  }

  /** Registers an instrument (admin); resolves to its id. */
  addInstrument(rules: InstrumentRules, limits?: InstrumentLimits): Promise<number> {
    return this.#admin('instrument', limits === undefined ? { rules } : { rules, limits }) as Promise<number>;
  }

  /** Replaces the service's state with a snapshot's (admin; journaled, so the snapshot must fit in one message). */
  async restore(bytes: Uint8Array): Promise<void> {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('hean: snapshot must be a Uint8Array');
    await this.#request(`${this.names.prefix}.admin.restore`, bytes);
  }

  /** The service engine's snapshot bytes. */
  async snapshot(): Promise<Uint8Array> {
    return this.#request(`${this.names.prefix}.snapshot`, new Uint8Array(0));
  }

  /** Trading state. */
  get state(): Promise<TradingState> {
    return this.#query('state') as Promise<TradingState>;
  }

  /** Number of registered instruments. */
  get instrumentCount(): Promise<number> {
    return this.#query('instrumentCount') as Promise<number>;
  }

  /** Id of an instrument by key, or undefined. */
  async instrumentId(key: string): Promise<number | undefined> {
    return ((await this.#query('instrumentId', key)) as number | null) ?? undefined;
  }

  /** An instrument's rules and limits. */
  instrument(instrument: number | string): Promise<InstrumentInfo> {
    return this.#query('instrument', instrument) as Promise<InstrumentInfo>;
  }

  /** Account summary. */
  account(): Promise<AccountSummary> {
    return this.#query('account') as Promise<AccountSummary>;
  }

  /** Account positions. */
  positions(): Promise<PositionInfo[]> {
    return this.#query('positions') as Promise<PositionInfo[]>;
  }

  /** Positions per (instrument, strategy tag). */
  strategyPositions(): Promise<PositionInfo[]> {
    return this.#query('strategyPositions') as Promise<PositionInfo[]>;
  }

  /** Open orders. */
  openOrders(): Promise<OpenOrderInfo[]> {
    return this.#query('openOrders') as Promise<OpenOrderInfo[]>;
  }

  /** Per-strategy statistics. */
  strategyStats(): Promise<StrategyStats[]> {
    return this.#query('strategyStats') as Promise<StrategyStats[]>;
  }

  /** Realised PnL per UTC day and strategy. */
  dailyPnl(): Promise<DailyPnl[]> {
    return this.#query('dailyPnl') as Promise<DailyPnl[]>;
  }

  /** Rounds a price onto the instrument's tick, side-aware. */
  roundPrice(instrument: number | string, price: number, side: Side | 'nearest'): Promise<number> {
    return this.#query('roundPrice', instrument, price, side) as Promise<number>;
  }

  /** Rounds a quantity down to the instrument's step. */
  roundQty(instrument: number | string, qty: number): Promise<number> {
    return this.#query('roundQty', instrument, qty) as Promise<number>;
  }

  /** {@link RemoteRiskEngine.roundPrice} as an exact decimal string. */
  priceString(instrument: number | string, price: DecimalLike, side: Side | 'nearest'): Promise<string> {
    return this.#query('priceString', instrument, price, side) as Promise<string>;
  }

  /** {@link RemoteRiskEngine.roundQty} as an exact decimal string. */
  qtyString(instrument: number | string, qty: DecimalLike): Promise<string> {
    return this.#query('qtyString', instrument, qty) as Promise<string>;
  }

  /** Sends the calls queued in this tick now (normally done at the end of the tick). */
  flush(): void {
    this.#scheduled = false;
    const q = this.#queue;
    if (q.length === 0) return;
    this.#queue = [];
    // Runs of one endpoint become one request each, in call order.
    let start = 0;
    for (let i = 1; i <= q.length; i++) {
      if (i === q.length || ENDPOINT_OF[q[i]!.op] !== ENDPOINT_OF[q[start]!.op]) {
        this.#send(ENDPOINT_OF[q[start]!.op]!, q.slice(start, i));
        start = i;
      }
    }
  }

  #send(endpoint: Endpoint, calls: Call[]): void {
    const segs: OutSegment[] = [];
    let s = 0;
    for (let i = 1; i <= calls.length; i++) {
      const a = calls[s]!;
      const b = calls[i];
      if (b && b.op === a.op && b.strategy === a.strategy && Object.is(b.now, a.now)) continue;
      segs.push(segment(calls.slice(s, i)));
      s = i;
    }
    let body: Uint8Array;
    try {
      body = encodeRequest(segs);
    } catch (e) {
      for (const c of calls) c.fail(e);
      return;
    }
    this.#nc.request(`${this.names.prefix}.${endpoint}`, body, { timeout: this.#timeout }).then(
      (m) => {
        const err = serviceError(m.headers);
        if (err) {
          for (const c of calls) c.fail(err);
          return;
        }
        const { codes, messages } = decodeReply(m.data);
        for (let i = 0; i < calls.length; i++) calls[i]!.settle(codes[i]!, messages.get(i));
      },
      (e) => {
        for (const c of calls) c.fail(e);
      },
    );
  }

  #enqueue(c: Call): void {
    this.#queue.push(c);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  #record(op: number, now: number, strategy: string | undefined, inst: number | string, a: number, b: number, c: number, d: number, e: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#enqueue({
        op,
        now,
        strategy,
        inst,
        a,
        b,
        c,
        d,
        e,
        side: 0,
        flags: 0,
        settle: (code, message) => (code === CODE_ERROR ? reject(remoteError(message ?? 'failed')) : resolve(code)),
        fail: reject,
      });
    });
  }

  #order(op: number, order: OrderRequest, now: number): Promise<CheckResult> {
    return new Promise((resolve, reject) => {
      if (typeof order !== 'object' || order === null) throw new TypeError(`hean: order must be an object, got ${order === null ? 'null' : typeof order}`);
      const clientId = isNum(order.clientId, 'order.clientId');
      const inst = instOf(order.instrument, 'order.instrument');
      const side = sideOf(order.side, 'order.side');
      const type = order.type ?? 'limit';
      if (type !== 'limit' && type !== 'market') throw new RangeError(`hean: order.type must be 'limit' or 'market', got ${String(type)}`);
      const price = order.price === undefined && type === 'market' ? NaN : isNum(order.price, 'order.price');
      const qty = isNum(order.qty, 'order.qty');
      if (order.reduceOnly !== undefined && typeof order.reduceOnly !== 'boolean') throw new TypeError('hean: order.reduceOnly must be a boolean');
      if (order.strategy !== undefined && typeof order.strategy !== 'string') throw new TypeError('hean: order.strategy must be a string');
      isNum(now, 'now');
      const flags = (side === 1 ? FLAG_SELL : 0) | (order.reduceOnly ? FLAG_REDUCE_ONLY : 0) | (type === 'market' ? FLAG_MARKET : 0);
      this.#enqueue({
        op,
        now,
        strategy: order.strategy,
        inst,
        a: clientId,
        b: price,
        c: qty,
        d: 0,
        e: 0,
        side,
        flags,
        settle: (code, message) => {
          const reason = REASON_CODES[code] ?? 'InvalidInput';
          resolve({ ok: code === 0, reason, code, message: code === 0 ? 'accepted' : (message ?? reason) });
        },
        fail: reject,
      });
    });
  }

  async #batch(op: number, batch: OrderBatch, now: number): Promise<Uint8Array> {
    if (typeof batch !== 'object' || batch === null) throw new TypeError('hean: batch must be an object');
    const { clientIds, instruments, sides, prices, qtys, flags } = batch;
    if (!(clientIds instanceof Float64Array)) throw new TypeError('hean: batch.clientIds must be a Float64Array');
    if (!(instruments instanceof Uint32Array)) throw new TypeError('hean: batch.instruments must be a Uint32Array');
    if (!(sides instanceof Uint8Array)) throw new TypeError('hean: batch.sides must be a Uint8Array');
    if (!(prices instanceof Float64Array)) throw new TypeError('hean: batch.prices must be a Float64Array');
    if (!(qtys instanceof Float64Array)) throw new TypeError('hean: batch.qtys must be a Float64Array');
    if (flags !== undefined && !(flags instanceof Uint8Array)) throw new TypeError('hean: batch.flags must be a Uint8Array');
    const n = clientIds.length;
    for (const [k, a] of [['instruments', instruments], ['sides', sides], ['prices', prices], ['qtys', qtys], ['flags', flags ?? sides]] as const)
      if (a.length !== n) throw new RangeError(`hean: batch.${k} has ${a.length} entries, clientIds has ${n}`);
    isNum(now, 'now');
    if (batch.strategy !== undefined && typeof batch.strategy !== 'string') throw new TypeError('hean: batch.strategy must be a string');
    for (let i = 0; i < n; i++) if (instruments[i]! >= KEY_BIT) throw new RangeError(`hean: batch.instruments[${i}] must be < 2^31`);
    const seg: OutSegment = {
      op,
      now,
      strategy: batch.strategy,
      keys: [],
      n,
      write(_dv, u8, at) {
        const ab = u8.buffer;
        new Float64Array(ab, at, n).set(clientIds);
        new Float64Array(ab, at + 8 * n, n).set(prices);
        new Float64Array(ab, at + 16 * n, n).set(qtys);
        new Uint32Array(ab, at + 24 * n, n).set(instruments);
        u8.set(sides, at + 28 * n);
        // No flags: limit orders, the Sell bit from the side (the engine's batch default).
        u8.set(flags ?? sides, at + 29 * n);
      },
    };
    const reply = await this.#request(`${this.names.prefix}.${op === Op.CHECK ? 'check' : 'submit'}`, encodeRequest([seg]));
    return new Uint8Array(decodeReply(reply).codes);
  }

  async #request(subject: string, body: Uint8Array): Promise<Uint8Array> {
    const m = await this.#nc.request(subject, body, { timeout: this.#timeout });
    const err = serviceError(m.headers);
    if (err) throw err;
    return m.data;
  }

  async #query(q: string, ...args: unknown[]): Promise<unknown> {
    return bytesJson(await this.#request(`${this.names.prefix}.query`, jsonBytes({ q, args })));
  }

  async #admin(op: string, body: unknown): Promise<unknown> {
    return bytesJson(await this.#request(`${this.names.prefix}.admin.${op}`, jsonBytes(body)));
  }
}

/** The error of a reply's service-error headers, if any. */
function serviceError(h: { get(k: string): string } | undefined): Error | undefined {
  const code = h?.get('Nats-Service-Error-Code');
  if (!code) return undefined;
  const text = h!.get('Nats-Service-Error');
  if (code === '400' && /^(RangeError|TypeError): /.test(text)) return remoteError(text);
  return new RiskServiceError(Number(code), text);
}

/** The engine's own error class (RangeError / TypeError) for a remote record that threw. */
function remoteError(message: string): Error {
  const m = /^(RangeError|TypeError): (.*)$/s.exec(message);
  if (m) return m[1] === 'RangeError' ? new RangeError(m[2]) : new TypeError(m[2]);
  return new RiskServiceError(400, message);
}

/** One segment from a run of calls of the same op, strategy and time. */
function segment(calls: Call[]): OutSegment {
  const first = calls[0]!;
  const n = calls.length;
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const instOfCall = (c: Call): number => {
    if (typeof c.inst === 'number') return c.inst;
    let k = keyIndex.get(c.inst);
    if (k === undefined) keyIndex.set(c.inst, (k = keys.push(c.inst) - 1));
    return (KEY_BIT | k) >>> 0;
  };
  const insts = calls.map(instOfCall);
  return {
    op: first.op,
    now: first.now,
    strategy: first.strategy,
    keys,
    n,
    write(dv, u8, at) {
      switch (first.op) {
        case Op.CHECK:
        case Op.SUBMIT:
          for (let i = 0; i < n; i++) {
            const c = calls[i]!;
            dv.setFloat64(at + 8 * i, c.a, true);
            dv.setFloat64(at + 8 * (n + i), c.b, true);
            dv.setFloat64(at + 8 * (2 * n + i), c.c, true);
            dv.setUint32(at + 24 * n + 4 * i, insts[i]!, true);
            u8[at + 28 * n + i] = c.side;
            u8[at + 29 * n + i] = c.flags;
          }
          break;
        case Op.FILL:
          for (let i = 0; i < n; i++) {
            const c = calls[i]!;
            const r = at + 40 * i;
            dv.setFloat64(r, c.a, true);
            dv.setFloat64(r + 8, c.b, true);
            dv.setFloat64(r + 16, c.c, true);
            dv.setFloat64(r + 24, c.d, true);
            dv.setFloat64(r + 32, c.e, true);
          }
          break;
        case Op.CANCEL:
        case Op.REJECT:
          for (let i = 0; i < n; i++) {
            dv.setFloat64(at + 16 * i, calls[i]!.a, true);
            dv.setFloat64(at + 16 * i + 8, calls[i]!.b, true);
          }
          break;
        case Op.MARK:
          for (let i = 0; i < n; i++) {
            dv.setFloat64(at + 8 * i, calls[i]!.a, true);
            dv.setFloat64(at + 8 * (n + i), calls[i]!.b, true);
            dv.setUint32(at + 16 * n + 4 * i, insts[i]!, true);
          }
          break;
        default: // TICK, CHECK_CANCEL
          for (let i = 0; i < n; i++) dv.setFloat64(at + 8 * i, calls[i]!.a, true);
      }
    },
  };
}
