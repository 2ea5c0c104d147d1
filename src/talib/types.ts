// The shapes of the `talib` npm package's API, which hean/talib reproduces.

/** An input of a TA-Lib function: `real` (`inReal`, `inReal0`, …) or `price` (named OHLCV arrays in `flags`). */
export interface TalibInput {
  name: string;
  type: string;
  /** For a `price` input: the params keys it reads, e.g. `{ 0: 'high', 1: 'low', 2: 'close' }`. */
  flags?: Record<string, string>;
}

/** An option of a TA-Lib function (`optInTimePeriod`, `optInMAType`, …). */
export interface TalibOptInput {
  name: string;
  displayName: string;
  defaultValue: number;
  hint: string;
  /** `integer_range`, `real_range`, `integer_list` (an enumeration such as MAType). */
  type: string;
}

/** An output of a TA-Lib function (`outReal`, `outMACD`, `outInteger`, …). */
export interface TalibOutput {
  name: string;
  type: string;
  flags: Record<string, unknown>;
  [k: string]: unknown;
}

/** A TA-Lib function's description, as `talib.explain(name)` gives it. */
export interface TalibFunction {
  name: string;
  group: string;
  hint: string;
  inputs: TalibInput[];
  optInputs: TalibOptInput[];
  outputs: TalibOutput[];
}

/** `execute`'s parameters: `name`, `startIdx`, `endIdx`, the inputs by name and the options. */
export interface ExecuteParams {
  /** TA-Lib function name, e.g. `'SMA'`. */
  name: string;
  /** First index to compute (TA-Lib's startIdx). */
  startIdx: number;
  /** Last index to compute, inclusive. */
  endIdx: number;
  [input: string]: unknown;
}

/** `execute`'s result, as TA-Lib reports it. */
export interface ExecuteResult {
  /** Index of the first output value in the input. */
  begIndex: number;
  /** Number of output values. */
  nbElement: number;
  /** Outputs by TA-Lib name (`outReal`, …), each `nbElement` long. */
  result: Record<string, number[]>;
}
