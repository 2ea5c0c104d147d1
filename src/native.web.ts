// native.ts for hean/web (tsup.config.ts swaps it in): the same exports, no Node imports.
// A browser loads no native addon: loadAddon throws, and the indicator engine is the WASM
// build (src/wasm/load.web.ts).
import { EXPECTED_ABI, type AddonName } from './abi.js';

export { EXPECTED_ABI, type AddonName };

/** `browser` (the error messages' platform name). */
export function platformTag(): string {
  return 'browser';
}

/** None: prebuilds are Node-API addons. */
export function prebuiltPlatforms(_name: AddonName = 'hean_cpp'): string[] {
  return [];
}

/** Always throws: no native addon runs in a browser. */
export function loadAddon<T>(name: AddonName): T {
  throw new Error(
    `hean/web: ${name === 'hean_rust' ? "the Rust risk core (RiskEngine, OrderBook, Router)" : 'this part of the C++ addon'} needs hean's native addon, which runs in Node.js (import 'hean'), not in a browser; ` +
      "hean/web has the indicators, the streaming classes and talib.execute, on WebAssembly",
  );
}
