// A gym-style reinforcement-learning environment over the event-driven backtest: each step
// sets a target position, the order goes through the RiskEngine to the simulated venue, one
// bar passes, and the reward is the change in equity net of fees. Observations are rows of
// a features() matrix computed once per environment with the batch indicators.
import { describe, isArray, readObject, reading } from '../../core/guard.js';
import { features, type FeatureSpec } from '../../market/features.js';
import { REASON_CODES } from '../../trading/codes.js';
import { RiskEngine, type AccountLimits, type InstrumentLimits, type InstrumentRules } from '../../trading/risk.js';
import { mulberry32 } from '../../core/mulberry32.js';
import { EventBacktest, readBars, type EventBars } from './run.js';

/**
 * The default observation features (one column each, computed with `features()`; the env
 * appends the position as the last column):
 *
 * - `ret_1`: 1-bar log return, ln(close_t / close_{t-1}).
 * - `ret_5`: 5-bar log return.
 * - `vol_20`: standard deviation (ddof 1) of the last 20 1-bar log returns (not annualised).
 * - `rsi_14`: Wilder's RSI(14), in [0, 100].
 * - `sma_20_rel`: close / SMA(20) − 1.
 * - `atr_14_rel`: NATR(14) = 100 · ATR(14) / close (needs high and low; left out without them).
 */
export const defaultEnvFeatures: readonly FeatureSpec[] = [
  { fn: 'returns', options: { period: 1, kind: 'log' }, name: 'ret_1' },
  { fn: 'returns', options: { period: 5, kind: 'log' }, name: 'ret_5' },
  { fn: 'volatility', options: 20, name: 'vol_20' },
  { fn: 'rsi', options: 14, name: 'rsi_14' },
  { fn: 'sma', options: 20, transform: 'relative', name: 'sma_20_rel' },
];

/** Settings of a {@link TradingEnv}. */
export interface TradingEnvOptions {
  /** Observation columns (feature specs, see `features()`); default {@link defaultEnvFeatures} (+ `atr_14_rel` with high/low). */
  features?: readonly FeatureSpec[];
  /** `'discrete'` (default): action i targets `levels[i] × maxPosition`. `'continuous'`: a number in [-1, 1] (clipped) × maxPosition. */
  actions?: 'discrete' | 'continuous';
  /** Target levels of the discrete actions, each in [-1, 1]. Default [-1, 0, 1] (short, flat, long). */
  levels?: readonly number[];
  /** Position at action ±1, in units of the instrument (rounded down to its qty step). Default 1. */
  maxPosition?: number;
  /** Steps per episode before `truncated` (default: until the data ends). */
  episodeBars?: number;
  /** Start episodes at a seeded random bar (default false: at the first bar with every feature defined). */
  randomStart?: boolean;
  /** Instrument rules (default `{ symbol: 'SIM', tickSize: '0.01', qtyStep: '0.001' }`) and limits. */
  instrument?: InstrumentRules;
  limits?: InstrumentLimits;
  /** Account limits of each episode's fresh RiskEngine. */
  accountLimits?: AccountLimits;
  initCash?: number;
  makerFee?: number;
  takerFee?: number;
  latencyBars?: number;
  /** Default 2020-01-01 + i minutes when the bars have no `time`. */
  startTime?: number;
  barMs?: number;
}

/** What `step` returns (gymnasium's 5-tuple as an object). */
export interface StepResult {
  /** Feature row of the new bar, then the position / maxPosition. A new array each step. */
  observation: Float64Array;
  /** Equity change over the step, net of fees (quote currency). */
  reward: number;
  /** The account is bust (equity ≤ 0). */
  terminated: boolean;
  /** The episode ran out of bars (`episodeBars`, or the data). */
  truncated: boolean;
  info: StepInfo;
}

/** Diagnostics of a step. */
export interface StepInfo {
  /** Bar index of the observation. */
  index: number;
  time: number;
  position: number;
  equity: number;
  cash: number;
  /** Reason code name when the step's order was refused by the RiskEngine. */
  rejected?: string;
}


const ENV_KEYS = ['features', 'actions', 'levels', 'maxPosition', 'episodeBars', 'randomStart', 'instrument', 'limits', 'accountLimits', 'initCash', 'makerFee', 'takerFee', 'latencyBars', 'startTime', 'barMs'] as const;

