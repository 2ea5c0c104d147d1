// Linear regression family (TA-Lib LINEARREG, LINEARREG_INTERCEPT, LINEARREG_SLOPE,
// LINEARREG_ANGLE = atan(slope) in degrees, TSF):
// the least-squares line through the last `period` values, read as its value at the latest
// bar, its intercept b (its value at the window's oldest bar), its slope m per bar, or its
// forecast one bar ahead (TSF: b + m * period). As TA-Lib, the sums weight each value by
// its bars back from the latest (the divisor's sign turns m into the forward slope).
// The sums are TA-Lib 0.8.1's, to the bit: summed afresh over the first window, then slid a
// bar at a time (SumXY += SumY - period·departing, SumY += new - departing), and summed
// afresh again every 32·period bars or on the bar whose departing value outweighs the
// window (period·|departing| > 100·sum|y|, slid alongside). One source, LinregSums, for the
// batch kernel and the stream; one series runs eight re-seed intervals as the lanes of a V8.
#include <cmath>
#include <cstring>

#include "hean/kernel.hpp"
#include "hean/lmath.hpp"

namespace hean {
namespace {

enum LinregPart { kLinregValue, kLinregIntercept, kLinregSlope, kLinregForecast, kLinregAngle };

std::size_t linreg_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// TA-Lib's constants of one period (SumX, Divisor) and its re-seed interval.
struct LinregConst {
  std::size_t p;
  double dp, sum_x, divisor, every;
  lm::FmaConst last, ahead;  // p - 1 and p, the factors of fused()
};
HEAN_INLINE LinregConst linreg_const(std::size_t p) {
  const double dp = double(p);
  const double sum_x = dp * (dp - 1.0) * 0.5;
  const double sum_x_sqr = dp * (dp - 1.0) * (2.0 * dp - 1.0) / 6.0;
  // (32 * p overflows a 32-bit size_t)
  return {p, dp, sum_x, sum_x * sum_x - dp * sum_x_sqr, 32.0 * dp, lm::fma_const(dp - 1.0), lm::fma_const(dp)};
}

// m·c + b rounded once (IEEE fused multiply-add): TA-Lib 0.8.1 as the reference wheel is
// built evaluates LINEARREG's b + m·(p - 1) and TSF's b + m·p so (two roundings differ by
// an ulp of the terms, which is large next to a value near 0). lfma (hean/lmath.hpp) is
// correctly rounded on every target, so the bits are the same at every ISA level and in
// WASM, where it is not libm's slow software fma.
// (c's split made once per call: LinregConst.)
template <class M>
HEAN_INLINE M fused(M m, const lm::FmaConst& c, M b) { return lm::lfma(m, c, b); }

#if defined(__wasm_simd128__)
// WebAssembly: one series runs its re-seed intervals two at a time, as the lanes of one
// f64x2 (VP), not eight as a V8 of four f64x2 parts: the eight lanes' sums, flags and
// constants are more vectors than V8 (the engine) keeps in x64's 16 registers, and the
// spills cost more than the wider step saves (linearregSlope 2.14 -> 1.65 ns/bar in the
// kernel alone). There b + m·c is lfma_certified (hean/lmath.hpp): the lanes whose run it
// cannot prove are redone as a moved re-seed is (linreg_kernel_of), by the scalar lfma. (b can
// be -0: a tiny negative SumY over dp underflows; a zero b opens lfma_certified's run.)
// (One test a run, not one a bar: kernel alone, tsf 4.64 -> 4.36 ns/bar.)
struct LinregIn2 {
  const double* p;
  std::size_t stride;
  HEAN_INLINE VP operator[](std::size_t i) const { return VP{p[i], p[i + stride]}; }
};
struct LinregOut2 {
  double* p;
  std::size_t stride;
  HEAN_INLINE void set(std::size_t i, VP v) const {
    p[i] = v[0];
    p[i + stride] = v[1];
  }
};
// The lane operations LinregSums and linreg_out use, for VP.
using hean::lfabs;
using hean::lgt;
using hean::llt;
using hean::lsel;
using hean::lmap;
HEAN_INLINE MP lgt(VP a, VP b) { return a > b; }
HEAN_INLINE MP llt(VP a, VP b) { return a < b; }
HEAN_INLINE VP lsel(MP m, VP a, VP b) { return m ? a : b; }
template <class F>
HEAN_INLINE VP lmap(VP x, F&& f) { return VP{f(x[0]), f(x[1])}; }
#endif
// splat<M>, and for the WASM pair VP.
template <class M>
HEAN_INLINE M lanes_of(double x) {
#if defined(__wasm_simd128__)
  if constexpr (std::is_same_v<M, VP>) return x - VP{};
  else
#endif
    return splat<M>(x);
}

// The bar's output from its window's sums. Certified (the WASM pair): b + m·c by
// lfma_certified, its unproven lanes set in *hard.
template <int Part, bool Certified = false, class M, class Run = int>
HEAN_INLINE M linreg_out(const LinregConst& k, M sy, M sxy, Run* run = nullptr) {
  const M m = (k.dp * sxy - k.sum_x * sy) / k.divisor;
  if constexpr (Part == kLinregSlope) return m;
  // TA-Lib: atan(m) * (180 / pi), atan from hean/lmath.hpp (the same bits everywhere).
  else if constexpr (Part == kLinregAngle) {
    if constexpr (std::is_same_v<M, double>) return latan(m) * (180.0 / 3.14159265358979323846);
    else return lmap(m, [](double v) { return latan(v); }) * (180.0 / 3.14159265358979323846);
  } else {
    const M b = (sy - m * k.sum_x) / k.dp;
    if constexpr (Part == kLinregIntercept) return b;
    else if constexpr (Certified) return lm::lfma_certified(m, Part == kLinregValue ? k.last.c : k.ahead.c, b, *run);
    else if constexpr (Part == kLinregValue) return fused(m, k.last, b);
    else return fused(m, k.ahead, b);
  }
}

// One window's running sums per lane, TA-Lib 0.8.1's: SumY, SumXY (each value times its
// bars back), sum|y| and the slides left before the scheduled re-seed.
template <class M>
struct LinregSums {
  M sy, sxy, sabs, left;

