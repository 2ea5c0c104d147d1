// Which hean function computes each TA-Lib function, and how TA-Lib's options map onto its
// options. The arithmetic is hean's (one source per indicator); this table only renames.
import * as h from '../indicators/index.js';

/** Options by TA-Lib name (defaults filled in from the function's description). */
type Opts = Record<string, number>;

/** One TA-Lib function computed by hean: its outputs in TA-Lib's order. */
export interface Impl {
  run(inputs: Float64Array[], o: Opts): Float64Array[];
  /**
   * For a function whose parts restart at their own `startIdx - lookback` in TA-Lib (PPO's
   * two EMAs): the outputs over `[startIdx, endIdx]` (NaN where not ready) given the whole
   * inputs. Absent: the whole function restarts at `startIdx - lookback`.
   */
  at?(inputs: Float64Array[], o: Opts, startIdx: number, endIdx: number): Float64Array[] | undefined;
  /**
   * A fixed lookback, for functions whose values can be NaN past it (ACOS of a price is NaN
   * everywhere; TA-Lib still reports begIndex 0). Absent: the first non-NaN output.
   */
  lookback?: number;
}

/** TA_MA_Lookback: period 1 copies; MAMA ignores the period. */
function maLookback(type: number, p: number): number {
  if (p <= 1) return 0;
  return [p - 1, p - 1, p - 1, 2 * (p - 1), 3 * (p - 1), p - 1, p, 32, 6 * (p - 1)][type]!;
}

/** TA-Lib's MA of x over [s, e] as TA_MA(startIdx = s) computes it: started at s - lookback. */
function maAt(x: Float64Array, period: number, type: number, s: number, e: number): Float64Array {
  const from = Math.max(0, s - maLookback(type, period));
  const r = h.ma(x.subarray(from, e + 1), { period, maType: MA_TYPES[type]! });
  return r.subarray(s - from);
}

/**
 * TA-Lib's APO / PPO from startIdx > 0: TA_INT_PO calls TA_MA twice with the same
 * startIdx, so a recursive average of each period starts at its own startIdx - lookback
 * (or bar 0). NaN where the slow one is not ready.
 */
function poAt(percent: boolean, [x]: Float64Array[], o: Record<string, number>, s: number, e: number): Float64Array[] | undefined {
  const type = o.optInMAType!;
  let fast = o.optInFastPeriod!;
  let slow = o.optInSlowPeriod!;
  if (fast > slow) [fast, slow] = [slow, fast];
  if (type === 0 || type === 2 || type === 5) return undefined;
  const f = maAt(x!, fast, type, s, e);
  const w = maAt(x!, slow, type, s, e);
  const out = new Float64Array(f.length);
  for (let i = 0; i < out.length; i++) out[i] = !percent ? f[i]! - w[i]! : Math.abs(w[i]!) < 1e-14 ? 0 : ((f[i]! - w[i]!) / w[i]!) * 100;
  return [out];
}

/** TA-Lib's MAType codes. */
const MA_TYPES = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'] as const;

/** TA-Lib's MAType `code` as hean's maType name, or a RangeError naming the allowed codes. */
function maType(fn: string, opt: string, code: number): (typeof MA_TYPES)[number] {
  const t = Number.isInteger(code) ? MA_TYPES[code] : undefined;
  if (t === undefined) throw new RangeError(`hean/talib: ${fn} ${opt} must be a TA-Lib MAType code 0..8 (${MA_TYPES.map((n, c) => `${c} ${n}`).join(', ')}), got ${code}`);
  return t;
}

/** hean's stddev takes a multiplier in its option's range; TA-Lib's nbDev is any real. */
const inStdDevRange = (k: number) => k >= 0 && k <= h.stddev.meta.options.find((m) => m.name === 'stdDev')!.max;

/** TA-Lib's STDDEV: the population deviation times nbDev (negative or past hean's range: one deviation scaled). */
function deviations(x: Float64Array, period: number, k: number): Float64Array {
  if (inStdDevRange(k)) return h.stddev(x, { period, stdDev: k });
  const sd = h.stddev(x, { period, stdDev: 1 });
  for (let i = 0; i < sd.length; i++) sd[i] = sd[i]! * k;
  return sd;
}

