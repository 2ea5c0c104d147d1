// Parabolic SAR, extended (TA-Lib SAREXT): SAR with separate acceleration factors (start,
// step, cap) for long and short trends, an optional start value (> 0 starts long there,
// < 0 short at its magnitude, 0 picks the trend as SAR does from bar 1's -DM), and an
// offset applied to the SAR on each reversal. As TA-Lib, values are negative while short.
// Factors above their cap are lowered to it. The same bar loop as sar.cpp, in TA-Lib's
// SAREXT order of operations; branch-free across lanes.
#include <cmath>

#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t sarext_lookback(const double*, int) { return 1; }

template <class L>
void sarext_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const In<L>&hi = in[0], &lo = in[1];
  const Out<L>& y = out[0];
  fill_nan(y, 0, n < 1 ? n : 1);
  if (n < 2) return;
  const double start = o[0], offset = o[1];
  const double max_l = o[4], max_s = o[7];
  const double init_l = o[2] > max_l ? max_l : o[2], acc_l = o[3] > max_l ? max_l : o[3];
  const double init_s = o[5] > max_s ? max_s : o[5], acc_s = o[6] > max_s ? max_s : o[6];
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  L is_long;
  if (start == 0) {
    // Bar 1's -DM > 0 (TA-Lib MINUS_DM with period 1) starts a short trend.
    const L up = hi[1] - hi[0], down = lo[0] - lo[1];
    is_long = lsel(lgt(down, zero), lsel(llt(up, down), zero, one), one);
  } else {
    is_long = splat<L>(start > 0 ? 1.0 : 0.0);
  }
  const auto long0 = lgt(is_long, zero);
  L trend = is_long;  // 1 long, 0 short
  L ep = lsel(long0, hi[1], lo[1]);
  L sar = start == 0 ? lsel(long0, lo[0], hi[0]) : splat<L>(std::fabs(start));
  L af = lsel(long0, splat<L>(init_l), splat<L>(init_s));
  for (std::size_t i = 1; i < n; ++i) {
    const L nh = hi[i], nl = lo[i];
    const std::size_t pi = i == 1 ? 1 : i - 1;  // on bar 1 TA-Lib's "previous" bar is bar 1
    const L ph = hi[pi], pl = lo[pi];
    // Long, reversing: the short SAR starts at ep, kept above both bars' highs, offset up.
    L lr = ep;
    lr = lsel(llt(lr, ph), ph, lr);
    lr = lsel(llt(lr, nh), nh, lr);
    if (offset != 0.0) lr = lr + lr * offset;
    L lr_sar = lr + init_s * (nl - lr);
    lr_sar = lsel(llt(lr_sar, ph), ph, lr_sar);
    lr_sar = lsel(llt(lr_sar, nh), nh, lr_sar);
    // Long, continuing: a new high moves ep and raises af; the SAR stays below both lows.
    const auto l_grew = lgt(nh, ep);
    const L l_ep = lsel(l_grew, nh, ep);
    L l_af = af + acc_l;
    l_af = lsel(l_grew, lsel(lgt(l_af, splat<L>(max_l)), splat<L>(max_l), l_af), af);
    L l_sar = sar + l_af * (l_ep - sar);
    l_sar = lsel(lgt(l_sar, pl), pl, l_sar);
    l_sar = lsel(lgt(l_sar, nl), nl, l_sar);
    // Short, reversing, mirrored (offset down).
    L sr = ep;
    sr = lsel(lgt(sr, pl), pl, sr);
    sr = lsel(lgt(sr, nl), nl, sr);
    if (offset != 0.0) sr = sr - sr * offset;
    L sr_sar = sr + init_l * (nh - sr);
    sr_sar = lsel(lgt(sr_sar, pl), pl, sr_sar);
    sr_sar = lsel(lgt(sr_sar, nl), nl, sr_sar);
    // Short, continuing.
    const auto s_grew = llt(nl, ep);
    const L s_ep = lsel(s_grew, nl, ep);
    L s_af = af + acc_s;
    s_af = lsel(s_grew, lsel(lgt(s_af, splat<L>(max_s)), splat<L>(max_s), s_af), af);
    L s_sar = sar + s_af * (s_ep - sar);
    s_sar = lsel(llt(s_sar, ph), ph, s_sar);
    s_sar = lsel(llt(s_sar, nh), nh, s_sar);

    const auto is_l = lgt(trend, zero);
    const auto l_keep = lgt(nl, sar), s_keep = llt(nh, sar);
    // Negative while short: the reversal to short and a continuing short.
    const L l_out = lsel(l_keep, sar, 0.0 - lr), s_out = lsel(s_keep, 0.0 - sar, sr);
    y.set(i, lsel(is_l, l_out, s_out));
    const L l_next = lsel(l_keep, l_sar, lr_sar), s_next = lsel(s_keep, s_sar, sr_sar);
    const L l_ep2 = lsel(l_keep, l_ep, nl), s_ep2 = lsel(s_keep, s_ep, nh);
    const L l_af2 = lsel(l_keep, l_af, splat<L>(init_s)), s_af2 = lsel(s_keep, s_af, splat<L>(init_l));
    const L l_tr = lsel(l_keep, one, zero), s_tr = lsel(s_keep, zero, one);
    sar = lsel(is_l, l_next, s_next);
    ep = lsel(is_l, l_ep2, s_ep2);
    af = lsel(is_l, l_af2, s_af2);
    trend = lsel(is_l, l_tr, s_tr);
  }
}
HEAN_LANE_KERNELS(sarext)

}  // namespace

#define HEAN_SAREXT_AF(NAME, DEF, DOC) OptDef{NAME, DEF, 0, 1e6, false, nullptr, DOC}
HEAN_DEF(sarext){
    "sarext", "Parabolic SAR with separate long/short factors (TA-Lib SAREXT; negative while short)", 2,
    {"high", "low"}, 8,
    {OptDef{"startValue", 0, -1e300, 1e300, false, nullptr, "start SAR: > 0 long there, < 0 short at its magnitude, 0 as SAR"},
     OptDef{"offsetOnReverse", 0, 0, 1e6, false, nullptr, "fraction of the SAR added (short) or taken (long) on a reversal"},
     HEAN_SAREXT_AF("accelerationInitLong", 0.02, "acceleration factor at the start of a long trend"),
     HEAN_SAREXT_AF("accelerationLong", 0.02, "acceleration factor step in a long trend"),
     HEAN_SAREXT_AF("accelerationMaxLong", 0.2, "acceleration factor cap in a long trend"),
     HEAN_SAREXT_AF("accelerationInitShort", 0.02, "acceleration factor at the start of a short trend"),
     HEAN_SAREXT_AF("accelerationShort", 0.02, "acceleration factor step in a short trend"),
     HEAN_SAREXT_AF("accelerationMaxShort", 0.2, "acceleration factor cap in a short trend")},
    1, {"sarext"}, sarext_lookback, sarext_s, sarext_v};

}  // namespace hean
