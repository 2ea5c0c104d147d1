// Reference indicators in plain JavaScript: the "plain JS loop" column of the bench.
//
// Each function writes into caller-preallocated Float64Arrays (same length as the input,
// NaN in the warm-up) with TA-Lib's seeding and lookback, so the results agree with hean
// and TA-Lib to rounding. They are written to be as fast as straightforward JS gets
// (one pass, no allocation, no per-bar division where a multiply will do) — the bar a
// native engine has to clear. Inputs are assumed gap-free (no NaN handling).

/** Exact re-sum interval of the running-sum kernels (SMA, BBANDS), as in hean. */
const resumEvery = (period) => Math.max(period, 1024);

function fillNaN(out, end) {
  out.fill(NaN, 0, Math.min(end, out.length));
}

/**
 * SMA (TA-Lib `SMA`), lookback period-1. A running sum, re-summed exactly every
 * max(period, 1024) bars so rounding cannot drift over long series.
 */
export function sma(close, period, out) {
  const n = close.length;
  const lb = period - 1;
  fillNaN(out, lb);
  const inv = 1 / period;
  for (let start = lb; start < n; start += resumEvery(period)) {
    let sum = 0;
    for (let j = start - lb; j <= start; j++) sum += close[j];
    out[start] = sum * inv;
    const end = Math.min(n, start + resumEvery(period));
    for (let i = start + 1; i < end; i++) {
      sum += close[i] - close[i - period];
      out[i] = sum * inv;
    }
  }
  return out;
}

/**
 * EMA (TA-Lib `EMA`): seeded with the SMA of the first `period` values at index period-1,
 * then y = y·(1-k) + x·k with k = 2/(period+1). That form has a shorter dependency chain
 * than TA-Lib's `y += k·(x-y)` (~1.3× faster in V8) and agrees to ~1e-15 relative.
 */
export function ema(close, period, out) {
  const n = close.length;
  const lb = period - 1;
  fillNaN(out, lb);
  if (n <= lb) return out;
  const k = 2 / (period + 1);
  const a = 1 - k;
  let y = 0;
  for (let i = 0; i < period; i++) y += close[i];
  y /= period;
  out[lb] = y;
  for (let i = period; i < n; i++) {
    y = y * a + close[i] * k;
    out[i] = y;
  }
  return out;
}

/**
 * RSI (TA-Lib `RSI`, Wilder): average gain/loss seeded with their means over the first
 * `period` changes (first value at index `period`), then Wilder-smoothed;
 * rsi = 100·gain/(gain+loss), 0 when gain+loss is ~0 (TA-Lib's TA_IS_ZERO).
 */
export function rsi(close, period, out) {
  const n = close.length;
  fillNaN(out, period);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i] - close[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const a = (period - 1) / period;
  const b = 1 / period;
  const value = (g, l) => {
    const s = g + l;
    return s > 1e-14 ? (100 * g) / s : 0;
  };
  out[period] = value(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    // Branch-free split into up/down moves (exact: d + |d| is 2d or 0). A random walk
    // goes up half the time, so an if/else here would mispredict on every other bar.
    const ad = Math.abs(d);
    gain = gain * a + (ad + d) * 0.5 * b;
    loss = loss * a + (ad - d) * 0.5 * b;
    const s = gain + loss;
    out[i] = s > 1e-14 ? (100 * gain) / s : 0;
  }
  return out;
}

/**
 * MACD (TA-Lib `MACD`, not `MACDFIX`): both EMAs produce their first value at index
 * slow-1 (the fast one seeded with the SMA of close[slow-fast .. slow-1]); the signal EMA
 * is seeded with the SMA of the first `signal` MACD values. All outputs start at
 * slow+signal-2 (33 for 12/26/9). One fused pass.
 */
