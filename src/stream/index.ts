// Streaming counterparts of the batch indicators: PascalCase of the same name.
export { isGap, Stream, type StreamSnapshot } from './base.js';
export * from './atr.js';
export * from './bbands.js';
export * from './ema.js';
export * from './macd.js';
export * from './rsi.js';
export * from './sma.js';
export { Stddev } from './stddev.js';
export { Donchian, type DonchianValue } from './donchian.js';
export { Willr } from './willr.js';
export { Aroon, type AroonValue } from './aroon.js';
export { AroonOsc } from './aroonOsc.js';
export { Stoch, type StochValue } from './stoch.js';
export { Stochrsi, type StochrsiValue } from './stochrsi.js';
export { Ichimoku, type IchimokuValue } from './ichimoku.js';
export { Adx, type AdxValue } from './adx.js';
export { Cci } from './cci.js';
export { Mfi } from './mfi.js';
