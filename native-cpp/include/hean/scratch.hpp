// A kernel's scratch array: on the stack up to a bound, else one heap allocation. Most calls
// are short series or small periods, and a malloc + free per call cost them more than the
// kernel's own work (a 64-bar call is ~100 ns); long ones pay one allocation, amortized.
#pragma once

#include <cstddef>
#include <memory>

namespace hean {

// n elements of T, uninitialized (users write before they read, or fill): in the object
// while n <= N, else on the heap. N * sizeof(T) bytes of stack whatever n is: keep a
// kernel's Scratches to ~8-16 KiB in all. The deepest nesting today, mavp (16 KiB) running
// trima (8 KiB), is ~24 KiB plus frames, inside the WASM engine's 64 KiB stack and any
// native thread's (512 KiB and up).
template <class T, std::size_t N>
class Scratch {
 public:
  explicit Scratch(std::size_t n) : heap_(n > N ? new T[n] : nullptr), p_(n > N ? heap_.get() : local_) {}
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* data() const { return p_; }
  T& operator[](std::size_t i) const { return p_[i]; }

 private:
  T local_[N];
  std::unique_ptr<T[]> heap_;
  T* p_;
};

}  // namespace hean
