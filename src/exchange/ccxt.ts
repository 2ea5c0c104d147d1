// ccxt structures → hean: `exchange.markets` entries → InstrumentRules (precision in either
// counting mode), order books from fetchOrderBook / watchOrderBook → OrderBook. OHLCV rows
// (fetchOHLCV) → columns is `toColumns` (src/market/columns.ts).
import { describe, isArray, keysOf, readObject, reading } from '../core/guard.js';
import type { OrderBook } from '../trading/book.js';
import type { InstrumentRules } from '../trading/risk.js';
import { decimalField, digitsToStep } from './decimal.js';
import { bookMessage, bookSides, objectOf, type BookMessageOptions } from './shared.js';

/**
 * ccxt's `exchange.precisionMode`: what `market.precision.price` and `.amount` count.
 * `'TICK_SIZE'` (ccxt's constant 4; most exchanges since ccxt 4): the step itself (0.01);
 * `'DECIMAL_PLACES'` (constant 2): digits after the point (2 → 0.01; -1 → multiples of 10).
 * `SIGNIFICANT_DIGITS` (3) has no fixed step and is refused.
 */
export type CcxtPrecisionMode = 'TICK_SIZE' | 'DECIMAL_PLACES' | 4 | 2;

/** Options of {@link fromCcxtMarket} and {@link fromCcxtMarkets}. */
export interface CcxtMarketOptions {
  /** `exchange.precisionMode` (required: the same number means a step in one mode and digits in the other). */
  precisionMode: CcxtPrecisionMode;
  /** `venue` of the rules (instruments are keyed `venue:symbol` when given), e.g. `exchange.id`. Default: none. */
  venue?: string;
  /** Use the exchange's market id (`BTCUSDT`) as the rules' symbol instead of ccxt's unified symbol (`BTC/USDT:USDT`). */
  useId?: boolean;
}

function modeOf(x: unknown, fn: string): 'tick' | 'digits' {
  if (x === 'TICK_SIZE' || x === 4) return 'tick';
  if (x === 'DECIMAL_PLACES' || x === 2) return 'digits';
  if (x === 'SIGNIFICANT_DIGITS' || x === 3) throw new RangeError(`${fn}: precisionMode SIGNIFICANT_DIGITS has no fixed tick or step, so it can't become instrument rules`);
  throw new RangeError(`${fn}: options.precisionMode must be 'TICK_SIZE' (4) or 'DECIMAL_PLACES' (2), as exchange.precisionMode; got ${describe(x)}`);
}

function market(m: unknown, mode: 'tick' | 'digits', venue: unknown, useId: unknown, fn: string, at: string): InstrumentRules {
  const mk = readObject(objectOf(m, `${fn}: ${at}`), ['id', 'symbol', 'precision', 'limits'], `${fn}: ${at}`);
  const symbol = useId ? mk.id : mk.symbol;
  if (typeof symbol !== 'string' || symbol === '') throw new TypeError(`${fn}: ${at}.${useId ? 'id' : 'symbol'} must be a non-empty string, got ${describe(symbol)}`);
  if (venue !== undefined && typeof venue !== 'string') throw new TypeError(`${fn}: options.venue must be a string, got ${describe(venue)}`);
  const prec = readObject(objectOf(mk.precision, `${fn}: ${at}.precision`), ['price', 'amount'], `${fn}: ${at}.precision`);
  const step = (v: unknown, field: string): string => {
    const what = `${fn}: ${at}.precision.${field}`;
    if (v === undefined || v === null) throw new RangeError(`${what} is missing (ccxt leaves it undefined when the exchange doesn't say); the rules need it`);
    if (mode === 'tick') return decimalField(v, what, true)!;
    if (typeof v !== 'number') throw new TypeError(`${what} must be a number of decimal places (precisionMode DECIMAL_PLACES), got ${describe(v)}`);
    return digitsToStep(v, what);
  };
  const rules: InstrumentRules = { symbol, tickSize: step(prec.price, 'price'), qtyStep: step(prec.amount, 'amount') };
  if (venue !== undefined) rules.venue = venue;
  const limits = mk.limits === undefined || mk.limits === null ? {} : readObject(objectOf(mk.limits, `${fn}: ${at}.limits`), ['amount', 'price', 'cost'], `${fn}: ${at}.limits`);
  const range = (key: 'amount' | 'price' | 'cost') => {
    const r = limits[key];
    if (r === undefined || r === null) return {};
    const mm = readObject(objectOf(r, `${fn}: ${at}.limits.${key}`), ['min', 'max'], `${fn}: ${at}.limits.${key}`);
    return { min: decimalField(mm.min, `${fn}: ${at}.limits.${key}.min`, false), max: decimalField(mm.max, `${fn}: ${at}.limits.${key}.max`, false) };
  };
  const amount = range('amount');
  const price = range('price');
  const cost = range('cost');
  // Zero means "no limit" in ccxt's limits (a 0 minimum only restates the step), so it is left out.
  const put = (key: keyof InstrumentRules, v: string | undefined) => {
    if (v !== undefined && Number(v) > 0) (rules as unknown as Record<string, string>)[key] = v;
  };
  put('minOrderQty', amount.min);
  put('maxOrderQty', amount.max);
  put('minPrice', price.min);
  put('maxPrice', price.max);
  put('minNotionalValue', cost.min);
  return rules;
}

