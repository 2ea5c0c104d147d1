// Streaming counterparts of the batch indicators: PascalCase of the same name.
export { isGap, Stream, type StreamSnapshot } from './base.js';
export * from './atr.js';
export * from './bbands.js';
export { Cmo } from './cmo.js';
export { Dema } from './dema.js';
export * from './ema.js';
export * from './macd.js';
export { Mom } from './mom.js';
export { Returns } from './returns.js';
export { Roc } from './roc.js';
export * from './rsi.js';
export * from './sma.js';
export { Stddev } from './stddev.js';
export { Tema } from './tema.js';
export { Trix } from './trix.js';
export { Wma } from './wma.js';
