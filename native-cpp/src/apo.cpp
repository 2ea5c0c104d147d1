// Absolute price oscillator (TA-Lib APO): fast MA - slow MA, both of `maType` started at
// bar 0 (TA_INT_PO, shared with PPO: hean/ma.hpp). fast > slow is swapped, as TA-Lib does.
// Lookback: the slow MA's.
#include <utility>

#include "hean/ma.hpp"
#include "hean/ma_stream.hpp"

namespace hean {
namespace {

void apo_periods(const double* o, std::size_t& fast, std::size_t& slow) {
  fast = opt_size(o[0]);
  slow = opt_size(o[1]);
  if (slow < fast) std::swap(fast, slow);
}

std::size_t apo_lookback(const double* o, int) {
  std::size_t f, s;
  apo_periods(o, f, s);
  return ma_lookback(int(o[2]), s);
}

template <class L>
void apo_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t f, s;
  apo_periods(o, f, s);
  po_run<false, L>(in[0], n, f, s, int(o[2]), out[0]);
}
HEAN_LANE_KERNELS(apo)

}  // namespace

HEAN_DEF(apo){
    "apo", "Absolute price oscillator: fast MA - slow MA", 1, {"close"}, 3,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast MA period"},
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow MA period"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type (TA-Lib's default sma)")},
    1, {"apo"}, apo_lookback, apo_s, apo_v};

// Streaming: the fast average's step on s[0 ..), the slow one's after it (hean/ma_stream.hpp;
// each its own state doubles, the instance's state sized by the options), then out = fast -
// slow (NaN until the slow one is in, as po_run).
namespace {
struct ApoSubs {
  MaSub fast, slow;
  std::size_t out() const { return slow.so + slow.state(); }
};
ApoSubs apo_subs(const double* o) {
  std::size_t f, s;
  apo_periods(o, f, s);
  const int t = int(o[2]);
  const MaSub a{t, f, 0, 0, 0};
  return {a, MaSub{t, s, a.state(), a.window(), kMaSubConst}};
}
}  // namespace

HEAN_STREAM(apo){2 * kMaSubState + 1, 2 * kMaSubState,
                 [](const double* o) {
                   const ApoSubs m = apo_subs(o);
                   return m.fast.window() + m.slow.window();
                 },
                 [](const double* o, double* k) {
                   const ApoSubs m = apo_subs(o);
                   m.fast.constants(k);
                   m.slow.constants(k);
                 },
                 [](StreamCtx& c) {
                   const ApoSubs m = apo_subs(c.o);
                   m.fast.clear(c);
                   m.slow.clear(c);
                   c.s[m.out()] = kNaN;
                 },
                 [](StreamCtx& c, const double* x) {
                   const ApoSubs m = apo_subs(c.o);
                   const double a = m.fast.step(c, x[0]);
                   const double b = m.slow.step(c, x[0]);
                   c.s[m.out()] = a - b;
                 },
                 nullptr,
                 [](const double* o, StreamSize& z) {
                   z.out_at = int(apo_subs(o).out());
                   z.n_state = z.out_at + 1;
                 }};

}  // namespace hean
