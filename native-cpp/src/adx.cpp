// Directional movement (TA-Lib PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR; Wilder),
// one body. +DM, -DM and TR are summed over bars 1..period-1, then Wilder-updated as
// `prev - prev/period + x` from bar `period` on, where the DIs and DX start; ADX is the
// mean of the first `period` DX values (at 2*period-1), then `(adx*(period-1) + dx) /
// period`; ADXR is the mean of ADX and ADX period-1 bars back (from 3*period-2). Where TR
// or +DI + -DI is ~0, TA-Lib's rules apply: the DIs are 0, DX repeats its previous value
// (0 at first), and ADX skips the bar (the seed mean still divides by period). The smoothed
// DMs alone (PLUS_DM, MINUS_DM) start at period-1; with period 1 the DMs and DIs are the
// bar's own (TA-Lib: the DI then is the plain ratio DM / TR, not in percent).
#include "hean/kernel.hpp"

namespace hean {
namespace {

// Wilder's rule: at most one of +DM / -DM is non-zero, and only if it is the larger move.
template <class L>
HEAN_INLINE void dm_move(L h, L ph, L l, L pl, L& plus, L& minus) {
  const L zero = splat<L>(0.0);
  const L up = h - ph, down = pl - l;
  minus = lsel(lgt(down, zero), lsel(llt(up, down), down, zero), zero);
  plus = lsel(lgt(up, zero), lsel(lgt(up, down), up, zero), zero);
}
template <class L>
HEAN_INLINE void dm_of(const In<L>* in, std::size_t i, L& plus, L& minus) {
  dm_move<L>(in[0][i], in[0][i - 1], in[1][i], in[1][i - 1], plus, minus);
}
// One Wilder update of a smoothed sum.
template <class L>
HEAN_INLINE L wilder_sum(L prev, L x, double dp) {
  return (prev - prev / dp) + x;
}

// Where each indicator's outputs go (null: not an output of that indicator).
template <class L>
struct DirOuts {
  const Out<L>* adx = nullptr;
  const Out<L>* pdi = nullptr;
  const Out<L>* mdi = nullptr;
  const Out<L>* dx = nullptr;
  const Out<L>* adxr = nullptr;
};

template <class L>
HEAN_INLINE void fill_to(const Out<L>* o, std::size_t lb, std::size_t n) {
  if (o) fill_nan(*o, 0, lb < n ? lb : n);
}

template <class L>
void directional(const In<L>* in, std::size_t n, std::size_t p, const DirOuts<L>& o) {
  const std::size_t lb_di = p, lb_adx = 2 * p - 1, lb_adxr = 3 * p - 2;
  fill_to(o.pdi, lb_di, n);
  fill_to(o.mdi, lb_di, n);
  fill_to(o.dx, lb_di, n);
  fill_to(o.adx, lb_adx, n);
  fill_to(o.adxr, lb_adxr, n);
  const L zero = splat<L>(0.0);
  if (p == 1) {  // the bar's own DI (PLUS_DI / MINUS_DI only: DX, ADX need period >= 2)
    for (std::size_t i = 1; i < n; ++i) {
      L a, b;
      dm_of<L>(in, i, a, b);
      const L tr = true_range<L>(in, i);
      if (o.pdi) o.pdi->set(i, div_nz<L>(a, tr, 0.0));
      if (o.mdi) o.mdi->set(i, div_nz<L>(b, tr, 0.0));
    }
    return;
  }
  if (n <= p) return;
  const double dp = double(p), dp1 = double(p - 1);
  L pdm = zero, mdm = zero, tr = zero, dx = zero, adx = zero;
  Ring<L> past;  // ADX of the last p - 1 bars (ADXR)
  if (o.adxr) past.init(p);
  for (std::size_t i = 1; i < p; ++i) {
    L a, b;
    dm_of<L>(in, i, a, b);
    pdm = pdm + a;
    mdm = mdm + b;
    tr = tr + true_range<L>(in, i);
  }
  for (std::size_t i = p; i < n; ++i) {
    L a, b;
    dm_of<L>(in, i, a, b);
    pdm = wilder_sum(pdm, a, dp);
    mdm = wilder_sum(mdm, b, dp);
    tr = wilder_sum(tr, true_range<L>(in, i), dp);
    const L pdi = div_nz<L>(pdm, tr, 0.0) * 100.0;
    const L mdi = div_nz<L>(mdm, tr, 0.0) * 100.0;
    if (o.pdi) o.pdi->set(i, pdi);
    if (o.mdi) o.mdi->set(i, mdi);
    if (!o.dx && !o.adx && !o.adxr) continue;
    const L sum = mdi + pdi;
    // Valid where the DI sum is not exactly 0 (TA-Lib 0.8; a zero TR makes both DIs 0).
    const auto ok = lne(sum, splat<L>(0.0));
    const L raw = div_nz<L>(labs(mdi - pdi), sum, 0.0) * 100.0;
    dx = lsel(ok, raw, dx);
    if (o.dx) o.dx->set(i, dx);
    if (i < lb_adx) {
      adx = adx + lsel(ok, raw, zero);
      continue;
    }
    if (i == lb_adx) adx = (adx + lsel(ok, raw, zero)) / dp;
    else adx = lsel(ok, (adx * dp1 + raw) / dp, adx);
    if (o.adx) o.adx->set(i, adx);
    if (o.adxr) {
      past[i] = adx;
      if (i >= lb_adxr) o.adxr->set(i, (adx + past[i - (p - 1)]) / 2.0);
    }
  }
}

// The smoothed +DM or -DM alone (TA-Lib PLUS_DM / MINUS_DM).
template <class L, bool Plus>
void dm_run(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t lb = p == 1 ? 1 : p - 1;
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  auto dm = [&](std::size_t i) {
    L a, b;
    dm_of<L>(in, i, a, b);
    return Plus ? a : b;
  };
  if (p == 1) {
    for (std::size_t i = 1; i < n; ++i) y.set(i, dm(i));
    return;
  }
  const double dp = double(p);
  L s = splat<L>(0.0);
  for (std::size_t i = 1; i < p; ++i) s = s + dm(i);
  y.set(p - 1, s);
  for (std::size_t i = p; i < n; ++i) {
    s = wilder_sum(s, dm(i), dp);
    y.set(i, s);
  }
}

// Outputs: adx, plusDi, minusDi, dx.
std::size_t adx_lookback(const double* o, int k) {
  const std::size_t p = opt_size(o[0]);
  return k == 0 ? 2 * p - 1 : p;
}
std::size_t di_lookback(const double* o, int) { return opt_size(o[0]); }
std::size_t dm_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]);
  return p == 1 ? 1 : p - 1;
}
std::size_t adxr_lookback(const double* o, int) { return 3 * opt_size(o[0]) - 2; }

