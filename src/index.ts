/**
 * hean: a fast, correct compute core for Node.js trading software.
 *
 * - Indicators (C++20 engine): every function takes Float64Array (read in place) or
 *   number[] inputs, returns output(s) of the input's length with NaN in the warm-up,
 *   and has `.async`, `.many`, `.manyAsync`, `.sweep`, `.sweepAsync` and `.lookback`.
 * - Streaming (TypeScript, bit-identical to batch): `new Ema(20).update(close)`, … with
 *   `replace` for the forming bar, `snapshot`/`restore`.
 * - Market data: resample / resampleBars (native), CandleAggregator, WindowVwap,
 *   toColumns / toRows, and features() for ML feature matrices.
 * - Matrix math (Eigen): covMatrix, corrMatrix, portfolioVol.
 * - Trading (Rust core): RiskEngine (pre-trade checks with named reason codes, positions,
 *   PnL, snapshots), OrderBook (L2), Router (fee-aware smart order routing).
 * - Backtesting (C++ kernel): backtest.fromSignals / fromOrders (vectorbt semantics,
 *   many columns, shared cash, instrument rules), maCrossGrid, walkForward.
 * - Event-driven backtesting: runEvents / EventBacktest (a strategy object, every order
 *   through the RiskEngine, a simulated venue on bars, prints and L2 books), LiveSession
 *   (the same strategy against a Venue adapter), TradingEnv (gym-style RL environment).
 * - Snapshot files: writeSnapshotFile / readSnapshotFile (write-then-rename, fsynced).
 * - Exchange shapes: Bybit v5 instruments, order-book messages and klines, ccxt markets and
 *   order books → InstrumentRules, OrderBook and columns (fromBybit…, fromCcxt…, apply…).
 * - Charts: columns, signals and trades → TradingView lightweight-charts data and markers
 *   (toLineData, toHistogramData, toCandlestickData, toSignalMarkers, toTradeMarkers).
 * - Reports: backtestReport / writeReport, a self-contained HTML page of a backtest
 *   (candles, lines, trade markers, equity, drawdown, metrics); CLI `hean report`.
 *
 * @packageDocumentation
 */
import { cpp, indicatorTable, type IndicatorMeta } from './core/indicator.js';

export type { Grid, Indicator, IndicatorMeta, OptionlessIndicator, OptionMeta, OutArg, Series, SweepResult } from './core/indicator.js';
export * from './indicators/index.js';
export * from './matrix.js';
export { CANDLE_SETTING_NAMES, candleSettingsVector, DEFAULT_CANDLE_SETTINGS, patternNames, patterns } from './patterns.js';
export type { CandleSetting, CandleSettingName, CandleSettings, PatternsOptions, PatternsResult, RangeType } from './patterns.js';
export * from './stream/index.js';
export * from './market/aggregator.js';
export * from './market/columns.js';
export * from './market/features.js';
export * from './market/resample.js';
export * from './market/window-vwap.js';
export * from './trading/index.js';
export * from './exchange/index.js';
export { toCandlestickData, toHistogramData, toLineData, toSignalMarkers, toTradeMarkers } from './charts/lightweight.js';
export type {
  BarData,
  CandlestickData,
  ChartOptions,
  HistogramData,
  HistogramOptions,
  LineData,
  MarkerOptions,
  SeriesMarker,
  SignalMarkerOptions,
  TradeColumns,
  TradeMarkerOptions,
  UTCTimestamp,
  WhitespaceData,
} from './charts/lightweight.js';
export { backtest } from './backtest/index.js';
export type * from './backtest/index.js';
export { crossedAbove } from './backtest/signals.js';
export { backtestReport, writeReport } from './report/index.js';
export type { BacktestReportInput, ReportBars, ReportLine } from './report/index.js';
export { readSnapshotFile, readSnapshotFileAsync, writeSnapshotFile, writeSnapshotFileAsync } from './snapshot-file.js';

/** The package version. */
export const version: string = '0.1.0';

/**
 * Gets, or sets and returns, the number of threads the indicator engine uses on its own
 * for `.many` blocks and `.sweep` combinations (when no `threads` option is given; jobs of
 * under 2^20 elements always run on the calling thread). Starts at `$HEAN_THREADS` if set,
 * else the number of cores. `concurrency(1)` keeps all
 * work on the calling thread, e.g. in a process that already runs one worker per core.
 * Process-wide (shared by worker threads).
 *
 * @param threads - an integer in [1, 256]; omit to read the current value.
 * @throws TypeError when `threads` is not a number; RangeError when out of range.
 */
export function concurrency(threads?: number): number {
  if (threads !== undefined && typeof threads !== 'number') throw new TypeError(`hean.concurrency: threads must be a number, got ${typeof threads}`);
  return cpp().concurrency(threads);
}

export { pooledResults, wasmArena } from './core/indicator.js';
export type { WasmArena, WasmArenaOptions } from './wasm/resident.js';

/**
 * Which engine computes the batch indicators: `'native'` (the C++ addon; series shorter
 * than a measured crossover still run in WASM, where a call costs less) or `'wasm'` (no
 * addon loads on this platform, or `$HEAN_ENGINE=wasm`). Same results, bit for bit.
 */
export function engine(): 'native' | 'wasm' {
  return (cpp() as { engine?: string }).engine === 'wasm' ? 'wasm' : 'native';
}

/** Metadata of every indicator (inputs, options with defaults and ranges, outputs). */
export function indicators(): IndicatorMeta[] {
  return [...indicatorTable().values()];
}
export * from './backtest/events/index.js';
