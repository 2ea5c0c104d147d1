// Feature matrices for ML models from OHLCV columns and a spec of indicators.
import { describe, f64Length, isArray, keysOf, readObject, reading } from '../core/guard.js';
import { indicator, indicatorTable, toSeries, type IndicatorMeta } from '../core/indicator.js';

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

const INPUT_KEYS = ['open', 'high', 'low', 'close', 'volume'] as const;
const SPEC_KEYS = ['fn', 'options', 'output', 'input', 'transform', 'name'] as const;

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
  const args = typeof o === 'number' ? [o] : o && typeof o === 'object' ? keysOf(o, 'hean.features: options').map((k) => reading('hean.features: options', () => (o as Record<string, unknown>)[k])).filter((v) => typeof v === 'number' || typeof v === 'string') : [];
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
  if (input === null || typeof input !== 'object') throw new TypeError(`${fn}: input must be an object of OHLCV columns, got ${describe(input)}`);
  if (!isArray(spec, `${fn}: spec`)) throw new TypeError(`${fn}: spec must be a non-empty array, got ${describe(spec)}`);
  const specs = reading(`${fn}: spec`, () => Array.from({ length: spec.length }, (_, i) => spec[i]));
  if (specs.length === 0) throw new TypeError(`${fn}: spec must be a non-empty array`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  const opts = readObject(options, ['label', 'warmup'], `${fn}: options`);
  // Each column read once (and converted once when an array); never the caller's object again.
  const cols = readObject(input, INPUT_KEYS, `${fn}: input`);
  const series = new Map<string, Float64Array>();
  const column = (key: string): Float64Array | undefined => {
    if (!(INPUT_KEYS as readonly string[]).includes(key)) return undefined;
    const raw = cols[key as (typeof INPUT_KEYS)[number]];
    if (raw === undefined || raw === null) return undefined;
    let s = series.get(key);
    if (!s) series.set(key, (s = toSeries(raw, `${fn}: input.${key}`)));
    return s;
  };
  const close = column('close') ?? new Float64Array(0);
  const n = f64Length(close);
  const columns: string[] = [];
  const values: Float64Array[] = [];

  for (const entry of specs) {
    if (entry === null || typeof entry !== 'object') throw new TypeError(`${fn}: each spec entry needs fn: <indicator name>, got ${describe(entry)}`);
    const s = readObject(entry, SPEC_KEYS, `${fn}: spec entry`) as FeatureSpec;
    if (typeof s.fn !== 'string') throw new TypeError(`${fn}: each spec entry needs fn: <indicator name>`);
    if (s.input !== undefined && (typeof s.input !== 'string' || !(INPUT_KEYS as readonly string[]).includes(s.input))) throw new RangeError(`${fn}: input must be one of ${INPUT_KEYS.join(', ')}, got ${describe(s.input)}`);
    if (s.output !== undefined && typeof s.output !== 'string') throw new TypeError(`${fn}: output must be a string, got ${describe(s.output)}`);
    if (s.name !== undefined && typeof s.name !== 'string') throw new TypeError(`${fn}: name must be a string, got ${describe(s.name)}`);
    const [meta, f] = fnOf(s.fn);
    const ins = meta.inputs.slice(0, meta.required).map((name, k) => {
      const key = k === 0 && s.input ? s.input : name;
      const col = column(key);
      if (col === undefined) throw new RangeError(`${fn}: ${s.fn} needs input column '${key}'`);
      if (f64Length(col) !== n) throw new RangeError(`${fn}: input.${key} has length ${f64Length(col)}, expected ${n} (the length of close)`);
      return col;
    });
    const res = f(...ins, s.options);
    const outs = meta.outputs.length === 1 ? { [meta.outputs[0]!]: res as Float64Array } : (res as Record<string, Float64Array>);
    const picked = s.output !== undefined ? [s.output] : meta.outputs;
    for (const o of picked) {
      const col = meta.outputs.includes(o) ? outs[o] : undefined;
      if (!col) throw new RangeError(`${fn}: ${s.fn} has no output '${o}'; outputs: ${meta.outputs.join(', ')}`);
      if (s.transform !== undefined && s.transform !== 'relative') throw new RangeError(`${fn}: transform must be 'relative'`);
      if (s.transform === 'relative') for (let i = 0; i < n; i++) col[i] = col[i]! / close[i]! - 1;
      columns.push(s.name && picked.length === 1 ? s.name : s.name ? `${s.name}_${o}` : defaultName(s, o, meta));
      values.push(col);
    }
  }

  if (opts.label !== undefined) {
    if (opts.label === null || typeof opts.label !== 'object') throw new TypeError(`${fn}: label must be an object { horizon, kind? }, got ${describe(opts.label)}`);
    const { horizon, kind = 'simple' } = readObject(opts.label, ['horizon', 'kind'], `${fn}: label`) as { horizon: number; kind?: string };
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`${fn}: label.horizon must be an integer >= 1`);
    if (kind !== 'simple' && kind !== 'log') throw new RangeError(`${fn}: label.kind must be 'simple' or 'log'`);
    const y = new Float64Array(n).fill(NaN);
    for (let i = 0; i + horizon < n; i++) y[i] = kind === 'log' ? Math.log(close[i + horizon]! / close[i]!) : close[i + horizon]! / close[i]! - 1;
    columns.push(`label_h${horizon}`);
    values.push(y);
  }

  const warmup = opts.warmup ?? 'drop';
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
