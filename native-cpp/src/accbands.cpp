// Acceleration bands (Headley; TA-Lib ACCBANDS): SMAs over `period` bars of
// high * (1 + 4 (high - low) / (high + low)), of the close, and of
// low * (1 - 4 (high - low) / (high + low)) (the bar's own high and low where high + low
// is ~0), in TA-Lib's order of operations. Running window sums, re-summed exactly every
// max(8p, 1024) bars.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t accbands_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// The bar's upper and lower terms.
template <class L>
HEAN_INLINE void accbands_terms(L h, L l, L& up, L& lo) {
  const L s = h + l;
  const auto z = is_zero(s);
  const L r = (4.0 * (h - l)) / lsel(z, splat<L>(1.0), s);
  up = lsel(z, h, h * (1.0 + r));
  lo = lsel(z, l, l * (1.0 - r));
}

template <class L>
void accbands_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  auto up = [&](std::size_t i) {
    L u, d;
    accbands_terms<L>(in[0][i], in[1][i], u, d);
    return u;
  };
  auto lo = [&](std::size_t i) {
    L u, d;
    accbands_terms<L>(in[0][i], in[1][i], u, d);
    return d;
  };
  auto cl = [&](std::size_t i) { return in[2][i]; };
  WindowSum<L> su, sm, sl;
  su.init(p, up, p);
  sm.init(p, cl, p);
  sl.init(p, lo, p);
  const double dp = double(p);
  for (std::size_t i = p - 1;;) {
    out[0].set(i, su.sum / dp);
    out[1].set(i, sm.sum / dp);
    out[2].set(i, sl.sum / dp);
    if (++i >= n) break;
    su.step(up, i);
    sm.step(cl, i);
    sl.step(lo, i);
  }
}
HEAN_LANE_KERNELS(accbands)

}  // namespace

HEAN_DEF(accbands){
    "accbands", "Acceleration bands (Headley): SMAs of the widened high, the close and the widened low", 3,
    {"high", "low", "close"}, 1, {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "SMA window length"}},
    3, {"upper", "middle", "lower"}, accbands_lookback, accbands_s, accbands_v};

// Streaming: state n, {pos, since, sum} of the upper terms', the closes' and the lower
// terms' window sums (window_sum_slide: WindowSum's init, slide and re-sum), the three
// outputs; the window holds the three rings. The bar's terms are accbands_terms'.
namespace {
void accbands_clear(StreamCtx& c) {
  for (int i = 0; i < 10; ++i) c.s[i] = 0;
  c.s[10] = c.s[11] = c.s[12] = kNaN;
}
void accbands_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  if (any_gap<3>(x)) return accbands_clear(c);
  const std::size_t p = opt_size(c.o[0]);
  const double n = ++s[0];
  double up, lo;
  accbands_terms<double>(x[0], x[1], up, lo);
  const bool a = window_sum_slide(c, 0, p, c.k[0], s + 1, n, up);
  window_sum_slide(c, p, p, c.k[0], s + 4, n, x[2]);
  window_sum_slide(c, 2 * p, p, c.k[0], s + 7, n, lo);
  if (!a) return;
  const double dp = double(p);
  s[10] = s[3] / dp;
  s[11] = s[6] / dp;
  s[12] = s[9] / dp;
}
}  // namespace

HEAN_STREAM(accbands){13, 10, [](const double* o) { return 3 * opt_size(o[0]); },
                      [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                      accbands_clear, accbands_stream_step,
                      [](const StreamCtx& c, double* out) {
                        out[0] = c.s[10];
                        out[1] = c.s[11];
                        out[2] = c.s[12];
                      }};

}  // namespace hean
