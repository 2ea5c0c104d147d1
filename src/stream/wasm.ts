// The generic streaming class: an indicator's C++ step (native-cpp/src/<name>.cpp,
// HEAN_STREAM) runs in the WASM engine with its state in linear memory; this class gives
// it the streaming API. Nothing here knows any indicator's arithmetic, so a streaming
// class is a constructor naming its indicator (see Ema below).
import { indicatorTable } from '../core/indicator.js';
import type { StreamApi } from '../wasm/engine.js';
import { wasmEngine } from '../wasm/load.js';
import type { AtrOptions } from '../indicators/atr.js';
import type { BbandsOptions } from '../indicators/bbands.js';
import type { EmaOptions } from '../indicators/ema.js';
import type { MacdOptions } from '../indicators/macd.js';
import type { NatrOptions } from '../indicators/natr.js';
import type { MomOptions } from '../indicators/mom.js';
import type { RocOptions } from '../indicators/roc.js';
import type { RsiOptions } from '../indicators/rsi.js';
import type { SmaOptions } from '../indicators/sma.js';
import type { StddevOptions } from '../indicators/stddev.js';
import type { WildersOptions } from '../indicators/wilders.js';
import type { RollingCorrOptions } from '../indicators/rollingCorr.js';
import type { RollingMaxOptions } from '../indicators/rollingMax.js';
import type { RollingMinOptions } from '../indicators/rollingMin.js';
import type { SarOptions } from '../indicators/sar.js';
import type { StochOptions } from '../indicators/stoch.js';
import type { StochrsiOptions } from '../indicators/stochrsi.js';
import type { SupertrendOptions } from '../indicators/supertrend.js';
import type { TemaOptions } from '../indicators/tema.js';
import type { TrimaOptions } from '../indicators/trima.js';
import type { TrixOptions } from '../indicators/trix.js';
import type { UltoscOptions } from '../indicators/ultosc.js';
import type { VolatilityOptions } from '../indicators/volatility.js';
import type { VwapOptions } from '../indicators/vwap.js';
import type { VwmaOptions } from '../indicators/vwma.js';
import type { WillrOptions } from '../indicators/willr.js';
import type { WmaOptions } from '../indicators/wma.js';
import type { ZscoreOptions } from '../indicators/zscore.js';
import { field } from '../core/guard.js';
import { badInput, MAX_STREAM_WINDOW, readSnapshot, Stream, streamOptions, writeSnapshot, type StreamSnapshot } from './base.js';

/** The layout tag of the C++ steps whose state layout differs from their earlier TypeScript class's. */
const LAYOUT_CPP = 2;

// Instances live in linear memory: freed when their JS object is collected.
let freeing: FinalizationRegistry<number> | undefined;

/**
 * Base of the streaming classes whose step is the indicator's C++ code, compiled to WASM
 * (one output: `update(...)` returns the value). Subclasses add `update`/`replace` with
 * the indicator's inputs (CloseStream, HlcStream).
 */
export abstract class StepStream<V = number> extends Stream<V> {
  protected readonly t: number;
  protected readonly api: StreamApi;
  protected readonly up: (t: number, a: number) => number;
  protected readonly re: (t: number, a: number) => number;
  private readonly nState: number;
  private readonly nWindow: number;
  private readonly at: { state: number; window: number; out: number };
  /** Output names (for multi-output values). */
  private readonly names: readonly string[];
  /** Index of output 0 in the Float64Array over linear memory. */
  private readonly outIndex: number;
  /** That Float64Array (renewed when memory grows). */
  private heap: Float64Array;
  /** The first output after the last step; value() wraps it. */
  protected v = NaN;

  /** Non-zero for a kind whose state layout replaced its earlier TypeScript class's (see writeSnapshot). */
  private readonly layout: number;

