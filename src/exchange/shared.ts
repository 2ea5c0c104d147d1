// Shared readers of exchange payloads (not part of the public API).
import { numericCell } from '../core/cells.js';
import { describe, isArray, readObject, reading } from '../core/guard.js';
import { OrderBook } from '../trading/book.js';

/** A caller's plain object, or a TypeError naming `what`. */
export function objectOf(x: unknown, what: string): Record<string, unknown> {
  if (x === null || typeof x !== 'object' || isArray(x, what)) throw new TypeError(`${what} must be an object, got ${describe(x)}`);
  return x as Record<string, unknown>;
}

/** Throws a TypeError unless `book` is an OrderBook. */
export function bookArg(book: unknown, fn: string): asserts book is OrderBook {
  // instanceof runs a proxy's getPrototypeOf trap: guard it like any read of a caller's value.
  if (!reading(`${fn}: book`, () => book instanceof OrderBook)) throw new TypeError(`${fn}: book must be an OrderBook, got ${describe(book)}`);
}

/** The book's symbol, read through the guard (the book may be a proxy). */
export function bookSymbol(book: OrderBook, fn: string): string {
  return reading(`${fn}: book.symbol`, () => book.symbol);
}

/** `[["price", "size"], …]` → price and size columns; TypeError naming `data.b[i]` for a malformed level. */
export function levelColumns(levels: unknown, what: string): [Float64Array, Float64Array] {
  if (!isArray(levels, what)) throw new TypeError(`${what} must be an array of [price, size], got ${describe(levels)}`);
  const n = reading(what, () => levels.length);
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = reading(`${what}[${i}]`, () => levels[i]);
    if (!isArray(l, `${what}[${i}]`) || reading(`${what}[${i}]`, () => l.length) < 2) throw new TypeError(`${what}[${i}] must be [price, size], got ${describe(l)}`);
    p[i] = numericCell(reading(`${what}[${i}]`, () => l[0]), `${what}[${i}][0]`);
    s[i] = numericCell(reading(`${what}[${i}]`, () => l[1]), `${what}[${i}][1]`);
  }
  return [p, s];
}

/** Options of applying an exchange's order-book message ({@link applyBybitOrderBook}, {@link applyCcxtOrderBook}). */
export interface BookMessageOptions {
  /** Skip the check that the message's symbol (Bybit `data.s`, ccxt `symbol`) is the book's `symbol`. */
  ignoreSymbol?: boolean;
}

/**
 * The start every apply…OrderBook shares: checks `book` and reads `options`, then returns
 * the symbol check for the message's symbol (`what` names the message in the error;
 * an absent symbol, or `ignoreSymbol`, passes).
 */
export function bookMessage(book: unknown, options: unknown, fn: string): (symbol: unknown, what: string) => void {
  bookArg(book, fn);
  const { ignoreSymbol } = readObject(options, ['ignoreSymbol'], `${fn}: options`);
  return (symbol, what) => {
    if (ignoreSymbol || symbol === undefined) return;
    const own = bookSymbol(book, fn);
    if (symbol !== own) throw new RangeError(`${fn}: ${what} is for ${describe(symbol)}, the book for '${own}' (pass { ignoreSymbol: true } if the names differ on purpose)`);
  };
}

/** Both sides' `[price, size]` levels → `{ prices, sizes }` per side, errors naming `bidsWhat[i]` / `asksWhat[i]`. */
export function bookSides(bids: unknown, asks: unknown, bidsWhat: string, asksWhat: string): [{ prices: Float64Array; sizes: Float64Array }, { prices: Float64Array; sizes: Float64Array }] {
  const [bp, bs] = levelColumns(bids, bidsWhat);
  const [ap, as] = levelColumns(asks, asksWhat);
  return [
    { prices: bp, sizes: bs },
    { prices: ap, sizes: as },
  ];
}
