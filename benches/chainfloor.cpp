// The latency floor of the chained recurrences on this machine: each loop below carries only
// the dependent chain one bar of an indicator needs (the inputs are precomputed, so nothing
// but the chain is timed), in the scalar operations hean's kernels use (no FMA: the build has
// -ffp-contract=off). A kernel that keeps one such chain per bar cannot beat these numbers on
// one series.
//
// The Hilbert rows run hean's own code (hean/hilbert.hpp's core, lmath's latan) on a random
// walk, so they are the floor of htDcperiod/htPhasor (the core alone) and of MAMA (the core
// and its phase, alpha and averages) without the calls' fills and stores.
//
//   g++ -O2 -std=c++20 -ffp-contract=off -Inative-cpp/include benches/chainfloor.cpp -o /tmp/chainfloor && /tmp/chainfloor
//   (or `npm run bench -- floors`, which does that)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "hean/hilbert.hpp"

namespace {

const std::size_t kN = std::size_t(1) << 16;  // short passes, many of them (see time_ns)

// Keeps v in a register and opaque to the optimizer (no reassociation of the chain).
inline void opaque(double& v) { asm volatile("" : "+x"(v)); }

template <class F>
double time_ns(F&& body) {
  std::vector<double> ns;
  for (int rep = 0; rep < 101; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    body();
    ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / double(kN));
  }
  std::sort(ns.begin(), ns.end());
  // The minimum: a floor, and on a shared machine interference (time slices, a sibling
  // thread on the core) only ever adds time; 64K-bar passes fit between interruptions.
  return ns[0];
}

volatile double sink;

}  // namespace

