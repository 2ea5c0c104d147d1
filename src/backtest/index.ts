// Vectorised backtesting on the C++ kernel (native-cpp/src/backtest.cpp): columns of
// signals or orders in, metrics and trades out, one native call per request. Semantics
// follow vectorbt's Portfolio.from_signals / from_orders; docs/backtest.md lists every
// difference.
import { describe, f64Length, isArray, isTyped, readObject, reading } from '../core/guard.js';
import { cpp, toSeries, type Series } from '../core/indicator.js';
import { BACKTEST_SPANS, traced, tracing } from '../telemetry.js';

/** A boolean signal per bar: `Uint8Array` (non-zero = true, read in place) or `boolean[]`. */
export type SignalSeries = Uint8Array | Uint8ClampedArray | readonly boolean[];

/** Price columns. Series-major when there are several assets: `close[a * bars + t]`. */
export interface PriceInputs {
  close: Series;
  /** Needed for `price: 'nextOpen'`; used by stops (gap fills at the open). */
  open?: Series;
  /** Used by stops (checked intrabar on high/low); max(open, close) when absent. */
  high?: Series;
  /** Used by stops; min(open, close) when absent. */
  low?: Series;
}

/** Inputs of {@link backtest.fromSignals}: `columns × bars` signals, series-major. */
export interface SignalInputs extends PriceInputs {
  entries: SignalSeries;
  exits?: SignalSeries;
  /** With shortEntries/shortExits, entries/exits are the long side (vectorbt's long/short mode). */
  shortEntries?: SignalSeries;
  shortExits?: SignalSeries;
}

/** Inputs of {@link backtest.fromOrders}: one order size per bar and column (NaN: no order). */
export interface OrderInputs extends PriceInputs {
  size: Series;
}

/** Exchange rules applied to every fill (sizes as an exchange would accept them). */
export interface BacktestInstrument {
  /** Sizes are floored to a multiple of this (e.g. 0.001 BTC). 0 = any size. */
  qtyStep?: number;
  /** A fill smaller than this is rejected (within vectorbt's 1e-9 relative / 1e-12 tolerance). Default 1e-8, vectorbt's `min_size`; 0 accepts any size. */
  minQty?: number;
  /** A fill worth less than this (size × fill price) is rejected. */
  minNotional?: number;
}

/** Options shared by every backtest call. */
export interface SimOptions {
  /** Starting cash (per column, or per group with cash sharing). Default 100 (vectorbt's). */
  initCash?: number;
  /** Fee as a fraction of traded value (0.001 = 0.1%); negative for rebates (> -1). Default 0. */
  fees?: number;
  /** Fee per fill in cash. Default 0. */
  fixedFees?: number;
  /** Fraction of the price paid on every fill (buys higher, sells lower); not on stop exits. Default 0. */
  slippage?: number;
  /** Fill on the signal bar's close (default), or on the next bar's open. */
  price?: 'close' | 'nextOpen';
  /** Exchange rules applied to every fill. */
  instrument?: BacktestInstrument;
  /** Bars per year for annualised metrics (365 for daily crypto, 252 trading days, 525,600 crypto minutes). Default 365. */
  periodsPerYear?: number;
  /** Number of assets in the price columns. Column c trades asset c % assets. Default 1. */
  assets?: number;
  /** First bar simulated: signals before it are ignored, metrics cover [start, bars). Default 0. */
  start?: number;
  /** Record trades (default true). Metrics are computed either way. */
  trades?: boolean;
  /** Return per-bar equity (`columns × bars`, series-major). Default false: memory is O(columns + trades). */
  equity?: boolean;
  /** Return per-bar drawdown, value / running peak - 1 (≤ 0). Default false. */
  drawdown?: boolean;
  /** Threads across columns; default: {@link concurrency} for jobs of 2^20 bar-columns or more, else 1. */
  threads?: number;
}

/** Options that several columns can share cash with. */
export interface PortfolioOptions extends SimOptions {
  /**
   * Cash sharing: sizes of consecutive column groups that share one cash balance (a
   * multi-asset portfolio), e.g. `[3]` for three columns in one portfolio. Metrics and
   * equity are then per group; trades keep their column. Columns of a group are processed
   * in column order on every bar (vectorbt's default call sequence).
   */
  groups?: readonly number[] | Uint32Array;
  /**
   * Memory to reuse from run to run (from {@link backtest.workspace}), as `out` is for
   * indicators: the run writes its fill log there, and its trade columns go there when
   * `trades` is read, instead of into memory new to the process each time (a dense
   * fromOrders run of 1M orders writes 16 MB of fills and, when read, 35 MB of trade
   * columns). One workspace serves fromOrders and fromSignals alike and holds one result's
   * trades at a time: a result's trade columns are views of its memory, valid until the
   * trades of a later result of the same workspace are read (which overwrites them:
   * `.slice()` what you keep); a result whose `trades` were not read before the next run
   * with its workspace throws an Error when they are read. A run that throws while checking
   * its inputs and options changes nothing; one that fails after that (out of memory during
   * the simulation) leaves the previous result's unread trades unreadable (they throw), as
   * a successful run would. Metrics, equity and drawdown are the result's own.
   */
  workspace?: BacktestWorkspace;
}

/** Entry size, direction and stops of a signal backtest (shared by fromSignals and maCrossGrid). */
export interface SignalSizing {
  /** Size of an entry in `sizeType` units. Default Infinity: all available cash. */
  size?: number;
  /** `amount` (units of the asset), `value` (cash), `percent` (fraction 0..1 of available cash). Default amount. */
  sizeType?: 'amount' | 'value' | 'percent';
  /** Which positions entries open: long (default), short, or both (an exit, or a crossing below in a grid, opens or reverses to a short, as vectorbt). */
  direction?: 'long' | 'short' | 'both';
  /** Stop loss: fraction below the entry reference (long) or above (short). */
  stopLoss?: number;
  /** Trailing stop: fraction below the highest high since entry (long), above the lowest low (short). */
  trailingStop?: number;
  /** Take profit: fraction above the entry reference (long) or below (short). */
  takeProfit?: number;
}

