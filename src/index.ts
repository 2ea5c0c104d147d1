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
 * - Snapshot files: writeSnapshotFile / readSnapshotFile (write-then-rename, fsynced).
 *
 * @packageDocumentation
 */
import { indicatorTable, type IndicatorMeta } from './core/indicator.js';

export type { Grid, Indicator, IndicatorMeta, OptionMeta, OutArg, Series, SweepResult } from './core/indicator.js';
export * from './indicators/index.js';
export * from './matrix.js';
export * from './stream/index.js';
export * from './market/aggregator.js';
export * from './market/columns.js';
export * from './market/features.js';
export * from './market/resample.js';
export * from './market/window-vwap.js';
export * from './trading/index.js';
export { readSnapshotFile, readSnapshotFileAsync, writeSnapshotFile, writeSnapshotFileAsync } from './snapshot-file.js';

/** The package version. */
export const version: string = '0.1.0';

/** Metadata of every indicator (inputs, options with defaults and ranges, outputs). */
export function indicators(): IndicatorMeta[] {
  return [...indicatorTable().values()];
}
