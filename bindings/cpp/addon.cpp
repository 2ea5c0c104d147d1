// Node-API glue for the C++ engine: type and range checks, then one driver call per
// request. Every indicator is reached through the table (run/runAsync by table index),
// so no per-indicator code lives here.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <vector>

#include "hean/candles_run.hpp"
#include "hean/indicator.hpp"
#include "hean/lmath.hpp"
#include "hean/matrix.hpp"
#include "hean/memory.hpp"
#include "hean/resample.hpp"

namespace hean_backtest {
void Register(Napi::Env env, Napi::Object exports);  // bindings/cpp/backtest.cpp
}

namespace {

using hean::IndicatorDef;

enum Mode { kSingle = 0, kMany = 1, kSweep = 2 };

struct View {
  double* p = nullptr;
  std::size_t n = 0;
};

// As<>() does not check the element type, so check it here: a Uint8Array read as doubles
// would be an out-of-bounds read. One napi_get_typedarray_info call, without asking for
// the ArrayBuffer (which can force V8 to materialize one).
bool try_f64(napi_env env, napi_value v, View* out) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  std::size_t length = 0;
  void* data = nullptr;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok) return false;
  if (type != napi_float64_array) return false;
  *out = {length ? static_cast<double*>(data) : nullptr, length};
  return true;
}

View f64(Napi::Env env, const Napi::Value& v, const std::string& what) {
  View w;
  if (try_f64(env, v, &w)) return w;
  throw Napi::TypeError::New(env, what + " must be a Float64Array");
}

bool overlaps(const View& a, const View& b) {
  if (!a.p || !b.p || !a.n || !b.n) return false;
  return a.p < b.p + b.n && b.p < a.p + a.n;
}

std::size_t to_size(Napi::Env env, const Napi::Value& v, const std::string& what, double max) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, what + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= max) || d != double(std::size_t(d)))
    throw Napi::RangeError::New(env, what + " must be an integer in [0, " + std::to_string((long long)max) + "]");
  return std::size_t(d);
}

const IndicatorDef& def_at(Napi::Env env, const Napi::Value& v) {
  std::size_t count = 0;
  const IndicatorDef* const* defs = hean::registry(&count);
  const std::size_t id = to_size(env, v, "indicator id", double(count ? count - 1 : 0));
  if (id >= count) throw Napi::RangeError::New(env, "unknown indicator id");
  return *defs[id];
}

// One validated request. Views point into JS memory; async work pins the arrays. Fixed
// arrays keep the synchronous path free of heap allocation; only sweeps (many option rows)
// and outputs that alias an input allocate.
struct Job {
  const IndicatorDef* def = nullptr;
  Mode mode = kSingle;
  std::size_t n = 0;      // bars per series
  std::size_t extra = 1;  // series (many) or parameter combinations (sweep)
  int threads = 0;
  double opts[hean::kMaxOpt] = {};
  std::vector<double> sweep_opts;
  const double* in[hean::kMaxIn] = {};
  double* out[hean::kMaxOut] = {};
  double* alias_target[hean::kMaxOut] = {};  // where an aliased output is copied back
  std::vector<double> scratch[hean::kMaxOut];

  const double* options() const { return mode == kSweep ? sweep_opts.data() : opts; }
  void execute() {
    switch (mode) {
      case kSingle: hean::run_single(*def, in, n, opts, out); break;
      case kMany: hean::run_many(*def, in, n, extra, opts, out, threads); break;
      case kSweep: hean::run_sweep(*def, in, n, sweep_opts.data(), extra, out, threads); break;
    }
    for (int k = 0; k < def->n_out; ++k)
      if (alias_target[k]) std::copy(scratch[k].begin(), scratch[k].end(), alias_target[k]);
  }
};

std::string prefix(const IndicatorDef& def) { return std::string("hean.") + def.name + ": "; }