const one = (f: (x: Float64Array, o: { period: number }) => Float64Array): Impl => ({ run: ([x], o) => [f(x!, { period: o.optInTimePeriod! })] });
const hlc = (f: (a: Float64Array, b: Float64Array, c: Float64Array, o: { period: number }) => Float64Array): Impl => ({
  run: ([a, b, c], o) => [f(a!, b!, c!, { period: o.optInTimePeriod! })],
});
const adxOut = (k: 'adx'): Impl => ({ run: ([a, b, c], o) => [h.adx(a!, b!, c!, { period: o.optInTimePeriod! })[k]] });

/**
 * A function with bar-index outputs (MAXINDEX & co.): hean's indices count from the first
 * bar it is given, so a run restarted at startIdx - lookback adds that offset back.
 */
const indexed = (f: (x: Float64Array, period: number) => Float64Array[]): Impl => ({
  run: ([x], o) => f(x!, o.optInTimePeriod!),
  at: ([x], o, s, e) => {
    // A startIdx inside the lookback runs from bar 0 (compute() skips the NaN warm-up).
    const from = Math.max(0, s - (o.optInTimePeriod! - 1));
    return f(x!.subarray(from, e + 1), o.optInTimePeriod!).map((a) => a.subarray(s - from).map((v) => v + from));
  },
});

/** A math transform (TA-Lib's Math Transform group): value by value, lookback 0. */
const math = (f: (x: Float64Array) => Float64Array): Impl => ({ run: ([x]) => [f(x!)], lookback: 0 });

/**
 * TA-Lib 0.8.1's range of an integer or real option (its function table, checked against the
 * 0.8.2 wheel in test/talib/talib08.test.ts), or undefined for an MAType (see maType).
 * Periods run 2..100000 but for the options listed from 1; reals are within ±3e37,
 * accelerations, offsets and penetrations from 0, MAMA's limits 0.01..0.99, T3's vFactor 0..1.
 */
export function optionRange(fn: string, opt: string, type: string): readonly [number, number] | undefined {
  if (type === 'integer_list') return undefined;
  if (type.startsWith('integer')) return [PERIOD_FROM_1.has(`${fn}.${opt}`) || PERIOD_FROM_1.has(fn) ? 1 : 2, 100000];
  return REAL_RANGES[opt] ?? [0, 3e37];
}
const PERIOD_FROM_1 = new Set([
  ...['MOM', 'ROC', 'ROCP', 'ROCR', 'ROCR100', 'TRIX', 'MINUS_DI', 'MINUS_DM', 'PLUS_DI', 'PLUS_DM', 'ATR', 'NATR', 'BETA', 'CORREL', 'VAR'],
  ...['SMA', 'EMA', 'WMA', 'DEMA', 'TEMA', 'TRIMA', 'KAMA', 'MA', 'T3', 'STOCH', 'STOCHF', 'ULTOSC'],
  ...['MACD', 'MACDEXT', 'MACDFIX'].map((f) => `${f}.optInSignalPeriod`),
  'STOCHRSI.optInFastK_Period',
  'STOCHRSI.optInFastD_Period',
  'MAVP.optInMinPeriod',
  'MAVP.optInMaxPeriod',
]);
const REAL_RANGES: Record<string, readonly [number, number]> = {
  optInNbDev: [-3e37, 3e37],
  optInNbDevUp: [-3e37, 3e37],
  optInNbDevDn: [-3e37, 3e37],
  optInStartValue: [-3e37, 3e37],
  optInFastLimit: [0.01, 0.99],
  optInSlowLimit: [0.01, 0.99],
  optInVFactor: [0, 1],
};

