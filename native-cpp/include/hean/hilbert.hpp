// Ehlers' Hilbert-transform machinery shared by MAMA and the HT_* indicators, in TA-Lib's
// exact order of operations (ta_MAMA.c, ta_HT_*.c): the 4-3-2-1 price smoother, the
// odd/even bar filter banks (detrender, Q1, jI, jQ), the homodyne period estimate, and
// (scalar) the dominant-cycle phase and the instantaneous trendline.
//
// Bar parity is the bar's index in the run (TA-Lib's `today % 2`, with the run starting at
// index 0, as a TA-Lib call on the run does). The transcendental functions are hean's
// portable ones (hean/lmath.hpp: the same bits natively at every ISA level and in WASM),
// through hmath_* below.
#pragma once
#include <cmath>
#include <cstddef>
#include <type_traits>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/lmath.hpp"

namespace hean {

HEAN_INLINE double hmath_atan(double x) { return latan(x); }
HEAN_INLINE double hmath_sin(double x) { return lsin(x); }
HEAN_INLINE double hmath_cos(double x) { return lcos(x); }
template <class L>
HEAN_INLINE L hatan(L x) {
  if constexpr (std::is_same_v<L, double>) {
    return hmath_atan(x);
  } else {
    return lmap(x, [](double v) { return hmath_atan(v); });
  }
}

// TA-Lib's constants: atan(1) = pi/4 (correctly rounded), rad2Deg = 45/atan(1)
// (= 180/(4 atan(1)) bit for bit), deg2Rad = 1/rad2Deg, 2 pi = atan(1) * 8.
constexpr double kQuarterPi = 0.78539816339744830962;
constexpr double kRad2Deg = 45.0 / kQuarterPi;
constexpr double kDeg2Rad = 1.0 / kRad2Deg;
constexpr double kTwoPi = kQuarterPi * 8.0;

// Bars of warm-up before the first output: 32 (period, phasor, MAMA) or 63 (phase, sine,
// trendline, trend mode), plus the caller's unstable period.
constexpr std::size_t kHilbertShortLookback = 32;
constexpr std::size_t kHilbertLongLookback = 63;

template <class L>
struct HilbertCore {
  // One of TA-Lib's filter stages for one bar parity: a 3-slot ring and the previous
  // input/output pair.
  struct Stage {
    L ring[3];
    L prev, prev_in;
  };
  L wsum, wsub, trailing;
  std::size_t trailing_at, today;
  L smoothed;
  Stage det[2], q1[2], ji[2], jq[2];
  int hidx;
  L i1_prev3[2], i1_prev2[2];  // [parity of the bar that uses them]
  L q1v, i1v, prev_q2, prev_i2, re, im, period, smooth_period;

