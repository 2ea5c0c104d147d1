// Conversions between the row arrays exchanges and ccxt return and hean's columns.

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
  if (!Array.isArray(rows)) throw new TypeError('hean.toColumns: rows must be an array of [ts, open, high, low, close, volume]');
  const n = rows.length;
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length < 6) throw new TypeError(`hean.toColumns: row ${i} must be [ts, open, high, low, close, volume]`);
    for (let k = 0; k < 6; k++) {
      const v: unknown = r[k];
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (typeof v !== 'number' && Number.isNaN(x)) throw new TypeError(`hean.toColumns: row ${i} column ${k} is not a number: ${String(v)}`);
      cols[k]![i] = x;
    }
  }
  const [time, open, high, low, close, volume] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { time, open, high, low, close, volume };
}

/** The inverse of {@link toColumns}: columns → `[ts, o, h, l, c, v][]`. */
export function toRows(cols: Ohlcv): [number, number, number, number, number, number][] {
  const keys = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
  for (const k of keys) {
    if (!(cols?.[k] instanceof Float64Array) && !Array.isArray(cols?.[k])) throw new TypeError(`hean.toRows: ${k} must be a Float64Array or an array`);
  }
  const n = cols.time.length;
  for (const k of keys) if (cols[k].length !== n) throw new RangeError(`hean.toRows: ${k} has length ${cols[k].length}, expected ${n}`);
  const rows: [number, number, number, number, number, number][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = [cols.time[i]!, cols.open[i]!, cols.high[i]!, cols.low[i]!, cols.close[i]!, cols.volume[i]!];
  return rows;
}
