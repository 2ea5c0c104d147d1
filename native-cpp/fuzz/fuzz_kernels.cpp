// libFuzzer target for the C++ indicator engine, outside Node: the fuzz input picks an
// indicator from the table (hean::registry), its options (valid and invalid), the series
// length/count, the input values (tame random walks, or hostile ones: NaN, ±Inf, -0,
// denormals, ±DBL_MAX, raw bit patterns) and which drivers run. As the binding does, the
// drivers only run when hean::validate_options accepts every option row. Checked:
//   - every output element is written (outputs are pre-filled with a marker NaN payload)
//     and nothing is written past the end (ASan, exact-size buffers);
//   - the gap rule: a bar where a checked input is not finite is NaN in every output, and
//     in each NaN-free run out[k] is NaN for the first lookback(opt, k) bars (all of a run
//     no longer than the smallest lookback);
//   - tame (moderate, finite) input: outputs after the warm-up are not NaN, except where a
//     kernel documents NaN (ichimoku's look-ahead chikou; rollingBeta over a constant
//     window);
//   - run_many == run_single for every column, run_sweep == run_single for every option
//     row (bit for bit; any NaN matches any NaN);
//   - no crash, no sanitizer report, no allocation past the fuzzer's malloc limit.
//
// Built two ways (scripts/fuzz-cpp.sh): with clang -fsanitize=fuzzer,address,undefined,
// and with -DHEAN_FUZZ_REPLAY by any C++20 compiler into a plain program whose main()
// runs the files (or directories of files) named on its command line.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "hean/indicator.hpp"

namespace {

using hean::IndicatorDef;

[[noreturn]] void fail(const IndicatorDef& def, const char* what, std::size_t a = 0, std::size_t b = 0) {
  std::fprintf(stderr, "fuzz_kernels: invariant broken for '%s': %s (%zu, %zu)\n", def.name, what, a, b);
  std::fflush(stderr);
  std::abort();
}

// A NaN payload no kernel produces and the generator never emits: an element still holding
// it after a driver ran was never written.
constexpr std::uint64_t kMarkBits = 0x7ff4'dead'beef'0bad;
double mark() {
  double d;
  std::memcpy(&d, &kMarkBits, 8);
  return d;
}
bool is_mark(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, 8);
  return b == kMarkBits;
}
bool same(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  std::uint64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  return x == y;
}

// Reads the fuzz input; past its end, a xorshift stream seeded from it keeps going so short
// inputs still describe long series.
struct Src {
  const std::uint8_t* p;
  std::size_t n, i = 0;
  std::uint64_t s;
  Src(const std::uint8_t* d, std::size_t len) : p(d), n(len), s(0x9e3779b97f4a7c15ull ^ len) {
    for (std::size_t k = 0; k < len; ++k) s = (s ^ d[k]) * 0x100000001b3ull;
    if (!s) s = 1;
  }
  std::uint8_t byte() {
    if (i < n) return p[i++];
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return std::uint8_t(s >> 56);
  }
  std::uint32_t u16() { return std::uint32_t(byte()) | (std::uint32_t(byte()) << 8); }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v |= std::uint64_t(byte()) << (8 * k);
    return v;
  }
  double raw() {
    std::uint64_t b = u64();
    if (b == kMarkBits) b ^= 1;
    double d;
    std::memcpy(&d, &b, 8);
    return d;
  }
};

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMax = std::numeric_limits<double>::max();
constexpr double kDenorm = std::numeric_limits<double>::denorm_min();
constexpr double kTiny = std::numeric_limits<double>::min();

double hostile_value(Src& s) {
  switch (s.byte() % 16) {
    case 0: return hean::kNaN;
    case 1: return kInf;
    case 2: return -kInf;
    case 3: return -0.0;
    case 4: return 0.0;
    case 5: return kDenorm;
    case 6: return -kDenorm;
    case 7: return kTiny;
    case 8: return kMax;
    case 9: return -kMax;
    case 10: return 1e300;
    case 11: return -1e300;
    case 12: return 1e-300;
    case 13: return 1.0;
    case 14: return -1.0;
    default: return s.raw();
  }
}

