// Applying requests to a RiskEngine: the one code path for live requests and for replaying
// the journal, so a replayed engine reaches exactly the live engine's state.
import { REASON_CODES, TRADING_STATES, type ReasonCode } from '../trading/codes.js';
import type { AccountLimits, InstrumentLimits, InstrumentRules, RiskEngine } from '../trading/risk.js';
import { CODE_ERROR, FLAG_MARKET, FLAG_REDUCE_ONLY, KEY_BIT, Op, orderColumns, WireError, type Segment } from './codec.js';

/** Engine state the service keeps beside the engine (cleared when the engine is restored). */
export class ApplyContext {
  /** Instrument ids by key, as resolved on this engine. */
  readonly ids = new Map<string, number>();
  /** At most this many rejected orders per request get an explanation (the rest: the reason name). */
  maxMessages = 64;
  codes = new Uint8Array(1024);

  /** Forgets what a restore may have changed. */
  reset(): void {
    this.ids.clear();
  }
}

function instrumentOf(e: RiskEngine, ctx: ApplyContext, seg: Segment, v: number): number {
  if (v < KEY_BIT) return v;
  const key = seg.keys[v & 0x7fffffff];
  if (key === undefined) throw new WireError(`instrument key index ${v & 0x7fffffff} is out of the segment's ${seg.keys.length} keys`);
  let id = ctx.ids.get(key);
  if (id === undefined) {
    id = e.instrumentId(key);
    if (id === undefined) return 0xffffffff;
    ctx.ids.set(key, id);
  }
  return id;
}

const msgOf = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Runs the segments of a request held in `buf` (8-aligned) on the engine. Returns the
 * reply codes (in `ctx.codes`), the record count, messages for rejected or failed records,
 * (checks register no strategy tag, so only submits and events change state, and
 * only those are journaled). A throw mid-way is deterministic, so a
 * journaled request replays to the same state.
 */
export function applySegments(e: RiskEngine, ctx: ApplyContext, buf: Uint8Array, segs: readonly Segment[]): { n: number; messages: [number, string][] } {
  let total = 0;
  for (const s of segs) total += s.n;
  if (ctx.codes.length < total) ctx.codes = new Uint8Array(Math.max(total, ctx.codes.length * 2));
  const codes = ctx.codes;
  const messages: [number, string][] = [];
  let k = 0;
  const f64 = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength >>> 3);
  for (const seg of segs) {
    const { n, now } = seg;
    const b = seg.body >>> 3;
    switch (seg.op) {
      case Op.CHECK:
      case Op.SUBMIT: {
        const c = orderColumns(buf, seg);
        for (let i = 0; i < n; i++) c.instruments[i] = instrumentOf(e, ctx, seg, c.instruments[i]!);
        const out = codes.subarray(k, k + n);
        const batch = { clientIds: c.ids, instruments: c.instruments, sides: c.sides, prices: c.prices, qtys: c.qtys, flags: c.flags, ...(seg.strategy === undefined ? {} : { strategy: seg.strategy }) };
        if (seg.op === Op.CHECK) e.checkBatch(batch, now, out);
        else e.submitBatch(batch, now, out);
        for (let i = 0; i < n; i++) {
          if (out[i] === 0) continue;
          let m: string = REASON_CODES[out[i]!] ?? 'Rejected';
          if (messages.length < ctx.maxMessages) {
            // Explained against the state after the segment: exact for checks; for submits the
            // explanation is kept only when it still gives the batch's reason.
            const side = c.sides[i] === 1 ? 'sell' : 'buy';
            const market = (c.flags[i]! & FLAG_MARKET) !== 0;
            const r = e.check({ clientId: c.ids[i]!, instrument: c.instruments[i]!, side, type: market ? 'market' : 'limit', price: c.prices[i]!, qty: c.qtys[i]!, reduceOnly: (c.flags[i]! & FLAG_REDUCE_ONLY) !== 0, ...(seg.strategy === undefined ? {} : { strategy: seg.strategy }) }, now);
            if (r.code === out[i]) m = r.message;
          }
          messages.push([k + i, m]);
        }
        break;
      }
      case Op.FILL:
        for (let i = 0; i < n; i++) {
          const r = b + 5 * i;
          codes[k + i] = attempt(() => e.fill(f64[r]!, f64[r + 1]!, f64[r + 2]!, f64[r + 3]!, f64[r + 4]!), messages, k + i);
        }
        break;
      case Op.CANCEL:
      case Op.REJECT:
        for (let i = 0; i < n; i++) {
          const r = b + 2 * i;
          codes[k + i] = attempt(() => (seg.op === Op.CANCEL ? e.cancel(f64[r]!, f64[r + 1]!) : e.exchangeReject(f64[r]!, f64[r + 1]!)), messages, k + i);
        }
        break;
      case Op.MARK: {
        const inst = new Uint32Array(buf.buffer, buf.byteOffset + seg.body + 16 * n, n);
        for (let i = 0; i < n; i++) {
          const id = instrumentOf(e, ctx, seg, inst[i]!);
          codes[k + i] = attempt(() => e.mark(id, f64[b + i]!, f64[b + n + i]!), messages, k + i);
        }
        break;
      }
      case Op.TICK:
        for (let i = 0; i < n; i++) codes[k + i] = attempt(() => e.tick(f64[b + i]!), messages, k + i);
        break;
      case Op.CHECK_CANCEL:
        for (let i = 0; i < n; i++) {
          const id = f64[b + i]!;
          codes[k + i] = Number.isSafeInteger(id) && id >= 0 ? REASON_CODES.indexOf(e.checkCancel(id)) : REASON_CODES.indexOf('UnknownOrder');
        }
        break;
    }
    k += n;
  }
  return { n: total, messages };
}

