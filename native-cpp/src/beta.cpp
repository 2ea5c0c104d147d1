// TA-Lib BETA: the least-squares slope of y's simple returns on x's simple returns over the
// last `period` returns, (n·Sxy − Sx·Sy) / (n·Sxx − Sx²). TA-Lib 0.8.1's rules, both
// scale-free: a return whose previous price is exactly 0 counts as 0, and a window whose
// x-return spread n·Sxx − Sx² is at most 1e-14 of n·Sxx (its own scale, on shifted sums)
// gives 0 (see rollingBeta for NaN there). The sums are WindowCoMoments' shifted
// co-moments (Sxy − Sx·Sy/n = dxy, n·Sxx − Sx² = n·dxx, n·Sxx = n·sxx), so price-level
// cancellation can't creep in over a long run. A slid sum keeps the rounding of the values
// it has shed, which is no longer small next to what is left once a window's x returns
// shrink by orders of magnitude (a flat stretch after a moving one: TA-Lib 0.8.1 gives 0
// there, hean gave ±0.3; 1e-12 moves after 1e-2 ones: 5 digits off). So, as TA-Lib 0.8.1
// re-seeds its regression sums, the co-moments are also summed afresh on the bar whose
// departing x return outweighs the window left, period·|gone| > 100·sum|x| (sum|x| slid
// alongside, afresh at every re-sum): then the window's values are summed without the
// departed ones' rounding, and a window of all-zero x returns sums to exactly 0.
#include <algorithm>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/scratch.hpp"

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

// Sum of |f(j)| over the window end - p .. end - 1, oldest first.
template <class L, class F>
HEAN_INLINE L beta_abs_sum(F&& f, std::size_t p, std::size_t end) {
  L a = splat<L>(0.0);
  for (std::size_t j = end - p; j < end; ++j) a = a + lfabs(f(j));
  return a;
}

// Whether the departing x return |gone| outweighs the window left (sum|x| `left`).
template <class L>
HEAN_INLINE auto beta_outweighs(L gone, L left, double dp) {
  return lgt(dp * gone, 100.0 * left);
}

// x's returns of bars j0 .. j0 + m - 1 into r (one series: eight bars a vector; the same
// division per bar, so the same bits).
template <class L>
HEAN_INLINE void beta_returns(const In<L>& x, std::size_t j0, std::size_t m, L* r) {
  std::size_t k = 0;
  if constexpr (std::is_same_v<L, double>) {
    const double* c = x.span(j0 - 1, m + 1);
    for (; k + 8 <= m; k += 8) put_bars8(r + k, beta_return<V8>(bars8(c + k), bars8(c + k + 1)));
  }
  for (; k < m; ++k) r[k] = beta_return<L>(x[j0 + k - 1], x[j0 + k]);
}