  // Everything 0 (the state before a run's first bar).
  HEAN_INLINE void clear() {
    const L zero = splat<L>(0.0);
    wsum = wsub = trailing = smoothed = zero;
    today = trailing_at = 0;
    for (int p = 0; p < 2; ++p) {
      for (Stage* s : {&det[p], &q1[p], &ji[p], &jq[p]}) {
        s->ring[0] = s->ring[1] = s->ring[2] = zero;
        s->prev = s->prev_in = zero;
      }
      i1_prev3[p] = i1_prev2[p] = zero;
    }
    hidx = 0;
    q1v = i1v = prev_q2 = prev_i2 = re = im = period = smooth_period = zero;
  }
  // Bar k (0, 1, 2) of the run: the smoother's first sums (weights 1, 2, 3).
  HEAN_INLINE void first(int k, L v) {
    if (k == 0) {
      wsub = v;
      wsum = v;
    } else {
      wsub = wsub + v;
      wsum = wsum + v * double(k + 1);
    }
    if (k == 2) {
      trailing = splat<L>(0.0);
      trailing_at = 0;
      today = 3;
    }
  }
  // Warm-up of the smoother: x[0..2] summed, then `steps` smoother updates (9 for the
  // 32-bar functions, 34 for the 63-bar ones). Every filter starts at 0.
  template <class X>
  HEAN_INLINE void init(const X& x, int steps) {
    clear();
    for (int k = 0; k < 3; ++k) first(k, x[std::size_t(k)]);
    for (int k = 0; k < steps; ++k) smooth(x);
  }
  // The state as doubles (streams keep it in their state array), and back.
  static constexpr int kDoubles = 59;
  void save(double* o) const {
    static_assert(std::is_same_v<L, double>);
    int k = 0;
    for (double v : {wsum, wsub, trailing, double(today), double(trailing_at), smoothed}) o[k++] = v;
    for (int p = 0; p < 2; ++p)
      for (const Stage* s : {&det[p], &q1[p], &ji[p], &jq[p]})
        for (double v : {s->ring[0], s->ring[1], s->ring[2], s->prev, s->prev_in}) o[k++] = v;
    for (double v : {double(hidx), i1_prev3[0], i1_prev3[1], i1_prev2[0], i1_prev2[1], q1v, i1v, prev_q2, prev_i2, re, im,
                     period, smooth_period})
      o[k++] = v;
  }
  void load(const double* o) {
    static_assert(std::is_same_v<L, double>);
    int k = 0;
    wsum = o[k++];
    wsub = o[k++];
    trailing = o[k++];
    today = std::size_t(o[k++]);
    trailing_at = std::size_t(o[k++]);
    smoothed = o[k++];
    for (int p = 0; p < 2; ++p)
      for (Stage* s : {&det[p], &q1[p], &ji[p], &jq[p]})
        for (double* v : {&s->ring[0], &s->ring[1], &s->ring[2], &s->prev, &s->prev_in}) *v = o[k++];
    hidx = int(o[k++]);
    for (double* v : {&i1_prev3[0], &i1_prev3[1], &i1_prev2[0], &i1_prev2[1], &q1v, &i1v, &prev_q2, &prev_i2, &re, &im,
                      &period, &smooth_period})
      *v = o[k++];
  }
  // The smoother's update with x[today] (TA-Lib's DO_PRICE_WMA); advances today.
  template <class X>
  HEAN_INLINE void smooth(const X& x) {
    const L v = x[today++];
    wsub = wsub + v;
    wsub = wsub - trailing;
    wsum = wsum + v * 4.0;
    trailing = x[trailing_at++];
    smoothed = wsum * 0.1;
    wsum = wsum - wsub;
  }
  HEAN_INLINE L stage(Stage& s, L in, L adj) const {
    const L t = in * 0.0962;
    L v = 0.0 - s.ring[hidx];
    s.ring[hidx] = t;
    v = v + t;
    v = v - s.prev;
    s.prev = s.prev_in * 0.5769;
    v = v + s.prev;
    s.prev_in = in;
    return v * adj;
  }
  // The period estimate 360 / atan(im / re) (degrees), or the previous period if im or re
  // is 0, as the clamps below see it (scalar). Where they decide the result alone it is a
  // stand-in, without the division and the atan: for im/re < 0 the estimate is negative
  // (-inf gives the same: lo, then 6 .. 50); for 0 <= im/re < 0.1263 (tan 7.2 degrees is
  // 0.12633, the margin covers the roundings) it is above 50 (+inf gives the same: hi,
  // then at most 50). That is ~57% of bars on a random walk, and the branch cuts the
  // recurrence's longest stretch (division, atan, division) out of their chain.
  HEAN_INLINE double scalar_estimate() const {
    if (im == 0.0 || re == 0.0) return period;
    const double ai = std::fabs(im), ar = std::fabs(re);
    if (ai <= 1.7976931348623157e308 && ar <= 1.7976931348623157e308) {
      if ((im < 0.0) != (re < 0.0)) return -lm::kInf;
      if (ai < ar * 0.1263) return lm::kInf;
    }
    return 360.0 / (hmath_atan(im / re) * kRad2Deg);
  }
  // One bar: x[today] through the smoother and the filters, then the period estimate.
  // Afterwards q1v and i1v are the bar's quadrature and in-phase components.
  template <class X>
  HEAN_INLINE void step(const X& x) {
    const L adj = period * 0.075 + 0.54;
    const int par = int(today & 1);
    smooth(x);
    const L d = stage(det[par], smoothed, adj);
    q1v = stage(q1[par], d, adj);
    i1v = i1_prev3[par];
    const L jI = stage(ji[par], i1v, adj);
    const L jQ = stage(jq[par], q1v, adj);
    if (par == 0 && ++hidx == 3) hidx = 0;
    const L q2 = (q1v + jI) * 0.2 + prev_q2 * 0.8;
    const L i2 = (i1v - jQ) * 0.2 + prev_i2 * 0.8;
    i1_prev3[1 - par] = i1_prev2[1 - par];
    i1_prev2[1 - par] = d;
    re = (i2 * prev_i2 + q2 * prev_q2) * 0.2 + re * 0.8;
    im = (i2 * prev_q2 - q2 * prev_i2) * 0.2 + im * 0.8;
    prev_q2 = q2;
    prev_i2 = i2;
    const L was = period;
    L p;
    if constexpr (std::is_same_v<L, double>) {
      p = scalar_estimate();
    } else {
      const L zero = splat<L>(0.0);
      const L est = 360.0 / (hatan<L>(im / re) * kRad2Deg);
      p = lsel(lne(im, zero), lsel(lne(re, zero), est, period), period);
    }
    const L hi = was * 1.5;
    p = lsel(lgt(p, hi), hi, p);
    const L lo = was * 0.67;
    p = lsel(llt(p, lo), lo, p);
    p = lsel(llt(p, splat<L>(6.0)), splat<L>(6.0), lsel(lgt(p, splat<L>(50.0)), splat<L>(50.0), p));
    period = p * 0.2 + was * 0.8;
    smooth_period = period * 0.33 + smooth_period * 0.67;
  }
};

// sin and cos of i * 2pi / n for the DC phase's DFT (row n at n * (n - 1) / 2), the bits
// glibc's sin and cos give (scripts/gen-hilbert-trig.mjs): no transcendental calls per bar,
// and the last bits, which decide the phase when the DFT sums are rounding noise (a flat
// stretch), are TA-Lib's on Linux.
#include "hean/hilbert_trig.inc"

// The sine and lead sine of the m phases ph[k] (degrees): sin(ph * deg2rad) and
// sin((ph + 45) * deg2rad), eight bars at once (lsin's lanes give its scalar bits).
// sine may be ph itself.
HEAN_INLINE void dc_sines(const double* ph, std::size_t m, double* sine, double* lead) {
  std::size_t k = 0;
  for (; k + 8 <= m; k += 8) {
    const V8 p = bars8(ph + k);
    put_bars8(lead + k, lsin((p + 45.0) * kDeg2Rad));
    put_bars8(sine + k, lsin(p * kDeg2Rad));
  }
  for (; k < m; ++k) {
    const double p = ph[k];
    lead[k] = hmath_sin((p + 45.0) * kDeg2Rad);
    sine[k] = hmath_sin(p * kDeg2Rad);
  }
}

// Bars in the dominant cycle: round(smooth_period), which the core keeps in 6 .. 50 (times
// the smoothing) for finite prices; the cap at 50 (never reached then) keeps the table
// and ring indices in range. A NaN (only from an overflow to inf inside a run) gives 0
// bars, as the hardware's out-of-range conversion did, without the undefined behaviour.
HEAN_INLINE int dc_bars(double smooth_period) {
  if (!(smooth_period >= 0.0 && smooth_period <= 64.0)) return 0;
  const int n = int(smooth_period + 0.5);
  return n < 50 ? n : 50;
}

// The dominant-cycle part (scalar): the DC phase and the instantaneous trendline (TA-Lib 0.8
// averages the raw price over the dominant cycle, as Ehlers publishes it). Its bar reads the
// last 50 smoothed prices in time order (`sm[0]` the bar's, `sm[-1]` the one before, ...):
// the batch loop keeps them in a linear buffer, a stream in `ring` (copied out in order).
struct DcCycle {
  double ring[50];
  int at;
  double phase;
  double it1, it2, it3;
  HEAN_INLINE void init() {
    for (double& r : ring) r = 0.0;
    at = 0;
    phase = 0.0;
    it1 = it2 = it3 = 0.0;
  }
  HEAN_INLINE void push(double smoothed) { ring[at] = smoothed; }
  static constexpr int kDoubles = 55;
  void save(double* o) const {
    for (int k = 0; k < 50; ++k) o[k] = ring[k];
    o[50] = double(at);
    o[51] = phase;
    o[52] = it1;
    o[53] = it2;
    o[54] = it3;
  }
  void load(const double* o) {
    for (int k = 0; k < 50; ++k) ring[k] = o[k];
    at = int(o[50]);
    phase = o[51];
    it1 = o[52];
    it2 = o[53];
    it3 = o[54];
  }
  HEAN_INLINE void advance() {
    if (++at > 49) at = 0;
  }
  // The ring in time order, the newest (ring[at]) last.
  HEAN_INLINE void ordered(double* lin) const {
    for (int k = 0; k < 50; ++k) lin[49 - k] = ring[at - k < 0 ? at - k + 50 : at - k];
  }
  // The DFT at the dominant cycle period of the bar whose smoothed price is sm[0]: the
  // real and imaginary sums over its round(period) newest smoothed prices.
  static HEAN_INLINE void dft(const double* sm, double smooth_period, double& re, double& im) {
    const int n = dc_bars(smooth_period);
    double r = 0.0, m = 0.0;
    const double* sn = kDcSin + n * (n - 1) / 2;
    const double* cs = kDcCos + n * (n - 1) / 2;
    for (int i = 0; i < n; ++i) {
      const double v = sm[-i];
      r = r + sn[i] * v;
      m = m + cs[i] * v;
    }
    re = r;
    im = m;
  }
  // dft() for the m bars sm[0 .. m) (sm[k - 49 .. k] readable), into re[k], im[k]: four bars
  // at a time, each bar's sums in dft's order (a term past a bar's count is computed and
  // dropped), so four bars' add chains overlap instead of one bar's chain waiting on the
  // last: the same bits as dft() bar by bar.
  static HEAN_INLINE void dfts(const double* sm, const double* sp, double* re, double* im, std::size_t m) {
    std::size_t k = 0;
    for (; k + 4 <= m; k += 4) {
      int n[4], most = 0;
      const double *sn[4], *cs[4];
      double r[4] = {}, q[4] = {};
      for (int j = 0; j < 4; ++j) {
        n[j] = dc_bars(sp[k + std::size_t(j)]);
        sn[j] = kDcSin + n[j] * (n[j] - 1) / 2;  // rows end inside the table for i < 50
        cs[j] = kDcCos + n[j] * (n[j] - 1) / 2;
        most = n[j] > most ? n[j] : most;
      }
      for (int i = 0; i < most; ++i)
        for (int j = 0; j < 4; ++j) {
          const double v = sm[std::ptrdiff_t(k) + j - i];
          const double a = r[j] + sn[j][i] * v, b = q[j] + cs[j][i] * v;
          r[j] = i < n[j] ? a : r[j];
          q[j] = i < n[j] ? b : q[j];
        }
      for (int j = 0; j < 4; ++j) {
        re[k + std::size_t(j)] = r[j];
        im[k + std::size_t(j)] = q[j];
      }
    }
    for (; k < m; ++k) dft(sm + k, sp[k], re[k], im[k]);
  }
  // The DC phase in degrees from the bar's DFT sums (kept across bars: a 0 imaginary sum
  // turns the previous phase by 90 degrees).
  HEAN_INLINE double update_phase(double re, double im, double smooth_period) {
    return phase_step([&] { return hmath_atan(re / im); }, re, im, smooth_period);
  }
  // update_phase of the m bars into ph[0 .. m), their atan(re / im) eight bars at once
  // (latan's lanes give its scalar bits; a bar with im 0 does not use its lane).
  HEAN_INLINE void phases(const double* re, const double* im, const double* sp, std::size_t m, double* ph) {
    std::size_t k = 0;
    for (; k + 8 <= m; k += 8) {
      alignas(64) double at[8];
      put_bars8(at, latan(bars8(re + k) / bars8(im + k)));
      for (std::size_t j = 0; j < 8; ++j) ph[k + j] = phase_step([&] { return at[j]; }, re[k + j], im[k + j], sp[k + j]);
    }
    for (; k < m; ++k) ph[k] = update_phase(re[k], im[k], sp[k]);
  }
  // The phase's update with atan(re / im) from at() (called only when im is not 0).
  template <class A>
  HEAN_INLINE double phase_step(A at, double re, double im, double smooth_period) {
    const double a = std::fabs(im);
    if (a > 0.0) {
      phase = at() * kRad2Deg;
    } else if (a <= 0.01) {
      if (re < 0.0)
        phase = phase - 90.0;
      else if (re > 0.0)
        phase = phase + 90.0;
    }
    phase = phase + 90.0;
    phase = phase + 360.0 / smooth_period;
    if (im < 0.0) phase = phase + 180.0;
    if (phase > 315.0) phase = phase - 360.0;
    return phase;
  }
  // The trendlines of the m bars i0 .. i0 + m of x into tl[0 .. m): each bar's mean price
  // over its round(period) bars summed newest first, four bars at a time (as dfts), then
  // the 4-3-2-1 average of the last four means.
  template <class X>
  HEAN_INLINE void trendlines(const X& x, std::size_t i0, const double* sp, std::size_t m, double* tl) {
    for (std::size_t k = 0; k < m;) {
      const int w = m - k >= 4 ? 4 : 1;
      int n[4] = {}, most = 0;
      double s[4] = {};
      for (int j = 0; j < w; ++j) {
        n[j] = dc_bars(sp[k + std::size_t(j)]);
        most = n[j] > most ? n[j] : most;
      }
      if (w == 4) {
        for (int i = 0; i < most; ++i)
          for (int j = 0; j < 4; ++j) {
            // A dropped term reads the bar itself: never before the run's first bar.
            const std::size_t t = i0 + k + std::size_t(j);
            const double a = s[j] + x[i < n[j] ? t - std::size_t(i) : t];
            s[j] = i < n[j] ? a : s[j];
          }
      } else {
        for (int i = 0; i < n[0]; ++i) s[0] = s[0] + x[i0 + k - std::size_t(i)];
      }
      for (int j = 0; j < w; ++j) {
        double v = s[j];
        if (n[j] > 0) v = v / double(n[j]);
        tl[k + std::size_t(j)] = (v * 4.0 + it1 * 3.0 + it2 * 2.0 + it3) / 10.0;
        it3 = it2;
        it2 = it1;
        it1 = v;
      }
      k += std::size_t(w);
    }
  }
};

// Streams: the last 64 closes in the window, indexed by bar number in the run (the
// smoother reads 3 bars back, the trendline up to 50).
constexpr std::size_t kHilbertWindow = 64;
struct HilbertRing {
  const double* w;
  HEAN_INLINE double operator[](std::size_t i) const { return w[i % kHilbertWindow]; }
};
// One stream bar through the core kept in s[1 .. 1 + kDoubles) (s[0] = bars in the run):
// the smoother's first sums, its warm-up steps, then full steps. Returns the bar's index
// in the run once it was a full step (the batch loop's `today`), or -1.
HEAN_INLINE long hilbert_stream_bar(StreamCtx& c, double v, int steps) {
  double* s = c.s;
  const std::size_t b = std::size_t(s[0]);
  s[0] = double(b + 1);
  c.put(b % kHilbertWindow, v);
  HilbertCore<double> h;
  h.load(s + 1);
  const HilbertRing x{c.w};
  long full = -1;
  if (b < 3) {
    if (b == 0) h.clear();
    h.first(int(b), v);
  } else if (b < 3 + std::size_t(steps)) {
    h.smooth(x);
  } else {
    h.step(x);
    full = long(b);
  }
  h.save(s + 1);
  return full;
}

// The DC-cycle streams' state after the core: s[kDcAt .. kDcAt + DcCycle::kDoubles).
constexpr int kDcAt = 1 + HilbertCore<double>::kDoubles;
constexpr int kDcEnd = kDcAt + DcCycle::kDoubles;
// Clears `n` state values to 0 and the `outs` after them to NaN.
template <int N, int Outs>
HEAN_INLINE void clear_then_nan(StreamCtx& c) {
  for (int k = 0; k < N; ++k) c.s[k] = 0;
  for (int k = N; k < N + Outs; ++k) c.s[k] = kNaN;
}

// The dominant-cycle indicators (HT_DCPHASE, HT_SINE, HT_TRENDLINE, HT_TRENDMODE) differ only
// in their bars: `Body::block(dc, sm, sp, re, im, src, i0, m, e, v, vs)` takes the m bars
// from i0 on, bar i0 + k with its smoothed price sm[k] (sm[k - 49 .. k] in time order),
// smoothed period sp[k] and, if Body::kDft, DFT sums re[k], im[k] (src: the closes,
// indexable by bar); it updates its own `Body::kExtra` values e (kept across bars, 0 at a
// run's start) and writes output j of bar i0 + k to v[j * vs + k]. Batch blocks are
// kDcBlock bars, a stream's one bar. The batch loop and the stream step below are the only
// drivers, so streaming equals batch by construction. The stream state is s[0 .. kDcEnd)
// (core + DC cycle), then e, then the outputs. First output bar: 63 + the unstable period
// (option 0).
constexpr std::size_t kDcBlock = 128;
HEAN_INLINE std::size_t dc_start(const double* o) { return kHilbertLongLookback + opt_size(o[0]); }
HEAN_INLINE std::size_t dc_lookback(const double* o, int) { return dc_start(o); }
// Bar i0 + k of a batch block through an in-chain body alone (sm: its smoothed price). Only
// a short body rides in the chain; one that needs the DFT sums takes the passes after it.
template <class Body, class X>
HEAN_INLINE void dc_bar(DcCycle& dc, const double* sm, const double* sp, double* re, double* im, const X& x, std::size_t i0,
                        std::size_t k, double* e, double* v) {
  static_assert(!Body::kDft, "a body that needs the DFT sums runs after the chain, not in it");
  Body::block(dc, sm, sp + k, re + k, im + k, x, i0 + k, 1, e, v + k, kDcBlock);
}
template <class Body>
void dc_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  constexpr int K = Body::kOutputs;
  const std::size_t start = dc_start(o);
  for (int k = 0; k < K; ++k) fill_nan(out[k], 0, start < n ? start : n);
  if (n <= start) return;
  HilbertCore<double> h;
  h.init(in[0], 34);
  DcCycle dc;
  dc.init();
  double e[Body::kExtra + 1] = {};
  // Blocks of kDcBlock bars: first the core's recurrence alone (a latency-bound chain), then
  // the block's DFTs, then the body's passes (phases, sines, trendline, ...): none feeds back
  // into the core and each bar's work in a pass is independent of the next bar's but for a
  // few operations, so the passes overlap where one loop doing everything a bar did not
  // (htSine 141 -> 118 ns/bar). hist: the 49 smoothed prices before the block (0 before the
  // run, as the stream's ring starts), then the block's.
  constexpr std::size_t B = kDcBlock;
  double hist[49 + B] = {};
  double sp[B], re[B], im[B], v[K * B];
  while (h.today < n) {
    const std::size_t i0 = h.today, m = n - i0 < B ? n - i0 : B;
    for (std::size_t k = 0; k < m; ++k) {
      h.step(in[0]);
      hist[49 + k] = h.smoothed;
      sp[k] = h.smooth_period;
      // A short body (the trendline), or the DFT sums (dft's bits are dfts'), rides in the
      // chain's shadow, one bar behind so its inputs are ready when it issues.
      if constexpr (Body::kInChain)
        if (k > 0) dc_bar<Body>(dc, hist + 48 + k, sp, re, im, in[0], i0, k - 1, e, v);
      if constexpr (Body::kDft)
        if (k > 0) DcCycle::dft(hist + 48 + k, sp[k - 1], re[k - 1], im[k - 1]);
    }
    if constexpr (Body::kInChain) {
      dc_bar<Body>(dc, hist + 48 + m, sp, re, im, in[0], i0, m - 1, e, v);
    } else {
      if constexpr (Body::kDft) DcCycle::dft(hist + 48 + m, sp[m - 1], re[m - 1], im[m - 1]);
      Body::block(dc, hist + 49, sp, re, im, in[0], i0, m, e, v, B);
    }
    for (std::size_t k = i0 < start ? start - i0 : 0; k < m; ++k)
      for (int j = 0; j < K; ++j) out[j].set(i0 + k, v[std::size_t(j) * B + k]);
    for (int k = 0; k < 49; ++k) hist[k] = hist[m + std::size_t(k)];
  }
}
template <class Body>
void dc_stream_step(StreamCtx& c, const double* x) {
  constexpr int K = Body::kOutputs, E = Body::kExtra;
  double* s = c.s;
  double* e = s + kDcEnd;
  for (int k = 0; k < K; ++k) e[E + k] = kNaN;
  if (is_gap(x[0])) {
    s[0] = 0;
    return;
  }
  const bool fresh = s[0] == 0;
  const long i = hilbert_stream_bar(c, x[0], 34);
  DcCycle dc;
  if (fresh) {
    dc.init();
    for (int k = 0; k < E; ++k) e[k] = 0.0;
  } else {
    dc.load(s + kDcAt);
  }
  if (i >= 0) {
    HilbertCore<double> h;
    h.load(s + 1);
    dc.push(h.smoothed);
    double sm[50];
    dc.ordered(sm);
    const double sp = h.smooth_period;
    double re = 0.0, im = 0.0, v[K];
    if (Body::kDft) DcCycle::dft(sm + 49, sp, re, im);
    Body::block(dc, sm + 49, &sp, &re, &im, HilbertRing{c.w}, std::size_t(i), 1, e, v, 1);
    dc.advance();
    if (std::size_t(i) >= dc_start(c.o))
      for (int k = 0; k < K; ++k) e[E + k] = v[k];
  }
  dc.save(s + kDcAt);
}
template <class Body>
void dc_stream_emit(const StreamCtx& c, double* out) {
  for (int k = 0; k < Body::kOutputs; ++k) out[k] = c.s[kDcEnd + Body::kExtra + k];
}
// The table entry's stream part: state, output offset, window, no constants, clear, step, emit.
#define HEAN_DC_STREAM(NAME, BODY)                                                                  \
  HEAN_STREAM(NAME) {                                                                               \
    ::hean::kDcEnd + BODY::kExtra + BODY::kOutputs, ::hean::kDcEnd + BODY::kExtra,                  \
        [](const double*) { return ::hean::kHilbertWindow; }, nullptr,                              \
        ::hean::clear_then_nan<::hean::kDcEnd + BODY::kExtra, BODY::kOutputs>,                      \
        ::hean::dc_stream_step<BODY>, BODY::kOutputs > 1 ? ::hean::dc_stream_emit<BODY> : nullptr           \
  }

