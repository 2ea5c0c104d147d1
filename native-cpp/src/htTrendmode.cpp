// Hilbert transform trend vs cycle mode (TA-Lib HT_TRENDMODE, Ehlers): 1 in a trend, 0
// in a cycle. Cycle mode from a sine / lead-sine crossing until half a dominant period has
// passed, or while the phase advances at the cycle's rate (0.67 .. 1.5 times
// 360/period a bar); trend mode whenever the smoothed price is >= 1.5% away from the
// trendline. TA-Lib's order of operations (hean/hilbert.hpp). First value at 63
// (+ unstablePeriod).
#include <memory>

#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htTrendmode_lookback(const double* o, int) { return kHilbertLongLookback + opt_size(o[0]); }

void htTrendmode_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  const std::size_t start = kHilbertLongLookback + opt_size(o[0]);
  const Out<double>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  HilbertCore<double> h;
  h.init(in[0], 34);
  DcCycle dc;
  dc.init();
  const auto trig = std::make_unique<DcTrig>();  // 40 KB: off the (small WASM) stack
  double sine = 0.0, lead = 0.0;
  int days = 0;
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    dc.push(h.smoothed);
    const double prev_phase = dc.phase;
    const double ph = dc.update_phase(h.smooth_period, trig.get());
    const double prev_sine = sine, prev_lead = lead;
    sine = hmath_sin(ph * kDeg2Rad);
    lead = hmath_sin((ph + 45.0) * kDeg2Rad);
    const double tl = dc.update_trendline(in[0], i, h.smooth_period);
    const double sp = h.smooth_period;
    int trend = 1;
    if ((sine > lead && prev_sine <= prev_lead) || (sine < lead && prev_sine >= prev_lead)) {
      days = 0;
      trend = 0;
    }
    ++days;
    if (double(days) < 0.5 * sp) trend = 0;
    const double d = ph - prev_phase;
    if (sp != 0.0 && (d > 0.67 * 360.0 / sp && d < 1.5 * 360.0 / sp)) trend = 0;
    const double s = dc.current();
    if (tl != 0.0 && std::fabs((s - tl) / tl) >= 0.015) trend = 1;
    if (i >= start) y.set(i, double(trend));
    dc.advance();
  }
}
HEAN_PER_LANE_KERNELS(htTrendmode)

}  // namespace

HEAN_DEF(htTrendmode){
    "htTrendmode", "Hilbert transform: trend (1) vs cycle (0) mode", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htTrendmode"}, htTrendmode_lookback, htTrendmode_s, htTrendmode_v};

// Streaming: state n, the Hilbert core, the DC cycle (hean/hilbert.hpp), sine, lead, days,
// out; the window holds the last closes. The kernel's per-bar order.
namespace {
void htTrendmode_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  double* t = s + kDcEnd;  // sine, lead, days, out
  t[3] = kNaN;
  if (is_gap(x[0])) {
    s[0] = 0;
    return;
  }
  const bool fresh = s[0] == 0;
  const long i = hilbert_stream_bar(c, x[0], 34);
  DcCycle dc;
  if (fresh) {
    dc.init();
    t[0] = t[1] = t[2] = 0.0;
  } else {
    dc.load(s + kDcAt);
  }
  if (i >= 0) {
    HilbertCore<double> h;
    h.load(s + 1);
    dc.push(h.smoothed);
    const double prev_phase = dc.phase;
    const double ph = dc.update_phase(h.smooth_period);
    const double prev_sine = t[0], prev_lead = t[1];
    t[0] = hmath_sin(ph * kDeg2Rad);
    t[1] = hmath_sin((ph + 45.0) * kDeg2Rad);
    const double tl = dc.update_trendline(HilbertRing{c.w}, std::size_t(i), h.smooth_period);
    const double sp = h.smooth_period;
    int trend = 1;
    if ((t[0] > t[1] && prev_sine <= prev_lead) || (t[0] < t[1] && prev_sine >= prev_lead)) {
      t[2] = 0;
      trend = 0;
    }
    t[2] = t[2] + 1;
    if (t[2] < 0.5 * sp) trend = 0;
    const double d = ph - prev_phase;
    if (sp != 0.0 && (d > 0.67 * 360.0 / sp && d < 1.5 * 360.0 / sp)) trend = 0;
    const double sm = dc.current();
    if (tl != 0.0 && std::fabs((sm - tl) / tl) >= 0.015) trend = 1;
    if (std::size_t(i) >= kHilbertLongLookback + opt_size(c.o[0])) t[3] = double(trend);
    dc.advance();
  }
  dc.save(s + kDcAt);
}
}  // namespace

HEAN_STREAM(htTrendmode){kDcEnd + 4, kDcEnd + 3, [](const double*) { return kHilbertWindow; }, nullptr, clear_then_nan<kDcEnd + 3, 1>,
                         htTrendmode_stream_step};

}  // namespace hean
