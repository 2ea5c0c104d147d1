// On-balance volume (TA-Lib OBV): starts at volume[0], then adds the bar's volume on an
// up close, subtracts it on a down close, and carries over on an unchanged close.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t obv_lookback(const double*, int) { return 0; }

template <class L>
void obv_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const In<L>& c = in[0];
  const In<L>& v = in[1];
  const Out<L>& y = out[0];
  if (n == 0) return;
  const L zero = splat<L>(0.0);
  L obv = v[0];
  y.set(0, obv);
  for (std::size_t i = 1; i < n; ++i) {
    const L x = c[i], px = c[i - 1], vol = v[i];
    obv = obv + lsel(lgt(x, px), vol, lsel(llt(x, px), -vol, zero));
    y.set(i, obv);
  }
}
HEAN_LANE_KERNELS(obv)

}  // namespace

HEAN_DEF(obv){
    "obv", "On-balance volume", 2, {"close", "volume"}, 0, {}, 1, {"obv"}, obv_lookback, obv_s, obv_v};

}  // namespace hean
