// Hilbert transform sine wave (TA-Lib HT_SINE, Ehlers): sin of the dominant cycle phase
// and the lead sine, sin(phase + 45 degrees). TA-Lib's order of operations
// (hean/hilbert.hpp). First values at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

struct DcSine {
  static constexpr int kOutputs = 2, kExtra = 0;
  static constexpr bool kDft = true;
  static constexpr bool kInChain = false;
  template <class Src>
  static HEAN_INLINE void block(DcCycle& dc, const double*, const double* sp, const double* re, const double* im, const Src&,
                                std::size_t, std::size_t m, double*, double* v, std::size_t vs) {
    // The phases (a chain only through the rare 0 imaginary sum), then their sines.
    dc.phases(re, im, sp, m, v);
    dc_sines(v, m, v, v + vs);
  }
};
void htSine_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) { dc_kernel<DcSine>(in, n, o, out); }
HEAN_PER_LANE_KERNELS(htSine)

}  // namespace

HEAN_DEF(htSine){
    "htSine", "Hilbert transform: sine wave and lead sine of the dominant cycle phase", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    2, {"sine", "leadsine"}, dc_lookback, htSine_s, htSine_v};
HEAN_DC_STREAM(htSine, DcSine);

}  // namespace hean
