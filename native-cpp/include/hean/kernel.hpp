// Shared by every kernel source file: the lane helpers, window blocks and the macros
// that turn one kernel template into the table's scalar and 8-lane entry points.
#pragma once

#include <cmath>
#include <cstddef>

#include "hean/indicator.hpp"
#include "hean/rolling.hpp"

namespace hean {

HEAN_INLINE std::size_t opt_size(double v) { return static_cast<std::size_t>(v); }

template <class L>
HEAN_INLINE void fill_nan(const Out<L>& o, std::size_t from, std::size_t to) {
  const L nan = splat<L>(kNaN);
  for (std::size_t i = from; i < to; ++i) o.set(i, nan);
}

// Natural log, lane-wise. Not an IEEE-exact operation: libms may differ in the last bit,
// so only the few indicators that are defined by a log use it (and say so).
HEAN_INLINE double llog(double a) { return std::log(a); }
HEAN_INLINE V8 llog(V8 a) {
  return lmap(a, [](double v) { return std::log(v); });
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

// Mean of f(from) .. f(from+p-1), summed in index order (the EMA family's seed).
template <class L, class F>
HEAN_INLINE L sma_seed(F&& f, std::size_t from, std::size_t p) {
  L s = splat<L>(0.0);
  for (std::size_t i = from; i < from + p; ++i) s = s + f(i);
  return s / double(p);
}

// True range of bar i >= 1 from inputs {high, low, close}, in TA-Lib's comparison order.
template <class L>
HEAN_INLINE L true_range(const In<L>* hlc, std::size_t i) {
  const L h = hlc[0][i], l = hlc[1][i], pc = hlc[2][i - 1];
  L g = h - l;
  g = lmax(labs(pc - h), g);
  return lmax(labs(pc - l), g);
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
  const auto ok = lne(d, splat<L>(0.0));
  return lsel(ok, x / lsel(ok, d, splat<L>(1.0)), splat<L>(fallback));
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
  HEAN_INLINE L value() const { return div_or<L>(gain * 100.0, gain + loss, 0.0); }
};

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

#define HEAN_SCALAR_KERNEL(NAME)                                                                         \
  static void NAME##_s(const ::hean::In<double>* in, std::size_t n, const double* o,                     \
                       const ::hean::Out<double>* out) {                                                 \
    NAME##_kernel<double>(in, n, o, out);                                                                \
  }                                                                                                      \
  [[maybe_unused]] constexpr ::hean::KernelV NAME##_v = nullptr;

// Opens the table row of NAME (at namespace hean scope). Indicator sources are also built
// at higher instruction-set levels (HEAN_ISA 2, 3); there the row is discarded and only the
// 8-lane entry point is exported, as NAME_v_avx2 / NAME_v_avx512, for lane_kernel().
#define HEAN_CAT_(a, b) a##b
#define HEAN_CAT(a, b) HEAN_CAT_(a, b)
#if HEAN_ISA == 3
#define HEAN_ISA_SUFFIX _v_avx512
#elif HEAN_ISA == 2
#define HEAN_ISA_SUFFIX _v_avx2
#endif
#if HEAN_ISA == 0
#define HEAN_DEF(NAME) extern const ::hean::IndicatorDef NAME##_def
#else
#define HEAN_DEF(NAME)                                                 \
  extern const ::hean::KernelV HEAN_CAT(NAME, HEAN_ISA_SUFFIX) = NAME##_v; \
  [[maybe_unused]] static const ::hean::IndicatorDef NAME##_def_unused
#endif

// Option-table shorthands.
#define HEAN_PERIOD(NAME, DEF, DOC) ::hean::OptDef{NAME, DEF, 1, ::hean::kMaxPeriod, true, nullptr, DOC}