/** Options of {@link backtest.fromSignals}. */
export interface SignalOptions extends PortfolioOptions, SignalSizing {}

/** Options of {@link backtest.fromOrders}. */
export interface OrderOptions extends PortfolioOptions {
  /** How `size` is read. Default amount. Negative sizes sell / short. */
  sizeType?: 'amount' | 'value' | 'percent' | 'targetAmount' | 'targetValue' | 'targetPercent';
  /** Allowed positions. Default both (vectorbt's from_orders default). */
  direction?: 'long' | 'short' | 'both';
}

/**
 * Reusable memory for {@link backtest.fromOrders} and {@link backtest.fromSignals} results
 * (option `workspace`): one result's fill log and trade columns, kept warm for the next
 * run. Grows to the largest run it served; freed when nothing references it.
 */
export interface BacktestWorkspace {
  /** Bytes held (fill log and trade columns). */
  readonly bytes: number;
}

/**
 * Metric names, in the kernel's order. Every value is a fraction (0.05 = 5%), durations are
 * in bars. `r_t = V_t / V_{t-1} - 1` are the per-bar returns of the value V (cash plus
 * positions at the close, forward-filled over gaps), with V_{-1} = initCash; n bars; P =
 * periodsPerYear. Trade statistics use closed trades.
 *
 * - `totalReturn`: V_end / initCash - 1.
 * - `cagr`: (V_end / initCash)^(P / n) - 1 (vectorbt's annualized return while V stays > 0); NaN when V_end ≤ 0.
 * - `annualizedVolatility`: std(r, ddof 1) · √P.
 * - `sharpeRatio`: mean(r) / std(r, ddof 1) · √P; Infinity when std is 0 (as vectorbt).
 * - `sortinoRatio`: mean(r) · P / (√mean(min(r, 0)²) · √P); Infinity when no return is negative.
 * - `calmarRatio`: cagr / maxDrawdown; NaN when maxDrawdown is 0.
 * - `omegaRatio`: Σ max(r, 0) / Σ max(-r, 0); Infinity when no return is negative.
 * - `maxDrawdown`: max over t of 1 - V_t / max_{s ≤ t} V_s (positive, 0 when none).
 * - `maxDrawdownDuration`: longest drawdown in bars, from the bar after the peak to the recovery bar (exclusive), or to the last bar inclusive when still running (vectorbt's).
 * - `avgDrawdown`: mean depth (peak - valley) / peak over drawdown periods.
 * - `totalTrades`, `closedTrades`, `openTrades`: trade counts (total includes the open one).
 * - `winRate`: closed trades with pnl > 0 / closed trades.
 * - `bestTrade`, `worstTrade`, `avgTrade`, `avgWinningTrade`, `avgLosingTrade`: max / min / mean trade return (pnl / (size · entry price)).
 * - `avgTradeDuration`: mean exitIndex - entryIndex, in bars.
 * - `profitFactor`: Σ pnl of winners / |Σ pnl of losers|.
 * - `expectancy`: mean pnl per closed trade (cash).
 * - `sqn`: √k · mean(pnl) / std(pnl, ddof 1) over k closed trades (Van Tharp's, as backtesting.py).
 * - `exposureTime`: fraction of bars ending with an open position.
 * - `totalFeesPaid`: fees of all fills (cash).
 * - `benchmarkReturn`: buy and hold, last close / first close - 1 (mean over the columns of a group).
 * - `startValue`, `endValue`: initCash and V_end.
 * - `openTradePnl`: pnl of the trade still open, valued at the last close.
 */
export const metricNames = [
  'totalReturn',
  'cagr',
  'annualizedVolatility',
  'sharpeRatio',
  'sortinoRatio',
  'calmarRatio',
  'omegaRatio',
  'maxDrawdown',
  'maxDrawdownDuration',
  'avgDrawdown',
  'totalTrades',
  'closedTrades',
  'openTrades',
  'winRate',
  'bestTrade',
  'worstTrade',
  'avgTrade',
  'avgWinningTrade',
  'avgLosingTrade',
  'avgTradeDuration',
  'profitFactor',
  'expectancy',
  'sqn',
  'exposureTime',
  'totalFeesPaid',
  'benchmarkReturn',
  'startValue',
  'endValue',
  'openTradePnl',
] as const;

/** Name of one backtest metric (see {@link metricNames}). */
export type MetricName = (typeof metricNames)[number];
/** One Float64Array per metric, one value per result column. */
export type Metrics = Record<MetricName, Float64Array>;
/** The metrics of one result column. */
export type MetricValues = Record<MetricName, number>;

/**
 * Trades as typed columns (vectorbt's exit trades: one record per exit fill). The columns
 * are views of one ArrayBuffer, each at its own offset (for `fromOrders` and `fromSignals`
 * the buffer has room for the most trades the fills could make, so it can be larger than
 * the columns): copy a column (`.slice()`) to keep it apart from the rest, or to transfer it.
 */
export interface Trades {
  /** Signal column of the trade. */
  column: Uint32Array;
  entryIndex: Int32Array;
  /** Exit bar; the last bar for a trade still open. */
  exitIndex: Int32Array;
  /** 1 long, -1 short. */
  direction: Int8Array;
  /** 1 when the trade is still open at the last bar (valued at the last close, no exit fees). */
  open: Uint8Array;
  size: Float64Array;
  /** Size-weighted average fill price of the entries, slippage included. */
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  entryFees: Float64Array;
  exitFees: Float64Array;
  /** (exit - entry) · size (negated for shorts) - entry fees - exit fees. */
  pnl: Float64Array;
  /** pnl / (size · entry price). */
  return: Float64Array;
}

