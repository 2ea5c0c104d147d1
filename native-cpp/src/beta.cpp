// TA-Lib BETA: the least-squares slope of y's simple returns on x's simple returns over the
// last `period` returns, (n·Sxy − Sx·Sy) / (n·Sxx − Sx²). TA-Lib 0.8.1's rules, both
// scale-free: a return whose previous price is exactly 0 counts as 0, and a window whose
// x-return spread n·Sxx − Sx² is at most 1e-14 of n·Sxx (its own scale, on shifted sums)
// gives 0 (see rollingBeta for NaN there). The sums are WindowCoMoments' shifted
// co-moments (Sxy − Sx·Sy/n = dxy, n·Sxx − Sx² = n·dxx, n·Sxx = n·sxx), so price-level
// cancellation can't creep in over a long run.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t beta_lookback(const double* o, int) { return opt_size(o[0]); }

// Simple return from `prev` to `cur`, 0 where prev is exactly 0.
template <class L>
HEAN_INLINE L beta_return(L prev, L cur) {
  return div_nz(cur - prev, prev, 0.0);
}

// The window's beta from its co-moments: 0 unless the x spread dxx is above 1e-14 of the
// shifted sum of squares sxx it is extracted from (TA-Lib's `denom > 1e-14 * n * S_xx`).
template <class L>
HEAN_INLINE L beta_value(L dxx, L sxx, L dxy) {
  return lsel(lgt(dxx, splat<L>(kTaEpsilon) * sxx), dxy / dxx, splat<L>(0.0));
}

template <class L>
void beta_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  const In<L>&a = in[0], &b = in[1];
  // Returns of bar j >= 1.
  auto f = [&](std::size_t j) { return beta_return<L>(a[j - 1], a[j]); };
  auto g = [&](std::size_t j) { return beta_return<L>(b[j - 1], b[j]); };
  WindowCoMoments<L> m;
  m.init(p, f, g, p + 1);
  for (std::size_t i = p;;) {
    y.set(i, beta_value<L>(m.dxx(), m.sxx, m.dxy()));
    if (++i >= n) break;
    m.step(f, g, i);
  }
}
HEAN_LANE_KERNELS(beta)

}  // namespace

HEAN_DEF(beta){
    "beta", "Beta of y's returns on x's returns (TA-Lib BETA)", 2, {"x", "y"}, 1,
    {OptDef{"period", 5, 1, kMaxPeriod, true, nullptr, "number of returns in the window"}},
    1, {"beta"}, beta_lookback, beta_s, beta_v};

// Streaming: the co-moments' state (comoments_stream_push, s[0..13], fed the returns),
// the previous x and y prices s[14], s[15], whether they are set s[16], and out s[17].
// The kernel's returns and beta.
HEAN_STREAM(beta){18, 17, [](const double* o) { return 2 * opt_size(o[0]); },
                  [](const double* o, double* k) {
                    k[0] = 1.0 / double(opt_size(o[0]));
                    k[1] = comoments_every(opt_size(o[0]));
                  },
                  clear_state<18>,
                  [](StreamCtx& c, const double* x) {
                    double* s = c.s;
                    s[17] = kNaN;
                    if (is_gap(x[0]) || is_gap(x[1])) {
                      comoments_stream_slide(c, kNaN, kNaN);
                      s[16] = 0;
                      return;
                    }
                    const bool first = s[16] == 0;
                    const double rx = beta_return(s[14], x[0]), ry = beta_return(s[15], x[1]);
                    s[14] = x[0];
                    s[15] = x[1];
                    s[16] = 1;
                    // The returns as the kernel keeps them (an overflowed one is no gap there).
                    if (first || !comoments_stream_push(c, rx, ry)) return;
                    const double inv = c.k[0];
                    s[17] = beta_value(s[7] - s[5] * s[5] * inv, s[7], s[9] - s[5] * s[6] * inv);
                  }};

}  // namespace hean