/**
 * One ccxt market (`exchange.markets[symbol]`, the Manual's *Market Structure*) → hean's
 * {@link InstrumentRules}: `precision.price` → `tickSize`, `precision.amount` → `qtyStep`
 * (in `DECIMAL_PLACES` mode the digit count becomes the exact step string, 3 → "0.001",
 * never through float math; in `TICK_SIZE` mode the number becomes the decimal it prints
 * as, 1e-8 → "0.00000001"), `limits.amount.min/max` → `minOrderQty`/`maxOrderQty`,
 * `limits.price.min/max` → `minPrice`/`maxPrice`, `limits.cost.min` → `minNotionalValue`.
 * Missing, `null` and 0 limits are left out. `limits.cost.max` has no counterpart in the
 * rules (set `maxNotional` in the instrument's risk limits). Amounts are in ccxt's units
 * (contracts, for derivatives with a `contractSize` other than 1).
 *
 * @throws TypeError for a wrong type (naming the field, e.g. `precision.amount`);
 *   RangeError for a missing precision, a zero or negative step, a digit count outside
 *   [-30, 30], or a precisionMode other than TICK_SIZE / DECIMAL_PLACES.
 * @example
 * await exchange.loadMarkets();
 * const rules = fromCcxtMarket(exchange.market('BTC/USDT'), { precisionMode: exchange.precisionMode, venue: exchange.id });
 */
export function fromCcxtMarket(m: unknown, options: CcxtMarketOptions): InstrumentRules {
  const fn = 'hean.fromCcxtMarket';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options { precisionMode } are required, got ${describe(options)}`);
  const o = readObject(options, ['precisionMode', 'venue', 'useId'], `${fn}: options`);
  return market(m, modeOf(o.precisionMode, fn), o.venue, o.useId, fn, 'market');
}

/**
 * Every market of `exchange.markets` (an object keyed by symbol, or an array) →
 * {@link InstrumentRules}, in key order. One malformed market throws (naming it) and
 * nothing is returned.
 *
 * @throws as {@link fromCcxtMarket}.
 * @example
 * const ex = new ccxt.bybit();
 * await ex.loadMarkets();
 * for (const rules of fromCcxtMarkets(ex.markets, { precisionMode: ex.precisionMode, venue: ex.id })) risk.addInstrument(rules);
 */
export function fromCcxtMarkets(markets: unknown, options: CcxtMarketOptions): InstrumentRules[] {
  const fn = 'hean.fromCcxtMarkets';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options { precisionMode } are required, got ${describe(options)}`);
  const o = readObject(options, ['precisionMode', 'venue', 'useId'], `${fn}: options`);
  const mode = modeOf(o.precisionMode, fn);
  if (isArray(markets, `${fn}: markets`)) {
    const n = reading(`${fn}: markets`, () => markets.length);
    return Array.from({ length: n }, (_, i) => market(reading(`${fn}: markets[${i}]`, () => markets[i]), mode, o.venue, o.useId, fn, `markets[${i}]`));
  }
  const obj = objectOf(markets, `${fn}: markets`);
  return keysOf(obj, `${fn}: markets`).map((k) => market(reading(`${fn}: markets['${k}']`, () => obj[k]), mode, o.venue, o.useId, fn, `markets['${k}']`));
}

/** Options of {@link applyCcxtOrderBook}: `ignoreSymbol` skips the check that the order book's `symbol` is the book's. */
export type CcxtBookOptions = BookMessageOptions;

/**
 * A ccxt order book (`fetchOrderBook` / `watchOrderBook` result: `{ bids, asks, symbol,
 * timestamp, nonce }`, levels `[price, amount, …]`) → `book`, as a snapshot: ccxt returns
 * the whole book it keeps each time, so the book is replaced. The update id is `nonce`
 * when it is a safe integer, else the book's last id + 1.
 *
 * @throws TypeError for a malformed order book (naming the field, e.g. `bids[2]`);
 *   RangeError when `symbol` differs from the book's, or the book refuses the levels
 *   (crossed, off its tick or step grid): the book is then unchanged.
 * @example
 * const book = new OrderBook({ venue: 'binance', symbol: 'BTC/USDT', tickSize: '0.01', qtyStep: '0.00001' });
 * while (true) applyCcxtOrderBook(book, await exchange.watchOrderBook('BTC/USDT'));
 */
export function applyCcxtOrderBook(book: OrderBook, orderBook: unknown, options?: CcxtBookOptions): void {
  const fn = 'hean.applyCcxtOrderBook';
  const checkSymbol = bookMessage(book, options, fn);
  const ob = readObject(objectOf(orderBook, `${fn}: orderBook`), ['bids', 'asks', 'symbol', 'nonce'], `${fn}: orderBook`);
  checkSymbol(ob.symbol, 'the order book');
  const [bids, asks] = bookSides(ob.bids, ob.asks, `${fn}: bids`, `${fn}: asks`);
  const id = typeof ob.nonce === 'number' && Number.isSafeInteger(ob.nonce) && ob.nonce >= 0 ? ob.nonce : reading(`${fn}: book.lastUpdateId`, () => book.lastUpdateId) + 1;
  book.applySnapshot(id, bids, asks);
}