/** Result of {@link backtest.fromSignals} and {@link backtest.fromOrders}. */
export interface BacktestResult {
  /** Result columns: signal columns, or groups with cash sharing. */
  readonly columns: number;
  readonly bars: number;
  readonly metrics: Metrics;
  /**
   * Present unless `trades: false`. The run itself keeps only its fills (16 bytes each, as
   * vectorbt keeps order records); the columns are built from them on first access, in one
   * native call through the same trade builder (the same values, bit for bit), and cached.
   * It is an enumerable property: spreading, `JSON.stringify` and structured cloning of the
   * result include it.
   */
  readonly trades?: Trades;
  /** `columns × bars`, series-major; NaN before `start`. */
  readonly equity?: Float64Array;
  readonly drawdown?: Float64Array;
  /** The metrics of one column as a plain object. */
  stats(column?: number): MetricValues;
}

interface BacktestAddon {
  backtestRun(
    mode: number,
    prices: (Float64Array | undefined)[],
    signals: (Uint8Array | undefined)[] | Float64Array,
    params: Float64Array,
    groups: Uint32Array | undefined,
    outs: [Float64Array, Float64Array | undefined, Float64Array | undefined, ((bytes: number) => ArrayBuffer)?],
  ): Trades | [fills: Float64Array, meta: Float64Array] | undefined;
  // reuse: a workspace's columns memory (null: none held yet); undefined: the result's own
  // release: detach the log's buffer once the columns are built (its memory freed at once)
  backtestTrades(fills: Float64Array, meta: Float64Array, reuse?: ArrayBuffer | null, release?: boolean): Trades;
  backtestGrid(prices: (Float64Array | undefined)[], fast: Int32Array, slow: Int32Array, maType: number, params: Float64Array, metrics: Float64Array): Trades | undefined;
  backtestMetricNames(): string[];
}

const addon = (): BacktestAddon => {
  const a = cpp() as unknown as Partial<BacktestAddon>;
  // The WASM engine (no native addon on this platform, or HEAN_ENGINE=wasm) has the indicators only.
  if (typeof a.backtestRun !== 'function') throw new Error('hean.backtest: needs the native C++ addon, and the indicator engine here is its WebAssembly build (no addon loads on this platform, or $HEAN_ENGINE=wasm); see "Installing" in hean\'s README');
  return a as BacktestAddon;
};

// Layout of the params array (bindings/cpp/backtest.cpp, enum P).
const P = {
  initCash: 0,
  fees: 1,
  fixedFees: 2,
  slippage: 3,
  size: 4,
  sizeType: 5,
  direction: 6,
  nextOpen: 7,
  sl: 8,
  tsl: 9,
  tp: 10,
  qtyStep: 11,
  minQty: 12,
  minNotional: 13,
  periodsPerYear: 14,
  start: 15,
  cashSharing: 16,
  recordTrades: 17,
  assets: 18,
  threads: 19,
  memoryBudget: 20,
  count: 21,
} as const;

const SIZE_TYPES = ['amount', 'value', 'percent', 'targetAmount', 'targetValue', 'targetPercent'] as const;
const DIRECTIONS = ['long', 'short', 'both'] as const;
const M = metricNames.length;

let checkedNames = false;
function checkNames(): void {
  if (checkedNames) return;
  const native = addon().backtestMetricNames();
  if (native.length !== M || native.some((n, i) => n !== metricNames[i])) throw new Error('hean.backtest: the native metric table differs from this TypeScript (stale build?)');
  checkedNames = true;
}

function num(o: Record<string, unknown>, key: string, fn: string, def: number, ok: (x: number) => boolean, allowed: string): number {
  const v = o[key];
  if (v === undefined) return def;
  if (typeof v !== 'number') throw new TypeError(`${fn}: option '${key}' must be a number (${allowed}), got ${describe(v)}`);
  if (!ok(v)) throw new RangeError(`${fn}: option '${key}' must be ${allowed}, got ${v}`);
  return v;
}

function choice<T extends string>(o: Record<string, unknown>, key: string, fn: string, list: readonly T[], def: T): number {
  const v = o[key];
  if (v === undefined) return list.indexOf(def);
  const i = typeof v === 'string' ? list.indexOf(v as T) : -1;
  if (i < 0) {
    const msg = `${fn}: option '${key}' must be one of ${list.map((x) => `'${x}'`).join(', ')}, got ${describe(v)}`;
    throw typeof v === 'string' ? new RangeError(msg) : new TypeError(msg);
  }
  return i;
}

