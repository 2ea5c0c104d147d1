// Stochastic oscillator (TA-Lib STOCH; SMA smoothing by default, any MA type by option): fast %K over fastK bars, slow
// %K = SMA(fast %K, slowK), slow %D = SMA(slow %K, slowD). Both outputs start at
// fastK-1 + slowK-1 + slowD-1, as in TA-Lib. The fast stochastic (TA-Lib STOCHF) is the
// same body without the slow %K smoothing: fast %K and %D = SMA(fast %K, fastD), from
// fastK-1 + fastD-1.

#include <algorithm>

#include "hean/bars8.hpp"
#include "hean/chunk_sums.hpp"
#include "hean/ma.hpp"
#include "hean/scratch.hpp"
#include "hean/series_extremes.hpp"
#include "hean/window_scan.hpp"

namespace hean {
namespace {

std::size_t stoch_lookback(const double* o, int) {
  return opt_size(o[0]) - 1 + ma_lookback(int(o[3]), opt_size(o[1])) + ma_lookback(int(o[4]), opt_size(o[2]));
}
std::size_t stochf_lookback(const double* o, int) { return opt_size(o[0]) - 1 + opt_size(o[1]) - 1; }

// Other MA types (TA-Lib's TA_MA over fast %K, then over slow %K): fast %K into out[1],
// slow %K = MA(fast %K) into out[0], %D = MA(slow %K) into out[1], by the MA dispatch
// (hean/ma.hpp).
template <class L>
void stoch_ma(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t pk = opt_size(o[0]), sk = opt_size(o[1]), sd = opt_size(o[2]);
  const int tk = int(o[3]), td = int(o[4]);
  const std::size_t lb_k = pk - 1, lb_sk = lb_k + ma_lookback(tk, sk), lb = lb_sk + ma_lookback(td, sd);
  const In<L>&hi = in[0], &lo = in[1], &cl = in[2];
  if (n <= lb) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  if constexpr (std::is_same_v<L, double>) {
    // One series: the window extremes a chunk at a time, then fast %K eight bars at once.
    series_hl_windows<false>(hi, lo, n, pk, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
      const double* c = cl.span(f0, held);
      std::size_t i = f0 < lb_k ? lb_k : f0;
      for (; i + 8 <= f0 + held; i += 8) {
        const V8 hv = bars8(hh + (i - f0)), lv = bars8(ll + (i - f0));
        put_bars8(out[1].p + i, stoch_k_of<V8>(bars8(c + (i - f0)), hv, lv));
      }
      for (; i < f0 + held; ++i) out[1].set(i, stoch_k_of<double>(c[i - f0], hh[i - f0], ll[i - f0]));
    });
  } else {
    BlockExtreme<L, true> hh;
    BlockExtreme<L, false> ll;
    hh.init(pk);
    ll.init(pk);
    auto h = [&](std::size_t i) { return hi[i]; };
    auto l = [&](std::size_t i) { return lo[i]; };
    for (std::size_t i = 0; i < n; ++i) {
      hh.push(h, i);
      ll.push(l, i);
      if (i >= lb_k) out[1].set(i, stoch_k_of<L>(cl[i], hh.val, ll.val));
    }
  }
  ma_run<L>(tk, sk, in_from(in_of(out[1]), lb_k), n - lb_k, out_from(out[0], lb_k));
  ma_run<L>(td, sd, in_from(in_of(out[0]), lb_sk), n - lb_sk, out_from(out[1], lb_sk));
  fill_nan(out[0], 0, lb);
  fill_nan(out[1], 0, lb);
}

// q[from .. to) / by, eight at once (IEEE division: the same bits as one at a time).
HEAN_INLINE void divide_range(double* q, std::size_t from, std::size_t to, double by) {
  for (; from + 8 <= to; from += 8) put_bars8(q + from, bars8(q + from) / by);
  for (; from < to; ++from) q[from] = q[from] / by;
}

// Slow %K and %D of bars [a, e) from fast %K f[i] (f[i - sk] on, and ko[i - sd] on,
// readable). A software pipeline over groups of 16 bars: the slow %K sum steps group g
// (init at lb_sk), group g - 1's sums are divided at once, the %D sum steps group g - 2
// (init at lb), group g - 3's are divided at once. The two add chains then overlap, and no
// bar is read back while its store (scalar into a vector load, or back) is still in flight;
// one pass after the other, each chain's latency was paid alone. Each step is WindowSum's
// and each division the same, so the same bits. Out of line with the sums in locals
// (window_steps' reason).
[[gnu::noinline]] void stoch_slow_chains(WindowSum<double>& ks_, WindowSum<double>& ds_, const double* f, double* ko,
                                         double* dv, std::size_t a, std::size_t e, std::size_t sk, std::size_t sd,
                                         std::size_t lb_sk, std::size_t lb) {
  constexpr std::size_t G = 16;
  WindowSum<double> ks = ks_, ds = ds_;
  const double dsk = double(sk), dsd = double(sd);
  // Raw slow %K sums to i, divided to kd; raw %D sums (from lb) to d, divided to dd.
  std::size_t i = a, kd = a, d = a < lb ? lb : a, dd = d;
  while (kd < e || dd < e) {
    const std::size_t i0 = i, kd0 = kd, d0 = d;
    const std::size_t ke = i + G < e ? i + G : e;
    if (i < ke && i == lb_sk) {
      ks.init(sk, [f](std::size_t q) { return f[q]; }, i + 1);
      ko[i++] = ks.sum;
    }
    for (; i < ke; ++i) ko[i] = ks.step_at(f, i);
    if (d < kd0 && d == lb) {
      ds.init(sd, [ko](std::size_t q) { return ko[q]; }, d + 1);
      dv[d++] = ds.sum;
    }
    for (; d < kd0; ++d) dv[d] = ds.step_at(ko, d);
    divide_range(ko, kd0, i0, dsk);
    kd = i0 > kd0 ? i0 : kd0;
    divide_range(dv, dd, d0, dsd);
    dd = d0 > dd ? d0 : dd;
  }
  ks_ = ks;
  ds_ = ds;
}

// Fast: no slow %K smoothing (sk = 1 and %K is fast %K itself).
template <class L, bool Fast>
HEAN_INLINE void stoch_run(const In<L>* in, std::size_t n, std::size_t pk, std::size_t sk, std::size_t sd,
                           const Out<L>* out) {
  const std::size_t lb_k = pk - 1, lb_sk = lb_k + sk - 1, lb = lb_sk + sd - 1;
  const In<L>&hi = in[0], &lo = in[1], &cl = in[2];
  if (n <= lb) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  fill_nan(out[0], 0, lb);
  fill_nan(out[1], 0, lb);
  Ring<L> fast, slow;
  fast.init(sk + 1);
  slow.init(sd + 1);
  auto fk = [&](std::size_t i) { return fast[i]; };
  auto sl = [&](std::size_t i) { return slow[i]; };
  WindowSum<L> ks, ds;
  // Bar i from its window's extremes (bars in order; nothing before lb_k).
  const auto bar = [&](std::size_t i, L hv, L lv) {
    fast[i] = stoch_k_of<L>(cl[i], hv, lv);
    L k;
    if constexpr (Fast) {
      k = fast[i];
    } else {
      if (i < lb_sk) return;
      if (i == lb_sk) ks.init(sk, fk, i + 1);
      else ks.step(fk, i);
      k = ks.sum / double(sk);
    }
    slow[i] = k;
    if (i < lb) return;
    if (i == lb) ds.init(sd, sl, i + 1);
    else ds.step(sl, i);
    out[0].set(i, k);
    out[1].set(i, ds.sum / double(sd));
  };
  if constexpr (std::is_same_v<L, double>) {
    // One series: the window extremes a chunk at a time (window_scan.hpp: short windows by
    // doubling, longer ones by blocks); per chunk, fast %K eight bars at once, then the slow
    // %K and %D sums eight bars at a time with their divisions eight at once
    // (stoch_slow_chains): bar()'s operations, WindowSums and divisions, so the same bits.
    const double dsd = double(sd);
    double *ko = out[0].p, *dv = out[1].p;
    // fb[sk + i - i0]: fast %K of bar i (a chunk's from i0); the sk bars before. A flush holds
    // at most extreme_cap bars (both ways of series_hl_windows).
    const std::size_t fb_n = sk + extreme_cap(n, pk);
    const Scratch<double, 1024> fb(fb_n);
    // The first chunk's carry (fb[q] = fb[m + q] below) can copy slots no bar wrote when
    // m < sk; no chain reads them (they are bars before lb_k), but they are zeros, not
    // indeterminate values.
    std::fill(fb.data(), fb.data() + fb_n, 0.0);
    auto kf = [&](std::size_t i) { return ko[i]; };
    series_hl_windows<false>(hi, lo, n, pk, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
      const std::size_t i0 = f0 < lb_k ? lb_k : f0, e = f0 + held;
      if (i0 >= e) return;
      const std::size_t m = e - i0;
      const double* c = cl.span(i0, m);
      const double *hv = hh + (i0 - f0), *lv = ll + (i0 - f0);
      double* fq = fb.data() + sk;
      std::size_t j = 0;
        for (; j + 8 <= m; j += 8) {
        const V8 h = bars8(hv + j), l = bars8(lv + j);
        put_bars8(fq + j, stoch_k_of<V8>(bars8(c + j), h, l));
      }
      for (; j < m; ++j) fq[j] = stoch_k_of<double>(c[j], hv[j], lv[j]);
      if constexpr (Fast) {
        for (j = 0; j < m; ++j) ko[i0 + j] = fq[j];
        std::size_t b = i0 < lb ? lb : i0;
        if (b == lb && b < e) {
          ds.init(sd, kf, b + 1);
          dv[b++] = ds.sum;
        }
        if (b < e) ds.steps(ko + b, e - b, dv + b);
        std::size_t i = i0 < lb ? lb : i0;
        for (; i + 8 <= e; i += 8) put_bars8(dv + i, bars8(dv + i) / dsd);
        for (; i < e; ++i) dv[i] = dv[i] / dsd;
      } else if (e > lb_sk) {
        stoch_slow_chains(ks, ds, fq - i0, ko, dv, i0 < lb_sk ? lb_sk : i0, e, sk, sd, lb_sk, lb);
      }
      for (std::size_t q = 0; q < sk; ++q) fb[q] = fb[m + q];  // the last sk values, for the next chunk
    });
    fill_nan(out[0], 0, lb);  // slow %K was written from lb_sk (fast from lb_k) as the sums' input
    return;
  }
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(pk);
  ll.init(pk);
  auto h = [&](std::size_t i) { return hi[i]; };
  auto l = [&](std::size_t i) { return lo[i]; };
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i >= lb_k) bar(i, hh.val, ll.val);
  }
}
template <class L>
void stoch_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  if (int(o[3]) != kMaSma || int(o[4]) != kMaSma) return stoch_ma<L>(in, n, o, out);
  stoch_run<L, false>(in, n, opt_size(o[0]), opt_size(o[1]), opt_size(o[2]), out);
}
template <class L>
void stochf_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  stoch_run<L, true>(in, n, opt_size(o[0]), 1, opt_size(o[1]), out);
}
HEAN_LANE_KERNELS(stoch)
HEAN_LANE_KERNELS(stochf)

}  // namespace