/** TA-Lib name → hean. Functions absent here are not in hean yet. */
export const TABLE: Readonly<Record<string, Impl>> = {
  SMA: one(h.sma),
  EMA: one(h.ema),
  WMA: one(h.wma),
  DEMA: one(h.dema),
  TEMA: one(h.tema),
  TRIMA: one(h.trima),
  // TA-Lib's KAMA is its MA of type KAMA (fast/slow 2/30), period 1 included: that copies.
  KAMA: { run: ([x], o) => [h.ma(x!, { period: o.optInTimePeriod!, maType: 'kama' })] },
  MA: { run: ([x], o) => [h.ma(x!, { period: o.optInTimePeriod!, maType: maType('MA', 'optInMAType', o.optInMAType!) })] },
  T3: { run: ([x], o) => [h.t3(x!, { period: o.optInTimePeriod!, vFactor: o.optInVFactor! })] },
  MAMA: {
    run: ([x], o) => {
      const r = h.mama(x!, { fastLimit: o.optInFastLimit!, slowLimit: o.optInSlowLimit! });
      return [r.mama, r.fama];
    },
  },
  MAVP: {
    run: ([x, p], o) => [h.mavp(x!, p!, { minPeriod: o.optInMinPeriod!, maxPeriod: o.optInMaxPeriod!, maType: maType('MAVP', 'optInMAType', o.optInMAType!) })],
  },
  HT_DCPERIOD: { run: ([x]) => [h.htDcperiod(x!)] },
  HT_DCPHASE: { run: ([x]) => [h.htDcphase(x!)] },
  HT_TRENDLINE: { run: ([x]) => [h.htTrendline(x!)] },
  HT_TRENDMODE: { run: ([x]) => [h.htTrendmode(x!)] },
  HT_PHASOR: {
    run: ([x]) => {
      const r = h.htPhasor(x!);
      return [r.inphase, r.quadrature];
    },
  },
  HT_SINE: {
    run: ([x]) => {
      const r = h.htSine(x!);
      return [r.sine, r.leadsine];
    },
  },
  RSI: one(h.rsi),
  CMO: one(h.cmo),
  MOM: one(h.mom),
  ROC: one(h.roc),
  TRIX: one(h.trix),
  MIN: one(h.rollingMin),
  MAX: one(h.rollingMax),
  STDDEV: { run: ([x], o) => [deviations(x!, o.optInTimePeriod!, o.optInNbDev!)] },
  MACD: {
    run: ([x], o) => {
      const r = h.macd(x!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod!, signal: o.optInSignalPeriod! });
      return [r.macd, r.signal, r.histogram];
    },
  },
  MACDEXT: {
    run: ([x], o) => {
      const r = h.macdext(x!, {
        fast: o.optInFastPeriod!,
        fastMaType: maType('MACDEXT', 'optInFastMAType', o.optInFastMAType!),
        slow: o.optInSlowPeriod!,
        slowMaType: maType('MACDEXT', 'optInSlowMAType', o.optInSlowMAType!),
        signal: o.optInSignalPeriod!,
        signalMaType: maType('MACDEXT', 'optInSignalMAType', o.optInSignalMAType!),
      });
      return [r.macd, r.signal, r.histogram];
    },
  },
  MACDFIX: {
    run: ([x], o) => {
      const r = h.macdfix(x!, { signal: o.optInSignalPeriod! });
      return [r.macd, r.signal, r.histogram];
    },
  },
  APO: {
    run: ([x], o) => [h.apo(x!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod!, maType: maType('APO', 'optInMAType', o.optInMAType!) })],
    at: (inputs, o, s, e) => poAt(false, inputs, o, s, e),
  },
  PPO: {
    run: ([x], o) => [h.ppo(x!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod!, maType: maType('PPO', 'optInMAType', o.optInMAType!) })],
    // TA-Lib's PPO calls its MA twice with the same startIdx: a recursive average of each
    // period starts at its own startIdx - lookback, so past the lookback the two differ.
    at: (inputs, o, s, e) => poAt(true, inputs, o, s, e),
  },
  BBANDS: {
    run: ([x], o) => {
      const type = maType('BBANDS', 'optInMAType', o.optInMAType!);
      const period = o.optInTimePeriod!;
      const up = o.optInNbDevUp!;
      const dn = o.optInNbDevDn!;
      if (up === dn && inStdDevRange(up)) {
        const r = h.bbands(x!, { period, stdDev: up, maType: type });
        return [r.upper, r.middle, r.lower];
      }
      // Different widths: the middle and one deviation, then each band (as TA-Lib does).
      const mid = h.bbands(x!, { period, stdDev: 0, maType: type }).middle;
      const sd = deviations(x!, period, 1);
      const upper = new Float64Array(mid.length);
      const lower = new Float64Array(mid.length);
      for (let i = 0; i < mid.length; i++) {
        upper[i] = mid[i]! + up * sd[i]!;
        lower[i] = mid[i]! - dn * sd[i]!;
      }
      return [upper, mid, lower];
    },
  },
  TRANGE: { run: ([a, b, c]) => [h.trange(a!, b!, c!)] },
  ATR: hlc(h.atr),
  // TA-Lib 0.8.1's NATR with period 1 returns TRANGE itself, not normalized by the close.
  NATR: { run: ([a, b, c], o) => [o.optInTimePeriod! <= 1 ? h.trange(a!, b!, c!) : h.natr(a!, b!, c!, { period: o.optInTimePeriod! })] },
  CCI: hlc(h.cci),
  WILLR: hlc(h.willr),
  ADX: adxOut('adx'),
  DX: hlc(h.dx),
  PLUS_DI: hlc(h.plusDi),
  MINUS_DI: hlc(h.minusDi),
  STOCH: {
    run: ([a, b, c], o) => {
      const r = h.stoch(a!, b!, c!, {
        fastK: o.optInFastK_Period!,
        slowK: o.optInSlowK_Period!,
        slowD: o.optInSlowD_Period!,
        slowKMaType: maType('STOCH', 'optInSlowK_MAType', o.optInSlowK_MAType!),
        slowDMaType: maType('STOCH', 'optInSlowD_MAType', o.optInSlowD_MAType!),
      });
      return [r.k, r.d];
    },
  },
  STOCHRSI: {
    run: ([x], o) => {
      const r = h.stochrsi(x!, {
        period: o.optInTimePeriod!,
        fastK: o.optInFastK_Period!,
        fastD: o.optInFastD_Period!,
        fastDMaType: maType('STOCHRSI', 'optInFastD_MAType', o.optInFastD_MAType!),
      });
      return [r.k, r.d];
    },
  },
  MFI: { run: ([a, b, c, v], o) => [h.mfi(a!, b!, c!, v!, { period: o.optInTimePeriod! })] },
  OBV: { run: ([x, v]) => [h.obv(x!, v!)] },
  AD: { run: ([a, b, c, v]) => [h.ad(a!, b!, c!, v!)] },
  ADOSC: { run: ([a, b, c, v], o) => [h.adosc(a!, b!, c!, v!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod! })] },
  SAR: { run: ([a, b], o) => [h.sar(a!, b!, { acceleration: o.optInAcceleration!, maximum: o.optInMaximum! })] },
  SAREXT: {
    run: ([a, b], o) => [
      h.sarext(a!, b!, {
        startValue: o.optInStartValue!,
        offsetOnReverse: o.optInOffsetOnReverse!,
        accelerationInitLong: o.optInAccelerationInitLong!,
        accelerationLong: o.optInAccelerationLong!,
        accelerationMaxLong: o.optInAccelerationMaxLong!,
        accelerationInitShort: o.optInAccelerationInitShort!,
        accelerationShort: o.optInAccelerationShort!,
        accelerationMaxShort: o.optInAccelerationMaxShort!,
      }),
    ],
  },
  AROON: {
    run: ([a, b], o) => {
      const r = h.aroon(a!, b!, { period: o.optInTimePeriod! });
      return [r.down, r.up];
    },
  },
  AROONOSC: { run: ([a, b], o) => [h.aroonOsc(a!, b!, { period: o.optInTimePeriod! })] },
  ULTOSC: { run: ([a, b, c], o) => [h.ultosc(a!, b!, c!, { period1: o.optInTimePeriod1!, period2: o.optInTimePeriod2!, period3: o.optInTimePeriod3! })] },
  // TA-Lib's CORREL of one bar has no variance: 0 (NaN at a gap, as every hean output).
  CORREL: { run: ([x, y], o) => [o.optInTimePeriod! <= 1 ? x!.map((v, i) => (Number.isFinite(v) && Number.isFinite(y![i]!) ? 0 : NaN)) : h.rollingCorr(x!, y!, { period: o.optInTimePeriod! })] },
  BETA: { run: ([x, y], o) => [h.beta(x!, y!, { period: o.optInTimePeriod! })] },
  ROCP: one(h.rocp),
  ROCR: one(h.rocr),
  ROCR100: one(h.rocr100),
  BOP: { run: ([a, b, c, d]) => [h.bop(a!, b!, c!, d!)] },
  PLUS_DM: { run: ([a, b], o) => [h.plusDm(a!, b!, { period: o.optInTimePeriod! })] },
  MINUS_DM: { run: ([a, b], o) => [h.minusDm(a!, b!, { period: o.optInTimePeriod! })] },
  ADXR: hlc(h.adxr),
  AVGPRICE: { run: ([a, b, c, d]) => [h.avgprice(a!, b!, c!, d!)] },
  MEDPRICE: { run: ([a, b]) => [h.medprice(a!, b!)] },
  TYPPRICE: { run: ([a, b, c]) => [h.typprice(a!, b!, c!)] },
  WCLPRICE: { run: ([a, b, c]) => [h.wclprice(a!, b!, c!)] },
  MIDPOINT: one(h.midpoint),
  MIDPRICE: { run: ([a, b], o) => [h.midprice(a!, b!, { period: o.optInTimePeriod! })] },
  AVGDEV: one(h.avgdev),
  // TA-Lib's VAR ignores optInNbDev.
  VAR: one(h.variance),
  LINEARREG: one(h.linearreg),
  LINEARREG_INTERCEPT: one(h.linearregIntercept),
  LINEARREG_SLOPE: one(h.linearregSlope),
  LINEARREG_ANGLE: one(h.linearregAngle),
  TSF: one(h.tsf),
  STOCHF: {
    run: ([a, b, c], o) => {
      const fastK = o.optInFastK_Period!;
      const fastD = o.optInFastD_Period!;
      const type = maType('STOCHF', 'optInFastD_MAType', o.optInFastD_MAType!);
      // Another %D average: stoch's, over a slow %K of period 1 (which copies fast %K).
      const r = type === 'sma' ? h.stochf(a!, b!, c!, { fastK, fastD }) : h.stoch(a!, b!, c!, { fastK, slowK: 1, slowD: fastD, slowDMaType: type });
      return [r.k, r.d];
    },
  },
  IMI: { run: ([a, b], o) => [h.imi(a!, b!, { period: o.optInTimePeriod! })] },
  ACCBANDS: {
    run: ([a, b, c], o) => {
      const r = h.accbands(a!, b!, c!, { period: o.optInTimePeriod! });
      return [r.upper, r.middle, r.lower];
    },
  },
  ADD: { run: ([a, b]) => [h.add(a!, b!)] },
  SUB: { run: ([a, b]) => [h.sub(a!, b!)] },
  MULT: { run: ([a, b]) => [h.mult(a!, b!)] },
  DIV: { run: ([a, b]) => [h.div(a!, b!)] },
  SUM: one(h.sum),
  CEIL: math(h.ceil),
  FLOOR: math(h.floor),
  SQRT: math(h.sqrt),
  LN: math(h.ln),
  ACOS: math(h.acos),
  ASIN: math(h.asin),
  ATAN: math(h.atan),
  COS: math(h.cos),
  COSH: math(h.cosh),
  EXP: math(h.exp),
  LOG10: math(h.log10),
  SIN: math(h.sin),
  SINH: math(h.sinh),
  TAN: math(h.tan),
  TANH: math(h.tanh),
  MAXINDEX: indexed((x, period) => [h.maxIndex(x, { period })]),
  MININDEX: indexed((x, period) => [h.minIndex(x, { period })]),
  MINMAX: {
    run: ([x], o) => {
      const r = h.minMax(x!, { period: o.optInTimePeriod! });
      return [r.min, r.max];
    },
  },
  MINMAXINDEX: indexed((x, period) => {
    const r = h.minMaxIndex(x, { period });
    return [r.minIndex, r.maxIndex];
  }),
  // The 61 candlestick patterns: CDLXYZ is cdlXyz (TA-Lib's name after `CDL`), default candle settings.
  ...candles(),
};

/** CDL* → the cdl* indicator of the same name (hean's lower camel case), penetration passed through. */
function candles(): Record<string, Impl> {
  const out: Record<string, Impl> = {};
  for (const [name, f] of Object.entries(h)) {
    if (!name.startsWith('cdl') || typeof f !== 'function') continue;
    const fn = f as (o: Float64Array, hi: Float64Array, lo: Float64Array, c: Float64Array, opt?: { penetration: number }) => Float64Array;
    out[`CDL${name.slice(3).toUpperCase()}`] = {
      run: ([o, hi, lo, c], opts) => [opts.optInPenetration === undefined ? fn(o!, hi!, lo!, c!) : fn(o!, hi!, lo!, c!, { penetration: opts.optInPenetration })],
    };
  }
  return out;
}
