// Streaming classes of issue 15 (the TA-Lib functions that had none): constructors naming
// their indicator over the generic layer of ./wasm.ts; each step is the C++ HEAN_STREAM
// beside the indicator's kernel (native-cpp/src/<name>.cpp).
import type { AccbandsOptions } from '../indicators/accbands.js';
import type { AdxrOptions } from '../indicators/adxr.js';
import type { ApoOptions } from '../indicators/apo.js';
import type { AvgdevOptions } from '../indicators/avgdev.js';
import type { ImiOptions } from '../indicators/imi.js';
import type { LinearregOptions } from '../indicators/linearreg.js';
import type { LinearregAngleOptions } from '../indicators/linearregAngle.js';
import type { LinearregInterceptOptions } from '../indicators/linearregIntercept.js';
import type { LinearregSlopeOptions } from '../indicators/linearregSlope.js';
import type { MaxIndexOptions } from '../indicators/maxIndex.js';
import type { MinIndexOptions } from '../indicators/minIndex.js';
import type { MinMaxOptions } from '../indicators/minMax.js';
import type { MinMaxIndexOptions } from '../indicators/minMaxIndex.js';
import type { TsfOptions } from '../indicators/tsf.js';
import type { MaOptions } from '../indicators/ma.js';
import type { MacdextOptions } from '../indicators/macdext.js';
import type { MavpOptions } from '../indicators/mavp.js';
import type { MidpointOptions } from '../indicators/midpoint.js';
import type { MidpriceOptions } from '../indicators/midprice.js';
import type { StochfOptions } from '../indicators/stochf.js';
import { badInput } from './base.js';
import { CloseStream, CloseStreamN, HlcStream, HlcStreamN, HlStream, StepStream, type MacdValue, type StochValue } from './wasm.js';

/** TA-Lib's MAType codes, in order (the `maType` option's numeric form). */
const MA_TYPES = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'] as const;

/**
 * Streaming {@link ma}: the moving average of `maType`, computed by that average's own
 * streaming step (TA-Lib MA's fixed parameters: KAMA 2/30, MAMA 0.5/0.05, T3 vFactor 0.7;
 * period 1 copies the input), bit-identical to the batch function.
 */
export class Ma extends CloseStream {
  /** Window / smoothing period (unused by mama). */
  readonly period: number;
  /** The moving average type. */
  readonly maType: (typeof MA_TYPES)[number];
  constructor(options?: number | MaOptions) {
    super('ma', options);
    this.period = this.opts.period!;
    this.maType = MA_TYPES[this.opts.maType!]!;
  }
}

/** Streaming {@link apo}: fast MA − slow MA of any `maType`, bit-identical to the batch function. fast > slow is swapped. */
export class Apo extends CloseStream {
  /** Fast MA period (after swapping). */
  readonly fast: number;
  /** Slow MA period (after swapping). */
  readonly slow: number;
  constructor(options?: number | ApoOptions) {
    super('apo', options);
    this.fast = Math.min(this.opts.fast!, this.opts.slow!);
    this.slow = Math.max(this.opts.fast!, this.opts.slow!);
  }
}

/**
 * Streaming {@link macdext}: `update(close)` returns `{ macd, signal, histogram }`, each
 * line's average of its own `maType` started as TA-Lib starts it, bit-identical to the batch
 * function (all EMA is MACD's step).
 */
export class Macdext extends CloseStreamN<MacdValue> {
  constructor(options?: MacdextOptions) {
    super('macdext', options);
  }
  // A literal of fixed shape: cheaper than the generic object.
  protected override wrap(first: number): MacdValue {
    return { macd: first, signal: this.output(1), histogram: this.output(2) };
  }
}

/** Most periods a streaming {@link Mavp} keeps an average of (maxPeriod - minPeriod + 1). */
const MAVP_MAX_PERIODS = 512;

/**
 * Streaming {@link mavp}: `update(close, period)` returns the average of `maType` whose
 * period is this bar's `period` (truncated, clamped to `[minPeriod, maxPeriod]`),
 * bit-identical to the batch function. As TA-Lib computes each period's average over the
 * whole run, the step keeps a running average of every period in `[minPeriod, maxPeriod]`
 * (each started where the batch function starts it), so its cost grows with that range; at
 * most 512 periods. A non-finite close or period is a gap.
 */
export class Mavp extends StepStream<number> {
  /** Smallest period used. */
  readonly minPeriod: number;
  /** Largest period used. */
  readonly maxPeriod: number;
  /** The moving average type. */
  readonly maType: (typeof MA_TYPES)[number];
  constructor(options?: MavpOptions) {
    super('mavp', options);
    this.minPeriod = this.opts.minPeriod!;
    this.maxPeriod = this.opts.maxPeriod!;
    this.maType = MA_TYPES[this.opts.maType!]!;
  }
  protected override checkOptions(o: Readonly<Record<string, number>>): void {
    const n = o.maxPeriod! - o.minPeriod! + 1;
    if (n > MAVP_MAX_PERIODS) throw new RangeError(`hean.Mavp: streaming keeps one average per period in [minPeriod, maxPeriod], at most ${MAVP_MAX_PERIODS} of them; got ${n}`);
  }
  /** Adds a new bar with its period; returns the value (NaN during warm-up and on gaps). */
  update(close: number, period: number): number {
    if (typeof close !== 'number' || typeof period !== 'number') badInput(this.constructor.name, 'update', ['close', 'period'], [close, period]);
    return (this.v = this.api.update2(this.t, close, period));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(close: number, period: number): number {
    if (typeof close !== 'number' || typeof period !== 'number') badInput(this.constructor.name, 'replace', ['close', 'period'], [close, period]);
    return (this.v = this.api.replace2(this.t, close, period));
  }
}

/** Streaming {@link stochf}: `update(high, low, close)` returns fast `{ k, d }`, bit-identical to the batch function. */
export class Stochf extends HlcStreamN<StochValue> {
  /** Bars in the highest-high / lowest-low window. */
  readonly fastK: number;
  /** SMA period of %D. */
  readonly fastD: number;
  constructor(options?: StochfOptions) {
    super('stochf', options);
    this.fastK = this.opts.fastK!;
    this.fastD = this.opts.fastD!;
  }
}

/** Streaming {@link midpoint}: (highest + lowest) / 2 of the last `period` closes, bit-identical to the batch function. */
export class Midpoint extends CloseStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | MidpointOptions) {
    super('midpoint', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link midprice}: `update(high, low)`, (highest high + lowest low) / 2 of the last `period` bars, bit-identical to the batch function. */
export class Midprice extends HlStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | MidpriceOptions) {
    super('midprice', options);
    this.period = this.opts.period!;
  }
}

