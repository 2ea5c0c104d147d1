// Volume-weighted average price of the typical price (high + low + close) / 3:
// cumulative since the start of the run or of the session (period 0), or over the last
// `period` bars of the session. A session starts wherever the optional `session` input
// changes value (any numbers; they are exempt from the gap rule). Where the window holds
// no volume at all, the typical price of the bar stands in, so there are no NaNs after
// the warm-up.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t vwap_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]);
  return p > 0 ? p - 1 : 0;
}

template <class L>
void vwap_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  const In<L>& vol = in[3];
  const bool has_s = in[4].p != nullptr;
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  auto tp = [&](std::size_t i) { return (in[0][i] + in[1][i] + in[2][i]) / 3.0; };
  auto changed = [&](std::size_t i) { return lne(in[4][i], in[4][i - 1]); };
  // The bar count with volume is exact, so "no volume in the window" is too.
  auto emit = [&](std::size_t i, L pv, L v, L cnt) {
    const auto ok = lgt(cnt, zero);
    y.set(i, lsel(ok, pv / lsel(ok, v, one), tp(i)));
  };
  if (p == 0) {
    L pv = zero, v = zero, cnt = zero;
    for (std::size_t i = 0; i < n; ++i) {
      if (has_s && i > 0) {
        const auto ch = changed(i);
        pv = lsel(ch, zero, pv);
        v = lsel(ch, zero, v);
        cnt = lsel(ch, zero, cnt);
      }
      const L vi = vol[i];
      pv = pv + tp(i) * vi;
      v = v + vi;
      cnt = cnt + lsel(lne(vi, zero), one, zero);
      emit(i, pv, v, cnt);
    }
    return;
  }
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  // Rolling: bars before the session start (a lane value) are masked out of the window.
  L start = zero;
  if (has_s)
    for (std::size_t i = 1; i < p; ++i) start = lsel(changed(i), splat<L>(double(i)), start);
  auto before = [&](std::size_t j) { return llt(splat<L>(double(j)), start); };
  auto fpv = [&](std::size_t j) { return lsel(before(j), zero, tp(j) * vol[j]); };
  auto fv = [&](std::size_t j) { return lsel(before(j), zero, vol[j]); };
  auto fc = [&](std::size_t j) { return lsel(before(j), zero, lsel(lne(vol[j], zero), one, zero)); };
  WindowSum<L> spv, sv, sc;
  spv.init(p, fpv, p);
  sv.init(p, fv, p);
  sc.init(p, fc, p);
  emit(p - 1, spv.sum, sv.sum, sc.sum);
  for (std::size_t i = p; i < n; ++i) {
    if (has_s) {
      // A new session empties the window; the masks then keep older bars out.
      const auto ch = changed(i);
      start = lsel(ch, splat<L>(double(i)), start);
      spv.sum = lsel(ch, zero, spv.sum);
      sv.sum = lsel(ch, zero, sv.sum);
      sc.sum = lsel(ch, zero, sc.sum);
    }
    spv.step(fpv, i);
    sv.step(fv, i);
    sc.step(fc, i);
    emit(i, spv.sum, sv.sum, sc.sum);
  }
}
HEAN_LANE_KERNELS(vwap)

}  // namespace

HEAN_DEF(vwap){
    "vwap", "Volume-weighted average price (cumulative per session, or rolling)", 5,
    {"high", "low", "close", "volume", "session"}, 1,
    {OptDef{"period", 0, 0, kMaxPeriod, true, nullptr, "0: cumulative since the session start; > 0: rolling window in bars"}},
    1, {"vwap"}, vwap_lookback, vwap_s, vwap_v, 4, 1u << 4};

}  // namespace hean
