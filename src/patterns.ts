// patterns(): TA-Lib's 61 candlestick patterns over one series in one engine call (the
// native addon or the WASM engine: the same run_patterns()), with per-call candle settings.
// The patterns are also indicators of their own (cdl2Crows, …; src/indicators/candles.gen.ts)
// and streaming classes (src/stream/candles.gen.ts), both taking the same candleSettings.
import { reading } from './core/guard.js';
import { cpp, toSeries } from './core/indicator.js';

/** How a candle setting measures a candle: its real body, its high-low range, or the sum of its two shadows. */
export type RangeType = 'realBody' | 'highLow' | 'shadows';
const RANGE_TYPES: readonly RangeType[] = ['realBody', 'highLow', 'shadows'];

/**
 * One of TA-Lib's candle settings: a candle part is compared with `factor` times the average
 * `rangeType` size of the `avgPeriod` candles before it (`avgPeriod` 0: the candle's own
 * size); `shadows` averages are halved (one shadow against the mean of the two).
 */
export interface CandleSetting {
  rangeType: RangeType;
  /** Candles averaged, integer 0..100000. */
  avgPeriod: number;
  /** Multiplier, >= 0. */
  factor: number;
}

/** The candle settings, in TA-Lib's order (TA_CandleSettingType). */
export const CANDLE_SETTING_NAMES = [
  'bodyLong',
  'bodyVeryLong',
  'bodyShort',
  'bodyDoji',
  'shadowLong',
  'shadowVeryLong',
  'shadowShort',
  'shadowVeryShort',
  'near',
  'far',
  'equal',
] as const;
/** A candle setting's name (TA-Lib's BodyLong … Equal in lower camel case). */
export type CandleSettingName = (typeof CANDLE_SETTING_NAMES)[number];
/** Overrides of any settings, or of any field of one (the rest keep TA-Lib 0.8's defaults). */
export type CandleSettings = { [K in CandleSettingName]?: Partial<CandleSetting> };

/** TA-Lib 0.8's default candle settings (ta_global.c), the ones every cdl* indicator uses. */
export const DEFAULT_CANDLE_SETTINGS: Readonly<Record<CandleSettingName, Readonly<CandleSetting>>> = Object.freeze({
  bodyLong: { rangeType: 'realBody', avgPeriod: 10, factor: 1 },
  bodyVeryLong: { rangeType: 'realBody', avgPeriod: 10, factor: 3 },
  bodyShort: { rangeType: 'realBody', avgPeriod: 10, factor: 1 },
  bodyDoji: { rangeType: 'highLow', avgPeriod: 10, factor: 0.1 },
  shadowLong: { rangeType: 'realBody', avgPeriod: 0, factor: 1 },
  shadowVeryLong: { rangeType: 'realBody', avgPeriod: 0, factor: 2 },
  shadowShort: { rangeType: 'shadows', avgPeriod: 10, factor: 1 },
  shadowVeryShort: { rangeType: 'highLow', avgPeriod: 10, factor: 0.1 },
  near: { rangeType: 'highLow', avgPeriod: 5, factor: 0.2 },
  far: { rangeType: 'highLow', avgPeriod: 5, factor: 0.6 },
  equal: { rangeType: 'highLow', avgPeriod: 5, factor: 0.05 },
});

/** Options of {@link patterns}. */
export interface PatternsOptions {
  /** The patterns to compute (hean names, e.g. `'cdlDoji'`); default all 61. Results keep the list order. */
  only?: readonly string[];
  /** Candle settings overriding TA-Lib 0.8's defaults for this call. */
  candleSettings?: CandleSettings;
  /**
   * Penetration of the 7 patterns that take one (cdlAbandonedBaby, cdlDarkCloudCover,
   * cdlEveningDojiStar, cdlEveningStar, cdlMatHold, cdlMorningDojiStar, cdlMorningStar): one
   * number for all, or by pattern name. Default TA-Lib's (0.3, or 0.5 for cdlDarkCloudCover and cdlMatHold).
   */
  penetration?: number | Readonly<Record<string, number>>;
  /**
   * `'int16'` (default): values in an Int16Array, 0 in warm-ups and at gaps (see `lookback`).
   * `'float64'`: a Float64Array with NaN there, as each cdl* indicator returns.
   */
  output?: 'int16' | 'float64';
}

