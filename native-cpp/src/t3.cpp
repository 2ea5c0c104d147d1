// Tillson T3 (TA-Lib T3): six chained EMAs (k = 2/(period+1)), each SMA-seeded with the
// first `period` values of the one before as TA-Lib chains them, combined as
// c1*e6 + c2*e5 + c3*e4 + c4*e3 with c1 = -v^3, c2 = 3(v^2 - c1), c3 = -6v^2 - 3(v - c1),
// c4 = 1 + 3v - c1 + 3v^2 (v = vFactor). First value at 6*(period-1) (+ unstablePeriod);
// period 1 copies the input, as TA-Lib does.
#include "hean/hilbert.hpp"

namespace hean {
namespace {

std::size_t t3_lookback(const double* o, int) { return 6 * (opt_size(o[0]) - 1) + opt_size(o[2]); }

template <class L>
void t3_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double v = o[1];
  const std::size_t lb = 6 * (p - 1), start = lb + opt_size(o[2]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= start) return fill_nan(y, 0, n);
  fill_nan(y, 0, start);
  if (p == 1) {
    for (std::size_t i = start; i < n; ++i) y.set(i, x[i]);
    return;
  }
  const Ema<L> e = Ema<L>::with_period(p);
  const double dp = double(p);
  L s[6];
  std::size_t i = 0;
  // Seeds: s[k] is the mean of the first p values of s[k-1] (of x for k = 0); each later
  // value of the earlier stages is stepped while the next stage's seed is summed.
  L acc = x[i++];
  for (std::size_t j = 1; j < p; ++j) acc = acc + x[i++];
  s[0] = acc / dp;
  for (int k = 1; k < 6; ++k) {
    acc = s[k - 1];
    for (std::size_t j = 1; j < p; ++j) {
      s[0] = e.step(s[0], x[i++]);
      for (int m = 1; m < k; ++m) s[m] = e.step(s[m], s[m - 1]);
      acc = acc + s[k - 1];
    }
    s[k] = acc / dp;
  }
  const double v2 = v * v;
  const double c1 = 0.0 - v2 * v;
  const double c2 = 3.0 * (v2 - c1);
  const double c3 = -6.0 * v2 - 3.0 * (v - c1);
  const double c4 = 1.0 + 3.0 * v - c1 + 3.0 * v2;
  auto value = [&] { return s[5] * c1 + s[4] * c2 + s[3] * c3 + s[2] * c4; };
  // i == lb + 1 here: the value at lb is from the seeds alone.
  if (start == lb) y.set(lb, value());
  for (; i < n; ++i) {
    s[0] = e.step(s[0], x[i]);
    for (int m = 1; m < 6; ++m) s[m] = e.step(s[m], s[m - 1]);
    if (i >= start) y.set(i, value());
  }
}
HEAN_LANE_KERNELS(t3)

}  // namespace

HEAN_DEF(t3){
    "t3", "Tillson T3: six chained EMAs combined with the volume factor", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 5, "period of the six EMAs; k = 2/(period+1)"),
     OptDef{"vFactor", 0.7, 0, 1, false, nullptr, "volume factor: 0 gives EMA3-like smoothing, 1 the most lag reduction"},
     HEAN_UNSTABLE_OPT},
    1, {"t3"}, t3_lookback, t3_s, t3_v};

// Streaming: state n (bars in the run), e1..e6, acc (the seed being summed), out; the
// kernel's seeds and Ema steps in its order. Stage k (1..5) is seeded over the p-1 bars
// after stage k-1's seed, stepping the stages before it. Constants: Ema's k, a, a2, ak,
// then c1..c4.
namespace {
void t3_constants(const double* o, double* k) {
  ema_constants(Ema<double>::with_period(opt_size(o[0])), k);
  const double v = o[1];
  const double v2 = v * v;
  k[4] = 0.0 - v2 * v;
  k[5] = 3.0 * (v2 - k[4]);
  k[6] = -6.0 * v2 - 3.0 * (v - k[4]);
  k[7] = 1.0 + 3.0 * v - k[4] + 3.0 * v2;
}
void t3_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, e1..e6, acc, out
  double* e = s + 1;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = 0;
    s[8] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]), lb = 6 * (p - 1), start = lb + opt_size(c.o[2]);
  const std::size_t b = std::size_t(s[0]);
  s[0] = double(b + 1);
  s[8] = kNaN;
  if (p == 1) {
    if (b >= start) s[8] = v;
    return;
  }
  const Ema<double> em{c.k[0], c.k[1], c.k[2], c.k[3]};
  const double dp = double(p);
  auto value = [&] { return e[5] * c.k[4] + e[4] * c.k[5] + e[3] * c.k[6] + e[2] * c.k[7]; };
  if (b < p) {
    s[7] = b == 0 ? v : s[7] + v;
    if (b == p - 1) {
      e[0] = s[7] / dp;
      s[7] = e[0];
    }
    return;
  }
  if (b <= lb) {
    const std::size_t k = 1 + (b - p) / (p - 1);
    e[0] = em.step(e[0], v);
    for (std::size_t m = 1; m < k; ++m) e[m] = em.step(e[m], e[m - 1]);
    s[7] = s[7] + e[k - 1];
    if ((b - p) % (p - 1) == p - 2) {
      e[k] = s[7] / dp;
      s[7] = e[k];
    }
    if (b == lb && b >= start) s[8] = value();
    return;
  }
  e[0] = em.step(e[0], v);
  for (int m = 1; m < 6; ++m) e[m] = em.step(e[m], e[m - 1]);
  if (b >= start) s[8] = value();
}
}  // namespace

HEAN_STREAM(t3){9, 8, no_window, t3_constants, clear_state<9>, t3_stream_step};

}  // namespace hean