export function macd(close, fast, slow, signal, outMacd, outSignal, outHist) {
  if (fast > slow) [fast, slow] = [slow, fast];
  const n = close.length;
  const lb = slow + signal - 2;
  fillNaN(outMacd, lb);
  fillNaN(outSignal, lb);
  fillNaN(outHist, lb);
  if (n <= lb) return;
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signal + 1);
  const af = 1 - kf;
  const as = 1 - ks;
  const ag = 1 - kg;
  let ef = 0;
  let es = 0;
  for (let i = slow - fast; i < slow; i++) ef += close[i];
  for (let i = 0; i < slow; i++) es += close[i];
  ef /= fast;
  es /= slow;
  // MACD values at slow-1 .. lb seed the signal line.
  let sig = ef - es;
  for (let i = slow; i <= lb; i++) {
    ef = ef * af + close[i] * kf;
    es = es * as + close[i] * ks;
    sig += ef - es;
  }
  sig /= signal;
  let m = ef - es;
  outMacd[lb] = m;
  outSignal[lb] = sig;
  outHist[lb] = m - sig;
  for (let i = lb + 1; i < n; i++) {
    const x = close[i];
    ef = ef * af + x * kf;
    es = es * as + x * ks;
    m = ef - es;
    sig = sig * ag + m * kg;
    outMacd[i] = m;
    outSignal[i] = sig;
    outHist[i] = m - sig;
  }
}

/**
 * Population σ over a moving window, lookback period-1, for bbands and stddev: running sums
 * of (x - c) and (x - c)² about a shift c, re-summed exactly (with a fresh c) every
 * max(period, 1024) bars (the naive Σx² - (Σx)²/n cancels catastrophically at large prices).
 * Writes σ·stdDev into `sd` when given, else the bands (mean ± σ·stdDev) into upper, middle,
 * lower.
 */
function movingSigma(close, period, stdDev, sd, upper, middle, lower) {
  const n = close.length;
  const lb = period - 1;
  const inv = 1 / period;
  for (let start = lb; start < n; start += resumEvery(period)) {
    const c = close[start];
    let s = 0;
    let q = 0;
    for (let j = start - lb; j <= start; j++) {
      const d = close[j] - c;
      s += d;
      q += d * d;
    }
    const end = Math.min(n, start + resumEvery(period));
    for (let i = start; i < end; i++) {
      if (i > start) {
        const din = close[i] - c;
        const dout = close[i - period] - c;
        s += din - dout;
        q += din * din - dout * dout;
      }
      const mean = s * inv;
      const v = q * inv - mean * mean;
      const w = v > 0 ? Math.sqrt(v) * stdDev : 0;
      if (sd) {
        sd[i] = w;
      } else {
        const mid = c + mean;
        middle[i] = mid;
        upper[i] = mid + w;
        lower[i] = mid - w;
      }
    }
  }
}

/** Bollinger Bands (TA-Lib `BBANDS`, SMA middle, population σ), lookback period-1 (movingSigma). */
export function bbands(close, period, stdDev, upper, middle, lower) {
  fillNaN(upper, period - 1);
  fillNaN(middle, period - 1);
  fillNaN(lower, period - 1);
  movingSigma(close, period, stdDev, null, upper, middle, lower);
}

/**
 * ATR (TA-Lib `ATR`, Wilder): true range from bar 1, seeded with its mean over bars
 * 1..period (first value at index `period`), then Wilder-smoothed.
 */
export function atr(high, low, close, period, out) {
  const n = close.length;
  fillNaN(out, period);
  if (n <= period) return out;
  const tr = (i) => {
    const h = high[i];
    const l = low[i];
    const pc = close[i - 1];
    return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  };
  let y = 0;
  for (let i = 1; i <= period; i++) y += tr(i);
  y /= period;
  out[period] = y;
  const a = (period - 1) / period;
  const b = 1 / period;
  for (let i = period + 1; i < n; i++) {
    y = y * a + tr(i) * b;
    out[i] = y;
  }
  return out;
}

/**
 * WMA (TA-Lib `WMA`): weights 1..period (newest heaviest), lookback period-1. A running
 * weighted sum: each bar adds period·x and subtracts the plain sum of the previous window.
 */
