// The floor of a fresh result on this machine: writing 1,000,000 doubles (8 MB, one
// allocating-form output at 1M bars) into memory that is (a) already mapped and written
// (the `out` form), (b) freshly mmap'd with 4 KB pages, (c) freshly mmap'd with MADV_HUGEPAGE
// (2 MB pages), (d) calloc + free (what `new Float64Array` does). Fresh memory is unmapped
// after each rep, as freeing a result does. ns per element = ns per bar of one output.
//
//   g++ -O2 benches/pagefault.cpp -o /tmp/pagefault && /tmp/pagefault      (Linux)
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

static const std::size_t kN = 1000000, kBytes = kN * sizeof(double);
static volatile double sink;

static void fill(double* y) {
  for (std::size_t i = 0; i < kN; ++i) y[i] = double(i) * 0.5;
  sink = y[kN / 2];
}

template <class F>
static void bench(const char* what, F f) {
  std::vector<double> ns;
  for (int rep = 0; rep < 31; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ns.begin(), ns.end());
  std::printf("%-44s median %6.2f ns/element  (%.2f ms per 8 MB; min %.2f)\n", what, ns[ns.size() / 2] / kN, ns[ns.size() / 2] / 1e6, ns[0] / kN);
}

// First touch of 1 GB new to the process, on 2 MB pages, once: what fresh memory costs with
// the machine's free pages as they are now. In a VM with free page reporting, pages the
// guest freed a few seconds ago were handed back to the host and fault there too (several
// times the cost of pages freed just now; docs/backtest.md#speed: the post-vectorbt slowdown).
static void first_touch() {
  const std::size_t len = std::size_t(1) << 30;
  auto* p = static_cast<char*>(mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  madvise(p, len, MADV_HUGEPAGE);
  timespec a, b;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
  for (std::size_t i = 0; i < len; i += 4096) p[i] = 1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
  munmap(p, len);
  std::printf("%-44s %6.0f us CPU per MB\n", "(0) first touch of 1 GB, 2 MB pages, once", (double(b.tv_sec - a.tv_sec) * 1e9 + double(b.tv_nsec - a.tv_nsec)) / 1e3 / 1024);
}

int main() {
  first_touch();
  std::vector<double> warm(kN, 1.0);
  bench("(a) warm memory (the out form)", [&] { fill(warm.data()); });
  bench("(b) fresh mmap, 4 KB pages, + munmap", [] {
    auto* p = static_cast<double*>(mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    fill(p);
    munmap(p, kBytes);
  });
  bench("(c) fresh mmap, MADV_HUGEPAGE, + munmap", [] {
    const std::size_t huge = std::size_t(2) << 20, len = (kBytes + huge - 1) / huge * huge + huge;
    auto* raw = static_cast<char*>(mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    auto* p = reinterpret_cast<double*>((reinterpret_cast<std::uintptr_t>(raw) + huge - 1) & ~(huge - 1));
    madvise(p, len - huge, MADV_HUGEPAGE);
    fill(p);
    munmap(raw, len);
  });
#ifdef MADV_POPULATE_WRITE
  bench("(f) fresh mmap, MADV_POPULATE_WRITE, + munmap", [] {
    auto* p = static_cast<double*>(mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    madvise(p, kBytes, MADV_POPULATE_WRITE);
    fill(p);
    munmap(p, kBytes);
  });
  bench("(g) (c) on a calloc'd 8 MB: aligned interior only", [] {
    auto* p = static_cast<double*>(std::calloc(kN + 1, sizeof(double)));
    const std::uintptr_t huge = std::uintptr_t(2) << 20, a = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1), e = (reinterpret_cast<std::uintptr_t>(p) + kBytes) & ~(huge - 1);
    madvise(reinterpret_cast<void*>(a), e - a, MADV_HUGEPAGE);
    fill(p);
    std::free(p);
  });
#endif
  bench("(d) calloc + free", [] {
    auto* p = static_cast<double*>(std::calloc(kN, sizeof(double)));
    fill(p);
    std::free(p);
  });
  bench("(e) 3 x calloc, fill, 3 x free (macd's outputs)", [] {
    double* p[3];
    for (auto& q : p) q = static_cast<double*>(std::calloc(kN, sizeof(double)));
    for (auto* q : p) fill(q);
    for (auto* q : p) std::free(q);
  });
}