/**
 * A trading environment with gymnasium's interface: `reset(seed?)` → `{ observation, info }`,
 * `step(action)` → `{ observation, reward, terminated, truncated, info }`.
 *
 * A step at bar t (the agent has seen bar t's close): the action becomes a target
 * position; the market order for the difference goes through the episode's RiskEngine and
 * is sent at t's close (it fills at that close, or with `latencyBars` = n at the open of
 * bar t + n); then bar t + 1 passes. The reward is equity(t + 1) − equity(t), equity being
 * cash + position × close, so fees and slippage to the tick are in it. Each episode has a
 * fresh RiskEngine; with the same seed an episode is the same, step for step.
 */
export class TradingEnv {
  /** Observation column names (the last is `position`). */
  readonly columns: readonly string[];
  /** Number of discrete actions (0 for continuous). */
  readonly actionCount: number;
  readonly #bars: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume?: Float64Array; time?: Float64Array };
  readonly #matrix: Float64Array;
  readonly #width: number;
  readonly #first: number;
  readonly #n: number;
  readonly #o: Required<Pick<TradingEnvOptions, 'actions' | 'maxPosition' | 'randomStart'>> & TradingEnvOptions;
  readonly #levels: readonly number[];
  #bt: EventBacktest | undefined;
  #t = -1;
  #steps = 0;
  #rng: () => number;
  #done = true;

  /** @throws TypeError / RangeError for bad bars or options (naming them). */
  constructor(bars: EventBars, options: TradingEnvOptions = {}) {
    const fn = 'hean.TradingEnv';
    const { close, n, open, high, low, volume, time } = readBars(fn, bars);
    this.#bars = { open, high: high ?? close, low: low ?? close, close, volume, time };
    if (high === undefined || low === undefined) (this.#bars.high = new Float64Array(n)), (this.#bars.low = new Float64Array(n));
    for (let i = 0; i < n && (high === undefined || low === undefined); i++) {
      this.#bars.high[i] = Math.max(open[i]!, close[i]!);
      this.#bars.low[i] = Math.min(open[i]!, close[i]!);
    }
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
    const o = readObject(options, ENV_KEYS, `${fn}: options`) as TradingEnvOptions;
    const actions = o.actions ?? 'discrete';
    if (actions !== 'discrete' && actions !== 'continuous') throw new RangeError(`${fn}: option 'actions' must be 'discrete' or 'continuous', got ${describe(actions)}`);
    const lv = o.levels as unknown;
    const levels = lv === undefined ? [-1, 0, 1] : isArray(lv, `${fn}: option 'levels'`) ? reading(`${fn}: option 'levels'`, () => Array.from(lv as unknown[])) : undefined;
    if (!levels || levels.length === 0 || levels.some((x) => typeof x !== 'number' || !((x as number) >= -1 && (x as number) <= 1)))
      throw new RangeError(`${fn}: option 'levels' must be a non-empty array of numbers in [-1, 1], got ${describe(o.levels)}`);
    const maxPosition = o.maxPosition ?? 1;
    if (typeof maxPosition !== 'number' || !(maxPosition > 0 && maxPosition < Infinity)) throw new RangeError(`${fn}: option 'maxPosition' must be a finite number > 0, got ${describe(maxPosition)}`);
    if (o.episodeBars !== undefined && !(Number.isInteger(o.episodeBars) && o.episodeBars >= 1)) throw new RangeError(`${fn}: option 'episodeBars' must be an integer >= 1, got ${describe(o.episodeBars)}`);
    for (const k of ['startTime', 'barMs'] as const)
      if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || (k === 'barMs' && !(o[k]! > 0)))) throw new RangeError(`${fn}: option '${k}' must be a finite number${k === 'barMs' ? ' > 0' : ''}, got ${describe(o[k])}`);
    if (o.randomStart !== undefined && typeof o.randomStart !== 'boolean') throw new TypeError(`${fn}: option 'randomStart' must be a boolean`);
    const spec = o.features ?? (high && low ? [...defaultEnvFeatures, { fn: 'natr', options: 14, name: 'atr_14_rel' }] : defaultEnvFeatures);
    const m = features({ open, high: this.#bars.high, low: this.#bars.low, close, ...(this.#bars.volume ? { volume: this.#bars.volume } : {}) }, spec, { warmup: 'keep' });
    this.#width = m.columns.length;
    this.columns = [...m.columns, 'position'];
    this.#matrix = m.data;
    let first = 0;
    while (first < n && !this.#rowFinite(first)) first++;
    if (first >= n - 1) throw new RangeError(`${fn}: too few bars (${n}) for the features' warm-up (${first}); need at least ${first + 2}`);
    this.#first = first;
    this.#n = n;
    this.#levels = levels as number[];
    this.actionCount = actions === 'discrete' ? levels.length : 0;
    this.#o = { ...o, actions, maxPosition, randomStart: o.randomStart ?? false };
    this.#rng = mulberry32(0);
    // Validate the trading options once now (a fresh engine per episode later).
    this.#newEpisode(first);
  }

  #rowFinite(i: number): boolean {
    const w = this.#width;
    for (let k = 0; k < w; k++) if (!Number.isFinite(this.#matrix[i * w + k]!)) return false;
    return true;
  }

  #newEpisode(start: number): void {
    const o = this.#o;
    const engine = new RiskEngine(o.accountLimits);
    this.#bt = new EventBacktest(
      { onBar() {} },
      {
        engine,
        instrument: o.instrument ?? { symbol: 'SIM', tickSize: '0.01', qtyStep: '0.001' },
        ...(o.limits ? { limits: o.limits } : {}),
        ...(o.initCash !== undefined ? { initCash: o.initCash } : {}),
        ...(o.makerFee !== undefined ? { makerFee: o.makerFee } : {}),
        ...(o.takerFee !== undefined ? { takerFee: o.takerFee } : {}),
        ...(o.latencyBars !== undefined ? { latencyBars: o.latencyBars } : {}),
        equity: false,
      },
    );
    this.#t = start;
    this.#steps = 0;
    this.#feed(start);
  }

  #time(i: number): number {
    const t = this.#bars.time;
    return t ? t[i]! : (this.#o.startTime ?? Date.UTC(2020, 0, 1)) + i * (this.#o.barMs ?? 60_000);
  }

  #feed(i: number): void {
    const b = this.#bars;
    this.#bt!.barClose(b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, b.volume ? b.volume[i]! : NaN, this.#time(i));
  }