// Validates a request: `ins`/`outs` hold the def's inputs and outputs, `opts` the options
// Float64Array. `pins`, when given, receives the output arrays (async jobs write their
// results back into them).
Job parse_job(Napi::Env env, Job job, const Napi::Value* ins, const Napi::Value& opts, const Napi::Value* outs,
              std::vector<Napi::Value>* pins) {
  const IndicatorDef& def = *job.def;
  const char* what = job.mode == kMany ? "series" : "combinations";
  job.threads = 0;
  if (job.mode != kSingle && job.extra == 0) throw Napi::RangeError::New(env, prefix(def) + what + " must be at least 1");

  const int required = def.n_required < 0 ? def.n_in : def.n_required;
  View in_views[hean::kMaxIn];
  std::size_t len = 0;
  bool have_len = false;
  for (int k = 0; k < def.n_in; ++k) {
    const Napi::Value& v = ins[k];
    if (k >= required && (v.IsUndefined() || v.IsNull())) continue;
    View w;
    if (!try_f64(env, v, &w)) throw Napi::TypeError::New(env, prefix(def) + def.inputs[k] + " must be a Float64Array");
    if (have_len && w.n != len)
      throw Napi::RangeError::New(env, prefix(def) + def.inputs[k] + " has length " + std::to_string(w.n) + ", expected " +
                                           std::to_string(len) + " (all inputs must have the same length)");
    len = w.n;
    have_len = true;
    in_views[k] = w;
    job.in[k] = w.p;
  }
  if (job.mode == kMany) {
    if (len % job.extra) throw Napi::RangeError::New(env, prefix(def) + "input length " + std::to_string(len) + " is not a multiple of series " + std::to_string(job.extra));
    job.n = len / job.extra;
  } else {
    job.n = len;
  }

  View ov;
  if (!try_f64(env, opts, &ov)) throw Napi::TypeError::New(env, prefix(def) + "options must be a Float64Array");
  const std::size_t rows = job.mode == kSweep ? job.extra : 1;
  if (ov.n != rows * std::size_t(def.n_opt)) throw Napi::RangeError::New(env, prefix(def) + "wrong number of options");
  double* dst = job.opts;
  if (job.mode == kSweep) {
    job.sweep_opts.assign(ov.p, ov.p + ov.n);
    dst = job.sweep_opts.data();
  } else if (ov.n) {
    std::copy(ov.p, ov.p + ov.n, job.opts);
  }
  for (std::size_t r = 0; r < rows; ++r) {
    std::string err = hean::validate_options(def, dst + r * std::size_t(def.n_opt));
    if (!err.empty()) throw Napi::RangeError::New(env, "hean." + err);
  }

  const std::size_t out_len = job.mode == kSweep ? job.n * job.extra : len;
  View out_views[hean::kMaxOut];
  for (int k = 0; k < def.n_out; ++k) {
    const Napi::Value& v = outs[k];
    View w;
    // `out` for a one-output indicator, `out.<name>` otherwise (as the WASM engine names them).
    const std::string what = def.n_out == 1 ? std::string("out") : "out." + std::string(def.outputs[k]);
    if (!try_f64(env, v, &w)) throw Napi::TypeError::New(env, prefix(def) + what + " must be a Float64Array");
    if (w.n != out_len)
      throw Napi::RangeError::New(env, prefix(def) + what + " has length " + std::to_string(w.n) + ", expected " +
                                           std::to_string(out_len));
    for (int j = 0; j < k; ++j)
      if (overlaps(out_views[j], w)) throw Napi::RangeError::New(env, prefix(def) + "output arrays must not overlap each other");
    out_views[k] = w;
    if (pins) pins->push_back(v);
    bool alias = false;
    for (int j = 0; j < def.n_in; ++j) alias = alias || overlaps(in_views[j], w);
    if (alias) {
      // Writing in place would corrupt inputs the kernel still has to read.
      job.scratch[k].assign(out_len, 0.0);
      job.alias_target[k] = w.p;
      job.out[k] = job.scratch[k].data();
    } else {
      job.out[k] = w.p;
      hean::prefer_huge_pages(w.p, w.n * sizeof(double));  // fresh large outputs fault in 2 MB at a time
    }
  }
  return job;
}

