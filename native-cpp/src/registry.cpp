// The table of every indicator. Adding one: write native-cpp/src/<name>.cpp defining
// `<name>_def`, list it here, and add src/indicators/<name>.ts for its types and docs.
#include <cstring>

#include "hean/indicator.hpp"

// While the table is being filled in, missing kernels resolve to null and are skipped.
#if defined(HEAN_ALLOW_MISSING) && defined(__GNUC__)
#define HEAN_DEV_WEAK __attribute__((weak))
#else
#define HEAN_DEV_WEAK
#endif

namespace hean {

extern const IndicatorDef sma_def HEAN_DEV_WEAK;
extern const IndicatorDef ema_def HEAN_DEV_WEAK;
extern const IndicatorDef wma_def HEAN_DEV_WEAK;
extern const IndicatorDef dema_def HEAN_DEV_WEAK;
extern const IndicatorDef tema_def HEAN_DEV_WEAK;
extern const IndicatorDef trima_def HEAN_DEV_WEAK;
extern const IndicatorDef kama_def HEAN_DEV_WEAK;
extern const IndicatorDef hma_def HEAN_DEV_WEAK;
extern const IndicatorDef vwma_def HEAN_DEV_WEAK;
extern const IndicatorDef wilders_def HEAN_DEV_WEAK;
extern const IndicatorDef rsi_def HEAN_DEV_WEAK;
extern const IndicatorDef macd_def HEAN_DEV_WEAK;
extern const IndicatorDef ppo_def HEAN_DEV_WEAK;
extern const IndicatorDef bbands_def HEAN_DEV_WEAK;
extern const IndicatorDef stddev_def HEAN_DEV_WEAK;
extern const IndicatorDef trange_def HEAN_DEV_WEAK;
extern const IndicatorDef atr_def HEAN_DEV_WEAK;
extern const IndicatorDef natr_def HEAN_DEV_WEAK;
extern const IndicatorDef stoch_def HEAN_DEV_WEAK;
extern const IndicatorDef stochrsi_def HEAN_DEV_WEAK;
extern const IndicatorDef adx_def HEAN_DEV_WEAK;
extern const IndicatorDef cci_def HEAN_DEV_WEAK;
extern const IndicatorDef obv_def HEAN_DEV_WEAK;
extern const IndicatorDef mfi_def HEAN_DEV_WEAK;
extern const IndicatorDef roc_def HEAN_DEV_WEAK;
extern const IndicatorDef mom_def HEAN_DEV_WEAK;
extern const IndicatorDef willr_def HEAN_DEV_WEAK;
extern const IndicatorDef sar_def HEAN_DEV_WEAK;
extern const IndicatorDef aroon_def HEAN_DEV_WEAK;
extern const IndicatorDef aroonOsc_def HEAN_DEV_WEAK;
extern const IndicatorDef cmo_def HEAN_DEV_WEAK;
extern const IndicatorDef trix_def HEAN_DEV_WEAK;
extern const IndicatorDef ultosc_def HEAN_DEV_WEAK;
extern const IndicatorDef ad_def HEAN_DEV_WEAK;
extern const IndicatorDef adosc_def HEAN_DEV_WEAK;
extern const IndicatorDef vwap_def HEAN_DEV_WEAK;
extern const IndicatorDef keltner_def HEAN_DEV_WEAK;
extern const IndicatorDef donchian_def HEAN_DEV_WEAK;
extern const IndicatorDef ichimoku_def HEAN_DEV_WEAK;
extern const IndicatorDef supertrend_def HEAN_DEV_WEAK;
extern const IndicatorDef returns_def HEAN_DEV_WEAK;
extern const IndicatorDef volatility_def HEAN_DEV_WEAK;
extern const IndicatorDef zscore_def HEAN_DEV_WEAK;
extern const IndicatorDef rollingMin_def HEAN_DEV_WEAK;
extern const IndicatorDef rollingMax_def HEAN_DEV_WEAK;
extern const IndicatorDef rollingCorr_def HEAN_DEV_WEAK;
extern const IndicatorDef rollingBeta_def HEAN_DEV_WEAK;

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
    for (const IndicatorDef* d : all)
      if (d) defs[count++] = d;
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

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
