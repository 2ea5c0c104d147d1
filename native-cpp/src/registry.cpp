// The table of every indicator. Adding one: write native-cpp/src/<name>.cpp defining
// `<name>_def`, list it here, and add src/indicators/<name>.ts for its types and docs.
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