// args: mode, id, inputs[], opts Float64Array, outputs[], extra (at most six arguments:
// node-addon-api allocates the argument list beyond that).
Job parse(const Napi::CallbackInfo& info, std::vector<Napi::Value>* pins) {
  Napi::Env env = info.Env();
  Job job;
  job.mode = Mode(to_size(env, info[0], "mode", 2));
  job.def = &def_at(env, info[1]);
  const IndicatorDef& def = *job.def;
  if (!info[2].IsArray() || !info[4].IsArray()) throw Napi::TypeError::New(env, prefix(def) + "inputs and outputs must be arrays");
  auto ins = info[2].As<Napi::Array>();
  auto outs = info[4].As<Napi::Array>();
  if (ins.Length() != std::uint32_t(def.n_in)) throw Napi::RangeError::New(env, prefix(def) + "wrong number of inputs");
  if (outs.Length() != std::uint32_t(def.n_out)) throw Napi::RangeError::New(env, prefix(def) + "wrong number of outputs");
  job.extra = job.mode == kSingle ? 1 : to_size(env, info[5], prefix(def) + (job.mode == kMany ? "series" : "combinations"), 1e9);
  Napi::Value in_v[hean::kMaxIn], out_v[hean::kMaxOut];
  for (int k = 0; k < def.n_in; ++k) in_v[k] = ins[std::uint32_t(k)];
  for (int k = 0; k < def.n_out; ++k) out_v[k] = outs[std::uint32_t(k)];
  return parse_job(env, std::move(job), in_v, info[3], out_v, pins);
}

// runDirect(id, opts, inputs..., outputs...): the single-series call with the arrays as
// arguments (for indicators with at most four of them), which skips reading two JS arrays
// element by element: about a third of the cost of a call on a short series.
Napi::Value RunDirect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Job job;
  job.def = &def_at(env, info[0]);
  const IndicatorDef& def = *job.def;
  if (def.n_in + def.n_out > 4 || info.Length() != std::size_t(2 + def.n_in + def.n_out))
    throw Napi::RangeError::New(env, prefix(def) + "runDirect takes id, options, the inputs and the outputs");
  Napi::Value in_v[hean::kMaxIn], out_v[hean::kMaxOut];
  for (int k = 0; k < def.n_in; ++k) in_v[k] = info[std::size_t(2 + k)];
  for (int k = 0; k < def.n_out; ++k) out_v[k] = info[std::size_t(2 + def.n_in + k)];
  try {
    parse_job(env, std::move(job), in_v, info[1], out_v, nullptr).execute();
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "hean: out of memory for this request");
  }
  return env.Undefined();
}

Napi::Value Run(const Napi::CallbackInfo& info) {
  try {
    Job job = parse(info, nullptr);
    job.execute();
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(), "hean: out of memory for this request");
  }
  return info.Env().Undefined();
}

