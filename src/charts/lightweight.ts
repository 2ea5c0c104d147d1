// Plain data for TradingView lightweight-charts (no dependency on it): hean's columns →
// series data and markers. The library's rules: time is a UTC timestamp in seconds,
// strictly ascending and unique per series; a bar without a value is WhitespaceData
// (`{ time }`), never a null or NaN value (a null throws "Value is null"); markers are
// sorted by time.
import { describe, isArray, isTyped, readObject, reading } from '../core/guard.js';
import { toSeries } from '../core/indicator.js';
import { intervalIndex } from '../core/time.js';

/**
 * A UTC timestamp in seconds, typed as lightweight-charts' `UTCTimestamp`
 * (`Nominal<number, 'UTCTimestamp'>`): structurally the same type, so hean's data is
 * assignable to the library's without a cast.
 */
export type UTCTimestamp = number & { [Symbol.species]: 'UTCTimestamp' };

/** A bar with no value (warm-up, gap): lightweight-charts' `WhitespaceData`. */
export interface WhitespaceData {
  time: UTCTimestamp;
}

/** A point of a line or area series (lightweight-charts' `LineData`). */
export interface LineData {
  time: UTCTimestamp;
  value: number;
}

/** A bar of a histogram series (lightweight-charts' `HistogramData`); `color` overrides the series color. */
export interface HistogramData {
  time: UTCTimestamp;
  value: number;
  color?: string;
}

/**
 * A bar of a candlestick series (lightweight-charts' `CandlestickData`). The library's
 * `BarData` (OHLC bar series) has the same fields, so this data feeds a bar series as is.
 */