function bool(o: Record<string, unknown>, key: string, fn: string, def: boolean): boolean {
  const v = o[key];
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: option '${key}' must be a boolean, got ${describe(v)}`);
  return v;
}

const SIM_KEYS = [
  'initCash',
  'fees',
  'fixedFees',
  'slippage',
  'price',
  'instrument',
  'periodsPerYear',
  'assets',
  'start',
  'trades',
  'equity',
  'drawdown',
  'threads',
  'groups',
  'size',
  'sizeType',
  'direction',
  'stopLoss',
  'trailingStop',
  'takeProfit',
  'memoryBudget',
  'workspace',
] as const;

const finite = (x: number) => Number.isFinite(x);
const nonNeg = (x: number) => Number.isFinite(x) && x >= 0;
const stopOk = (x: number) => Number.isFinite(x) && x >= 0;

interface Parsed {
  params: Float64Array;
  o: Record<string, unknown>;
  equity: boolean;
  drawdown: boolean;
  groups?: Uint32Array;
  workspace?: Workspace;
}

// Reads and checks the options once (the caller's object is not touched again).
function parseOptions(fn: string, options: unknown, kind: 'signals' | 'orders' | 'grid'): Parsed {
  const o = readObject(options, SIM_KEYS, `${fn}: options`) as Record<string, unknown>;
  const allowed = new Set<string>(['initCash', 'fees', 'fixedFees', 'slippage', 'price', 'instrument', 'periodsPerYear', 'start', 'trades', 'threads']);
  if (kind !== 'grid') for (const k of ['assets', 'equity', 'drawdown', 'groups', 'sizeType', 'direction']) allowed.add(k);
  if (kind !== 'orders') for (const k of ['size', 'stopLoss', 'trailingStop', 'takeProfit']) allowed.add(k);
  if (kind === 'grid') for (const k of ['sizeType', 'direction', 'memoryBudget']) allowed.add(k);
  if (kind !== 'grid') allowed.add('workspace');
  for (const k of SIM_KEYS) if (o[k] !== undefined && !allowed.has(k)) throw new RangeError(`${fn}: option '${k}' is not available here`);

  const p = new Float64Array(P.count);
  p[P.initCash] = num(o, 'initCash', fn, 100, (x) => Number.isFinite(x) && x > 0, 'a finite number > 0');
  p[P.fees] = num(o, 'fees', fn, 0, (x) => Number.isFinite(x) && x > -1, 'a finite fraction > -1');
  p[P.fixedFees] = num(o, 'fixedFees', fn, 0, nonNeg, 'a finite number >= 0');
  p[P.slippage] = num(o, 'slippage', fn, 0, (x) => Number.isFinite(x) && x >= 0 && x < 1, 'a fraction in [0, 1)');
  p[P.size] = num(o, 'size', fn, Infinity, (x) => x > 0, 'a number > 0 (Infinity: all available cash)');
  const sizeTypes = kind === 'orders' ? SIZE_TYPES : SIZE_TYPES.slice(0, 3);
  p[P.sizeType] = choice(o, 'sizeType', fn, sizeTypes, 'amount');
  p[P.direction] = choice(o, 'direction', fn, DIRECTIONS, kind === 'orders' ? 'both' : 'long');
  if (kind !== 'orders') {
    if (p[P.sizeType] === 2 && !(p[P.size]! <= 1)) throw new RangeError(`${fn}: option 'size' must be a fraction in (0, 1] with sizeType 'percent', got ${p[P.size]}`);
    if (p[P.sizeType] === 2 && p[P.direction] === 2) throw new RangeError(`${fn}: sizeType 'percent' cannot reverse a position; use direction 'long' or 'short', or sizeType 'amount' / 'value'`);
  }
  p[P.nextOpen] = choice(o, 'price', fn, ['close', 'nextOpen'] as const, 'close');
  p[P.sl] = num(o, 'stopLoss', fn, NaN, stopOk, 'a finite fraction >= 0');
  p[P.tsl] = num(o, 'trailingStop', fn, NaN, stopOk, 'a finite fraction >= 0');
  p[P.tp] = num(o, 'takeProfit', fn, NaN, stopOk, 'a finite fraction >= 0');
  const inst = o.instrument;
  p[P.minQty] = NaN; // the kernel's default, vectorbt's min_size 1e-8
  if (inst !== undefined) {
    if (inst === null || typeof inst !== 'object') throw new TypeError(`${fn}: option 'instrument' must be an object { qtyStep, minQty, minNotional }, got ${describe(inst)}`);
    const r = readObject(inst, ['qtyStep', 'minQty', 'minNotional'] as const, `${fn}: options.instrument`) as Record<string, unknown>;
    p[P.qtyStep] = num(r, 'qtyStep', `${fn}: instrument`, 0, nonNeg, 'a finite number >= 0');
    p[P.minQty] = num(r, 'minQty', `${fn}: instrument`, NaN, nonNeg, 'a finite number >= 0');
    p[P.minNotional] = num(r, 'minNotional', `${fn}: instrument`, 0, nonNeg, 'a finite number >= 0');
  }
  p[P.periodsPerYear] = num(o, 'periodsPerYear', fn, 365, (x) => Number.isFinite(x) && x > 0, 'a finite number > 0');
  p[P.start] = num(o, 'start', fn, 0, (x) => Number.isInteger(x) && x >= 0, 'an integer >= 0');
  p[P.recordTrades] = bool(o, 'trades', fn, kind !== 'grid') ? 1 : 0;
  p[P.assets] = num(o, 'assets', fn, 1, (x) => Number.isInteger(x) && x >= 1, 'an integer >= 1');
  p[P.threads] = num(o, 'threads', fn, 0, (x) => Number.isInteger(x) && x >= 1 && x <= 256, 'an integer in [1, 256]');
  p[P.memoryBudget] = num(o, 'memoryBudget', fn, 256 * 2 ** 20, (x) => Number.isFinite(x) && x >= 1, 'a number of bytes >= 1');
  let groups: Uint32Array | undefined;
  if (o.groups !== undefined) {
    const g = o.groups;
    const list = isTyped<Uint32Array>(g, 'Uint32Array') ? Array.from(g) : isArray(g, `${fn}: options.groups`) ? reading(`${fn}: options.groups`, () => [...g]) : undefined;
    if (!list) throw new TypeError(`${fn}: option 'groups' must be an array of group sizes (integers >= 1), got ${describe(g)}`);
    if (list.length === 0 || list.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > 2 ** 32 - 1))
      throw new RangeError(`${fn}: option 'groups' must be a non-empty array of integers >= 1 (sizes of consecutive column groups)`);
    groups = Uint32Array.from(list as number[]);
    p[P.cashSharing] = 1;
  }
  const ws = o.workspace;
  if (ws !== undefined && !(ws instanceof Workspace)) throw new TypeError(`${fn}: option 'workspace' must be a workspace from backtest.workspace(), got ${describe(ws)}`);
  return { params: p, o, equity: bool(o, 'equity', fn, false), drawdown: bool(o, 'drawdown', fn, false), groups, workspace: ws };
}

function prices(fn: string, inputs: unknown): { o: Record<string, unknown>; px: (Float64Array | undefined)[] } {
  if (inputs === null || typeof inputs !== 'object') throw new TypeError(`${fn}: inputs must be an object { close, open?, high?, low?, ... }, got ${describe(inputs)}`);
  const o = readObject(inputs, ['open', 'high', 'low', 'close', 'entries', 'exits', 'shortEntries', 'shortExits', 'size'] as const, `${fn}: inputs`) as Record<string, unknown>;
  if (o.close === undefined) throw new TypeError(`${fn}: inputs.close is required (a Float64Array or an array of numbers)`);
  const px = (['open', 'high', 'low', 'close'] as const).map((k) => (o[k] === undefined || o[k] === null ? undefined : toSeries(o[k], `${fn}: ${k}`)));
  return { o, px };
}

function signalArg(fn: string, name: string, x: unknown): Uint8Array | undefined {
  if (x === undefined || x === null) return undefined;
  if (isTyped<Uint8Array>(x, 'Uint8Array') || isTyped<Uint8Array>(x, 'Uint8ClampedArray')) {
    // A SharedArrayBuffer's other owners could change it during the run: read a copy.
    return x.buffer instanceof SharedArrayBuffer ? x.slice() : x;
  }
  if (isArray(x, `${fn}: ${name}`)) {
    const a = x;
    const n = reading(`${fn}: ${name}`, () => a.length);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = reading(`${fn}: ${name}[${i}]`, () => a[i]);
      if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${name} must be a Uint8Array or an array of booleans; element ${i} is ${describe(v)}`);
      out[i] = v ? 1 : 0;
    }
    return out;
  }
  throw new TypeError(`${fn}: ${name} must be a Uint8Array (or Uint8ClampedArray) or an array of booleans, got ${describe(x)}`);
}

