/**
 * `hean/web`: hean's indicator engine for browsers (and Deno, Bun, workers, edge runtimes:
 * anything with WebAssembly and no need for Node's addons). No Node imports; the engine is
 * wasm/hean_cpp.wasm, the same C++ as the native addon, so results equal Node's bit for bit.
 *
 * Has: every indicator with `.many`, `.sweep`, `.async` and `.lookback`, the streaming
 * classes, `patterns()` (the 61 candlestick patterns in one call), `wasmArena` (arrays in the
 * engine's memory, read and written in place) and `talib` (hean/talib:
 * `talib.execute`, …). Not here: the Rust risk core, matrix math, resampling and backtests
 * (they need the native addons: use `hean` in Node.js).
 *
 * `await init()` once before the first call; it fetches `../wasm/hean_cpp.wasm` beside this
 * file, or takes the `.wasm` as a URL, `Response`, `ArrayBuffer` or `WebAssembly.Module`.
 *
 * @example
 * ```ts
 * import { init, rsi, Rsi, talib } from 'hean/web';
 * await init(); // or init(new URL('/assets/hean_cpp.wasm', location.href))
 * const r = rsi(close, 14);
 * const s = new Rsi(14); s.update(101.5);
 * talib.execute({ name: 'SMA', startIdx: 0, endIdx: close.length - 1, inReal: close, optInTimePeriod: 20 });
 * ```
 * @packageDocumentation
 */
import { indicatorTable, type IndicatorMeta } from './core/indicator.js';
import { currentWasmEngine, loadWasmEngine, type WasmSource } from './wasm/runtime.js';

export type { Grid, Indicator, IndicatorMeta, OptionlessIndicator, OptionMeta, OutArg, Series, SweepResult } from './core/indicator.js';
export type { ResponseLike, WasmSource } from './wasm/runtime.js';
export * from './indicators/index.js';
export * from './stream/index.js';
export { CANDLE_SETTING_NAMES, candleSettingsVector, DEFAULT_CANDLE_SETTINGS, patternNames, patterns } from './patterns.js';
export type { CandleSetting, CandleSettingName, CandleSettings, PatternsOptions, PatternsResult, RangeType } from './patterns.js';
import talibApi from './talib/index.js';

export type { ExecuteParams, ExecuteResult, TalibFunction, TalibInput, TalibOptInput, TalibOutput } from './talib/index.js';

/**
 * hean/talib on the WASM engine: the `talib` npm package's API (`execute`, with or
 * without a callback, `explain`, `functions`, `version`) plus `supported`, the functions
 * hean computes.
 */
export const talib: typeof talibApi = talibApi;

/** The package version. */
export const version: string = '0.1.0';

let loading: Promise<void> | undefined;

/**
 * Loads the WASM engine; call (and await) once before the first indicator call. Later calls
 * return the first call's promise (a failed load can be retried).
 *
 * @param source - hean_cpp.wasm as a URL (string or `URL`, fetched), a `Response` or a
 *   promise of one, its bytes (`ArrayBuffer` or typed array) or a compiled
 *   `WebAssembly.Module`. Default: `new URL('../wasm/hean_cpp.wasm', import.meta.url)`, the
 *   file in the package beside `dist/` (bundlers that understand this pattern copy it).
 * @throws TypeError for another kind of source; Error when the fetch fails or the bytes
 *   are not this hean version's engine.
 */
export function init(source?: WasmSource): Promise<void> {
  return (loading ??= loadWasmEngine(source ?? new URL('../wasm/hean_cpp.wasm', import.meta.url)).then(
    () => undefined,
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  ));
}

/** True once {@link init} has loaded the engine. */
export function ready(): boolean {
  return currentWasmEngine() !== undefined;
}

export { pooledResults, wasmArena } from './core/indicator.js';
export type { WasmArena, WasmArenaOptions } from './wasm/resident.js';

/** The engine computing the indicators: always `'wasm'` in hean/web. */
export function engine(): 'wasm' {
  return 'wasm';
}

/** Metadata of every indicator (inputs, options with defaults and ranges, outputs); after {@link init}. */
export function indicators(): IndicatorMeta[] {
  return [...indicatorTable().values()];
}
