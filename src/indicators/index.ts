// Every indicator, one module each (same name as its kernel in native-cpp/src/).
export * from './atr.js';
export * from './bbands.js';
export * from './ema.js';
export * from './macd.js';
export * from './natr.js';
export * from './rsi.js';
export * from './sma.js';
export * from './stddev.js';
export * from './trange.js';
export * from './wilders.js';