  /**
   * `layout`: 0 where the step keeps the earlier TypeScript class's state and window layout
   * (its snapshots restore), else a tag (LAYOUT_CPP) that salts the snapshot checksum so
   * restore() refuses the earlier layout's snapshots with a clear error.
   */
  protected constructor(kind: string, options: unknown, layout = 0) {
    const o = streamOptions(kind, options);
    super(kind, o, [], 0);
    const meta = indicatorTable().get(kind)!;
    const api = (this.api = wasmEngine().streamApi());
    if (!api.has(meta.id)) throw new Error(`hean: indicator '${kind}' has no streaming step in the WASM engine (stale build?)`);
    const opts = Float64Array.from(meta.options, (m) => o[m.name]!);
    const wlen = api.windowLen(meta.id, opts);
    if (!(wlen >= 0 && wlen <= MAX_STREAM_WINDOW)) {
      throw new RangeError(`hean.${kind}: the options need a window of ${wlen} values; a streaming instance holds at most ${MAX_STREAM_WINDOW}`);
    }
    this.up = api.update1;
    this.re = api.replace1;
    this.names = meta.outputs;
    const t = api.create(meta.id, opts);
    if (t === 0) throw new RangeError(`hean.${kind}: out of memory for a streaming instance (WASM engine)`);
    this.t = t;
    const l = api.layout(t);
    this.nState = l.nState;
    this.nWindow = wlen;
    this.at = l;
    this.outIndex = l.out >> 3;
    this.heap = api.heap();
    this.layout = layout;
    (freeing ??= new FinalizationRegistry((p: number) => api.free(p))).register(this, t);
  }
  protected clear(): void {}

  get value(): V {
    return this.wrap(this.v);
  }
  get ready(): boolean {
    return !Number.isNaN(this.v);
  }
  /** Output k (k >= 1; output 0 is `v`) after the last step, from linear memory. */
  protected output(k: number): number {
    let h = this.heap;
    if (h.length === 0) h = this.heap = this.api.heap(); // memory grew: the old view is detached
    return h[this.outIndex + k]!;
  }
  /** The value from the first output (the others are read with output(k)). */
  protected wrap(first: number): V {
    if (this.names.length === 1) return first as V;
    const o: Record<string, number> = {};
    for (let k = 0; k < this.names.length; k++) o[this.names[k]!] = k === 0 ? first : this.output(k);
    return o as V;
  }
  override reset(): void {
    this.api.reset(this.t);
    this.v = this.api.heap()[this.at.out >> 3]!;
  }
  override snapshot(): StreamSnapshot {
    const h = this.api.heap();
    const s = this.at.state >> 3;
    const w = this.at.window >> 3;
    return writeSnapshot(this.kindName(), this.opts, h.subarray(s, s + this.nState), h.subarray(w, w + this.nWindow), this.layout);
  }
  override restore(snap: StreamSnapshot): void {
    const { state, window } = readSnapshot(snap, this.kindName(), this.opts, this.nState, this.nWindow, this.layout);
    const h = this.api.heap();
    h.set(state, this.at.state >> 3);
    h.set(window, this.at.window >> 3);
    this.api.restored(this.t);
    this.v = this.api.heap()[this.at.out >> 3]!;
  }
  private kindName(): string {
    return (this as unknown as { kind: string }).kind;
  }
}

/** A C++-step stream over closes: `update(close)`. */
export abstract class CloseStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN during warm-up and on gaps). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    return (this.v = this.up(this.t, close));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    return (this.v = this.re(this.t, close));
  }
}

/** A C++-step stream over closes with several outputs: `update(close)` returns them as an object. */
export abstract class CloseStreamN<V> extends StepStream<V> {
  /** Adds a new bar; returns the outputs (NaN during warm-up and on gaps). */
  update(close: number): V {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    return this.wrap((this.v = this.up(this.t, close)));
  }
  /** Revises the latest bar (the one still forming); returns the revised outputs. */
  replace(close: number): V {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    return this.wrap((this.v = this.re(this.t, close)));
  }
}

/** A C++-step stream over (close, volume) bars: `update(close, volume)`. */
export abstract class CloseVolumeStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN on gaps). */
  update(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['close', 'volume'], [close, volume]);
    return (this.v = this.api.update2(this.t, close, volume));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['close', 'volume'], [close, volume]);
    return (this.v = this.api.replace2(this.t, close, volume));
  }
}

/** A C++-step stream over (high, low, close) bars: `update(high, low, close)`. */
export abstract class HlcStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN during warm-up and on gaps). */
  update(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    return (this.v = this.api.update3(this.t, high, low, close));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    return (this.v = this.api.replace3(this.t, high, low, close));
  }
}