// Async jobs never touch JS memory off the main thread: JS can detach, transfer or shrink
// (resizable) a buffer at any time, and a worker writing into it then would corrupt the
// heap. Inputs are copied into owned buffers when the job starts, the kernels write owned
// outputs, and the results are copied into the caller's arrays on the main thread, after
// checking they are still attached and of the same length.
class RunWorker : public Napi::AsyncWorker {
 public:
  RunWorker(Napi::Env env, Job job, std::vector<Napi::Value>& outs)
      : Napi::AsyncWorker(env, "hean:indicator"), job_(std::move(job)), deferred_(Napi::Promise::Deferred::New(env)) {
    const IndicatorDef& def = *job_.def;
    const std::size_t in_len = job_.mode == kMany ? job_.n * job_.extra : job_.n;
    const std::size_t out_len = job_.mode == kSingle ? job_.n : job_.n * job_.extra;
    for (int k = 0; k < def.n_in; ++k) {
      if (!job_.in[k]) continue;
      owned_in_[k].assign(job_.in[k], job_.in[k] + in_len);
      job_.in[k] = owned_in_[k].data();
    }
    for (int k = 0; k < def.n_out; ++k) {
      job_.scratch[k].assign(out_len, 0.0);
      job_.out[k] = job_.scratch[k].data();
      job_.alias_target[k] = nullptr;
      outs_.push_back(Napi::Persistent(outs[std::size_t(k)].As<Napi::Object>()));
    }
  }
  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      job_.execute();
    } catch (const std::bad_alloc&) {
      SetError("hean: out of memory for this request");
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    for (std::size_t k = 0; k < outs_.size(); ++k) {
      View w;
      const std::vector<double>& r = job_.scratch[k];
      if (!try_f64(env, outs_[k].Value(), &w) || w.n != r.size()) {
        deferred_.Reject(Napi::RangeError::New(env, prefix(*job_.def) + "out was detached or resized while the async job ran").Value());
        return;
      }
      if (!r.empty()) std::copy(r.begin(), r.end(), w.p);
    }
    deferred_.Resolve(env.Undefined());
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(Napi::RangeError::New(Env(), e.Message()).Value()); }

 private:
  Job job_;
  Napi::Promise::Deferred deferred_;
  std::vector<double> owned_in_[hean::kMaxIn];
  std::vector<Napi::ObjectReference> outs_;
};

Napi::Value RunAsync(const Napi::CallbackInfo& info) {
  std::vector<Napi::Value> outs;
  Job job = parse(info, &outs);
  try {
    auto* w = new RunWorker(info.Env(), std::move(job), outs);
    Napi::Promise p = w->promise();
    w->Queue();
    return p;
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(), "hean: out of memory for this request");
  }
}

// concurrency([threads]): sets the drivers' automatic thread count when given; returns it.
Napi::Value Concurrency(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && !info[0].IsUndefined()) {
    if (!info[0].IsNumber()) throw Napi::TypeError::New(env, "hean.concurrency: threads must be a number");
    const double t = info[0].As<Napi::Number>().DoubleValue();
    if (!(t >= 1 && t <= hean::kMaxThreads) || t != std::floor(t))
      throw Napi::RangeError::New(env, "hean.concurrency: threads must be an integer in [1, " + std::to_string(hean::kMaxThreads) + "]");
    hean::set_concurrency(int(t));
  }
  return Napi::Number::New(env, hean::concurrency());
}

// lmath(fn, x): hean's portable math function number fn (hean/lmath.hpp: 0 exp .. 11 tanh)
// of every element of the Float64Array x, for test/lmath.test.ts (native == WASM bits).
Napi::Value Lmath(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::size_t fn = to_size(env, info[0], "lmath function", double(hean::kLmathCount - 1));
  View x = f64(env, info[1], "hean.lmath: x");
  Napi::Float64Array y = Napi::Float64Array::New(env, x.n);
  hean::lmath_apply(int(fn), x.p, y.Data(), x.n);
  return y;
}

Napi::Value Lookback(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const IndicatorDef& def = def_at(env, info[0]);
  View ov = f64(env, info[1], std::string("hean.") + def.name + ": options");
  if (ov.n != std::size_t(def.n_opt)) throw Napi::RangeError::New(env, "wrong number of options");
  std::vector<double> opts(ov.p, ov.p + ov.n);
  std::string err = hean::validate_options(def, opts.data());
  if (!err.empty()) throw Napi::RangeError::New(env, "hean." + err);
  const std::size_t k = to_size(env, info[2], "output index", double(def.n_out - 1));
  return Napi::Number::New(env, double(def.lookback(opts.data(), int(k))));
}

