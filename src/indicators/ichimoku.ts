import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link ichimoku}. */
export interface IchimokuOptions {
  /** Conversion line (tenkan-sen) window, integer >= 1. Default 9. */
  tenkan?: number;
  /** Base line (kijun-sen) window, integer >= 1. Default 26. */
  kijun?: number;
  /** Leading span B (senkou span B) window, integer >= 1. Default 52. */
  senkou?: number;
  /** Bars the leading spans are shifted forward and the lagging span back, integer >= 0. Default 26. */
  displacement?: number;
}

/** Outputs of {@link ichimoku}; index i always belongs to bar i. */
export interface IchimokuResult {
  /** Midpoint of the highest high and lowest low of the last `tenkan` bars. Lookback `tenkan - 1`. */
  tenkan: Float64Array;
  /** Midpoint of the last `kijun` bars' range. Lookback `kijun - 1`. */
  kijun: Float64Array;
  /** `(tenkan + kijun) / 2` as of `displacement` bars ago. Lookback `max(tenkan, kijun) - 1 + displacement`. */
  senkouA: Float64Array;
  /** Midpoint of the `senkou`-bar range as of `displacement` bars ago. Lookback `senkou - 1 + displacement`. */
  senkouB: Float64Array;
  /**
   * The close `displacement` bars **ahead**: `chikou[i] = close[i + displacement]`, NaN for
   * the last `displacement` bars. It looks into the future: never feed it to a backtest
   * signal (use it only to chart, or compare `close[i]` with `close[i - displacement]`).
   */
  chikou: Float64Array;
}

/**
 * Ichimoku kinko hyo (Hosoda), with every line aligned to the bar it belongs to on a
 * chart: the leading spans are computed `displacement` bars earlier (so `senkouA[i]`,
 * `senkouB[i]` form the cloud drawn at bar i, known since bar `i - displacement`), and
 * the lagging span `chikou[i]` is the close `displacement` bars later.
 *
 * **`chikou` looks ahead** (`close[i + displacement]`): it must never feed a backtest
 * signal. Everything else only uses bars up to i.
 *
 * Lookbacks per output: tenkan `tenkan - 1`, kijun `kijun - 1`, senkouA
 * `max(tenkan, kijun) - 1 + displacement`, senkouB `senkou - 1 + displacement`, chikou 0
 * (its NaNs are at the end). `ichimoku.lookback()` reports tenkan's. TradingView's
 * built-in script draws the shifted lines `displacement - 1` bars away; pass
 * `displacement: 25` to reproduce it.
 *
 * @example const { tenkan, kijun, senkouA, senkouB } = ichimoku(high, low, close)
 */
export const ichimoku: Indicator<[high: Series, low: Series, close: Series], IchimokuOptions, IchimokuResult> =
  indicator('ichimoku');
