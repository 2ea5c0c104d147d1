// Reason codes and book statuses: the names of the Rust enums, in code order. The addon
// reports its own list at load time and a mismatch is refused as a stale build, so JS code
// can switch on these names safely.
import { isTyped } from '../core/guard.js';

/** Names of the Rust `ReasonCode` enum, indexed by numeric code. */
export const REASON_CODES = [
  'Accepted',
  'UnknownInstrument',
  'TradingHalted',
  'TradingReducing',
  'InvalidPrice',
  'InvalidQuantity',
  'PriceOffTick',
  'QtyOffStep',
  'PriceOutOfRange',
  'QtyBelowMin',
  'QtyAboveMax',
  'QtyAboveMaxMarket',
  'NotionalBelowMin',
  'NotionalAboveMax',
  'PriceBandExceeded',
  'NoReferencePrice',
  'ReduceOnlyWouldIncrease',
  'PositionLimit',
  'GrossExposureLimit',
  'MaxOpenOrders',
  'DailyLossLimit',
  'RateLimitAccount',
  'RateLimitSymbol',
  'DuplicateClientOrderId',
  'SelfTrade',
  'InvalidInput',
  'UnknownOrder',
] as const;

/** Why a pre-trade check rejected an order (or `'Accepted'`). */
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Numeric value of each reason code, as written into batch outputs:
 * `out[i] === ReasonCode.SelfTrade`.
 */
export const ReasonCode: { readonly [K in ReasonCode]: number } = Object.freeze(
  Object.fromEntries(REASON_CODES.map((n, i) => [n, i])) as { [K in ReasonCode]: number },
);

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

/** Names of the Rust `BookStatus` enum, indexed by numeric status. */
export const BOOK_STATUSES = ['Ok', 'Stale', 'Gap', 'Crossed', 'Invalid', 'Old'] as const;

/**
 * What happened to a book message: applied (`Ok`), ignored because the book waits for a
 * snapshot (`Stale`) or is newer than the update (`Old`), or refused — `Gap` (update id did
 * not follow), `Crossed`, `Invalid` — after which the book is stale until the next snapshot.
 */
export type BookStatus = (typeof BOOK_STATUSES)[number];

/** Numeric value of each book status, as written by `OrderBook.applyDeltas`. */
export const BookStatus: { readonly [K in BookStatus]: number } = Object.freeze(
  Object.fromEntries(BOOK_STATUSES.map((n, i) => [n, i])) as { [K in BookStatus]: number },
);

/** Trading state of the account (the kill switch). */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/** @internal */
export const TRADING_STATES: readonly TradingState[] = ['ACTIVE', 'REDUCING', 'HALTED'];

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