  // Afresh over the window at(0) (oldest) .. at(p - 1), oldest first with weights p - 1
  // down to 0: TA-Lib's first-window and re-seed scans (the same bits).
  template <class At>
  HEAN_INLINE void seed(const LinregConst& k, At&& at) {
    M a = lanes_of<M>(0.0), b = a, c = a;
    for (std::size_t j = 0; j < k.p; ++j) {
      const M v = at(j);
      a = a + v;
      b = b + double(k.p - 1 - j) * v;
      c = c + lfabs(v);
    }
    sy = a;
    sxy = b;
    sabs = c;
    left = lanes_of<M>(k.every);
  }
  // Slides the window by one bar (`gone` leaves, `v` enters). Returns the lanes due a
  // re-seed: their interval ran out, or period·|gone| > 100·sum|y| (both tests in one
  // compare: a lane whose interval ran out compares +inf with -inf).
  HEAN_INLINE auto slide(M gone, M v, const LinregConst& k) {
    const M weighted = step(gone, v, k);
    left = left - 1.0;
    const auto out = llt(left, lanes_of<M>(0.5));
    const M inf = lanes_of<M>(std::numeric_limits<double>::infinity());
    return lgt(lsel(out, inf, lfabs(weighted)), lsel(out, -inf, 100.0 * sabs));
  }
  // slide() within an interval (left is not read or kept: the caller's run ends before
  // the interval does), returning the lanes whose departing value outweighs the window.
  HEAN_INLINE auto slide_within(M gone, M v, const LinregConst& k) {
    const M weighted = step(gone, v, k);
    return lgt(lfabs(weighted), 100.0 * sabs);
  }
  // The sums' slide by one bar, both forms' (returns period·gone, the re-seed test's).
  HEAN_INLINE M step(M gone, M v, const LinregConst& k) {
    const M weighted = k.dp * gone;
    sxy = (sxy + sy) - weighted;
    sy = (sy - gone) + v;
    sabs = (sabs - lfabs(gone)) + lfabs(v);
    return weighted;
  }
  // Takes `f`'s sums in the lanes of `m`.
  template <class Mask>
  HEAN_INLINE void take(Mask m, const LinregSums& f) {
    sy = lsel(m, f.sy, sy);
    sxy = lsel(m, f.sxy, sxy);
    sabs = lsel(m, f.sabs, sabs);
    left = lsel(m, f.left, left);
  }
};

// Bars from .. to - 1 of one run into y (bar t at y[t - off]), bar `from` a re-seed. With
// Reseed, each lane re-seeds when due; for one lane (M = double) the run stops on a due
// re-seed at a bar >= stop and returns that bar. Without, nothing re-seeds and `seen` flags
// the lanes that were due one (the caller redoes them), or (Certified) whose b + m·c
// lfma_certified did not prove. Returns the bar reached.
template <int Part, bool Reseed, class M, class X, class Y>
HEAN_INLINE std::size_t linreg_run(const X& x, const Y& y, std::size_t off, const LinregConst& k, std::size_t from,
                                   std::size_t to, std::size_t stop, M& seen) {
  const std::size_t p = k.p;
  LinregSums<M> s;
  s.seed(k, [&](std::size_t j) { return x[from + 1 - p + j]; });
#if defined(__wasm_simd128__)
  constexpr bool Certified = !Reseed && std::is_same_v<M, VP>;
#else
  constexpr bool Certified = false;
#endif
  lm::FmaRun<M> run;
  y.set(from - off, linreg_out<Part, Certified>(k, s.sy, s.sxy, &run));
  for (std::size_t t = from + 1; t < to; ++t) {
    if constexpr (!Reseed) {
      // (to - from <= every: the interval does not run out)
      seen = lsel(s.slide_within(x[t - p], x[t], k), lanes_of<M>(1.0), seen);
    } else {
      const auto due = s.slide(x[t - p], x[t], k);
      if (first_lane(lane_flags<M>(due)) != 8) [[unlikely]] {
        if constexpr (std::is_same_v<M, double>) {
          if (t >= stop) return t;
        }
        LinregSums<M> f;
        f.seed(k, [&](std::size_t j) { return x[t + 1 - p + j]; });
        s.take(due, f);
      }
    }
    y.set(t - off, linreg_out<Part, Certified>(k, s.sy, s.sxy, &run));
  }
  if constexpr (Certified) seen = lsel(run.open(), lanes_of<M>(1.0), seen);
  return to;
}

template <class L, int Part>
HEAN_INLINE void linreg_kernel_of(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const LinregConst k = linreg_const(opt_size(o[0]));
  const std::size_t p = k.p;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  L seen = splat<L>(0.0);
  if constexpr (std::is_same_v<L, double>) {
    // One series: eight re-seed intervals at once, lane l the interval from bar b + l·every
    // (as series_segments.hpp). A lane due the second trigger moves every later re-seed:
    // the intervals from its own are redone one bar at a time, up to a re-seed at least an
    // interval on, and the lanes resume there.
    // Lanes only where eight intervals fit (256·p <= n: no overflow of 8·every in WASM's
    // 32-bit size_t for a huge period). (There a period is < 2^26, lfma_certified's `small`.)
    const std::size_t lead = p - 1, every = p <= n / 256 ? 32 * p : 0;
    std::size_t b = lead;
#if defined(__wasm_simd128__)
    constexpr std::size_t kLanes = 2;
#else
    constexpr std::size_t kLanes = 8;
#endif
    while (every != 0 && n - b >= kLanes * every) {
#if defined(__wasm_simd128__)
      const LinregIn2 xs{x.span(b - lead, 2 * every + lead), every};
      const LinregOut2 ys{y.p + b, every};
      VP moved = VP{};
      linreg_run<Part, false>(xs, ys, lead, k, lead, lead + every, 0, moved);
      const int l = moved[0] != 0.0 ? 0 : moved[1] != 0.0 ? 1 : 8;
#else
      const In<V8> xs{x.span(b - lead, 8 * every + lead), every};
      const Out<V8> ys{y.p + b, every};
      V8 moved = splat<V8>(0.0);
      linreg_run<Part, false>(xs, ys, lead, k, lead, lead + every, 0, moved);
      const int l = first_lane(moved);
#endif
      if (l == 8) {
        b += kLanes * every;
        continue;
      }
      b += std::size_t(l) * every;
      b = linreg_run<Part, true>(x, y, 0, k, b, n, b + every, seen);
    }
    if (b < n) linreg_run<Part, true>(x, y, 0, k, b, n, SIZE_MAX, seen);
    return;
  }
  linreg_run<Part, true>(x, y, 0, k, p - 1, n, SIZE_MAX, seen);
}

template <class L>
void linearreg_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_kernel_of<L, kLinregValue>(in, n, o, out);
}
template <class L>
void linearregIntercept_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_kernel_of<L, kLinregIntercept>(in, n, o, out);
}
template <class L>
void linearregSlope_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_kernel_of<L, kLinregSlope>(in, n, o, out);
}
template <class L>
void tsf_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_kernel_of<L, kLinregForecast>(in, n, o, out);
}
template <class L>
void linearregAngle_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_kernel_of<L, kLinregAngle>(in, n, o, out);
}
HEAN_LANE_KERNELS(linearreg)
HEAN_LANE_KERNELS(linearregAngle)
HEAN_LANE_KERNELS(linearregIntercept)
HEAN_LANE_KERNELS(linearregSlope)
HEAN_LANE_KERNELS(tsf)

}  // namespace

