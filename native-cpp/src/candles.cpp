// The table entries of the 61 candlestick patterns (hean/candle_patterns.hpp) and
// run_patterns(): any of them over one series in one pass, with per-call candle settings.
// Pattern kernels are scalar only (branchy, integer results): no 8-lane entry point.
#include "hean/candles_run.hpp"

#include "hean/kernel.hpp"
#include "hean/candle_patterns.hpp"

#include <cmath>
#include <cstring>
#include <type_traits>

namespace hean {
namespace {

using candles::Bars;
using candles::kDefaultSettings;
using candles::Runner;

template <class P>
std::size_t cdl_lookback(const double*, int) {
  return Runner<P>::lookback(kDefaultSettings);
}

// A NaN-free run with the default settings (the table's path: the driver splits at gaps).
template <class P>
void cdl_kernel(const In<double>* in, std::size_t n, const double* o, const Out<double>* out) {
  const Bars b{in[0].p, in[1].p, in[2].p, in[3].p};
  Runner<P> r;
  r.setup(kDefaultSettings, P::kPenetration ? o[0] : 0.0);
  double* y = out[0].p;
  r.block(b, 0, n, [&](std::size_t i, int v) { y[i] = double(v); }, [&](std::size_t i) { y[i] = kNaN; });
}

}  // namespace

#if HEAN_ISA == 0
#define HEAN_CANDLE(N)                                                                                          \
  extern const IndicatorDef N##_def = {#N,                                                                      \
                                       "Candlestick pattern (TA-Lib CDL): +100 bullish, -100 bearish, 0 none", \
                                       4,                                                                       \
                                       {"open", "high", "low", "close"},                                        \
                                       candles::N##_p::kPenetration ? 1 : 0,                                    \
                                       {candles::N##_p::kPenetration ? OptDef{"penetration", candles::N##_p::kPenDefault, 0, 3e37, false, nullptr, "penetration of the last candle into the first one's real body, as a fraction of it"} : OptDef{}}, \
                                       1,                                                                       \
                                       {#N},                                                                    \
                                       cdl_lookback<candles::N##_p>,                                            \
                                       cdl_kernel<candles::N##_p>,                                              \
                                       nullptr};
#else
#define HEAN_CANDLE(N) extern const IsaKernels HEAN_CAT(N, HEAN_ISA_SUFFIX) = {cdl_kernel<candles::N##_p>, nullptr};
#endif
#include "hean/candles.inc"
#undef HEAN_CANDLE

#if HEAN_ISA == 0
// Streaming: a pattern's Runner stepped one bar at a time over a ring of the run's last
// lookback + 1 bars (each series written twice, at q and q + lookback + 1, so the bars in
// order are one contiguous slice; the pattern sees the latest bar at index lookback), with
// the instance's candle settings: the stream's options are the table's (penetration, where
// the pattern has one) then 33 settings numbers (StreamDef::n_extra), read once into the
// constants, so it equals run_patterns() with those settings, and the table's batch path
// with the defaults (which take a step compiled for kDefaultSettings, as that path is). State: n (bars in the run), the slots'
// running totals (Avg::total), Hikkake's memory (the setup's bar, as a run index, and its
// result), out. The same Avg init/step and eval calls, in the same order, as Runner::block.
namespace {
template <class P>
struct CdlStream {
  using R = Runner<P>;
  static constexpr std::size_t NS = R::NS;
  static constexpr bool kHikkake = std::is_base_of_v<candles::HikkakeState, typename P::State>;
  static constexpr int kOut = int(NS) + 3;
  static constexpr int kPen = P::kPenetration ? 1 : 0;  // options before the settings
  static std::size_t window(const double* o) { return 8 * (R::lookback(candles::settings_of(o + kPen)) + 1); }
  // Constants: the lookback, 1 where the settings are TA-Lib's defaults (the step then
  // uses the compile-time kDefaultSettings, as the batch kernel), then the settings (read
  // from the options once, not per bar).
  static constexpr int kSet = 2;
  static_assert(std::is_trivially_copyable_v<candles::Settings> && sizeof(candles::Settings) + 8 * kSet <= 8 * kMaxConst);
  static void constants(const double* o, double* k) {
    const candles::Settings cs = candles::settings_of(o + kPen);
    k[0] = double(R::lookback(cs));
    k[1] = std::memcmp(&cs, &kDefaultSettings, sizeof cs) == 0 ? 1.0 : 0.0;
    std::memcpy(k + kSet, &cs, sizeof cs);
  }
  static void clear(StreamCtx& c) {
    for (int k = 0; k < kOut; ++k) c.s[k] = 0;
    c.s[kOut] = kNaN;
  }
  static void step(StreamCtx& c, const double* x) {
    if (any_gap<4>(x)) return clear(c);
    if (c.k[1] != 0) return run<true>(c, x, kDefaultSettings);
    candles::Settings cs;
    std::memcpy(&cs, c.k + kSet, sizeof cs);
    run<false>(c, x, cs);
  }
  template <bool Defaults>
  static void run(StreamCtx& c, const double* x, const candles::Settings& cs) {
    double* s = c.s;
    const std::size_t lb = Defaults ? R::lookback(kDefaultSettings) : std::size_t(c.k[0]), nb = lb + 1;
    const std::size_t i = std::size_t(s[0]++);
    const std::size_t q = i % nb;
    for (std::size_t k = 0; k < 4; ++k) {
      c.put(2 * nb * k + q, x[k]);
      c.put(2 * nb * k + q + nb, x[k]);
    }
    s[kOut] = kNaN;
    if (i < lb) return;
    const double* w = c.w + q + 1;
    const Bars b{w, w + 2 * nb, w + 4 * nb, w + 6 * nb};
    R r;
    r.setup(cs, P::kPenetration ? c.o[0] : 0.0);
    const std::size_t shift = i - lb;  // run index of the slice's first bar
    if (i == lb) {
      for (std::size_t j = 0; j < NS; ++j)
        if (P::slots[j].set != candles::kSettingCount) r.a[j].init(b, lb);
      r.st.start(b, lb, r.a, r.pen);
    } else {
      for (std::size_t j = 0; j < NS; ++j) r.a[j].total = s[1 + j];
      if constexpr (kHikkake) {
        // Only a setup within the last 3 bars can still be confirmed (i <= idx + 3).
        const double at = s[NS + 1];
        r.st.idx = at != 0 && at + 3 >= double(i) ? std::size_t(at) - shift : 0;
        r.st.result = int(s[NS + 2]);
      }
    }
    s[kOut] = double(lint_nb(P::eval(b, lb, r.a, r.pen, r.st)));
    for (std::size_t j = 0; j < NS; ++j) {
      if (P::slots[j].set == candles::kSettingCount) continue;  // no running total (its state stays 0)
      r.a[j].step(b, lb);
      s[1 + j] = r.a[j].total;
    }
    if constexpr (kHikkake) {
      s[NS + 1] = r.st.idx != 0 ? double(r.st.idx + shift) : 0.0;
      s[NS + 2] = double(r.st.result);
    }
  }
};
}  // namespace

#define HEAN_CANDLE(N)                                                                                             \
  HEAN_STREAM(N){CdlStream<candles::N##_p>::kOut + 1, CdlStream<candles::N##_p>::kOut,                             \
                 CdlStream<candles::N##_p>::window, CdlStream<candles::N##_p>::constants,                          \
                 CdlStream<candles::N##_p>::clear,                                                                 \
                 CdlStream<candles::N##_p>::step, nullptr, nullptr, nullptr, 3 * candles::kSettingCount};
#include "hean/candles.inc"
#undef HEAN_CANDLE
#endif

#if HEAN_ISA == 0
namespace candles {
namespace {

// One pattern of the list, type-erased: its runner is set up once per run, then fed the
// run block by block.
struct AnyPattern {
  const char* name;
  std::size_t (*lookback)(const Settings&);
  bool penetration;
  double pen_default;
  void* (*make)(const Settings&, double pen);
  void (*drop)(void*);
  void (*block16)(void*, const Bars&, std::size_t, std::size_t, std::int16_t*);
  void (*block64)(void*, const Bars&, std::size_t, std::size_t, double*);
};
template <class P>
struct Erased {
  static void* make(const Settings& cs, double pen) {
    auto* r = new Runner<P>;
    r->setup(cs, pen);
    return r;
  }
  static void drop(void* r) { delete static_cast<Runner<P>*>(r); }
  static void block16(void* r, const Bars& b, std::size_t from, std::size_t to, std::int16_t* y) {
    static_cast<Runner<P>*>(r)->block(b, from, to, [&](std::size_t i, int v) { y[i] = std::int16_t(v); },
                                      [&](std::size_t i) { y[i] = 0; });
  }
  static void block64(void* r, const Bars& b, std::size_t from, std::size_t to, double* y) {
    static_cast<Runner<P>*>(r)->block(b, from, to, [&](std::size_t i, int v) { y[i] = double(v); },
                                      [&](std::size_t i) { y[i] = kNaN; });
  }
};
const AnyPattern kPatterns[] = {
#define HEAN_CANDLE(N)                                                                                            \
  {#N, &Runner<N##_p>::lookback, N##_p::kPenetration, N##_p::kPenDefault, &Erased<N##_p>::make, &Erased<N##_p>::drop, \
   &Erased<N##_p>::block16, &Erased<N##_p>::block64},
#include "hean/candles.inc"
#undef HEAN_CANDLE
};
constexpr int kCount = int(sizeof(kPatterns) / sizeof(kPatterns[0]));
static_assert(kCount <= kMaxPatterns);

// Bars per block: the block's 4 inputs (64 KiB) stay in L2 while every pattern reads them.
constexpr std::size_t kBlock = 2048;

template <class T>
void run_all(const double* const* x, std::size_t n, const Settings& cs, const double* pen, const std::uint8_t* want,
             T* const* out) {
  const T none = std::is_same_v<T, double> ? T(kNaN) : T(0);
  std::size_t i = 0;
  while (i < n) {
    // Gaps: any input not finite.
    while (i < n && !(std::isfinite(x[0][i]) && std::isfinite(x[1][i]) && std::isfinite(x[2][i]) && std::isfinite(x[3][i]))) {
      for (int k = 0; k < kCount; ++k)
        if (want[k]) out[k][i] = none;
      ++i;
    }
    std::size_t e = i;
    while (e < n && std::isfinite(x[0][e]) && std::isfinite(x[1][e]) && std::isfinite(x[2][e]) && std::isfinite(x[3][e])) ++e;
    if (e == i) continue;
    const Bars b{x[0] + i, x[1] + i, x[2] + i, x[3] + i};
    const std::size_t m = e - i;
    void* rs[kCount] = {};
    for (int k = 0; k < kCount; ++k)
      if (want[k]) rs[k] = kPatterns[k].make(cs, pen[k]);
    for (std::size_t from = 0; from < m; from += kBlock) {
      const std::size_t to = from + kBlock < m ? from + kBlock : m;
      for (int k = 0; k < kCount; ++k) {
        if (!rs[k]) continue;
        if constexpr (std::is_same_v<T, double>)
          kPatterns[k].block64(rs[k], b, from, to, out[k] + i);
        else
          kPatterns[k].block16(rs[k], b, from, to, out[k] + i);
      }
    }
    for (int k = 0; k < kCount; ++k)
      if (rs[k]) kPatterns[k].drop(rs[k]);
    i = e;
  }
}

}  // namespace

int pattern_count() { return kCount; }
const char* pattern_name(int k) { return kPatterns[k].name; }
bool pattern_has_penetration(int k) { return kPatterns[k].penetration; }
double pattern_default_penetration(int k) { return kPatterns[k].pen_default; }
std::size_t pattern_lookback(int k, const Settings& cs) { return kPatterns[k].lookback(cs); }

std::string read_settings(const double* v, Settings* cs) {
  for (int k = 0; k < kSettingCount; ++k) {
    const double rt = v[3 * k], p = v[3 * k + 1], f = v[3 * k + 2];
    const std::string who = std::string("candleSettings.") + kSettingNames[k];
    if (!(rt == 0 || rt == 1 || rt == 2)) return who + ".rangeType must be 'realBody', 'highLow' or 'shadows' (0, 1, 2)";
    if (!(p >= 0 && p <= 100000 && p == std::floor(p))) return who + ".avgPeriod must be an integer in 0..100000";
    if (!(f >= 0 && f <= 1e300)) return who + ".factor must be a finite number >= 0";
    cs->s[k] = CandleSetting{int(rt), int(p), f};
  }
  return {};
}

void run_patterns(const double* const* ohlc, std::size_t n, const Settings& cs, const double* pen,
                  const std::uint8_t* want, std::int16_t* const* out) {
  run_all(ohlc, n, cs, pen, want, out);
}
void run_patterns(const double* const* ohlc, std::size_t n, const Settings& cs, const double* pen,
                  const std::uint8_t* want, double* const* out) {
  run_all(ohlc, n, cs, pen, want, out);
}

}  // namespace candles
#endif

}  // namespace hean
