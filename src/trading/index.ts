// hean's trading API: instrument rules, pre-trade risk, positions and PnL, L2 books and
// smart order routing, backed by the Rust core (loaded on first construction).
export { BOOK_STATUSES, BookStatus, ORDER_FLAGS, ORDER_STRATEGY_SHIFT, OrderFlag, REASON_CODES, ReasonCode, TRADING_STATES, TRADING_STATE_DOCS, countReasons, reasonName } from './codes.js';
export type { OrderType, Side, TradingState } from './codes.js';
export { RiskEngine, orderFlags } from './risk.js';
export type {
  AccountLimits,
  AccountSummary,
  CheckResult,
  DailyPnl,
  InstrumentInfo,
  InstrumentLimits,
  InstrumentRules,
  OpenOrderInfo,
  OrderBatch,
  OrderRequest,
  PositionInfo,
  StrategyStats,
} from './risk.js';
export { OrderBook } from './book.js';
export type { DeltaBatch, DeltaLevels, FillEstimate, Level, Levels, OrderBookOptions } from './book.js';
export { ROUTE_CHILD, ROUTE_DROPPED, ROUTE_HEADER, Router } from './router.js';
export type { ChildOrder, DroppedChild, RoutePlan, RouteRequest, VenueOptions } from './router.js';
export type { DecimalLike } from './addon.js';
