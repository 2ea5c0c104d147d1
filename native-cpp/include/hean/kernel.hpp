// Shared by every kernel source file: the lane helpers, window blocks and the macros
// that turn one kernel template into the table's scalar and 8-lane entry points.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hean/indicator.hpp"
#include "hean/rolling.hpp"
#include "hean/stream.hpp"

namespace hean {

HEAN_INLINE std::size_t opt_size(double v) { return static_cast<std::size_t>(v); }

template <class L>
HEAN_INLINE void fill_nan(const Out<L>& o, std::size_t from, std::size_t to) {
  const L nan = splat<L>(kNaN);
  for (std::size_t i = from; i < to; ++i) o.set(i, nan);
}

// Natural log from IEEE-exact operations only (+ - * / and bit splitting), so it gives the
// same bits on every platform and in TypeScript (llog in src/stream/rolling.ts is the same
// expression, operation for operation; keep them in sync). Error < 0.8 ulp (measured
// against a 200-bit reference; test/llog.test.ts checks it against Math.log).
//   x = 2^k * m, m in [~sqrt(1/2), ~sqrt(2)) (the split is on the high word's mantissa),
//   f = m - 1 (exact), s = f / (2 + f), z = s^2,
//   ln(m) = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R)), R = 2 atanh(s)/s - 2 = z P(z) with P a
//   degree-6 polynomial fit (|s| <= 0.1716, so z <= 0.0295), and
//   ln(x) = k ln2_hi + (ln(m) + k ln2_lo) with ln2_hi of 32 bits, so k ln2_hi is exact.
// As std::log: ln(±0) = -inf, ln(+inf) = +inf, NaN and x < 0 give NaN; subnormals are
// scaled by 2^54 first.
HEAN_INLINE double llog(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int k = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984.0;  // 2^54
    k = -54;
  }
  const std::uint64_t b = std::bit_cast<std::uint64_t>(x);
  const std::uint32_t hx = std::uint32_t(b >> 32);
  const std::uint32_t mh = hx & 0xfffffu;
  // up = 1 where the mantissa is >= ~sqrt(2) (then m is halved): branch-free, as the split
  // is unpredictable for prices near 1.
  const std::uint32_t up = (mh + (0x100000u - 0x6a09eu)) >> 20;
  k += int(hx >> 20) - 1023 + int(up);
  const std::uint64_t mb = (std::uint64_t(mh | ((0x3ffu - up) << 20)) << 32) | (b & 0xffffffffu);
  const double m = std::bit_cast<double>(mb);
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  // R = z·P(z), P of degree 6 fitted to (2 atanh(s)/s - 2)/z on z in [0, 0.0295] (Chebyshev,
  // max error 3.1e-16, i.e. < 0.02 ulp of the log), evaluated in two halves for latency.
  const double z2 = z * z;
  const double pe = 0.666666666666667 + z2 * (0.28571428626570206 + z2 * (0.18182896183483085 + z2 * 0.14619343453512615));
  const double po = 0.3999999999989819 + z2 * (0.2222221103781659 + z2 * 0.15331487235865734);
  const double R = z * (pe + z * po);
  const double hfsq = 0.5 * f * f;
  const double dk = double(k);
  return dk * 0.6931471803691238 + (f - (hfsq - (s * (hfsq + R) + dk * 1.9082149292705877e-10)));
}
HEAN_INLINE V8 llog(V8 a) {
  return lmap(a, [](double v) { return llog(v); });
}

// One exponential smoothing step, y' = y*a + x*k. With a = 1-k precomputed the multiply
// by k is off the dependency chain: ~6 cycles a bar without FMA instead of ~9 for TA-Lib's
// (x-y)*k + y. Agrees with TA-Lib to ~1e-15 relative.
template <class L>
struct Ema {
  double k, a, a2, ak;
  static Ema make(double k, double a) { return {k, a, a * a, a * k}; }
  static Ema with_period(std::size_t p) {
    const double k = 2.0 / (double(p) + 1.0);
    return make(k, 1.0 - k);
  }
  static Ema wilder(std::size_t p) { return make(1.0 / double(p), double(p - 1) / double(p)); }
  HEAN_INLINE L step(L y, L x) const { return y * a + x * k; }
  // Two steps from y: returns the value after x0 and sets y to the value after x1, computed
  // as a^2*y + (a*k*x0 + k*x1) so the chain is one multiply-add per two bars.
  HEAN_INLINE L step2(L& y, L x0, L x1) const {
    const L mid = y * a + x0 * k;
    y = y * a2 + (x0 * ak + x1 * k);
    return mid;
  }
};

