// The generic streaming class: an indicator's C++ step (native-cpp/src/<name>.cpp,
// HEAN_STREAM) runs in the WASM engine with its state in linear memory; this class gives
// it the streaming API. Nothing here knows any indicator's arithmetic, so a streaming
// class is a constructor naming its indicator (see Ema below).
import { indicatorTable } from '../core/indicator.js';
import type { StreamApi } from '../wasm/engine.js';
import { wasmEngine } from '../wasm/load.js';
import type { AtrOptions } from '../indicators/atr.js';
import type { AdoscOptions } from '../indicators/adosc.js';
import type { AdxOptions } from '../indicators/adx.js';
import type { AroonOptions } from '../indicators/aroon.js';
import type { AroonOscOptions } from '../indicators/aroonOsc.js';
import type { CciOptions } from '../indicators/cci.js';
import type { CmoOptions } from '../indicators/cmo.js';
import type { DemaOptions } from '../indicators/dema.js';
import type { DonchianOptions } from '../indicators/donchian.js';
import type { HmaOptions } from '../indicators/hma.js';
import type { IchimokuOptions } from '../indicators/ichimoku.js';
import type { KamaOptions } from '../indicators/kama.js';
import type { KeltnerOptions } from '../indicators/keltner.js';
import type { MfiOptions } from '../indicators/mfi.js';
import type { PpoOptions } from '../indicators/ppo.js';
import type { ReturnsOptions } from '../indicators/returns.js';
import type { RollingBetaOptions } from '../indicators/rollingBeta.js';
import type { BetaOptions } from '../indicators/beta.js';
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
import { candleOptions, copyOf, hasSettings } from '../indicators/candle.js';
import { CANDLE_SETTING_NAMES, DEFAULT_CANDLE_SETTINGS, settingsVector, type CandleSetting, type CandleSettingName, type RangeType } from '../patterns.js';
import { badInput, MAX_STREAM_WINDOW, readSnapshot, Stream, streamOptions, writeSnapshot, type StreamSnapshot } from './base.js';

/** The layout tag of the C++ steps whose state layout differs from their earlier TypeScript class's. */
const LAYOUT_CPP = 2;
import type { RocpOptions } from '../indicators/rocp.js';
import type { RocrOptions } from '../indicators/rocr.js';
import type { Rocr100Options } from '../indicators/rocr100.js';
import type { VarianceOptions } from '../indicators/variance.js';
import type { SumOptions } from '../indicators/sum.js';
import type { PlusDmOptions } from '../indicators/plusDm.js';
import type { MinusDmOptions } from '../indicators/minusDm.js';
import type { PlusDiOptions } from '../indicators/plusDi.js';
import type { MinusDiOptions } from '../indicators/minusDi.js';
import type { DxOptions } from '../indicators/dx.js';

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
  /** Refuses options the streaming step does not implement (before any WASM state exists). */
  protected checkOptions(_o: Readonly<Record<string, number>>): void {}

  /**
   * `extra`: option numbers after the table's, for a step that reads more (a candle
   * pattern's 33 settings numbers, its StreamDef's n_extra).
   */
  protected constructor(kind: string, options: unknown, layout = 0, extra?: Float64Array) {
    const o = streamOptions(kind, options);
    super(kind, o, [], 0);
    this.checkOptions(o);
    const meta = indicatorTable().get(kind)!;
    const api = (this.api = wasmEngine().streamApi());
    if (!api.has(meta.id)) throw new Error(`hean: indicator '${kind}' has no streaming step in the WASM engine (stale build?)`);
    const table = meta.options.map((m) => o[m.name]!);
    const opts = Float64Array.from(extra ? [...table, ...extra] : table);
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
    return writeSnapshot(this.kindName(), this.snapshotOptions(), h.subarray(s, s + this.nState), h.subarray(w, w + this.nWindow), this.layout);
  }
  override restore(snap: StreamSnapshot): void {
    const { state, window } = readSnapshot(snap, this.kindName(), this.snapshotOptions(), this.nState, this.nWindow, this.layout);
    const h = this.api.heap();
    h.set(state, this.at.state >> 3);
    h.set(window, this.at.window >> 3);
    this.api.restored(this.t);
    this.v = this.api.heap()[this.at.out >> 3]!;
  }
  /** The options a snapshot records (and restore() requires): the table's, and any the step adds. */
  protected snapshotOptions(): Readonly<Record<string, number>> {
    return this.opts;
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

/** A C++-step stream over (high, low) bars with several outputs: `update(high, low)` returns them as an object. */
export abstract class HlStreamN<V> extends StepStream<V> {
  /** Adds a new bar; returns the outputs (NaN during warm-up and on gaps). */
  update(high: number, low: number): V {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'update', ['high', 'low'], [high, low]);
    return this.wrap((this.v = this.api.update2(this.t, high, low)));
  }
  /** Revises the latest bar (the one still forming); returns the revised outputs. */
  replace(high: number, low: number): V {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low'], [high, low]);
    return this.wrap((this.v = this.api.replace2(this.t, high, low)));
  }
}

