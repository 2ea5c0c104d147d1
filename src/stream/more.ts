// Streaming classes of issue 15 (the TA-Lib functions that had none): constructors naming
// their indicator over the generic layer of ./wasm.ts; each step is the C++ HEAN_STREAM
// beside the indicator's kernel (native-cpp/src/<name>.cpp).
import type { ApoOptions } from '../indicators/apo.js';
import type { MaOptions } from '../indicators/ma.js';
import type { MacdextOptions } from '../indicators/macdext.js';
import type { MidpointOptions } from '../indicators/midpoint.js';
import type { MidpriceOptions } from '../indicators/midprice.js';
import type { StochfOptions } from '../indicators/stochf.js';
import { CloseStream, CloseStreamN, HlcStreamN, HlStream, type MacdValue, type StochValue } from './wasm.js';

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