// Streaming SMA-seeded exponential smoothing (EMA, Wilder's). State: n (bars in the run),
// y (the value, the pair's anchor when paired; the seed's sum until then), x0 (first bar
// of the current pair), out. Paired (EMA): bars after the seed go in pairs as in the batch
// kernel, the second of a pair by Ema::step2 from the anchor.
// The constants: Ema's k, a, a2, ak in c.k.
template <bool Paired>
HEAN_INLINE void exp_stream_step(StreamCtx& c, const double* x) {
  const Ema<double> e{c.k[0], c.k[1], c.k[2], c.k[3]};
  double* s = c.s;  // n, y, x0, out
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = 0;
    s[1] = 0;
    s[3] = kNaN;
    return;
  }
  const double n = ++s[0];
  const double p = c.o[0];
  if (n <= p) {
    s[1] += v;
    if (n < p) {
      s[3] = kNaN;
      return;
    }
    s[3] = s[1] = s[1] / p;
    return;
  }
  if (!Paired) {
    s[3] = s[1] = e.step(s[1], v);
    return;
  }
  if ((std::size_t(n - p)) & 1) {
    s[2] = v;
    s[3] = e.step(s[1], v);
    return;
  }
  e.step2(s[1], s[2], v);
  s[3] = s[1];
}

HEAN_INLINE void ema_constants(const Ema<double>& e, double* k) {
  k[0] = e.k;
  k[1] = e.a;
  k[2] = e.a2;
  k[3] = e.ak;
}
HEAN_INLINE std::size_t no_window(const double*) { return 0; }
// Sets the first n state values to 0 and the last to NaN (the usual `out`).
template <int N>
HEAN_INLINE void clear_state(StreamCtx& c) {
  for (int i = 0; i < N - 1; ++i) c.s[i] = 0;
  c.s[N - 1] = kNaN;
}

// Streaming WindowMoments (mean and sum of squared deviations of the last p values): state
// s[0..4] = n, pos (ring slot of the oldest), since, mean, m2; the window is the ring;
// constants k[0] = 1/p, k[1] = resum_every(p, 128). The same Welford slide and two-pass
// re-sum as WindowMoments::step / resum. Returns false while the window fills (or on a gap).
HEAN_INLINE bool moments_stream_push(StreamCtx& c, double x);
HEAN_INLINE bool moments_stream_slide(StreamCtx& c, double x) {
  if (is_gap(x)) {
    c.s[0] = c.s[1] = 0;
    return false;
  }
  return moments_stream_push(c, x);
}
// moments_stream_slide without the gap test (for values derived from the inputs, e.g. log
// returns, which the batch kernel keeps in its window whatever they are).
HEAN_INLINE bool moments_stream_push(StreamCtx& c, double x) {
  double* s = c.s;
  const std::size_t p = opt_size(c.o[0]);
  const double inv_p = c.k[0];
  const double n = ++s[0];
  const std::size_t pos = std::size_t(s[1]);
  const double old = c.w[pos];
  c.put(pos, x);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (n < double(p)) return false;
  if (n == double(p) || ++s[2] >= c.k[1]) {
    s[2] = 0;
    double a = 0.0;
    for (std::size_t k = 0; k < p; ++k) a = a + c.w[(next + k) % p];
    a = a * inv_p;
    double b = 0.0;
    for (std::size_t k = 0; k < p; ++k) {
      const double d = c.w[(next + k) % p] - a;
      b = b + d * d;
    }
    s[3] = a;
    s[4] = b;
    return true;
  }
  const double dx = x - old;
  const double nm = s[3] + dx * inv_p;
  s[4] = s[4] + dx * ((x - nm) + (old - s[3]));
  s[3] = nm;
  return true;
}
HEAN_INLINE void moments_constants(const double* o, double* k) {
  k[0] = 1.0 / double(opt_size(o[0]));
  k[1] = double(resum_every(opt_size(o[0]), 128));
  k[2] = o[1];  // the deviation multiplier (bbands, stddev: option 1)
}
HEAN_INLINE std::size_t period_window(const double* o) { return opt_size(o[0]); }
// n, pos, since, m2 = 0, mean = NaN (the moments' part of a state).
HEAN_INLINE void clear_moments(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[4] = 0;
  c.s[3] = kNaN;
}
// Population standard deviation from the state's moments (WindowMoments::variance, sqrt).
HEAN_INLINE double moments_sd(const StreamCtx& c) { return std::sqrt(lmax(c.s[4] * c.k[0], 0.0)); }

