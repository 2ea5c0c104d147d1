// Parabolic SAR (TA-Lib SAR, Wilder), as TA-Lib runs it:
// - the first trend is short when bar 1's -DM is positive (the low fell more than the
//   high rose), long otherwise; a long start has sar = low[0], ep = high[1], a short one
//   sar = high[0], ep = low[1]; af starts at `acceleration` (capped at `maximum`);
// - each bar from 1 on outputs the SAR in force, then either reverses (the bar pierced
//   the SAR: the new SAR is the old extreme point, kept beyond this and the previous
//   bar's range, af resets) or advances (a new extreme raises af by `acceleration` up to
//   `maximum`; sar += af * (ep - sar), kept beyond this and the previous bar's range).
// Many series: both trend cases are computed and selected per lane (branch-free); one
// series: the case in force only (see SarState::step).
#include "hean/kernel.hpp"
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#endif

namespace hean {
namespace {

std::size_t sar_lookback(const double*, int) { return 1; }

// t kept at or below x (t > x ? x : t) and at or above x (t < x ? x : t), as one min/max
// instruction where there is one with exactly that select (x86's minsd/maxsd return the
// second operand unless the first is strictly smaller/larger, NaN included): GCC turned
// the last clamp of the chain into a branch, which mispredicts about every other bar.
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__))
HEAN_INLINE double below(double t, double x) { return _mm_cvtsd_f64(_mm_min_sd(_mm_set_sd(x), _mm_set_sd(t))); }
HEAN_INLINE double above(double t, double x) { return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(x), _mm_set_sd(t))); }
#else
HEAN_INLINE double below(double t, double x) { return t > x ? x : t; }
HEAN_INLINE double above(double t, double x) { return t < x ? x : t; }
#endif

// The SAR's state and one bar of it, shared by the kernel and the stream.
template <class L>
struct SarState {
  L trend, ep, sar, af;  // trend: 1 long, 0 short

  // From bars 0 and 1: bar 1's -DM > 0 (TA-Lib MINUS_DM with period 1) starts a short trend.
  HEAN_INLINE void start(L h0, L l0, L h1, L l1, double acc) {
    const L zero = splat<L>(0.0), one = splat<L>(1.0);
    const L up = h1 - h0, down = l0 - l1;
    const L is_long = lsel(lgt(down, zero), lsel(llt(up, down), zero, one), one);
    const auto long0 = lgt(is_long, zero);
    trend = is_long;
    ep = lsel(long0, h1, l1);
    sar = lsel(long0, l0, h0);
    af = splat<L>(acc);
  }
  // One series, a trend going on: a new extreme x (`grew`) moves ep and raises af, without
  // a branch (in a trend about every other bar makes a new extreme, unpredictably). When
  // not grown af + acc * 0 is af and af <= mx already, so the bits are the branch's.
  HEAN_INLINE void grow(bool grew, double x, double acc, double mx) {
    const double g = grew;
    ep = lsel_nb(grew, x, ep);
    const double a = af + acc * g;
    af = a > mx ? mx : a;
  }
  // Bar (nh, nl) after the bar (ph, pl): returns the SAR in force for it and advances.
  HEAN_INLINE L step(L nh, L nl, L ph, L pl, double acc, double mx) {
    if constexpr (std::is_same_v<L, double>) {
      // One series: only the case in force is computed. Trends last many bars, so the
      // branches mispredict about once a reversal, and the chain is the advance alone
      // (sar += af*(ep - sar) and its clamps); computing all four cases and selecting
      // took 9.0 ns/bar against 6.3 (64K bars, best of 301). The same operations as the
      // lanes' selects, case by case, so the bits are the same.
      if (trend > 0) {
        if (nl > sar) {
          const double out = sar;
          grow(nh > ep, nh, acc, mx);
          // Kept below both lows: the lower low first (off the chain), then one clamp on
          // it. min(min(t, pl), nl) and min(t, min(pl, nl)) pick the same value (the lows
          // are finite; t may be NaN and stays so either way; with ±0 ties both keep t
          // or the same low), so one select leaves the chain.
          const double t = sar + af * (ep - sar), lo2 = pl > nl ? nl : pl;
          sar = below(t, lo2);
          return out;
        }
        double r = ep;
        r = r < ph ? ph : r;
        r = r < nh ? nh : r;
        double t = r + acc * (nl - r);
        t = t < ph ? ph : t;
        sar = t < nh ? nh : t;
        ep = nl;
        af = acc;
        trend = 0.0;
        return r;
      }
      if (nh < sar) {
        const double out = sar;
        grow(nl < ep, nl, acc, mx);
        // Kept above both highs, the higher first (mirrored).
        const double t = sar + af * (ep - sar), hi2 = ph < nh ? nh : ph;
        sar = above(t, hi2);
        return out;
      }
      double r = ep;
      r = r > pl ? pl : r;
      r = r > nl ? nl : r;
      double t = r + acc * (nh - r);
      t = t > pl ? pl : t;
      sar = t > nl ? nl : t;
      ep = nh;
      af = acc;
      trend = 1.0;
      return r;
    }
    const L zero = splat<L>(0.0), one = splat<L>(1.0), l_acc = splat<L>(acc), l_mx = splat<L>(mx);
    auto next_af = [&](auto grew) {
      L a = af + acc;
      return lsel(grew, lsel(lgt(a, l_mx), l_mx, a), af);
    };
    // Long, reversing (the low reached the SAR): the new short SAR starts at ep, kept above
    // both bars' highs, and is output; then it advances once with af = acceleration.
    L lr = ep;
    lr = lsel(llt(lr, ph), ph, lr);
    lr = lsel(llt(lr, nh), nh, lr);
    L lr_sar = lr + acc * (nl - lr);
    lr_sar = lsel(llt(lr_sar, ph), ph, lr_sar);
    lr_sar = lsel(llt(lr_sar, nh), nh, lr_sar);
    // Long, continuing: a new high moves ep and raises af; the SAR stays below both lows.
    const auto l_grew = lgt(nh, ep);
    const L l_ep = lsel(l_grew, nh, ep), l_af = next_af(l_grew);
    L l_sar = sar + l_af * (l_ep - sar);
    l_sar = lsel(lgt(l_sar, pl), pl, l_sar);
    l_sar = lsel(lgt(l_sar, nl), nl, l_sar);
    // Short, reversing (the high reached the SAR), mirrored.
    L sr = ep;
    sr = lsel(lgt(sr, pl), pl, sr);
    sr = lsel(lgt(sr, nl), nl, sr);
    L sr_sar = sr + acc * (nh - sr);
    sr_sar = lsel(lgt(sr_sar, pl), pl, sr_sar);
    sr_sar = lsel(lgt(sr_sar, nl), nl, sr_sar);
    // Short, continuing.
    const auto s_grew = llt(nl, ep);
    const L s_ep = lsel(s_grew, nl, ep), s_af = next_af(s_grew);
    L s_sar = sar + s_af * (s_ep - sar);
    s_sar = lsel(llt(s_sar, ph), ph, s_sar);
    s_sar = lsel(llt(s_sar, nh), nh, s_sar);

    const auto is_l = lgt(trend, zero);
    const auto l_keep = lgt(nl, sar), s_keep = llt(nh, sar);
    const L l_out = lsel(l_keep, sar, lr), s_out = lsel(s_keep, sar, sr);
    const L out = lsel(is_l, l_out, s_out);
    const L l_next = lsel(l_keep, l_sar, lr_sar), s_next = lsel(s_keep, s_sar, sr_sar);
    const L l_ep2 = lsel(l_keep, l_ep, nl), s_ep2 = lsel(s_keep, s_ep, nh);
    const L l_af2 = lsel(l_keep, l_af, l_acc), s_af2 = lsel(s_keep, s_af, l_acc);
    const L l_tr = lsel(l_keep, one, zero), s_tr = lsel(s_keep, zero, one);
    sar = lsel(is_l, l_next, s_next);
    ep = lsel(is_l, l_ep2, s_ep2);
    af = lsel(is_l, l_af2, s_af2);
    trend = lsel(is_l, l_tr, s_tr);
    return out;
  }
};