/** The result of {@link patterns}: one row of `n` values per pattern, pattern-major. */
export interface PatternsResult<V extends Int16Array | Float64Array> {
  /** The patterns, in list order. */
  names: string[];
  /** Each pattern's lookback with these settings (TA-Lib's): its first value in a gap-free run. */
  lookback: number[];
  /** Bars. */
  n: number;
  /** `values[k * n + i]`: pattern `names[k]` at bar `i` (TA-Lib's +-100 / +-200 / +-80, 0 none). */
  values: V;
  /** The row of one pattern (a view into `values`). */
  get(name: string): V;
}

interface PatternAddon {
  patterns?(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array, want: Uint8Array, pen: Float64Array, settings: Float64Array, out: Int16Array | Float64Array): void;
  patternsInfo?(): { name: string; penetration: number | null }[];
  patternLookbacks?(settings: Float64Array, out: Float64Array): void;
}

let info: { name: string; penetration: number | null }[] | undefined;
function addon(): Required<PatternAddon> {
  const a = cpp() as unknown as PatternAddon;
  if (!a.patterns || !a.patternsInfo || !a.patternLookbacks) throw new Error('hean.patterns: this engine has no patterns() (stale build?)');
  return a as Required<PatternAddon>;
}

/** The 61 pattern names (cdl2Crows … cdlXSideGap3Methods), in TA-Lib's order. */
export function patternNames(): string[] {
  return (info ??= addon().patternsInfo()).map((p) => p.name);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * A plain copy of a caller's options (objects and arrays `depth` levels down), read once
 * under `reading`: a getter or proxy trap that throws becomes hean's TypeError, and the
 * checks below never touch the caller's object again.
 */
function plainCopy(x: unknown, what: string, depth: number): unknown {
  return reading(what, () => {
    const copy = (v: unknown, d: number): unknown => {
      if (typeof v !== 'object' || v === null || d === 0) return v;
      if (Array.isArray(v)) return Array.from(v, (e) => copy(e, d - 1));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], d - 1);
      return out;
    };
    return copy(x, depth);
  });
}

/** The 33 numbers of the native settings from defaults + overrides, or a TypeError/RangeError naming the bad one. */
export function candleSettingsVector(settings: unknown): Float64Array {
  return settingsVector(settings, 'hean.patterns');
}

/** @internal candleSettingsVector with the calling function's name (e.g. `hean.cdlDoji`) in its errors. */
export function settingsVector(settings: unknown, fn: string): Float64Array {
  const s = plainCopy(settings, `${fn}: candleSettings`, 2);
  if (s !== undefined && !isObject(s)) throw new TypeError(`${fn}: candleSettings must be an object`);
  const v = new Float64Array(33);
  for (const k of Object.keys(s ?? {})) {
    if (!(CANDLE_SETTING_NAMES as readonly string[]).includes(k)) throw new RangeError(`${fn}: candleSettings.${k} is not a candle setting; allowed: ${CANDLE_SETTING_NAMES.join(', ')}`);
  }
  CANDLE_SETTING_NAMES.forEach((name, j) => {
    const d = DEFAULT_CANDLE_SETTINGS[name];
    const o = (s as Record<string, unknown> | undefined)?.[name];
    if (o !== undefined && !isObject(o)) throw new TypeError(`${fn}: candleSettings.${name} must be an object { rangeType, avgPeriod, factor }`);
    for (const f of Object.keys(o ?? {})) {
      if (!['rangeType', 'avgPeriod', 'factor'].includes(f)) throw new RangeError(`${fn}: candleSettings.${name}.${f} is not a field; allowed: rangeType, avgPeriod, factor`);
    }
    const rt = (o?.rangeType ?? d.rangeType) as unknown;
    const at = RANGE_TYPES.indexOf(rt as RangeType);
    if (at < 0) throw new RangeError(`${fn}: candleSettings.${name}.rangeType must be 'realBody', 'highLow' or 'shadows', got ${String(rt)}`);
    const p = o?.avgPeriod ?? d.avgPeriod;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100000) throw new RangeError(`${fn}: candleSettings.${name}.avgPeriod must be an integer in 0..100000, got ${String(p)}`);
    const f = o?.factor ?? d.factor;
    if (typeof f !== 'number' || !(f >= 0) || !Number.isFinite(f)) throw new RangeError(`${fn}: candleSettings.${name}.factor must be a finite number >= 0, got ${String(f)}`);
    v[3 * j] = at;
    v[3 * j + 1] = p;
    v[3 * j + 2] = f;
  });
  return v;
}