function splitMetrics(flat: Float64Array, columns: number): Metrics {
  const out = {} as Metrics;
  for (let k = 0; k < M; k++) {
    const a = new Float64Array(columns);
    for (let c = 0; c < columns; c++) a[c] = flat[c * M + k]!;
    out[metricNames[k]!] = a;
  }
  return out;
}

function statsOf(metrics: Metrics, columns: number, fn: string) {
  return (column = 0): MetricValues => {
    if (!Number.isInteger(column) || column < 0 || column >= columns) throw new RangeError(`${fn}: stats column must be an integer in [0, ${columns - 1}], got ${String(column)}`);
    const o = {} as MetricValues;
    for (const k of metricNames) o[k] = metrics[k][column]!;
    return o;
  };
}

function simulate(fn: string, mode: 0 | 1, inputs: unknown, options: unknown, eager = false): BacktestResult {
  checkNames();
  const { o: inp, px } = prices(fn, inputs);
  const opts = parseOptions(fn, options, mode === 0 ? 'signals' : 'orders');
  const close = px[3]!;
  const assets = opts.params[P.assets]!;
  const len = f64Length(close);
  if (len % assets !== 0) throw new RangeError(`${fn}: close has length ${len}, not a multiple of assets (${assets})`);
  const bars = len / assets;
  let sig: (Uint8Array | undefined)[] | Float64Array;
  let sigLen: number;
  if (mode === 0) {
    if (inp.entries === undefined || inp.entries === null) throw new TypeError(`${fn}: inputs.entries is required (a Uint8Array or an array of booleans)`);
    const names = ['entries', 'exits', 'shortEntries', 'shortExits'] as const;
    sig = names.map((k) => signalArg(fn, k, inp[k]));
    sigLen = sig[0]!.length;
    for (let k = 1; k < 4; k++)
      if (sig[k] && sig[k]!.length !== sigLen) throw new RangeError(`${fn}: ${names[k]} has length ${sig[k]!.length}, expected ${sigLen} (the length of entries)`);
    if ((sig[2] || sig[3]) && opts.o.direction !== undefined && opts.o.direction !== 'both')
      throw new RangeError(`${fn}: with shortEntries/shortExits the direction is 'both' (entries/exits are the long side), got '${String(opts.o.direction)}'`);
    if (sig[2] || sig[3]) opts.params[P.direction] = 2;
    if (opts.params[P.sizeType] === 2 && (sig[2] || sig[3])) throw new RangeError(`${fn}: sizeType 'percent' cannot reverse a position; use sizeType 'amount' or 'value' with shortEntries`);
  } else {
    if (inp.size === undefined || inp.size === null) throw new TypeError(`${fn}: inputs.size is required (a Float64Array or an array of numbers; NaN = no order)`);
    sig = toSeries(inp.size, `${fn}: size`);
    sigLen = f64Length(sig);
  }
  if (bars === 0 ? sigLen !== 0 : sigLen === 0 || sigLen % (bars * assets) !== 0)
    throw new RangeError(
      `${fn}: ${mode === 0 ? 'entries' : 'size'} has length ${sigLen}, expected a multiple of bars × assets (${bars} × ${assets}) (columns × bars, series-major; column c trades asset c % assets)`,
    );
  const columns = bars === 0 ? assets : sigLen / bars;
  if (bars > 0 && opts.params[P.start]! >= bars) throw new RangeError(`${fn}: option 'start' must be < bars (${bars}), got ${opts.params[P.start]}`);
  if (opts.params[P.nextOpen] === 1 && !px[0]) throw new RangeError(`${fn}: price 'nextOpen' needs inputs.open`);
  let groups = columns;
  if (opts.groups) {
    const sum = opts.groups.reduce((a, b) => a + b, 0);
    if (sum !== columns) throw new RangeError(`${fn}: option 'groups' adds up to ${sum} columns, expected ${columns}`);
    groups = opts.groups.length;
  }
  if (opts.params[P.start]! > 0 && !Number.isFinite(bars)) throw new RangeError(`${fn}: bad start`);
  const metricsFlat = new Float64Array(groups * M);
  const equity = opts.equity ? new Float64Array(groups * bars) : undefined;
  const drawdown = opts.drawdown ? new Float64Array(groups * bars) : undefined;
  // trades: 1 = a fill log the result builds them from on first access, 2 = recorded as the run goes
  if (eager && opts.params[P.recordTrades] === 1) opts.params[P.recordTrades] = 2;
  const ws = opts.workspace;
  const out = ws ? ws.run(() => addon().backtestRun(mode, px, sig, opts.params, opts.groups, [metricsFlat, equity, drawdown, ws.logMemory])) : addon().backtestRun(mode, px, sig, opts.params, opts.groups, [metricsFlat, equity, drawdown, fillLogMemory]);
  const metrics = splitMetrics(metricsFlat, groups);
  const r: { -readonly [K in keyof BacktestResult]: BacktestResult[K] } = { columns: groups, bars, metrics } as BacktestResult;
  if (Array.isArray(out)) lazyTrades(r, out[0], out[1], fn, ws);
  else if (out) r.trades = out;
  if (equity) r.equity = equity;
  if (drawdown) r.drawdown = drawdown;
  r.stats = statsOf(metrics, groups, fn);
  return r;
}