HEAN_INLINE double sar_acceleration(const double* o) { return o[0] > o[1] ? o[1] : o[0]; }

template <class L>
void sar_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const In<L>&hi = in[0], &lo = in[1];
  const Out<L>& y = out[0];
  fill_nan(y, 0, n < 1 ? n : 1);
  if (n < 2) return;
  const double mx = o[1];
  const double acc = sar_acceleration(o);
  SarState<L> st;
  st.start(hi[0], lo[0], hi[1], lo[1], acc);
  // On bar 1 TA-Lib's "previous" bar is bar 1.
  y.set(1, st.step(hi[1], lo[1], hi[1], lo[1], acc, mx));
  for (std::size_t i0 = 2; i0 < n; i0 += kPlainBlock) {
    const std::size_t e = n - i0 < kPlainBlock ? n : i0 + kPlainBlock;
    const PlainIn<L> h = plain_in(hi, i0, e), l = plain_in(lo, i0, e);
    for (std::size_t i = i0; i < e; ++i) {
      if constexpr (std::is_same_v<L, double>) {
        if (!((i - i0) & 7)) {
          prefetch_ahead(hi.p, i, n);
          prefetch_ahead(lo.p, i, n);
          prefetch_out(y.p + i);
        }
      }
      y.set(i, st.step(h[i], l[i], h[i - 1], l[i - 1], acc, mx));
    }
  }
}
HEAN_LANE_KERNELS(sar)

}  // namespace

HEAN_DEF(sar){
    "sar", "Parabolic SAR (stop and reverse)", 2, {"high", "low"}, 2,
    {OptDef{"acceleration", 0.02, 0, 3e37, false, nullptr, "acceleration factor: start value and step"},
     OptDef{"maximum", 0.2, 0, 3e37, false, nullptr, "acceleration factor cap"}},
    1, {"sar"}, sar_lookback, sar_s, sar_v};

// Streaming: state n, ph, pl (the previous bar; bar 0's until bar 1), trend, ep, sar, af
// (SarState, the kernel's bar step), out.
namespace {
void sar_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1];
  if (!(h - h + (l - l) == 0)) {
    s[0] = 0;
    s[7] = kNaN;
    return;
  }
  const double i = s[0]++;
  if (i == 0) {
    s[1] = h;
    s[2] = l;
    s[7] = kNaN;
    return;
  }
  const double acc = sar_acceleration(c.o);
  SarState<double> st{s[3], s[4], s[5], s[6]};
  double ph = s[1], pl = s[2];
  if (i == 1) {
    st.start(ph, pl, h, l, acc);
    ph = h;  // on bar 1 TA-Lib's "previous" bar is bar 1
    pl = l;
  }
  s[7] = st.step(h, l, ph, pl, acc, c.o[1]);
  s[1] = h;
  s[2] = l;
  s[3] = st.trend;
  s[4] = st.ep;
  s[5] = st.sar;
  s[6] = st.af;
}
}  // namespace

HEAN_STREAM(sar){8, 7, no_window, nullptr, clear_state<8>, sar_stream_step};

}  // namespace hean
