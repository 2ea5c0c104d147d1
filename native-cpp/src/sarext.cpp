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

// The factors after TA-Lib's corrections (each start and step lowered to its cap).
struct SarextParams {
  double start, offset, init_l, acc_l, max_l, init_s, acc_s, max_s;
  explicit SarextParams(const double* o)
      : start(o[0]), offset(o[1]), init_l(o[2] > o[4] ? o[4] : o[2]), acc_l(o[3] > o[4] ? o[4] : o[3]), max_l(o[4]),
        init_s(o[5] > o[7] ? o[7] : o[5]), acc_s(o[6] > o[7] ? o[7] : o[6]), max_s(o[7]) {}
};

// The trend state and one bar of it, shared by the kernel and the stream.
template <class L>
struct SarextState {
  L trend, ep, sar, af;  // trend: 1 long, 0 short
  // Bars 0 and 1 of the run: the start trend, ep, SAR and factor.
  HEAN_INLINE void start(const SarextParams& q, L h0, L l0, L h1, L l1) {
    const L zero = splat<L>(0.0), one = splat<L>(1.0);
    if (q.start == 0) {
      // Bar 1's -DM > 0 (TA-Lib MINUS_DM with period 1) starts a short trend.
      const L up = h1 - h0, down = l0 - l1;
      trend = lsel(lgt(down, zero), lsel(llt(up, down), zero, one), one);
    } else {
      trend = splat<L>(q.start > 0 ? 1.0 : 0.0);
    }
    const auto long0 = lgt(trend, zero);
    ep = lsel(long0, h1, l1);
    sar = q.start == 0 ? lsel(long0, l0, h0) : splat<L>(std::fabs(q.start));
    af = lsel(long0, splat<L>(q.init_l), splat<L>(q.init_s));
  }
  // A bar (nh, nl) after the previous one (ph, pl); returns the output (negative while short).
  HEAN_INLINE L bar(const SarextParams& q, L nh, L nl, L ph, L pl) {
    const L zero = splat<L>(0.0), one = splat<L>(1.0);
    // Long, reversing: the short SAR starts at ep, kept above both bars' highs, offset up.
    L lr = ep;
    lr = lsel(llt(lr, ph), ph, lr);
    lr = lsel(llt(lr, nh), nh, lr);
    if (q.offset != 0.0) lr = lr + lr * q.offset;
    L lr_sar = lr + q.init_s * (nl - lr);
    lr_sar = lsel(llt(lr_sar, ph), ph, lr_sar);
    lr_sar = lsel(llt(lr_sar, nh), nh, lr_sar);
    // Long, continuing: a new high moves ep and raises af; the SAR stays below both lows.
    const auto l_grew = lgt(nh, ep);
    const L l_ep = lsel(l_grew, nh, ep);
    L l_af = af + q.acc_l;
    l_af = lsel(l_grew, lsel(lgt(l_af, splat<L>(q.max_l)), splat<L>(q.max_l), l_af), af);
    L l_sar = sar + l_af * (l_ep - sar);
    l_sar = lsel(lgt(l_sar, pl), pl, l_sar);
    l_sar = lsel(lgt(l_sar, nl), nl, l_sar);
    // Short, reversing, mirrored (offset down).
    L sr = ep;
    sr = lsel(lgt(sr, pl), pl, sr);
    sr = lsel(lgt(sr, nl), nl, sr);
    if (q.offset != 0.0) sr = sr - sr * q.offset;
    L sr_sar = sr + q.init_l * (nh - sr);
    sr_sar = lsel(lgt(sr_sar, pl), pl, sr_sar);
    sr_sar = lsel(lgt(sr_sar, nl), nl, sr_sar);
    // Short, continuing.
    const auto s_grew = llt(nl, ep);
    const L s_ep = lsel(s_grew, nl, ep);
    L s_af = af + q.acc_s;
    s_af = lsel(s_grew, lsel(lgt(s_af, splat<L>(q.max_s)), splat<L>(q.max_s), s_af), af);
    L s_sar = sar + s_af * (s_ep - sar);
    s_sar = lsel(llt(s_sar, ph), ph, s_sar);
    s_sar = lsel(llt(s_sar, nh), nh, s_sar);

    const auto is_l = lgt(trend, zero);
    const auto l_keep = lgt(nl, sar), s_keep = llt(nh, sar);
    // Negative while short: the reversal to short and a continuing short.
    const L l_out = lsel(l_keep, sar, 0.0 - lr), s_out = lsel(s_keep, 0.0 - sar, sr);
    const L l_next = lsel(l_keep, l_sar, lr_sar), s_next = lsel(s_keep, s_sar, sr_sar);
    const L l_ep2 = lsel(l_keep, l_ep, nl), s_ep2 = lsel(s_keep, s_ep, nh);
    const L l_af2 = lsel(l_keep, l_af, splat<L>(q.init_s)), s_af2 = lsel(s_keep, s_af, splat<L>(q.init_l));
    const L l_tr = lsel(l_keep, one, zero), s_tr = lsel(s_keep, zero, one);
    sar = lsel(is_l, l_next, s_next);
    ep = lsel(is_l, l_ep2, s_ep2);
    af = lsel(is_l, l_af2, s_af2);
    trend = lsel(is_l, l_tr, s_tr);
    return lsel(is_l, l_out, s_out);
  }
};