export interface CandlestickData {
  time: UTCTimestamp;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** Bar-series data: the same fields as {@link CandlestickData}. */
export type BarData = CandlestickData;

/** A series marker (lightweight-charts 5: `createSeriesMarkers(series, markers)`). */
export interface SeriesMarker {
  time: UTCTimestamp;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown';
  color: string;
  text: string;
}

/** Options shared by the chart helpers. */
export interface ChartOptions {
  /**
   * Unit of the `time` column: `'ms'` (default; hean's bars, Bybit and ccxt use ms) is
   * floored to whole UTC seconds, `'s'` is taken as it is.
   */
  timeUnit?: 'ms' | 's';
}

/** Options of {@link toHistogramData}. */
export interface HistogramOptions extends ChartOptions {
  /**
   * Per-bar color: one color for every bar, `{ positive, negative }` by the value's sign
   * (0 counts as positive; e.g. a MACD histogram), or a function of the value and index
   * (returning undefined leaves the series color). Default: none (the series color).
   */
  color?: string | { positive: string; negative: string } | ((value: number, index: number) => string | undefined);
}

/** Colors and texts of markers. */
export interface MarkerOptions extends ChartOptions {
  /** Color of buy markers (long entries, short exits). Default `'#26a69a'`. */
  buyColor?: string;
  /** Color of sell markers (short entries, long exits). Default `'#ef5350'`. */
  sellColor?: string;
}

/** Options of {@link toSignalMarkers}. */
export interface SignalMarkerOptions extends MarkerOptions {
  /** `'long'` (default): entries buy (arrow up below the bar), exits sell; `'short'`: the reverse. */
  side?: 'long' | 'short';
  /** Text of entry markers. Default `'Buy'` (long) / `'Sell'` (short). */
  entryText?: string;
  /** Text of exit markers. Default `'Sell'` (long) / `'Buy'` (short). */
  exitText?: string;
}

/** Options of {@link toTradeMarkers}. */
export interface TradeMarkerOptions extends MarkerOptions {
  /** Formats prices, sizes and PnL in marker texts. Default: up to 6 significant digits. */
  format?: (x: number) => string;
}

/**
 * Closed and open trades as columns, one entry per trade: the shape a backtest hands to
 * {@link toTradeMarkers}. Indexes are bar indexes into the chart's `time` column.
 */
export interface TradeColumns {
  /** Bar of the entry fill. */
  entryIndex: Int32Array | Float64Array | readonly number[];
  /** Bar of the exit fill; -1 (or NaN) while the trade is open. */
  exitIndex: Int32Array | Float64Array | readonly number[];
  entryPrice: Float64Array | readonly number[];
  /** NaN while the trade is open. */
  exitPrice: Float64Array | readonly number[];
  /** Quantity (> 0). */
  size: Float64Array | readonly number[];
  /** Realised PnL (net of fees), NaN while open. */
  pnl: Float64Array | readonly number[];
  /** 1 long, -1 short. */
  direction: Int8Array | Float64Array | readonly number[];
}

const BUY = '#26a69a';
const SELL = '#ef5350';

/** The columns' times as UTC seconds, checked strictly increasing (RangeError naming the index otherwise). */
function seconds(time: unknown, unit: unknown, fn: string): UTCTimestamp[] {
  if (unit !== undefined && unit !== 'ms' && unit !== 's') throw new RangeError(`${fn}: options.timeUnit must be 'ms' or 's', got ${describe(unit)}`);
  const t = toSeries(time, `${fn}: time`);
  const out = new Array<UTCTimestamp>(t.length);
  for (let i = 0; i < t.length; i++) {
    const x = t[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: time[${i}] must be a finite timestamp, got ${x}`);
    const s = (unit === 's' ? x : intervalIndex(x, 1000)) as UTCTimestamp;
    if (i > 0 && !(s > out[i - 1]!)) {
      throw new RangeError(`${fn}: times must be strictly increasing (lightweight-charts needs ascending, unique times); time[${i}] is ${s} s, time[${i - 1}] ${out[i - 1]} s${unit === 's' ? '' : ' (ms floored to seconds)'}`);
    }
    out[i] = s;
  }
  return out;
}

function values(x: unknown, n: number, fn: string, name: string): Float64Array {
  const v = toSeries(x, `${fn}: ${name}`);
  if (v.length !== n) throw new RangeError(`${fn}: ${name} has length ${v.length}, expected ${n} (the length of time)`);
  return v;
}

function optionsOf<K extends string>(options: unknown, keys: readonly K[], fn: string): Partial<Record<K, unknown>> {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  return readObject(options, keys, `${fn}: options`);
}

/**
 * A column of values (an indicator's output) → line-series data: `{ time, value }` per
 * bar, `{ time }` (whitespace) where the value is NaN or ±Infinity, so warm-up bars and
 * gaps keep their place on the time scale.
 *
 * @throws TypeError for a non-numeric column; RangeError when the lengths differ, a time
 *   is not finite, or times are not strictly increasing (after flooring ms to seconds).
 * @example
 * const series = chart.addSeries(LineSeries);
 * series.setData(toLineData(bars.time, ema(bars.close, 20)));
 */
export function toLineData(time: Float64Array | readonly number[], value: Float64Array | readonly number[], options?: ChartOptions): (LineData | WhitespaceData)[] {
  const fn = 'hean.toLineData';
  const o = optionsOf(options, ['timeUnit'], fn);
  const t = seconds(time, o.timeUnit, fn);
  const v = values(value, t.length, fn, 'value');
  return t.map((time, i) => (Number.isFinite(v[i]!) ? { time, value: v[i]! } : { time }));
}

/**
 * A column of values → histogram-series data, with an optional color per bar (e.g. by the
 * sign of a MACD histogram). NaN / ±Infinity bars are whitespace, as in {@link toLineData}.
 *
 * @throws as {@link toLineData}; TypeError for a `color` of another type, or a color
 *   function returning something other than a string or undefined.
 * @example
 * const { histogram } = macd(close);
 * hist.setData(toHistogramData(time, histogram, { color: { positive: '#26a69a', negative: '#ef5350' } }));
 */
export function toHistogramData(time: Float64Array | readonly number[], value: Float64Array | readonly number[], options?: HistogramOptions): (HistogramData | WhitespaceData)[] {
  const fn = 'hean.toHistogramData';
  const o = optionsOf(options, ['timeUnit', 'color'], fn);
  const t = seconds(time, o.timeUnit, fn);
  const v = values(value, t.length, fn, 'value');
  const c = o.color;
  let colorOf: (x: number, i: number) => string | undefined;
  if (c === undefined) colorOf = () => undefined;
  else if (typeof c === 'string') colorOf = () => c;
  else if (typeof c === 'function') {
    colorOf = (x, i) => {
      const r: unknown = (c as (x: number, i: number) => unknown)(x, i);
      if (r !== undefined && typeof r !== 'string') throw new TypeError(`${fn}: options.color returned ${describe(r)} for bar ${i}; expected a color string or undefined`);
      return r;
    };
  } else if (typeof c === 'object' && c !== null) {
    const { positive, negative } = readObject(c, ['positive', 'negative'], `${fn}: options.color`);
    if (typeof positive !== 'string' || typeof negative !== 'string') throw new TypeError(`${fn}: options.color must have string 'positive' and 'negative' colors`);
    colorOf = (x) => (x >= 0 ? positive : negative);
  } else {
    throw new TypeError(`${fn}: options.color must be a string, { positive, negative } or a function, got ${describe(c)}`);
  }
  return t.map((time, i) => {
    const x = v[i]!;
    if (!Number.isFinite(x)) return { time };
    const color = colorOf(x, i);
    return color === undefined ? { time, value: x } : { time, value: x, color };
  });
}

/**
 * OHLC columns (`{ time, open, high, low, close }`, e.g. from `resample`, `toColumns` or
 * `fromBybitKlines`) → candlestick-series data; the same data feeds a bar series. A bar
 * with any non-finite price is whitespace.
 *
 * @throws as {@link toLineData}, naming the column.
 * @example
 * candles.setData(toCandlestickData(fromBybitKlines(res.result.list)));
 */
export function toCandlestickData(
  bars: { time: Float64Array | readonly number[]; open: Float64Array | readonly number[]; high: Float64Array | readonly number[]; low: Float64Array | readonly number[]; close: Float64Array | readonly number[] },
  options?: ChartOptions,
): (CandlestickData | WhitespaceData)[] {
  const fn = 'hean.toCandlestickData';
  if (bars === null || typeof bars !== 'object') throw new TypeError(`${fn}: bars must be an object of columns { time, open, high, low, close }, got ${describe(bars)}`);
  const b = readObject(bars, ['time', 'open', 'high', 'low', 'close'], `${fn}: bars`);
  const o = optionsOf(options, ['timeUnit'], fn);
  const t = seconds(b.time, o.timeUnit, fn);
  const [op, hi, lo, cl] = (['open', 'high', 'low', 'close'] as const).map((k) => values(b[k], t.length, fn, k)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  return t.map((time, i) => {
    const x = { time, open: op[i]!, high: hi[i]!, low: lo[i]!, close: cl[i]! };
    return Number.isFinite(x.open) && Number.isFinite(x.high) && Number.isFinite(x.low) && Number.isFinite(x.close) ? x : { time };
  });
}

/** A flag column: a Uint8Array (non-zero = set) or booleans. */
function flags(x: unknown, n: number, fn: string, name: string): (i: number) => boolean {
  if (isTyped<Uint8Array>(x, 'Uint8Array')) {
    if (x.length !== n) throw new RangeError(`${fn}: ${name} has length ${x.length}, expected ${n} (the length of time)`);
    return (i) => x[i] !== 0;
  }
  if (isArray(x, `${fn}: ${name}`)) {
    const len = reading(`${fn}: ${name}`, () => x.length);
    if (len !== n) throw new RangeError(`${fn}: ${name} has length ${len}, expected ${n} (the length of time)`);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = reading(`${fn}: ${name}[${i}]`, () => x[i]);
      if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${name}[${i}] must be a boolean, got ${describe(v)}`);
      b[i] = v ? 1 : 0;
    }
    return (i) => b[i] === 1;
  }
  throw new TypeError(`${fn}: ${name} must be a Uint8Array or an array of booleans, got ${describe(x)}`);
}