// One option value; *tame is cleared for choices that make "finite after warm-up" moot.
double option_value(Src& s, const hean::OptDef& o, bool* tame) {
  const std::uint8_t sel = s.byte();
  const double span = o.max - o.min;
  if (sel < 96) {  // small, valid: keeps warm-ups short so kernels run
    if (o.choices) {
      int n = 1;
      for (const char* c = o.choices; *c; ++c) n += *c == '|';
      return double(sel % n);
    }
    if (o.integer) return std::min(o.max, o.min + double(sel % 24));
    return o.min + std::min(span, 4.0) * double(sel % 97) / 96.0;
  }
  if (sel < 128) return o.def;
  *tame = false;
  switch (sel % 16) {
    case 0: return o.min;
    case 1: return o.max;
    case 2: return o.min - 1;
    case 3: return o.max + 1;
    case 4: return hean::kNaN;
    case 5: return kInf;
    case 6: return -kInf;
    case 7: return -0.0;
    case 8: return o.min + 0.5;  // fractional
    case 9: return hean::kMaxPeriod;
    case 10: return hean::kMaxPeriod + 1;
    case 11: return 1e300;
    case 12: return -1e300;
    case 13: return o.min + double(s.u16());
    case 14: return o.min + span * double(s.u16()) / 65535.0;
    default: return s.raw();
  }
}

struct Case {
  const IndicatorDef* def;
  std::size_t rows, series, combos;
  bool hostile, tame_opts = true, flat = false;
  int threads;
  unsigned drivers;                   // bit 0 single, 1 many, 2 sweep
  std::vector<double> opts;           // combos x n_opt
  std::vector<std::vector<double>> in;  // n_in x (rows * series); empty = omitted input
};

Case decode(Src& s) {
  std::size_t count = 0;
  const IndicatorDef* const* defs = hean::registry(&count);
  Case c;
  c.def = defs[s.byte() % count];
  const IndicatorDef& def = *c.def;
  const std::uint8_t flags = s.byte();
  c.hostile = flags & 1;
  c.drivers = (flags >> 1) & 7;
  if (!c.drivers) c.drivers = 7;
  c.threads = (flags & 16) ? 2 : 1;
  const bool omit = flags & 32;
  const std::uint8_t len = s.byte();
  c.rows = (flags & 64) ? std::size_t(len) * 8 + s.byte() % 8 : len % 80;  // up to ~2k bars
  c.series = 1 + s.byte() % 11;                                               // 8-lane blocks + rest
  c.combos = 1 + s.byte() % 4;
  c.opts.resize(c.combos * std::size_t(def.n_opt));
  for (std::size_t r = 0; r < c.combos; ++r)
    for (int k = 0; k < def.n_opt; ++k) c.opts[r * std::size_t(def.n_opt) + std::size_t(k)] = option_value(s, def.opts[k], &c.tame_opts);

  const int required = def.n_required < 0 ? def.n_in : def.n_required;
  const std::size_t total = c.rows * c.series;
  c.in.resize(std::size_t(def.n_in));
  // Inputs share a base walk so OHLC-style columns stay close to each other.
  std::vector<double> base(total);
  double x = 100.0;
  for (std::size_t i = 0; i < total; ++i) {
    if (i % c.rows == 0) x = 1.0 + double(s.byte()) * 4.0;  // each series its own level
    x *= 1.0 + (double(s.byte()) - 127.5) / 2000.0;
    base[i] = x;
  }
  for (int k = 0; k < def.n_in; ++k) {
    if (k >= required && omit && (s.byte() & 1)) continue;
    std::vector<double>& v = c.in[std::size_t(k)];
    v.resize(total);
    const std::uint8_t mode = s.byte();
    const std::uint8_t rate = c.hostile ? std::uint8_t(1 + s.byte() % 64) : 0;  // hostile values per 256
    for (std::size_t i = 0; i < total; ++i) {
      double y = base[i] * (1.0 + double(k) * 0.001 * double(mode % 5));
      if ((mode & 0xE0) == 0xE0) {
        y = base[i - i % c.rows];  // a flat series
        c.flat = true;
      }
      if (rate && s.byte() < rate) y = hostile_value(s);
      v[i] = y;
    }
  }
  return c;
}

bool checked_input(const IndicatorDef& def, const Case& c, int k) {
  return !c.in[std::size_t(k)].empty() && !((def.gap_exempt_mask >> k) & 1u);
}

