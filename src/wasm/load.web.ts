// load.ts for hean/web (tsup.config.ts swaps it in): the same exports, no Node imports. There
// is no native addon in a browser, so every call runs on the WASM engine that `init()`
// (src/web.ts) instantiated into runtime.ts.
import type { WasmEngine } from './engine.js';
import { currentWasmEngine } from './runtime.js';

/** Values of `$HEAN_ENGINE` (Node); in hean/web always `wasm`. */
export type EngineChoice = 'auto' | 'native' | 'wasm';

/** Always `'wasm'` in hean/web. */
export function engineChoice(): EngineChoice {
  return 'wasm';
}

/** No file system here: undefined. */
export function wasmPath(): string | undefined {
  return undefined;
}

/** The WASM engine that `init()` instantiated; an Error before that. */
export function wasmEngine(): WasmEngine {
  const e = currentWasmEngine();
  if (!e) throw new Error("hean/web: the WASM engine is not loaded yet: `await init()` (from 'hean/web') before the first indicator call");
  return e;
}

/** The WASM engine (there is no native addon to try). */
export function selectEngine<T>(_loadNative: () => T): T | WasmEngine {
  return wasmEngine();
}

/** Kept for the same exports as load.ts; every series runs in WASM here. */
export const WASM_BELOW = 0;

/** `engine` itself: it is the WASM engine already. */
export function engineFor<T>(engine: T, _n: number): T {
  return engine;
}
