// Bollinger Bands (TA-Lib BBANDS; an SMA middle by default, any MA type by maType): middle ± stdDev * population
// standard deviation of the window, from one fused pass over the data.
#include "hean/ma.hpp"

namespace hean {
namespace {

std::size_t bbands_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]), m = ma_lookback(int(o[2]), p);
  return m > p - 1 ? m : p - 1;
}

// Another middle band (TA-Lib BBANDS with that MAType): the MA by the MA dispatch
// (hean/ma.hpp) into out[1], the population standard deviation of the window beside it.
template <class L>
void bbands_ma(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), lb = bbands_lookback(o, 0);
  const double k = o[1];
  const In<L>& x = in[0];
  if (n <= lb) {
    for (int j = 0; j < 3; ++j) fill_nan(out[j], 0, n);
    return;
  }
  ma_run<L>(int(o[2]), p, x, n, out[1]);
  const In<L> mid = in_of(out[1]);
  auto f = [&](std::size_t i) { return x[i]; };
  FlatMoments<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    if (i >= lb) {
      const L sd = lsqrt(w.variance());
      const L m = mid[i];
      out[0].set(i, m + sd * k);
      out[2].set(i, m - sd * k);
    }
    if (++i >= n) break;
    w.step(f, i);
  }
  for (int j = 0; j < 3; ++j) fill_nan(out[j], 0, lb);
}

template <class L>
void bbands_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (int(o[2]) != kMaSma) return bbands_ma<L>(in, n, o, out);
  const double up = o[1], dn = o[1];
  const In<L>& x = in[0];
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  auto f = [&](std::size_t i) { return x[i]; };
  FlatMoments<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    L mid = w.mean();
    L sd = lsqrt(w.variance());
    out[0].set(i, mid + sd * up);
    out[1].set(i, mid);
    out[2].set(i, mid - sd * dn);
    if (++i >= n) break;
    w.step(f, i);
  }
}
HEAN_LANE_KERNELS(bbands)

}  // namespace

HEAN_DEF(bbands){
    "bbands", "Bollinger Bands: MA middle (SMA by default) ± k population standard deviations", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 20, "window length"),
     OptDef{"stdDev", 2, 0, 1e6, false, nullptr, "band width in population standard deviations"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type of the middle band (TA-Lib's default sma)")}, 
    3, {"upper", "middle", "lower"}, bbands_lookback, bbands_s, bbands_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide, _settle), ok; outputs from them.
// The stream is the SMA middle band's: other maTypes ask for an impossible window, which
// the stream constructor rejects (src/stream/wasm.ts checks maType first).
HEAN_STREAM(bbands){6, 5, [](const double* o) { return o[2] == 0 ? period_window(o) : ~std::size_t(0) >> 12; },
                    moments_constants,
                    [](StreamCtx& c) {
                      clear_moments(c);
                      c.s[5] = 0;
                    },
                    [](StreamCtx& c, const double* x) {
                      c.s[5] = moments_stream_slide(c, x[0]) ? 1 : 0;
                      if (c.s[5] != 0) moments_stream_settle(c, x[0]);
                    },
                    [](const StreamCtx& c, double* out) {
                      if (c.s[5] == 0) {
                        out[0] = out[1] = out[2] = kNaN;
                        return;
                      }
                      const double mid = c.s[3], sd = moments_sd(c), k = c.k[2];
                      out[0] = mid + sd * k;
                      out[1] = mid;
                      out[2] = mid - sd * k;
                    }};
}  // namespace hean