// The unstable-period option shared by the EMA-family, Hilbert, MAMA and T3 functions.
#define HEAN_UNSTABLE_OPT                                                                          \
  ::hean::OptDef {                                                                                 \
    "unstablePeriod", 0, 0, ::hean::kMaxPeriod, true, nullptr,                                     \
        "extra leading bars output as NaN while the recursion settles (TA-Lib's TA_SetUnstablePeriod)" \
  }

}  // namespace hean

// Scalar (NAME##_s) and 8-lane (NAME##_v) entry points for a scalar kernel NAME##_kernel
// whose per-bar work has a per-series trip count (the dominant-cycle loops): the 8-lane
// entry point runs the scalar kernel on each lane's series, so both give the same bits.
#define HEAN_PER_LANE_KERNELS(NAME)                                                                      \
  static void NAME##_s(const ::hean::In<double>* in, std::size_t n, const double* o,                     \
                       const ::hean::Out<double>* out) {                                                 \
    NAME##_kernel(in, n, o, out);                                                                        \
  }                                                                                                      \
  static void NAME##_v(const ::hean::LaneIn* in, std::size_t n, const double* o,                         \
                       const ::hean::LaneOut* out) {                                                     \
    for (std::size_t j = 0; j < 8; ++j) {                                                                \
      ::hean::In<double> i[::hean::kMaxIn];                                                              \
      ::hean::Out<double> u[::hean::kMaxOut];                                                            \
      for (int k = 0; k < ::hean::kMaxIn; ++k) i[k] = {in[k].p ? in[k].p + j * in[k].stride : nullptr, 0}; \
      for (int k = 0; k < ::hean::kMaxOut; ++k) u[k] = {out[k].p ? out[k].p + j * out[k].stride : nullptr, 0}; \
      NAME##_kernel(i, n, o, u);                                                                         \
    }                                                                                                    \
  }
