// Memory hints for large fresh buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace hean {

// Asks the kernel for 2 MB pages over a large buffer (Linux; a hint, errors ignored). A fresh
// 8 MB output faults in 2,048 times with 4 KB pages, which costs more than most kernels
// take to fill it (a million bars: ~5 ns a bar here); with 2 MB pages, four times.
inline void prefer_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const std::uintptr_t a = (reinterpret_cast<std::uintptr_t>(p) + 4095) & ~std::uintptr_t(4095);
  const std::uintptr_t e = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~std::uintptr_t(4095);
  if (e > a + (std::uintptr_t(4) << 20)) madvise(reinterpret_cast<void*>(a), e - a, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace hean
