// Directional movement (TA-Lib PLUS_DI, MINUS_DI, DX, ADX; Wilder) in one pass. +DM, -DM
// and TR are summed over bars 1..period-1, then Wilder-updated as `prev - prev/period + x`
// from bar `period` on, where the DIs and DX start; ADX is the mean of the first `period`
// DX values (at 2*period-1), then `(adx*(period-1) + dx) / period`. Where TR or +DI + -DI
// is ~0, TA-Lib's rules apply: the DIs are 0, DX repeats its previous value (0 at first),
// and ADX skips the bar (the seed mean still divides by period).
#include "hean/kernel.hpp"

namespace hean {
namespace {

// Outputs: adx, plusDi, minusDi, dx.
std::size_t adx_lookback(const double* o, int k) {
  const std::size_t p = opt_size(o[0]);
  return k == 0 ? 2 * p - 1 : p;
}

template <class L>
void adx_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>&hi = in[0], &lo = in[1];
  const std::size_t lb_di = p < n ? p : n, lb_adx = 2 * p - 1 < n ? 2 * p - 1 : n;
  for (int k = 1; k < 4; ++k) fill_nan(out[k], 0, lb_di);
  fill_nan(out[0], 0, lb_adx);
  if (n <= p) return;
  const L zero = splat<L>(0.0);
  const double dp = double(p), dp1 = double(p - 1);
  L pdm = zero, mdm = zero, tr = zero, dx = zero, adx = zero;
  // Wilder's rule: at most one of +DM / -DM is non-zero, and only if it is the larger move.
  auto dm = [&](std::size_t i, L& plus, L& minus) {
    const L up = hi[i] - hi[i - 1], down = lo[i - 1] - lo[i];
    const auto m = lgt(down, zero), p_ = lgt(up, zero);
    minus = lsel(m, lsel(llt(up, down), down, zero), zero);
    plus = lsel(p_, lsel(lgt(up, down), up, zero), zero);
  };
  for (std::size_t i = 1; i < p; ++i) {
    L a, b;
    dm(i, a, b);
    pdm = pdm + a;
    mdm = mdm + b;
    tr = tr + true_range<L>(in, i);
  }
  for (std::size_t i = p; i < n; ++i) {
    L a, b;
    dm(i, a, b);
    pdm = (pdm - pdm / dp) + a;
    mdm = (mdm - mdm / dp) + b;
    tr = (tr - tr / dp) + true_range<L>(in, i);
    const L pdi = div_or<L>(pdm, tr, 0.0) * 100.0;
    const L mdi = div_or<L>(mdm, tr, 0.0) * 100.0;
    const L sum = mdi + pdi;
    // Valid where neither TR nor the DI sum is ~0 (a zero TR makes both DIs 0).
    const auto bad = is_zero(sum);
    const L raw = div_or<L>(labs(mdi - pdi), sum, 0.0) * 100.0;
    dx = lsel(bad, dx, raw);
    out[1].set(i, pdi);
    out[2].set(i, mdi);
    out[3].set(i, dx);
    if (i < 2 * p - 1) {
      adx = adx + lsel(bad, zero, raw);
    } else if (i == 2 * p - 1) {
      adx = (adx + lsel(bad, zero, raw)) / dp;
      out[0].set(i, adx);
    } else {
      adx = lsel(bad, adx, (adx * dp1 + raw) / dp);
      out[0].set(i, adx);
    }
  }
}
HEAN_LANE_KERNELS(adx)

}  // namespace

HEAN_DEF(adx){
    "adx", "Average directional index with +DI, -DI and DX (Wilder)", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "Wilder smoothing period of DM, TR and ADX"}},
    4, {"adx", "plusDi", "minusDi", "dx"}, adx_lookback, adx_s, adx_v};

}  // namespace hean
