// Tillson T3 (TA-Lib T3): six chained EMAs (k = 2/(period+1)), each SMA-seeded with the
// first `period` values of the one before as TA-Lib chains them, combined as
// c1*e6 + c2*e5 + c3*e4 + c4*e3 with c1 = -v^3, c2 = 3(v^2 - c1), c3 = -6v^2 - 3(v - c1),
// c4 = 1 + 3v - c1 + 3v^2 (v = vFactor). First value at 6*(period-1) (+ unstablePeriod);
// period 1 copies the input, as TA-Lib does.
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t t3_lookback(const double* o, int) { return 6 * (opt_size(o[0]) - 1) + opt_size(o[2]); }

template <class L>
void t3_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double v = o[1];
  const std::size_t lb = 6 * (p - 1), start = lb + opt_size(o[2]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  if (p == 1) {
    for (std::size_t i = start; i < n; ++i) y.set(i, x[i]);
    return;
  }
  const Ema<L> e = Ema<L>::with_period(p);
  const double dp = double(p);
  L s[6];
  std::size_t i = 0;
  // Seeds: s[k] is the mean of the first p values of s[k-1] (of x for k = 0); each later
  // value of the earlier stages is stepped while the next stage's seed is summed.
  L acc = x[i++];
  for (std::size_t j = 1; j < p; ++j) acc = acc + x[i++];
  s[0] = acc / dp;
  for (int k = 1; k < 6; ++k) {
    acc = s[k - 1];
    for (std::size_t j = 1; j < p; ++j) {
      s[0] = e.step(s[0], x[i++]);
      for (int m = 1; m < k; ++m) s[m] = e.step(s[m], s[m - 1]);
      acc = acc + s[k - 1];
    }
    s[k] = acc / dp;
  }
  const double v2 = v * v;
  const double c1 = 0.0 - v2 * v;
  const double c2 = 3.0 * (v2 - c1);
  const double c3 = -6.0 * v2 - 3.0 * (v - c1);
  const double c4 = 1.0 + 3.0 * v - c1 + 3.0 * v2;
  auto value = [&] { return s[5] * c1 + s[4] * c2 + s[3] * c3 + s[2] * c4; };
  // i == lb + 1 here: the value at lb is from the seeds alone.
  if (start == lb) y.set(lb, value());
  for (; i < n; ++i) {
    s[0] = e.step(s[0], x[i]);
    for (int m = 1; m < 6; ++m) s[m] = e.step(s[m], s[m - 1]);
    if (i >= start) y.set(i, value());
  }
}
HEAN_LANE_KERNELS(t3)

}  // namespace

HEAN_DEF(t3){
    "t3", "Tillson T3: six chained EMAs combined with the volume factor", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 5, "period of the six EMAs; k = 2/(period+1)"),
     OptDef{"vFactor", 0.7, 0, 1, false, nullptr, "volume factor: 0 gives EMA3-like smoothing, 1 the most lag reduction"},
     HEAN_UNSTABLE_OPT},
    1, {"t3"}, t3_lookback, t3_s, t3_v};

}  // namespace hean
