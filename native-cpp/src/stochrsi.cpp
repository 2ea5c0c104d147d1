// Stochastic RSI (TA-Lib STOCHRSI; %D an SMA by default, any MA type by fastDMaType): the fast stochastic of RSI(period),
// %K = (rsi - lowest rsi) / ((highest rsi - lowest rsi) / 100) over fastK values (0 when
// the range is within 1e-14 of |highest| + |lowest|, TA-Lib 0.8.1's rule), %D = SMA(%K,
// fastD). Both outputs start at period + fastK-1 + fastD-1, as in TA-Lib.
#include "hean/ma.hpp"

namespace hean {
namespace {

// %K from the RSI and the window's extremes. TA-Lib 0.8.1's STOCHF zero test is relative
// (TA_IS_ZERO_SCALED): on a flat stretch RSI wiggles in its last ulps, and that range is
// no range (measured with the 0.8.2 wheel: 0 up to 1e-14 of |hi| + |lo|, values above).
// As 0.8.1 (and range_ratio), it divides by the range and then scales by 100, so the top of
// the range is exactly 100: the earlier order gave 100.00000000000001 there, an ulp that a
// KAMA %D (its change sum then not 0) turned into a %D 16% off TA-Lib's.
template <class L>
HEAN_INLINE L stochrsi_fast(L v, L hi, L lo) {
  const L range = hi - lo;
  return lsel(above_scaled(range, labs(hi) + labs(lo)), ((v - lo) / range) * 100.0, splat<L>(0.0));
}

std::size_t stochrsi_lookback(const double* o, int) {
  return opt_size(o[0]) + opt_size(o[1]) - 1 + ma_lookback(int(o[3]), opt_size(o[2]));
}

// %D of another MA type (TA-Lib STOCHF's TA_MA over %K): %K into out[0] from its first
// value, %D = MA(%K) by the MA dispatch (hean/ma.hpp) into out[1].
template <class L>
void stochrsi_ma(const In<L>* in, std::size_t n, std::size_t p, std::size_t pk, std::size_t pd, int type, const Out<L>* out) {
  const std::size_t lb_k = p + pk - 1, lb = lb_k + ma_lookback(type, pd);
  if (n <= lb) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  Ring<L> rsi;
  rsi.init(pk + 1);
  auto fr = [&](std::size_t i) { return rsi[i]; };
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(pk);
  ll.init(pk);
  RsiState<L> r;
  r.seed(in[0], p);
  for (std::size_t i = p; i < n; ++i) {
    if (i > p) r.step(in[0], i);
    const L v = r.value();
    rsi[i] = v;
    hh.push(fr, i);
    ll.push(fr, i);
    if (i >= lb_k) out[0].set(i, stochrsi_fast<L>(v, hh.val, ll.val));
  }
  ma_run<L>(type, pd, in_from(in_of(out[0]), lb_k), n - lb_k, out_from(out[1], lb_k));
  fill_nan(out[0], 0, lb);
  fill_nan(out[1], 0, lb);
}

template <class L>
void stochrsi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), pk = opt_size(o[1]), pd = opt_size(o[2]);
  if (int(o[3]) != kMaSma) return stochrsi_ma<L>(in, n, p, pk, pd, int(o[3]), out);
  const std::size_t lb_k = p + pk - 1, lb = lb_k + pd - 1;
  if (n <= lb) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  fill_nan(out[0], 0, lb);
  fill_nan(out[1], 0, lb);
  Ring<L> rsi, fast;
  rsi.init(pk + 1);  // BlockExtreme re-reads the previous block of pk values
  fast.init(pd + 1);
  auto fr = [&](std::size_t i) { return rsi[i]; };
  auto ff = [&](std::size_t i) { return fast[i]; };
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(pk);
  ll.init(pk);
  WindowSum<L> ds;
  RsiState<L> r;
  r.seed(in[0], p);
  for (std::size_t i = p; i < n; ++i) {
    if (i > p) r.step(in[0], i);
    const L v = r.value();
    rsi[i] = v;
    hh.push(fr, i);
    ll.push(fr, i);
    if (i < lb_k) continue;
    fast[i] = stochrsi_fast<L>(v, hh.val, ll.val);
    if (i < lb) continue;
    if (i == lb) ds.init(pd, ff, i + 1);
    else ds.step(ff, i);
    out[0].set(i, fast[i]);
    out[1].set(i, ds.sum / double(pd));
  }
}
HEAN_LANE_KERNELS(stochrsi)

}  // namespace

HEAN_DEF(stochrsi){
    "stochrsi", "Stochastic RSI (%K and %D), 0..100", 1, {"close"}, 4,
    {HEAN_PERIOD("period", 14, "RSI period"),
     HEAN_PERIOD("fastK", 14, "RSI values in the highest / lowest window of %K"),
     HEAN_PERIOD("fastD", 3, "MA period of %D"),
     HEAN_MA_TYPE_OPT("fastDMaType", 0, "moving average type of %D (TA-Lib's default sma)")},
    2, {"k", "d"}, stochrsi_lookback, stochrsi_s, stochrsi_v};

// Streaming: state n, pc (previous close), gain, loss (RsiState: the seed sums, then the
// Wilder averages), {head, size} of the RSI highs' and lows' deques (extreme_push),
// {pos, since, sum} of %D's WindowSum (window_sum_slide), k, d; the window holds the two
// deques and %D's ring. Constants: Wilder's k and a, %D's re-sum interval.
namespace {
void stochrsi_clear(StreamCtx& c) {
  for (int i = 0; i < 11; ++i) c.s[i] = 0;
  c.s[11] = c.s[12] = kNaN;
}
void stochrsi_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) return stochrsi_clear(c);
  const double p = c.o[0];
  const std::size_t pk = opt_size(c.o[1]), pd = opt_size(c.o[2]);
  const double i = s[0]++;
  const double d = v - s[1];
  s[1] = v;
  s[11] = s[12] = kNaN;
  if (i == 0) return;
  if (!gain_loss_step(c, s + 2, i, p, d)) return;
  const double r = div_nz<double>(s[2] * 100.0, s[2] + s[3], 0.0);
  const double j = i - p;  // index in the RSI series
  double fast;
  if (!stoch_fast_sum(c, pk, s + 4, j, r, r, r, pd, c.k[2], s + 8, fast, stochrsi_fast<double>)) return;
  s[11] = fast;
  s[12] = s[10] / double(pd);
}
}  // namespace

HEAN_STREAM(stochrsi){13, 11, [](const double* o) { return 2 * extreme_window(opt_size(o[1])) + opt_size(o[2]); },
                      [](const double* o, double* k) {
                        const Ema<double> w = Ema<double>::wilder(opt_size(o[0]));
                        k[0] = w.k;
                        k[1] = w.a;
                        k[2] = double(resum_every(opt_size(o[2]), 1024));
                      },
                      stochrsi_clear, stochrsi_stream_step,
                      [](const StreamCtx& c, double* out) {
                        out[0] = c.s[11];
                        out[1] = c.s[12];
                      }};

}  // namespace hean