// Streaming value from the close and the close `period` bars back (mom, roc): state n, pos
// (ring slot of that older close, the next write), out; the window is the ring. `of` is
// the kernel's own per-bar expression.
template <double (*Of)(double, double)>
HEAN_INLINE void lagged_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = 0;
    s[2] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t pos = std::size_t(s[1]);
  const double old = c.w[pos];
  c.put(pos, v);
  s[1] = pos + 1 == p ? 0 : double(pos + 1);
  s[2] = ++s[0] <= double(p) ? kNaN : Of(v, old);
}

// Sum of the p values of a ring at w[0 .. p), oldest (slot `oldest`) first, from 0: the
// order of WindowSum::resum.
HEAN_INLINE double ring_sum(const double* w, std::size_t p, std::size_t oldest) {
  double s = 0.0;
  for (std::size_t k = 0, j = oldest; k < p; ++k) {
    s = s + w[j];
    if (++j == p) j = 0;
  }
  return s;
}

// Streaming WindowSum: adds x, the `count`-th value of the run, to a ring of p slots at
// c.w[base ..]; st = {pos (ring slot of the oldest value), since, sum}. As the kernels'
// WindowSum: the exact sum once p values are in (init), then sum + (x - old), re-summed
// every `every` steps. Returns false while fewer than p values are in.
HEAN_INLINE bool window_sum_slide(StreamCtx& c, std::size_t base, std::size_t p, double every, double* st,
                                  double count, double x) {
  const std::size_t pos = std::size_t(st[0]);
  const double old = c.w[base + pos];
  c.put(base + pos, x);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  st[0] = double(next);
  if (count < double(p)) return false;
  if (count == double(p) || ++st[1] >= every) {
    st[1] = 0;
    st[2] = ring_sum(c.w + base, p, next);
  } else {
    st[2] = st[2] + (x - old);
  }
  return true;
}

// Streaming rolling max (Greater) or min of the last p values (the kernels' BlockExtreme
// gives the same exact values; ties go to the most recent value in both, so even a tied
// +0 / -0 matches): a monotonic deque of (index, value) in a ring of p + 1 slots, indices
// at c.w[base ..] and values at c.w[base + p + 1 ..]; st = {head, size}. x is the run's
// value at index i. Returns the extreme of the window ending at i.
template <bool Greater>
HEAN_INLINE double extreme_push(StreamCtx& c, std::size_t base, std::size_t p, double* st, double i, double x) {
  const std::size_t cap = p + 1;
  double* w = c.w + base;
  std::size_t head = std::size_t(st[0]), size = std::size_t(st[1]);
  while (size > 0) {
    std::size_t b = head + size - 1;
    if (b >= cap) b -= cap;
    if (Greater ? w[cap + b] <= x : w[cap + b] >= x) --size;
    else break;
  }
  std::size_t t = head + size;
  if (t >= cap) t -= cap;
  c.put(base + t, i);
  c.put(base + cap + t, x);
  ++size;
  while (w[head] + double(p) <= i) {
    if (++head == cap) head = 0;
    --size;
  }
  st[0] = double(head);
  st[1] = double(size);
  return w[cap + head];
}
// Window doubles of extreme_push's deque for period p.
HEAN_INLINE std::size_t extreme_window(std::size_t p) { return 2 * (p + 1); }
// Streaming rollingMax / rollingMin: state n, head, size, out; the window is the deque.
template <bool Greater>
HEAN_INLINE void extreme_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[2] = 0;
    s[3] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double i = s[0]++;
  const double e = extreme_push<Greater>(c, 0, p, s + 1, i, v);
  s[3] = i + 1 < double(p) ? kNaN : e;
}

