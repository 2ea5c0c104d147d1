// Kaufman adaptive moving average (TA-Lib KAMA). The efficiency ratio
// er = |close - close[period]| / sum of |1-bar changes| over `period` sets the smoothing
// constant sc = (er * (2/(fast+1) - 2/(slow+1)) + 2/(slow+1))^2, and
// kama += (close - kama) * sc. As TA-Lib: the first value is at index `period`, stepped
// from close[period-1]; er = 1 when the change sum is TA-Lib-zero or <= the net change.
// A window whose `period` changes are all exactly 0 has a change sum of exactly 0, as
// TA-Lib 0.8.1's (its slid sum there is 0 where hean's kept a ~1e-14 leftover of the
// departed changes, which put er, and a KAMA %D of a %K pinned at 0 or 100, far off:
// STOCHF(20, 3, KAMA) 15.4 vs 8.6): the kernel counts the run of zero changes, the
// stream checks its change ring on the bar a non-zero change leaves for a zero one.
// Both are one rule, "the window's p changes are all exactly 0", found two ways, and both
// are kept on purpose:
// - the run reaches p exactly on the bar where a non-zero change leaves and a zero one
//   comes (a longer run means the leaving change was 0 too, and then the slid sum is
//   already 0 + (0 - 0) = 0, as is a re-sum of zeros), which is the one bar the stream
//   scans its ring; so the two give the same sum on every bar (test/stream.test.ts's
//   hostile runs of equal values, streaming == batch bit for bit);
// - the kernel's counter is a select a bar, branch-free on its chain and per lane when the
//   lanes are series; a ring scan there would put an O(p) branch into the pipelined loop;
// - the stream's state is the 8 slots release snapshots hold (n, hot, prev, pos, cpos,
//   sum, kama, out: test/stream/release-snapshots.test.ts restores them), with no slot for
//   a counter, and a counter rebuilt from the ring would be the same scan on every bar.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

// Period 1 is a copy of the input (lookback 0), as TA-Lib's KAMA and MA of every type.
std::size_t kama_lookback(const double* o, int) { return opt_size(o[0]) <= 1 ? 0 : opt_size(o[0]); }

// The smoothing constant from the net change `roc` and the change sum over the window.
template <class L>
HEAN_INLINE L kama_sc(L roc, L sum, double diff, double slow_k) {
  const L er = lsel(lgt(sum, roc), labs(div_or<L>(roc, sum, 1.0)), splat<L>(1.0));
  const L sc = er * diff + slow_k;
  return sc * sc;
}
// The change sum where the run of exact-zero changes ending here is `zrun` long: 0 once the
// run covers the window, else `sum`.
template <class L>
HEAN_INLINE L kama_zero_sum(L sum, L zrun, double p) {
  return lsel(llt(zrun, splat<L>(p)), sum, splat<L>(0.0));
}
// The run of exact-zero changes after change `ch`.
template <class L>
HEAN_INLINE L kama_zero_run(L zrun, L ch) {
  return lsel(lne(ch, splat<L>(0.0)), splat<L>(0.0), zrun + 1.0);
}

// One smoothing step, TA-Lib's (close - kama) * sc + kama: a subtract, a multiply and an
// add on the chain (2.44 ns/bar here, benches/chainfloor.cpp). kama * (1 - sc) + close * sc
// would chain only a multiply and an add (1.62) but gives other bits (~1e-15 relative),
// and streams restored from an earlier release's snapshot must go on with the same bits.
template <class L>
HEAN_INLINE L kama_next(L kama, L x, L sc) {
  return (x - kama) * sc + kama;
}

