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
  static constexpr bool kDft = true;
  static constexpr bool kInChain = false;
  template <class Src>
  static HEAN_INLINE void block(DcCycle& dc, const double* sm, const double* sp, const double* re, const double* im,
                                const Src& x, std::size_t i0, std::size_t m, double* e, double* v, std::size_t) {
    // Passes over the block: phases, their sines, trendlines, then the mode (the only
    // chain besides the phase's rare one).
    double ph[kDcBlock + 1], sine[kDcBlock], lead[kDcBlock], tl[kDcBlock];
    ph[0] = dc.phase;
    dc.phases(re, im, sp, m, ph + 1);
    dc_sines(ph + 1, m, sine, lead);
    dc.trendlines(x, i0, sp, m, tl);
    for (std::size_t k = 0; k < m; ++k) {
      const double prev_sine = e[0], prev_lead = e[1];
      const double s = e[0] = sine[k];
      const double l = e[1] = lead[k];
      const double p = sp[k];
      int trend = 1;
      if ((s > l && prev_sine <= prev_lead) || (s < l && prev_sine >= prev_lead)) {
        e[2] = 0;
        trend = 0;
      }
      e[2] = e[2] + 1;
      if (e[2] < 0.5 * p) trend = 0;
      const double d = ph[k + 1] - ph[k];
      if (p != 0.0 && (d > 0.67 * 360.0 / p && d < 1.5 * 360.0 / p)) trend = 0;
      if (tl[k] != 0.0 && std::fabs((sm[k] - tl[k]) / tl[k]) >= 0.015) trend = 1;
      v[k] = double(trend);
    }
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