template <class L>
void adx_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  DirOuts<L> d;
  d.adx = &out[0];
  d.pdi = &out[1];
  d.mdi = &out[2];
  d.dx = &out[3];
  directional<L>(in, n, opt_size(o[0]), d);
}
template <class L>
void plusDi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  DirOuts<L> d;
  d.pdi = &out[0];
  directional<L>(in, n, opt_size(o[0]), d);
}
template <class L>
void minusDi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  DirOuts<L> d;
  d.mdi = &out[0];
  directional<L>(in, n, opt_size(o[0]), d);
}
template <class L>
void dx_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  DirOuts<L> d;
  d.dx = &out[0];
  directional<L>(in, n, opt_size(o[0]), d);
}
template <class L>
void adxr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  DirOuts<L> d;
  d.adxr = &out[0];
  directional<L>(in, n, opt_size(o[0]), d);
}
template <class L>
void plusDm_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  dm_run<L, true>(in, n, o, out);
}
template <class L>
void minusDm_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  dm_run<L, false>(in, n, o, out);
}
HEAN_LANE_KERNELS(adx)
HEAN_LANE_KERNELS(plusDi)
HEAN_LANE_KERNELS(minusDi)
HEAN_LANE_KERNELS(dx)
HEAN_LANE_KERNELS(adxr)
HEAN_LANE_KERNELS(plusDm)
HEAN_LANE_KERNELS(minusDm)

}  // namespace

