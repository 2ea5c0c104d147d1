// Bybit v5 payloads → hean: instruments-info entries → InstrumentRules, order-book stream
// messages → OrderBook, kline rows and stream objects → columns. Field names are Bybit's
// (docs/v5/market/instrument, websocket/public/orderbook, market/kline, websocket/public/kline).
import { numericCell, rowsToColumns } from '../core/cells.js';
import { describe, isArray, readObject, reading } from '../core/guard.js';
import type { Ohlcv } from '../market/columns.js';
import type { OrderBook } from '../trading/book.js';
import type { BookStatus } from '../trading/codes.js';
import type { InstrumentRules } from '../trading/risk.js';
import { decimalField } from './decimal.js';
import { bookMessage, bookSides, objectOf, type BookMessageOptions } from './shared.js';

/** A Bybit v5 product category (`category` of the request and response). */
export type BybitCategory = 'linear' | 'inverse' | 'spot' | 'option';

const CATEGORIES: readonly BybitCategory[] = ['linear', 'inverse', 'spot', 'option'];

/** Options of {@link fromBybitInstrument} and {@link fromBybitInstruments}. */
export interface BybitInstrumentOptions {
  /**
   * The entry's category when it can't be told from the entry itself. A linear or inverse
   * entry's `contractType` (`LinearPerpetual`, `InverseFutures`, …) wins over it, as Bybit
   * may answer a `category=linear` query with an inverse row; a spot entry is recognised by
   * `lotSizeFilter.basePrecision`, an option by `optionsType`.
   */
  category?: BybitCategory;
  /** `venue` of the rules (instruments are keyed `venue:symbol` when given). Default: none. */
  venue?: string;
}

function categoryOf(entry: Record<string, unknown>, lot: Record<string, unknown>, given: unknown, where: string): BybitCategory {
  if (given !== undefined && !CATEGORIES.includes(given as BybitCategory)) throw new RangeError(`${where}: category must be one of ${CATEGORIES.map((c) => `'${c}'`).join(', ')}, got ${describe(given)}`);
  const ct = entry.contractType;
  if (typeof ct === 'string' && ct.startsWith('Linear')) return 'linear';
  if (typeof ct === 'string' && ct.startsWith('Inverse')) return 'inverse';
  if (given !== undefined) return given as BybitCategory;
  if (lot.basePrecision !== undefined) return 'spot';
  if (entry.optionsType !== undefined) return 'option';
  throw new RangeError(`${where}: can't tell the entry's category (no contractType, basePrecision or optionsType): pass { category: 'linear' | 'inverse' | 'spot' | 'option' }`);
}

/**
 * One entry of Bybit v5 `GET /v5/market/instruments-info` (`result.list[i]`) → hean's
 * {@link InstrumentRules}, decimals kept as the exact strings Bybit sent.
 *
 * - linear, inverse, option: `priceFilter.{tickSize, minPrice, maxPrice}`,
 *   `lotSizeFilter.{qtyStep, minOrderQty, maxOrderQty, maxMktOrderQty}`; linear also
 *   `minNotionalValue`. An inverse contract's notional is in the coin (qty / price), not the
 *   price × qty hean checks, so it is left out there (Bybit sends none for inverse).
 * - spot: `priceFilter.tickSize`; `lotSizeFilter.basePrecision` → `qtyStep`,
 *   `maxLimitOrderQty` (else the deprecated `maxOrderQty`) → `maxOrderQty`,
 *   `maxMarketOrderQty` → `maxMktOrderQty`, `minOrderAmt` (quote) → `minNotionalValue`.
 *   Spot's `minOrderQty` is not mapped: Bybit no longer checks it (`minOrderAmt` instead).
 *
 * `riskParameters.priceLimitRatioX/Y` are not mapped to `priceBand`: Bybit's band mixes
 * mark, index and premium, so pick a band yourself. Empty strings count as absent.
 *
 * @throws TypeError when the entry or a field has the wrong type (the message names the
 *   field, e.g. `lotSizeFilter.qtyStep`); RangeError for a zero tick or step, a negative
 *   value, or an unknown category.
 * @example
 * const rules = fromBybitInstrument(res.result.list[0], { category: 'linear', venue: 'bybit' });
 * risk.addInstrument(rules);
 */
export function fromBybitInstrument(entry: unknown, options?: BybitInstrumentOptions): InstrumentRules {
  const fn = 'hean.fromBybitInstrument';
  const o = readObject(options, ['category', 'venue'], `${fn}: options`);
  return instrument(entry, o.category, o.venue, fn, 'entry');
}