// Mean of f(from) .. f(from+p-1), summed in index order (the EMA family's seed).
template <class L, class F>
HEAN_INLINE L sma_seed(F&& f, std::size_t from, std::size_t p) {
  L s = splat<L>(0.0);
  for (std::size_t i = from; i < from + p; ++i) s = s + f(i);
  return s / double(p);
}

// Three chained EMAs (TEMA, TRIX), each SMA-seeded with the first `p` values of the one
// before, as TA-Lib chains them. seed() reads x[0 .. 3(p-1)] and leaves the three values
// of bar 3(p-1); step() adds the next bar.
template <class L>
struct TripleEma {
  Ema<L> e;
  L e1, e2, e3;
  HEAN_INLINE void seed(const In<L>& x, std::size_t p) {
    e = Ema<L>::with_period(p);
    const std::size_t lb2 = 2 * (p - 1), lb3 = 3 * (p - 1);
    const double dp = double(p);
    e1 = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
    L acc = e1;
    std::size_t i = p;
    for (; i <= lb2; ++i) {
      e1 = e.step(e1, x[i]);
      acc = acc + e1;
    }
    e2 = acc / dp;
    acc = e2;
    for (; i <= lb3; ++i) {
      e1 = e.step(e1, x[i]);
      e2 = e.step(e2, e1);
      acc = acc + e2;
    }
    e3 = acc / dp;
  }
  HEAN_INLINE void step(L x) {
    e1 = e.step(e1, x);
    e2 = e.step(e2, e1);
    e3 = e.step(e3, e2);
  }
};

// Streaming TripleEma (TEMA, TRIX): state n, sum (seed sum of the EMA being seeded), e1,
// e2, e3, prev3 (e3 before this bar); constants Ema's k, a, then p, 2(p-1), 3(p-1). The
// same seeds (summed in order, then divided) and Ema steps as TripleEma::seed / step.
// Returns true once e3 has a value (from bar 3(p-1) of the run on); a gap restarts the run.
HEAN_INLINE bool triple_ema_stream_step(StreamCtx& c, double x) {
  double* s = c.s;
  if (is_gap(x)) {
    s[0] = s[1] = 0;
    return false;
  }
  const Ema<double> e = Ema<double>::make(c.k[0], c.k[1]);
  const double p = c.k[2], lb2 = c.k[3], lb3 = c.k[4];
  const double i = s[0]++;
  if (i < p) {
    s[1] += x;
    if (i < p - 1) return false;
    s[2] = s[1] / p;
    s[1] = s[2];
  } else {
    s[2] = e.step(s[2], x);
    if (i <= lb2) {
      s[1] = s[1] + s[2];
    } else {
      s[3] = e.step(s[3], s[2]);
      if (i > lb3) {
        s[5] = s[4];
        s[4] = e.step(s[4], s[3]);
        return true;
      }
      s[1] = s[1] + s[3];
    }
  }
  if (i == lb2) {
    s[3] = s[1] / p;
    s[1] = s[3];
  }
  if (i < lb3) return false;
  s[4] = s[1] / p;
  return true;
}
HEAN_INLINE void triple_ema_constants(const double* o, double* k) {
  const std::size_t p = opt_size(o[0]);
  const Ema<double> e = Ema<double>::with_period(p);
  k[0] = e.k;
  k[1] = e.a;
  k[2] = double(p);
  k[3] = double(2 * (p - 1));
  k[4] = double(3 * (p - 1));
}

// True range of bar i >= 1 from inputs {high, low, close}, in TA-Lib's comparison order
// (fabs, as TA-Lib; trueRange in src/stream/rolling.ts mirrors it).
template <class L>
HEAN_INLINE L true_range_of(L h, L l, L pc) {
  L g = h - l;
  g = lmax(lfabs(pc - h), g);
  return lmax(lfabs(pc - l), g);
}
template <class L>
HEAN_INLINE L true_range(const In<L>* hlc, std::size_t i) {
  const L h = hlc[0][i], l = hlc[1][i], pc = hlc[2][i - 1];
  return true_range_of<L>(h, l, pc);
}

