// Intraday momentum index (TA-Lib IMI): 100 * up / (up + down) over the last `period`
// bars, where a bar closing above its open adds close - open to `up` and any other bar
// adds open - close to `down`. Both sums are taken afresh over the window each bar, in
// TA-Lib's order (O(period) a bar, no drift); a window of bars that all close at their
// open is 0 / 0 = NaN, as in TA-Lib.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t imi_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void imi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>&op = in[0], &cl = in[1];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0);
  for (std::size_t t = p - 1; t < n; ++t) {
    L up = zero, down = zero;
    for (std::size_t i = t + 1 - p; i <= t; ++i) {
      const L c = cl[i], a = op[i];
      const auto rise = lgt(c, a);
      up = up + lsel(rise, c - a, zero);
      down = down + lsel(rise, zero, a - c);
    }
    y.set(t, (up / (up + down)) * 100.0);
  }
}
HEAN_LANE_KERNELS(imi)

}  // namespace

HEAN_DEF(imi){
    "imi", "Intraday momentum index: 100 * up / (up + down) of close - open, 0..100", 2, {"open", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"imi"}, imi_lookback, imi_s, imi_v};

// Streaming: state n, pos (ring slot of the next bar), out; the window holds the last
// `period` opens, then their closes. Both sums afresh each bar, oldest first, as the kernel.
namespace {
void imi_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  if (ring_stream_gap(c, any_gap<2>(x))) return;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t pos = std::size_t(s[1]);
  c.put(pos, x[0]);
  c.put(p + pos, x[1]);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  double up = 0.0, down = 0.0;
  for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
    const double a = c.w[j], cl = c.w[p + j];
    const bool rise = cl > a;
    up = up + (rise ? cl - a : 0.0);
    down = down + (rise ? 0.0 : a - cl);
  }
  s[2] = (up / (up + down)) * 100.0;
}
}  // namespace

HEAN_STREAM(imi){3, 2, [](const double* o) { return 2 * opt_size(o[0]); }, nullptr, clear_state<3>, imi_stream_step};

}  // namespace hean