// The fill log's memory (fromOrders), uninitialised: the run writes every byte the result
// views, so memory glibc hands back from its heap is not zeroed again first (calloc's memset,
// ~1.3 ns an order, a quarter of what the log cost a dense run; fresh pages the kernel zeroes
// either way). Each result owns its own, unless it runs with a workspace (Workspace.logMemory).
// Room for every order: the bytes past the fills the run wrote are never viewed (the log
// stays private to lazyTrades' closure).
const fillLogMemory = (bytes: number): ArrayBuffer => Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;

// A workspace (option `workspace`): the fill log's buffer and the trade columns' buffer of
// its current result, reused by the next run, so a loop of dense runs writes into warm
// pages instead of fresh ones (in a VM each fresh page is also a fault on the host: the
// cost measured in docs/backtest.md#speed). `gen` counts the runs it served: a result
// remembers its run's and builds its trades only while it is still the current one.
class Workspace implements BacktestWorkspace {
  gen = 0;
  log: ArrayBuffer | undefined;
  cols: ArrayBuffer | undefined;
  private next: ArrayBuffer | undefined;

  get bytes(): number {
    return (this.log?.byteLength ?? 0) + (this.cols?.byteLength ?? 0);
  }

  // The fill log's memory: the held buffer when large enough, else a new one, kept only if
  // the run succeeds. The binding asks only once every input and option is checked
  // (fromOrders: before the simulation, which writes the log in place; fromSignals: after
  // it, to copy the log in), so being asked is the flag that the held log may be written.
  readonly logMemory = (bytes: number): ArrayBuffer => {
    this.next = this.log && this.log.byteLength >= bytes ? this.log : fillLogMemory(bytes);
    return this.next;
  };

  // One run with this workspace. Success: the held log is the run's (the trade columns are
  // left as they are until a build writes them). Not detaching the previous result's
  // columns is deliberate: moving the memory to a new ArrayBuffer (structuredClone with
  // transfer, no copy) makes V8 count its bytes again as new external memory, which forced
  // a full collection every dense run (8-9 ns/order in bt-dense-cpu.mjs read). A run that
  // throws before it asked for the log's memory changes nothing; one that throws after it
  // was handed the held log (out of memory in the simulation, an input detached by JS run
  // meanwhile) may have written it, so the previous result's log is no longer its own.
  run<T>(call: () => T): T {
    this.next = undefined;
    let out: T;
    try {
      out = call();
    } catch (e) {
      if (this.next !== undefined && this.next === this.log) this.gen++;
      this.next = undefined;
      throw e;
    }
    if (this.next) this.log = this.next;
    this.next = undefined;
    this.gen++;
    return out;
  }

  // A result's trades from its log, into the held columns' memory (the binding takes a new
  // buffer when it is too small, which is then held instead).
  trades(fn: string, gen: number, fills: Float64Array, meta: Float64Array): Trades {
    if (gen !== this.gen) throw new Error(`${fn}: trades: this result's fill log was reused by a later run with the same workspace; read trades before the next run, or run without a workspace`);
    const t = addon().backtestTrades(fills, meta, this.cols ?? null);
    this.cols = t.size.buffer as ArrayBuffer;
    return t;
  }
}

// `trades` as an enumerable accessor: the first read builds the columns from the fill log
// (one native call), later reads return them; the log is dropped once they exist. One
// getter and one setter serve every result, each result's state in a non-enumerable symbol
// property: V8 keeps an accessor's getter and setter in the object's map (old-generation
// memory that outlives the result: the transition from the result's shape), so a getter
// closing over its own result's state kept every dropped result's columns alive through
// scavenges until a full collection (one every other dense run; docs/backtest.md#speed).
const lazyState = Symbol('hean.backtest.lazyTrades');
interface LazyState {
  log: [Float64Array, Float64Array] | undefined;
  trades: Trades | undefined;
  fn: string;
  ws: Workspace | undefined;
  gen: number;
}
type Lazy = { [lazyState]?: LazyState };
function lazyGet(this: Lazy): Trades | undefined {
  const st = this[lazyState];
  if (!st) return undefined;
  if (st.log) {
    st.trades = st.ws ? st.ws.trades(st.fn, st.gen, st.log[0], st.log[1]) : addon().backtestTrades(st.log[0], st.log[1], undefined, true);
    st.log = undefined;
  }
  return st.trades;
}
function lazySet(this: Lazy, v: Trades | undefined): void {
  const st = this[lazyState];
  if (!st) return;
  st.trades = v;
  st.log = undefined;
}
function lazyTrades(r: object, fills: Float64Array, meta: Float64Array, fn: string, ws?: Workspace): void {
  const st: LazyState = { log: [fills, meta], trades: undefined, fn, ws, gen: ws?.gen ?? 0 };
  Object.defineProperty(r, lazyState, { value: st, writable: true });
  Object.defineProperty(r, 'trades', { enumerable: true, configurable: true, get: lazyGet, set: lazySet });
}

/**
 * @internal Not part of the API (the package exports `backtest` only): the same run with
 * its trades recorded while it runs (the grid's way) instead of built from its fill log,
 * so tests can check the lazy columns against them.
 */
export function simulateEagerTrades(mode: 'signals' | 'orders', inputs: SignalInputs | OrderInputs, options?: SignalOptions | OrderOptions): BacktestResult {
  return simulate(mode === 'signals' ? 'hean.backtest.fromSignals' : 'hean.backtest.fromOrders', mode === 'signals' ? 0 : 1, inputs, options, true);
}

