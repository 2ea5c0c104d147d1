// Reason codes, book statuses, trading states and order flags come from the Rust enums
// (enums.gen.ts, generated from napi-rs's declarations); the addon reports its own lists at
// load time and a mismatch is refused as a stale build. This file adds the helpers.
import { isTyped } from '../core/guard.js';
import { REASON_CODES, type ReasonCode } from './enums.gen.js';

export { BOOK_STATUSES, BookStatus, ORDER_FLAGS, OrderFlag, REASON_CODES, ReasonCode, TRADING_STATE_DOCS, TRADING_STATES } from './enums.gen.js';
export type { TradingState } from './enums.gen.js';

/** First bit of the strategy id in an order's flags word (checked against the addon's `orderStrategyShift` at load). */
export const ORDER_STRATEGY_SHIFT = 8;

/** The name of a numeric reason code. */
export function reasonName(code: number): ReasonCode {
  if (typeof code !== 'number') throw new TypeError(`hean: reason code must be a number, got ${typeof code}`);
  const n = Number.isInteger(code) ? REASON_CODES[code] : undefined;
  if (n === undefined) throw new RangeError(`hean: unknown reason code ${code}`);
  return n;
}

/** Counts of each reason in a batch output, by name (only codes that occur). */
export function countReasons(codes: Uint8Array, n?: number): Partial<Record<ReasonCode, number>> {
  if (!isTyped<Uint8Array>(codes, 'Uint8Array')) throw new TypeError('hean: codes must be a Uint8Array (a batch output)');
  const len = codes.byteLength;
  if (n === undefined) n = len;
  else if (typeof n !== 'number') throw new TypeError(`hean: n must be a number, got ${typeof n}`);
  else if (!Number.isInteger(n) || n < 0 || n > len) throw new RangeError(`hean: n must be an integer in [0, ${len}], got ${n}`);
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[codes[i]!]!++;
  const out: Partial<Record<ReasonCode, number>> = {};
  counts.forEach((c, i) => {
    if (c && i < REASON_CODES.length) out[REASON_CODES[i]!] = c;
  });
  return out;
}

/** Order side. */
export type Side = 'buy' | 'sell';

/** Order type. */
export type OrderType = 'limit' | 'market';

/** @internal 'buy' → 0, 'sell' → 1. */
export function sideCode(s: unknown, what = 'side'): number {
  if (s === 'buy') return 0;
  if (s === 'sell') return 1;
  throw new (typeof s === 'string' ? RangeError : TypeError)(`hean: ${what} must be 'buy' or 'sell', got ${typeof s === 'string' ? `'${s}'` : typeof s}`);
}
