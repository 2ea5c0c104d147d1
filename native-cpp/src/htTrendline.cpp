// Hilbert transform instantaneous trendline (TA-Lib HT_TRENDLINE, Ehlers): the mean price
// over the dominant cycle period (round(period) bars of the raw price, as TA-Lib 0.8),
// smoothed with weights 4-3-2-1 over the last four means. TA-Lib's order of operations
// (hean/hilbert.hpp). First value at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

struct DcTrendline {
  static constexpr int kOutputs = 1, kExtra = 0;
  static constexpr bool kDft = false;
  static constexpr bool kInChain = true;
  template <class Src>
  static HEAN_INLINE void block(DcCycle& dc, const double*, const double* sp, const double*, const double*, const Src& x,
                                std::size_t i0, std::size_t m, double*, double* v, std::size_t) {
    dc.trendlines(x, i0, sp, m, v);
  }
};
void htTrendline_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) { dc_kernel<DcTrendline>(in, n, o, out); }
HEAN_PER_LANE_KERNELS(htTrendline)

}  // namespace

HEAN_DEF(htTrendline){
    "htTrendline", "Hilbert transform: instantaneous trendline", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htTrendline"}, dc_lookback, htTrendline_s, htTrendline_v};
// The window holds the last closes (the trendline averages up to 50 of them).
HEAN_DC_STREAM(htTrendline, DcTrendline);

}  // namespace hean
