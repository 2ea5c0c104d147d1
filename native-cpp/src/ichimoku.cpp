// Ichimoku kinko hyo, aligned so index i belongs to bar i: tenkan and kijun are the
// midpoints of the high-low range over their windows; senkouA[i] = (tenkan + kijun) / 2
// and senkouB[i] = the senkou window's midpoint, both as computed at bar i - displacement;
// chikou[i] = close[i + displacement], which looks ahead (NaN for the last displacement
// bars of a run) and so has lookback 0.
#include "hean/kernel.hpp"

namespace hean {
namespace {

// Outputs: tenkan, kijun, senkouA, senkouB, chikou.
std::size_t ichimoku_lookback(const double* o, int k) {
  const std::size_t t = opt_size(o[0]) - 1, kj = opt_size(o[1]) - 1, s = opt_size(o[2]) - 1, d = opt_size(o[3]);
  switch (k) {
    case 0: return t;
    case 1: return kj;
    case 2: return (t > kj ? t : kj) + d;
    case 3: return s + d;
    default: return 0;
  }
}

template <class L>
void ichimoku_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t pt = opt_size(o[0]), pk = opt_size(o[1]), ps = opt_size(o[2]), d = opt_size(o[3]);
  for (int k = 0; k < 4; ++k) {
    const std::size_t lb = ichimoku_lookback(o, k);
    fill_nan(out[k], 0, lb < n ? lb : n);
  }
  // chikou: the close d bars ahead.
  for (std::size_t i = 0; i < n; ++i) {
    if (i + d < n) out[4].set(i, in[2][i + d]);
    else out[4].set(i, splat<L>(kNaN));
  }
  BlockExtreme<L, true> th, kh, sh;
  BlockExtreme<L, false> tl, kl, sl;
  th.init(pt);
  tl.init(pt);
  kh.init(pk);
  kl.init(pk);
  sh.init(ps);
  sl.init(ps);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  const bool want_b = n > ps - 1 + d;  // otherwise senkouB is all warm-up
  L tenkan{}, kijun{};
  for (std::size_t i = 0; i < n; ++i) {
    th.push(h, i);
    tl.push(l, i);
    kh.push(h, i);
    kl.push(l, i);
    if (i + 1 >= pt) {
      tenkan = (th.val + tl.val) * 0.5;
      out[0].set(i, tenkan);
    }
    if (i + 1 >= pk) {
      kijun = (kh.val + kl.val) * 0.5;
      out[1].set(i, kijun);
    }
    if (i + d >= n) continue;
    if (i + 1 >= pt && i + 1 >= pk) out[2].set(i + d, (tenkan + kijun) * 0.5);
    if (want_b) {
      sh.push(h, i);
      sl.push(l, i);
      if (i + 1 >= ps) out[3].set(i + d, (sh.val + sl.val) * 0.5);
    }
  }
}
HEAN_LANE_KERNELS(ichimoku)

}  // namespace

HEAN_DEF(ichimoku){
    "ichimoku", "Ichimoku cloud, aligned to the bar each value belongs to", 3, {"high", "low", "close"}, 4,
    {HEAN_PERIOD("tenkan", 9, "conversion line window"),
     HEAN_PERIOD("kijun", 26, "base line window"),
     HEAN_PERIOD("senkou", 52, "leading span B window"),
     OptDef{"displacement", 26, 0, kMaxPeriod, true, nullptr, "bars the leading spans are shifted forward and the lagging span back"}},
    5, {"tenkan", "kijun", "senkouA", "senkouB", "chikou"}, ichimoku_lookback, ichimoku_s, ichimoku_v, -1, 0, true};

}  // namespace hean
