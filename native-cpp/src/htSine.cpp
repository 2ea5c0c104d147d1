// Hilbert transform sine wave (TA-Lib HT_SINE, Ehlers): sin of the dominant cycle phase
// and the lead sine, sin(phase + 45 degrees). TA-Lib's order of operations
// (hean/hilbert.hpp). First values at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htSine_lookback(const double* o, int) { return kHilbertLongLookback + opt_size(o[0]); }

void htSine_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  const std::size_t start = kHilbertLongLookback + opt_size(o[0]);
  if (n <= start) {
    fill_nan(out[0], 0, n);
    return fill_nan(out[1], 0, n);
  }
  fill_nan(out[0], 0, start);
  fill_nan(out[1], 0, start);
  HilbertCore<double> h;
  h.init(in[0], 34);
  DcCycle dc;
  dc.init();
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    dc.push(h.smoothed);
    const double ph = dc.update_phase(h.smooth_period);
    if (i >= start) {
      out[0].set(i, hmath_sin(ph * kDeg2Rad));
      out[1].set(i, hmath_sin((ph + 45.0) * kDeg2Rad));
    }
    dc.advance();
  }
}
HEAN_PER_LANE_KERNELS(htSine)

}  // namespace

HEAN_DEF(htSine){
    "htSine", "Hilbert transform: sine wave and lead sine of the dominant cycle phase", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    2, {"sine", "leadsine"}, htSine_lookback, htSine_s, htSine_v};

}  // namespace hean