/** Options of {@link backtest.maCrossGrid}. */
export interface MaGridOptions extends Omit<SimOptions, 'assets' | 'equity' | 'drawdown'>, SignalSizing {
  /** Fast windows. */
  fast: readonly number[];
  /** Slow windows. */
  slow: readonly number[];
  /** Combinations: every (fast, slow) with fast < slow (default), or `pairs: true` to zip the two lists. */
  pairs?: boolean;
  /** Moving average: 'sma' (default) or 'ema' (the indicator engine's, SMA-seeded as TA-Lib). */
  maType?: 'sma' | 'ema';
  /** Bytes of moving averages held at once (default 256 MiB); windows are processed in blocks. */
  memoryBudget?: number;
  /** Record trades (default false in a grid: a grid's trades can outgrow memory). */
  trades?: boolean;
}

/** Result of {@link backtest.maCrossGrid}: combination c is (fast[c], slow[c]). */
export interface MaGridResult {
  readonly combinations: number;
  readonly fast: Int32Array;
  readonly slow: Int32Array;
  readonly metrics: Metrics;
  readonly trades?: Trades;
  stats(combination: number): MetricValues;
  /** Index of the combination with the highest (or, with `maximize: false`, lowest) value of `metric`; NaN values never win; -1 when all are NaN. */
  best(metric: MetricName, maximize?: boolean): number;
}

function windows(fn: string, name: string, x: unknown): number[] {
  if (!isArray(x, `${fn}: ${name}`) && !ArrayBuffer.isView(x)) throw new TypeError(`${fn}: option '${name}' must be an array of window lengths, got ${describe(x)}`);
  const list = reading(`${fn}: ${name}`, () => Array.from(x as ArrayLike<unknown>));
  if (list.length === 0) throw new RangeError(`${fn}: option '${name}' must not be empty`);
  for (const w of list)
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 1e9) throw new RangeError(`${fn}: option '${name}' must hold integers in [1, 1e9], got ${describe(w)}`);
  return list as number[];
}

function bestOf(metrics: Metrics) {
  return (metric: MetricName, maximize = true): number => {
    const a = metrics[metric];
    if (!a) throw new RangeError(`hean.backtest: unknown metric '${String(metric)}'; one of ${metricNames.join(', ')}`);
    let best = -1;
    for (let c = 0; c < a.length; c++) {
      const v = a[c]!;
      if (Number.isNaN(v)) continue;
      if (best < 0 || (maximize ? v > a[best]! : v < a[best]!)) best = c;
    }
    return best;
  };
}

