// Exact decimal strings from exchange payloads: strings are kept as sent (after a format
// check), numbers become the decimal their shortest round-trip form denotes, and digit
// counts become steps by string building, never by float math (10 ** -3 is not 0.001).
import { describe } from '../core/guard.js';

const DECIMAL = /^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** Largest |digits| a DECIMAL_PLACES precision may have (the Rust core's decimals hold far less). */
export const MAX_DIGITS = 30;

/** The plain decimal string of a finite number: its shortest round-trip form with any exponent expanded (1e-8 → "0.00000001"). */
export function numberToDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([-+]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The step of a DECIMAL_PLACES precision: 3 → "0.001", 0 → "1", -1 → "10" (ccxt: a multiple of 10). */
export function digitsToStep(d: number, what: string): string {
  if (!Number.isInteger(d) || Math.abs(d) > MAX_DIGITS) throw new RangeError(`${what} must be an integer number of decimal places in [-${MAX_DIGITS}, ${MAX_DIGITS}], got ${d}`);
  return d > 0 ? `0.${'0'.repeat(d - 1)}1` : `1${'0'.repeat(-d)}`;
}

/**
 * A non-negative decimal from a payload field: a decimal string is returned as sent, a
 * finite number as {@link numberToDecimal}. `undefined`, `null` and `""` (Bybit's "not
 * applicable") give undefined. Anything else is a TypeError; a negative or non-finite
 * number, or (with `positive`) zero, a RangeError. Errors name `what`.
 */
export function decimalField(v: unknown, what: string, positive: boolean): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let s: string;
  if (typeof v === 'string') {
    if (!DECIMAL.test(v)) throw new TypeError(`${what} must be a non-negative decimal string such as "0.01", got ${describe(v)}`);
    s = v;
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what} must be a finite number >= 0, got ${v}`);
    s = numberToDecimal(v);
  } else {
    throw new TypeError(`${what} must be a decimal string or a number, got ${describe(v)}`);
  }
  if (positive && !(Number(s) > 0)) throw new RangeError(`${what} must be > 0, got ${describe(v)}`);
  return s;
}
