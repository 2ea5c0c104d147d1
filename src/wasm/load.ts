// Which engine answers the indicator calls: the native addon when one loads, else the
// WebAssembly build that ships in the package; $HEAN_ENGINE picks one explicitly. Node
// only: the browser build (hean/web) swaps this file for load.web.ts, which has the same
// exports; both keep the WASM engine in runtime.ts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { instantiateWasmEngine, type WasmEngine } from './engine.js';
import { currentWasmEngine, useWasmEngine } from './runtime.js';

/** Values of `$HEAN_ENGINE`: `native` (the addon or an error), `wasm`, or `auto` (default: native, else WASM). */
export type EngineChoice = 'auto' | 'native' | 'wasm';

/** The `$HEAN_ENGINE` setting, checked. */
export function engineChoice(): EngineChoice {
  const v = process.env.HEAN_ENGINE;
  if (v === undefined || v === '' || v === 'auto') return 'auto';
  if (v === 'native' || v === 'wasm') return v;
  throw new RangeError(`hean: $HEAN_ENGINE must be 'auto', 'native' or 'wasm', got '${v}'`);
}

// dist/index.{js,cjs} -> <package>/wasm; src/wasm/load.ts -> <checkout>/wasm.
const CANDIDATES = ['../wasm/hean_cpp.wasm', '../../wasm/hean_cpp.wasm'];

/** Path of the shipped hean_cpp.wasm, or undefined when it is missing. */
export function wasmPath(): string | undefined {
  for (const rel of CANDIDATES) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** The WASM indicator engine (instantiated once, on first use). */
export function wasmEngine(): WasmEngine {
  const have = currentWasmEngine();
  if (have) return have;
  const file = wasmPath();
  if (!file) throw new Error(`hean: wasm/hean_cpp.wasm is missing from this package (looked beside ${fileURLToPath(import.meta.url)}); reinstall hean`);
  return useWasmEngine(instantiateWasmEngine(readFileSync(file)), file);
}

/**
 * The indicator engine: with `$HEAN_ENGINE` unset or `auto`, the native addon from
 * `loadNative`, else (no addon loads here) the WASM engine; `native` or `wasm` force one.
 * When neither loads, the native loader's error (which says what to do) is thrown.
 */
export function selectEngine<T>(loadNative: () => T): T | WasmEngine {
  const choice = engineChoice();
  if (choice === 'wasm') return wasmEngine();
  if (choice === 'native') return loadNative();
  try {
    return loadNative();
  } catch (e) {
    try {
      return wasmEngine();
    } catch {
      throw e;
    }
  }
}

/**
 * Series shorter than this many bars run in the WASM engine even when the native addon is
 * loaded: copying them into linear memory costs less than a Node-API call's fixed cost.
 * Measured with the quick path (per call, native vs WASM, out given, CPU time; `npm run bench --
 * engines`, HEAN_BENCH_LENGTHS=256,384,512,768,1000), since the WASM kernels read without the
 * scan-ahead check (HEAN_NO_SCAN_AHEAD): WASM was faster for all of sma, ema, rsi, macd, bbands
 * and atr up to 768 bars (sma 608 vs 880 ns, bbands 2422 vs 3075, atr 1749 vs 1906) and at
 * 1000 for four of the six (sma 781 vs 1005; bbands 3729 vs 3664 and atr 2411 vs 2310 native).
 * Hence 1000 (it was 384 before that change).
 */
export const WASM_BELOW = 1000;

/** WASM_BELOW, or `$HEAN_WASM_BELOW` when set (an integer >= 0; 0 keeps every call native). */
function wasmBelow(): number {
  const v = process.env.HEAN_WASM_BELOW;
  if (v === undefined || v === '') return WASM_BELOW;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`hean: $HEAN_WASM_BELOW must be an integer >= 0, got '${v}'`);
  return n;
}
let below: number | undefined;
let short: unknown;

/** The engine for a call on a series of `n` bars: `engine`, or the WASM engine for a short series. */
export function engineFor<T>(engine: T, n: number): T {
  if (n >= (below ??= wasmBelow())) return engine;
  if (short === undefined) {
    try {
      short = (engine as { engine?: string }).engine === 'wasm' || engineChoice() === 'native' ? engine : wasmEngine();
    } catch {
      short = engine;
    }
  }
  return short as T;
}
