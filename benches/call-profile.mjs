// One short indicator call (64 bars, `out` given, default options), end to end and in
// layers, to see where its fixed cost goes (the per-call target of `npm run bench --
// engines`): the hean call as shipped (WASM engine), the WASM `hean_call` export alone with
// the data already in linear memory, that export plus the copies in and out, a near-empty
// WASM export (the JS->WASM call itself), and the plain JS loop (benches/plain.mjs); then
// the allocating form (no `out`) of hean and of the plain loop (a new Float64Array per
// output, as a plain JS user would), and the copies alone (set() in and out, no call).
// "resident": the hean call with its inputs and `out` in a wasmArena (no copies); it, the
// hean call and the plain loop are measured interleaved (one run of each in turn).
//   HEAN_ENGINE=wasm node benches/call-profile.mjs [sma,ema,...]   (after npm run build:ts)
//   HEAN_BENCH_BARS (64), HEAN_BENCH_DIST (../dist/index.js), HEAN_BENCH_WASM (wasm/hean_cpp.wasm)
import { readFileSync } from 'node:fs';
import * as plain from './plain.mjs';
import { envInt, fmtNs, makeBars, mdTable } from './harness.mjs';

const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const L = envInt('HEAN_BENCH_BARS', 64);
const CALLS = 20_000;
const bars = makeBars(L, 42);
const d = { close: bars.close.slice(), high: bars.high.slice(), low: bars.low.slice() };
const cases = {
  sma: [['close'], 1, (o) => plain.sma(d.close, 20, o[0])],
  ema: [['close'], 1, (o) => plain.ema(d.close, 20, o[0])],
  rsi: [['close'], 1, (o) => plain.rsi(d.close, 14, o[0])],
  macd: [['close'], 3, (o) => plain.macd(d.close, 12, 26, 9, o[0], o[1], o[2])],
  bbands: [['close'], 3, (o) => plain.bbands(d.close, 20, 2, o[0], o[1], o[2])],
  atr: [['high', 'low', 'close'], 1, (o) => plain.atr(d.high, d.low, d.close, 14, o[0])],
};
const only = process.argv[2] ? process.argv[2].split(',') : Object.keys(cases);

// Our own instance of the module (the same file the engine loads), for the raw export.
const wasmFile = process.env.HEAN_BENCH_WASM ?? new URL('../wasm/hean_cpp.wasm', import.meta.url);
const nosys = () => 52;
let mem;
const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
  wasi_snapshot_preview1: {
    environ_sizes_get: (a, b) => (new DataView(mem.buffer).setUint32(a, 0, true), new DataView(mem.buffer).setUint32(b, 0, true), 0),
    environ_get: () => 0, fd_close: nosys, fd_seek: nosys, fd_write: nosys, proc_exit: () => { throw new Error('exit'); },
  },
});
const x = instance.exports;
mem = x.memory;
x._initialize();
const ids = new Map(hean.indicators().map((m) => [m.name, m]));

let unique = 0;
function per(body, env) {
  return interleaved([[body, env]])[0];
}

/** Median ns per call of each [body, env], their runs interleaved (one run of each in turn). */
function interleaved(list) {
  const loops = list.map(([body, env]) => {
    const loop = new Function(...Object.keys(env), 'n', `// ${unique++}\nlet r; for (let i = 0; i < n; i++) r = ${body}; return r;`);
    const vals = Object.values(env);
    loop(...vals, CALLS);
    loop(...vals, CALLS);
    return () => loop(...vals, CALLS);
  });
  // CPU time of this process (the machine is shared: wall time measures the neighbours).
  const s = loops.map(() => []);
  for (let r = 0; r < 9; r++) {
    loops.forEach((run, j) => {
      const c0 = process.cpuUsage();
      run();
      const c = process.cpuUsage(c0);
      s[j].push((c.user + c.system) * 1000);
    });
  }
  return s.map((t) => (t.sort((a, b) => a - b), t[4] / CALLS));
}

