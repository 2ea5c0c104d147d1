// Event-driven backtesting and live trading with one strategy object (issue 12).
export type { Bar, EventOrderType, FillEvent, EventOrderOptions, RejectEvent, Strategy, StrategyContext, Venue, VenueListener, VenueOrder } from './types.js';
export type { SimVenue, SimVenueOptions } from './sim-venue.js';
export type { Trader, FillColumns, TraderOptions } from './trader.js';
export { EventBacktest, runEvents, type EventBars, type EventOptions, type EventResult } from './run.js';
export { TradingEnv, defaultEnvFeatures, type StepInfo, type StepResult, type TradingEnvOptions } from './gym.js';
export { LiveSession, type LiveBar, type LiveOptions } from './live.js';
