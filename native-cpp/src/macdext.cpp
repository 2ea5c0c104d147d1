// MACD with a chosen moving average for each line (TA-Lib MACDEXT): fast MA - slow MA, a
// signal MA of that, and their difference. As TA-Lib: fast > slow swaps the periods and
// their types; both MAs are started as TA_MA(startIdx = the larger of their lookbacks)
// starts them (a recursive MA with the smaller lookback is seeded that much later), the
// signal MA runs over the MACD values from there, and all three outputs start at the
// larger MA lookback + the signal's. All three EMA (periods >= 2) is TA-Lib's MACD
// (hean/macd.hpp). Each average is computed by its own kernel (hean/ma.hpp).
#include <algorithm>
#include <utility>

#include "hean/ma.hpp"
#include "hean/macd.hpp"
#include "hean/ma_stream.hpp"

namespace hean {
namespace {

struct MacdextSpec {
  std::size_t fp, sp, gp;
  int ft, st, gt;
  std::size_t lb_f, lb_s, lb_large, lb_sig;
};

MacdextSpec macdext_spec(const double* o) {
  MacdextSpec m{opt_size(o[0]), opt_size(o[2]), opt_size(o[4]), int(o[1]), int(o[3]), int(o[5]), 0, 0, 0, 0};
  if (m.sp < m.fp) {
    std::swap(m.sp, m.fp);
    std::swap(m.st, m.ft);
  }
  m.lb_f = ma_lookback(m.ft, m.fp);
  m.lb_s = ma_lookback(m.st, m.sp);
  m.lb_large = std::max(m.lb_f, m.lb_s);
  m.lb_sig = ma_lookback(m.gt, m.gp);
  return m;
}
bool macdext_is_macd(const MacdextSpec& m) {
  return m.ft == kMaEma && m.st == kMaEma && m.gt == kMaEma && m.fp >= 2 && m.sp >= 2 && m.gp >= 2;
}

std::size_t macdext_lookback(const double* o, int) {
  const MacdextSpec m = macdext_spec(o);
  return macdext_is_macd(m) ? m.sp + m.gp - 2 : m.lb_large + m.lb_sig;
}

template <class L>
void macdext_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const MacdextSpec m = macdext_spec(o);
  const In<L>& x = in[0];
  if (macdext_is_macd(m))
    return macd_run<L>(x, n, m.fp, m.sp, m.gp, Ema<L>::with_period(m.fp), Ema<L>::with_period(m.sp), out);
  const std::size_t lb = m.lb_large + m.lb_sig;
  if (n <= lb) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  // out[0] = fast MA, out[1] = slow MA, each from its TA_MA start; then out[0] = MACD and
  // out[1] = the signal MA of out[0] from lb_large on.
  const std::size_t of = m.lb_large - m.lb_f, os = m.lb_large - m.lb_s;
  ma_run<L>(m.ft, m.fp, in_from(x, of), n - of, out_from(out[0], of));
  ma_run<L>(m.st, m.sp, in_from(x, os), n - os, out_from(out[1], os));
  const In<L> fast = in_of(out[0]), slow = in_of(out[1]);
  for (std::size_t i = m.lb_large; i < n; ++i) out[0].set(i, fast[i] - slow[i]);
  ma_run<L>(m.gt, m.gp, in_from(fast, m.lb_large), n - m.lb_large, out_from(out[1], m.lb_large));
  const In<L> sig = in_of(out[1]);
  for (std::size_t i = lb; i < n; ++i) out[2].set(i, fast[i] - sig[i]);
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, lb);
}
HEAN_LANE_KERNELS(macdext)

}  // namespace

HEAN_DEF(macdext){
    "macdext", "MACD with a chosen moving average type for each line (TA-Lib MACDEXT)", 1, {"close"}, 6,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast MA period"},
     HEAN_MA_TYPE_OPT("fastMaType", 0, "fast moving average type"),
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow MA period"},
     HEAN_MA_TYPE_OPT("slowMaType", 0, "slow moving average type"),
     OptDef{"signal", 9, 1, kMaxPeriod, true, nullptr, "signal MA period"},
     HEAN_MA_TYPE_OPT("signalMaType", 0, "signal moving average type")},
    3, {"macd", "signal", "histogram"}, macdext_lookback, macdext_s, macdext_v};

// Streaming: all-EMA is MACD's step (hean/macd.hpp) on s[0 ..). Otherwise the fast, slow
// and signal averages' own steps (hean/ma_stream.hpp) one after the other from s[0] (each
// its own state doubles, the instance's state sized by the options), then at s[n]: bars in
// the run and the three outputs. As the kernel: the fast and slow averages
// start at the run's bars of, os (TA_MA's start at the larger lookback), the signal average
// takes fast - slow from lb_large on, and the outputs start at lb.
extern const StreamDef macd_stream;