/** A C++-step stream over (high, low, close) bars with several outputs: `update(high, low, close)` returns them as an object. */
export abstract class HlcStreamN<V> extends StepStream<V> {
  /** Adds a new bar; returns the outputs (NaN during warm-up and on gaps). */
  update(high: number, low: number, close: number): V {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    return this.wrap((this.v = this.api.update3(this.t, high, low, close)));
  }
  /** Revises the latest bar (the one still forming); returns the revised outputs. */
  replace(high: number, low: number, close: number): V {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    return this.wrap((this.v = this.api.replace3(this.t, high, low, close)));
  }
}

/** A C++-step stream over (high, low) bars: `update(high, low)`. */
export abstract class HlStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN during warm-up and on gaps). */
  update(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'update', ['high', 'low'], [high, low]);
    return (this.v = this.api.update2(this.t, high, low));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low'], [high, low]);
    return (this.v = this.api.replace2(this.t, high, low));
  }
}

/** A C++-step stream over pairs of two series: `update(x, y)`. */
export abstract class XyStream extends StepStream<number> {
  /** Adds a new pair; returns the value (NaN during warm-up and on gaps). */
  update(x: number, y: number): number {
    if (typeof x !== 'number' || typeof y !== 'number') badInput(this.constructor.name, 'update', ['x', 'y'], [x, y]);
    return (this.v = this.api.update2(this.t, x, y));
  }
  /** Revises the latest pair; returns the revised value. */
  replace(x: number, y: number): number {
    if (typeof x !== 'number' || typeof y !== 'number') badInput(this.constructor.name, 'replace', ['x', 'y'], [x, y]);
    return (this.v = this.api.replace2(this.t, x, y));
  }
}

/**
 * A C++-step stream over (high, low, close, volume) bars with an optional session id:
 * `update(high, low, close, volume, session?)`. The step is told whether the id was given
 * (the presence mask after the inputs), so an omitted id and a NaN one differ.
 */
export abstract class HlcvSessionStream extends StepStream<number> {
  /** Adds a new bar (with its session id, if sessions are used); returns the value (NaN during warm-up and on gaps). */
  update(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    return (this.v = session === undefined ? this.api.update(this.t, high, low, close, volume, NaN, 0) : this.api.update(this.t, high, low, close, volume, session, 1));
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    return (this.v = session === undefined ? this.api.replace(this.t, high, low, close, volume, NaN, 0) : this.api.replace(this.t, high, low, close, volume, session, 1));
  }
}

/**
 * Streaming {@link ema}: `update(close)` per bar, bit-identical to the batch function (the
 * kernel's own step: bars after the seed go in pairs, the second of a pair by the kernel's
 * two-step form).
 */
