// Rolling z-score: (close - SMA) / population standard deviation over `period`, and 0
// where the window is constant. z is ill-conditioned when sigma is small next to the price
// (a running variance's rounding scales with the squared values), so the moments are kept
// about an origin re-centred on the newest close every `period` bars (an exact re-sum), which
// makes the rounding scale with the local range instead. Constancy is decided by an exact
// count of changes in the window, so leftover rounding can't turn a flat window into a
// ratio of two tiny residues.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t zscore_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void zscore_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  if (p == 1) {
    for (std::size_t i = 0; i < n; ++i) y.set(i, zero);
    return;
  }
  L origin = x[p - 1];
  auto fx = [&](std::size_t i) { return x[i] - origin; };
  auto chg = [&](std::size_t i) { return lsel(lne(x[i], x[i - 1]), one, zero); };
  WindowMoments<L> w;
  w.init(p, fx, p);
  WindowSum<L> changes;
  changes.init(p - 1, chg, p);
  for (std::size_t i = p - 1, since = 0;;) {
    const L sd = lsqrt(w.variance());
    const auto ok = lgt(sd, zero);
    const L z = lsel(ok, ((x[i] - origin) - w.mean()) / lsel(ok, sd, one), zero);
    y.set(i, lsel(lgt(changes.sum, zero), z, zero));
    if (++i >= n) break;
    changes.step(chg, i);
    if (++since == p) {
      since = 0;
      origin = x[i];
      w.init(p, fx, i + 1);
    } else {
      w.step(fx, i);
    }
  }
}
HEAN_LANE_KERNELS(zscore)

}  // namespace

HEAN_DEF(zscore){
    "zscore", "Rolling z-score: (close - SMA) / population standard deviation", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"zscore"}, zscore_lookback, zscore_s, zscore_v};

// Streaming: state n, pos (ring slot of the oldest close), since (bars since the origin
// moved), origin, mean, m2 (WindowMoments of close - origin), {pos, since, sum} of the
// changes' WindowSum (window_sum_slide), the previous close, out; the window holds the
// closes' ring (p) and the changes' ring (p - 1). As the kernel: the origin moves to the
// newest close every p bars, the moments then re-computed exactly by two passes.
namespace {
void zscore_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[6] = 0;
    s[10] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  if (p == 1) {
    s[10] = 0.0;
    return;
  }
  const double inv_p = c.k[0];
  const double i = s[0]++;
  const std::size_t pos = std::size_t(s[1]);
  const double old = c.w[pos];
  c.put(pos, v);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (i >= 1) window_sum_slide(c, p, p - 1, c.k[1], s + 6, i, v != s[9] ? 1.0 : 0.0);
  s[9] = v;
  if (i < double(p - 1)) {
    s[10] = kNaN;
    return;
  }
  if (i == double(p - 1) || ++s[2] == double(p)) {
    s[2] = 0;
    const double origin = s[3] = v;
    double a = 0.0;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) a = a + (c.w[j] - origin);
    a = a * inv_p;
    double b = 0.0;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
      const double d = (c.w[j] - origin) - a;
      b = b + d * d;
    }
    s[4] = a;
    s[5] = b;
  } else {
    const double xn = v - s[3], xo = old - s[3];
    const double dx = xn - xo;
    const double nm = s[4] + dx * inv_p;
    s[5] = s[5] + dx * ((xn - nm) + (xo - s[4]));
    s[4] = nm;
  }
  const double sd = std::sqrt(lmax(s[5] * inv_p, 0.0));
  const double z = sd > 0.0 ? ((v - s[3]) - s[4]) / sd : 0.0;
  s[10] = s[8] > 0.0 ? z : 0.0;
}
}  // namespace

HEAN_STREAM(zscore){11, 10, [](const double* o) { return 2 * opt_size(o[0]) - 1; },
                    [](const double* o, double* k) {
                      const std::size_t p = opt_size(o[0]);
                      k[0] = 1.0 / double(p);
                      k[1] = double(resum_every(p - 1, 1024));
                    },
                    clear_state<11>, zscore_stream_step};

}  // namespace hean
