// Commodity channel index (TA-Lib CCI, Lambert): (tp - SMA(tp)) / (0.015 * mean absolute
// deviation of tp), tp = (high + low + close) / 3, over `period` bars; 0 where the
// numerator or the deviation is exactly 0. The mean deviation needs the whole window each
// bar (O(period) a bar, as in TA-Lib); typical prices are kept in a ring.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t cci_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void cci_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0);
  Ring<L> tp;
  tp.init(p);
  for (std::size_t i = 0; i < n; ++i) {
    const L last = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
    tp[i] = last;
    if (i + 1 < p) continue;
    L avg = zero;
    for (std::size_t j = i + 1 - p; j <= i; ++j) avg = avg + tp[j];
    avg = avg / double(p);
    L dev = zero;
    // fabs: labs would keep a -0 term, but from a +0 start the sum is the same either way.
    for (std::size_t j = i + 1 - p; j <= i; ++j) dev = dev + lfabs(tp[j] - avg);
    const L num = last - avg;
    const auto ok = lne(dev, zero);
    const L v = num / lsel(ok, (dev / double(p)) * 0.015, splat<L>(1.0));
    y.set(i, lsel(lne(num, zero), lsel(ok, v, zero), zero));
  }
}
HEAN_LANE_KERNELS(cci)

}  // namespace

HEAN_DEF(cci){
    "cci", "Commodity channel index", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length of the typical price's SMA and mean deviation"}},
    1, {"cci"}, cci_lookback, cci_s, cci_v};

// Streaming: state n, pos (ring slot of the oldest typical price), out; the window is the
// ring of typical prices, summed oldest first as the kernel does.
namespace {
void cci_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, pos, out
  if (any_gap<3>(x)) {
    s[0] = s[1] = 0;
    s[2] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double last = (x[0] + x[1] + x[2]) / 3.0;
  const std::size_t pos = std::size_t(s[1]);
  c.put(pos, last);
  const std::size_t o = pos + 1 == p ? 0 : pos + 1;  // the oldest
  s[1] = double(o);
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  const double* w = c.w;
  double avg = 0.0;
  for (std::size_t j = o; j < p; ++j) avg = avg + w[j];
  for (std::size_t j = 0; j < o; ++j) avg = avg + w[j];
  avg = avg / double(p);
  double dev = 0.0;
  for (std::size_t j = o; j < p; ++j) dev = dev + lfabs(w[j] - avg);
  for (std::size_t j = 0; j < o; ++j) dev = dev + lfabs(w[j] - avg);
  const double num = last - avg;
  const bool ok = lne(dev, 0.0);
  const double v = num / lsel(ok, (dev / double(p)) * 0.015, 1.0);
  s[2] = lsel(lne(num, 0.0), lsel(ok, v, 0.0), 0.0);
}
}  // namespace

HEAN_STREAM(cci){3, 2, period_window, nullptr, clear_state<3>, cci_stream_step};

}  // namespace hean