HEAN_DEF(stoch){
    "stoch", "Stochastic oscillator (slow %K and %D), 0..100", 3, {"high", "low", "close"}, 5,
    {HEAN_PERIOD("fastK", 14, "bars in the highest-high / lowest-low window of fast %K"),
     HEAN_PERIOD("slowK", 3, "MA period smoothing fast %K into slow %K"),
     HEAN_PERIOD("slowD", 3, "MA period smoothing slow %K into %D"),
     HEAN_MA_TYPE_OPT("slowKMaType", 0, "moving average type of slow %K (TA-Lib's default sma)"),
     HEAN_MA_TYPE_OPT("slowDMaType", 0, "moving average type of %D (TA-Lib's default sma)")},
    2, {"k", "d"}, stoch_lookback, stoch_s, stoch_v};
HEAN_DEF(stochf){
    "stochf", "Fast stochastic oscillator (fast %K and its SMA %D), 0..100", 3, {"high", "low", "close"}, 2,
    {HEAN_PERIOD("fastK", 5, "bars in the highest-high / lowest-low window of fast %K"),
     HEAN_PERIOD("fastD", 3, "SMA period smoothing fast %K into %D")},
    2, {"k", "d"}, stochf_lookback, stochf_s, stochf_v};

// Streaming: state n, {head, size} of the highs' and the lows' deques (extreme_push),
// {pos, since, sum} of the fast %K window sum and of the slow %K one (window_sum_slide),
// k, d; the window holds the two deques, then the two sums' rings. The kernel's
// expressions, WindowSums and divisions.
namespace {
void stoch_clear(StreamCtx& c) {
  for (int i = 0; i < 11; ++i) c.s[i] = 0;
  c.s[11] = c.s[12] = kNaN;
}
void stoch_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) return stoch_clear(c);
  const std::size_t pk = opt_size(c.o[0]), sk = opt_size(c.o[1]), sd = opt_size(c.o[2]);
  const std::size_t ew = extreme_window(pk);
  const double i = s[0]++;
  s[11] = s[12] = kNaN;
  double fast;
  if (!stoch_fast_sum(c, pk, s + 1, i, h, l, cl, sk, c.k[0], s + 5, fast)) return;
  const double k = s[7] / double(sk);
  if (!window_sum_slide(c, 2 * ew + sk, sd, c.k[1], s + 8, i - double(pk - 1) - double(sk - 1) + 1, k)) return;
  s[11] = k;
  s[12] = s[10] / double(sd);
}
}  // namespace