HEAN_DEF(adx){
    "adx", "Average directional index with +DI, -DI and DX (Wilder)", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "Wilder smoothing period of DM, TR and ADX"}},
    4, {"adx", "plusDi", "minusDi", "dx"}, adx_lookback, adx_s, adx_v};
HEAN_DEF(plusDm){
    "plusDm", "Wilder-smoothed plus directional movement (+DM)", 2, {"high", "low"}, 1,
    {HEAN_PERIOD("period", 14, "Wilder smoothing period (1: the bar's own +DM)")},
    1, {"plusDm"}, dm_lookback, plusDm_s, plusDm_v};
HEAN_DEF(minusDm){
    "minusDm", "Wilder-smoothed minus directional movement (-DM)", 2, {"high", "low"}, 1,
    {HEAN_PERIOD("period", 14, "Wilder smoothing period (1: the bar's own -DM)")},
    1, {"minusDm"}, dm_lookback, minusDm_s, minusDm_v};
HEAN_DEF(plusDi){
    "plusDi", "Plus directional indicator (+DI, Wilder)", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "Wilder smoothing period of DM and TR (1: the bar's +DM / TR)")},
    1, {"plusDi"}, di_lookback, plusDi_s, plusDi_v};
HEAN_DEF(minusDi){
    "minusDi", "Minus directional indicator (-DI, Wilder)", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "Wilder smoothing period of DM and TR (1: the bar's -DM / TR)")},
    1, {"minusDi"}, di_lookback, minusDi_s, minusDi_v};
HEAN_DEF(dx){
    "dx", "Directional movement index (DX, Wilder)", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "Wilder smoothing period of DM and TR"}},
    1, {"dx"}, di_lookback, dx_s, dx_v};
HEAN_DEF(adxr){
    "adxr", "Average directional movement rating: (ADX + ADX period-1 bars back) / 2", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "Wilder smoothing period of DM, TR and ADX"}},
    1, {"adxr"}, adxr_lookback, adxr_s, adxr_v};

// Streaming +DM / -DM: state n, ph, pl, sum, out. The kernel's sums and Wilder updates.
template <bool Plus>
void dm_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1];
  if (!(h - h + (l - l) == 0)) {
    s[0] = 0;
    s[4] = kNaN;
    return;
  }
  const double n = ++s[0];
  const double ph = s[1], pl = s[2];
  s[1] = h;
  s[2] = l;
  s[4] = kNaN;
  if (n == 1) {
    s[3] = 0;
    return;
  }
  double a, b;
  dm_move<double>(h, ph, l, pl, a, b);
  const double dm = Plus ? a : b;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t i = std::size_t(n) - 1;  // the bar's index in the run
  if (p == 1) {
    s[4] = dm;
  } else if (i < p) {
    s[3] = s[3] + dm;
    if (i == p - 1) s[4] = s[3];
  } else {
    s[4] = s[3] = wilder_sum(s[3], dm, double(p));
  }
}

