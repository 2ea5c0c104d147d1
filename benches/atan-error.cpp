// latan's error over many arguments (default 10,000,000: uniform in +-10, log-uniform
// 1e-30 .. 1e30, random bit patterns, a few ulps around every bucket edge 2^e (1 + j/8) and
// around the thresholds of this and the previous reduction, subnormals, and +-0, +-Inf,
// NaN, +-DBL_MAX, +-1 first) against atanl (x87 long double, 64-bit significand: ~2^-11 ulp
// of a double), in ulps of the rounded reference; also checks the V8 lanes give the scalar
// bits and prints a hash of the outputs (compare it across -march levels). Build against
// the include tree to measure (e.g. a `git archive` of another commit for the old latan):
//   g++ -std=c++20 -O2 -ffp-contract=off -march=x86-64-v4 -DHEAN_ISA=3 -Inative-cpp/include \
//     benches/atan-error.cpp -o /tmp/atan-error && /tmp/atan-error 10000000
// Measured (2026-12-07): main's latan max 0.8467 ulp (at 0.68750000000004408), this one
// 0.5903 ulp (at -0.25290263886983233), the same hash at HEAN_ISA 0, 2 and 3.
#include <cstdint>
#include <cstring>
#include <cmath>
#include <vector>
#include <random>
#include "hean/lmath.hpp"
using namespace hean;
static double ulp_of(double r) {
  int e; double a = std::fabs(r);
  if (a < 0x1p-1022) return 0x1p-1074;
  std::frexp(a, &e); return std::ldexp(1.0, e - 53);
}
int main(int argc, char** argv) {
  const size_t N = argc > 1 ? std::strtoull(argv[1], 0, 10) : 10000000;
  std::mt19937_64 g(12345);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> x(N);
  for (size_t i = 0; i < N; ++i) {
    double c = u(g), s = u(g) < 0.5 ? -1 : 1, v;
    if (c < 0.3) v = (u(g) - 0.5) * 20;
    else if (c < 0.55) v = s * std::pow(10.0, -30 + 60 * u(g));
    else if (c < 0.7) { uint64_t b = g() & 0x7fffffffffffffffull; if ((b >> 52) == 0x7ff) b &= ~(1ull << 62); std::memcpy(&v, &b, 8); v *= s; }
    else if (c < 0.85) { // near bucket boundaries 2^e (1 + j/8)
      int e = int(u(g) * 12) - 6, j = int(u(g) * 8); double bnd = std::ldexp(1 + j / 8.0, e);
      uint64_t b; std::memcpy(&b, &bnd, 8); b += int64_t(u(g) * 64) - 32; std::memcpy(&v, &b, 8); v *= s; }
    else if (c < 0.95) { const double th[] = {0x1p-27, 0x1p-5, 32.0, 0x1p66, 1.0, 0.4375, 0.6875, 1.1875, 2.4375};
      double bnd = th[int(u(g) * 9)]; uint64_t b; std::memcpy(&b, &bnd, 8); b += int64_t(u(g) * 2000) - 1000; std::memcpy(&v, &b, 8); v *= s; }
    else { uint64_t b = g() & 0xfffffffffffffull; std::memcpy(&v, &b, 8); v *= s; }
    x[i] = v;
  }
  const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, -NAN, 0x1p-1074, -0x1p-1074, 1.7976931348623157e308, -1.7976931348623157e308, 1.0, -1.0};
  for (int k = 0; k < 12; ++k) x[k] = sp[k];
  std::vector<double> y(N), yv(N);
  for (size_t i = 0; i < N; ++i) y[i] = latan(x[i]);
  for (size_t i = 0; i + 8 <= N; i += 8) { v8_store(&yv[i], 1, latan(v8_load(&x[i], 1))); }
  size_t diff = 0;
  for (size_t i = 0; i + 8 <= N; ++i) if (std::memcmp(&y[i], &yv[i], 8)) ++diff;
  double worst = 0, wx = 0; double sum = 0; size_t cnt = 0, over05 = 0;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < N; ++i) {
    uint64_t b; std::memcpy(&b, &y[i], 8); h = (h ^ b) * 1099511628211ull;
    if (std::isnan(x[i])) { if (!std::isnan(y[i])) std::printf("NaN fail\n"); continue; }
    long double r = atanl((long double)x[i]);
    double e = double(std::fabs((long double)y[i] - r) / ulp_of(double(r)));
    sum += e; ++cnt; if (e > 0.5) ++over05;
    if (e > worst) { worst = e; wx = x[i]; }
  }
  std::printf("N=%zu maxulp=%.4f at %.17g  mean=%.4f  >0.5ulp: %zu  lanes!=scalar: %zu  hash %016llx\n", N, worst, wx, sum / cnt, over05, diff, (unsigned long long)h);
  std::printf("atan(0)=%g atan(-0)=%g signbit %d atan(inf)=%.17g atan(-inf)=%.17g atan(1)=%.17g\n", latan(0.0), latan(-0.0), std::signbit(latan(-0.0)), latan(INFINITY), latan(-INFINITY), latan(1.0));
}
