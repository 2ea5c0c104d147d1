// The memory floor of a one-column, few-trades backtest on this machine: any run must read
// every close once (the price check: NaN or finite and > 0) and every entry flag (where a
// flat column could open), and exits while in a position. This times bare one-core read
// passes over the same bytes (10,000,000 bars: 80 MB of close, 10 MB per flag array): no
// fromSignals on one core can beat them. Thread CPU time, median of 11 passes (the machine
// is shared: wall time measures the other jobs).
//
//   g++ -O2 -mavx2 benches/btfloor.cpp -o /tmp/btfloor && /tmp/btfloor [bars]      (x86-64)
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

static double med(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000000;
  auto* close = static_cast<double*>(std::aligned_alloc(64, (n * 8 + 63) / 64 * 64));
  auto* en = static_cast<std::uint8_t*>(std::aligned_alloc(64, (n + 63) / 64 * 64));
  auto* ex = static_cast<std::uint8_t*>(std::aligned_alloc(64, (n + 63) / 64 * 64));
  for (std::size_t i = 0; i < n; ++i) close[i] = 100 + double(i % 1000) * 0.01;
  std::memset(en, 0, n);
  std::memset(ex, 0, n);
  en[n - 1] = 1;
  volatile std::size_t sink = 0;
  auto time = [&](auto&& f) {
    std::vector<double> ns;
    for (int r = 0; r < 11; ++r) {
      timespec a, b;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
      sink = sink + f();
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
      ns.push_back(double(b.tv_sec - a.tv_sec) * 1e9 + double(b.tv_nsec - a.tv_nsec));
    }
    return med(ns) / double(n);
  };
  // close: the price check's packed compares (<= 0 or +inf), 64 doubles a block
  auto check = [&]() -> std::size_t {
    const __m256d zero = _mm256_setzero_pd(), inf = _mm256_set1_pd(__builtin_inf());
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) {
      __m256d b0 = zero, b1 = zero;
      for (std::size_t j = i; j < i + 64; j += 8) {
        const __m256d x0 = _mm256_load_pd(close + j), x1 = _mm256_load_pd(close + j + 4);
        b0 = _mm256_or_pd(b0, _mm256_or_pd(_mm256_cmp_pd(x0, zero, _CMP_LE_OQ), _mm256_cmp_pd(x0, inf, _CMP_EQ_OQ)));
        b1 = _mm256_or_pd(b1, _mm256_or_pd(_mm256_cmp_pd(x1, zero, _CMP_LE_OQ), _mm256_cmp_pd(x1, inf, _CMP_EQ_OQ)));
      }
      if (_mm256_movemask_pd(_mm256_or_pd(b0, b1))) break;
    }
    return i;
  };
  // a flag array: the first nonzero byte, 32 at a time
  auto scan = [&](const std::uint8_t* a) -> std::size_t {
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32)
      if (!_mm256_testz_si256(_mm256_load_si256(reinterpret_cast<const __m256i*>(a + i)), _mm256_set1_epi8(-1))) break;
    return i;
  };
  const double c = time(check), e = time([&] { return scan(en); }), both = time([&] { return check() + scan(en) + scan(ex); });
  std::printf("%zu bars, one core, CPU time\n", n);
  std::printf("close check (8 B/bar):           %.3f ns/bar  %.1f GB/s\n", c, 8 / c);
  std::printf("entries scan (1 B/bar):          %.3f ns/bar  %.1f GB/s\n", e, 1 / e);
  std::printf("close + entries + exits (10 B):  %.3f ns/bar  %.1f GB/s\n", both, 10 / both);
  return 0;
}
