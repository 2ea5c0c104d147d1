// Bollinger Bands (TA-Lib BBANDS; an SMA middle by default, any MA type by maType): middle ± stdDev * population
// standard deviation of the window, from one fused pass over the data.
#include "hean/ma.hpp"

namespace hean {
namespace {

std::size_t bbands_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]), m = ma_lookback(int(o[2]), p);
  return m > p - 1 ? m : p - 1;
}

// Another middle band (TA-Lib BBANDS with that MAType): the MA by the MA dispatch
// (hean/ma.hpp) into out[1], the population standard deviation of the window beside it.
template <class L>
void bbands_ma(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), lb = bbands_lookback(o, 0);
  const double k = o[1];
  const In<L>& x = in[0];
  if (n <= lb) {
    for (int j = 0; j < 3; ++j) fill_nan(out[j], 0, n);
    return;
  }
  ma_run<L>(int(o[2]), p, x, n, out[1]);
  const In<L> mid = in_of(out[1]);
  auto f = [&](std::size_t i) { return x[i]; };
  FlatMoments<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    if (i >= lb) {
      const L sd = lsqrt(w.variance());
      const L m = mid[i];
      out[0].set(i, m + sd * k);
      out[2].set(i, m - sd * k);
    }
    if (++i >= n) break;
    w.step(f, i);
  }
  for (int j = 0; j < 3; ++j) fill_nan(out[j], 0, lb);
}

// The bands of two bars at once from their means m and moments q (FlatMoments' m, m2):
// mean ± k * sqrt(max(q / p, 0)) lane-wise, the scalar operations in the same order (two
// square roots in one instruction where the target has it: the same IEEE results).
HEAN_INLINE void bands2(double m0, double q0, double m1, double q1, double inv_p, double k, double* up, double* mid,
                        double* lo) {
#if defined(__GNUC__) || defined(__clang__)
  typedef double D2 __attribute__((vector_size(16), aligned(8)));
  const D2 m{m0, m1}, v = D2{q0, q1} * inv_p, zero{0.0, 0.0};
  const D2 c = v > zero ? v : zero;
#if defined(__wasm_simd128__)
  const D2 sd = (D2)wasm_f64x2_sqrt((v128_t)c);
#else
  const D2 sd{std::sqrt(c[0]), std::sqrt(c[1])};
#endif
  const D2 w = sd * k;
  *(D2*)up = m + w;
  *(D2*)mid = m;
  *(D2*)lo = m - w;
#else
  const double v0 = q0 * inv_p, v1 = q1 * inv_p;
  const double s0 = std::sqrt(v0 > 0.0 ? v0 : 0.0), s1 = std::sqrt(v1 > 0.0 ? v1 : 0.0);
  up[0] = m0 + s0 * k, mid[0] = m0, lo[0] = m0 - s0 * k;
  up[1] = m1 + s1 * k, mid[1] = m1, lo[1] = m1 - s1 * k;
#endif
}