function maCrossGrid(inputs: PriceInputs, options: MaGridOptions): MaGridResult {
  const fn = 'hean.backtest.maCrossGrid';
  checkNames();
  const { px } = prices(fn, inputs);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object with fast and slow windows, got ${describe(options)}`);
  const g = readObject(options, ['fast', 'slow', 'pairs', 'maType'] as const, `${fn}: options`) as Record<string, unknown>;
  const fastW = windows(fn, 'fast', g.fast);
  const slowW = windows(fn, 'slow', g.slow);
  const maType = choice(g, 'maType', fn, ['sma', 'ema'] as const, 'sma');
  const pairs = bool(g, 'pairs', fn, false);
  const f: number[] = [];
  const s: number[] = [];
  if (pairs) {
    if (fastW.length !== slowW.length) throw new RangeError(`${fn}: with pairs: true, fast and slow must have the same length (${fastW.length} vs ${slowW.length})`);
    f.push(...fastW);
    s.push(...slowW);
  } else {
    for (const a of fastW) for (const b of slowW) if (a < b) (f.push(a), s.push(b));
    if (f.length === 0) throw new RangeError(`${fn}: no combination with fast < slow`);
  }
  const opts = parseOptions(fn, options, 'grid');
  const bars = f64Length(px[3]!);
  if (bars > 0 && opts.params[P.start]! >= bars) throw new RangeError(`${fn}: option 'start' must be < bars (${bars}), got ${opts.params[P.start]}`);
  if (opts.params[P.nextOpen] === 1 && !px[0]) throw new RangeError(`${fn}: price 'nextOpen' needs inputs.open`);
  const fast = Int32Array.from(f);
  const slow = Int32Array.from(s);
  const flat = new Float64Array(fast.length * M);
  const trades = addon().backtestGrid(px, fast, slow, maType, opts.params, flat);
  const metrics = splitMetrics(flat, fast.length);
  return { combinations: fast.length, fast, slow, metrics, ...(trades ? { trades } : {}), stats: statsOf(metrics, fast.length, fn), best: bestOf(metrics) };
}

/** Options of {@link backtest.walkForward}. */
export interface WalkForwardOptions extends Omit<MaGridOptions, 'start' | 'trades'> {
  /** Bars of each in-sample (optimisation) window. */
  trainBars: number;
  /** Bars of each out-of-sample window that follows it. */
  testBars: number;
  /** Bars between split starts (default testBars: consecutive out-of-sample windows). */
  step?: number;
  /** Metric to optimise in-sample. Default 'sharpeRatio'. */
  metric?: MetricName;
  /** Maximise (default) or minimise the metric. */
  maximize?: boolean;
}

/** One walk-forward split: bars [trainStart, trainEnd) in-sample, [trainEnd, testEnd) out-of-sample. */
export interface WalkForwardSplit {
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testEnd: number;
  /** The chosen windows (-1 when every in-sample value was NaN; then no test is run). */
  readonly fast: number;
  readonly slow: number;
  /** The optimised metric's in-sample value. */
  readonly inSample: number;
  /** Out-of-sample metrics of the chosen combination (the MAs warm up on the in-sample bars). */
  readonly outOfSample?: MetricValues;
}

function walkForward(inputs: PriceInputs, options: WalkForwardOptions): { splits: WalkForwardSplit[] } {
  const fn = 'hean.backtest.walkForward';
  const { px } = prices(fn, inputs);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  const w = readObject(options, ['trainBars', 'testBars', 'step', 'metric', 'maximize', 'start', 'trades'] as const, `${fn}: options`) as Record<string, unknown>;
  if (w.start !== undefined || w.trades !== undefined) throw new RangeError(`${fn}: options 'start' and 'trades' are set per split`);
  const bars = f64Length(px[3]!);
  const train = num(w, 'trainBars', fn, NaN, (x) => Number.isInteger(x) && x >= 2, 'an integer >= 2');
  const test = num(w, 'testBars', fn, NaN, (x) => Number.isInteger(x) && x >= 1, 'an integer >= 1');
  if (Number.isNaN(train) || Number.isNaN(test)) throw new TypeError(`${fn}: options 'trainBars' and 'testBars' are required`);
  const step = num(w, 'step', fn, test, (x) => Number.isInteger(x) && x >= 1, 'an integer >= 1');
  const metricIdx = choice(w, 'metric', fn, metricNames, 'sharpeRatio');
  const metric = metricNames[metricIdx]!;
  const maximize = bool(w, 'maximize', fn, true);
  if (train + test > bars) throw new RangeError(`${fn}: trainBars + testBars (${train + test}) exceeds the bars (${bars})`);
  const { trainBars: _a, testBars: _b, step: _c, metric: _d, maximize: _e, ...gridOpts } = options;
  const slice = (a: number, b: number): PriceInputs => {
    const out: PriceInputs = { close: px[3]!.subarray(a, b) };
    if (px[0]) out.open = px[0].subarray(a, b);
    if (px[1]) out.high = px[1].subarray(a, b);
    if (px[2]) out.low = px[2].subarray(a, b);
    return out;
  };
  const splits: WalkForwardSplit[] = [];
  for (let s = 0; s + train + test <= bars; s += step) {
    const ins = maCrossGrid(slice(s, s + train), { ...gridOpts, trades: false });
    const b = ins.best(metric, maximize);
    if (b < 0) {
      splits.push({ trainStart: s, trainEnd: s + train, testEnd: s + train + test, fast: -1, slow: -1, inSample: NaN });
      continue;
    }
    const fast = ins.fast[b]!;
    const slow = ins.slow[b]!;
    const oos = maCrossGrid(slice(s, s + train + test), { ...gridOpts, fast: [fast], slow: [slow], pairs: true, start: train, trades: false });
    splits.push({ trainStart: s, trainEnd: s + train, testEnd: s + train + test, fast, slow, inSample: ins.metrics[metric][b]!, outOfSample: oos.stats(0) });
  }
  return { splits };
}

/**
 * Vectorised backtests on the C++ kernel: columns of signals or orders in, metrics and
 * trades out, in one native call. Semantics follow vectorbt's `Portfolio.from_signals` /
 * `from_orders` defaults (fees on traded value, all-cash default size, ignored conflicting
 * signals, reversal on an opposite entry, no accumulation, fills at the close); every
 * difference is listed in docs/backtest.md.
 *
 * **Gaps**: a bar whose close is NaN (or open, for `price: 'nextOpen'`) fills nothing and
 * checks no stop; the value carries the last close forward, so its return is 0.
 */
export const backtest = {
  /**
   * Simulates entry/exit signals. `entries` (and `exits`, `shortEntries`, `shortExits`)
   * hold `columns × bars` flags, series-major; column c trades asset `c % assets`.
   *
   * Order of events in a bar: a stop is checked first against the open (a gap through
   * the level fills at the open), then low/high: stop loss and trailing stop before take
   * profit; the trailing level then moves with this bar's high (long) / low (short). A
   * stop exit ignores the bar's signals. Otherwise signals: an entry and an exit of one
   * side together are ignored, as are a long and a short entry together; an opposite
   * entry reverses the position in one fill. Stop references are the close of the entry
   * bar (vectorbt's stop_entry_price 'close').
   *
   * @throws TypeError for wrong types (naming the argument and the allowed types);
   *   RangeError for mismatched lengths, prices ≤ 0 or infinite, bad options.
   */
  fromSignals(inputs: SignalInputs, options?: SignalOptions): BacktestResult {
    return tracing() ? traced(BACKTEST_SPANS.fromSignals, inputs, undefined, simulate, 'hean.backtest.fromSignals', 0, inputs, options) : simulate('hean.backtest.fromSignals', 0, inputs, options);
  },
  /**
   * Simulates orders: `size` holds `columns × bars` order sizes (NaN: no order) read as
   * `sizeType` (amount, value, percent of available cash, or a target amount / value /
   * percent of the column's value). Negative sizes sell or short.
   */
  fromOrders(inputs: OrderInputs, options?: OrderOptions): BacktestResult {
    return tracing() ? traced(BACKTEST_SPANS.fromOrders, inputs, undefined, simulate, 'hean.backtest.fromOrders', 1, inputs, options) : simulate('hean.backtest.fromOrders', 1, inputs, options);
  },
  /**
   * A fast × slow moving-average crossover grid on one asset, fused: each window's MA is
   * computed once (per memory block) by the indicator engine, and each combination's
   * crossings (vectorbt's crossed_above / crossed_below) drive the simulation directly,
   * so nothing of size combinations × bars is ever allocated. Threads across combinations.
   */
  maCrossGrid: (inputs: PriceInputs, options: MaGridOptions): MaGridResult =>
    tracing() ? traced(BACKTEST_SPANS.maCrossGrid, inputs, undefined, maCrossGrid, inputs, options) : maCrossGrid(inputs, options),
  /**
   * Rolling walk-forward: on each split, optimise {@link backtest.maCrossGrid} in-sample by
   * `metric`, then run the chosen windows out-of-sample (the MAs and crossing state warm
   * up on the in-sample bars; metrics cover only the out-of-sample bars).
   */
  walkForward,
  /**
   * A workspace for {@link backtest.fromOrders} and {@link backtest.fromSignals} (option
   * `workspace`): memory reused by every run given it, for loops of large runs. It holds one
   * result's fill log and trade columns at a time; see {@link PortfolioOptions.workspace}
   * for how long a result's trades stay valid.
   */
  workspace: (): BacktestWorkspace => new Workspace(),
  /** Names of the metrics, in order. */
  metricNames,
};
