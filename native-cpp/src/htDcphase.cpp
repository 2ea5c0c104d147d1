// Hilbert transform dominant cycle phase (TA-Lib HT_DCPHASE, Ehlers): the phase, in
// degrees (-45 .. 315), of the smoothed price's component at the dominant cycle period,
// from a DFT over the last round(period) smoothed prices. TA-Lib's order of operations
// (hean/hilbert.hpp). First value at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

struct DcPhase {
  static constexpr int kOutputs = 1, kExtra = 0;
  static constexpr bool kDft = true;
  static constexpr bool kInChain = false;
  template <class Src>
  static HEAN_INLINE void block(DcCycle& dc, const double*, const double* sp, const double* re, const double* im, const Src&,
                                std::size_t, std::size_t m, double*, double* v, std::size_t) {
    dc.phases(re, im, sp, m, v);
  }
};
void htDcphase_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) { dc_kernel<DcPhase>(in, n, o, out); }
HEAN_PER_LANE_KERNELS(htDcphase)

}  // namespace

HEAN_DEF(htDcphase){
    "htDcphase", "Hilbert transform: dominant cycle phase (degrees)", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htDcphase"}, dc_lookback, htDcphase_s, htDcphase_v};
HEAN_DC_STREAM(htDcphase, DcPhase);

}  // namespace hean
