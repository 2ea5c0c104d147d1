// Triangular moving average (TA-Lib TRIMA): the SMA of an SMA, with windows (p+1)/2 and
// (p+1)/2 for odd p, p/2 + 1 and p/2 for even p, i.e. triangular weights over `period`
// bars. The inner window sums are kept in a ring and summed again; first value at p-1.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/scratch.hpp"

namespace hean {
namespace {

std::size_t trima_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// Both windows' steps over a chunk's m bars: xs[j + n1] is bar j's close (n1 of history
// first), rb[j + n2] gets its inner sum (n2 of history first), q[j] its outer sum. Out of
// line with the windows in locals, so the sums stay in registers (inlined, GCC kept them on
// the stack across the loop: a store-forward on every bar's chain).
[[gnu::noinline]] void trima_chains(WindowSum<double>& s1, WindowSum<double>& s2, const double* xs, double* rb,
                                    double* q, std::size_t m) {
  WindowSum<double> a = s1, b = s2;
  const std::size_t n1 = a.p, n2 = b.p;
  for (std::size_t j = 0; j < m; ++j) {
    rb[j + n2] = a.step_at(xs, j + n1);
    q[j] = b.step_at(rb, j + n2);
  }
  s1 = a;
  s2 = b;
}

template <class L>
void trima_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t n1 = p / 2 + 1, n2 = p + 1 - n1;
  const std::size_t lb = p - 1;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  auto fx = [&](std::size_t i) { return x[i]; };
  // Sum of sums over n1*n2: one rounding for both divisions.
  const double div = double(n1 * n2);
  // The inner sums of bars n1 - 1 .. lb (the first outer window) into r's slots, then the
  // first outer sum: r(i) for i in that range.
  WindowSum<L> s1, s2;
  const auto warm_up = [&](auto&& r) {
    s1.init(n1, fx, n1);
    r(n1 - 1) = s1.sum;
    for (std::size_t i = n1; i <= lb; ++i) {
      s1.step(fx, i);
      r(i) = s1.sum;
    }
    s2.init(n2, r, lb + 1);
    y.set(lb, s2.sum / div);
  };
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: both windows' steps in one loop (WindowSum::step, so
    // the same bits), then the division eight bars at once.
    constexpr std::size_t kChunk = 1024;
    const std::size_t most = n - (lb + 1) < kChunk ? n - (lb + 1) : kChunk;
    const Scratch<double, 1024> rb(n2 + most);  // the last n2 inner sums, then the chunk's
    warm_up([&](std::size_t i) -> double& { return rb[i - (n1 - 1)]; });  // lb + 1 - n2 = n1 - 1
    for (std::size_t i0 = lb + 1; i0 < n;) {
      const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
      double* q = y.p + i0;
      trima_chains(s1, s2, x.span(i0 - n1, m + n1), rb.data(), q, m);
      std::size_t j = 0;
      for (; j + 8 <= m; j += 8) put_bars8(q + j, bars8(q + j) / div);
      for (; j < m; ++j) q[j] = q[j] / div;
      for (std::size_t k = 0; k < n2; ++k) rb[k] = rb[m + k];
      i0 += m;
    }
    return;
  }
  Ring<L> r;
  r.init(n2 + 1);
  auto fr = [&](std::size_t i) -> L& { return r[i]; };
  warm_up(fr);
  for (std::size_t i = lb + 1; i < n; ++i) {
    s1.step(fx, i);
    r[i] = s1.sum;
    s2.step(fr, i);
    y.set(i, s2.sum / div);
  }
}
HEAN_LANE_KERNELS(trima)

}  // namespace

HEAN_DEF(trima){
    "trima", "Triangular moving average (SMA of an SMA)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "total window length of the triangular weights")},
    1, {"trima"}, trima_lookback, trima_s, trima_v};

// Streaming: state n, {pos1, since1, sum1} (window sums of the closes), {pos2, since2,
// sum2} (window sums of those sums), out; the window holds the closes' ring (n1 slots),
// then the sums' ring (n2 slots). The kernel's two WindowSums, slide for slide.
namespace {
void trima_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[4] = 0;
    s[7] = kNaN;
    return;
  }
  const double n1 = c.k[0], n2 = c.k[1];
  const double n = ++s[0];
  if (!window_sum_slide(c, 0, std::size_t(n1), c.k[2], s + 1, n, v) ||
      !window_sum_slide(c, std::size_t(n1), std::size_t(n2), c.k[3], s + 4, n - (n1 - 1), s[3])) {
    s[7] = kNaN;
    return;
  }
  s[7] = s[6] / c.k[4];
}
void trima_windows(const double* o, std::size_t& n1, std::size_t& n2) {
  const std::size_t p = opt_size(o[0]);
  n1 = p / 2 + 1;
  n2 = p + 1 - n1;
}
}  // namespace

HEAN_STREAM(trima){8, 7,
                   [](const double* o) {
                     std::size_t n1, n2;
                     trima_windows(o, n1, n2);
                     return n1 + n2;
                   },
                   [](const double* o, double* k) {
                     std::size_t n1, n2;
                     trima_windows(o, n1, n2);
                     k[0] = double(n1);
                     k[1] = double(n2);
                     k[2] = double(resum_every(n1, 1024));
                     k[3] = double(resum_every(n2, 1024));
                     k[4] = double(n1 * n2);
                   },
                   clear_state<8>, trima_stream_step};

}  // namespace hean