#define HEAN_LINREG_PERIOD ::hean::OptDef{"period", 14, 2, ::hean::kMaxPeriod, true, nullptr, "window length"}
HEAN_DEF(linearreg){
    "linearreg", "Linear regression value at the latest bar (least squares over the window)", 1, {"close"}, 1,
    {HEAN_LINREG_PERIOD}, 1, {"linearreg"}, linreg_lookback, linearreg_s, linearreg_v};
HEAN_DEF(linearregIntercept){
    "linearregIntercept", "Linear regression intercept: the fitted line's value at the window's oldest bar", 1,
    {"close"}, 1, {HEAN_LINREG_PERIOD}, 1, {"linearregIntercept"}, linreg_lookback, linearregIntercept_s,
    linearregIntercept_v};
HEAN_DEF(linearregSlope){
    "linearregSlope", "Linear regression slope per bar (least squares over the window)", 1, {"close"}, 1,
    {HEAN_LINREG_PERIOD}, 1, {"linearregSlope"}, linreg_lookback, linearregSlope_s, linearregSlope_v};
HEAN_DEF(tsf){
    "tsf", "Time series forecast: the regression line extended one bar ahead", 1, {"close"}, 1,
    {HEAN_LINREG_PERIOD}, 1, {"tsf"}, linreg_lookback, tsf_s, tsf_v};
