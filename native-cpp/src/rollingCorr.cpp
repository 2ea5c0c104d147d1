// Rolling Pearson correlation of x and y over `period` bars (TA-Lib CORREL's formula, on
// shifted co-moment sums instead of raw ones, so large prices don't cancel). 0 where
// either window is constant (counted exactly from value changes) or the variance product
// rounds to 0, as TA-Lib 0.8.1 (whose test is the product <= 0: a one-ulp move already
// gives a value there); clamped to [-1, 1].
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rollingCorr_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// The correlation from the window's co-moments (vx, vy, vxy) and its counts of value
// changes in x and y (kernel and stream). A co-moment that overflowed (|x| ~ 1e154) is
// NaN, as TA-Lib's is, not a 0 variance.
template <class L>
HEAN_INLINE L corr_value(L vx, L vy, L vxy, L na, L nb) {
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  const L den = lsqrt(lmax(vx, zero) * lmax(vy, zero));
  L r = vxy / lsel(lgt(den, zero), den, one);
  r = lmax(lmin(r, one), -one);
  const L q = vx * vy;
  r = lsel(lgt(den, zero), r, lsel(lne(q, q), splat<L>(kNaN), zero));
  return lsel(lgt(na, zero), lsel(lgt(nb, zero), r, zero), zero);
}

template <class L>
void rollingCorr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const In<L>&a = in[0], &b = in[1];
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  auto f = [&](std::size_t j) { return a[j]; };
  auto g = [&](std::size_t j) { return b[j]; };
  // Changes between neighbours: a window of p values is constant iff its p-1 are all 0.
  auto ca = [&](std::size_t j) { return lsel(lne(a[j], a[j - 1]), one, zero); };
  auto cb = [&](std::size_t j) { return lsel(lne(b[j], b[j - 1]), one, zero); };
  WindowCoMoments<L> m;
  WindowSum<L> na, nb;
  m.init(p, f, g, p);
  na.init(p - 1, ca, p);
  nb.init(p - 1, cb, p);
  for (std::size_t i = p - 1;;) {
    y.set(i, corr_value<L>(m.dxx(), m.dyy(), m.dxy(), na.sum, nb.sum));
    if (++i >= n) break;
    m.step(f, g, i);
    na.step(ca, i);
    nb.step(cb, i);
  }
}
HEAN_LANE_KERNELS(rollingCorr)

}  // namespace

HEAN_DEF(rollingCorr){
    "rollingCorr", "Rolling Pearson correlation of two series", 2, {"x", "y"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"rollingCorr"}, rollingCorr_lookback, rollingCorr_s, rollingCorr_v};

// Streaming: state n, pos (ring slot of the oldest pair), since, kx, ky, sx, sy, sxx, syy,
// sxy (WindowCoMoments), {pos, since, sum} of the two changes' WindowSums
// (window_sum_slide), the previous x and y, out; the window holds the rings of x and y
// (p each) and of their changes (p - 1 each). The kernel's co-moments (re-computed every
// step for p <= 8, else every max(8p, 128)), counts and expression.
namespace {
void rollingCorr_stream_step(StreamCtx& c, const double* in) {
  double* s = c.s;
  const double x = in[0], y = in[1];
  if (!(x - x + (y - y) == 0)) {
    s[0] = s[1] = s[10] = s[13] = 0;
    s[18] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double inv_p = c.k[0];
  const double i = s[0]++;
  const std::size_t pos = std::size_t(s[1]);
  const double ox = c.w[pos], oy = c.w[p + pos];
  c.put(pos, x);
  c.put(p + pos, y);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (i >= 1) {
    window_sum_slide(c, 2 * p, p - 1, c.k[2], s + 10, i, x != s[16] ? 1.0 : 0.0);
    window_sum_slide(c, 3 * p - 1, p - 1, c.k[2], s + 13, i, y != s[17] ? 1.0 : 0.0);
  }
  s[16] = x;
  s[17] = y;
  if (i < double(p - 1)) {
    s[18] = kNaN;
    return;
  }
  if (i == double(p - 1) || ++s[2] == c.k[1]) {
    s[2] = 0;
    double a = 0.0, b = 0.0;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
      a = a + c.w[j];
      b = b + c.w[p + j];
    }
    const double kx = s[3] = a * inv_p, ky = s[4] = b * inv_p;
    double x1 = 0.0, y1 = 0.0, xx = 0.0, yy = 0.0, xy = 0.0;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
      const double dx = c.w[j] - kx, dy = c.w[p + j] - ky;
      x1 = x1 + dx;
      y1 = y1 + dy;
      xx = xx + dx * dx;
      yy = yy + dy * dy;
      xy = xy + dx * dy;
    }
    s[5] = x1;
    s[6] = y1;
    s[7] = xx;
    s[8] = yy;
    s[9] = xy;
  } else {
    const double xn = x - s[3], xo = ox - s[3], yn = y - s[4], yo = oy - s[4];
    s[5] = s[5] + (xn - xo);
    s[6] = s[6] + (yn - yo);
    s[7] = s[7] + (xn * xn - xo * xo);
    s[8] = s[8] + (yn * yn - yo * yo);
    s[9] = s[9] + (xn * yn - xo * yo);
  }
  const double dxx = s[7] - s[5] * s[5] * inv_p, dyy = s[8] - s[6] * s[6] * inv_p, dxy = s[9] - s[5] * s[6] * inv_p;
  s[18] = corr_value<double>(dxx, dyy, dxy, s[12], s[15]);
}
}  // namespace

HEAN_STREAM(rollingCorr){19, 18, [](const double* o) { return 4 * opt_size(o[0]) - 2; },
                         [](const double* o, double* k) {
                           const std::size_t p = opt_size(o[0]);
                           k[0] = 1.0 / double(p);
                           k[1] = double(p <= 8 ? 1 : resum_every(p, 128));
                           k[2] = double(resum_every(p - 1, 1024));
                         },
                         clear_state<19>, rollingCorr_stream_step};

}  // namespace hean
