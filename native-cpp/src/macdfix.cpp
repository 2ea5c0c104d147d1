// MACD with TA-Lib's fixed smoothing (TA-Lib MACDFIX): periods 12 and 26 with k = 0.15 and
// 0.075 (not 2/13 and 2/27), the signal an EMA of `signal` (k = 2/(signal+1)). The MACD
// computation itself is macd's (hean/macd.hpp). All outputs start at 25 + signal - 1.
#include "hean/macd.hpp"

namespace hean {
namespace {

std::size_t macdfix_lookback(const double* o, int) { return 26 + opt_size(o[0]) - 2; }

template <class L>
void macdfix_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  macd_run<L>(in[0], n, 12, 26, opt_size(o[0]), Ema<L>::make(0.15, 1.0 - 0.15), Ema<L>::make(0.075, 1.0 - 0.075), out);
}
HEAN_LANE_KERNELS(macdfix)

}  // namespace

HEAN_DEF(macdfix){
    "macdfix", "MACD 12/26 with TA-Lib's fixed smoothing 0.15/0.075 (TA-Lib MACDFIX)", 1, {"close"}, 1,
    {OptDef{"signal", 9, 1, kMaxPeriod, true, nullptr, "signal EMA period"}},
    3, {"macd", "signal", "histogram"}, macdfix_lookback, macdfix_s, macdfix_v};

// Streaming: hean/macd.hpp's step with the fixed constants.
HEAN_STREAM(macdfix){5, 4, no_window,
                     [](const double* o, double* k) {
                       const Ema<double> eg = Ema<double>::with_period(opt_size(o[0]));
                       k[0] = 0.15, k[1] = 1.0 - 0.15, k[2] = 0.075, k[3] = 1.0 - 0.075, k[4] = eg.k, k[5] = eg.a;
                       k[6] = 12, k[7] = 26, k[8] = double(opt_size(o[0]));
                     },
                     macd_clear, macd_stream_step, macd_outputs};

}  // namespace hean
