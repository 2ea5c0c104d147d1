// Signals from indicator outputs, for backtest.fromSignals.
import { describe, isTyped } from '../core/guard.js';
import { cpp, toSeries, type Series } from '../core/indicator.js';

/**
 * Where `a` crosses above `b`: 1 on a bar where a > b, a ≤ b on the bar before, and a < b
 * on some bar since the last NaN in either series (so a touch, a = b, then a rise counts;
 * the first bar after a NaN, e.g. an indicator's warm-up, never does), else 0. This is
 * vectorbt's `crossed_above` and the rule {@link backtest.maCrossGrid} applies
 * to its moving averages, so `crossedAbove(fast, slow)` / `crossedAbove(slow, fast)` as
 * entries / exits of {@link backtest.fromSignals} give the grid's trades and metrics.
 *
 * Computed by the same C++ code as the grid's crossings. `out` (optional) receives the
 * flags in place.
 *
 * @throws TypeError for a non-numeric series or `out`; RangeError when the lengths differ or `out` overlaps an input.
 * @example
 * const fast = sma(close, 10), slow = sma(close, 30);
 * const res = backtest.fromSignals({ close, entries: crossedAbove(fast, slow), exits: crossedAbove(slow, fast) });
 */
export function crossedAbove(a: Series, b: Series, out?: Uint8Array): Uint8Array {
  const x = toSeries(a, 'hean.crossedAbove: a');
  const y = toSeries(b, 'hean.crossedAbove: b');
  if (x.length !== y.length) throw new RangeError(`hean.crossedAbove: a has length ${x.length}, b ${y.length}; they must be equal`);
  if (out !== undefined && !isTyped<Uint8Array>(out, 'Uint8Array')) throw new TypeError(`hean.crossedAbove: out must be a Uint8Array, got ${describe(out)}`);
  if (out !== undefined && out.length !== x.length) throw new RangeError(`hean.crossedAbove: out has length ${out.length}, expected ${x.length}`);
  // The C++ rule the grid applies (backtest.cpp, Cross): one source for both.
  const eng = cpp() as unknown as { backtestCrossedAbove?(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array };
  if (typeof eng.backtestCrossedAbove !== 'function') throw new Error('hean.crossedAbove: needs the native C++ addon, and the indicator engine here is its WebAssembly build (no addon loads on this platform, or $HEAN_ENGINE=wasm)');
  return eng.backtestCrossedAbove(x, y, out ?? new Uint8Array(x.length));
}
