// The table of every indicator. Adding one: write native-cpp/src/<name>.cpp defining
// `<name>_def`, list it here, and add src/indicators/<name>.ts for its types and docs.
#include <cstdlib>
#include <cstring>

#include "hean/indicator.hpp"

namespace hean {

extern const IndicatorDef sma_def;
extern const IndicatorDef ema_def;
extern const IndicatorDef wma_def;
extern const IndicatorDef dema_def;
extern const IndicatorDef tema_def;
extern const IndicatorDef trima_def;
extern const IndicatorDef kama_def;
extern const IndicatorDef hma_def;
extern const IndicatorDef vwma_def;
extern const IndicatorDef wilders_def;
extern const IndicatorDef rsi_def;
extern const IndicatorDef macd_def;
extern const IndicatorDef ppo_def;
extern const IndicatorDef bbands_def;
extern const IndicatorDef stddev_def;
extern const IndicatorDef trange_def;
extern const IndicatorDef atr_def;
extern const IndicatorDef natr_def;
extern const IndicatorDef stoch_def;
extern const IndicatorDef stochrsi_def;
extern const IndicatorDef adx_def;
extern const IndicatorDef cci_def;
extern const IndicatorDef obv_def;
extern const IndicatorDef mfi_def;
extern const IndicatorDef roc_def;
extern const IndicatorDef mom_def;
extern const IndicatorDef willr_def;
extern const IndicatorDef sar_def;
extern const IndicatorDef aroon_def;
extern const IndicatorDef aroonOsc_def;
extern const IndicatorDef cmo_def;
extern const IndicatorDef trix_def;
extern const IndicatorDef ultosc_def;
extern const IndicatorDef ad_def;
extern const IndicatorDef adosc_def;
extern const IndicatorDef vwap_def;
extern const IndicatorDef keltner_def;
extern const IndicatorDef donchian_def;
extern const IndicatorDef ichimoku_def;
extern const IndicatorDef supertrend_def;
extern const IndicatorDef returns_def;
extern const IndicatorDef volatility_def;
extern const IndicatorDef zscore_def;
extern const IndicatorDef rollingMin_def;
extern const IndicatorDef rollingMax_def;
extern const IndicatorDef rollingCorr_def;
extern const IndicatorDef rollingBeta_def;

#ifdef HEAN_ISA_CLONES
extern const IsaKernels sma_isa_avx2, sma_isa_avx512;
extern const IsaKernels ema_isa_avx2, ema_isa_avx512;
extern const IsaKernels wma_isa_avx2, wma_isa_avx512;
extern const IsaKernels dema_isa_avx2, dema_isa_avx512;
extern const IsaKernels tema_isa_avx2, tema_isa_avx512;
extern const IsaKernels trima_isa_avx2, trima_isa_avx512;
extern const IsaKernels kama_isa_avx2, kama_isa_avx512;
extern const IsaKernels hma_isa_avx2, hma_isa_avx512;
extern const IsaKernels vwma_isa_avx2, vwma_isa_avx512;
extern const IsaKernels wilders_isa_avx2, wilders_isa_avx512;
extern const IsaKernels rsi_isa_avx2, rsi_isa_avx512;
extern const IsaKernels macd_isa_avx2, macd_isa_avx512;
extern const IsaKernels ppo_isa_avx2, ppo_isa_avx512;
extern const IsaKernels bbands_isa_avx2, bbands_isa_avx512;
extern const IsaKernels stddev_isa_avx2, stddev_isa_avx512;
extern const IsaKernels trange_isa_avx2, trange_isa_avx512;
extern const IsaKernels atr_isa_avx2, atr_isa_avx512;
extern const IsaKernels natr_isa_avx2, natr_isa_avx512;
extern const IsaKernels stoch_isa_avx2, stoch_isa_avx512;
extern const IsaKernels stochrsi_isa_avx2, stochrsi_isa_avx512;
extern const IsaKernels adx_isa_avx2, adx_isa_avx512;
extern const IsaKernels cci_isa_avx2, cci_isa_avx512;
extern const IsaKernels obv_isa_avx2, obv_isa_avx512;
extern const IsaKernels mfi_isa_avx2, mfi_isa_avx512;
extern const IsaKernels roc_isa_avx2, roc_isa_avx512;
extern const IsaKernels mom_isa_avx2, mom_isa_avx512;
extern const IsaKernels willr_isa_avx2, willr_isa_avx512;
extern const IsaKernels sar_isa_avx2, sar_isa_avx512;
extern const IsaKernels aroon_isa_avx2, aroon_isa_avx512;
extern const IsaKernels aroonOsc_isa_avx2, aroonOsc_isa_avx512;
extern const IsaKernels cmo_isa_avx2, cmo_isa_avx512;
extern const IsaKernels trix_isa_avx2, trix_isa_avx512;
extern const IsaKernels ultosc_isa_avx2, ultosc_isa_avx512;
extern const IsaKernels ad_isa_avx2, ad_isa_avx512;
extern const IsaKernels adosc_isa_avx2, adosc_isa_avx512;
extern const IsaKernels vwap_isa_avx2, vwap_isa_avx512;
extern const IsaKernels keltner_isa_avx2, keltner_isa_avx512;
extern const IsaKernels donchian_isa_avx2, donchian_isa_avx512;
extern const IsaKernels ichimoku_isa_avx2, ichimoku_isa_avx512;
extern const IsaKernels supertrend_isa_avx2, supertrend_isa_avx512;
extern const IsaKernels returns_isa_avx2, returns_isa_avx512;
extern const IsaKernels volatility_isa_avx2, volatility_isa_avx512;
extern const IsaKernels zscore_isa_avx2, zscore_isa_avx512;
extern const IsaKernels rollingMin_isa_avx2, rollingMin_isa_avx512;
extern const IsaKernels rollingMax_isa_avx2, rollingMax_isa_avx512;
extern const IsaKernels rollingCorr_isa_avx2, rollingCorr_isa_avx512;
extern const IsaKernels rollingBeta_isa_avx2, rollingBeta_isa_avx512;
#endif

namespace {

struct Table {
  const IndicatorDef* defs[47];
  std::size_t count = 0;
  Table() {
    const IndicatorDef* all[] = {
    &sma_def,
    &ema_def,
    &wma_def,
    &dema_def,
    &tema_def,
    &trima_def,
    &kama_def,
    &hma_def,
    &vwma_def,
    &wilders_def,
    &rsi_def,
    &macd_def,
    &ppo_def,
    &bbands_def,
    &stddev_def,
    &trange_def,
    &atr_def,
    &natr_def,
    &stoch_def,
    &stochrsi_def,
    &adx_def,
    &cci_def,
    &obv_def,
    &mfi_def,
    &roc_def,
    &mom_def,
    &willr_def,
    &sar_def,
    &aroon_def,
    &aroonOsc_def,
    &cmo_def,
    &trix_def,
    &ultosc_def,
    &ad_def,
    &adosc_def,
    &vwap_def,
    &keltner_def,
    &donchian_def,
    &ichimoku_def,
    &supertrend_def,
    &returns_def,
    &volatility_def,
    &zscore_def,
    &rollingMin_def,
    &rollingMax_def,
    &rollingCorr_def,
    &rollingBeta_def,
    };
    for (const IndicatorDef* d : all) defs[count++] = d;
  }
};

const Table& table() {
  static const Table t;
  return t;
}

#ifdef HEAN_ISA_CLONES
// The same indicators' kernels built for AVX2 and AVX-512, in table order.
const IsaKernels clones[][2] = {
    {sma_isa_avx2, sma_isa_avx512},
    {ema_isa_avx2, ema_isa_avx512},
    {wma_isa_avx2, wma_isa_avx512},
    {dema_isa_avx2, dema_isa_avx512},
    {tema_isa_avx2, tema_isa_avx512},
    {trima_isa_avx2, trima_isa_avx512},
    {kama_isa_avx2, kama_isa_avx512},
    {hma_isa_avx2, hma_isa_avx512},
    {vwma_isa_avx2, vwma_isa_avx512},
    {wilders_isa_avx2, wilders_isa_avx512},
    {rsi_isa_avx2, rsi_isa_avx512},
    {macd_isa_avx2, macd_isa_avx512},
    {ppo_isa_avx2, ppo_isa_avx512},
    {bbands_isa_avx2, bbands_isa_avx512},
    {stddev_isa_avx2, stddev_isa_avx512},
    {trange_isa_avx2, trange_isa_avx512},
    {atr_isa_avx2, atr_isa_avx512},
    {natr_isa_avx2, natr_isa_avx512},
    {stoch_isa_avx2, stoch_isa_avx512},
    {stochrsi_isa_avx2, stochrsi_isa_avx512},
    {adx_isa_avx2, adx_isa_avx512},
    {cci_isa_avx2, cci_isa_avx512},
    {obv_isa_avx2, obv_isa_avx512},
    {mfi_isa_avx2, mfi_isa_avx512},
    {roc_isa_avx2, roc_isa_avx512},
    {mom_isa_avx2, mom_isa_avx512},
    {willr_isa_avx2, willr_isa_avx512},
    {sar_isa_avx2, sar_isa_avx512},
    {aroon_isa_avx2, aroon_isa_avx512},
    {aroonOsc_isa_avx2, aroonOsc_isa_avx512},
    {cmo_isa_avx2, cmo_isa_avx512},
    {trix_isa_avx2, trix_isa_avx512},
    {ultosc_isa_avx2, ultosc_isa_avx512},
    {ad_isa_avx2, ad_isa_avx512},
    {adosc_isa_avx2, adosc_isa_avx512},
    {vwap_isa_avx2, vwap_isa_avx512},
    {keltner_isa_avx2, keltner_isa_avx512},
    {donchian_isa_avx2, donchian_isa_avx512},
    {ichimoku_isa_avx2, ichimoku_isa_avx512},
    {supertrend_isa_avx2, supertrend_isa_avx512},
    {returns_isa_avx2, returns_isa_avx512},
    {volatility_isa_avx2, volatility_isa_avx512},
    {zscore_isa_avx2, zscore_isa_avx512},
    {rollingMin_isa_avx2, rollingMin_isa_avx512},
    {rollingMax_isa_avx2, rollingMax_isa_avx512},
    {rollingCorr_isa_avx2, rollingCorr_isa_avx512},
    {rollingBeta_isa_avx2, rollingBeta_isa_avx512},
};

int detect_level() {
  __builtin_cpu_init();
  int level = 0;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2")) level = 2;
  if (level == 2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
    level = 3;
  if (const char* cap = std::getenv("HEAN_SIMD")) {
    const int want = !std::strcmp(cap, "none") ? -1 : !std::strcmp(cap, "base") ? 0 : !std::strcmp(cap, "avx2") ? 2 : 3;
    if (want < level) level = want;
  }
  return level;
}
#else
int detect_level() {
  const char* cap = std::getenv("HEAN_SIMD");
  return cap && !std::strcmp(cap, "none") ? -1 : 0;
}
#endif

int level() {
  static const int l = detect_level();
  return l;
}

#ifdef HEAN_ISA_CLONES
// def's clones at this CPU's level, or null at the baseline level.
const IsaKernels* clones_of(const IndicatorDef& def) {
  const int l = level();
  if (l <= 0) return nullptr;
  const Table& t = table();
  for (std::size_t i = 0; i < t.count; ++i)
    if (t.defs[i] == &def) return &clones[i][l == 3 ? 1 : 0];
  return nullptr;
}
#else
const IsaKernels* clones_of(const IndicatorDef&) { return nullptr; }
#endif

}  // namespace

KernelV lane_kernel(const IndicatorDef& def) {
  if (level() < 0) return nullptr;
  const IsaKernels* c = clones_of(def);
  return c ? c->v : def.kernel_v;
}

Kernel scalar_kernel(const IndicatorDef& def) {
  const IsaKernels* c = clones_of(def);
  return c ? c->s : def.kernel;
}

const char* simd_level() {
  const int l = level();
  return l == 3 ? "avx512" : l == 2 ? "avx2" : l == 0 ? "base" : "none";
}

const IndicatorDef* const* registry(std::size_t* count) {
  *count = table().count;
  return table().defs;
}

const IndicatorDef* find_indicator(const std::string& name) {
  const Table& t = table();
  for (std::size_t i = 0; i < t.count; ++i)
    if (name == t.defs[i]->name) return t.defs[i];
  return nullptr;
}

}  // namespace hean
