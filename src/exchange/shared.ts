// Shared readers of exchange payloads (not part of the public API).
import { numericCell } from '../core/cells.js';
import { describe, isArray, reading } from '../core/guard.js';
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
