// Chaikin accumulation/distribution line (TA-Lib AD): running sum of
// volume * ((close - low) - (high - close)) / (high - low), bars with high <= low adding 0.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t ad_lookback(const double*, int) { return 0; }

template <class L>
void ad_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const Out<L>& y = out[0];
  L ad = splat<L>(0.0);
  for (std::size_t i = 0; i < n; ++i) {
    ad = ad + ad_flow<L>(in, i);
    y.set(i, ad);
  }
}
HEAN_LANE_KERNELS(ad)

}  // namespace

HEAN_DEF(ad){
    "ad", "Chaikin accumulation/distribution line", 4, {"high", "low", "close", "volume"}, 0, {}, 1, {"ad"},
    ad_lookback, ad_s, ad_v};

}  // namespace hean
