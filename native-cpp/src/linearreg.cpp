// Linear regression family (TA-Lib LINEARREG, LINEARREG_INTERCEPT, LINEARREG_SLOPE,
// LINEARREG_ANGLE = atan(slope) in degrees, TSF):
// the least-squares line through the last `period` values, read as its value at the latest
// bar, its intercept b (its value at the window's oldest bar), its slope m per bar, or its
// forecast one bar ahead (TSF: b + m * period). As TA-Lib, the sums weight each value by
// its bars back from the latest (the divisor's sign turns m into the forward slope) and
// are taken afresh over the window each bar (O(period) a bar, no drift). One body; over
// one series the lanes are consecutive bars (each lane the scalar order, the same bits).
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/lmath.hpp"

namespace hean {
namespace {

enum LinregPart { kLinregValue, kLinregIntercept, kLinregSlope, kLinregForecast, kLinregAngle };

std::size_t linreg_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L, int Part>
HEAN_INLINE void linreg_run(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double dp = double(p);
  const double sum_x = dp * (dp - 1.0) * 0.5;
  const double sum_x_sqr = dp * (dp - 1.0) * (2.0 * dp - 1.0) / 6.0;
  const double divisor = sum_x * sum_x - dp * sum_x_sqr;
  // The bar's output from its sums (lanes: series, or consecutive bars of one series).
  const auto finish = [&](auto sy, auto sxy) {
    using T = decltype(sy);
    const T m = (dp * sxy - sum_x * sy) / divisor;
    if constexpr (Part == kLinregSlope) return m;
    // TA-Lib: atan(m) * (180 / pi), atan from hean/lmath.hpp (the same bits everywhere).
    else if constexpr (Part == kLinregAngle) {
      if constexpr (std::is_same_v<T, double>) return T(latan(m) * (180.0 / 3.14159265358979323846));
      else return T(lmap(m, [](double v) { return latan(v); }) * (180.0 / 3.14159265358979323846));
    } else {
      const T b = (sy - m * sum_x) / dp;
      if constexpr (Part == kLinregValue) return T(b + m * (dp - 1.0));
      else if constexpr (Part == kLinregIntercept) return b;
      else return T(b + m * dp);
    }
  };
  std::size_t t = p - 1;
  if constexpr (std::is_same_v<L, double>) {
    // Sixteen bars at a time as two groups of eight lanes (two independent chains a sum).
    const V8 zero = splat<V8>(0.0);
    for (; t + 16 <= n; t += 16) {
      const double* w = x.span(t - (p - 1), p - 1 + 16);  // bar t's window starts at w[0]
      V8 sy0 = zero, sxy0 = zero, sy1 = zero, sxy1 = zero;
      for (std::size_t i = p; i-- != 0;) {
        const std::size_t k = p - 1 - i;
        const V8 v0 = bars8(w + k), v1 = bars8(w + 8 + k);
        sy0 = sy0 + v0;
        sxy0 = sxy0 + double(i) * v0;
        sy1 = sy1 + v1;
        sxy1 = sxy1 + double(i) * v1;
      }
      put_bars8(y.p + t, finish(sy0, sxy0));
      put_bars8(y.p + t + 8, finish(sy1, sxy1));
    }
    for (; t + 8 <= n; t += 8) {
      const double* w = x.span(t - (p - 1), p - 1 + 8);
      V8 sy = zero, sxy = zero;
      for (std::size_t i = p; i-- != 0;) {
        const V8 v = bars8(w + (p - 1 - i));
        sy = sy + v;
        sxy = sxy + double(i) * v;
      }
      put_bars8(y.p + t, finish(sy, sxy));
    }
  }
  for (; t < n; ++t) {
    L sxy = splat<L>(0.0), sy = splat<L>(0.0);
    for (std::size_t i = p; i-- != 0;) {
      const L v = x[t - i];
      sy = sy + v;
      sxy = sxy + double(i) * v;
    }
    y.set(t, finish(sy, sxy));
  }
}

template <class L>
void linearreg_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_run<L, kLinregValue>(in, n, o, out);
}
template <class L>
void linearregIntercept_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_run<L, kLinregIntercept>(in, n, o, out);
}
template <class L>
void linearregSlope_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_run<L, kLinregSlope>(in, n, o, out);
}
template <class L>
void tsf_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_run<L, kLinregForecast>(in, n, o, out);
}
template <class L>
void linearregAngle_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  linreg_run<L, kLinregAngle>(in, n, o, out);
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

// Streaming: state n, pos (ring slot of the next value), out; the window is the ring of the
// last `period` values; constants dp, sum_x, divisor as the kernel's. The kernel's sums
// (oldest first, weighted by bars back) and expressions, afresh each bar.
namespace {
template <int Part>
void linreg_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (ring_stream_gap(c, is_gap(v))) return;
  const std::size_t p = opt_size(c.o[0]);
  ring_put(c, 0, p, s[1], v);
  const std::size_t next = std::size_t(s[1]);  // the oldest value's slot
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  const double dp = c.k[0], sum_x = c.k[1], divisor = c.k[2];
  double sxy = 0.0, sy = 0.0;
  for (std::size_t i = p, j = next; i-- != 0; j = j + 1 == p ? 0 : j + 1) {
    const double w = c.w[j];
    sy = sy + w;
    sxy = sxy + double(i) * w;
  }
  const double m = (dp * sxy - sum_x * sy) / divisor;
  if constexpr (Part == kLinregSlope) {
    s[2] = m;
  } else if constexpr (Part == kLinregAngle) {
    s[2] = latan(m) * (180.0 / 3.14159265358979323846);
  } else {
    const double b = (sy - m * sum_x) / dp;
    if constexpr (Part == kLinregValue) s[2] = b + m * (dp - 1.0);
    if constexpr (Part == kLinregIntercept) s[2] = b;
    if constexpr (Part == kLinregForecast) s[2] = b + m * dp;
  }
}
void linreg_constants(const double* o, double* k) {
  const double dp = double(opt_size(o[0]));
  const double sum_x = dp * (dp - 1.0) * 0.5;
  const double sum_x_sqr = dp * (dp - 1.0) * (2.0 * dp - 1.0) / 6.0;
  k[0] = dp;
  k[1] = sum_x;
  k[2] = sum_x * sum_x - dp * sum_x_sqr;
}
}  // namespace

HEAN_STREAM(linearreg){3, 2, period_window, linreg_constants, clear_state<3>, linreg_stream_step<kLinregValue>};
HEAN_STREAM(linearregIntercept){3, 2, period_window, linreg_constants, clear_state<3>,
                                linreg_stream_step<kLinregIntercept>};
HEAN_STREAM(linearregSlope){3, 2, period_window, linreg_constants, clear_state<3>, linreg_stream_step<kLinregSlope>};
HEAN_STREAM(tsf){3, 2, period_window, linreg_constants, clear_state<3>, linreg_stream_step<kLinregForecast>};
HEAN_STREAM(linearregAngle){3, 2, period_window, linreg_constants, clear_state<3>, linreg_stream_step<kLinregAngle>};

}  // namespace hean
