// Acceleration bands (Headley; TA-Lib ACCBANDS): SMAs over `period` bars of
// high * (1 + 4 (high - low) / (high + low)), of the close, and of
// low * (1 - 4 (high - low) / (high + low)) (the bar's own high and low where high + low
// is ~0), in TA-Lib's order of operations. Running window sums, re-summed exactly every
// max(8p, 1024) bars.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t accbands_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// The bar's upper and lower terms.
template <class L>
HEAN_INLINE void accbands_terms(L h, L l, L& up, L& lo) {
  const L s = h + l;
  const auto z = is_zero(s);
  const L r = (4.0 * (h - l)) / lsel(z, splat<L>(1.0), s);
  up = lsel(z, h, h * (1.0 + r));
  lo = lsel(z, l, l * (1.0 - r));
}

template <class L>
void accbands_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  auto up = [&](std::size_t i) {
    L u, d;
    accbands_terms<L>(in[0][i], in[1][i], u, d);
    return u;
  };
  auto lo = [&](std::size_t i) {
    L u, d;
    accbands_terms<L>(in[0][i], in[1][i], u, d);
    return d;
  };
  auto cl = [&](std::size_t i) { return in[2][i]; };
  WindowSum<L> su, sm, sl;
  su.init(p, up, p);
  sm.init(p, cl, p);
  sl.init(p, lo, p);
  const double dp = double(p);
  for (std::size_t i = p - 1;;) {
    out[0].set(i, su.sum / dp);
    out[1].set(i, sm.sum / dp);
    out[2].set(i, sl.sum / dp);
    if (++i >= n) break;
    su.step(up, i);
    sm.step(cl, i);
    sl.step(lo, i);
  }
}
HEAN_LANE_KERNELS(accbands)

}  // namespace

HEAN_DEF(accbands){
    "accbands", "Acceleration bands (Headley): SMAs of the widened high, the close and the widened low", 3,
    {"high", "low", "close"}, 1, {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "SMA window length"}},
    3, {"upper", "middle", "lower"}, accbands_lookback, accbands_s, accbands_v};

}  // namespace hean