// The range streams' initial state: n, pc, v = 0, cur = NaN, tr0 = 0, out = NaN.
HEAN_INLINE void range_clear(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[4] = 0;
  c.s[3] = c.s[5] = kNaN;
}

// Streaming true range over (high, low, close) bars: state s[0] = n (bars in the run),
// s[1] = previous close, and `out_at` set NaN on a gap (which restarts the run) and on a
// run's first bar. Sets tr and returns true from the run's second bar on.
HEAN_INLINE bool range_stream_bar(StreamCtx& c, const double* x, int out_at, double& tr) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  // A non-finite value makes the sum NaN: one test for the three gap checks.
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = 0;
    s[out_at] = kNaN;
    return false;
  }
  const double n = ++s[0];
  const double pc = s[1];
  s[1] = cl;
  if (n == 1) {
    s[out_at] = kNaN;
    return false;
  }
  tr = true_range_of<double>(h, l, pc);
  return true;
}
// True ranges of bars i and i + 1; on one series both in one 2-lane vector, lane by lane
// the same operations as true_range (pairs of bars are where ATR's time goes).
template <class L>
HEAN_INLINE void true_range2(const In<L>* hlc, std::size_t i, L& t0, L& t1) {
#if defined(__GNUC__) || defined(__clang__)
  if constexpr (std::is_same_v<L, double>) {
    typedef double D2 __attribute__((vector_size(16)));
    typedef long long M2 __attribute__((vector_size(16)));
    const double *hp = hlc[0].span(i, 2), *lp = hlc[1].span(i, 2), *cp = hlc[2].span(i - 1, 2);
    const D2 h{hp[0], hp[1]}, l{lp[0], lp[1]}, pc{cp[0], cp[1]};
    const M2 mag = ~(M2)(D2{-0.0, -0.0});
    D2 g = h - l;
    const D2 a = (D2)((M2)(pc - h) & mag);
    g = a > g ? a : g;
    const D2 b = (D2)((M2)(pc - l) & mag);
    g = b > g ? b : g;
    t0 = g[0];
    t1 = g[1];
    return;
  }
#endif
  t0 = true_range<L>(hlc, i);
  t1 = true_range<L>(hlc, i + 1);
}

// Money flow volume of bar i from inputs {high, low, close, volume}, TA-Lib AD's term:
// ((close - low) - (high - close)) / (high - low) * volume, 0 where high <= low.
template <class L>
HEAN_INLINE L ad_flow(const In<L>* hlcv, std::size_t i) {
  const L h = hlcv[0][i], l = hlcv[1][i], c = hlcv[2][i], v = hlcv[3][i];
  const L r = h - l;
  const auto up = lgt(r, splat<L>(0.0));
  return lsel(up, (((c - l) - (h - c)) / lsel(up, r, splat<L>(1.0))) * v, splat<L>(0.0));
}

// x / d, or `fallback` where d is exactly 0 (TA-Lib's `!= 0.0` tests, e.g. in STOCH, WILLR).
template <class L>
HEAN_INLINE L div_nz(L x, L d, double fallback) {
  return lsel(lne(d, splat<L>(0.0)), x / d, splat<L>(fallback));
}

