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

// Wilder's rule: at most one of +DM / -DM is non-zero, and only if it is the larger move
// (up = high - previous high, down = previous low - low).
template <class L>
HEAN_INLINE void directional_move(L up, L down, L& plus, L& minus) {
  const L zero = splat<L>(0.0);
  const auto m = lgt(down, zero), p_ = lgt(up, zero);
  minus = lsel(m, lsel(llt(up, down), down, zero), zero);
  plus = lsel(p_, lsel(lgt(up, down), up, zero), zero);
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
  auto dm = [&](std::size_t i, L& plus, L& minus) { directional_move<L>(hi[i] - hi[i - 1], lo[i - 1] - lo[i], plus, minus); };
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

// Streaming: state n, ph, pl, pc (previous bar), pdm, mdm, tr (Wilder sums), dx (kept
// through ~0 DI sums), adx (the seed sum before 2*period - 1), then the outputs adx, +DI,
// -DI, DX; the kernel's terms, Wilder updates and ~0 rules.
namespace {
void adx_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  s[9] = s[10] = s[11] = s[12] = kNaN;
  if (any_gap<3>(x)) {
    s[0] = s[4] = s[5] = s[6] = s[7] = s[8] = 0;
    return;
  }
  const double h = x[0], l = x[1], cl = x[2];
  const double i = s[0]++;
  const double up = h - s[1], down = s[2] - l, pc = s[3];
  s[1] = h;
  s[2] = l;
  s[3] = cl;
  if (i == 0) return;
  double plus, minus;
  directional_move<double>(up, down, plus, minus);
  const double tr = true_range_of<double>(h, l, pc);
  const double p = c.o[0];
  if (i < p) {
    s[4] = s[4] + plus;
    s[5] = s[5] + minus;
    s[6] = s[6] + tr;
    return;
  }
  s[4] = (s[4] - s[4] / p) + plus;
  s[5] = (s[5] - s[5] / p) + minus;
  s[6] = (s[6] - s[6] / p) + tr;
  const double pdi = div_or<double>(s[4], s[6], 0.0) * 100.0;
  const double mdi = div_or<double>(s[5], s[6], 0.0) * 100.0;
  const double sum = mdi + pdi;
  const bool bad = is_zero(sum);
  const double raw = div_or<double>(labs(mdi - pdi), sum, 0.0) * 100.0;
  s[7] = lsel(bad, s[7], raw);
  s[10] = pdi;
  s[11] = mdi;
  s[12] = s[7];
  if (i < 2 * p - 1) {
    s[8] = s[8] + lsel(bad, 0.0, raw);
  } else if (i == 2 * p - 1) {
    s[9] = s[8] = (s[8] + lsel(bad, 0.0, raw)) / p;
  } else {
    s[9] = s[8] = lsel(bad, s[8], (s[8] * (p - 1) + raw) / p);
  }
}
void adx_clear(StreamCtx& c) {
  for (int k = 0; k < 9; ++k) c.s[k] = 0;
  c.s[9] = c.s[10] = c.s[11] = c.s[12] = kNaN;
}
}  // namespace

HEAN_STREAM(adx){13, 9, no_window, nullptr, adx_clear, adx_stream_step,
                 [](const StreamCtx& c, double* out) {
                   for (int k = 0; k < 4; ++k) out[k] = c.s[9 + k];
                 }};

}  // namespace hean
