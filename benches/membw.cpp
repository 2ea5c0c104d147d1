// The memory floor of a many-series job on this machine: y = 1.5 * x over 64M doubles
// (512 MiB in, 512 MiB out, the size of ema.many on 64 x 1,000,000), with ordinary stores
// (each output line is read before it is written) and with non-temporal stores, on 1 and
// 2 threads. No kernel that reads and writes every element can beat these numbers.
//
//   g++ -O2 -pthread benches/membw.cpp -o /tmp/membw && /tmp/membw      (x86-64)
#include <emmintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

int main() {
  const std::size_t n = std::size_t(64) << 20;
  auto* x = static_cast<double*>(std::aligned_alloc(64, n * sizeof(double)));
  auto* y = static_cast<double*>(std::aligned_alloc(64, n * sizeof(double)));
  if (!x || !y) return 1;
  for (std::size_t i = 0; i < n; ++i) x[i] = double(i), y[i] = 0;
  for (int nt = 0; nt < 2; ++nt) {
    for (int threads = 1; threads <= 2; ++threads) {
      std::vector<double> ns;
      for (int rep = 0; rep < 7; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
          pool.emplace_back([=] {
            const std::size_t a = n / threads * t, b = n / threads * (t + 1);
            if (nt) {
              const __m128d k = _mm_set1_pd(1.5);
              for (std::size_t i = a; i < b; i += 2) _mm_stream_pd(y + i, _mm_mul_pd(_mm_load_pd(x + i), k));
              _mm_sfence();
            } else {
              for (std::size_t i = a; i < b; ++i) y[i] = x[i] * 1.5;
            }
          });
        }
        for (auto& th : pool) th.join();
        ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / double(n));
      }
      std::sort(ns.begin(), ns.end());
      std::printf("%-21s %d thread(s): %.3f ns per element (best %.3f)\n", nt ? "non-temporal stores," : "ordinary stores,", threads, ns[3], ns[0]);
    }
  }
  std::free(x);
  std::free(y);
  return 0;
}
