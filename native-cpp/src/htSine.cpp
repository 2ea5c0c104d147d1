// Hilbert transform sine wave (TA-Lib HT_SINE, Ehlers): sin of the dominant cycle phase
// and the lead sine, sin(phase + 45 degrees). TA-Lib's order of operations
// (hean/hilbert.hpp). First values at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

struct DcSine {
  static constexpr int kOutputs = 2, kExtra = 0;
  template <class Src>
  static HEAN_INLINE void bar(DcCycle& dc, const double* sm, double sp, const Src&, std::size_t, double*, double* v) {
    const double ph = dc.update_phase(sm, sp);
    v[0] = hmath_sin(ph * kDeg2Rad);
    v[1] = hmath_sin((ph + 45.0) * kDeg2Rad);
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