HEAN_STREAM(stoch){13, 11,
                   [](const double* o) { return 2 * extreme_window(opt_size(o[0])) + opt_size(o[1]) + opt_size(o[2]); },
                   [](const double* o, double* k) {
                     k[0] = double(resum_every(opt_size(o[1]), 1024));
                     k[1] = double(resum_every(opt_size(o[2]), 1024));
                   },
                   stoch_clear, stoch_stream_step,
                   [](const StreamCtx& c, double* out) {
                     out[0] = c.s[11];
                     out[1] = c.s[12];
                   }};

// STOCHF streaming: stoch's state layout without the slow %K sum (n, the two deques'
// {head, size}, {pos, since, sum} of the %D sum, k, d); window: the two deques, then the %D
// sum's ring. The kernel's (stoch_run<Fast>) expressions and WindowSum.
namespace {
void stochf_clear(StreamCtx& c) {
  for (int i = 0; i < 8; ++i) c.s[i] = 0;
  c.s[8] = c.s[9] = kNaN;
}
void stochf_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) return stochf_clear(c);
  const std::size_t pk = opt_size(c.o[0]), sd = opt_size(c.o[1]);
  const double i = s[0]++;
  s[8] = s[9] = kNaN;
  double fast;
  if (!stoch_fast_sum(c, pk, s + 1, i, h, l, cl, sd, c.k[0], s + 5, fast)) return;
  s[8] = fast;
  s[9] = s[7] / double(sd);
}
}  // namespace

HEAN_STREAM(stochf){10, 8, [](const double* o) { return 2 * extreme_window(opt_size(o[0])) + opt_size(o[1]); },
                    [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[1]), 1024)); },
                    stochf_clear, stochf_stream_step,
                    [](const StreamCtx& c, double* out) {
                      out[0] = c.s[8];
                      out[1] = c.s[9];
                    }};

}  // namespace hean
