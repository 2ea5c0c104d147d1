// Historical volatility: sample standard deviation (ddof 1) of the 1-bar log returns over
// `period` bars, times sqrt(periodsPerYear). The log returns use llog (kernel.hpp: IEEE-exact
// operations only, mirrored bit for bit by the streaming Volatility): ln(close / prevClose),
// computed once a bar into a ring, then windowed like stddev. First value at `period`.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t volatility_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void volatility_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double scale = std::sqrt(o[1]);
  const double ddof = double(p - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  Ring<L> r;
  r.init(p + 1);
  for (std::size_t i = 1; i <= p; ++i) r[i] = llog(x[i] / x[i - 1]);
  auto fr = [&](std::size_t i) { return r[i]; };
  WindowMoments<L> w;
  w.init(p, fr, p + 1);
  const L zero = splat<L>(0.0);
  for (std::size_t i = p;;) {
    y.set(i, lsqrt(lmax(w.m2 / ddof, zero)) * scale);
    if (++i >= n) break;
    r[i] = llog(x[i] / x[i - 1]);
    w.step(fr, i);
  }
}
HEAN_LANE_KERNELS(volatility)

}  // namespace

HEAN_DEF(volatility){
    "volatility", "Rolling standard deviation of log returns, optionally annualised", 1, {"close"}, 2,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "number of 1-bar log returns in the window (>= 2)"},
     OptDef{"periodsPerYear", 1, 1e-6, 1e12, false, nullptr,
            "bars per year for annualising (e.g. 252 for daily); 1 = not annualised"}},
    1, {"volatility"}, volatility_lookback, volatility_s, volatility_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_push over the log returns),
// pc (previous close), closes (in the run, up to 1), out; the window is the returns' ring.
// Constants: 1/p and the re-sum interval (moments), sqrt(periodsPerYear), p - 1.
namespace {
void volatility_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[6] = 0;
    s[7] = kNaN;
    return;
  }
  const double pc = s[5];
  s[5] = v;
  if (s[6] == 0) {
    s[6] = 1;
    s[7] = kNaN;
    return;
  }
  if (!moments_stream_push(c, llog(v / pc))) {
    s[7] = kNaN;
    return;
  }
  s[7] = std::sqrt(lmax(s[4] / c.k[3], 0.0)) * c.k[2];
}
}  // namespace

HEAN_STREAM(volatility){8, 7, period_window,
                        [](const double* o, double* k) {
                          k[0] = 1.0 / double(opt_size(o[0]));
                          k[1] = double(resum_every(opt_size(o[0]), 128));
                          k[2] = std::sqrt(o[1]);
                          k[3] = double(opt_size(o[0]) - 1);
                        },
                        clear_state<8>, volatility_stream_step};

}  // namespace hean
