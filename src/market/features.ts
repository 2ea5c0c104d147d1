// Feature matrices for ML models from OHLCV columns and a spec of indicators.
import { indicator, indicatorTable, type IndicatorMeta } from '../core/indicator.js';

/** OHLCV columns (volume needed only by volume indicators). */
export interface FeatureInput {
  open?: Float64Array | readonly number[];
  high?: Float64Array | readonly number[];
  low?: Float64Array | readonly number[];
  close: Float64Array | readonly number[];
  volume?: Float64Array | readonly number[];
}

/** One feature column: an indicator's output, optionally made scale-free. */
export interface FeatureSpec {
  /** Indicator name, e.g. 'rsi', 'sma', 'macd', 'returns', 'volatility'. */
  fn: string;
  /** The indicator's options (a number sets its first option). */
  options?: number | Record<string, unknown>;
  /** Which output of a multi-output indicator (default: every output, one column each). */
  output?: string;
  /** Feed this column to the indicator's first input instead (e.g. 'volume' for a volume MA). */
  input?: keyof FeatureInput;
  /** `'relative'`: value / close - 1 (price-level features such as moving averages). */
  transform?: 'relative';
  /** Column name (default `fn_option…[_output]`). */
  name?: string;
}

/** Options of {@link features}. */
export interface FeatureOptions {
  /** Add a forward-return label column `label_h<horizon>`: close[t+h] / close[t] - 1 (or its log). */
  label?: { horizon: number; kind?: 'simple' | 'log' };
  /** `'drop'` (default) removes rows with any NaN (warm-up, gaps, the label's tail); `'keep'` keeps them. */
  warmup?: 'drop' | 'keep';
}

/** A row-major feature matrix. */
export interface FeatureMatrix {
  /** rows × columns, row-major: `data[r * columns.length + c]`. */
  data: Float64Array;
  columns: string[];
  rows: number;
  /** Source bar of each row. */
  index: Int32Array;
}

const cache = new Map<string, (...a: unknown[]) => unknown>();
function fnOf(name: string): [IndicatorMeta, (...a: unknown[]) => unknown] {
  const meta = indicatorTable().get(name);
  if (!meta) throw new RangeError(`hean.features: unknown indicator '${name}'`);
  let f = cache.get(name);
  if (!f) {
    f = indicator<(...a: unknown[]) => unknown>(name);
    cache.set(name, f);
  }
  return [meta, f];
}

function defaultName(spec: FeatureSpec, output: string | undefined, meta: IndicatorMeta): string {
  const o = spec.options;
  const args = typeof o === 'number' ? [o] : o ? Object.values(o).filter((v) => typeof v === 'number' || typeof v === 'string') : [];
  const base = [spec.input && spec.input !== meta.inputs[0] ? `${spec.fn}(${spec.input})` : spec.fn, ...args.map(String)].join('_');
  return output && meta.outputs.length > 1 ? `${base}_${output}` : base;
}

/**
 * Builds a feature matrix in one call from a spec, ready for LightGBM/XGBoost or an ONNX
 * runtime: each spec entry becomes one column (or one per output), computed by the batch
 * indicators (so the values equal computing each indicator on its own), plus an optional
 * forward-return label. Warm-up rows are dropped by default.
 *
 * @example
 * const m = features(bars, [
 *   { fn: 'returns', options: { kind: 'log' } }, { fn: 'volatility', options: 20 },
 *   { fn: 'rsi', options: 14 }, { fn: 'sma', options: 20, input: 'volume' },
 *   { fn: 'sma', options: 20, transform: 'relative' }, { fn: 'macd' },
 * ], { label: { horizon: 5 } });
 */
export function features(input: FeatureInput, spec: readonly FeatureSpec[], options: FeatureOptions = {}): FeatureMatrix {
  const fn = 'hean.features';
  if (input === null || typeof input !== 'object') throw new TypeError(`${fn}: input must be an object of OHLCV columns`);
  if (!Array.isArray(spec) || spec.length === 0) throw new TypeError(`${fn}: spec must be a non-empty array`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  const close = input.close instanceof Float64Array ? input.close : Float64Array.from(input.close ?? []);
  const n = close.length;
  const columns: string[] = [];
  const values: Float64Array[] = [];

  for (const s of spec) {
    if (s === null || typeof s !== 'object' || typeof s.fn !== 'string') throw new TypeError(`${fn}: each spec entry needs fn: <indicator name>`);
    const [meta, f] = fnOf(s.fn);
    const ins = meta.inputs.slice(0, meta.required).map((name, k) => {
      const key = (k === 0 && s.input ? s.input : name) as keyof FeatureInput;
      const col = input[key];
      if (col === undefined) throw new RangeError(`${fn}: ${s.fn} needs input column '${key}'`);
      return col;
    });
    const res = f(...ins, s.options);
    const outs = meta.outputs.length === 1 ? { [meta.outputs[0]!]: res as Float64Array } : (res as Record<string, Float64Array>);
    const picked = s.output ? [s.output] : meta.outputs;
    for (const o of picked) {
      const col = outs[o];
      if (!col) throw new RangeError(`${fn}: ${s.fn} has no output '${o}'; outputs: ${meta.outputs.join(', ')}`);
      if (s.transform !== undefined && s.transform !== 'relative') throw new RangeError(`${fn}: transform must be 'relative'`);
      if (s.transform === 'relative') for (let i = 0; i < n; i++) col[i] = col[i]! / close[i]! - 1;
      columns.push(s.name && picked.length === 1 ? s.name : s.name ? `${s.name}_${o}` : defaultName(s, o, meta));
      values.push(col);
    }
  }

  if (options.label !== undefined) {
    const { horizon, kind = 'simple' } = options.label;
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`${fn}: label.horizon must be an integer >= 1`);
    if (kind !== 'simple' && kind !== 'log') throw new RangeError(`${fn}: label.kind must be 'simple' or 'log'`);
    const y = new Float64Array(n).fill(NaN);
    for (let i = 0; i + horizon < n; i++) y[i] = kind === 'log' ? Math.log(close[i + horizon]! / close[i]!) : close[i + horizon]! / close[i]! - 1;
    columns.push(`label_h${horizon}`);
    values.push(y);
  }

  const warmup = options.warmup ?? 'drop';
  if (warmup !== 'drop' && warmup !== 'keep') throw new RangeError(`${fn}: warmup must be 'drop' or 'keep'`);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (warmup === 'keep' || values.every((v) => !Number.isNaN(v[i]!))) keep.push(i);
  }
  const c = values.length;
  const data = new Float64Array(keep.length * c);
  keep.forEach((i, r) => {
    for (let k = 0; k < c; k++) data[r * c + k] = values[k]![i]!;
  });
  return { data, columns, rows: keep.length, index: Int32Array.from(keep) };
}