template <class L>
void kama_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  // With the defaults these are TA-Lib's constants 2/(30+1) and 2/(2+1) - 2/(30+1).
  const double slow_k = 2.0 / (o[2] + 1.0);
  const double diff = 2.0 / (o[1] + 1.0) - slow_k;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (p <= 1) {
    for (std::size_t i = 0; i < n; ++i) y.set(i, x[i]);
    return;
  }
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  auto chg = [&](std::size_t i) { return labs_nb(x[i] - x[i - 1]); };
  WindowSum<L> s;
  s.init(p, chg, p + 1);
  const double dp = double(p);
  // The run of exact-zero changes ending at the bar summed last (the window's at init).
  L zrun = splat<L>(0.0);
  for (std::size_t j = 1; j <= p; ++j) zrun = kama_zero_run<L>(zrun, chg(j));
  // WindowSum step to bar i, the sum 0 where the window's changes are all 0.
  auto step = [&](auto&& ch, std::size_t i) {
    s.step(ch, i);
    zrun = kama_zero_run<L>(zrun, ch(i));
    s.sum = kama_zero_sum<L>(s.sum, zrun, dp);
  };
  L kama = x[p - 1];
  // Chunks of K bars, software-pipelined: the change sums of chunk c (a chain of one add a
  // bar) are stepped in the same loop as the smoothing of chunk c - 1 (the multiply-add
  // chain), so the two chains overlap; the smoothing constants of a chunk, with their
  // division, then go in a separate loop with no chain, which vectorizes.
  constexpr std::size_t K = 64;
  L sum[K], xv[K], scv[K];
  auto constants = [&](std::size_t i0, std::size_t e) {
    auto one = [&](std::size_t j, L xi, L xo) {
      const L sc = kama_sc<L>(xi - xo, sum[j], diff, slow_k);
      xv[j] = xi;
      scv[j] = sc;
    };
    if constexpr (std::is_same_v<L, double>) {
      const double* xs = x.span(i0, e - i0);
      const double* xo = xs - p;
      // Eight bars at once, each lane the scalar arithmetic (so the same bits): the
      // compiler left this loop scalar, a division a bar (Zen 3: ~2 ns/bar of kama's ~5.7).
      std::size_t j = 0;
      for (; j + 8 <= e - i0; j += 8) {
        const V8 xi = bars8(xs + j);
        put_bars8(xv + j, xi);
        put_bars8(scv + j, kama_sc<V8>(xi - bars8(xo + j), bars8(sum + j), diff, slow_k));
      }
      for (; j < e - i0; ++j) one(j, xs[j], xo[j]);
    } else {
      for (std::size_t i = i0; i < e; ++i) one(i - i0, x[i], x[i - p]);
    }
  };
  // First chunk's sums: the window at index p is init's; then one step a bar.
  std::size_t e = p + K < n ? p + K : n;
  sum[0] = s.sum;
  for (std::size_t i = p + 1; i < e; ++i) {
    step(chg, i);
    sum[i - p] = s.sum;
  }
  constants(p, e);
  for (std::size_t i0 = p;;) {
    const std::size_t i1 = e, e1 = i1 + K < n ? i1 + K : n;
    // Smooth chunk [i0, e) while summing chunk [i1, e1) (empty at the end).
    const std::size_t len = e - i0, len1 = e1 - i1;
    // The next chunk's bars as plain loads (plain_in; 2.56 -> 2.15 ns/bar on 64K bars).
    const PlainIn<L> q = len1 ? plain_in(x, i1, e1) : PlainIn<L>{x.p, x.stride};
    auto chg1 = [&](std::size_t i) { return labs_nb(q[i] - q[i - 1]); };
    for (std::size_t j = 0; j < len; ++j) {
      kama = kama_next<L>(kama, xv[j], scv[j]);
      y.set(i0 + j, kama);
      if (j < len1) {
        step(chg1, i1 + j);
        sum[j] = s.sum;
      }
    }
    if (len1 == 0) break;
    constants(i1, e1);
    i0 = i1;
    e = e1;
  }
}
HEAN_LANE_KERNELS(kama)

}  // namespace

HEAN_DEF(kama){
    "kama", "Kaufman adaptive moving average", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 10, "efficiency-ratio window (price changes)"),
     OptDef{"fast", 2, 1, kMaxPeriod, true, nullptr, "fastest EMA period; sc at er = 1 is (2/(fast+1))^2"},
     OptDef{"slow", 30, 1, kMaxPeriod, true, nullptr, "slowest EMA period; sc at er = 0 is (2/(slow+1))^2"}},
    1, {"kama"}, kama_lookback, kama_s, kama_v};