/**
 * TA-Lib's candlestick patterns (all 61, or `only` some) over one series of bars in one
 * native call: the bars are read once, in cache-sized blocks that every pattern goes over
 * in turn. Values are TA-Lib 0.8's (+100 bullish, -100 bearish, +-200 / +-80 where TA-Lib
 * grades, 0 none), with per-call candle settings and penetrations. A bar where any input
 * is not finite is a gap: 0 (NaN with `output: 'float64'`) there, and each gap-free run is
 * computed on its own, as every hean indicator.
 *
 * @example
 * const r = patterns(open, high, low, close);
 * r.get('cdlEngulfing')[i]; // +-100, +-80 or 0
 * patterns(open, high, low, close, { only: ['cdlDoji'], candleSettings: { bodyDoji: { factor: 0.05 } } });
 */
export function patterns(open: unknown, high: unknown, low: unknown, close: unknown, options?: PatternsOptions & { output?: 'int16' }): PatternsResult<Int16Array>;
export function patterns(open: unknown, high: unknown, low: unknown, close: unknown, options: PatternsOptions & { output: 'float64' }): PatternsResult<Float64Array>;
export function patterns(open: unknown, high: unknown, low: unknown, close: unknown, callerOptions: PatternsOptions = {}): PatternsResult<Int16Array | Float64Array> {
  // candleSettings is copied (and checked) by candleSettingsVector.
  const options = plainCopy(callerOptions, 'hean.patterns: options', 3) as PatternsOptions;
  if (!isObject(options)) throw new TypeError('hean.patterns: options must be an object');
  for (const k of Object.keys(options)) {
    if (!['only', 'candleSettings', 'penetration', 'output'].includes(k)) throw new RangeError(`hean.patterns: unknown option '${k}'; allowed: only, candleSettings, penetration, output`);
  }
  const a = addon();
  const list = (info ??= a.patternsInfo());
  const all = list.map((p) => p.name);
  const o = toSeries(open, 'hean.patterns: open');
  const h = toSeries(high, 'hean.patterns: high');
  const l = toSeries(low, 'hean.patterns: low');
  const c = toSeries(close, 'hean.patterns: close');
  const n = o.length;
  for (const [name, x] of [['high', h], ['low', l], ['close', c]] as const) {
    if (x.length !== n) throw new RangeError(`hean.patterns: ${name} has ${x.length} bars, open ${n}`);
  }
  const want = new Uint8Array(list.length);
  if (options.only === undefined) want.fill(1);
  else {
    if (!Array.isArray(options.only)) throw new TypeError('hean.patterns: only must be an array of pattern names');
    for (const name of options.only as unknown[]) {
      const k = all.indexOf(name as string);
      if (k < 0) throw new RangeError(`hean.patterns: '${String(name)}' is not a pattern; allowed: patternNames() (cdl2Crows … cdlXSideGap3Methods)`);
      want[k] = 1;
    }
  }
  const pen = new Float64Array(list.map((p) => p.penetration ?? 0));
  const pv = options.penetration;
  if (pv !== undefined) {
    if (typeof pv === 'number') {
      list.forEach((p, k) => {
        if (p.penetration !== null) pen[k] = pv;
      });
    } else if (isObject(pv)) {
      for (const [name, v] of Object.entries(pv)) {
        const k = all.indexOf(name);
        if (k < 0 || list[k]!.penetration === null)
          throw new RangeError(`hean.patterns: penetration.${name}: only ${list.filter((p) => p.penetration !== null).map((p) => p.name).join(', ')} take a penetration`);
        if (typeof v !== 'number') throw new TypeError(`hean.patterns: penetration.${name} must be a number`);
        pen[k] = v;
      }
    } else throw new TypeError('hean.patterns: penetration must be a number or an object by pattern name');
    for (let k = 0; k < pen.length; k++) {
      if (!(pen[k]! >= 0 && pen[k]! <= 3e37)) throw new RangeError(`hean.patterns: penetration of ${all[k]} must be a number in [0, 3e37], got ${pen[k]}`);
    }
  }
  const settings = candleSettingsVector(options.candleSettings);
  const output = options.output ?? 'int16';
  if (output !== 'int16' && output !== 'float64') throw new RangeError(`hean.patterns: output must be 'int16' or 'float64', got ${String(output)}`);
  const names = all.filter((_, k) => want[k]);
  const rows = names.length;
  const values = output === 'int16' ? new Int16Array(rows * n) : new Float64Array(rows * n);
  a.patterns(o, h, l, c, want, pen, settings, values);
  const lbs = new Float64Array(list.length);
  a.patternLookbacks(settings, lbs);
  const lookback = [...lbs].filter((_, k) => want[k]);
  return {
    names,
    lookback,
    n,
    values,
    get(name: string) {
      const k = names.indexOf(name);
      if (k < 0) throw new RangeError(`hean.patterns: '${name}' is not in this result`);
      return values.subarray(k * n, (k + 1) * n);
    },
  };
}