Napi::Value Indicators(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::size_t count = 0;
  const IndicatorDef* const* defs = hean::registry(&count);
  Napi::Array list = Napi::Array::New(env, count);
  for (std::size_t i = 0; i < count; ++i) {
    const IndicatorDef& d = *defs[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("id", double(i));
    o.Set("name", d.name);
    o.Set("summary", d.summary);
    Napi::Array ins = Napi::Array::New(env, std::size_t(d.n_in));
    for (int k = 0; k < d.n_in; ++k) ins.Set(std::uint32_t(k), d.inputs[k]);
    o.Set("inputs", ins);
    o.Set("required", double(d.n_required < 0 ? d.n_in : d.n_required));
    Napi::Array opts = Napi::Array::New(env, std::size_t(d.n_opt));
    for (int k = 0; k < d.n_opt; ++k) {
      const hean::OptDef& od = d.opts[k];
      Napi::Object x = Napi::Object::New(env);
      x.Set("name", od.name);
      x.Set("default", od.def);
      x.Set("min", od.min);
      x.Set("max", od.max);
      x.Set("integer", od.integer);
      x.Set("doc", od.doc);
      if (od.choices) x.Set("choices", od.choices);
      opts.Set(std::uint32_t(k), x);
    }
    o.Set("options", opts);
    Napi::Array outs = Napi::Array::New(env, std::size_t(d.n_out));
    for (int k = 0; k < d.n_out; ++k) outs.Set(std::uint32_t(k), d.outputs[k]);
    o.Set("outputs", outs);
    o.Set("many", d.kernel_v != nullptr);
    o.Set("pointwise", d.pointwise);
    list.Set(std::uint32_t(i), o);
  }
  return list;
}

// covMatrix(x, rows, cols, ddof, corr, out) -> rows used
Napi::Value CovMatrix(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  View x = f64(env, info[0], "hean.covMatrix: returns");
  const std::size_t rows = to_size(env, info[1], "hean.covMatrix: rows", 1e12);
  const std::size_t cols = to_size(env, info[2], "hean.covMatrix: series", 1e6);
  if (rows * cols != x.n) throw Napi::RangeError::New(env, "hean.covMatrix: returns length must be rows * series");
  if (!info[3].IsNumber()) throw Napi::TypeError::New(env, "hean.covMatrix: ddof must be a number");
  const double ddof = info[3].As<Napi::Number>().DoubleValue();
  if (!(ddof >= 0 && ddof <= 1e9)) throw Napi::RangeError::New(env, "hean.covMatrix: ddof must be >= 0");
  const bool corr = info[4].ToBoolean();
  View out = f64(env, info[5], "hean.covMatrix: out");
  if (out.n != cols * cols) throw Napi::RangeError::New(env, "hean.covMatrix: out must have series * series elements");
  if (overlaps(out, x)) throw Napi::RangeError::New(env, "hean.covMatrix: out must not overlap the input");
  try {
    return Napi::Number::New(env, double(hean::cov_matrix(x.p, rows, cols, ddof, corr, out.p)));
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, "hean.covMatrix: out of memory for this request");
  }
}

Napi::Value PortfolioVol(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  View w = f64(env, info[0], "hean.portfolioVol: weights");
  View c = f64(env, info[1], "hean.portfolioVol: cov");
  if (c.n != w.n * w.n) throw Napi::RangeError::New(env, "hean.portfolioVol: cov must be weights.length squared");
  if (w.n == 0) return Napi::Number::New(env, 0);
  return Napi::Number::New(env, hean::portfolio_vol(w.p, w.n, c.p));
}

// Shared by resample/resampleBars: spec (interval, offset, empty) and the optional 8 output columns
// (time, open, high, low, close, volume, vwap, count), each of length `capacity`.
hean::ResampleSpec spec_of(Napi::Env env, const Napi::CallbackInfo& info, int at, const std::string& fn) {
  hean::ResampleSpec spec;
  if (!info[at].IsNumber() || !info[at + 1].IsNumber() || !info[at + 2].IsNumber())
    throw Napi::TypeError::New(env, fn + ": interval, offset and empty must be numbers");
  spec.interval = info[at].As<Napi::Number>().DoubleValue();
  spec.offset = info[at + 1].As<Napi::Number>().DoubleValue();
  const double e = info[at + 2].As<Napi::Number>().DoubleValue();
  if (!(spec.interval > 0) || !std::isfinite(spec.interval)) throw Napi::RangeError::New(env, fn + ": intervalMs must be a finite number > 0");
  if (!std::isfinite(spec.offset)) throw Napi::RangeError::New(env, fn + ": offsetMs must be finite");
  if (e != 0 && e != 1) throw Napi::RangeError::New(env, fn + ": empty must be 'skip' or 'carry'");
  spec.empty = e == 0 ? hean::EmptyBars::Skip : hean::EmptyBars::Carry;
  return spec;
}