// Allocates n_out exact-size buffers filled with the marker.
std::vector<std::vector<double>> outputs(const IndicatorDef& def, std::size_t len) {
  return std::vector<std::vector<double>>(std::size_t(def.n_out), std::vector<double>(len, mark()));
}

// Gap rule, warm-up and "finite after warm-up" for one series column.
void check_column(const Case& c, const double* const* in, const double* opt, double* const* out, std::size_t n) {
  const IndicatorDef& def = *c.def;
  std::size_t lb[hean::kMaxOut];
  std::size_t min_lb = std::numeric_limits<std::size_t>::max();
  for (int k = 0; k < def.n_out; ++k) {
    lb[k] = def.lookback(opt, k);
    min_lb = std::min(min_lb, lb[k]);
  }
  auto gap = [&](std::size_t i) {
    for (int k = 0; k < def.n_in; ++k)
      if (checked_input(def, c, k) && !std::isfinite(in[k][i])) return true;
    return false;
  };
  bool all_finite = true;  // of every input, exempt ones included
  for (int k = 0; k < def.n_in; ++k)
    if (in[k])
      for (std::size_t i = 0; i < n; ++i) all_finite = all_finite && std::isfinite(in[k][i]);
  std::size_t i = 0;
  while (i < n) {
    if (gap(i)) {
      for (int k = 0; k < def.n_out; ++k)
        if (!std::isnan(out[k][i])) fail(def, "output not NaN at a gap", std::size_t(k), i);
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < n && !gap(e)) ++e;
    const std::size_t run = e - i;
    for (int k = 0; k < def.n_out; ++k) {
      const std::size_t warm = run <= min_lb ? run : std::min(run, lb[k]);
      for (std::size_t j = i; j < i + warm; ++j)
        if (!std::isnan(out[k][j])) fail(def, "output not NaN in the warm-up", std::size_t(k), j);
      // Moderate finite input with tame options: no NaN after the warm-up.
      // Documented exceptions: ichimoku's chikou looks ahead (NaN at the end of a run);
      // rollingBeta is NaN over a constant window (rollingCorr 0, as TA-Lib's CORREL).
      const bool look_ahead = !std::strcmp(def.name, "ichimoku") && k == 4;
      const bool nan_on_flat = !std::strcmp(def.name, "rollingBeta");
      if (!c.hostile && c.tame_opts && all_finite && run > min_lb && !look_ahead && !(nan_on_flat && c.flat))
        for (std::size_t j = i + warm; j < e; ++j)
          if (std::isnan(out[k][j])) fail(def, "NaN after the warm-up on finite input", std::size_t(k), j);
    }
    i = e;
  }
}

