// MESA adaptive moving average (TA-Lib MAMA, Ehlers): the Hilbert transform's phase rate
// sets alpha = fastLimit / deltaPhase, kept in [slowLimit, fastLimit];
// mama = alpha*close + (1-alpha)*mama and fama = (alpha/2)*mama + (1-alpha/2)*fama.
// TA-Lib's order of operations throughout (hean/hilbert.hpp). First values at 32
// (+ unstablePeriod).
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t mama_lookback(const double* o, int) { return kHilbertShortLookback + opt_size(o[2]); }

template <class L>
void mama_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t start = kHilbertShortLookback + opt_size(o[2]);
  const double fast = o[0], slow = o[1];
  const In<L>& x = in[0];
  // FAMA is written before MAMA everywhere: hean/ma.hpp passes one row for both when only
  // MAMA is wanted (TA-Lib's MA with MAType MAMA).
  if (n <= start) {
    fill_nan(out[1], 0, n);
    return fill_nan(out[0], 0, n);
  }
  fill_nan(out[1], 0, start);
  fill_nan(out[0], 0, start);
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  HilbertCore<L> h;
  h.init(x, 9);
  L mama = zero, fama = zero, prev_phase = zero;
  while (h.today < n) {
    const std::size_t i = h.today;
    const L v = x[i];
    h.step(x);
    const L phase = lsel(lne(h.i1v, zero), hatan<L>(h.q1v / h.i1v) * kRad2Deg, zero);
    L dp = prev_phase - phase;
    prev_phase = phase;
    dp = lsel(llt(dp, one), one, dp);
    L alpha = fast / dp;
    alpha = lsel(llt(alpha, splat<L>(slow)), splat<L>(slow), alpha);
    alpha = lsel(lgt(dp, one), alpha, splat<L>(fast));
    mama = alpha * v + (1.0 - alpha) * mama;
    const L half = alpha * 0.5;
    fama = half * mama + (1.0 - half) * fama;
    if (i >= start) {
      out[1].set(i, fama);
      out[0].set(i, mama);
    }
  }
}
HEAN_LANE_KERNELS(mama)

}  // namespace

HEAN_DEF(mama){
    "mama", "MESA adaptive moving average (Ehlers), with its following FAMA", 1, {"close"}, 3,
    {OptDef{"fastLimit", 0.5, 0.01, 0.99, false, nullptr, "upper limit of alpha"},
     OptDef{"slowLimit", 0.05, 0.01, 0.99, false, nullptr, "lower limit of alpha"},
     HEAN_UNSTABLE_OPT},
    2, {"mama", "fama"}, mama_lookback, mama_s, mama_v};

// Streaming: state n, the Hilbert core (hean/hilbert.hpp), mama, fama, prev_phase, then
// the outputs mama, fama; the window holds the last closes. The kernel's per-bar terms.
namespace {
constexpr int kMamaAt = 1 + HilbertCore<double>::kDoubles;
void mama_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  double* m = s + kMamaAt;  // mama, fama, prev_phase, out mama, out fama
  const double v = x[0];
  m[3] = m[4] = kNaN;
  if (is_gap(v)) {
    s[0] = 0;
    return;
  }
  if (s[0] == 0) m[0] = m[1] = m[2] = 0.0;
  const long i = hilbert_stream_bar(c, v, 9);
  if (i < 0) return;
  HilbertCore<double> h;
  h.load(s + 1);
  const double fast = c.o[0], slow = c.o[1];
  const double phase = h.i1v != 0.0 ? hatan<double>(h.q1v / h.i1v) * kRad2Deg : 0.0;
  double dp = m[2] - phase;
  m[2] = phase;
  dp = dp < 1.0 ? 1.0 : dp;
  double alpha = fast / dp;
  alpha = alpha < slow ? slow : alpha;
  alpha = dp > 1.0 ? alpha : fast;
  m[0] = alpha * v + (1.0 - alpha) * m[0];
  const double half = alpha * 0.5;
  m[1] = half * m[0] + (1.0 - half) * m[1];
  if (std::size_t(i) >= kHilbertShortLookback + opt_size(c.o[2])) {
    m[3] = m[0];
    m[4] = m[1];
  }
}
}  // namespace

HEAN_STREAM(mama){kMamaAt + 5, kMamaAt + 3, [](const double*) { return kHilbertWindow; }, nullptr,
                  [](StreamCtx& c) {
                    for (int k = 0; k < kMamaAt + 3; ++k) c.s[k] = 0;
                    c.s[kMamaAt + 3] = c.s[kMamaAt + 4] = kNaN;
                  },
                  mama_stream_step,
                  [](const StreamCtx& c, double* out) {
                    out[0] = c.s[kMamaAt + 3];
                    out[1] = c.s[kMamaAt + 4];
                  }};

}  // namespace hean
