// Hilbert transform instantaneous trendline (TA-Lib HT_TRENDLINE, Ehlers): the mean price
// over the dominant cycle period (round(period) bars of the raw price, as TA-Lib 0.8),
// smoothed with weights 4-3-2-1 over the last four means. TA-Lib's order of operations
// (hean/hilbert.hpp). First value at 63 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htTrendline_lookback(const double* o, int) { return kHilbertLongLookback + opt_size(o[0]); }

void htTrendline_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  const std::size_t start = kHilbertLongLookback + opt_size(o[0]);
  const Out<double>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  HilbertCore<double> h;
  h.init(in[0], 34);
  DcCycle dc;
  dc.init();
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    const double t = dc.update_trendline(in[0], i, h.smooth_period);
    if (i >= start) y.set(i, t);
  }
}
HEAN_PER_LANE_KERNELS(htTrendline)

}  // namespace

HEAN_DEF(htTrendline){
    "htTrendline", "Hilbert transform: instantaneous trendline", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htTrendline"}, htTrendline_lookback, htTrendline_s, htTrendline_v};

// Streaming: state n, the Hilbert core, the DC cycle (hean/hilbert.hpp), out; the window
// holds the last closes (the trendline averages up to 50 of them).
namespace {
void htTrendline_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  s[kDcEnd] = kNaN;
  if (is_gap(x[0])) {
    s[0] = 0;
    return;
  }
  const bool fresh = s[0] == 0;
  const long i = hilbert_stream_bar(c, x[0], 34);
  DcCycle dc;
  if (fresh) dc.init();
  else dc.load(s + kDcAt);
  if (i >= 0) {
    HilbertCore<double> h;
    h.load(s + 1);
    const double t = dc.update_trendline(HilbertRing{c.w}, std::size_t(i), h.smooth_period);
    if (std::size_t(i) >= kHilbertLongLookback + opt_size(c.o[0])) s[kDcEnd] = t;
  }
  dc.save(s + kDcAt);
}
}  // namespace

HEAN_STREAM(htTrendline){kDcEnd + 1, kDcEnd, [](const double*) { return kHilbertWindow; }, nullptr, clear_then_nan<kDcEnd, 1>, htTrendline_stream_step};

}  // namespace hean