// Streaming +DI / -DI / DX (Which 0, 1, 2): state n, ph, pl, pc, pdm, mdm, tr, dx, out.
// The kernel's (directional's) sums, Wilder updates and degenerate-case rules.
template <int Which>
void di_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = 0;
    s[8] = kNaN;
    return;
  }
  const double n = ++s[0];
  const double ph = s[1], pl = s[2], pc = s[3];
  s[1] = h;
  s[2] = l;
  s[3] = cl;
  s[8] = kNaN;
  if (n == 1) {
    s[4] = s[5] = s[6] = s[7] = 0;
    return;
  }
  double a, b;
  dm_move<double>(h, ph, l, pl, a, b);
  const double t = true_range_of<double>(h, l, pc);
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t i = std::size_t(n) - 1;
  if (p == 1) {
    s[8] = div_nz<double>(Which == 0 ? a : b, t, 0.0);
    return;
  }
  if (i < p) {
    s[4] = s[4] + a;
    s[5] = s[5] + b;
    s[6] = s[6] + t;
    return;
  }
  const double dp = double(p);
  s[4] = wilder_sum(s[4], a, dp);
  s[5] = wilder_sum(s[5], b, dp);
  s[6] = wilder_sum(s[6], t, dp);
  const double pdi = div_nz<double>(s[4], s[6], 0.0) * 100.0;
  const double mdi = div_nz<double>(s[5], s[6], 0.0) * 100.0;
  if (Which == 0) {
    s[8] = pdi;
    return;
  }
  if (Which == 1) {
    s[8] = mdi;
    return;
  }
  const double sum = mdi + pdi;
  const double raw = div_nz<double>(labs(mdi - pdi), sum, 0.0) * 100.0;
  s[7] = sum == 0.0 ? s[7] : raw;
  s[8] = s[7];
}

HEAN_STREAM(plusDm){5, 4, no_window, nullptr, clear_state<5>, dm_stream_step<true>};
HEAN_STREAM(minusDm){5, 4, no_window, nullptr, clear_state<5>, dm_stream_step<false>};
HEAN_STREAM(plusDi){9, 8, no_window, nullptr, clear_state<9>, di_stream_step<0>};
HEAN_STREAM(minusDi){9, 8, no_window, nullptr, clear_state<9>, di_stream_step<1>};
HEAN_STREAM(dx){9, 8, no_window, nullptr, clear_state<9>, di_stream_step<2>};

// Streaming ADX: state n, ph, pl, pc (previous bar), pdm, mdm, tr (Wilder sums), dx (kept
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
  const double ph = s[1], pl = s[2], pc = s[3];
  s[1] = h;
  s[2] = l;
  s[3] = cl;
  if (i == 0) return;
  double plus, minus;
  dm_move<double>(h, ph, l, pl, plus, minus);
  const double tr = true_range_of<double>(h, l, pc);
  const double p = c.o[0];
  if (i < p) {
    s[4] = s[4] + plus;
    s[5] = s[5] + minus;
    s[6] = s[6] + tr;
    return;
  }
  s[4] = wilder_sum(s[4], plus, p);
  s[5] = wilder_sum(s[5], minus, p);
  s[6] = wilder_sum(s[6], tr, p);
  const double pdi = div_nz<double>(s[4], s[6], 0.0) * 100.0;
  const double mdi = div_nz<double>(s[5], s[6], 0.0) * 100.0;
  const double sum = mdi + pdi;
  const bool bad = sum == 0.0;
  const double raw = div_nz<double>(labs(mdi - pdi), sum, 0.0) * 100.0;
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

// Streaming ADXR: ADX's step and state (s[0 .. 13)), then adxr; the window is the kernel's
// ring of the last `period` ADX values (slot i mod period for bar i of the run).
namespace {
void adxr_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  adx_stream_step(c, x);
  s[13] = kNaN;
  const std::size_t p = opt_size(c.o[0]);
  if (s[0] < double(2 * p)) return;  // before the first ADX, or a gap
  const std::size_t i = std::size_t(s[0]) - 1;
  const double adx = s[9];
  c.put(i % p, adx);
  if (i >= 3 * p - 2) s[13] = (adx + c.w[(i - (p - 1)) % p]) / 2.0;
}
}  // namespace

HEAN_STREAM(adxr){14, 13, period_window, nullptr,
                  [](StreamCtx& c) {
                    adx_clear(c);
                    c.s[13] = kNaN;
                  },
                  adxr_stream_step};

}  // namespace hean