// A bar count from the counting pass: kTooManyBars becomes a RangeError.
std::size_t bar_count(Napi::Env env, std::size_t bars, const std::string& fn) {
  if (bars == hean::kTooManyBars)
    throw Napi::RangeError::New(env, fn + ": 'carry' would add more than " + std::to_string(hean::kMaxCarriedBars) +
                                         " empty bars; split the time range or use a longer interval");
  return bars;
}

// The fill pass must produce exactly the bars counted (the input is read twice; a
// SharedArrayBuffer's other owners could change it in between).
void check_filled(Napi::Env env, std::size_t filled, std::size_t counted, const std::string& fn) {
  if (filled != counted) throw Napi::RangeError::New(env, fn + ": the input changed during the call");
}

bool bar_outputs(Napi::Env env, const Napi::Value& v, std::size_t capacity, hean::BarColumns& cols, const std::string& fn) {
  if (v.IsUndefined() || v.IsNull()) return false;
  if (!v.IsArray() || v.As<Napi::Array>().Length() != 8) throw Napi::TypeError::New(env, fn + ": outputs must be an array of 8 Float64Arrays");
  auto a = v.As<Napi::Array>();
  double** slots[8] = {&cols.time, &cols.open, &cols.high, &cols.low, &cols.close, &cols.volume, &cols.vwap, &cols.count};
  for (std::uint32_t k = 0; k < 8; ++k) {
    View w = f64(env, a[k], fn + ": output column");
    if (w.n != capacity) throw Napi::RangeError::New(env, fn + ": output columns must have length " + std::to_string(capacity));
    *slots[k] = w.p;
  }
  cols.capacity = capacity;
  return true;
}

// resample(ts, price, volume|undefined, interval, offset, empty, outputs|undefined) -> bars
Napi::Value Resample(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "hean.resample";
  View ts = f64(env, info[0], fn + ": ts");
  View px = f64(env, info[1], fn + ": price");
  View vol;
  const bool has_vol = !(info[2].IsUndefined() || info[2].IsNull());
  if (has_vol) vol = f64(env, info[2], fn + ": volume");
  if (px.n != ts.n || (has_vol && vol.n != ts.n)) throw Napi::RangeError::New(env, fn + ": ts, price and volume must have the same length");
  const std::size_t bad = hean::first_unordered(ts.p, ts.n);
  if (bad != ts.n) throw Napi::RangeError::New(env, fn + ": ts must be non-decreasing; ts[" + std::to_string(bad) + "] is earlier than the tick before it");
  const hean::ResampleSpec spec = spec_of(env, info, 3, fn);
  const std::size_t bars = bar_count(env, hean::resample(ts.p, px.p, has_vol ? vol.p : nullptr, ts.n, spec, nullptr), fn);
  hean::BarColumns cols;
  if (bar_outputs(env, info[6], bars, cols, fn))
    check_filled(env, hean::resample(ts.p, px.p, has_vol ? vol.p : nullptr, ts.n, spec, &cols), bars, fn);
  return Napi::Number::New(env, double(bars));
}