function instrument(entry: unknown, category: unknown, venue: unknown, fn: string, at: string): InstrumentRules {
  const e = readObject(objectOf(entry, `${fn}: ${at}`), ['symbol', 'contractType', 'optionsType', 'priceFilter', 'lotSizeFilter'], `${fn}: ${at}`);
  if (typeof e.symbol !== 'string' || e.symbol === '') throw new TypeError(`${fn}: ${at}.symbol must be a non-empty string, got ${describe(e.symbol)}`);
  if (venue !== undefined && typeof venue !== 'string') throw new TypeError(`${fn}: options.venue must be a string, got ${describe(venue)}`);
  const pf = readObject(objectOf(e.priceFilter, `${fn}: ${at}.priceFilter`), ['tickSize', 'minPrice', 'maxPrice'], `${fn}: ${at}.priceFilter`);
  const lotKeys = ['qtyStep', 'minOrderQty', 'maxOrderQty', 'maxMktOrderQty', 'minNotionalValue', 'basePrecision', 'minOrderAmt', 'maxLimitOrderQty', 'maxMarketOrderQty'] as const;
  const lot = readObject(objectOf(e.lotSizeFilter, `${fn}: ${at}.lotSizeFilter`), lotKeys, `${fn}: ${at}.lotSizeFilter`);
  const cat = categoryOf(e, lot, category, `${fn}: ${at}`);
  const dec = (v: unknown, field: string, positive = false) => decimalField(v, `${fn}: ${at}.${field}`, positive);
  const need = (v: unknown, field: string): string => {
    const d = dec(v, field, true);
    if (d === undefined) throw new RangeError(`${fn}: ${at}.${field} is missing (a ${cat} entry needs it)`);
    return d;
  };
  const rules: InstrumentRules = { symbol: e.symbol, tickSize: need(pf.tickSize, 'priceFilter.tickSize'), qtyStep: '' };
  if (venue !== undefined) rules.venue = venue;
  const set = (key: keyof InstrumentRules, v: string | undefined) => {
    if (v !== undefined) (rules as unknown as Record<string, string>)[key] = v;
  };
  if (cat === 'spot') {
    rules.qtyStep = need(lot.basePrecision, 'lotSizeFilter.basePrecision');
    set('maxOrderQty', dec(lot.maxLimitOrderQty, 'lotSizeFilter.maxLimitOrderQty') ?? dec(lot.maxOrderQty, 'lotSizeFilter.maxOrderQty'));
    set('maxMktOrderQty', dec(lot.maxMarketOrderQty, 'lotSizeFilter.maxMarketOrderQty'));
    set('minNotionalValue', dec(lot.minOrderAmt, 'lotSizeFilter.minOrderAmt'));
  } else {
    set('minPrice', dec(pf.minPrice, 'priceFilter.minPrice'));
    set('maxPrice', dec(pf.maxPrice, 'priceFilter.maxPrice'));
    rules.qtyStep = need(lot.qtyStep, 'lotSizeFilter.qtyStep');
    set('minOrderQty', dec(lot.minOrderQty, 'lotSizeFilter.minOrderQty'));
    set('maxOrderQty', dec(lot.maxOrderQty, 'lotSizeFilter.maxOrderQty'));
    if (cat !== 'option') set('maxMktOrderQty', dec(lot.maxMktOrderQty, 'lotSizeFilter.maxMktOrderQty'));
    if (cat === 'linear') set('minNotionalValue', dec(lot.minNotionalValue, 'lotSizeFilter.minNotionalValue'));
  }
  return rules;
}

/**
 * A whole `instruments-info` response (or its `result`) → one {@link InstrumentRules} per
 * entry of `result.list`, in order. The category comes from `result.category` unless
 * `options.category` is given (and an entry's own `contractType` wins over both). One
 * malformed entry throws (naming `list[i]` and the field) and nothing is returned.
 *
 * @throws RangeError when `retCode` is not 0 (with Bybit's `retMsg`), else as
 *   {@link fromBybitInstrument}.
 * @example
 * const res = await fetch('https://api.bybit.com/v5/market/instruments-info?category=linear').then((r) => r.json());
 * for (const rules of fromBybitInstruments(res, { venue: 'bybit' })) risk.addInstrument(rules);
 */