const rows = [];
for (const name of only) {
  const [ins, nOut, pf] = cases[name];
  const m = ids.get(name);
  const outs = Array.from({ length: nOut }, () => new Float64Array(L));
  const out = nOut === 1 ? outs[0] : Object.fromEntries(m.outputs.map((k, j) => [k, outs[j]]));
  const args = ins.map((k) => `d.${k}`).join(', ');
  // The same call with inputs and outputs resident (wasmArena): no copy in or out.
  const arena = hean.wasmArena((ins.length + nOut) * L);
  const rd = Object.fromEntries(ins.map((k) => [k, arena.array(L)]));
  ins.forEach((k) => rd[k].set(d[k]));
  const routs = outs.map(() => arena.array(L));
  const rout = nOut === 1 ? routs[0] : Object.fromEntries(m.outputs.map((k, j) => [k, routs[j]]));
  const rargs = ins.map((k) => `rd.${k}`).join(', ');
  const [full, resident, js] = interleaved([
    [`f(${args}, undefined, out)`, { f: hean[name], d, out }],
    [`f(${rargs}, undefined, rout)`, { f: hean[name], rd, rout }],
    ['pf(outs)', { pf, outs }],
  ]);
  // (the plain loop wrote into outs last: the hean call again, then the two must agree bit for bit)
  hean[name](...ins.map((k) => d[k]), undefined, out);
  const same = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
  routs.forEach((r, j) => {
    if (!same(r, outs[j])) throw new Error(`${name}: the resident call's ${m.outputs[j]} differs from the copying call's`);
  });
  arena.free();
  // Raw export: options, inputs, outputs and pointer slots laid out once in linear memory.
  const base = x.hean_alloc(8 * (8 + (ins.length + nOut) * L) + 64);
  const ptrs = base + 8 * (8 + (ins.length + nOut) * L);
  const h = new Float64Array(mem.buffer);
  const u = new Uint32Array(mem.buffer);
  m.options.forEach((o, k) => (h[(base >> 3) + k] = o.default));
  const inAt = ins.map((_, k) => base + 64 + 8 * L * k);
  const outAt = outs.map((_, k) => base + 64 + 8 * L * (ins.length + k));
  ins.forEach((k, j) => { h.set(d[k], inAt[j] >> 3); u[(ptrs >> 2) + j] = inAt[j]; });
  outAt.forEach((a, j) => (u[(ptrs >> 2) + 6 + j] = a));
  const call = x.hean_call;
  const raw = per(`call(id, p, L, o, q)`, { call, id: m.id, p: ptrs, L, o: base, q: ptrs + 24 });
  // The indicator's own export (hean_call_<name>: no table lookup), where the build has it.
  const own = x[`hean_call_${name}`];
  const rawOwn = own ? per(`call(p, L, o, q)`, { call: own, p: ptrs, L, o: base, q: ptrs + 24 }) : NaN;
  const views = [...ins.map((_, j) => h.subarray(inAt[j] >> 3, (inAt[j] >> 3) + L)), ...outs.map((_, j) => h.subarray(outAt[j] >> 3, (outAt[j] >> 3) + L))];
  const srcs = ins.map((k) => d[k]);
  const copyBody = `(${srcs.map((_, j) => `v${j}.set(s${j})`).join(', ')}, call(id, p, L, o, q), ${outs.map((_, j) => `y${j}.set(v${ins.length + j})`).join(', ')})`;
  const env = { call, id: m.id, p: ptrs, L, o: base, q: ptrs + 24 };
  views.forEach((v, j) => (env[`v${j}`] = v));
  srcs.forEach((s, j) => (env[`s${j}`] = s));
  outs.forEach((y, j) => (env[`y${j}`] = y));
  const copies = per(copyBody, env);
  const empty = per('v()', { v: x.hean_abi_version });
  const fullAlloc = per(`f(${args})`, { f: hean[name], d });
  const jsAlloc = per(`pf([${outs.map(() => 'new Float64Array(L)').join(', ')}])`, { pf, L });
  const copyOnly = per(`(${copyBody.slice(1, -1).replace('call(id, p, L, o, q), ', '')})`, env);
  rows.push([name, fmtNs(full), fmtNs(resident), (resident / js).toFixed(2), fmtNs(copies), fmtNs(raw), fmtNs(rawOwn), fmtNs(empty), fmtNs(js), (full / js).toFixed(2), fmtNs(copyOnly), fmtNs(fullAlloc), fmtNs(jsAlloc), (fullAlloc / jsAlloc).toFixed(2)]);
}
console.log(`${L} bars, ns per call (CPU time, median of 9 runs of ${CALLS} calls), engine ${hean.engine()}`);
console.log(mdTable(['indicator', 'hean call', 'resident', 'resident/plain', 'hean_call + copies', 'hean_call alone', 'hean_call_<name> alone', 'empty WASM call', 'plain JS', 'hean/plain', 'copies alone', 'hean alloc', 'plain alloc', 'hean/plain alloc'], rows));
