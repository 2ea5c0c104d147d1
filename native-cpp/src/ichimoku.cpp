// Ichimoku kinko hyo, aligned so index i belongs to bar i: tenkan and kijun are the
// midpoints of the high-low range over their windows; senkouA[i] = (tenkan + kijun) / 2
// and senkouB[i] = the senkou window's midpoint, both as computed at bar i - displacement;
// chikou[i] = close[i + displacement], which looks ahead (NaN for the last displacement
// bars of a run) and so has lookback 0.
#include "hean/kernel.hpp"

namespace hean {
namespace {

// Outputs: tenkan, kijun, senkouA, senkouB, chikou.
std::size_t ichimoku_lookback(const double* o, int k) {
  const std::size_t t = opt_size(o[0]) - 1, kj = opt_size(o[1]) - 1, s = opt_size(o[2]) - 1, d = opt_size(o[3]);
  switch (k) {
    case 0: return t;
    case 1: return kj;
    case 2: return (t > kj ? t : kj) + d;
    case 3: return s + d;
    default: return 0;
  }
}

template <class L>
void ichimoku_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t pt = opt_size(o[0]), pk = opt_size(o[1]), ps = opt_size(o[2]), d = opt_size(o[3]);
  for (int k = 0; k < 4; ++k) {
    const std::size_t lb = ichimoku_lookback(o, k);
    fill_nan(out[k], 0, lb < n ? lb : n);
  }
  // chikou: the close d bars ahead.
  for (std::size_t i = 0; i < n; ++i) {
    if (i + d < n) out[4].set(i, in[2][i + d]);
    else out[4].set(i, splat<L>(kNaN));
  }
  BlockExtreme<L, true> th, kh, sh;
  BlockExtreme<L, false> tl, kl, sl;
  th.init(pt);
  tl.init(pt);
  kh.init(pk);
  kl.init(pk);
  sh.init(ps);
  sl.init(ps);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  const bool want_b = n > ps - 1 + d;  // otherwise senkouB is all warm-up
  L tenkan{}, kijun{};
  for (std::size_t i = 0; i < n; ++i) {
    th.push(h, i);
    tl.push(l, i);
    kh.push(h, i);
    kl.push(l, i);
    if (i + 1 >= pt) {
      tenkan = (th.val + tl.val) * 0.5;
      out[0].set(i, tenkan);
    }
    if (i + 1 >= pk) {
      kijun = (kh.val + kl.val) * 0.5;
      out[1].set(i, kijun);
    }
    if (i + d >= n) continue;
    if (i + 1 >= pt && i + 1 >= pk) out[2].set(i + d, (tenkan + kijun) * 0.5);
    if (want_b) {
      sh.push(h, i);
      sl.push(l, i);
      if (i + 1 >= ps) out[3].set(i + d, (sh.val + sl.val) * 0.5);
    }
  }
}
HEAN_LANE_KERNELS(ichimoku)

}  // namespace

HEAN_DEF(ichimoku){
    "ichimoku", "Ichimoku cloud, aligned to the bar each value belongs to", 3, {"high", "low", "close"}, 4,
    {HEAN_PERIOD("tenkan", 9, "conversion line window"),
     HEAN_PERIOD("kijun", 26, "base line window"),
     HEAN_PERIOD("senkou", 52, "leading span B window"),
     OptDef{"displacement", 26, 0, kMaxPeriod, true, nullptr, "bars the leading spans are shifted forward and the lagging span back"}},
    5, {"tenkan", "kijun", "senkouA", "senkouB", "chikou"}, ichimoku_lookback, ichimoku_s, ichimoku_v, -1, 0, true};

