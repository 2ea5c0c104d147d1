// Signals from indicator outputs, for backtest.fromSignals.
import { toSeries, type Series } from '../core/indicator.js';

/**
 * Where `a` crosses above `b`: 1 on a bar where a > b, a ≤ b on the bar before, and a < b
 * on some bar since the last NaN in either series (so a touch, a = b, then a rise counts;
 * the first bar after a NaN, e.g. an indicator's warm-up, never does), else 0. This is
 * vectorbt's `crossed_above` and the rule {@link backtest.maCrossGrid} applies
 * to its moving averages, so `crossedAbove(fast, slow)` / `crossedAbove(slow, fast)` as
 * entries / exits of {@link backtest.fromSignals} give the grid's trades and metrics.
 *
 * @throws TypeError for a non-numeric series; RangeError when the lengths differ.
 * @example
 * const fast = sma(close, 10), slow = sma(close, 30);
 * const res = backtest.fromSignals({ close, entries: crossedAbove(fast, slow), exits: crossedAbove(slow, fast) });
 */
export function crossedAbove(a: Series, b: Series): Uint8Array {
  const x = toSeries(a, 'hean.crossedAbove: a');
  const y = toSeries(b, 'hean.crossedAbove: b');
  if (x.length !== y.length) throw new RangeError(`hean.crossedAbove: a has length ${x.length}, b ${y.length}; they must be equal`);
  const out = new Uint8Array(x.length);
  let wasBelow = false;
  let ago = -1; // bars since a rose above b (vectorbt's wait counter, wait = 0)
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (Number.isNaN(p) || Number.isNaN(q)) {
      wasBelow = false;
      ago = -1;
    } else if (p > q) {
      if (wasBelow && ++ago === 0) out[i] = 1;
    } else {
      ago = -1;
      if (p < q) wasBelow = true;
    }
  }
  return out;
}