// resampleBars(time, open, high, low, close, volume|undefined, interval, offset, empty, outputs|undefined) -> bars
Napi::Value ResampleBars(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "hean.resampleBars";
  const char* names[5] = {"time", "open", "high", "low", "close"};
  View c[5];
  for (int k = 0; k < 5; ++k) {
    c[k] = f64(env, info[k], fn + ": " + names[k]);
    if (c[k].n != c[0].n) throw Napi::RangeError::New(env, fn + ": all columns must have the same length");
  }
  View vol;
  const bool has_vol = !(info[5].IsUndefined() || info[5].IsNull());
  if (has_vol) vol = f64(env, info[5], fn + ": volume");
  if (has_vol && vol.n != c[0].n) throw Napi::RangeError::New(env, fn + ": all columns must have the same length");
  const std::size_t bad = hean::first_unordered(c[0].p, c[0].n);
  if (bad != c[0].n) throw Napi::RangeError::New(env, fn + ": time must be non-decreasing; time[" + std::to_string(bad) + "] is earlier than the bar before it");
  const hean::ResampleSpec spec = spec_of(env, info, 6, fn);
  const double* v = has_vol ? vol.p : nullptr;
  const std::size_t bars = bar_count(env, hean::resample_bars(c[0].p, c[1].p, c[2].p, c[3].p, c[4].p, v, c[0].n, spec, nullptr), fn);
  hean::BarColumns cols;
  if (bar_outputs(env, info[9], bars, cols, fn))
    check_filled(env, hean::resample_bars(c[0].p, c[1].p, c[2].p, c[3].p, c[4].p, v, c[0].n, spec, &cols), bars, fn);
  return Napi::Number::New(env, double(bars));
}

// ---- candlestick patterns ---------------------------------------------------------------
// The raw typed array v (any element type) as (data, length, type).
struct TypedView {
  void* p = nullptr;
  std::size_t n = 0;
  napi_typedarray_type type = napi_int8_array;
};
TypedView typed(Napi::Env env, const Napi::Value& v, const std::string& what) {
  bool is = false;
  TypedView t;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) throw Napi::TypeError::New(env, what + " must be a typed array");
  napi_get_typedarray_info(env, v, &t.type, &t.n, &t.p, nullptr, nullptr);
  return t;
}

// Settings from 33 numbers (11 x rangeType, avgPeriod, factor), or a RangeError naming the bad one.
hean::candles::Settings settings_arg(Napi::Env env, const Napi::Value& v) {
  View w = f64(env, v, "hean.patterns: candle settings");
  if (w.n != 3 * hean::candles::kSettingCount) throw Napi::RangeError::New(env, "hean.patterns: candle settings must have 33 numbers");
  hean::candles::Settings cs;
  const std::string err = hean::candles::read_settings(w.p, &cs);
  if (!err.empty()) throw Napi::RangeError::New(env, "hean.patterns: " + err);
  return cs;
}

// patternsInfo(): [{ name, penetration (default or null) }] in list order.
Napi::Value PatternsInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int count = hean::candles::pattern_count();
  Napi::Array a = Napi::Array::New(env, std::size_t(count));
  for (int k = 0; k < count; ++k) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", hean::candles::pattern_name(k));
    o.Set("penetration", hean::candles::pattern_has_penetration(k) ? Napi::Value(Napi::Number::New(env, hean::candles::pattern_default_penetration(k))) : env.Null());
    a.Set(std::uint32_t(k), o);
  }
  return a;
}

// patternLookbacks(settings Float64Array(33), out Float64Array(count)).
Napi::Value PatternLookbacks(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const hean::candles::Settings cs = settings_arg(env, info[0]);
  View out = f64(env, info[1], "hean.patterns: lookbacks");
  const int count = hean::candles::pattern_count();
  if (out.n != std::size_t(count)) throw Napi::RangeError::New(env, "hean.patterns: lookbacks has the wrong length");
  for (int k = 0; k < count; ++k) out.p[k] = double(hean::candles::pattern_lookback(k, cs));
  return env.Undefined();
}