// Streaming: state n; the deques' heads and sizes (extremes_push) of the tenkan, kijun and
// senkou windows; dpos (slot of the spans computed `displacement` bars ago in the delay
// rings); tenkan, kijun, senkouA, senkouB. The window: the three windows' deques, then the
// delay rings of senkouA and senkouB (`displacement` slots each). chikou (the close
// `displacement` bars ahead) can't be streamed: NaN. The close only takes part in the gap
// rule, as in the batch function.
namespace {
struct IchimokuLayout {
  std::size_t tm, km, sm, kb, sb, ab;
  explicit IchimokuLayout(const double* o)
      : tm(deque_mask(opt_size(o[0]))), km(deque_mask(opt_size(o[1]))), sm(deque_mask(opt_size(o[2]))),
        kb(4 * (tm + 1)), sb(kb + 4 * (km + 1)), ab(sb + 4 * (sm + 1)) {}
};
void ichimoku_constants(const double* o, double* k) {
  const IchimokuLayout a(o);
  k[0] = double(a.tm), k[1] = double(a.km), k[2] = double(a.sm);
  k[3] = double(a.kb), k[4] = double(a.sb), k[5] = double(a.ab);
}
void ichimoku_clear(StreamCtx& c) {
  for (int i = 0; i < 14; ++i) c.s[i] = 0;
  c.s[14] = c.s[15] = c.s[16] = c.s[17] = kNaN;
}
void ichimoku_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, t(hh hs lh ls), k(...), s(...), dpos, tenkan, kijun, senkouA, senkouB
  if (any_gap<3>(x)) {
    s[0] = s[2] = s[4] = s[6] = s[8] = s[10] = s[12] = s[13] = 0;
    s[14] = s[15] = s[16] = s[17] = kNaN;
    return;
  }
  const double pt = c.o[0], pk = c.o[1], ps = c.o[2];
  const std::size_t d = opt_size(c.o[3]);
  const std::size_t tm = std::size_t(c.k[0]), km = std::size_t(c.k[1]), sm = std::size_t(c.k[2]);
  const std::size_t kb = std::size_t(c.k[3]), sb = std::size_t(c.k[4]), ab = std::size_t(c.k[5]);
  const double i = s[0]++;
  extremes_push(c, s + 1, 0, tm, pt, i, x[0], x[1]);
  extremes_push(c, s + 5, kb, km, pk, i, x[0], x[1]);
  extremes_push(c, s + 9, sb, sm, ps, i, x[0], x[1]);
  const double t = i + 1 >= pt ? (extremes_high(c, s + 1, 0) + extremes_low(c, s + 1, 0, tm)) * 0.5 : kNaN;
  const double k = i + 1 >= pk ? (extremes_high(c, s + 5, kb) + extremes_low(c, s + 5, kb, km)) * 0.5 : kNaN;
  const double a = i + 1 >= pt && i + 1 >= pk ? (t + k) * 0.5 : kNaN;
  const double b = i + 1 >= ps ? (extremes_high(c, s + 9, sb) + extremes_low(c, s + 9, sb, sm)) * 0.5 : kNaN;
  s[14] = t;
  s[15] = k;
  if (d == 0) {
    s[16] = a;
    s[17] = b;
    return;
  }
  // The spans computed `displacement` bars ago belong to this bar.
  const std::size_t at = std::size_t(s[13]);
  s[16] = i >= double(d) ? c.w[ab + at] : kNaN;
  s[17] = i >= double(d) ? c.w[ab + d + at] : kNaN;
  c.put(ab + at, a);
  c.put(ab + d + at, b);
  s[13] = at + 1 == d ? 0 : double(at + 1);
}
}  // namespace

HEAN_STREAM(ichimoku){18, 14,
                      [](const double* o) {
                        // In doubles: the deques of three windows of up to kMaxPeriod bars.
                        double n = 2.0 * double(opt_size(o[3]));
                        for (int k = 0; k < 3; ++k) n += 4.0 * (double(deque_mask(opt_size(o[k]))) + 1);
                        return window_len(n);
                      },
                      ichimoku_constants, ichimoku_clear, ichimoku_stream_step,
                      [](const StreamCtx& c, double* out) {
                        for (int k = 0; k < 4; ++k) out[k] = c.s[14 + k];
                        out[4] = kNaN;
                      }};

}  // namespace hean