// Streaming: state n, hot (bars before the next exact re-sum of the change sum), prev
// (close), pos (close ring, slots 0 .. p-1: the close p bars back), cpos (change ring, slots
// p .. 2p-1), sum (the WindowSum of the changes), kama, out; the kernel's re-sum schedule
// (at index p, then every resum_every(p, 1024) bars) and smoothing. Constants: slow k, the
// fast-slow difference, the re-sum period.
namespace {
// Whether the p changes in the ring (slots p .. 2p-1) are all exactly 0, newest first.
HEAN_INLINE bool kama_ring_zero(const StreamCtx& c, std::size_t p) {
  for (std::size_t k = 0, j = std::size_t(c.s[4]); k < p; ++k) {
    j = j == 0 ? p - 1 : j - 1;
    if (c.w[p + j] != 0.0) return false;
  }
  return true;
}
// The kernel's change sum after a slide that put change ch in for old_c: 0 where the
// window's changes are all 0 (only a non-zero change leaving for a zero one can make it so).
HEAN_INLINE double kama_slid_sum(const StreamCtx& c, std::size_t p, double sum, double ch, double old_c) {
  return ch == 0.0 && old_c != 0.0 && kama_ring_zero(c, p) ? 0.0 : sum;
}
HEAN_INLINE void kama_smooth(StreamCtx& c, double v, double old) {
  double* s = c.s;
  const double sc = kama_sc<double>(v - old, s[5], c.k[1], c.k[0]);
  s[7] = s[6] = kama_next<double>(s[6], v, sc);
}
void kama_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, hot, prev, pos, cpos, sum, kama, out
  const double v = x[0];
  const std::size_t p = opt_size(c.o[0]);
  if (p <= 1) {
    s[7] = is_gap(v) ? kNaN : v;  // a copy, as the kernel (a gap bar is NaN in every output)
    return;
  }
  if (s[1] > 0 && !is_gap(v)) {
    // Warmed up and no re-sum due: the WindowSum step (what the general path below does
    // for such a bar, without its bookkeeping).
    s[1] -= 1;
    s[0] += 1;
    const double prev = s[2];
    s[2] = v;
    const double old = ring_put(c, 0, p, s[3], v);
    const double ch = labs_nb(v - prev);
    const double old_c = ring_put(c, p, p, s[4], ch);
    s[5] = kama_slid_sum(c, p, s[5] + (ch - old_c), ch, old_c);
    return kama_smooth(c, v, old);
  }
  s[1] = 0;
  s[7] = kNaN;
  if (is_gap(v)) {
    s[0] = s[3] = s[4] = 0;
    return;
  }
  const double i = s[0]++;
  const double prev = s[2];
  s[2] = v;
  const double old = ring_put(c, 0, p, s[3], v);
  if (i == 0) return;
  const double ch = labs_nb(v - prev);
  const double old_c = ring_put(c, p, p, s[4], ch);
  if (i < double(p)) return;
  if (i == double(p)) s[6] = prev;
  const double every = c.k[2];
  const double since = std::fmod(i - double(p), every);  // (rare: at most once per re-sum period)
  if (since == 0) {
    s[5] = ring_sum(c.w + p, p, std::size_t(s[4]));  // oldest first
  } else {
    s[5] = kama_slid_sum(c, p, s[5] + (ch - old_c), ch, old_c);
  }
  kama_smooth(c, v, old);
  s[1] = every - 1 - since;
}
}  // namespace

HEAN_STREAM(kama){8, 7, [](const double* o) { return 2 * opt_size(o[0]); },
                  [](const double* o, double* k) {
                    k[0] = 2.0 / (o[2] + 1.0);
                    k[1] = 2.0 / (o[1] + 1.0) - k[0];
                    k[2] = double(resum_every(opt_size(o[0]), 1024));
                  },
                  clear_state<8>, kama_stream_step};

}  // namespace hean
