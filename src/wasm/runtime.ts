// The one WASM indicator engine of this JS realm, shared by both loaders: src/wasm/load.ts
// (Node: instantiated on first use from the file beside dist/) and src/wasm/load.web.ts
// (hean/web: instantiated by `init()` from a URL, Response, bytes or compiled module). No
// Node imports here: the browser build bundles this file.
import { EXPECTED_ABI } from '../abi.js';
import { describe } from '../core/guard.js';
import { instantiateWasmEngineAsync, isWasmModule, type WasmEngine, type WasmModule } from './engine.js';

/** A `fetch` Response (the subset used; the project's lib has no DOM types). */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly url: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Where hean_cpp.wasm comes from: its URL (a string or `URL`, fetched with `fetch`), a
 * `Response` (or a promise of one, e.g. `fetch(url)`), its bytes (`ArrayBuffer` or a typed
 * array), or an already compiled `WebAssembly.Module`.
 */
export type WasmSource = string | URL | ResponseLike | PromiseLike<ResponseLike> | ArrayBuffer | ArrayBufferView | WasmModule;

let current: WasmEngine | undefined;

/** The engine, once set (undefined before). */
export function currentWasmEngine(): WasmEngine | undefined {
  return current;
}

/** Checks `e`'s ABI against this TypeScript's and makes it the engine; `from` names its source in the error. */
export function useWasmEngine(e: WasmEngine, from: string): WasmEngine {
  if (e.abiVersion !== EXPECTED_ABI.hean_cpp) throw new Error(`hean: ${from} is stale (ABI ${e.abiVersion}, this hean needs ${EXPECTED_ABI.hean_cpp}); use the hean_cpp.wasm of this hean version`);
  return (current = e);
}

const isResponse = (x: unknown): x is ResponseLike => typeof x === 'object' && x !== null && typeof (x as ResponseLike).arrayBuffer === 'function' && 'ok' in x;
const isThenable = (x: unknown): x is PromiseLike<unknown> => typeof x === 'object' && x !== null && typeof (x as PromiseLike<unknown>).then === 'function';

/** Fetches (when given a URL or Response), compiles and instantiates hean_cpp.wasm, asynchronously. */
export async function loadWasmEngine(source: WasmSource, what = 'init'): Promise<WasmEngine> {
  let src: unknown = source;
  let from = 'hean_cpp.wasm';
  if (typeof src === 'string' || src instanceof URL) {
    from = String(src);
    const f = (globalThis as { fetch?: (u: string) => Promise<ResponseLike> }).fetch;
    if (typeof f !== 'function') throw new TypeError(`hean.${what}: this runtime has no fetch(); pass the bytes of hean_cpp.wasm (ArrayBuffer) or a WebAssembly.Module instead of its URL`);
    try {
      src = await f(from);
    } catch (e) {
      throw new Error(`hean.${what}: could not fetch ${from} (${(e as Error).message}); pass the bytes of hean_cpp.wasm (ArrayBuffer) or a WebAssembly.Module instead`);
    }
  } else if (isThenable(src)) src = await src;
  if (isResponse(src)) {
    if (src.url) from = src.url;
    if (!src.ok) throw new Error(`hean.${what}: fetching ${from} failed: HTTP ${src.status}`);
    src = await src.arrayBuffer();
  }
  if (!(isWasmModule(src) || src instanceof ArrayBuffer || ArrayBuffer.isView(src))) {
    throw new TypeError(`hean.${what}: source must be a URL (string or URL), a Response, an ArrayBuffer, a typed array or a WebAssembly.Module, got ${describe(source)}`);
  }
  let e: WasmEngine;
  try {
    e = await instantiateWasmEngineAsync(src as ArrayBuffer | ArrayBufferView | WasmModule);
  } catch (err) {
    throw new Error(`hean.${what}: ${from} is not hean's WebAssembly engine (${(err as Error).message})`);
  }
  return useWasmEngine(e, from);
}