namespace {
constexpr std::size_t kN = 3 * kMaSubState;  // the def's room (the largest averages)
// Constants after the averages': k[kEndAt] = MacdextSubs::n, k[kEndAt + 1] = 1 when all-EMA
// (MACD's step: no per-bar MacdextSubs).
constexpr int kEndAt = 3 * kMaSubConst;
static_assert(kEndAt + 1 < kMaxConst);
struct MacdextSubs {
  MacdextSpec m;
  MaSub fast, slow, sig;
  std::size_t n;  // where the averages' states end: bars in the run, then the outputs
};
MacdextSubs macdext_subs(const double* o) {
  const MacdextSpec m = macdext_spec(o);
  const MaSub f{m.ft, m.fp, 0, 0, 0};
  const MaSub s{m.st, m.sp, f.state(), f.window(), kMaSubConst};
  const MaSub g{m.gt, m.gp, f.state() + s.state(), f.window() + s.window(), 2 * kMaSubConst};
  const std::size_t n = macdext_is_macd(m) ? std::size_t(macd_stream.n_state) : g.so + g.state();
  return {m, f, s, g, n};
}
void macdext_clear(StreamCtx& c) {
  const MacdextSubs d = macdext_subs(c.o);
  if (macdext_is_macd(d.m)) {
    for (std::size_t i = 0; i < d.n; ++i) c.s[i] = 0;
    d.fast.in(c, [&] { macd_clear(c); });
  } else {
    d.fast.clear(c);
    d.slow.clear(c);
    d.sig.clear(c);
  }
  c.s[d.n] = 0;
  c.s[d.n + 1] = c.s[d.n + 2] = c.s[d.n + 3] = kNaN;
}
void macdext_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  if (c.k[kEndAt + 1] != 0) {
    const std::size_t n = std::size_t(c.k[kEndAt]);
    MaSub{kMaEma, 2, 0, 0, 0}.in(c, [&] {  // the fast average's place: s, w, k from 0
      macd_stream_step(c, x);
      macd_outputs(c, s + n + 1);
    });
    return;
  }
  const MacdextSubs d = macdext_subs(c.o);
  if (is_gap(x[0])) return macdext_clear(c);
  const MacdextSpec& m = d.m;
  const std::size_t e = d.n;
  const double i = s[e]++;
  const double lb = double(m.lb_large + m.lb_sig);
  double a = kNaN, b = kNaN;
  if (i >= double(m.lb_large - m.lb_f)) a = d.fast.step(c, x[0]);
  if (i >= double(m.lb_large - m.lb_s)) b = d.slow.step(c, x[0]);
  s[e + 1] = s[e + 2] = s[e + 3] = kNaN;
  if (i < double(m.lb_large)) return;
  const double macd = a - b;
  const double g = d.sig.step(c, macd);
  if (i < lb) return;
  s[e + 1] = macd;
  s[e + 2] = g;
  s[e + 3] = macd - g;
}
}  // namespace

HEAN_STREAM(macdext){int(kN) + 4, int(kN) + 1,
                     [](const double* o) {
                       const MacdextSubs d = macdext_subs(o);
                       if (macdext_is_macd(d.m)) return std::size_t(0);
                       return d.fast.window() + d.slow.window() + d.sig.window();
                     },
                     [](const double* o, double* k) {
                       const MacdextSubs d = macdext_subs(o);
                       k[kEndAt] = double(d.n);
                       k[kEndAt + 1] = macdext_is_macd(d.m) ? 1 : 0;
                       if (macdext_is_macd(d.m)) {
                         k[0] = double(d.m.fp), k[1] = double(d.m.sp), k[2] = double(d.m.gp);
                         macd_stream.constants(k, k + 3);
                         return;
                       }
                       d.fast.constants(k);
                       d.slow.constants(k);
                       d.sig.constants(k);
                     },
                     macdext_clear, macdext_stream_step,
                     [](const StreamCtx& c, double* out) {
                       const std::size_t n = std::size_t(c.k[kEndAt]);
                       out[0] = c.s[n + 1];
                       out[1] = c.s[n + 2];
                       out[2] = c.s[n + 3];
                     },
                     [](const double* o, StreamSize& z) {
                       const MacdextSubs d = macdext_subs(o);
                       z.n_state = int(d.n) + 4;
                       z.out_at = int(d.n) + 1;
                     }};

}  // namespace hean
