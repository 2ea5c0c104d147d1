// Money flow index (TA-Lib MFI): 100 * positive / (positive + negative) money flow over
// `period` bars, where a bar's money flow tp * volume (tp = (high + low + close) / 3) is
// positive when tp rose from the previous bar, negative when it fell. 0 when the two
// sums add up to less than 1 (TA-Lib's rule, which also covers zero volume).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t mfi_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void mfi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  const L zero = splat<L>(0.0);
  auto tp = [&](std::size_t i) { return (in[0][i] + in[1][i] + in[2][i]) / 3.0; };
  Ring<L> pos, neg;
  pos.init(p + 1);
  neg.init(p + 1);
  auto fp = [&](std::size_t i) { return pos[i]; };
  auto fn = [&](std::size_t i) { return neg[i]; };
  WindowSum<L> sp, sn;
  L prev = tp(0);
  for (std::size_t i = 1; i < n; ++i) {
    const L t = tp(i);
    const L mf = t * in[3][i];
    pos[i] = lsel(lgt(t, prev), mf, zero);
    neg[i] = lsel(llt(t, prev), mf, zero);
    prev = t;
    if (i < p) continue;
    if (i == p) {
      sp.init(p, fp, i + 1);
      sn.init(p, fn, i + 1);
    } else {
      sp.step(fp, i);
      sn.step(fn, i);
    }
    const L tot = sp.sum + sn.sum;
    const auto small = llt(tot, splat<L>(1.0));
    y.set(i, lsel(small, zero, (sp.sum / lsel(small, splat<L>(1.0), tot)) * 100.0));
  }
}
HEAN_LANE_KERNELS(mfi)

}  // namespace

HEAN_DEF(mfi){
    "mfi", "Money flow index (volume-weighted RSI), 0..100", 4, {"high", "low", "close", "volume"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "number of money flows summed"}},
    1, {"mfi"}, mfi_lookback, mfi_s, mfi_v};

}  // namespace hean
