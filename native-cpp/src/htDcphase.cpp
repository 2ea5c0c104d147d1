// Hilbert transform dominant cycle phase (TA-Lib HT_DCPHASE, Ehlers): the phase, in
// degrees (-45 .. 315), of the smoothed price's component at the dominant cycle period,
// from a DFT over the last round(period) smoothed prices. TA-Lib's order of operations
// (hean/hilbert.hpp). First value at 63 (+ unstablePeriod).
#include <memory>

#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htDcphase_lookback(const double* o, int) { return kHilbertLongLookback + opt_size(o[0]); }

void htDcphase_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  const std::size_t start = kHilbertLongLookback + opt_size(o[0]);
  const Out<double>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  HilbertCore<double> h;
  h.init(in[0], 34);
  DcCycle dc;
  dc.init();
  const auto trig = std::make_unique<DcTrig>();  // 40 KB: off the (small WASM) stack
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    dc.push(h.smoothed);
    const double ph = dc.update_phase(h.smooth_period, trig.get());
    if (i >= start) y.set(i, ph);
    dc.advance();
  }
}
HEAN_PER_LANE_KERNELS(htDcphase)

}  // namespace

HEAN_DEF(htDcphase){
    "htDcphase", "Hilbert transform: dominant cycle phase (degrees)", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htDcphase"}, htDcphase_lookback, htDcphase_s, htDcphase_v};

// Streaming: state n, the Hilbert core, the DC cycle (hean/hilbert.hpp), out; the window
// holds the last closes. The kernel's per-bar order.
namespace {
void htDcphase_stream_step(StreamCtx& c, const double* x) {
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
    dc.push(h.smoothed);
    const double ph = dc.update_phase(h.smooth_period);
    if (std::size_t(i) >= kHilbertLongLookback + opt_size(c.o[0])) s[kDcEnd] = ph;
    dc.advance();
  }
  dc.save(s + kDcAt);
}
}  // namespace

HEAN_STREAM(htDcphase){kDcEnd + 1, kDcEnd, [](const double*) { return kHilbertWindow; }, nullptr, clear_then_nan<kDcEnd, 1>, htDcphase_stream_step};

}  // namespace hean
