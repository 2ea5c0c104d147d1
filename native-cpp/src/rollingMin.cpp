// Rolling minimum (TA-Lib MIN) of the last `period` values: branch-free block extremes,
// so the many-series form runs 8 series per SIMD block.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rollingMin_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void rollingMin_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  rolling_extreme<false, L>(in, n, o, out);
}
HEAN_LANE_KERNELS(rollingMin)

}  // namespace

HEAN_DEF(rollingMin){
    "rollingMin", "Rolling minimum over `period` bars", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"rollingMin"}, rollingMin_lookback, rollingMin_s, rollingMin_v};

// Streaming: see extreme_stream_step (kernel.hpp).
HEAN_STREAM(rollingMin){4, 3, [](const double* o) { return extreme_window(opt_size(o[0])); }, nullptr,
                      clear_state<4>, extreme_stream_step<false>};

}  // namespace hean
