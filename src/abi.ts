// The ABI version of each addon this TypeScript expects (the WASM build carries hean_cpp's):
// a mismatch means a stale binary. Its own module so that the browser build (no Node
// imports) shares it with src/native.ts.

/** ABI of each addon this TypeScript expects; a mismatch means a stale binary. */
export const EXPECTED_ABI = { hean_cpp: 1, hean_rust: 1 } as const;

/** The native addons hean ships: the C++ indicator engine and the Rust risk core. */
export type AddonName = keyof typeof EXPECTED_ABI;