export function fromBybitInstruments(response: unknown, options?: BybitInstrumentOptions): InstrumentRules[] {
  const fn = 'hean.fromBybitInstruments';
  const o = readObject(options, ['category', 'venue'], `${fn}: options`);
  const top = readObject(objectOf(response, `${fn}: response`), ['retCode', 'retMsg', 'result', 'category', 'list'], `${fn}: response`);
  if (top.retCode !== undefined && top.retCode !== 0) throw new RangeError(`${fn}: the response is an error: retCode ${describe(top.retCode)}, retMsg ${describe(top.retMsg)}`);
  const result = top.result !== undefined ? readObject(objectOf(top.result, `${fn}: response.result`), ['category', 'list'], `${fn}: response.result`) : top;
  const list = result.list;
  if (!isArray(list, `${fn}: result.list`)) throw new TypeError(`${fn}: result.list must be an array of instruments, got ${describe(list)}`);
  const category = o.category ?? (result.category === '' ? undefined : result.category);
  const n = reading(`${fn}: result.list`, () => list.length);
  const out: InstrumentRules[] = [];
  for (let i = 0; i < n; i++) out.push(instrument(reading(`${fn}: list[${i}]`, () => list[i]), category, o.venue, fn, `list[${i}]`));
  return out;
}

/** Options of {@link applyBybitOrderBook}: `ignoreSymbol` skips the check that `data.s` is the book's `symbol`. */
export type BybitBookOptions = BookMessageOptions;

/**
 * Applies one Bybit v5 order-book stream message (`orderbook.{depth}.{symbol}`, as parsed
 * from the WebSocket: `{ topic, type, ts, data: { s, b, a, u, seq }, cts }`) to `book`.
 *
 * - `type: 'snapshot'` replaces the book, as Bybit says to on every snapshot (including the
 *   ones re-sent after a problem on its side, or every 3 s on level-1 streams).
 * - `type: 'delta'` with `u` = 1 is also a full book ("the service restarted: overwrite
 *   your local orderbook"), so it replaces the book too.
 * - any other delta updates levels: a size of "0" deletes the level. `u` must follow the
 *   last applied message's; otherwise the book turns stale (status `'Gap'`) and waits for
 *   the next snapshot.
 *
 * Returns the {@link BookStatus}: `'Ok'` when applied (always, for a snapshot).
 * `seq` (the cross sequence) is not used. A REST `GET /v5/market/orderbook` result is a
 * snapshot: pass `{ type: 'snapshot', data: res.result }`.
 *
 * @throws TypeError for a malformed message (naming the field, e.g. `data.b[3]`);
 *   RangeError for an unknown `type`, a symbol other than the book's, or a snapshot the
 *   book refuses (crossed, off the tick grid): the book is then unchanged.
 * @example
 * ws.on('message', (raw) => {
 *   const msg = JSON.parse(raw);
 *   if (msg.topic === 'orderbook.50.BTCUSDT' && applyBybitOrderBook(book, msg) !== 'Ok') resubscribe();
 * });
 */
export function applyBybitOrderBook(book: OrderBook, message: unknown, options?: BybitBookOptions): BookStatus {
  const fn = 'hean.applyBybitOrderBook';
  const checkSymbol = bookMessage(book, options, fn);
  const m = readObject(objectOf(message, `${fn}: message`), ['type', 'data'], `${fn}: message`);
  if (m.type !== 'snapshot' && m.type !== 'delta') throw new RangeError(`${fn}: message.type must be 'snapshot' or 'delta', got ${describe(m.type)}`);
  const d = readObject(objectOf(m.data, `${fn}: message.data`), ['s', 'b', 'a', 'u'], `${fn}: message.data`);
  const u = d.u;
  if (typeof u !== 'number') throw new TypeError(`${fn}: data.u must be a number (the update id), got ${describe(u)}`);
  if (!Number.isSafeInteger(u) || u < 0) throw new RangeError(`${fn}: data.u must be a safe integer >= 0, got ${u}`);
  checkSymbol(d.s, 'the message');
  const [bids, asks] = bookSides(d.b, d.a, `${fn}: data.b`, `${fn}: data.a`);
  if (m.type === 'snapshot' || u === 1) {
    book.applySnapshot(u, bids, asks);
    return 'Ok';
  }
  const nb = bids.prices.length;
  const n = nb + asks.prices.length;
  const sides = new Uint8Array(n);
  sides.fill(1, nb); // 0 bid, 1 ask
  const prices = new Float64Array(n);
  const sizes = new Float64Array(n);
  prices.set(bids.prices);
  prices.set(asks.prices, nb);
  sizes.set(bids.sizes);
  sizes.set(asks.sizes, nb);
  return book.applyDelta(u, { sides, prices, sizes });
}