// Wilder's RSI of x (TA-Lib RSI): average gain and loss of the changes, seeded with their
// means over the first p changes (so the first value is at index p), then Wilder-smoothed.
template <class L>
struct RsiState {
  Ema<L> w;
  L gain, loss;
  // Seeds from x[0..p]; value() is then the RSI at index p.
  HEAN_INLINE void seed(const In<L>& x, std::size_t p) {
    const L zero = splat<L>(0.0);
    w = Ema<L>::wilder(p);
    gain = zero;
    loss = zero;
    for (std::size_t i = 1; i <= p; ++i) {
      L d = x[i] - x[i - 1];
      gain = gain + lmax(d, zero);
      loss = loss + lmax(-d, zero);
    }
    gain = gain / double(p);
    loss = loss / double(p);
  }
  HEAN_INLINE void step(const In<L>& x, std::size_t i) {
    const L zero = splat<L>(0.0);
    L d = x[i] - x[i - 1];
    gain = w.step(gain, lmax(d, zero));
    loss = w.step(loss, lmax(-d, zero));
  }
  // Two steps (Ema::step2 on both averages): sets v0, v1 to the RSI after x[i], x[i + 1],
  // so the dependency chain is one multiply-add per two bars and one division serves both.
  HEAN_INLINE void step2(const In<L>& x, std::size_t i, L& v0, L& v1) {
    const L zero = splat<L>(0.0);
    const L d0 = x[i] - x[i - 1], d1 = x[i + 1] - x[i];
    const L g0 = w.step2(gain, lmax(d0, zero), lmax(d1, zero));
    const L l0 = w.step2(loss, lmax(-d0, zero), lmax(-d1, zero));
    div_or2(g0 * 100.0, g0 + l0, gain * 100.0, gain + loss, 0.0, v0, v1);
  }
  HEAN_INLINE L value() const { return div_or<L>(gain * 100.0, gain + loss, 0.0); }
};

// Rolling max (Greater) or min of the last `period` values (TA-Lib MAX / MIN), lane-wise.
template <bool Greater, class L>
HEAN_INLINE void rolling_extreme(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto v = [&](std::size_t i) { return x[i]; };
  BlockExtreme<L, Greater> w;
  w.init(p);
  for (std::size_t i = 0; i < n; ++i) {
    w.push(v, i);
    if (i + 1 >= p) y.set(i, w.val);
  }
}

}  // namespace hean

// Defines `static` scalar (NAME##_s) and 8-lane (NAME##_v) entry points for the kernel
// template NAME##_kernel<L>.
#define HEAN_LANE_KERNELS(NAME)                                                                          \
  static void NAME##_s(const ::hean::In<double>* in, std::size_t n, const double* o,                     \
                       const ::hean::Out<double>* out) {                                                 \
    NAME##_kernel<double>(in, n, o, out);                                                                \
  }                                                                                                      \
  static void NAME##_v(const ::hean::LaneIn* in, std::size_t n, const double* o,                         \
                       const ::hean::LaneOut* out) {                                                     \
    ::hean::In<::hean::V8> i[::hean::kMaxIn];                                                            \
    ::hean::Out<::hean::V8> u[::hean::kMaxOut];                                                          \
    for (int k = 0; k < ::hean::kMaxIn; ++k) i[k] = {in[k].p, in[k].stride};                             \
    for (int k = 0; k < ::hean::kMaxOut; ++k) u[k] = {out[k].p, out[k].stride};                          \
    NAME##_kernel<::hean::V8>(i, n, o, u);                                                               \
  }

// Opens the table row of NAME (at namespace hean scope). Indicator sources are also built
// at higher instruction-set levels (HEAN_ISA 2, 3); there the row is discarded and only the
// entry points are exported, as NAME_isa_avx2 / NAME_isa_avx512, for scalar_kernel() and
// lane_kernel().
#define HEAN_CAT_(a, b) a##b
#define HEAN_CAT(a, b) HEAN_CAT_(a, b)
#if HEAN_ISA == 3
#define HEAN_ISA_SUFFIX _isa_avx512
#elif HEAN_ISA == 2
#define HEAN_ISA_SUFFIX _isa_avx2
#endif
#if HEAN_ISA == 0
#define HEAN_DEF(NAME) extern const ::hean::IndicatorDef NAME##_def
#else
#define HEAN_DEF(NAME)                                                 \
  extern const ::hean::IsaKernels HEAN_CAT(NAME, HEAN_ISA_SUFFIX) = {NAME##_s, NAME##_v}; \
  [[maybe_unused]] static const ::hean::IndicatorDef NAME##_def_unused
#endif

// Option-table shorthands.
#define HEAN_PERIOD(NAME, DEF, DOC) ::hean::OptDef{NAME, DEF, 1, ::hean::kMaxPeriod, true, nullptr, DOC}