// The SMA bands of one series (the scalar kernel): FlatMoments' arithmetic operation for
// operation (so the 8-lane kernel's and the stream's bits), written for one series: the
// flat-run count an integer, the exact recomputation every `every` steps hoisted out of
// the inner loop, and two bars' bands (square roots, products) computed together. On
// short series this is most of the call (WASM bbands on 64 bars: the kernel ~205 -> ~155 ns).
void bbands_sma1(const In<double>& x, std::size_t n, std::size_t p, double k, const Out<double>* out) {
  double* const up = out[0].p;
  double* const mid = out[1].p;
  double* const lo = out[2].p;
  const double inv_p = 1.0 / double(p);
  const std::size_t every = resum_every(p, 128);
  double m = 0, m2 = 0;
  // WindowMoments::resum of the window ending at `end` (exclusive).
  auto resum = [&](std::size_t end) {
    double a = 0.0;
    for (std::size_t j = end - p; j < end; ++j) a = a + x[j];
    a = a * inv_p;
    double b = 0.0;
    for (std::size_t j = end - p; j < end; ++j) {
      const double d = x[j] - a;
      b = b + d * d;
    }
    m = a;
    m2 = b;
  };
  // FlatMoments::settle: a window of p equal values (run counts the equal neighbours).
  std::size_t run = 0;
  auto settle = [&](double v) {
    if (run + 1 >= p) [[unlikely]] {
      m = v;
      m2 = 0.0;
    }
  };
  auto bands1 = [&](std::size_t i) {
    const double v = m2 * inv_p;
    const double sd = std::sqrt(v > 0.0 ? v : 0.0);
    up[i] = m + sd * k;
    mid[i] = m;
    lo[i] = m - sd * k;
  };
  double last = x[p - 1];
  auto step = [&](std::size_t i) {
    const double xn = x[i], xo = x[i - p];
    const double dx = xn - xo;
    const double nm = m + dx * inv_p;
    m2 = m2 + dx * ((xn - nm) + (xo - m));
    m = nm;
    run = xn != last ? 0 : run + 1;
    last = xn;
    settle(xn);
  };
  {
    // resum(p), with the first window's flat run counted in its first loop (one pass fewer).
    double a = 0.0, prev = x[0];
    a = a + prev;
    for (std::size_t j = 1; j < p; ++j) {
      const double v = x[j];
      a = a + v;
      run = v != prev ? 0 : run + 1;
      prev = v;
    }
    a = a * inv_p;
    double b = 0.0;
    for (std::size_t j = 0; j < p; ++j) {
      const double d = x[j] - a;
      b = b + d * d;
    }
    m = a;
    m2 = b;
  }
  settle(last);
  bands1(p - 1);
  std::size_t i = p;
  // Steps between recomputations: they happen at bars p - 1 + every, p - 1 + 2 * every, ...
  for (std::size_t at = p - 1 + every; i < n; at += every) {
    const std::size_t end = at < n ? at : n;
    // Four bars a trip (fewer loop-back checks in WASM), two bars' bands at a time.
    for (; i + 4 <= end; i += 4) {
      step(i);
      const double m0 = m, q0 = m2;
      step(i + 1);
      bands2(m0, q0, m, m2, inv_p, k, up + i, mid + i, lo + i);
      step(i + 2);
      const double m2_ = m, q2 = m2;
      step(i + 3);
      bands2(m2_, q2, m, m2, inv_p, k, up + i + 2, mid + i + 2, lo + i + 2);
    }
    for (; i + 2 <= end; i += 2) {
      step(i);
      const double m0 = m, q0 = m2;
      step(i + 1);
      bands2(m0, q0, m, m2, inv_p, k, up + i, mid + i, lo + i);
    }
    if (i < end) {
      step(i);
      bands1(i++);
    }
    if (i >= n) break;
    resum(i + 1);
    const double xn = x[i];
    run = xn != last ? 0 : run + 1;
    last = xn;
    settle(xn);
    bands1(i++);
  }
}

template <class L>
void bbands_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (int(o[2]) != kMaSma) return bbands_ma<L>(in, n, o, out);
  if constexpr (std::is_same_v<L, double>) {
    if (n < p) {
      for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
      return;
    }
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
    return bbands_sma1(in[0], n, p, o[1], out);
  }
  const double up = o[1], dn = o[1];
  const In<L>& x = in[0];
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  auto f = [&](std::size_t i) { return x[i]; };
  FlatMoments<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    L mid = w.mean();
    L sd = lsqrt(w.variance());
    out[0].set(i, mid + sd * up);
    out[1].set(i, mid);
    out[2].set(i, mid - sd * dn);
    if (++i >= n) break;
    w.step(f, i);
  }
}
HEAN_LANE_KERNELS(bbands)

}  // namespace

HEAN_DEF(bbands){
    "bbands", "Bollinger Bands: MA middle (SMA by default) ± k population standard deviations", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 20, "window length"),
     OptDef{"stdDev", 2, 0, 1e6, false, nullptr, "band width in population standard deviations"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type of the middle band (TA-Lib's default sma)")}, 
    3, {"upper", "middle", "lower"}, bbands_lookback, bbands_s, bbands_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide, _settle), ok; outputs from them.
// The stream is the SMA middle band's: other maTypes ask for an impossible window, which
// the stream constructor rejects (src/stream/wasm.ts checks maType first).
HEAN_STREAM(bbands){6, 5, [](const double* o) { return o[2] == 0 ? period_window(o) : ~std::size_t(0) >> 12; },
                    moments_constants,
                    [](StreamCtx& c) {
                      clear_moments(c);
                      c.s[5] = 0;
                    },
                    [](StreamCtx& c, const double* x) {
                      c.s[5] = moments_stream_slide(c, x[0]) ? 1 : 0;
                      if (c.s[5] != 0) moments_stream_settle(c, x[0]);
                    },
                    [](const StreamCtx& c, double* out) {
                      if (c.s[5] == 0) {
                        out[0] = out[1] = out[2] = kNaN;
                        return;
                      }
                      const double mid = c.s[3], sd = moments_sd(c), k = c.k[2];
                      out[0] = mid + sd * k;
                      out[1] = mid;
                      out[2] = mid - sd * k;
                    }};
}  // namespace hean