/** Kline columns: OHLCV plus Bybit's `turnover` (traded value in the quote coin). */
export interface KlineColumns extends Ohlcv {
  /** Turnover of each bar, quote currency. */
  turnover: Float64Array;
}

/** Kline columns from the stream, with whether each bar has closed. */
export interface StreamKlineColumns extends KlineColumns {
  /** 1 when the bar has closed (`confirm: true`), 0 while it is still forming. */
  confirm: Uint8Array;
}

/**
 * Bybit v5 `GET /v5/market/kline` rows (`result.list`: `[startTime, open, high, low, close,
 * volume, turnover]` as strings, newest first) → columns, oldest first (as the indicators
 * and charts want them). Rows already oldest first are kept in that order. `time` is the
 * bar start in ms.
 *
 * @throws TypeError for a row that is not an array of 7 numbers or numeric strings
 *   (naming the row and column); RangeError when the start times are neither strictly
 *   decreasing nor strictly increasing (a repeated or misplaced bar).
 * @example
 * const { time, close } = fromBybitKlines(res.result.list);
 * const r = rsi(close, 14);
 */
export function fromBybitKlines(list: unknown): KlineColumns {
  const fn = 'hean.fromBybitKlines';
  const cols = rowsToColumns(list, 7, fn, '[startTime, open, high, low, close, volume, turnover]');
  const t = cols[0]!;
  const n = t.length;
  const falling = n > 1 && t[0]! > t[1]!;
  for (let i = 1; i < n; i++) {
    if (falling ? !(t[i]! < t[i - 1]!) : !(t[i]! > t[i - 1]!)) {
      throw new RangeError(`${fn}: start times must be strictly ${falling ? 'decreasing (newest first, as Bybit sends them)' : 'increasing'}; row ${i} (${t[i]}) follows ${t[i - 1]}`);
    }
  }
  if (falling) for (const c of cols) c.reverse();
  const [time, open, high, low, close, volume, turnover] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { time, open, high, low, close, volume, turnover };
}

const WS_KLINE_KEYS = ['start', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'confirm'] as const;

/**
 * Bybit v5 kline stream data (`kline.{interval}.{symbol}`: a message `{ topic, data: [...] }`,
 * or an array of its `data` objects, or of several messages' objects in arrival order) →
 * columns with `time` = `start` (ms) and `confirm` per bar. Bybit pushes the forming bar
 * again and again with the same `start`: a later object for the same `start` replaces the
 * earlier one, so collecting every pushed object gives one row per bar.
 *
 * @throws TypeError for a malformed object (naming `data[i].field`); RangeError when a
 *   `start` goes back in time.
 * @example
 * const bars = fromBybitKlineStream(JSON.parse(raw));   // one message
 * const all = fromBybitKlineStream(collected);         // or every object received so far
 */
export function fromBybitKlineStream(data: unknown): StreamKlineColumns {
  const fn = 'hean.fromBybitKlineStream';
  let items = data;
  if (!isArray(data, `${fn}: data`)) items = readObject(objectOf(data, `${fn}: data`), ['data'], `${fn}: message`).data;
  if (!isArray(items, `${fn}: data`)) throw new TypeError(`${fn}: expected a kline message { topic, data: [...] } or an array of kline objects, got ${describe(data)}`);
  const n = reading(`${fn}: data`, () => items.length);
  const rows: number[][] = [];
  const confirm: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = `${fn}: data[${i}]`;
    const k = readObject(objectOf(reading(at, () => items[i]), at), WS_KLINE_KEYS, at);
    const row = WS_KLINE_KEYS.slice(0, 7).map((key) => numericCell(k[key], `${at}.${key}`));
    if (typeof k.confirm !== 'boolean') throw new TypeError(`${at}.confirm must be a boolean, got ${describe(k.confirm)}`);
    const last = rows[rows.length - 1];
    if (last && row[0]! < last[0]!) throw new RangeError(`${at}.start (${row[0]}) is before the previous bar's (${last[0]}): pass the objects in arrival order`);
    if (last && row[0] === last[0]) {
      rows[rows.length - 1] = row; // the forming bar again: the later push wins
      confirm[confirm.length - 1] = k.confirm ? 1 : 0;
    } else {
      rows.push(row);
      confirm.push(k.confirm ? 1 : 0);
    }
  }
  const col = (j: number) => Float64Array.from(rows, (r) => r[j]!);
  return { time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5), turnover: col(6), confirm: Uint8Array.from(confirm) };
}
