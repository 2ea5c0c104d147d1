// Hilbert transform dominant cycle period (TA-Lib HT_DCPERIOD, Ehlers): the homodyne
// discriminator's period, smoothed (0.33 new + 0.67 old). TA-Lib's order of operations
// (hean/hilbert.hpp). First value at 32 (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htDcperiod_lookback(const double* o, int) { return kHilbertShortLookback + opt_size(o[0]); }

template <class L>
void htDcperiod_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t start = kHilbertShortLookback + opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  HilbertCore<L> h;
  h.init(in[0], 9);
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    if (i >= start) y.set(i, h.smooth_period);
  }
}
HEAN_LANE_KERNELS(htDcperiod)

}  // namespace

HEAN_DEF(htDcperiod){
    "htDcperiod", "Hilbert transform: dominant cycle period (bars)", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    1, {"htDcperiod"}, htDcperiod_lookback, htDcperiod_s, htDcperiod_v};

// Streaming: state n, the Hilbert core (hean/hilbert.hpp), out; the window holds the
// last closes.
namespace {
constexpr int kOutAt = 1 + HilbertCore<double>::kDoubles;
void htDcperiod_stream_step(StreamCtx& c, const double* x) {
  c.s[kOutAt] = kNaN;
  if (is_gap(x[0])) {
    c.s[0] = 0;
    return;
  }
  const long i = hilbert_stream_bar(c, x[0], 9);
  if (i >= 0 && std::size_t(i) >= kHilbertShortLookback + opt_size(c.o[0])) c.s[kOutAt] = c.s[kOutAt - 1];
}
}  // namespace

HEAN_STREAM(htDcperiod){kOutAt + 1, kOutAt, [](const double*) { return kHilbertWindow; }, nullptr, clear_state<kOutAt + 1>,
                        htDcperiod_stream_step};

}  // namespace hean
