// The WebAssembly build's C ABI: the same table and drivers as the Node addon
// (bindings/cpp/addon.cpp), reached through plain exported functions and linear-memory
// pointers, so src/wasm/ needs no generated JS glue. Argument checks live in the TS caller;
// here only what the table knows (option ranges, lookbacks, metadata) is answered.
#include <cstdlib>
#include <string>

#include "hean/indicator.hpp"

#define HEAN_EXPORT(name) extern "C" __attribute__((export_name(#name), visibility("default")))

namespace {

const hean::IndicatorDef* def_at(int id) {
  std::size_t count = 0;
  const hean::IndicatorDef* const* defs = hean::registry(&count);
  return id >= 0 && std::size_t(id) < count ? defs[id] : nullptr;
}

std::string g_error;  // the last validation message (hean_validate returns its address)

}  // namespace

HEAN_EXPORT(hean_abi_version) int hean_abi_version() { return hean::kAbiVersion; }

HEAN_EXPORT(hean_alloc) void* hean_alloc(std::size_t bytes) { return std::malloc(bytes ? bytes : 1); }
HEAN_EXPORT(hean_free) void hean_free(void* p) { std::free(p); }

HEAN_EXPORT(hean_count) int hean_count() {
  std::size_t count = 0;
  hean::registry(&count);
  return int(count);
}

// Metadata, one field at a time (exact doubles and C strings, no serialisation format).
enum Field {
  kName, kSummary, kNIn, kInput, kRequired, kNOpt, kOptName, kOptDef, kOptMin, kOptMax,
  kOptInteger, kOptDoc, kOptChoices, kNOut, kOutput, kMany,
};

HEAN_EXPORT(hean_meta_num) double hean_meta_num(int id, int field, int k) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return -1;
  switch (field) {
    case kNIn: return d->n_in;
    case kRequired: return d->n_required < 0 ? d->n_in : d->n_required;
    case kNOpt: return d->n_opt;
    case kOptDef: return d->opts[k].def;
    case kOptMin: return d->opts[k].min;
    case kOptMax: return d->opts[k].max;
    case kOptInteger: return d->opts[k].integer ? 1 : 0;
    case kNOut: return d->n_out;
    case kMany: return d->kernel_v ? 1 : 0;
    default: return -1;
  }
}

HEAN_EXPORT(hean_meta_str) const char* hean_meta_str(int id, int field, int k) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return nullptr;
  switch (field) {
    case kName: return d->name;
    case kSummary: return d->summary;
    case kInput: return d->inputs[k];
    case kOptName: return d->opts[k].name;
    case kOptDoc: return d->opts[k].doc;
    case kOptChoices: return d->opts[k].choices;
    case kOutput: return d->outputs[k];
    default: return nullptr;
  }
}

// Checks `rows` option rows; null when all are valid, else the message of the first bad one
// (without the "hean." prefix, as validate_options gives it).
HEAN_EXPORT(hean_validate) const char* hean_validate(int id, const double* opts, std::size_t rows) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return "unknown indicator id";
  for (std::size_t r = 0; r < rows; ++r) {
    g_error = hean::validate_options(*d, opts + r * std::size_t(d->n_opt));
    if (!g_error.empty()) return g_error.c_str();
  }
  return nullptr;
}

HEAN_EXPORT(hean_lookback) double hean_lookback(int id, const double* opts, int k) {
  const hean::IndicatorDef* d = def_at(id);
  return d ? double(d->lookback(opts, k)) : -1;
}

// mode 0: one series of n bars; 1: `extra` series of n bars each, series-major; 2: `extra`
// option rows over one series, out rows of n. in/out are arrays of n_in / n_out pointers
// (an omitted optional input is null). Options must have passed hean_validate.
HEAN_EXPORT(hean_run)
void hean_run(int mode, int id, const double* const* in, std::size_t n, std::size_t extra, const double* opts,
              double* const* out) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return;
  switch (mode) {
    case 0: hean::run_single(*d, in, n, opts, out); break;
    case 1: hean::run_many(*d, in, n, extra, opts, out, 1); break;
    case 2: hean::run_sweep(*d, in, n, opts, extra, out, 1); break;
    default: break;
  }
}
