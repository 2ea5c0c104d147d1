// Chaikin accumulation/distribution line (TA-Lib AD): running sum of
// volume * ((close - low) - (high - close)) / (high - low), bars with high <= low adding 0.
#include "hean/ad_flows.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t ad_lookback(const double*, int) { return 0; }

template <class L>
void ad_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const Out<L>& y = out[0];
  L ad = splat<L>(0.0);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the flows eight bars at once, the add chain alongside (same bits).
    double* q = y.p;
    ad_flow_chain(in, n, [&](std::size_t i, double f) { q[i] = ad = ad + f; });
    return;
  }
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

// Streaming: state ad (the line, 0 after a gap), out; the kernel's ad_flow term.
HEAN_STREAM(ad){2, 1, no_window, nullptr, clear_state<2>, [](StreamCtx& c, const double* x) {
                   double* s = c.s;
                   if (any_gap<4>(x)) {
                     s[0] = 0;
                     s[1] = kNaN;
                     return;
                   }
                   s[1] = s[0] = s[0] + ad_flow_of<double>(x[0], x[1], x[2], x[3]);
                 }};

}  // namespace hean