int main() {
  std::vector<double> x(kN), k(kN), a(kN), lo(kN), hi(kN);
  unsigned s = 12345;
  double px = 100;
  for (std::size_t i = 0; i < kN; ++i) {
    s = s * 1103515245u + 12345u;
    px += (double((s >> 8) & 1023) - 511.5) * 0.001;
    x[i] = px;
    k[i] = 0.05 + double((s >> 4) & 255) / 2560.0;  // a varying smoothing constant
    a[i] = 1.0 - k[i];
    hi[i] = px + 0.05;
    lo[i] = px - 0.05;
  }
  struct Row {
    const char* name;
    const char* what;
    double ns;
  };
  std::vector<Row> rows;

  // EMA as hean computes it: y = y*a + x*k, x*k off the chain: a multiply and an add.
  rows.push_back({"mul+add", "ema/dema/tema/trix step y*a + x*k (x*k off the chain)", time_ns([&] {
                    double y = x[0];
                    const double ka = 0.9047619047619048, kk = 1 - ka;
                    for (std::size_t i = 0; i < kN; ++i) {
                      y = y * ka + x[i] * kk;
                      opaque(y);
                    }
                    sink = y;
                  })});
  // TA-Lib's EMA / KAMA order: y = (x - y)*k + y: subtract, multiply, add.
  rows.push_back({"sub+mul+add", "TA-Lib's (x - y)*k + y (EMA, KAMA as TA-Lib writes them)", time_ns([&] {
                    double y = x[0];
                    for (std::size_t i = 0; i < kN; ++i) {
                      y = (x[i] - y) * k[i] + y;
                      opaque(y);
                    }
                    sink = y;
                  })});
  // KAMA reordered, y*(1 - sc) + x*sc with sc per bar precomputed: what a kama that gave up
  // TA-Lib's order (and bit-for-bit resumption of older snapshots) could reach.
  rows.push_back({"mul+add (varying)", "kama reordered y*(1-sc) + x*sc (not used: other bits)", time_ns([&] {
                    double y = x[0];
                    for (std::size_t i = 0; i < kN; ++i) {
                      y = y * a[i] + x[i] * k[i];
                      opaque(y);
                    }
                    sink = y;
                  })});
  // Parabolic SAR while the trend holds: sar += af*(ep - sar), then kept below the two lows
  // (two compare-and-selects), then the reversal test on it (a predicted branch).
  rows.push_back({"sar", "sar += af*(ep - sar), two clamps, reversal compare", time_ns([&] {
                    double sar = lo[0] - 1, ep = hi[0];
                    const double af = 0.02;
                    std::size_t flips = 0;
                    for (std::size_t i = 1; i < kN; ++i) {
                      sar = sar + af * (ep - sar);
                      sar = sar > lo[i - 1] ? lo[i - 1] : sar;
                      sar = sar > lo[i] ? lo[i] : sar;
                      opaque(sar);
                      if (lo[i] <= sar - 1) [[unlikely]]
                        ++flips;  // never taken here: only the compare is on the chain
                      ep = hi[i] > ep ? hi[i] : ep;
                    }
                    sink = sar + double(flips);
                  })});
  // The SAR advance as the kernel runs it since the two lows' minimum left the chain
  // (sar.cpp): sar += af*(ep - sar), one clamp (minsd on x86), the reversal compare.
  rows.push_back({"sar (one clamp)", "sar += af*(ep - sar), one clamp on min(two lows), compare", time_ns([&] {
                    double sar = lo[0] - 1, ep = hi[0];
                    const double af = 0.02;
                    std::size_t flips = 0;
                    for (std::size_t i = 1; i < kN; ++i) {
                      const double lo2 = lo[i - 1] > lo[i] ? lo[i] : lo[i - 1];
                      sar = sar + af * (ep - sar);
                      sar = sar > lo2 ? lo2 : sar;
                      opaque(sar);
                      if (lo[i] <= sar - 1) [[unlikely]]
                        ++flips;
                      ep = hi[i] > ep ? hi[i] : ep;
                    }
                    sink = sar + double(flips);
                  })});
  // ATR/NATR's Wilder smoothing in pairs (Ema::step2): y = y*a^2 + u per two bars, u and the
  // middle bar's value off the chain: a multiply and an add per pair.
  rows.push_back({"mul+add / 2 bars", "atr/natr paired Wilder step y*a2 + (x0*ak + x1*k)", time_ns([&] {
                    double y = x[0];
                    const double kk = 1.0 / 14.0, ka = 13.0 / 14.0, a2 = ka * ka, ak = ka * kk;
                    for (std::size_t i = 0; i + 1 < kN; i += 2) {
                      y = y * a2 + (x[i] * ak + x[i + 1] * kk);
                      opaque(y);
                    }
                    sink = y;
                  })});
  // The bare add chain (a running sum), for scale.
  rows.push_back({"add", "one add a bar (a running window sum)", time_ns([&] {
                    double y = 0;
                    for (std::size_t i = 0; i < kN; ++i) {
                      y = y + x[i];
                      opaque(y);
                    }
                    sink = y;
                  })});

  // latan's latency: v = atan(v + k), v + k in the Hilbert period estimate's usual range of
  // im/re (0.05 .. 1.3; the add is the "add" row's, the rest is latan).
  rows.push_back({"atan+add", "latan(v + k): its latency (less the add row's)", time_ns([&] {
                    double v = 0.5;
                    for (std::size_t i = 0; i < kN; ++i) {
                      v = hean::latan(v + k[i]);
                      opaque(v);
                    }
                    sink = v;
                  })});
  // The Hilbert core's bar (TA-Lib's order): the smoother, the four filter stages whose
  // coefficient is 0.075 * period + 0.54, the homodyne sums, the period estimate (a
  // division, atan, a division, or a shortcut where the clamps decide it), the clamps and
  // the smoothing: the whole bar hangs on the previous bar's period.
  rows.push_back({"hilbert period", "hean's HilbertCore::step (htDcperiod, htPhasor: the whole kernel)", time_ns([&] {
                    hean::HilbertCore<double> h;
                    h.init(x, 9);
                    while (h.today < kN) h.step(x);
                    sink = h.smooth_period;
                  })});
  // MAMA: the core's bar, then its phase atan(q1/i1) (off the core's chain), alpha and the
  // two averages (a mul and an add each on their own chains), as mama's kernel does.
  rows.push_back({"mama", "the core's bar + MAMA's phase, alpha, mama and fama", time_ns([&] {
                    hean::HilbertCore<double> h;
                    h.init(x, 9);
                    double mama = 0, fama = 0, prev = 0;
                    while (h.today < kN) {
                      const double v = x[h.today];
                      h.step(x);
                      const double phase = h.i1v != 0.0 ? hean::latan(h.q1v / h.i1v) * hean::kRad2Deg : 0.0;
                      double dp = prev - phase;
                      prev = phase;
                      dp = dp < 1.0 ? 1.0 : dp;
                      double alpha = 0.5 / dp;
                      alpha = alpha < 0.05 ? 0.05 : alpha;
                      alpha = dp > 1.0 ? alpha : 0.5;
                      mama = alpha * v + (1.0 - alpha) * mama;
                      const double half = alpha * 0.5;
                      fama = half * mama + (1.0 - half) * fama;
                      opaque(fama);
                    }
                    sink = mama + fama;
                  })});

  std::printf("chain floors, %zu bars, one series, ns per bar (best of 101):\n", kN);
  for (const Row& r : rows) std::printf("  %-18s %6.3f  %s\n", r.name, r.ns, r.what);
  return 0;
}