template <class L>
void sarext_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const In<L>&hi = in[0], &lo = in[1];
  const Out<L>& y = out[0];
  fill_nan(y, 0, n < 1 ? n : 1);
  if (n < 2) return;
  const SarextParams q(o);
  SarextState<L> st;
  st.start(q, hi[0], lo[0], hi[1], lo[1]);
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t pi = i == 1 ? 1 : i - 1;  // on bar 1 TA-Lib's "previous" bar is bar 1
    y.set(i, st.bar(q, hi[i], lo[i], hi[pi], lo[pi]));
  }
}
HEAN_LANE_KERNELS(sarext)

}  // namespace

#define HEAN_SAREXT_AF(NAME, DEF, DOC) OptDef{NAME, DEF, 0, 3e37, false, nullptr, DOC}
HEAN_DEF(sarext){
    "sarext", "Parabolic SAR with separate long/short factors (TA-Lib SAREXT; negative while short)", 2,
    {"high", "low"}, 8,
    {OptDef{"startValue", 0, -1e300, 1e300, false, nullptr, "start SAR: > 0 long there, < 0 short at its magnitude, 0 as SAR"},
     OptDef{"offsetOnReverse", 0, 0, 3e37, false, nullptr, "fraction of the SAR added (short) or taken (long) on a reversal"},
     HEAN_SAREXT_AF("accelerationInitLong", 0.02, "acceleration factor at the start of a long trend"),
     HEAN_SAREXT_AF("accelerationLong", 0.02, "acceleration factor step in a long trend"),
     HEAN_SAREXT_AF("accelerationMaxLong", 0.2, "acceleration factor cap in a long trend"),
     HEAN_SAREXT_AF("accelerationInitShort", 0.02, "acceleration factor at the start of a short trend"),
     HEAN_SAREXT_AF("accelerationShort", 0.02, "acceleration factor step in a short trend"),
     HEAN_SAREXT_AF("accelerationMaxShort", 0.2, "acceleration factor cap in a short trend")},
    1, {"sarext"}, sarext_lookback, sarext_s, sarext_v};

// Streaming: state n, trend, ep, sar, af, the previous bar's high and low, out; the
// kernel's start and bar steps.
namespace {
void sarext_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, trend, ep, sar, af, ph, pl, out
  const double h = x[0], l = x[1];
  s[7] = kNaN;
  if (is_gap(h) || is_gap(l)) {
    s[0] = 0;
    return;
  }
  const SarextParams q(c.o);
  const double n = ++s[0];
  if (n == 1) {
    s[5] = h;
    s[6] = l;
    return;
  }
  SarextState<double> st{s[1], s[2], s[3], s[4]};
  // Bar 1: the start from bars 0 and 1, and bar 1's "previous" bar is itself.
  if (n == 2) st.start(q, s[5], s[6], h, l);
  const double ph = n == 2 ? h : s[5], pl = n == 2 ? l : s[6];
  s[7] = st.bar(q, h, l, ph, pl);
  s[1] = st.trend, s[2] = st.ep, s[3] = st.sar, s[4] = st.af;
  s[5] = h;
  s[6] = l;
}
}  // namespace

HEAN_STREAM(sarext){8, 7, no_window, nullptr, clear_state<8>, sarext_stream_step};

}  // namespace hean
