// Ultimate oscillator (TA-Lib ULTOSC, Williams): with buying pressure
// bp = close - min(low, prevClose) and the true range tr, the ratios sum(bp)/sum(tr) over
// the three periods (sorted ascending, as TA-Lib does) are weighted 4:2:1;
// 100 * (4*r1 + 2*r2 + r3) / 7, a ratio whose TR sum is ~0 counting as 0.
#include <algorithm>

#include "hean/kernel.hpp"

namespace hean {
namespace {

void ultosc_periods(const double* o, std::size_t p[3]) {
  p[0] = opt_size(o[0]);
  p[1] = opt_size(o[1]);
  p[2] = opt_size(o[2]);
  std::sort(p, p + 3);
}

std::size_t ultosc_lookback(const double* o, int) {
  std::size_t p[3];
  ultosc_periods(o, p);
  return p[2];
}

template <class L>
void ultosc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t p[3];
  ultosc_periods(o, p);
  const std::size_t lb = p[2];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  Ring<L> bp, tr;
  bp.init(lb + 1);
  tr.init(lb + 1);
  auto fa = [&](std::size_t i) { return bp[i]; };
  auto fb = [&](std::size_t i) { return tr[i]; };
  WindowSum<L> a[3], b[3];
  const double w[3] = {4.0, 2.0, 1.0};
  for (std::size_t i = 1; i < n; ++i) {
    bp[i] = in[2][i] - lmin(in[1][i], in[2][i - 1]);
    tr[i] = true_range<L>(in, i);
    if (i < lb) continue;
    L acc = splat<L>(0.0);
    for (int k = 0; k < 3; ++k) {
      if (i == lb) {
        a[k].init(p[k], fa, i + 1);
        b[k].init(p[k], fb, i + 1);
      } else {
        a[k].step(fa, i);
        b[k].step(fb, i);
      }
      // TA-Lib 0.8 adds 0 for an exactly-0 TR sum; the last term has weight 1 (no multiply).
      const L r = div_nz<L>(a[k].sum, b[k].sum, 0.0);
      acc = acc + (k == 2 ? r : r * w[k]);
    }
    y.set(i, (acc / 7.0) * 100.0);
  }
}
HEAN_LANE_KERNELS(ultosc)

}  // namespace

HEAN_DEF(ultosc){
    "ultosc", "Ultimate oscillator (Williams), 0..100", 3, {"high", "low", "close"}, 3,
    {HEAN_PERIOD("period1", 7, "shortest window (weight 4); the three periods are sorted, as in TA-Lib"),
     HEAN_PERIOD("period2", 14, "middle window (weight 2)"),
     HEAN_PERIOD("period3", 28, "longest window (weight 1)")},
    1, {"ultosc"}, ultosc_lookback, ultosc_s, ultosc_v};

// Streaming: state n, pc (previous close), then {since, bp sum, tr sum} for each of the
// three (sorted) periods, out; the window holds rings of the last p3 + 1 buying pressures
// and true ranges, by run index. The kernel's terms, WindowSums (init at bar p3, then
// sum + (new - old), re-summed every resum_every(p, 1024) steps) and weighting.
// Constants: the sorted periods, their re-sum intervals.
namespace {
void ultosc_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = 0;
    s[11] = kNaN;
    return;
  }
  const std::size_t lb = std::size_t(c.k[2]), cap = lb + 1;
  const std::size_t i = std::size_t(s[0]++);
  const double pc = s[1];
  s[1] = cl;
  s[11] = kNaN;
  if (i == 0) return;
  const double bp = cl - lmin(l, pc), tr = true_range_of<double>(h, l, pc);
  const std::size_t at = i % cap;
  c.put(at, bp);
  c.put(cap + at, tr);
  if (i < lb) return;
  const double w[3] = {4.0, 2.0, 1.0};
  double acc = 0.0;
  for (int k = 0; k < 3; ++k) {
    const std::size_t q = std::size_t(c.k[k]);
    double* st = s + 2 + 3 * k;
    if (i == lb || ++st[0] >= c.k[3 + k]) {
      st[0] = 0;
      double a = 0.0, b = 0.0;
      for (std::size_t j = i + 1 - q; j <= i; ++j) {
        a = a + c.w[j % cap];
        b = b + c.w[cap + j % cap];
      }
      st[1] = a;
      st[2] = b;
    } else {
      const std::size_t old = (i - q) % cap;
      st[1] = st[1] + (bp - c.w[old]);
      st[2] = st[2] + (tr - c.w[cap + old]);
    }
    // TA-Lib 0.8 adds 0 for an exactly-0 TR sum; the last term has weight 1 (no multiply).
    const double r = div_nz<double>(st[1], st[2], 0.0);
    acc = acc + (k == 2 ? r : r * w[k]);
  }
  s[11] = (acc / 7.0) * 100.0;
}
}  // namespace

HEAN_STREAM(ultosc){12, 11,
                    [](const double* o) {
                      std::size_t p[3];
                      ultosc_periods(o, p);
                      return 2 * (p[2] + 1);
                    },
                    [](const double* o, double* k) {
                      std::size_t p[3];
                      ultosc_periods(o, p);
                      for (int j = 0; j < 3; ++j) {
                        k[j] = double(p[j]);
                        k[3 + j] = double(resum_every(p[j], 1024));
                      }
                    },
                    clear_state<12>, ultosc_stream_step};

}  // namespace hean
