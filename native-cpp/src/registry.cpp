// The table of every indicator, from the one list in hean/indicators.inc.
#include <cstdlib>
#include <cstring>

#include "hean/indicator.hpp"

namespace hean {

#define HEAN_INDICATOR(N) extern const IndicatorDef N##_def;
#include "hean/indicators.inc"
#undef HEAN_INDICATOR

#ifdef HEAN_ISA_CLONES
#define HEAN_INDICATOR(N) extern const IsaKernels N##_isa_avx2, N##_isa_avx512;
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
#endif

namespace {

// The table: pointers to constant objects, so it is built at compile time.
const IndicatorDef* const kDefs[] = {
#define HEAN_INDICATOR(N) &N##_def,
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
};
constexpr std::size_t kCount = sizeof(kDefs) / sizeof(kDefs[0]);

#ifdef HEAN_ISA_CLONES
// The same indicators' kernels built for AVX2 and AVX-512, in table order.
const IsaKernels clones[][2] = {
#define HEAN_INDICATOR(N) {N##_isa_avx2, N##_isa_avx512},
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
};
static_assert(sizeof(clones) / sizeof(clones[0]) == kCount);

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
  for (std::size_t i = 0; i < kCount; ++i)
    if (kDefs[i] == &def) return &clones[i][l == 3 ? 1 : 0];
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
  *count = kCount;
  return kDefs;
}

const IndicatorDef* find_indicator(const std::string& name) {
  for (std::size_t i = 0; i < kCount; ++i)
    if (name == kDefs[i]->name) return kDefs[i];
  return nullptr;
}

}  // namespace hean
