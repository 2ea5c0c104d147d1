// Memory floors on this machine.
//
// With no arguments: the floor of a many-series job, y = 1.5 * x over 64M doubles (512 MiB in,
// 512 MiB out, the size of ema.many on 64 x 1,000,000), with ordinary stores (each output
// line is read before it is written) and with non-temporal stores, on 1 and 2 threads. No
// kernel that reads and writes every element can beat these numbers.
//
// With `--shapes N K:M[,K:M...]`: the floor of a one-series function of each shape, one pass
// that reads K inputs and writes M outputs of N doubles each (y_j = c_j * sum of the x), each
// timed pass right after an untimed one of the same shape (as benches/functions.mjs times a
// function: one primed call, then the timed one; what of the arrays fits in the L3 is then
// there), shapes and store kinds round-robin, 9 rounds. One line per shape:
// "K M ordinary-ns nontemporal-ns", the best of the 9 in ns per element (a floor: what the
// machine can do; on a shared host the median measures the neighbours).
//
//   g++ -O2 -pthread benches/membw.cpp -o /tmp/membw && /tmp/membw      (x86-64)
#include <emmintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

double* alloc(std::size_t n) {
  auto* p = static_cast<double*>(std::aligned_alloc(64, n * sizeof(double)));
  if (!p) std::exit(1);
  for (std::size_t i = 0; i < n; ++i) p[i] = double(i & 1023);
  return p;
}

int many_series() {
  const std::size_t n = std::size_t(64) << 20;
  double* x = alloc(n);
  double* y = alloc(n);
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

// One pass: K reads and M writes a element, two elements at a time.
template <int K, int M, bool NT>
void pass(double* const* x, double* const* y, std::size_t n) {
  for (std::size_t i = 0; i < n; i += 2) {
    __m128d s = _mm_load_pd(x[0] + i);
    for (int k = 1; k < K; ++k) s = _mm_add_pd(s, _mm_load_pd(x[k] + i));
    for (int m = 0; m < M; ++m) {
      const __m128d v = _mm_mul_pd(s, _mm_set1_pd(1.0 + m));
      if constexpr (NT) _mm_stream_pd(y[m] + i, v);
      else _mm_store_pd(y[m] + i, v);
    }
  }
  if constexpr (NT) _mm_sfence();
}
using Pass = void (*)(double* const*, double* const*, std::size_t);
template <int K, int M>
Pass pick_m(int m, bool nt) {
  if constexpr (M > 6) return nullptr;
  else if (m == M) return nt ? &pass<K, M, true> : &pass<K, M, false>;
  else return pick_m<K, M + 1>(m, nt);
}
template <int K>
Pass pick(int k, int m, bool nt) {
  if constexpr (K > 6) return nullptr;
  else if (k == K) return pick_m<K, 1>(m, nt);
  else return pick<K + 1>(k, m, nt);
}

int shapes(std::size_t n, const char* list) {
  n = (n + 7) & ~std::size_t(7);
  struct Shape {
    int k, m;
    std::vector<double> ns[2];
  };
  std::vector<Shape> sh;
  int kmax = 1, mmax = 1;
  for (const char* p = list; *p;) {
    int k = 0, m = 0, used = 0;
    if (std::sscanf(p, "%d:%d%n", &k, &m, &used) != 2 || k < 1 || m < 1 || !pick<1>(k, m, false)) {
      std::fprintf(stderr, "bad shape at '%s' (K:M, 1..6 each)\n", p);
      return 2;
    }
    sh.push_back({k, m, {}});
    kmax = std::max(kmax, k), mmax = std::max(mmax, m);
    p += used;
    if (*p == ',') ++p;
  }
  std::vector<double*> x(kmax), y(mmax);
  for (auto& a : x) a = alloc(n);
  for (auto& a : y) a = alloc(n);
  for (int round = 0; round < 9; ++round) {
    for (auto& s : sh) {
      for (int nt = 0; nt < 2; ++nt) {
        const Pass f = pick<1>(s.k, s.m, nt != 0);
        f(x.data(), y.data(), n);
        const auto t0 = std::chrono::steady_clock::now();
        f(x.data(), y.data(), n);
        s.ns[nt].push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / double(n));
      }
    }
  }
  for (auto& s : sh) {
    for (auto& v : s.ns) std::sort(v.begin(), v.end());
    std::printf("%d %d %.4f %.4f\n", s.k, s.m, s.ns[0][0], s.ns[1][0]);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--shapes") == 0) return shapes(std::strtoull(argv[2], nullptr, 10), argv[3]);
  return many_series();
}
