// Moving average of a chosen type (TA-Lib MA): sma ema wma dema tema trima kama mama t3,
// each computed by its own kernel (hean/ma.hpp). KAMA with fast/slow 2/30, MAMA with
// limits 0.5/0.05 (the period is then unused), T3 with vFactor 0.7; period 1 copies the
// input, as TA-Lib does for every type.
#include "hean/ma.hpp"

namespace hean {
namespace {

std::size_t ma_lb(const double* o, int) { return ma_lookback(int(o[1]), opt_size(o[0])); }

template <class L>
void ma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  ma_run<L>(int(o[1]), opt_size(o[0]), in[0], n, out[0]);
}
HEAN_LANE_KERNELS(ma)

}  // namespace

HEAN_DEF(ma){
    "ma", "Moving average of a chosen type (TA-Lib MA)", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 30, "window / smoothing period (unused by mama)"),
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type (TA-Lib MAType order)")},
    1, {"ma"}, ma_lb, ma_s, ma_v};

}  // namespace hean
