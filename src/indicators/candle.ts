// The cdl* pattern indicators with per-call candle settings. Without `candleSettings` a
// call is the plain indicator's (the native kernel with TA-Lib 0.8's default settings);
// with it, the pattern runs through patterns() with those settings (one engine call, the
// same kernels), so no global state is ever changed.
import { f64Length, f64Set, isF64 } from '../core/guard.js';
import { indicator, type Indicator, type OptionlessIndicator, type OutArg, type Series } from '../core/indicator.js';
import { reading } from '../core/guard.js';
import { patterns, settingsVector, type CandleSettings } from '../patterns.js';

/** The option every cdl* pattern takes. */
export interface CandleOptions {
  /**
   * TA-Lib's candle settings (bodyLong, bodyDoji, shadowVeryShort, near, far, equal, …:
   * `{ rangeType, avgPeriod, factor }`, any field) overriding TA-Lib 0.8's defaults for this
   * call only, as `talib.set_candle_settings` would globally. Taken by the call and by
   * `lookback()` (on either engine), and by the pattern's streaming class; `async`, `many` and `sweep` refuse it (use
   * {@link patterns} for many patterns at once).
   */
  candleSettings?: CandleSettings;
}

/** A pattern without options: TA-Lib's defaults, or `{ candleSettings }` per call. */
export type OptionlessCandleIndicator<In extends readonly Series[], R> = OptionlessIndicator<In, R> & {
  (...args: [...In, options: CandleOptions, out?: OutArg<R>]): R;
  lookback(options?: CandleOptions): number;
};

/** A pattern with a penetration: its options also take `candleSettings`. */
export type CandleIndicator<In extends readonly Series[], Opts, R> = Indicator<In, Opts & CandleOptions, R>;

/**
 * @internal The options of a pattern call that has `candleSettings` (a plain copy `o`),
 * checked with `fn` (e.g. `hean.cdlDoji`) in errors, as every cdl* function and pattern
 * stream checks them: the settings (and their 33 numbers) and the penetration, if given.
 */
export function candleOptions(fn: string, penetration: boolean, o: Record<string, unknown>): { candleSettings: CandleSettings | undefined; vector: Float64Array; penetration: number | undefined } {
  const allowed = penetration ? ['penetration', 'candleSettings'] : ['candleSettings'];
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new RangeError(`${fn}: unknown option '${k}'; allowed: ${allowed.join(', ')}`);
  const candleSettings = o.candleSettings as CandleSettings | undefined;
  const vector = settingsVector(candleSettings, fn);
  const pen = o.penetration;
  if (pen !== undefined && typeof pen !== 'number') throw new TypeError(`${fn}: penetration must be a number, got ${typeof pen}`);
  if (pen !== undefined && !(pen >= 0 && pen <= 3e37)) throw new RangeError(`${fn}: penetration must be a number in [0, 3e37], got ${pen}`);
  return { candleSettings, vector, penetration: pen };
}

/** @internal True when `o` is an options object naming `candleSettings` (read without throwing). */
export function hasSettings(o: unknown): o is Record<string, unknown> {
  // A value this probe cannot read (revoked proxy, hostile trap) goes to the plain indicator,
  // whose guarded option reading turns it into hean's TypeError.
  try {
    return typeof o === 'object' && o !== null && !Array.isArray(o) && !isF64(o) && 'candleSettings' in o;
  } catch {
    return false;
  }
}
/** @internal A plain copy of the caller's options, read once (a throwing getter becomes hean's TypeError). */
export const copyOf = (o: Record<string, unknown>, fn: string) => reading(`${fn}: options`, () => ({ ...o }));

/** The cdl* indicator `name`, taking `candleSettings` per call. */
export function candle<F>(name: string, penetration: boolean): F {
  const base = indicator<((...a: unknown[]) => unknown) & Record<string, (...a: unknown[]) => unknown>>(name);
  const fn = `hean.${name}`;
  /** patterns()'s options for `o` (which has candleSettings), checked with this function's name in errors. */
  const options = (o: Record<string, unknown>) => {
    const { candleSettings, penetration: pen } = candleOptions(fn, penetration, o);
    return { only: [name], candleSettings, ...(pen !== undefined ? { penetration: { [name]: pen } } : {}), output: 'float64' as const };
  };
  function call(this: unknown, o?: unknown, h?: unknown, l?: unknown, c?: unknown, opts?: unknown, out?: unknown): unknown {
    if (!hasSettings(opts)) return base.apply(this, arguments as unknown as unknown[]);
    const r = patterns(o, h, l, c, options(copyOf(opts, fn))).get(name);
    if (out === undefined) return r;
    if (!isF64(out) || f64Length(out) !== r.length) throw new RangeError(`${fn}: out must be a Float64Array of ${r.length} values`);
    f64Set(out, r, 0); // the intrinsic: a caller's own `set` on out never runs
    return out;
  }
  const f = call as unknown as Record<string, unknown>;
  const refuse = (form: string) =>
    function (this: unknown, ...args: unknown[]) {
      if (args.some(hasSettings)) {
        const e = new RangeError(`${fn}.${form}: candleSettings is taken by the call and lookback() only (patterns() runs many patterns with them)`);
        if (form.endsWith('sync')) return Promise.reject(e);
        throw e;
      }
      return base[form]!.apply(this, args);
    };
  for (const form of ['async', 'many', 'manyAsync', 'sweep', 'sweepAsync']) f[form] = refuse(form);
  f.lookback = (o?: unknown, output?: unknown) => {
    if (!hasSettings(o)) return base.lookback!(o, output);
    const e = new Float64Array(0);
    return patterns(e, e, e, e, options(copyOf(o, fn))).lookback[0];
  };
  Object.defineProperty(f, 'meta', { get: () => base.meta, enumerable: true });
  Object.defineProperty(f, 'name', { value: name });
  return call as unknown as F;
}

