// Reads OHLC bars from a CSV file for the CLI: a header row naming the columns, then one
// bar per line. Not part of the public API.

/** OHLCV columns read from a CSV (time in ms). */
export interface CsvBars {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

const NAMES = { time: ['time', 'timestamp', 'date', 'datetime', 'open_time'], open: ['open'], high: ['high'], low: ['low'], close: ['close'] } as const;

/**
 * CSV text → bars. The header names the columns (any order, any case; extra columns are
 * ignored): time (or timestamp, date, datetime, open_time), open, high, low, close.
 * Times are numbers in `timeUnit` (ms or s) or ISO 8601 dates. Errors name the file, line
 * and column.
 */
export function parseCsvBars(text: string, file: string, timeUnit: 'ms' | 's'): CsvBars {
  const lines = text.split(/\r?\n/);
  const cells = (l: string) => l.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = cells(lines[0] ?? '').map((h) => h.toLowerCase());
  const at = {} as Record<keyof typeof NAMES, number>;
  for (const [key, names] of Object.entries(NAMES) as [keyof typeof NAMES, readonly string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) throw new Error(`${file}: the header (line 1) has no '${names[0]}' column; it needs time, open, high, low, close, got '${lines[0] ?? ''}'`);
    at[key] = i;
  }
  const rows = lines.slice(1).map((l, i) => [l, i + 2] as const).filter(([l]) => l.trim() !== '');
  if (rows.length === 0) throw new Error(`${file}: no bars after the header`);
  const out: CsvBars = { time: new Float64Array(rows.length), open: new Float64Array(rows.length), high: new Float64Array(rows.length), low: new Float64Array(rows.length), close: new Float64Array(rows.length) };
  rows.forEach(([l, line], r) => {
    const c = cells(l);
    for (const key of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
      const s = c[at[key]];
      let x = s === undefined || s === '' ? NaN : Number(s);
      if (key === 'time') {
        if (Number.isNaN(x) && s !== undefined) x = Date.parse(s);
        else if (timeUnit === 's') x *= 1000;
      }
      if (!Number.isFinite(x)) throw new Error(`${file}:${line}: ${key} must be a number${key === 'time' ? ' or an ISO 8601 date' : ''}, got '${s ?? ''}'`);
      out[key][r] = x;
    }
  });
  return out;
}
