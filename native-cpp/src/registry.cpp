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
extern const KernelV sma_v_avx2, sma_v_avx512;
extern const KernelV ema_v_avx2, ema_v_avx512;
extern const KernelV wma_v_avx2, wma_v_avx512;
extern const KernelV dema_v_avx2, dema_v_avx512;
extern const KernelV tema_v_avx2, tema_v_avx512;
extern const KernelV trima_v_avx2, trima_v_avx512;
extern const KernelV kama_v_avx2, kama_v_avx512;
extern const KernelV hma_v_avx2, hma_v_avx512;
extern const KernelV vwma_v_avx2, vwma_v_avx512;
extern const KernelV wilders_v_avx2, wilders_v_avx512;
extern const KernelV rsi_v_avx2, rsi_v_avx512;
extern const KernelV macd_v_avx2, macd_v_avx512;
extern const KernelV ppo_v_avx2, ppo_v_avx512;
extern const KernelV bbands_v_avx2, bbands_v_avx512;
extern const KernelV stddev_v_avx2, stddev_v_avx512;
extern const KernelV trange_v_avx2, trange_v_avx512;
extern const KernelV atr_v_avx2, atr_v_avx512;
extern const KernelV natr_v_avx2, natr_v_avx512;
extern const KernelV stoch_v_avx2, stoch_v_avx512;
extern const KernelV stochrsi_v_avx2, stochrsi_v_avx512;
extern const KernelV adx_v_avx2, adx_v_avx512;
extern const KernelV cci_v_avx2, cci_v_avx512;
extern const KernelV obv_v_avx2, obv_v_avx512;
extern const KernelV mfi_v_avx2, mfi_v_avx512;
extern const KernelV roc_v_avx2, roc_v_avx512;
extern const KernelV mom_v_avx2, mom_v_avx512;
extern const KernelV willr_v_avx2, willr_v_avx512;
extern const KernelV sar_v_avx2, sar_v_avx512;
extern const KernelV aroon_v_avx2, aroon_v_avx512;
extern const KernelV aroonOsc_v_avx2, aroonOsc_v_avx512;
extern const KernelV cmo_v_avx2, cmo_v_avx512;
extern const KernelV trix_v_avx2, trix_v_avx512;
extern const KernelV ultosc_v_avx2, ultosc_v_avx512;
extern const KernelV ad_v_avx2, ad_v_avx512;
extern const KernelV adosc_v_avx2, adosc_v_avx512;
extern const KernelV vwap_v_avx2, vwap_v_avx512;
extern const KernelV keltner_v_avx2, keltner_v_avx512;
extern const KernelV donchian_v_avx2, donchian_v_avx512;
extern const KernelV ichimoku_v_avx2, ichimoku_v_avx512;
extern const KernelV supertrend_v_avx2, supertrend_v_avx512;
extern const KernelV returns_v_avx2, returns_v_avx512;
extern const KernelV volatility_v_avx2, volatility_v_avx512;
extern const KernelV zscore_v_avx2, zscore_v_avx512;
extern const KernelV rollingMin_v_avx2, rollingMin_v_avx512;
extern const KernelV rollingMax_v_avx2, rollingMax_v_avx512;
extern const KernelV rollingCorr_v_avx2, rollingCorr_v_avx512;
extern const KernelV rollingBeta_v_avx2, rollingBeta_v_avx512;
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
// The same indicators' 8-lane kernels built for AVX2 and AVX-512, in table order.
const KernelV clones[][2] = {
    {sma_v_avx2, sma_v_avx512},
    {ema_v_avx2, ema_v_avx512},
    {wma_v_avx2, wma_v_avx512},
    {dema_v_avx2, dema_v_avx512},
    {tema_v_avx2, tema_v_avx512},
    {trima_v_avx2, trima_v_avx512},
    {kama_v_avx2, kama_v_avx512},
    {hma_v_avx2, hma_v_avx512},
    {vwma_v_avx2, vwma_v_avx512},
    {wilders_v_avx2, wilders_v_avx512},
    {rsi_v_avx2, rsi_v_avx512},
    {macd_v_avx2, macd_v_avx512},
    {ppo_v_avx2, ppo_v_avx512},
    {bbands_v_avx2, bbands_v_avx512},
    {stddev_v_avx2, stddev_v_avx512},
    {trange_v_avx2, trange_v_avx512},
    {atr_v_avx2, atr_v_avx512},
    {natr_v_avx2, natr_v_avx512},
    {stoch_v_avx2, stoch_v_avx512},
    {stochrsi_v_avx2, stochrsi_v_avx512},
    {adx_v_avx2, adx_v_avx512},
    {cci_v_avx2, cci_v_avx512},
    {obv_v_avx2, obv_v_avx512},
    {mfi_v_avx2, mfi_v_avx512},
    {roc_v_avx2, roc_v_avx512},
    {mom_v_avx2, mom_v_avx512},
    {willr_v_avx2, willr_v_avx512},
    {sar_v_avx2, sar_v_avx512},
    {aroon_v_avx2, aroon_v_avx512},
    {aroonOsc_v_avx2, aroonOsc_v_avx512},
    {cmo_v_avx2, cmo_v_avx512},
    {trix_v_avx2, trix_v_avx512},
    {ultosc_v_avx2, ultosc_v_avx512},
    {ad_v_avx2, ad_v_avx512},
    {adosc_v_avx2, adosc_v_avx512},
    {vwap_v_avx2, vwap_v_avx512},
    {keltner_v_avx2, keltner_v_avx512},
    {donchian_v_avx2, donchian_v_avx512},
    {ichimoku_v_avx2, ichimoku_v_avx512},
    {supertrend_v_avx2, supertrend_v_avx512},
    {returns_v_avx2, returns_v_avx512},
    {volatility_v_avx2, volatility_v_avx512},
    {zscore_v_avx2, zscore_v_avx512},
    {rollingMin_v_avx2, rollingMin_v_avx512},
    {rollingMax_v_avx2, rollingMax_v_avx512},
    {rollingCorr_v_avx2, rollingCorr_v_avx512},
    {rollingBeta_v_avx2, rollingBeta_v_avx512},
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

}  // namespace

KernelV lane_kernel(const IndicatorDef& def) {
  const int l = level();
  if (l < 0) return nullptr;
#ifdef HEAN_ISA_CLONES
  if (l > 0) {
    const Table& t = table();
    for (std::size_t i = 0; i < t.count; ++i)
      if (t.defs[i] == &def) return clones[i][l == 3 ? 1 : 0];
  }
#endif
  return def.kernel_v;
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