/** A C++-step stream over (high, low, close, volume) bars: `update(high, low, close, volume)`. */
export abstract class HlcvStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN during warm-up and on gaps). */
  update(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    return (this.v = this.api.update4(this.t, high, low, close, volume));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    return (this.v = this.api.replace4(this.t, high, low, close, volume));
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

/** A C++-step stream over (open, high, low, close) bars: `update(open, high, low, close)`. */
export abstract class OhlcStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN on gaps). */
  update(open: number, high: number, low: number, close: number): number {
    if (typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['open', 'high', 'low', 'close'], [open, high, low, close]);
    return (this.v = this.api.update4(this.t, open, high, low, close));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(open: number, high: number, low: number, close: number): number {
    if (typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['open', 'high', 'low', 'close'], [open, high, low, close]);
    return (this.v = this.api.replace4(this.t, open, high, low, close));
  }
}

/**
 * A candlestick pattern's stream (src/stream/candles.gen.ts): an OhlcStream whose options
 * also take `candleSettings`, checked as the pattern's cdl* function checks them (same
 * errors), so it equals the batch function called with the same settings bit for bit.
 * Snapshots record each setting field that differs from TA-Lib 0.8's default (as
 * `candleSettings.<name>.<field>`, rangeType by number: 0 realBody, 1 highLow, 2 shadows),
 * and restore() takes only a snapshot of the same settings.
 */
export abstract class PatternStream extends OhlcStream {
  /** The candle settings in force: TA-Lib 0.8's defaults with the given overrides. */
  readonly candleSettings: Readonly<Record<CandleSettingName, Readonly<CandleSetting>>>;
  private readonly settingsRecord: Readonly<Record<string, number>>;

  protected constructor(kind: string, options: unknown, penetration: boolean) {
    const split = PatternStream.split(kind, options, penetration);
    super(kind, split.rest, 0, split.vector);
    const v = split.vector;
    const types: RangeType[] = ['realBody', 'highLow', 'shadows'];
    const settings = {} as Record<CandleSettingName, CandleSetting>;
    const record: Record<string, number> = {};
    CANDLE_SETTING_NAMES.forEach((name, j) => {
      const d = DEFAULT_CANDLE_SETTINGS[name];
      settings[name] = Object.freeze({ rangeType: types[v[3 * j]!]!, avgPeriod: v[3 * j + 1]!, factor: v[3 * j + 2]! });
      if (v[3 * j] !== types.indexOf(d.rangeType)) record[`candleSettings.${name}.rangeType`] = v[3 * j]!;
      if (v[3 * j + 1] !== d.avgPeriod) record[`candleSettings.${name}.avgPeriod`] = v[3 * j + 1]!;
      if (!Object.is(v[3 * j + 2], d.factor)) record[`candleSettings.${name}.factor`] = v[3 * j + 2]!;
    });
    this.candleSettings = Object.freeze(settings);
    this.settingsRecord = record;
  }

  /** The options without `candleSettings` (for the table) and the settings' 33 numbers. */
  private static split(kind: string, options: unknown, penetration: boolean): { rest: unknown; vector: Float64Array } {
    if (!hasSettings(options)) return { rest: options, vector: settingsVector(undefined, `hean.${kind}`) };
    const o = candleOptions(`hean.${kind}`, penetration, copyOf(options, `hean.${kind}`));
    return { rest: o.penetration !== undefined ? { penetration: o.penetration } : undefined, vector: o.vector };
  }