function attempt(f: () => void, messages: [number, string][], i: number): number {
  try {
    f();
    return 0;
  } catch (err) {
    messages.push([i, msgOf(err)]);
    return CODE_ERROR;
  }
}

/** Admin operations, by the last token of their subject. */
export const ADMIN_OPS = ['state', 'limits', 'instrument', 'restore'] as const;

/** An admin operation. */
export type AdminOp = (typeof ADMIN_OPS)[number];

/** Body of an admin `state` request. */
export interface StateChange {
  state: (typeof TRADING_STATES)[number];
  ts: number;
}

/** Body of an admin `limits` request: account limits, or one instrument's. */
export type LimitsChange = { account: AccountLimits } | { instrument: number | string; limits: InstrumentLimits };

/** Body of an admin `instrument` request. */
export interface InstrumentAdd {
  rules: InstrumentRules;
  limits?: InstrumentLimits;
}

/** Applies an admin operation (JSON body already parsed; `restore` takes bytes). Throws as the engine does, changing nothing. */
export function applyAdmin(e: RiskEngine, ctx: ApplyContext, op: string, body: unknown, raw: Uint8Array): unknown {
  const o = body as Record<string, unknown>;
  switch (op) {
    case 'state':
      e.setState(o.state as StateChange['state'], o.ts as number);
      return null;
    case 'limits':
      if (o.account !== undefined) e.setAccountLimits(o.account as AccountLimits);
      else e.setInstrumentLimits(o.instrument as number | string, o.limits as InstrumentLimits);
      return null;
    case 'instrument':
      return e.addInstrument(o.rules as InstrumentRules, o.limits as InstrumentLimits | undefined);
    case 'restore':
      e.restore(raw);
      ctx.reset();
      return null;
    default:
      throw new WireError(`unknown admin operation '${op}'`);
  }
}

/** Read-only queries of the `query` endpoint. */
export const QUERIES = ['account', 'positions', 'strategyPositions', 'openOrders', 'strategyStats', 'dailyPnl', 'instrument', 'instrumentId', 'instrumentCount', 'state', 'roundPrice', 'roundQty', 'priceString', 'qtyString'] as const;

/** A read-only query name. */
export type Query = (typeof QUERIES)[number];

/** Runs a read-only query. */
export function runQuery(e: RiskEngine, q: string, args: unknown[]): unknown {
  if (!(QUERIES as readonly string[]).includes(q)) throw new WireError(`unknown query '${q}'; one of ${QUERIES.join(', ')}`);
  if (!Array.isArray(args)) throw new WireError('query args must be an array');
  if (q === 'instrumentCount') return e.instrumentCount;
  if (q === 'state') return e.state;
  const f = (e as unknown as Record<string, (...a: unknown[]) => unknown>)[q]!;
  return f.apply(e, args);
}

/** The reason code's name (for replies). */
export const reasonOf = (code: number): ReasonCode => REASON_CODES[code] ?? 'InvalidInput';
