// Reading exchange payload cells: numbers, or the numeric strings exchanges send decimals as.
import { describe, isArray, reading } from './guard.js';

/** A number, or a numeric string parsed (as exchanges send decimals); else a TypeError naming `what`. */
export function numericCell(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (Number.isNaN(x)) throw new TypeError(`${what} is not a number or numeric string: ${describe(v)}`);
  return x;
}

/** The first `width` cells of each row (numbers or numeric strings) as `width` Float64Array columns. */
export function rowsToColumns(rows: unknown, width: number, fn: string, shape: string): Float64Array[] {
  if (!isArray(rows, `${fn}: rows`)) throw new TypeError(`${fn}: rows must be an array of ${shape}, got ${describe(rows)}`);
  const n = reading(`${fn}: rows`, () => rows.length);
  const cols = Array.from({ length: width }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const r = reading(`${fn}: row ${i}`, () => rows[i]);
    if (!isArray(r, `${fn}: row ${i}`) || reading(`${fn}: row ${i}`, () => r.length) < width) throw new TypeError(`${fn}: row ${i} must be ${shape}, got ${describe(r)}`);
    for (let k = 0; k < width; k++) cols[k]![i] = numericCell(reading(`${fn}: row ${i}`, () => r[k]), `${fn}: row ${i} column ${k}`);
  }
  return cols;
}