  protected override snapshotOptions(): Readonly<Record<string, number>> {
    return { ...this.opts, ...this.settingsRecord };
  }
}

/** Streaming {@link rocp}: (close − close[period bars ago]) / close[period bars ago], bit-identical to the batch function. */
export class Rocp extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | RocpOptions) {
    super('rocp', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rocr}: close / close[period bars ago], bit-identical to the batch function. */
export class Rocr extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | RocrOptions) {
    super('rocr', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rocr100}: 100 · close / close[period bars ago], bit-identical to the batch function. */
export class Rocr100 extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | Rocr100Options) {
    super('rocr100', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link variance}, bit-identical to the batch function (the kernel's window moments). */
export class Variance extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | VarianceOptions) {
    super('variance', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link bop}: `update(open, high, low, close)`, bit-identical to the batch function. */
export class Bop extends OhlcStream {
  constructor() {
    super('bop', undefined);
  }
}

/** Streaming {@link avgprice}: `update(open, high, low, close)`, bit-identical to the batch function. */
export class Avgprice extends OhlcStream {
  constructor() {
    super('avgprice', undefined);
  }
}

/** Streaming {@link medprice}: `update(high, low)`, bit-identical to the batch function. */
export class Medprice extends HlStream {
  constructor() {
    super('medprice', undefined);
  }
}

/** Streaming {@link typprice}: `update(high, low, close)`, bit-identical to the batch function. */
export class Typprice extends HlcStream {
  constructor() {
    super('typprice', undefined);
  }
}

/** Streaming {@link wclprice}: `update(high, low, close)`, bit-identical to the batch function. */
export class Wclprice extends HlcStream {
  constructor() {
    super('wclprice', undefined);
  }
}

/** Streaming {@link add}: `update(x, y)` returns x + y (NaN on gaps). */
export class Add extends XyStream {
  constructor() {
    super('add', undefined);
  }
}

/** Streaming {@link sub}: `update(x, y)` returns x − y (NaN on gaps). */
export class Sub extends XyStream {
  constructor() {
    super('sub', undefined);
  }
}

/** Streaming {@link mult}: `update(x, y)` returns x · y (NaN on gaps). */
export class Mult extends XyStream {
  constructor() {
    super('mult', undefined);
  }
}

/** Streaming {@link div}: `update(x, y)` returns x / y (NaN on gaps; no zero test, as the batch function). */
export class Div extends XyStream {
  constructor() {
    super('div', undefined);
  }
}

/** A C++-step stream of a math transform: `update(x)` returns f(x) (NaN on gaps). */
export abstract class MathStream extends StepStream<number> {
  /** Adds a value; returns f(value). */
  update(x: number): number {
    if (typeof x !== 'number') badInput(this.constructor.name, 'update', ['x'], [x]);
    return (this.v = this.up(this.t, x));
  }
  /** Revises the latest value; returns f(value). */
  replace(x: number): number {
    if (typeof x !== 'number') badInput(this.constructor.name, 'replace', ['x'], [x]);
    return (this.v = this.re(this.t, x));
  }
}

/** Streaming {@link ceil}. */
export class Ceil extends MathStream {
  constructor() {
    super('ceil', undefined);
  }
}

/** Streaming {@link floor}. */
export class Floor extends MathStream {
  constructor() {
    super('floor', undefined);
  }
}

/** Streaming {@link sqrt}. */
export class Sqrt extends MathStream {
  constructor() {
    super('sqrt', undefined);
  }
}

/** Streaming {@link ln}: the batch function's bits (the same `llog`). */
export class Ln extends MathStream {
  constructor() {
    super('ln', undefined);
  }
}

/** Streaming {@link sum}, bit-identical to the batch function (the kernel's slide and exact re-sums). */
export class Sum extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | SumOptions) {
    super('sum', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link plusDm}: `update(high, low)`, bit-identical to the batch function. */
export class PlusDm extends HlStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | PlusDmOptions) {
    super('plusDm', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link minusDm}: `update(high, low)`, bit-identical to the batch function. */
export class MinusDm extends HlStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | MinusDmOptions) {
    super('minusDm', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link plusDi}: `update(high, low, close)`, bit-identical to the batch function. */
export class PlusDi extends HlcStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | PlusDiOptions) {
    super('plusDi', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link minusDi}: `update(high, low, close)`, bit-identical to the batch function. */
export class MinusDi extends HlcStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | MinusDiOptions) {
    super('minusDi', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link dx}: `update(high, low, close)`, bit-identical to the batch function. */
export class Dx extends HlcStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | DxOptions) {
    super('dx', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link acos}: the batch function's bits (hean/lmath.hpp). */
export class Acos extends MathStream {
  constructor() {
    super('acos', undefined);
  }
}

/** Streaming {@link asin}: the batch function's bits (hean/lmath.hpp). */
export class Asin extends MathStream {
  constructor() {
    super('asin', undefined);
  }
}

/** Streaming {@link atan}: the batch function's bits (hean/lmath.hpp). */
export class Atan extends MathStream {
  constructor() {
    super('atan', undefined);
  }
}

/** Streaming {@link cos}: the batch function's bits (hean/lmath.hpp). */
export class Cos extends MathStream {
  constructor() {
    super('cos', undefined);
  }
}

/** Streaming {@link cosh}: the batch function's bits (hean/lmath.hpp). */
export class Cosh extends MathStream {
  constructor() {
    super('cosh', undefined);
  }
}

/** Streaming {@link exp}: the batch function's bits (hean/lmath.hpp). */
export class Exp extends MathStream {
  constructor() {
    super('exp', undefined);
  }
}

/** Streaming {@link log10}: the batch function's bits (hean/lmath.hpp). */
export class Log10 extends MathStream {
  constructor() {
    super('log10', undefined);
  }
}

/** Streaming {@link sin}: the batch function's bits (hean/lmath.hpp). */
export class Sin extends MathStream {
  constructor() {
    super('sin', undefined);
  }
}

/** Streaming {@link sinh}: the batch function's bits (hean/lmath.hpp). */
export class Sinh extends MathStream {
  constructor() {
    super('sinh', undefined);
  }
}

/** Streaming {@link tan}: the batch function's bits (hean/lmath.hpp). */
export class Tan extends MathStream {
  constructor() {
    super('tan', undefined);
  }
}

/** Streaming {@link tanh}: the batch function's bits (hean/lmath.hpp). */
export class Tanh extends MathStream {
  constructor() {
    super('tanh', undefined);
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
  protected override checkOptions(o: Readonly<Record<string, number>>): void {
    if (o.maType !== 0) throw new RangeError(`hean.Bbands: streaming computes the SMA middle band only (maType 'sma')`);
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
  protected override checkOptions(o: Readonly<Record<string, number>>): void {
    if (o.slowKMaType !== 0 || o.slowDMaType !== 0) throw new RangeError(`hean.Stoch: streaming smooths with SMAs only (slowKMaType, slowDMaType 'sma')`);
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
  protected override checkOptions(o: Readonly<Record<string, number>>): void {
    if (o.fastDMaType !== 0) throw new RangeError(`hean.Stochrsi: streaming smooths %D with an SMA only (fastDMaType 'sma')`);
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

// ---- TA-Lib overlap additions (issue 15) -------------------------------------------------

/** Streaming {@link t3}, bit-identical to the batch function (the kernel's seeds and EMA steps). */
export class T3 extends CloseStream {
  /** Period of the six EMAs. */
  readonly period: number;
  /** Volume factor. */
  readonly vFactor: number;
  constructor(options?: number | import('../indicators/t3.js').T3Options) {
    super('t3', options);
    this.period = this.opts.period!;
    this.vFactor = this.opts.vFactor!;
  }
}

/** A value of {@link Mama}. */
export interface MamaValue {
  mama: number;
  fama: number;
}

/** Streaming {@link mama}, bit-identical to the batch function (the same Hilbert core). */
export class Mama extends CloseStreamN<MamaValue> {
  constructor(options?: import('../indicators/mama.js').MamaOptions) {
    super('mama', options);
  }
  protected override wrap(first: number): MamaValue {
    return { mama: first, fama: this.output(1) };
  }
}

/** Streaming {@link htDcperiod}, bit-identical to the batch function (the same Hilbert core). */
export class HtDcperiod extends CloseStream {
  constructor(options?: import('../indicators/htDcperiod.js').HtDcperiodOptions) {
    super('htDcperiod', options);
  }
}

/** A value of {@link HtPhasor}. */
export interface HtPhasorValue {
  inphase: number;
  quadrature: number;
}

/** Streaming {@link htPhasor}, bit-identical to the batch function (the same Hilbert core). */
export class HtPhasor extends CloseStreamN<HtPhasorValue> {
  constructor(options?: import('../indicators/htPhasor.js').HtPhasorOptions) {
    super('htPhasor', options);
  }
  protected override wrap(first: number): HtPhasorValue {
    return { inphase: first, quadrature: this.output(1) };
  }
}

/** Streaming {@link htDcphase}, bit-identical to the batch function (the same Hilbert core). */
export class HtDcphase extends CloseStream {
  constructor(options?: import('../indicators/htDcphase.js').HtDcphaseOptions) {
    super('htDcphase', options);
  }
}

/** A value of {@link HtSine}. */
export interface HtSineValue {
  sine: number;
  leadsine: number;
}

/** Streaming {@link htSine}, bit-identical to the batch function (the same Hilbert core). */
export class HtSine extends CloseStreamN<HtSineValue> {
  constructor(options?: import('../indicators/htSine.js').HtSineOptions) {
    super('htSine', options);
  }
  protected override wrap(first: number): HtSineValue {
    return { sine: first, leadsine: this.output(1) };
  }
}

/** Streaming {@link htTrendline}, bit-identical to the batch function (the same Hilbert core). */
export class HtTrendline extends CloseStream {
  constructor(options?: import('../indicators/htTrendline.js').HtTrendlineOptions) {
    super('htTrendline', options);
  }
}

/** Streaming {@link htTrendmode}, bit-identical to the batch function (the same Hilbert core). */
export class HtTrendmode extends CloseStream {
  constructor(options?: import('../indicators/htTrendmode.js').HtTrendmodeOptions) {
    super('htTrendmode', options);
  }
}

/** Streaming {@link macdfix}, bit-identical to the batch function (macd's step, fixed 0.15 / 0.075). */
export class Macdfix extends CloseStreamN<MacdValue> {
  /** Signal EMA period. */
  readonly signal: number;
  constructor(options?: number | import('../indicators/macdfix.js').MacdfixOptions) {
    super('macdfix', options);
    this.signal = this.opts.signal!;
  }
  protected override wrap(first: number): MacdValue {
    return { macd: first, signal: this.output(1), histogram: this.output(2) };
  }
}

/** Streaming {@link sarext} over (high, low) bars, bit-identical to the batch function (its bar step). */
export class Sarext extends StepStream<number> {
  constructor(options?: import('../indicators/sarext.js').SarextOptions) {
    super('sarext', options);
  }
  /** Adds a new bar; returns the SAR, negative while short (NaN on the first bar and on gaps). */
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

/** Streaming {@link ad}: `update(high, low, close, volume)`, bit-identical to the batch function. */
export class Ad extends HlcvStream {
  constructor() {
    super('ad', undefined);
  }
}

/**
 * Streaming {@link adosc}: `update(high, low, close, volume)`, bit-identical to the batch
 * function (both EMAs of the A/D line seeded with its first value, as TA-Lib).
 */
export class Adosc extends HlcvStream {
  /** Fast EMA period. */
  readonly fast: number;
  /** Slow EMA period. */
  readonly slow: number;
  constructor(options?: number | AdoscOptions) {
    super('adosc', options);
    this.fast = this.opts.fast!;
    this.slow = this.opts.slow!;
  }
}

/**
 * Streaming {@link mfi}: `update(high, low, close, volume)`, bit-identical to the batch
 * function (TA-Lib 0.8's rules). A snapshot of hean's earlier Mfi (TA-Lib 0.6's rules, 7
 * state values) is refused with a RangeError: its flows were classified by other rules, so
 * it can't be resumed; start a new instance and warm it up.
 */
export class Mfi extends HlcvStream {
  /** Number of money flows summed. */
  readonly period: number;
  constructor(options?: number | MfiOptions) {
    super('mfi', options);
    this.period = this.opts.period!;
  }
  override restore(snap: StreamSnapshot): void {
    try {
      super.restore(snap);
    } catch (e) {
      // Kind and options matched (they are checked first): 7 state values is the old Mfi.
      if (e instanceof RangeError && / state must be an array of 8 numbers, got 7$/.test(e.message)) {
        throw new RangeError(
          "hean.mfi.restore: this snapshot is from an older hean whose Mfi followed TA-Lib 0.6 (money flow split by the exact sign of the change); it cannot be resumed under TA-Lib 0.8's rules: start a new Mfi and warm it up",
        );
      }
      throw e;
    }
  }
}

/** The latest directional movement values (NaN during warm-up; adx starts `period - 1` bars after the others). */
export interface AdxValue {
  adx: number;
  plusDi: number;
  minusDi: number;
  dx: number;
}

/** Streaming {@link adx}: `update(high, low, close)` returns { adx, plusDi, minusDi, dx }, bit-identical to the batch function; `ready` once adx has a value. */
export class Adx extends HlcStreamN<AdxValue> {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | AdxOptions) {
    super('adx', options);
    this.period = this.opts.period!;
  }
  protected override wrap(first: number): AdxValue {
    return { adx: first, plusDi: this.output(1), minusDi: this.output(2), dx: this.output(3) };
  }
}

/** The latest Keltner channels (NaN during warm-up). */
export interface KeltnerValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link keltner}: `update(high, low, close)` returns { upper, middle, lower }, bit-identical to the batch function. */
export class Keltner extends HlcStreamN<KeltnerValue> {
  /** EMA period of the middle line. */
  readonly period: number;
  /** Band width in ATRs. */
  readonly multiplier: number;
  /** ATR (Wilder) period. */
  readonly atrPeriod: number;
  constructor(options?: number | KeltnerOptions) {
    super('keltner', options);
    this.period = this.opts.period!;
    this.multiplier = this.opts.multiplier!;
    this.atrPeriod = this.opts.atrPeriod!;
  }
  protected override wrap(first: number): KeltnerValue {
    return { upper: first, middle: this.output(1), lower: this.output(2) };
  }
}

/**
 * The latest Ichimoku lines (NaN during warm-up). There is no `chikou`: the batch
 * function's lagging span is the close `displacement` bars **ahead**, which a stream
 * can't know; it is simply the close, `displacement` bars later.
 */
export interface IchimokuValue {
  tenkan: number;
  kijun: number;
  /** `(tenkan + kijun) / 2` as of `displacement` bars ago: the cloud at this bar. */
  senkouA: number;
  /** The senkou window's midpoint as of `displacement` bars ago. */
  senkouB: number;
}

/**
 * Streaming {@link ichimoku}: `update(high, low, close)` returns { tenkan, kijun, senkouA,
 * senkouB }, bit-identical to the batch function's lines of the same names; `ready` once
 * tenkan has a value. The batch function's `chikou` (the close `displacement` bars ahead)
 * looks into the future and is not streamed. The close only takes part in the gap rule (a
 * non-finite close is a gap, as in the batch function).
 */
export class Ichimoku extends HlcStreamN<IchimokuValue> {
  readonly tenkan: number;
  readonly kijun: number;
  readonly senkou: number;
  readonly displacement: number;
  constructor(options?: number | IchimokuOptions) {
    super('ichimoku', options);
    this.tenkan = this.opts.tenkan!;
    this.kijun = this.opts.kijun!;
    this.senkou = this.opts.senkou!;
    this.displacement = this.opts.displacement!;
  }
  protected override wrap(first: number): IchimokuValue {
    return { tenkan: first, kijun: this.output(1), senkouA: this.output(2), senkouB: this.output(3) };
  }
}

/** Streaming {@link cci}: `update(high, low, close)`, bit-identical to the batch function (O(period) a bar, as the kernel). */
export class Cci extends HlcStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | CciOptions) {
    super('cci', options);
    this.period = this.opts.period!;
  }
}

/** The latest Aroon down / up (NaN during warm-up). */
export interface AroonValue {
  down: number;
  up: number;
}

/** Streaming {@link aroon}: `update(high, low)` returns { down, up }, bit-identical to the batch function. */
export class Aroon extends HlStreamN<AroonValue> {
  /** Look-back in bars (the window holds period + 1 bars). */
  readonly period: number;
  constructor(options?: number | AroonOptions) {
    super('aroon', options);
    this.period = this.opts.period!;
  }
  protected override wrap(first: number): AroonValue {
    return { down: first, up: this.output(1) };
  }
}

/** Streaming {@link aroonOsc}: `update(high, low)`, bit-identical to the batch function. */
export class AroonOsc extends HlStream {
  /** Look-back in bars (the window holds period + 1 bars). */
  readonly period: number;
  constructor(options?: number | AroonOscOptions) {
    super('aroonOsc', options);
    this.period = this.opts.period!;
  }
}

/** The latest Donchian channels (NaN during warm-up). */
export interface DonchianValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link donchian}: `update(high, low)` returns { upper, middle, lower }, bit-identical to the batch function. */
export class Donchian extends HlStreamN<DonchianValue> {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | DonchianOptions) {
    super('donchian', options);
    this.period = this.opts.period!;
  }
  protected override wrap(first: number): DonchianValue {
    return { upper: first, middle: this.output(1), lower: this.output(2) };
  }
}

/** Streaming {@link beta}: `update(x, y)` (prices; TA-Lib BETA's returns and slope), bit-identical to the batch function. */
export class Beta extends XyStream {
  /** Number of returns in the window. */
  readonly period: number;
  constructor(options?: number | BetaOptions) {
    super('beta', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link rollingBeta}: `update(x, y)` (asset and benchmark returns), bit-identical to the batch function. */
export class RollingBeta extends XyStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | RollingBetaOptions) {
    super('rollingBeta', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link cmo}, bit-identical to the batch function (RSI's smoothing, CMO's ratio). */
export class Cmo extends CloseStream {
  /** Number of price changes averaged. */
  readonly period: number;
  constructor(options?: number | CmoOptions) {
    super('cmo', options);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link dema}, bit-identical to the batch function: 2·EMA − EMA(EMA), the first
 * EMA SMA-seeded and the second seeded with the mean of the first's first `period` values.
 */
export class Dema extends CloseStream {
  /** Period of both EMAs. */
  readonly period: number;
  constructor(options?: number | DemaOptions) {
    super('dema', options);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link hma}, bit-identical to the batch function: WMA(2·WMA(x, ⌊p/2⌋) − WMA(x, p),
 * ⌊√p⌋), each WMA the kernel's WindowWeightedSum with its own re-sum schedule.
 */
export class Hma extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | HmaOptions) {
    super('hma', options);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link kama}, bit-identical to the batch function: the efficiency ratio's sum
 * of |1-bar changes| is the kernel's WindowSum (re-summed every max(8·period, 1024) bars).
 */
export class Kama extends CloseStream {
  /** Efficiency-ratio window. */
  readonly period: number;
  constructor(options?: number | KamaOptions) {
    super('kama', options);
    this.period = this.opts.period!;
  }
}

/**
 * Streaming {@link ppo}, bit-identical to the batch function: 100 · (fast − slow) / slow of
 * two SMAs (the kernel's window sums) or two EMAs (each seeded with the SMA of its own first
 * `period` closes). fast > slow is swapped, as the batch function does.
 */
export class Ppo extends CloseStream {
  /** Fast MA period (after swapping). */
  readonly fast: number;
  /** Slow MA period (after swapping). */
  readonly slow: number;
  constructor(options?: number | PpoOptions) {
    super('ppo', options);
    this.fast = Math.min(this.opts.fast!, this.opts.slow!);
    this.slow = Math.max(this.opts.fast!, this.opts.slow!);
  }
  protected override checkOptions(o: Readonly<Record<string, number>>): void {
    if (o.maType !== 0 && o.maType !== 1) throw new RangeError(`hean.Ppo: streaming computes maType 'sma' or 'ema' only`);
  }
}

/** Streaming {@link returns}, bit-identical to the batch function (the log kind uses hean's own `llog`, as the kernel does). */
export class Returns extends CloseStream {
  /** Bars back. */
  readonly period: number;
  constructor(options?: number | ReturnsOptions) {
    super('returns', options);
    this.period = this.opts.period!;
  }
}
