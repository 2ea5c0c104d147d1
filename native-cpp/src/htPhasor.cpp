// Hilbert transform phasor components (TA-Lib HT_PHASOR, Ehlers): the in-phase component
// (the detrended price delayed 3 bars) and the quadrature component (its Hilbert
// transform). TA-Lib's order of operations (hean/hilbert.hpp). First values at 32
// (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t htPhasor_lookback(const double* o, int) { return kHilbertShortLookback + opt_size(o[0]); }

template <class L>
void htPhasor_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t start = kHilbertShortLookback + opt_size(o[0]);
  if (n <= start) {
    fill_nan(out[0], 0, n);
    return fill_nan(out[1], 0, n);
  }
  fill_nan(out[0], 0, start);
  fill_nan(out[1], 0, start);
  HilbertCore<L> h;
  h.init(in[0], 9);
  while (h.today < n) {
    const std::size_t i = h.today;
    h.step(in[0]);
    if (i >= start) {
      out[0].set(i, h.i1v);
      out[1].set(i, h.q1v);
    }
  }
}
HEAN_LANE_KERNELS(htPhasor)

}  // namespace

HEAN_DEF(htPhasor){
    "htPhasor", "Hilbert transform: phasor components (in-phase, quadrature)", 1, {"close"}, 1,
    {HEAN_UNSTABLE_OPT},
    2, {"inphase", "quadrature"}, htPhasor_lookback, htPhasor_s, htPhasor_v};

// Streaming: state n, the Hilbert core (hean/hilbert.hpp), out inphase, out quadrature;
// the window holds the last closes.
namespace {
constexpr int kOutAt = 1 + HilbertCore<double>::kDoubles;
void htPhasor_stream_step(StreamCtx& c, const double* x) {
  c.s[kOutAt] = c.s[kOutAt + 1] = kNaN;
  if (is_gap(x[0])) {
    c.s[0] = 0;
    return;
  }
  const long i = hilbert_stream_bar(c, x[0], 9);
  if (i < 0 || std::size_t(i) < kHilbertShortLookback + opt_size(c.o[0])) return;
  HilbertCore<double> h;
  h.load(c.s + 1);
  c.s[kOutAt] = h.i1v;
  c.s[kOutAt + 1] = h.q1v;
}
}  // namespace

HEAN_STREAM(htPhasor){kOutAt + 2, kOutAt, [](const double*) { return kHilbertWindow; }, nullptr,
                      [](StreamCtx& c) {
                        for (int k = 0; k < kOutAt; ++k) c.s[k] = 0;
                        c.s[kOutAt] = c.s[kOutAt + 1] = kNaN;
                      },
                      htPhasor_stream_step, [](const StreamCtx& c, double* out) {
                        out[0] = c.s[kOutAt];
                        out[1] = c.s[kOutAt + 1];
                      }};

}  // namespace hean