  #observe(): Float64Array {
    const w = this.#width;
    const out = new Float64Array(w + 1);
    out.set(this.#matrix.subarray(this.#t * w, this.#t * w + w));
    out[w] = this.#bt!.trader.position / this.#o.maxPosition;
    return out;
  }

  #info(rejected?: string): StepInfo {
    const tr = this.#bt!.trader;
    return { index: this.#t, time: tr.time, position: tr.position, equity: tr.equity, cash: tr.cash, ...(rejected ? { rejected } : {}) };
  }

  /** Starts an episode; a seed (integer) makes it and the random start reproducible. */
  reset(seed?: number): { observation: Float64Array; info: StepInfo } {
    if (seed !== undefined) {
      if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError(`hean.TradingEnv.reset: seed must be an integer, got ${describe(seed)}`);
      this.#rng = mulberry32(seed);
    }
    let start = this.#first;
    if (this.#o.randomStart) {
      const last = this.#n - 1 - (this.#o.episodeBars ?? 1);
      if (last > this.#first) start = this.#first + Math.floor(this.#rng() * (last - this.#first + 1));
    }
    this.#newEpisode(start);
    this.#done = false;
    return { observation: this.#observe(), info: this.#info() };
  }

  /** Target position for an action (units), before rounding to the qty step. */
  target(action: number): number {
    if (typeof action !== 'number') throw new TypeError(`hean.TradingEnv.step: action must be a number, got ${describe(action)}`);
    if (this.actionCount > 0) {
      if (!Number.isInteger(action) || action < 0 || action >= this.actionCount) throw new RangeError(`hean.TradingEnv.step: action must be an integer in [0, ${this.actionCount - 1}], got ${action}`);
      return this.#levels[action]! * this.#o.maxPosition;
    }
    if (Number.isNaN(action)) throw new RangeError('hean.TradingEnv.step: action must be a number in [-1, 1], got NaN');
    return Math.max(-1, Math.min(1, action)) * this.#o.maxPosition;
  }

  /** Sets the target position, lets one bar pass, and reports the reward. */
  step(action: number): StepResult {
    if (this.#done) throw new RangeError('hean.TradingEnv.step: the episode is over (or never started): call reset()');
    const goal = this.target(action);
    const bt = this.#bt!;
    const tr = bt.trader;
    const before = tr.equity;
    const q = Math.sign(goal) * bt.engine.roundQty(bt.instrument, Math.abs(goal));
    const code = tr.targetPosition(q);
    const rejected = code !== 0 ? (REASON_CODES[code] ?? String(code)) : undefined;
    bt.barEnd();
    this.#t++;
    this.#steps++;
    this.#feed(this.#t);
    const reward = tr.equity - before;
    const terminated = !(tr.equity > 0);
    const truncated = !terminated && (this.#t >= this.#n - 1 || (this.#o.episodeBars !== undefined && this.#steps >= this.#o.episodeBars));
    this.#done = terminated || truncated;
    return { observation: this.#observe(), reward, terminated, truncated, info: this.#info(rejected) };
  }
}