export class Ema extends CloseStream {
  /** The smoothing period. */
  readonly period: number;
  constructor(options?: number | EmaOptions) {
    super('ema', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link wilders} (RMA), bit-identical to the batch function. */
export class Wilders extends CloseStream {
  /** The smoothing period. */
  readonly period: number;
  constructor(options?: number | WildersOptions) {
    super('wilders', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rsi}, bit-identical to the batch function (the kernel's pairing of bars). */
export class Rsi extends CloseStream {
  /** Number of price changes averaged. */
  readonly period: number;
  constructor(options?: number | RsiOptions) {
    super('rsi', options);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link sma}, bit-identical to the batch function: the kernel's running sum,
 * bars in groups of four from one anchor sum and exact re-sum every max(8·period, 1024) bars.
 */
export class Sma extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | SmaOptions) {
    super('sma', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link atr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Atr extends HlcStream {
  /** Smoothing period. */
  readonly period: number;
  constructor(options?: number | AtrOptions) {
    super('atr', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link natr}: 100 · ATR / close, bit-identical to the batch function. */
export class Natr extends HlcStream {
  /** Smoothing period. */
  readonly period: number;
  constructor(options?: number | NatrOptions) {
    super('natr', options);
    this.period = this.opts.period!;
  }
}

/** The latest MACD values (numbers, NaN during warm-up). */
export interface MacdValue {
  macd: number;
  signal: number;
  histogram: number;
}

/** Streaming {@link macd} with TA-Lib's seeding, bit-identical to the batch function. */
export class Macd extends CloseStreamN<MacdValue> {
  /** Fast EMA period (after swapping, as TA-Lib does, when fast > slow). */
  readonly fast: number;
  /** Slow EMA period. */
  readonly slow: number;
  /** Signal EMA period. */
  readonly signal: number;
  constructor(options?: number | MacdOptions) {
    super('macd', options);
    const f = this.opts.fast!;
    const s = this.opts.slow!;
    this.fast = Math.min(f, s);
    this.slow = Math.max(f, s);
    this.signal = this.opts.signal!;
  }
  // A literal of fixed shape: cheaper than the generic object.
  protected override wrap(first: number): MacdValue {
    return { macd: first, signal: this.output(1), histogram: this.output(2) };
  }
}

/** The latest Bollinger Bands (NaN during warm-up). */
export interface BbandsValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link bbands}, bit-identical to the batch function (the kernel's WindowMoments). */
export class Bbands extends CloseStreamN<BbandsValue> {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | BbandsOptions) {
    super('bbands', options);
    this.period = this.opts.period!;
  }
  protected override wrap(first: number): BbandsValue {
    return { upper: first, middle: this.output(1), lower: this.output(2) };
  }
}

/** Streaming {@link stddev}, bit-identical to the batch function. */
export class Stddev extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | StddevOptions) {
    super('stddev', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link mom}: close − close[period bars ago], bit-identical to the batch function. */
export class Mom extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | MomOptions) {
    super('mom', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link roc}: 100 · (close / close[period bars ago] − 1), bit-identical to the batch function. */
export class Roc extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | RocOptions) {
    super('roc', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link trange}: `update(high, low, close)`, bit-identical to the batch function. */
export class Trange extends HlcStream {
  constructor() {
    super('trange', undefined);
  }
}

/** Streaming {@link obv}: `update(close, volume)`, bit-identical to the batch function. */
export class Obv extends CloseVolumeStream {
  constructor() {
    super('obv', undefined);
  }
}

/** Streaming {@link wma}, bit-identical to the batch function (the kernel's WindowWeightedSum). */
export class Wma extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | WmaOptions) {
    super('wma', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link tema}: 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)), bit-identical to the batch function. */
export class Tema extends CloseStream {
  /** Period of the three EMAs. */
  readonly period: number;
  constructor(options?: number | TemaOptions) {
    super('tema', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link trix}: 1-bar percent rate of change of a triple EMA, bit-identical to the batch function. */
export class Trix extends CloseStream {
  /** Period of the three EMAs. */
  readonly period: number;
  constructor(options?: number | TrixOptions) {
    super('trix', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link trima}, bit-identical to the batch function (the kernel's two WindowSums). */
export class Trima extends CloseStream {
  /** Total window length. */
  readonly period: number;
  constructor(options?: number | TrimaOptions) {
    super('trima', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rollingMax}, bit-identical to the batch function. */
export class RollingMax extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | RollingMaxOptions) {
    super('rollingMax', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rollingMin}, bit-identical to the batch function. */
export class RollingMin extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | RollingMinOptions) {
    super('rollingMin', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link willr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Willr extends HlcStream {
  /** Bars in the highest-high / lowest-low window. */
  readonly period: number;
  constructor(options?: number | WillrOptions) {
    super('willr', options, LAYOUT_CPP);
    this.period = this.opts.period!;
  }
}

/** The latest stochastic values (NaN during warm-up). */
export interface StochValue {
  k: number;
  d: number;
}

/** Streaming {@link stoch}: `update(high, low, close)` returns { k, d }, bit-identical to the batch function. */
export class Stoch extends HlcStreamN<StochValue> {
  /** Bars in the highest-high / lowest-low window of fast %K. */
  readonly fastK: number;
  /** SMA period smoothing fast %K into slow %K. */
  readonly slowK: number;
  /** SMA period smoothing slow %K into %D. */
  readonly slowD: number;
  constructor(options?: number | StochOptions) {
    super('stoch', options, LAYOUT_CPP);
    this.fastK = this.opts.fastK!;
    this.slowK = this.opts.slowK!;
    this.slowD = this.opts.slowD!;
  }
  protected override wrap(first: number): StochValue {
    return { k: first, d: this.output(1) };
  }
}

/** Streaming {@link vwma}: `update(close, volume)`, bit-identical to the batch function. */
export class Vwma extends CloseVolumeStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | VwmaOptions) {
    super('vwma', options, LAYOUT_CPP);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link volatility}: rolling standard deviation of log returns, bit-identical to the batch function. */
export class Volatility extends CloseStream {
  /** Number of 1-bar log returns in the window. */
  readonly period: number;
  constructor(options?: number | VolatilityOptions) {
    super('volatility', options, LAYOUT_CPP);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link zscore}, bit-identical to the batch function. */
export class Zscore extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | ZscoreOptions) {
    super('zscore', options, LAYOUT_CPP);
    this.period = this.opts.period!;
  }
}

/** The latest stochastic RSI values (NaN during warm-up). */
export interface StochrsiValue {
  k: number;
  d: number;
}

/** Streaming {@link stochrsi}: `update(close)` returns { k, d }, bit-identical to the batch function. */
export class Stochrsi extends CloseStreamN<StochrsiValue> {
  /** RSI period. */
  readonly period: number;
  /** RSI values in the highest / lowest window of %K. */
  readonly fastK: number;
  /** SMA period of %D. */
  readonly fastD: number;
  constructor(options?: number | StochrsiOptions) {
    super('stochrsi', options, LAYOUT_CPP);
    this.period = this.opts.period!;
    this.fastK = this.opts.fastK!;
    this.fastD = this.opts.fastD!;
  }
  protected override wrap(first: number): StochrsiValue {
    return { k: first, d: this.output(1) };
  }
}

/** The latest Supertrend values (NaN during warm-up): the line and the direction (1 up, -1 down). */
export interface SupertrendValue {
  supertrend: number;
  direction: number;
}

/** Streaming {@link supertrend}: `update(high, low, close)`, bit-identical to the batch function. */
export class Supertrend extends HlcStreamN<SupertrendValue> {
  /** ATR (Wilder) period. */
  readonly period: number;
  /** Band distance from hl2 in ATRs. */
  readonly multiplier: number;
  constructor(options?: number | SupertrendOptions) {
    super('supertrend', options, LAYOUT_CPP);
    this.period = this.opts.period!;
    this.multiplier = this.opts.multiplier!;
  }
  protected override wrap(first: number): SupertrendValue {
    return { supertrend: first, direction: this.output(1) };
  }
}

/** Streaming {@link sar}: `update(high, low)` returns the SAR in force for the bar (NaN on a run's first bar), bit-identical to the batch function. */
export class Sar extends HlStream {
  /** Acceleration factor: start value and step. */
  readonly acceleration: number;
  /** Acceleration factor cap. */
  readonly maximum: number;
  constructor(options?: number | SarOptions) {
    super('sar', options);
    this.acceleration = this.opts.acceleration!;
    this.maximum = this.opts.maximum!;
  }
}

/** Streaming {@link ultosc}: `update(high, low, close)`, bit-identical to the batch function. */
export class Ultosc extends HlcStream {
  /** The three periods, sorted ascending (as TA-Lib and the batch function do). */
  readonly periods: readonly [number, number, number];
  constructor(options?: number | UltoscOptions) {
    super('ultosc', options, LAYOUT_CPP);
    const ps = [this.opts.period1!, this.opts.period2!, this.opts.period3!].sort((a, b) => a - b) as [number, number, number];
    this.periods = ps;
  }
}

/** Streaming {@link rollingCorr}: `update(x, y)`, bit-identical to the batch function. */
export class RollingCorr extends XyStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | RollingCorrOptions) {
    super('rollingCorr', options, LAYOUT_CPP);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link vwap}: `update(high, low, close, volume, session?)`, bit-identical to
 * the batch function (cumulative for `period: 0`, else rolling over `period` bars).
 *
 * `session` (optional, last argument of `update` and `replace`) is the bar's session id,
 * the batch function's `session` series one bar at a time: a new session, and so a fresh
 * VWAP, starts wherever it differs from the previous bar's id. Pass it on every bar or on
 * none (a bar without an id after one with an id starts a new session); ids are exempt
 * from the gap rule, and a NaN id starts a new session on its bar and the next.
 */
export class Vwap extends HlcvSessionStream {
  /** 0: cumulative since the session start; > 0: rolling window in bars. */
  readonly period: number;
  constructor(options?: number | Omit<VwapOptions, 'session'>) {
    if (options !== null && typeof options === 'object' && field(options, 'session', 'hean.Vwap: options') !== undefined) {
      throw new TypeError('hean.Vwap: pass the session id of each bar to update(), not a session series to the constructor');
    }
    super('vwap', options);
    this.period = this.opts.period!;
  }
}