/** A C++-step stream over (open, close) bars: `update(open, close)`. */
export abstract class OcStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN during warm-up and on gaps). */
  update(open: number, close: number): number {
    if (typeof open !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['open', 'close'], [open, close]);
    return (this.v = this.api.update2(this.t, open, close));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(open: number, close: number): number {
    if (typeof open !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['open', 'close'], [open, close]);
    return (this.v = this.api.replace2(this.t, open, close));
  }
}

/** A closes stream whose one option is `period` (the window length). */
abstract class PeriodStream extends CloseStream {
  /** Window length. */
  readonly period: number;
  protected constructor(kind: string, options: unknown) {
    super(kind, options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link linearreg}: the least-squares line's value at the latest bar, bit-identical to the batch function. */
export class Linearreg extends PeriodStream {
  constructor(options?: number | LinearregOptions) {
    super('linearreg', options);
  }
}
/** Streaming {@link linearregIntercept}, bit-identical to the batch function. */
export class LinearregIntercept extends PeriodStream {
  constructor(options?: number | LinearregInterceptOptions) {
    super('linearregIntercept', options);
  }
}
/** Streaming {@link linearregSlope}, bit-identical to the batch function. */
export class LinearregSlope extends PeriodStream {
  constructor(options?: number | LinearregSlopeOptions) {
    super('linearregSlope', options);
  }
}
/** Streaming {@link linearregAngle}: atan(slope) in degrees (hean's `latan`), bit-identical to the batch function. */
export class LinearregAngle extends PeriodStream {
  constructor(options?: number | LinearregAngleOptions) {
    super('linearregAngle', options);
  }
}
/** Streaming {@link tsf}: the regression line one bar ahead, bit-identical to the batch function. */
export class Tsf extends PeriodStream {
  constructor(options?: number | TsfOptions) {
    super('tsf', options);
  }
}
/** Streaming {@link avgdev}: mean absolute deviation from the window mean, bit-identical to the batch function. */
export class Avgdev extends PeriodStream {
  constructor(options?: number | AvgdevOptions) {
    super('avgdev', options);
  }
}
/**
 * Streaming {@link maxIndex}: the bar index of the window's highest value (TA-Lib's ties),
 * counting bars from the stream's first `update` (gaps included), as the batch function
 * counts from the series' first element.
 */
export class MaxIndex extends PeriodStream {
  constructor(options?: number | MaxIndexOptions) {
    super('maxIndex', options);
  }
}
/** Streaming {@link minIndex}: the bar index of the window's lowest value, counted as {@link MaxIndex} counts. */
export class MinIndex extends PeriodStream {
  constructor(options?: number | MinIndexOptions) {
    super('minIndex', options);
  }
}

/** Window lowest and highest value. */
export interface MinMaxValue {
  min: number;
  max: number;
}
/** Streaming {@link minMax}: `update(close)` returns `{ min, max }`, bit-identical to the batch function. */
export class MinMax extends CloseStreamN<MinMaxValue> {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | MinMaxOptions) {
    super('minMax', options);
    this.period = this.opts.period!;
  }
}

/** Bar indices of the window's lowest and highest value. */
export interface MinMaxIndexValue {
  minIndex: number;
  maxIndex: number;
}
/** Streaming {@link minMaxIndex}: `update(close)` returns `{ minIndex, maxIndex }`, counted as {@link MaxIndex} counts. */
export class MinMaxIndex extends CloseStreamN<MinMaxIndexValue> {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | MinMaxIndexOptions) {
    super('minMaxIndex', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link imi}: `update(open, close)`, intraday momentum index, bit-identical to the batch function. */
export class Imi extends OcStream {
  /** Window length. */
  readonly period: number;
  constructor(options?: number | ImiOptions) {
    super('imi', options);
    this.period = this.opts.period!;
  }
}

/** Streaming {@link adxr}: `update(high, low, close)`, (ADX + ADX period-1 bars back) / 2, bit-identical to the batch function. */
export class Adxr extends HlcStream {
  /** Wilder smoothing period. */
  readonly period: number;
  constructor(options?: number | AdxrOptions) {
    super('adxr', options);
    this.period = this.opts.period!;
  }
}

/** Acceleration bands. */
export interface AccbandsValue {
  upper: number;
  middle: number;
  lower: number;
}
/** Streaming {@link accbands}: `update(high, low, close)` returns `{ upper, middle, lower }`, bit-identical to the batch function. */
export class Accbands extends HlcStreamN<AccbandsValue> {
  /** SMA window length. */
  readonly period: number;
  constructor(options?: number | AccbandsOptions) {
    super('accbands', options);
    this.period = this.opts.period!;
  }
}