void run_case(const Case& c) {
  const IndicatorDef& def = *c.def;
  const std::size_t n_opt = std::size_t(def.n_opt);
  // Options are validated first, every row, exactly as the binding does.
  bool valid = true;
  for (std::size_t r = 0; r < c.combos; ++r) valid = valid && hean::validate_options(def, c.opts.data() + r * n_opt).empty();
  if (!hean::validate_options(def, c.opts.data()).empty()) return;  // row 0 drives single/many
  for (int k = 0; k < def.n_out; ++k) (void)def.lookback(c.opts.data(), k);

  const std::size_t rows = c.rows, series = c.series;
  // Single, per column, kept for the many/sweep comparisons.
  std::vector<std::vector<std::vector<double>>> single(series);
  for (std::size_t j = 0; j < series; ++j) {
    std::vector<std::vector<double>> in_col(std::size_t(def.n_in));
    const double* ins[hean::kMaxIn] = {};
    for (int k = 0; k < def.n_in; ++k) {
      if (c.in[std::size_t(k)].empty()) continue;
      // Exact-size copies, so a read past the column end is an ASan report.
      in_col[std::size_t(k)].assign(c.in[std::size_t(k)].begin() + std::ptrdiff_t(j * rows),
                                    c.in[std::size_t(k)].begin() + std::ptrdiff_t((j + 1) * rows));
      ins[k] = rows ? in_col[std::size_t(k)].data() : nullptr;
    }
    auto out = outputs(def, rows);
    double* outs[hean::kMaxOut] = {};
    for (int k = 0; k < def.n_out; ++k) outs[k] = out[std::size_t(k)].data();
    hean::run_single(def, ins, rows, c.opts.data(), outs);
    for (int k = 0; k < def.n_out; ++k)
      for (std::size_t i = 0; i < rows; ++i)
        if (is_mark(outs[k][i])) fail(def, "single: output element not written", std::size_t(k), i);
    check_column(c, ins, c.opts.data(), outs, rows);
    single[j] = std::move(out);
    if (!(c.drivers & 6)) break;
  }

  if ((c.drivers & 2) && rows) {
    const double* ins[hean::kMaxIn] = {};
    for (int k = 0; k < def.n_in; ++k) ins[k] = c.in[std::size_t(k)].empty() ? nullptr : c.in[std::size_t(k)].data();
    auto out = outputs(def, rows * series);
    double* outs[hean::kMaxOut] = {};
    for (int k = 0; k < def.n_out; ++k) outs[k] = out[std::size_t(k)].data();
    hean::run_many(def, ins, rows, series, c.opts.data(), outs, c.threads);
    for (std::size_t j = 0; j < series; ++j)
      for (int k = 0; k < def.n_out; ++k)
        for (std::size_t i = 0; i < rows; ++i) {
          const double v = outs[k][j * rows + i];
          if (is_mark(v)) fail(def, "many: output element not written", j, i);
          if (!same(v, single[j][std::size_t(k)][i])) {
            std::fprintf(stderr, "many %.17g single %.17g (output %d, rows %zu, series %zu, options", v, single[j][std::size_t(k)][i], k, rows, series);
            for (std::size_t o = 0; o < n_opt; ++o) std::fprintf(stderr, " %.17g", c.opts[o]);
            std::fprintf(stderr, ")\n");
            fail(def, "many != single", j, i);
          }
        }
  }

  if ((c.drivers & 4) && valid && rows) {
    const double* ins[hean::kMaxIn] = {};
    for (int k = 0; k < def.n_in; ++k) ins[k] = c.in[std::size_t(k)].empty() ? nullptr : c.in[std::size_t(k)].data();
    auto out = outputs(def, rows * c.combos);
    double* outs[hean::kMaxOut] = {};
    for (int k = 0; k < def.n_out; ++k) outs[k] = out[std::size_t(k)].data();
    hean::run_sweep(def, ins, rows, c.opts.data(), c.combos, outs, c.threads);
    for (std::size_t r = 0; r < c.combos; ++r) {
      // Each row against a single run of the first series with that row's options.
      std::vector<std::vector<double>> ref = outputs(def, rows);
      double* refs[hean::kMaxOut] = {};
      for (int k = 0; k < def.n_out; ++k) refs[k] = ref[std::size_t(k)].data();
      hean::run_single(def, ins, rows, c.opts.data() + r * n_opt, refs);
      check_column(c, ins, c.opts.data() + r * n_opt, refs, rows);
      for (int k = 0; k < def.n_out; ++k)
        for (std::size_t i = 0; i < rows; ++i) {
          const double v = outs[k][r * rows + i];
          if (is_mark(v)) fail(def, "sweep: output element not written", r, i);
          if (!same(v, refs[k][i])) fail(def, "sweep != single", r, i);
        }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::fprintf(stderr, "fuzz_kernels: many-series lane kernels at SIMD level %s\n", hean::simd_level());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Src s(data, size);
  const Case c = decode(s);
  run_case(c);
  return 0;
}

#ifdef HEAN_FUZZ_REPLAY
// Replays files (or every file of directories) given on the command line, as a libFuzzer
// binary does with file arguments; prints how many inputs ran.
#include <filesystem>
#include <fstream>
#include <iterator>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  LLVMFuzzerInitialize(&argc, &argv);
  std::size_t runs = 0;
  auto one = [&](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::vector<std::uint8_t> d((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(d.data(), d.size());
    ++runs;
  };
  for (int a = 1; a < argc; ++a) {
    const fs::path p(argv[a]);
    if (fs::is_directory(p)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) one(f);
    } else {
      one(p);
    }
  }
  std::printf("fuzz_kernels replay: %zu inputs ran clean\n", runs);
  return 0;
}
#endif
