// Absolute price oscillator (TA-Lib APO): fast MA - slow MA, both of `maType` started at
// bar 0 (TA_INT_PO, shared with PPO: hean/ma.hpp). fast > slow is swapped, as TA-Lib does.
// Lookback: the slow MA's.
#include <utility>

#include "hean/ma.hpp"

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

}  // namespace hean
