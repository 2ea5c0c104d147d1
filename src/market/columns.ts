// Conversions between the row arrays exchanges and ccxt return and hean's columns.
import { describe, f64Length, isArray, readObject, reading } from '../core/guard.js';
import { rowsToColumns } from '../core/cells.js';
import { toSeries } from '../core/indicator.js';

/** OHLCV columns, as the indicators take them. */
export interface Ohlcv {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** One candle as ccxt's `fetchOHLCV` returns it: `[timestamp, open, high, low, close, volume]`. */
export type OhlcvRow = readonly [number, number, number, number, number, number] | readonly number[];

/**
 * `[ts, o, h, l, c, v][]` (ccxt `fetchOHLCV`, Bybit kline lists after `Number()`) →
 * `{ time, open, high, low, close, volume }` of Float64Arrays. Numeric strings are parsed;
 * anything else is a TypeError naming the row and column.
 */
export function toColumns(rows: readonly OhlcvRow[]): Ohlcv {
  const [time, open, high, low, close, volume] = rowsToColumns(rows, 6, 'hean.toColumns', '[ts, open, high, low, close, volume]') as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { time, open, high, low, close, volume };
}

/** The inverse of {@link toColumns}: columns → `[ts, o, h, l, c, v][]`. */
export function toRows(cols: Ohlcv): [number, number, number, number, number, number][] {
  const fn = 'hean.toRows';
  const keys = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
  if (cols === null || typeof cols !== 'object') throw new TypeError(`${fn}: columns must be an object { time, open, high, low, close, volume }, got ${describe(cols)}`);
  const raw = readObject(cols, keys, `${fn}: columns`);
  const c = keys.map((k) => toSeries(raw[k], `${fn}: ${k}`));
  const n = f64Length(c[0]!);
  keys.forEach((k, j) => {
    if (f64Length(c[j]!) !== n) throw new RangeError(`${fn}: ${k} has length ${f64Length(c[j]!)}, expected ${n}`);
  });
  const [t, o, h, l, cl, v] = c as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const rows: [number, number, number, number, number, number][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = [t[i]!, o[i]!, h[i]!, l[i]!, cl[i]!, v[i]!];
  return rows;
}
