// Supertrend (Seban): bands hl2 ± multiplier * ATR (TA-Lib ATR: Wilder, first value at
// index `period`), ratcheted by the usual final-band rules; the line is the lower band in
// an up trend and the upper band in a down trend, and the trend flips when the close
// crosses the band in force. Initialisation at index `period`: the final bands are the
// basic bands and, as if the previous trend were down, the direction is up only when
// close > upper band.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t supertrend_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void supertrend_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double m = o[1];
  if (n <= p) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  fill_nan(out[0], 0, p);
  fill_nan(out[1], 0, p);
  const In<L>&hi = in[0], &lo = in[1], &cl = in[2];
  const L up = splat<L>(1.0), down = splat<L>(-1.0);
  auto tr = [&](std::size_t i) { return true_range<L>(in, i); };
  const Ema<L> w = Ema<L>::wilder(p);
  L atr = sma_seed<L>(tr, 1, p);
  L fu{}, fl{}, dir = down;
  for (std::size_t i = p; i < n; ++i) {
    if (i > p) atr = w.step(atr, tr(i));
    const L hl2 = (hi[i] + lo[i]) * 0.5, band = atr * m;
    const L bu = hl2 + band, bl = hl2 - band;
    if (i == p) {
      fu = bu;
      fl = bl;
    } else {
      // A band only ratchets toward price, unless the previous close broke through it.
      const L pc = cl[i - 1];
      fu = lsel(llt(bu, fu), bu, lsel(lgt(pc, fu), bu, fu));
      fl = lsel(lgt(bl, fl), bl, lsel(llt(pc, fl), bl, fl));
    }
    const L c = cl[i];
    const auto was_up = lgt(dir, splat<L>(0.0));
    dir = lsel(was_up, lsel(llt(c, fl), down, up), lsel(lgt(c, fu), up, down));
    out[0].set(i, lsel(lgt(dir, splat<L>(0.0)), fl, fu));
    out[1].set(i, dir);
  }
}
HEAN_LANE_KERNELS(supertrend)

}  // namespace

HEAN_DEF(supertrend){
    "supertrend", "Supertrend: ATR trailing stop that flips with the trend", 3, {"high", "low", "close"}, 2,
    {HEAN_PERIOD("period", 10, "ATR (Wilder) period"),
     OptDef{"multiplier", 3, 0, 1e6, false, nullptr, "band distance from hl2 in ATRs"}},
    2, {"supertrend", "direction"}, supertrend_lookback, supertrend_s, supertrend_v};

// Streaming: state n, pc (previous close; range_stream_bar), atr (the sum of the ranges
// during the seed), fu, fl (the final bands), dir, supertrend, direction. The kernel's
// seed, Wilder step and band rules. Constants: Wilder's k and a, the multiplier.
namespace {
void supertrend_clear(StreamCtx& c) {
  for (int i = 0; i < 5; ++i) c.s[i] = 0;
  c.s[5] = -1.0;
  c.s[6] = c.s[7] = kNaN;
}
void supertrend_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double pc = s[1];
  double tr;
  if (!range_stream_bar(c, x, 6, tr)) {
    if (s[0] == 0) s[2] = 0;  // a gap also drops the seed sum
    s[7] = kNaN;
    return;
  }
  const double i = s[0] - 1;
  const double p = c.o[0];
  s[6] = s[7] = kNaN;
  if (i <= p) {
    s[2] += tr;
    if (i < p) return;
    s[2] = s[2] / p;
  } else {
    s[2] = Ema<double>::make(c.k[0], c.k[1]).step(s[2], tr);
  }
  const double hl2 = (x[0] + x[1]) * 0.5, band = s[2] * c.k[2];
  const double bu = hl2 + band, bl = hl2 - band;
  if (i == p) {
    s[3] = bu;
    s[4] = bl;
    s[5] = -1.0;
  } else {
    // A band only ratchets toward price, unless the previous close broke through it.
    s[3] = lsel(llt(bu, s[3]), bu, lsel(lgt(pc, s[3]), bu, s[3]));
    s[4] = lsel(lgt(bl, s[4]), bl, lsel(llt(pc, s[4]), bl, s[4]));
  }
  const double cl = x[2];
  s[5] = lsel(lgt(s[5], 0.0), lsel(llt(cl, s[4]), -1.0, 1.0), lsel(lgt(cl, s[3]), 1.0, -1.0));
  s[6] = lsel(lgt(s[5], 0.0), s[4], s[3]);
  s[7] = s[5];
}
}  // namespace

HEAN_STREAM(supertrend){8, 6, no_window,
                        [](const double* o, double* k) {
                          const Ema<double> w = Ema<double>::wilder(opt_size(o[0]));
                          k[0] = w.k;
                          k[1] = w.a;
                          k[2] = o[1];
                        },
                        supertrend_clear, supertrend_stream_step,
                        [](const StreamCtx& c, double* out) {
                          out[0] = c.s[6];
                          out[1] = c.s[7];
                        }};

}  // namespace hean
