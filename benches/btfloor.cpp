// The memory floor of a one-column, few-trades backtest on this machine: any run must read
// every close once (the price check: NaN or finite and > 0) and every entry flag (where a
// flat column could open), and exits while in a position. This times bare one-core read
// passes over the same bytes (10,000,000 bars: 80 MB of close, 10 MB per flag array): no
// fromSignals on one core can beat them. Thread CPU time, median of 11 passes (the machine
// is shared: wall time measures the other jobs).
//
// Dense floor: a fromOrders run with an order every bar returns its trades as twelve typed
// columns (70 bytes a trade; alternating orders make a trade every second bar, 35 bytes an
// order) in memory that is new to the process (V8 allocates each result's buffer; a buffer
// this large comes straight from mmap, so every page is faulted in and zeroed by the OS on
// first write). This times writing those columns for bars / 2 trades, per order: into
// fresh pages (what any run returning them pays) and into warm pages (the stores alone).
// Process CPU time (the faults are system time), median of 11.
//
//   g++ -O2 -mavx2 benches/btfloor.cpp -o /tmp/btfloor && /tmp/btfloor [bars]      (x86-64)
#include <immintrin.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

static volatile std::size_t sink = 0;

// Median of 11 timed calls of f (its result goes to `sink`, so the work is kept), in ns of
// the given clock: thread CPU time for the one-core read passes, process CPU time for the
// dense floor (page faults are system time).
template <class F>
static double median_ns(clockid_t clock, F&& f) {
  std::vector<double> ns;
  for (int r = 0; r < 11; ++r) {
    timespec a, b;
    clock_gettime(clock, &a);
    sink = sink + f();
    clock_gettime(clock, &b);
    ns.push_back(double(b.tv_sec - a.tv_sec) * 1e9 + double(b.tv_nsec - a.tv_nsec));
  }
  std::sort(ns.begin(), ns.end());
  return ns[ns.size() / 2];
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
  auto time = [&](auto&& f) { return median_ns(CLOCK_THREAD_CPUTIME_ID, f) / double(n); };
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

  // dense: 12 trade columns (7 x f64, 3 x 4 B, 2 x 1 B), room for n trades, n / 2 written
  const std::size_t cap = std::min<std::size_t>(n, 1000000), nt = cap / 2;
  const std::size_t off8 = (cap * 8 + 63) / 64 * 64, off4 = (cap * 4 + 63) / 64 * 64, off1 = (cap + 63) / 64 * 64;
  const std::size_t bytes = 7 * off8 + 3 * off4 + 2 * off1;
  auto write_cols = [&](unsigned char* b) -> std::size_t {
    double* f[7];
    for (int k = 0; k < 7; ++k) f[k] = reinterpret_cast<double*>(b + k * off8);
    auto* i0 = reinterpret_cast<std::uint32_t*>(b + 7 * off8);
    auto* i1 = reinterpret_cast<std::int32_t*>(b + 7 * off8 + off4);
    auto* i2 = reinterpret_cast<std::int32_t*>(b + 7 * off8 + 2 * off4);
    auto* d = reinterpret_cast<std::int8_t*>(b + 7 * off8 + 3 * off4);
    auto* o = b + 7 * off8 + 3 * off4 + off1;
    for (std::size_t i = 0; i < nt; ++i) {
      const double x = double(i);
      for (int k = 0; k < 7; ++k) f[k][i] = x + k;
      i0[i] = 0;
      i1[i] = std::int32_t(2 * i);
      i2[i] = std::int32_t(2 * i + 1);
      d[i] = 1;
      o[i] = 0;
    }
    return std::size_t(f[6][nt - 1]);
  };
  auto ptime = [&](auto&& f) { return median_ns(CLOCK_PROCESS_CPUTIME_ID, f) / double(cap); };
  const double fresh = ptime([&]() -> std::size_t {
    void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const std::size_t r = write_cols(static_cast<unsigned char*>(m));
    munmap(m, bytes);
    return r;
  });
  const double fresh2m = ptime([&]() -> std::size_t {
    void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    madvise(m, bytes, MADV_HUGEPAGE);
    const std::size_t r = write_cols(static_cast<unsigned char*>(m));
    munmap(m, bytes);
    return r;
  });
  auto* warm = static_cast<unsigned char*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64));
  std::memset(warm, 0, bytes);
  const double hot = ptime([&] { return write_cols(warm); });
  std::printf("\ndense: %zu orders, %zu trades, 12 trade columns (35 B an order), process CPU time\n", cap, nt);
  std::printf("trade columns into fresh pages:  %.2f ns/order\n", fresh);
  std::printf("the same, 2 MB pages (madvise):   %.2f ns/order\n", fresh2m);
  std::printf("trade columns into warm pages:   %.2f ns/order\n", hot);
  return 0;
}
