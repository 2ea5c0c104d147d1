// Hilbert transform trend vs cycle mode (TA-Lib HT_TRENDMODE, Ehlers): 1 in a trend, 0
// in a cycle. Cycle mode from a sine / lead-sine crossing until half a dominant period has
// passed, or while the phase advances at the cycle's rate (0.67 .. 1.5 times
// 360/period a bar); trend mode whenever the smoothed price is >= 1.5% away from the
// trendline. TA-Lib's order of operations (hean/hilbert.hpp). First value at 63
// (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

// Kept across bars: e[0] sine, e[1] lead sine, e[2] bars since the last crossing.
struct DcTrendmode {
  static constexpr int kOutputs = 1, kExtra = 3;
  template <class Src>
  static HEAN_INLINE void bar(DcCycle& dc, const double* sm, double sp, const Src& x, std::size_t i, double* e, double* v) {
    const double prev_phase = dc.phase;
    const double ph = dc.update_phase(sm, sp);
    const double prev_sine = e[0], prev_lead = e[1];
    const double sine = e[0] = hmath_sin(ph * kDeg2Rad);
    const double lead = e[1] = hmath_sin((ph + 45.0) * kDeg2Rad);
    const double tl = dc.update_trendline(x, i, sp);
    int trend = 1;
    if ((sine > lead && prev_sine <= prev_lead) || (sine < lead && prev_sine >= prev_lead)) {
      e[2] = 0;
      trend = 0;
    }
    e[2] = e[2] + 1;
    if (e[2] < 0.5 * sp) trend = 0;
    const double d = ph - prev_phase;
    if (sp != 0.0 && (d > 0.67 * 360.0 / sp && d < 1.5 * 360.0 / sp)) trend = 0;
    if (tl != 0.0 && std::fabs((sm[0] - tl) / tl) >= 0.015) trend = 1;
    v[0] = double(trend);
  }
};
void htTrendmode_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) { dc_kernel<DcTrendmode>(in, n, o, out); }
HEAN_PER_LANE_KERNELS(htTrendmode)

}  // namespace

HEAN_DEF(htTrendmode){
    "htTrendmode", "Hilbert transform: trend (1) vs cycle (0) mode", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htTrendmode"}, dc_lookback, htTrendmode_s, htTrendmode_v};
HEAN_DC_STREAM(htTrendmode, DcTrendmode);

}  // namespace hean
