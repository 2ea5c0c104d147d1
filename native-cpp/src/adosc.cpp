// Chaikin A/D oscillator (TA-Lib ADOSC): fast EMA - slow EMA of the A/D line, both EMAs
// seeded with the first A/D value (not an SMA), as TA-Lib; output from
// max(fast, slow) - 1.
#include "hean/ad_flows.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t adosc_lookback(const double* o, int) {
  const std::size_t f = opt_size(o[0]), s = opt_size(o[1]);
  return (f > s ? f : s) - 1;
}

template <class L>
void adosc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t lb = adosc_lookback(o, 0);
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const Ema<L> ef = Ema<L>::with_period(opt_size(o[0])), es = Ema<L>::with_period(opt_size(o[1]));
  if constexpr (std::is_same_v<L, double>) {
    // One series: the flows eight bars at once (ad_flow_chain: the division and the gap
    // scan leave the chains' loop and overlap them); the same operations per bar, so the
    // same bits.
    double ad = 0.0, fast = 0.0, slow = 0.0;
    double* q = y.p;
    ad_flow_chain(in, n, [&](std::size_t i, double f) {
      if (i == 0) {
        ad = fast = slow = f;
        return;
      }
      ad = ad + f;
      fast = ef.step(fast, ad);
      slow = es.step(slow, ad);
      if (i >= lb) q[i] = fast - slow;
    });
    return;
  }
  L ad = ad_flow<L>(in, 0);
  L fast = ad, slow = ad;
  std::size_t i = 1;
  for (; i < lb; ++i) {
    ad = ad + ad_flow<L>(in, i);
    fast = ef.step(fast, ad);
    slow = es.step(slow, ad);
  }
  for (; i < n; ++i) {
    ad = ad + ad_flow<L>(in, i);
    fast = ef.step(fast, ad);
    slow = es.step(slow, ad);
    y.set(i, fast - slow);
  }
}
HEAN_LANE_KERNELS(adosc)

}  // namespace

HEAN_DEF(adosc){
    "adosc", "Chaikin A/D oscillator: fast EMA - slow EMA of the A/D line", 4, {"high", "low", "close", "volume"}, 2,
    {OptDef{"fast", 3, 2, kMaxPeriod, true, nullptr, "fast EMA period"},
     OptDef{"slow", 10, 2, kMaxPeriod, true, nullptr, "slow EMA period"}},
    1, {"adosc"}, adosc_lookback, adosc_s, adosc_v};

// Streaming: state n, ad, fast, slow, out; the kernel's A/D term and Ema steps. Constants:
// the fast and slow Ema's k and a, and the lookback.
namespace {
void adosc_constants(const double* o, double* k) {
  const Ema<double> ef = Ema<double>::with_period(opt_size(o[0])), es = Ema<double>::with_period(opt_size(o[1]));
  k[0] = ef.k, k[1] = ef.a, k[2] = es.k, k[3] = es.a;
  k[4] = double(adosc_lookback(o, 0));
}
void adosc_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, ad, fast, slow, out
  s[4] = kNaN;
  if (any_gap<4>(x)) {
    s[0] = 0;
    return;
  }
  const double i = s[0]++;
  const double flow = ad_flow_of<double>(x[0], x[1], x[2], x[3]);
  if (i == 0) {
    s[1] = s[2] = s[3] = flow;
    return;
  }
  s[1] = s[1] + flow;
  s[2] = Ema<double>::make(c.k[0], c.k[1]).step(s[2], s[1]);
  s[3] = Ema<double>::make(c.k[2], c.k[3]).step(s[3], s[1]);
  if (i >= c.k[4]) s[4] = s[2] - s[3];
}
}  // namespace

HEAN_STREAM(adosc){5, 4, no_window, adosc_constants, clear_state<5>, adosc_stream_step};

}  // namespace hean