// patterns(open, high, low, close, want Uint8Array(count), penetration Float64Array(count),
// settings Float64Array(33), out): out is an Int16Array or Float64Array of (wanted count) x n,
// the wanted patterns' rows in list order.
Napi::Value Patterns(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 8) throw Napi::TypeError::New(env, "hean.patterns: takes open, high, low, close, want, penetration, settings, out");
  View in[4];
  const char* names[4] = {"open", "high", "low", "close"};
  for (int k = 0; k < 4; ++k) in[k] = f64(env, info[std::size_t(k)], std::string("hean.patterns: ") + names[k]);
  const std::size_t n = in[0].n;
  for (int k = 1; k < 4; ++k)
    if (in[k].n != n) throw Napi::RangeError::New(env, std::string("hean.patterns: ") + names[k] + " must have the length of open");
  const int count = hean::candles::pattern_count();
  TypedView want = typed(env, info[4], "hean.patterns: want");
  if (want.type != napi_uint8_array || want.n != std::size_t(count)) throw Napi::RangeError::New(env, "hean.patterns: want must be a Uint8Array of the pattern count");
  View pen = f64(env, info[5], "hean.patterns: penetration");
  if (pen.n != std::size_t(count)) throw Napi::RangeError::New(env, "hean.patterns: penetration has the wrong length");
  for (int k = 0; k < count; ++k)
    if (!(pen.p[k] >= 0 && pen.p[k] <= 3e37))
      throw Napi::RangeError::New(env, std::string("hean.patterns: penetration of ") + hean::candles::pattern_name(k) + " must be a number in [0, 3e37]");
  const hean::candles::Settings cs = settings_arg(env, info[6]);
  const auto* w = static_cast<const std::uint8_t*>(want.p);
  std::size_t rows = 0;
  for (int k = 0; k < count; ++k) rows += w[k] ? 1 : 0;
  TypedView out = typed(env, info[7], "hean.patterns: out");
  if (out.n != rows * n) throw Napi::RangeError::New(env, "hean.patterns: out must hold one row of n per wanted pattern");
  const double* ohlc[4] = {in[0].p, in[1].p, in[2].p, in[3].p};
  if (out.type == napi_int16_array) {
    std::int16_t* o[hean::candles::kMaxPatterns] = {};
    std::size_t r = 0;
    for (int k = 0; k < count; ++k)
      if (w[k]) o[k] = static_cast<std::int16_t*>(out.p) + (r++) * n;
    hean::candles::run_patterns(ohlc, n, cs, pen.p, w, o);
  } else if (out.type == napi_float64_array) {
    double* o[hean::candles::kMaxPatterns] = {};
    std::size_t r = 0;
    for (int k = 0; k < count; ++k)
      if (w[k]) o[k] = static_cast<double*>(out.p) + (r++) * n;
    hean::candles::run_patterns(ohlc, n, cs, pen.p, w, o);
  } else {
    throw Napi::TypeError::New(env, "hean.patterns: out must be an Int16Array or a Float64Array");
  }
  return env.Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, hean::kAbiVersion));
  exports.Set("simdLevel", Napi::String::New(env, hean::simd_level()));
  exports.Set("indicators", Napi::Function::New(env, Indicators, "indicators"));
  exports.Set("run", Napi::Function::New(env, Run, "run"));
  exports.Set("runDirect", Napi::Function::New(env, RunDirect, "runDirect"));
  exports.Set("runAsync", Napi::Function::New(env, RunAsync, "runAsync"));
  exports.Set("lookback", Napi::Function::New(env, Lookback, "lookback"));
  exports.Set("lmath", Napi::Function::New(env, Lmath, "lmath"));
  exports.Set("concurrency", Napi::Function::New(env, Concurrency, "concurrency"));
  exports.Set("covMatrix", Napi::Function::New(env, CovMatrix, "covMatrix"));
  exports.Set("portfolioVol", Napi::Function::New(env, PortfolioVol, "portfolioVol"));
  exports.Set("resample", Napi::Function::New(env, Resample, "resample"));
  exports.Set("patterns", Napi::Function::New(env, Patterns, "patterns"));
  exports.Set("patternsInfo", Napi::Function::New(env, PatternsInfo, "patternsInfo"));
  exports.Set("patternLookbacks", Napi::Function::New(env, PatternLookbacks, "patternLookbacks"));
  exports.Set("resampleBars", Napi::Function::New(env, ResampleBars, "resampleBars"));
  hean_backtest::Register(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(hean_cpp, Init)
