// lfma_certified (hean/lmath.hpp) against the hardware fma: random and adversarial m, c, b
// (subnormals, exponent extremes, cancellation b ~ -m·c within a few ulps, |b| scaled around
// the 2^50 bound, powers of two, signed zeros), in runs of 1-4 calls of two lanes; every
// lane its run's open() leaves proven must equal std::fma bit for bit (NaNs as NaN), and
// FmaRun<double> over each lane alone must give the lane's results and open() verdict.
//   g++ -std=c++20 -O2 -ffp-contract=off -mfma -mavx2 -DHEAN_ISA=1 -Inative-cpp/include \
//     benches/lfma-certified-fuzz.cpp -o /tmp/fz && /tmp/fz [seed]
// (-ffp-contract=off as the builds: contracted two_sum/two_prod steps are not the same
// arithmetic.) 2026-12-07, seeds 1 and 3, 4M runs each: ~1.8M proven lanes, 0 bad; main's
// lmath.hpp before the zero-b fix: 155,329 bad of 3.4M proven, all m = -0, b = -0.
#include "hean/lmath.hpp"
#include <cstdio>
#include <random>
#include <cstring>
using namespace hean;
static double rnd_double(std::mt19937_64& g) {
  uint64_t u = g(); int kind = g() % 8;
  if (kind == 0) { u &= 0x800fffffffffffffull; }                    // subnormal / zero
  else if (kind == 1) { u = (u & 0x800fffffffffffffull) | (uint64_t(1 + g() % 60) << 52); } // tiny normal
  else if (kind == 2) { u = (u & 0x800fffffffffffffull) | (uint64_t(0x7fe - g() % 60) << 52); } // huge
  else if (kind == 3) { u = (u & 0x800fffffffffffffull) | (uint64_t(1023 - 30 + g() % 60) << 52); } // moderate
  else if (kind == 4) { u = (u & 0x8000000000000000ull) | (uint64_t(1023 + int(g() % 20) - 10) << 52) | (g() % 4); } // few bits
  else if (kind == 5) return (g() & 1) ? 0.0 : -0.0;
  else { u = (u & 0x800fffffffffffffull) | (uint64_t(1023 - 200 + g() % 400) << 52); }
  double d; std::memcpy(&d, &u, 8); return d;
}
int main(int argc, char** argv) {
  std::mt19937_64 g(argc > 1 ? atoll(argv[1]) : 1);
  long bad = 0, proven = 0, total = 0, scalar_bad = 0;
  for (long it = 0; it < 4000000; ++it) {
    double c = double(1 + g() % ((g() & 1) ? 64 : (1ull << 26) - 1));
    int len = 1 + g() % 4;
    VP ms[4], bs[4];
    for (int k = 0; k < len; ++k) for (int l = 0; l < 2; ++l) {
      double m = rnd_double(g), b;
      int mode = g() % 6;
      if (mode == 0) b = rnd_double(g);
      else if (mode == 1) { double p = m * c; uint64_t u; std::memcpy(&u, &p, 8); u += int(g() % 7) - 3; std::memcpy(&b, &u, 8); b = -b; } // cancellation
      else if (mode == 2) { b = -std::fma(m, c, 0.0) + std::ldexp(m, -(int)(g() % 60)); }
      else if (mode == 3) { double p = m * c; b = std::ldexp(p, int(g() % 110) - 55); if (g() & 1) b = -b; } // near the bound
      else if (mode == 4) { b = std::ldexp(1.0, int(g() % 2100) - 1074); if (g()&1) b = -b; m = std::ldexp(1.0, int(g() % 2100) - 1074) * ((g()&1)?1:-1) * (1 + std::ldexp(1.0,-52)*(g()%3)); }
      else { b = rnd_double(g); m = (g() & 1) ? -0.0 : 0.0; }
      ms[k][l] = m; bs[k][l] = b;
    }
    lm::FmaRun<VP> run;
    VP r[4];
    for (int k = 0; k < len; ++k) r[k] = lm::lfma_certified(ms[k], c, bs[k], run);
    auto open = run.open();
    for (int l = 0; l < 2; ++l) {
      total += len;
      // The scalar run on this lane alone: the same results and the same verdict.
      lm::FmaRun<double> one;
      for (int k = 0; k < len; ++k) {
        const double v = lm::lfma_certified(ms[k][l], c, bs[k][l], one);
        if (std::memcmp(&v, &r[k][l], 8) != 0 && scalar_bad++ < 10) printf("SCALAR m=%a b=%a lane=%a scalar=%a\n", ms[k][l], bs[k][l], r[k][l], v);
      }
      if (bool(one.open()) != bool(open[l]) && scalar_bad++ < 10) printf("SCALAR OPEN %d lane %d\n", int(bool(one.open())), int(bool(open[l])));
      if (open[l]) continue;
      for (int k = 0; k < len; ++k) {
        ++proven;
        double want = std::fma(ms[k][l], c, bs[k][l]), got = r[k][l];
        uint64_t a, b; std::memcpy(&a, &want, 8); std::memcpy(&b, &got, 8);
        if (a != b && !(want != want && got != got)) {
          if (bad++ < 10) printf("BAD m=%a c=%.17g b=%a fma=%a got=%a\n", ms[k][l], c, bs[k][l], want, got);
        }
      }
    }
  }
  printf("total %ld proven %ld bad %ld scalar disagreements %ld\n", total, proven, bad, scalar_bad);
  return bad || scalar_bad;
}
