// Exchange payloads users already hold (Bybit v5, ccxt) → hean's rules, books and columns.
export { applyBybitOrderBook, fromBybitInstrument, fromBybitInstruments, fromBybitKlines, fromBybitKlineStream } from './bybit.js';
export type { BybitBookOptions, BybitCategory, BybitInstrumentOptions, KlineColumns, StreamKlineColumns } from './bybit.js';
export { applyCcxtOrderBook, fromCcxtMarket, fromCcxtMarkets } from './ccxt.js';
export type { CcxtBookOptions, CcxtMarketOptions, CcxtPrecisionMode } from './ccxt.js';
export type { BookMessageOptions } from './shared.js';