export function wma(close, period, out) {
  const n = close.length;
  const lb = period - 1;
  fillNaN(out, lb);
  if (n <= lb) return out;
  const inv = 2 / (period * (period + 1));
  let sum = 0; // plain sum of close[i-period+1 .. i]
  let wsum = 0; // weighted sum
  for (let j = 0; j < lb; j++) {
    sum += close[j];
    wsum += close[j] * (j + 1);
  }
  for (let i = lb; i < n; i++) {
    const x = close[i];
    wsum += x * period;
    sum += x;
    out[i] = wsum * inv;
    wsum -= sum;
    sum -= close[i - lb];
  }
  return out;
}

/** STDDEV (TA-Lib `STDDEV`, population σ times `stdDev`), lookback period-1 (movingSigma). */
export function stddev(close, period, stdDev, out) {
  fillNaN(out, period - 1);
  movingSigma(close, period, stdDev, out);
  return out;
}

/** ROC (TA-Lib `ROC`): 100·(x/x[i-period] - 1), 0 where the old value is 0; lookback period. */
export function roc(close, period, out) {
  const n = close.length;
  fillNaN(out, period);
  for (let i = period; i < n; i++) {
    const p = close[i - period];
    out[i] = p !== 0 ? (close[i] / p - 1) * 100 : 0;
  }
  return out;
}

/** MOM (TA-Lib `MOM`): x - x[i-period]; lookback period. */
export function mom(close, period, out) {
  const n = close.length;
  fillNaN(out, period);
  for (let i = period; i < n; i++) out[i] = close[i] - close[i - period];
  return out;
}

/**
 * WILLR (TA-Lib `WILLR`): -100·(highest high - close)/(highest high - lowest low) over
 * `period` bars, 0 when the range is 0; lookback period-1. Window extremes rescanned only
 * when the old extreme leaves the window.
 */
export function willr(high, low, close, period, out) {
  const n = close.length;
  const lb = period - 1;
  fillNaN(out, lb);
  let hi = -Infinity;
  let lo = Infinity;
  let hiAt = -1;
  let loAt = -1;
  for (let i = lb; i < n; i++) {
    const from = i - lb;
    if (hiAt < from) {
      hi = -Infinity;
      for (let j = from; j <= i; j++) if (high[j] >= hi) (hi = high[j]), (hiAt = j);
    } else if (high[i] >= hi) (hi = high[i]), (hiAt = i);
    if (loAt < from) {
      lo = Infinity;
      for (let j = from; j <= i; j++) if (low[j] <= lo) (lo = low[j]), (loAt = j);
    } else if (low[i] <= lo) (lo = low[i]), (loAt = i);
    const r = hi - lo;
    out[i] = r !== 0 ? ((hi - close[i]) / r) * -100 : 0;
  }
  return out;
}

/**
 * CCI (TA-Lib `CCI`): typical price tp = (h+l+c)/3, (tp - mean)/(0.015·mean deviation) over
 * `period` bars, 0 when the deviation is 0; lookback period-1. The mean deviation needs a
 * pass over the window per bar (O(n·period)), as in TA-Lib.
 */
export function cci(high, low, close, period, out) {
  const n = close.length;
  const lb = period - 1;
  fillNaN(out, lb);
  if (n <= lb) return out;
  const tp = new Float64Array(period); // circular window of typical prices
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = (high[i] + low[i] + close[i]) / 3;
    const slot = i % period;
    if (i >= period) sum -= tp[slot];
    tp[slot] = t;
    sum += t;
    if (i < lb) continue;
    const mean = sum / period;
    let dev = 0;
    for (let j = 0; j < period; j++) dev += Math.abs(tp[j] - mean);
    dev /= period;
    out[i] = dev !== 0 ? (t - mean) / (0.015 * dev) : 0;
  }
  return out;
}

/** OBV (TA-Lib `OBV`): starts at volume[0], then ± volume as close rises or falls; lookback 0. */
export function obv(close, volume, out) {
  const n = close.length;
  if (n === 0) return out;
  let y = volume[0];
  out[0] = y;
  for (let i = 1; i < n; i++) {
    const c = close[i];
    const p = close[i - 1];
    if (c > p) y += volume[i];
    else if (c < p) y -= volume[i];
    out[i] = y;
  }
  return out;
}