function colorsOf(o: Partial<Record<'buyColor' | 'sellColor', unknown>>, fn: string): [string, string] {
  for (const k of ['buyColor', 'sellColor'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new TypeError(`${fn}: options.${k} must be a string, got ${describe(o[k])}`);
  return [(o.buyColor as string | undefined) ?? BUY, (o.sellColor as string | undefined) ?? SELL];
}

const buyMarker = (time: UTCTimestamp, color: string, text: string): SeriesMarker => ({ time, position: 'belowBar', shape: 'arrowUp', color, text });
const sellMarker = (time: UTCTimestamp, color: string, text: string): SeriesMarker => ({ time, position: 'aboveBar', shape: 'arrowDown', color, text });

/**
 * Entry and exit signals (one flag per bar: a Uint8Array, non-zero = signal, or booleans;
 * `exits` may be omitted) → series markers, sorted by time: a buy is an arrow up below
 * the bar, a sell an arrow down above it. On a bar with both, the exit comes first.
 *
 * @throws TypeError for a flag column of another type; RangeError for a length other than
 *   time's, or times that are not strictly increasing.
 * @example
 * const entries = crossover(fast, slow); // Uint8Array
 * createSeriesMarkers(candles, toSignalMarkers(time, entries, exits));
 */
export function toSignalMarkers(
  time: Float64Array | readonly number[],
  entries: Uint8Array | readonly boolean[],
  exits?: Uint8Array | readonly boolean[],
  options?: SignalMarkerOptions,
): SeriesMarker[] {
  const fn = 'hean.toSignalMarkers';
  const o = optionsOf(options, ['timeUnit', 'side', 'entryText', 'exitText', 'buyColor', 'sellColor'], fn);
  if (o.side !== undefined && o.side !== 'long' && o.side !== 'short') throw new RangeError(`${fn}: options.side must be 'long' or 'short', got ${describe(o.side)}`);
  for (const k of ['entryText', 'exitText'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new TypeError(`${fn}: options.${k} must be a string, got ${describe(o[k])}`);
  const [buyColor, sellColor] = colorsOf(o, fn);
  const t = seconds(time, o.timeUnit, fn);
  const entry = flags(entries, t.length, fn, 'entries');
  const exit = exits === undefined ? () => false : flags(exits, t.length, fn, 'exits');
  const long = o.side !== 'short';
  const entryText = (o.entryText as string | undefined) ?? (long ? 'Buy' : 'Sell');
  const exitText = (o.exitText as string | undefined) ?? (long ? 'Sell' : 'Buy');
  const out: SeriesMarker[] = [];
  for (let i = 0; i < t.length; i++) {
    if (exit(i)) out.push(long ? sellMarker(t[i]!, sellColor, exitText) : buyMarker(t[i]!, buyColor, exitText));
    if (entry(i)) out.push(long ? buyMarker(t[i]!, buyColor, entryText) : sellMarker(t[i]!, sellColor, entryText));
  }
  return out;
}

function defaultFormat(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Trades (as {@link TradeColumns}) → series markers, sorted by time: the entry of a long
 * is a buy (arrow up below the bar, "Long size @ price"), its exit a sell (arrow down above
 * the bar, "Exit @ price (+pnl)"); a short's markers are the other way round. An open trade
 * (exitIndex -1 or NaN) has only its entry marker. On a bar where one trade exits and the
 * next enters, the exit comes first.
 *
 * @throws TypeError for a column of the wrong type; RangeError for columns of different
 *   lengths, an index that is not an integer bar of `time`, an exit before its entry, or a
 *   direction other than 1 / -1 (each naming the trade).
 * @example
 * createSeriesMarkers(candles, toTradeMarkers(bars.time, result.trades));
 */
export function toTradeMarkers(time: Float64Array | readonly number[], trades: TradeColumns, options?: TradeMarkerOptions): SeriesMarker[] {
  const fn = 'hean.toTradeMarkers';
  const o = optionsOf(options, ['timeUnit', 'buyColor', 'sellColor', 'format'], fn);
  const [buyColor, sellColor] = colorsOf(o, fn);
  if (o.format !== undefined && typeof o.format !== 'function') throw new TypeError(`${fn}: options.format must be a function, got ${describe(o.format)}`);
  const format = (o.format as ((x: number) => string) | undefined) ?? defaultFormat;
  const t = seconds(time, o.timeUnit, fn);
  if (trades === null || typeof trades !== 'object') throw new TypeError(`${fn}: trades must be an object of columns { entryIndex, exitIndex, entryPrice, exitPrice, size, pnl, direction }, got ${describe(trades)}`);
  const keys = ['entryIndex', 'exitIndex', 'entryPrice', 'exitPrice', 'size', 'pnl', 'direction'] as const;
  const raw = readObject(trades, keys, `${fn}: trades`);
  const col = (k: (typeof keys)[number]): Float64Array => {
    const x = raw[k];
    // Integer typed arrays (Int32Array indexes, Int8Array directions) are read as numbers.
    if (ArrayBuffer.isView(x) && (isTyped(x, 'Int32Array') || isTyped(x, 'Int8Array'))) return Float64Array.from(x as unknown as ArrayLike<number>);
    return toSeries(x, `${fn}: trades.${k}`);
  };
  const [ei, xi, ep, xp, size, pnl, dir] = keys.map(col) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const m = ei.length;
  keys.forEach((k, j) => {
    const len = [ei, xi, ep, xp, size, pnl, dir][j]!.length;
    if (len !== m) throw new RangeError(`${fn}: trades.${k} has length ${len}, expected ${m} (one entry per trade)`);
  });
  const bar = (x: number, what: string) => {
    if (!Number.isInteger(x) || x < 0 || x >= t.length) throw new RangeError(`${fn}: ${what} must be a bar index in [0, ${t.length - 1}], got ${x}`);
    return x;
  };
  // [bar, 0 = exit | 1 = entry, trade, marker]: sorted by bar, exits before entries, then trade order.
  const items: [number, number, number, SeriesMarker][] = [];
  for (let k = 0; k < m; k++) {
    const d = dir[k]!;
    if (d !== 1 && d !== -1) throw new RangeError(`${fn}: trades.direction[${k}] must be 1 (long) or -1 (short), got ${d}`);
    const e = bar(ei[k]!, `trades.entryIndex[${k}]`);
    const long = d === 1;
    const entryText = `${long ? 'Long' : 'Short'} ${format(size[k]!)} @ ${format(ep[k]!)}`;
    items.push([e, 1, k, long ? buyMarker(t[e]!, buyColor, entryText) : sellMarker(t[e]!, sellColor, entryText)]);
    const xr = xi[k]!;
    if (Number.isNaN(xr) || xr === -1) continue;
    const x = bar(xr, `trades.exitIndex[${k}]`);
    if (x < e) throw new RangeError(`${fn}: trade ${k} exits (bar ${x}) before it enters (bar ${e})`);
    const p = pnl[k]!;
    const exitText = `Exit @ ${format(xp[k]!)}${Number.isFinite(p) ? ` (${p >= 0 ? '+' : ''}${format(p)})` : ''}`;
    items.push([x, 0, k, long ? sellMarker(t[x]!, sellColor, exitText) : buyMarker(t[x]!, buyColor, exitText)]);
  }
  items.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return items.map((x) => x[3]);
}
