// Hilbert transform sine wave (TA-Lib HT_SINE, Ehlers): sin of the dominant cycle phase
// and the lead sine, sin(phase + 45 degrees). TA-Lib's order of operations
// (hean/hilbert.hpp). First values at 63 (+ unstablePeriod).
#include <memory>

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
  const auto trig = std::make_unique<DcTrig>();  // 40 KB: off the (small WASM) stack
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    dc.push(h.smoothed);
    const double ph = dc.update_phase(h.smooth_period, trig.get());
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

// Streaming: state n, the Hilbert core, the DC cycle (hean/hilbert.hpp), out sine, out
// lead sine; the window holds the last closes. The kernel's per-bar order.
namespace {
void htSine_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  s[kDcEnd] = s[kDcEnd + 1] = kNaN;
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
    if (std::size_t(i) >= kHilbertLongLookback + opt_size(c.o[0])) {
      s[kDcEnd] = hmath_sin(ph * kDeg2Rad);
      s[kDcEnd + 1] = hmath_sin((ph + 45.0) * kDeg2Rad);
    }
    dc.advance();
  }
  dc.save(s + kDcAt);
}
}  // namespace

HEAN_STREAM(htSine){kDcEnd + 2, kDcEnd, [](const double*) { return kHilbertWindow; }, nullptr, clear_then_nan<kDcEnd, 2>, htSine_stream_step,
                    [](const StreamCtx& c, double* out) {
                      out[0] = c.s[kDcEnd];
                      out[1] = c.s[kDcEnd + 1];
                    }};

}  // namespace hean
