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
}

/** TA-Lib's EMA of x over [s, e] as TA_MA(startIdx = s) computes it: seeded at s - (period - 1). */
function emaAt(x: Float64Array, period: number, s: number, e: number): Float64Array {
  const from = Math.max(0, s - (period - 1));
  const r = h.ema(x.subarray(from, e + 1), { period });
  return r.subarray(s - from);
}

/** TA-Lib's MAType codes. */
const MA_TYPES = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'] as const;

/** A TA-Lib MAType code that hean computes here, or a RangeError naming the allowed codes. */
function maType(fn: string, opt: string, code: number, allowed: readonly number[]): number {
  if (!allowed.includes(code)) {
    const names = allowed.map((c) => `${c} (${MA_TYPES[c]})`).join(', ');
    throw new RangeError(`hean/talib: ${fn} ${opt} ${code}${MA_TYPES[code] ? ` (${MA_TYPES[code]})` : ''} is not supported yet; supported: ${names}`);
  }
  return code;
}

/** A moving average of TA-Lib's MAType `code` (the ones hean has). */
function ma(fn: string, opt: string, code: number, x: Float64Array, period: number): Float64Array {
  switch (maType(fn, opt, code, [0, 1, 2, 3, 4, 5, 6])) {
    case 0:
      return h.sma(x, { period });
    case 1:
      return h.ema(x, { period });
    case 2:
      return h.wma(x, { period });
    case 3:
      return h.dema(x, { period });
    case 4:
      return h.tema(x, { period });
    case 5:
      return h.trima(x, { period });
    default:
      return h.kama(x, { period, fast: 2, slow: 30 });
  }
}

const one = (f: (x: Float64Array, o: { period: number }) => Float64Array): Impl => ({ run: ([x], o) => [f(x!, { period: o.optInTimePeriod! })] });
const hlc = (f: (a: Float64Array, b: Float64Array, c: Float64Array, o: { period: number }) => Float64Array): Impl => ({
  run: ([a, b, c], o) => [f(a!, b!, c!, { period: o.optInTimePeriod! })],
});
const adxOut = (k: 'adx' | 'plusDi' | 'minusDi' | 'dx'): Impl => ({ run: ([a, b, c], o) => [h.adx(a!, b!, c!, { period: o.optInTimePeriod! })[k]] });

/** TA-Lib name → hean. Functions absent here are not in hean yet. */
export const TABLE: Readonly<Record<string, Impl>> = {
  SMA: one(h.sma),
  EMA: one(h.ema),
  WMA: one(h.wma),
  DEMA: one(h.dema),
  TEMA: one(h.tema),
  TRIMA: one(h.trima),
  KAMA: { run: ([x], o) => [h.kama(x!, { period: o.optInTimePeriod!, fast: 2, slow: 30 })] },
  MA: { run: ([x], o) => [ma('MA', 'optInMAType', o.optInMAType!, x!, o.optInTimePeriod!)] },
  RSI: one(h.rsi),
  CMO: one(h.cmo),
  MOM: one(h.mom),
  ROC: one(h.roc),
  TRIX: one(h.trix),
  MIN: one(h.rollingMin),
  MAX: one(h.rollingMax),
  STDDEV: { run: ([x], o) => [h.stddev(x!, { period: o.optInTimePeriod!, stdDev: o.optInNbDev! })] },
  MACD: {
    run: ([x], o) => {
      const r = h.macd(x!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod!, signal: o.optInSignalPeriod! });
      return [r.macd, r.signal, r.histogram];
    },
  },
  PPO: {
    run: ([x], o) => [h.ppo(x!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod!, maType: maType('PPO', 'optInMAType', o.optInMAType!, [0, 1]) === 0 ? 'sma' : 'ema' })],
    // TA-Lib's PPO calls its MA twice with the same startIdx: with EMAs each is seeded at its
    // own startIdx - (period - 1), so past the lookback the two start at different bars.
    at: ([x], o, s, e) => {
      if (o.optInMAType !== 1) return undefined;
      let fast = o.optInFastPeriod!;
      let slow = o.optInSlowPeriod!;
      if (fast > slow) [fast, slow] = [slow, fast];
      if (s < slow - 1) return undefined;
      const f = emaAt(x!, fast, s, e);
      const w = emaAt(x!, slow, s, e);
      const out = new Float64Array(f.length);
      for (let i = 0; i < out.length; i++) out[i] = Math.abs(w[i]!) < 1e-14 ? 0 : (100 * (f[i]! - w[i]!)) / w[i]!;
      return [out];
    },
  },
  BBANDS: {
    run: ([x], o) => {
      maType('BBANDS', 'optInMAType', o.optInMAType!, [0]);
      const period = o.optInTimePeriod!;
      const up = o.optInNbDevUp!;
      const dn = o.optInNbDevDn!;
      if (up === dn && up >= 0) {
        const r = h.bbands(x!, { period, stdDev: up });
        return [r.upper, r.middle, r.lower];
      }
      // Different widths: the middle and one deviation, then each band (as TA-Lib does).
      const mid = h.sma(x!, { period });
      const sd = h.stddev(x!, { period, stdDev: 1 });
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
  NATR: hlc(h.natr),
  CCI: hlc(h.cci),
  WILLR: hlc(h.willr),
  ADX: adxOut('adx'),
  DX: adxOut('dx'),
  PLUS_DI: adxOut('plusDi'),
  MINUS_DI: adxOut('minusDi'),
  STOCH: {
    run: ([a, b, c], o) => {
      maType('STOCH', 'optInSlowK_MAType', o.optInSlowK_MAType!, [0]);
      maType('STOCH', 'optInSlowD_MAType', o.optInSlowD_MAType!, [0]);
      const r = h.stoch(a!, b!, c!, { fastK: o.optInFastK_Period!, slowK: o.optInSlowK_Period!, slowD: o.optInSlowD_Period! });
      return [r.k, r.d];
    },
  },
  STOCHRSI: {
    run: ([x], o) => {
      maType('STOCHRSI', 'optInFastD_MAType', o.optInFastD_MAType!, [0]);
      const r = h.stochrsi(x!, { period: o.optInTimePeriod!, fastK: o.optInFastK_Period!, fastD: o.optInFastD_Period! });
      return [r.k, r.d];
    },
  },
  MFI: { run: ([a, b, c, v], o) => [h.mfi(a!, b!, c!, v!, { period: o.optInTimePeriod! })] },
  OBV: { run: ([x, v]) => [h.obv(x!, v!)] },
  AD: { run: ([a, b, c, v]) => [h.ad(a!, b!, c!, v!)] },
  ADOSC: { run: ([a, b, c, v], o) => [h.adosc(a!, b!, c!, v!, { fast: o.optInFastPeriod!, slow: o.optInSlowPeriod! })] },
  SAR: { run: ([a, b], o) => [h.sar(a!, b!, { acceleration: o.optInAcceleration!, maximum: o.optInMaximum! })] },
  AROON: {
    run: ([a, b], o) => {
      const r = h.aroon(a!, b!, { period: o.optInTimePeriod! });
      return [r.down, r.up];
    },
  },
  AROONOSC: { run: ([a, b], o) => [h.aroonOsc(a!, b!, { period: o.optInTimePeriod! })] },
  ULTOSC: { run: ([a, b, c], o) => [h.ultosc(a!, b!, c!, { period1: o.optInTimePeriod1!, period2: o.optInTimePeriod2!, period3: o.optInTimePeriod3! })] },
  CORREL: { run: ([x, y], o) => [h.rollingCorr(x!, y!, { period: o.optInTimePeriod! })] },
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