template <class L>
void beta_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double dp = double(p);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  const In<L>&a = in[0], &b = in[1];
  // The returns a chunk at a time, each bar's two divisions once (the window sums read them
  // p times a bar at p <= 8, where every bar is re-summed): rx[k], ry[k] are bar base + k's,
  // the chunk's bars after the p before it. On the stack (8 KiB in all) while p leaves a
  // chunk room there, else O(p) on the heap; one series: chunks of 256 bars; 8 (lanes of 64
  // bytes): of 32 bars on the stack (p <= 32), else 256. (The chunk's length changes no bits:
  // each bar's returns, sums and beta are the same operations.)
  constexpr bool kOne = std::is_same_v<L, double>;
  constexpr std::size_t kStack = kOne ? 512 : 64;
  const bool on_stack = p <= kStack / 2;
  const std::size_t chunk = kOne ? 256 : on_stack ? kStack - p : 256;
  const std::size_t half = on_stack ? kStack : p + chunk;
  const Scratch<L, 2 * kStack> buf(2 * half);
  L* const rx = buf.data();
  L* const ry = buf.data() + half;
  std::size_t base = 1;
  auto f = [&](std::size_t j) { return rx[j - base]; };
  auto g = [&](std::size_t j) { return ry[j - base]; };
  beta_returns(a, 1, p, rx);
  beta_returns(b, 1, p, ry);
  WindowCoMoments<L> w;
  w.init(p, f, g, p + 1);
  L sabs = beta_abs_sum<L>(f, p, p + 1);
  y.set(p, beta_value<L>(w.dxx(), w.sxx, w.dxy()));
  for (std::size_t i0 = p + 1; i0 < n; i0 += chunk) {
    const std::size_t m = n - i0 < chunk ? n - i0 : chunk;
    if (i0 > p + 1) {
      std::copy(rx + chunk, rx + chunk + p, rx);
      std::copy(ry + chunk, ry + chunk + p, ry);
    }
    base = i0 - p;
    beta_returns(a, i0, m, rx + p);
    beta_returns(b, i0, m, ry + p);
    std::size_t i = i0;
    if constexpr (std::is_same_v<L, double>) {
      if (w.every == 1) {
        // Every bar re-summed (p <= 8): a bar's beta depends on its window alone, so eight
        // bars at once, lane l doing bar i + l's re-sum (the same operations: the same bits).
        auto fv = [&](std::size_t j) { return bars8(rx + (j - base)); };
        auto gv = [&](std::size_t j) { return bars8(ry + (j - base)); };
        for (; i + 8 <= i0 + m; i += 8) {
          WindowCoMoments<V8> v;
          v.init(p, fv, gv, i + 1);
          put_bars8(y.p + i, beta_value<V8>(v.dxx(), v.sxx, v.dxy()));
        }
      }
    }
    for (; i < i0 + m; ++i) {
      const L xn = f(i), xo = f(i - p);
      const L gone = lfabs(xo);
      sabs = (sabs - gone) + lfabs(xn);
      if (w.step(f, g, i)) {
        sabs = beta_abs_sum<L>(f, p, i + 1);
      } else {
        const auto due = beta_outweighs<L>(gone, sabs, dp);
        if (any_lane<L>(due)) [[unlikely]] {
          w.resum_lanes(due, f, g, i);
          sabs = lsel(due, beta_abs_sum<L>(f, p, i + 1), sabs);
        }
      }
      y.set(i, beta_value<L>(w.dxx(), w.sxx, w.dxy()));
    }
  }
}
HEAN_LANE_KERNELS(beta)

}  // namespace

HEAN_DEF(beta){
    "beta", "Beta of y's returns on x's returns (TA-Lib BETA)", 2, {"x", "y"}, 1,
    {OptDef{"period", 5, 1, kMaxPeriod, true, nullptr, "number of returns in the window"}},
    1, {"beta"}, beta_lookback, beta_s, beta_v};

// Streaming: the co-moments' state (comoments_stream_push, s[0..13], fed the returns),
// the previous x and y prices s[14], s[15], whether they are set s[16], out s[17], and the
// window's sum|x| s[18] (the kernel's sabs; snapshots of the 18-value layout before it are
// migrated on restore, src/stream/wasm.ts). The kernel's returns, re-sums and beta.
HEAN_INLINE double beta_stream_abs_sum(const StreamCtx& c) {
  const std::size_t p = opt_size(c.o[0]);
  double a = 0.0;
  for (std::size_t k = 0, j = std::size_t(c.s[1]); k < p; ++k, j = j + 1 == p ? 0 : j + 1) a = a + lfabs(c.w[j]);
  return a;
}
HEAN_STREAM(beta){19, 17, [](const double* o) { return 2 * opt_size(o[0]); },
                  [](const double* o, double* k) {
                    k[0] = 1.0 / double(opt_size(o[0]));
                    k[1] = comoments_every(opt_size(o[0]));
                  },
                  clear_state<19>,
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
                    // The x return leaving the window (once it is full): its oldest.
                    const double gone = lfabs(c.w[std::size_t(s[1])]);
                    // The returns as the kernel keeps them (an overflowed one is no gap there).
                    if (first || !comoments_stream_push(c, rx, ry)) return;
                    if (s[2] == 0) {
                      s[18] = beta_stream_abs_sum(c);  // summed afresh (first window, or scheduled)
                    } else {
                      s[18] = (s[18] - gone) + lfabs(rx);
                      if (beta_outweighs(gone, s[18], double(opt_size(c.o[0])))) {
                        comoments_stream_resum(c);
                        s[18] = beta_stream_abs_sum(c);
                      }
                    }
                    const double inv = c.k[0];
                    s[17] = beta_value(s[7] - s[5] * s[5] * inv, s[7], s[9] - s[5] * s[6] * inv);
                  }};

}  // namespace hean