HEAN_DEF(linearregAngle){
    "linearregAngle", "Linear regression angle: atan(slope) in degrees", 1, {"close"}, 1, {HEAN_LINREG_PERIOD}, 1,
    {"linearregAngle"}, linreg_lookback, linearregAngle_s, linearregAngle_v};
#undef HEAN_LINREG_PERIOD

// Streaming: state n, pos (ring slot of the next value), out, then LinregSums (left, sy,
// sxy, sabs); the window is the ring of the last `period` values; constants LinregConst's
// dp, sum_x, divisor, every. The kernel's seed on the first window and its slide and
// re-seeds after. (The earlier layout, n/pos/out with the sums taken afresh each bar, is
// refused on restore: src/stream/wasm.ts RETIRED.)
namespace {
template <int Part>
void linreg_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (ring_stream_gap(c, is_gap(v))) return;
  const LinregConst k{opt_size(c.o[0]), c.k[0], c.k[1], c.k[2], c.k[3], lm::fma_const(c.k[0] - 1.0), lm::fma_const(c.k[0])};
  const double gone = ring_put(c, 0, k.p, s[1], v);
  if (++s[0] < k.dp) {
    s[2] = kNaN;
    return;
  }
  LinregSums<double> z{s[4], s[5], s[6], s[3]};
  if (s[0] == k.dp || z.slide(gone, v, k)) {
    const std::size_t oldest = std::size_t(s[1]);
    z.seed(k, [&](std::size_t j) { return c.w[oldest + j < k.p ? oldest + j : oldest + j - k.p]; });
  }
  s[3] = z.left;
  s[4] = z.sy;
  s[5] = z.sxy;
  s[6] = z.sabs;
  s[2] = linreg_out<Part>(k, z.sy, z.sxy);
}
void linreg_clear(StreamCtx& c) {
  clear_state<3>(c);
  c.s[3] = c.s[4] = c.s[5] = c.s[6] = 0;
}
void linreg_constants(const double* o, double* k) {
  const LinregConst c = linreg_const(opt_size(o[0]));
  k[0] = c.dp;
  k[1] = c.sum_x;
  k[2] = c.divisor;
  k[3] = c.every;
}
}  // namespace

HEAN_STREAM(linearreg){7, 2, period_window, linreg_constants, linreg_clear, linreg_stream_step<kLinregValue>};
HEAN_STREAM(linearregIntercept){7, 2, period_window, linreg_constants, linreg_clear,
                                linreg_stream_step<kLinregIntercept>};
HEAN_STREAM(linearregSlope){7, 2, period_window, linreg_constants, linreg_clear, linreg_stream_step<kLinregSlope>};
HEAN_STREAM(tsf){7, 2, period_window, linreg_constants, linreg_clear, linreg_stream_step<kLinregForecast>};
HEAN_STREAM(linearregAngle){7, 2, period_window, linreg_constants, linreg_clear, linreg_stream_step<kLinregAngle>};

}  // namespace hean
