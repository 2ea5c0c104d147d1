// Streaming counterparts of the batch indicators: PascalCase of the same name.
export { isGap, Stream, type SnapshotNumber, type StreamSnapshot } from './base.js';
export { Vwap } from './wasm.js';
export * from './classes.gen.js';
export * from './candles.gen.js';
