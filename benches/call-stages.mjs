// Where a short copying call's time goes, stage by stage (issue 11: "per call on 64 bars no
// slower than the plain JS loop"): one indicator call on 64 bars with ordinary
// Float64Arrays (the copying path: inputs copied into WASM linear memory, outputs copied
// back), `out` given, default options, WASM engine. Cumulative stages, each the previous
// plus one step, all measured interleaved (one run of each in turn, CPU time of this
// process, median of the rounds):
//   wasm      the indicator's own export (hean_call_<name>) alone, inputs, outputs and
//             options already in linear memory: the JS->WASM call, the entry (option check,
//             finiteness pass, lookback, kernel dispatch) and the kernel
//   +opts     + the default options written into linear memory
//   +in       + each input copied in (Float64Array set() through the intrinsic, one per input)
//   +out      + each output copied out (the same, from a view kept across calls)
//   +result   + the result object of a multi-output indicator (a literal of the outputs)
//   engine    the WASM engine's call() (src/wasm/engine.ts), with what it adds to +out: the
//             resident checks, the layout check, the option loop, the error check
//   hean      the public call: + argument checks (kinds, lengths, `out`), options and
//             engine dispatch (src/core/indicator.ts's quick path) and the result object
// plus the plain JS loop (benches/plain.mjs) and the resident call (inputs and `out` in a
// wasmArena: no copies). Stage costs are the differences of neighbouring columns.
//   npm run build:ts && node benches/call-stages.mjs [sma,ema,...]
//   HEAN_BENCH_BARS (64), HEAN_BENCH_ROUNDS (9), HEAN_BENCH_CALLS (20000)
// and the allocating call (no `out`: pooled results).
//   HEAN_BENCH_BASE=<dir>/dist/index.js: also the public calls of another build (e.g. main's:
//   git archive main | tar -x -C <dir>, link node_modules and wasm/, node scripts/build-ts.mjs),
//   interleaved with the rest, for before/after ratios measured under the same load
// src/wasm/engine.ts is bundled here with esbuild (a second engine instance, over the same
// wasm/hean_cpp.wasm as dist/) so its call() can be timed without the public wrapper.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import * as plain from './plain.mjs';
import { envInt, fmtNs, makeBars, mdTable } from './harness.mjs';

process.env.HEAN_ENGINE = 'wasm';
const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const base = process.env.HEAN_BENCH_BASE ? await import(process.env.HEAN_BENCH_BASE) : undefined;
const L = envInt('HEAN_BENCH_BARS', 64);
const ROUNDS = envInt('HEAN_BENCH_ROUNDS', 9);
const CALLS = envInt('HEAN_BENCH_CALLS', 20_000);
const bars = makeBars(L, 42);
const d = { close: bars.close.slice(), high: bars.high.slice(), low: bars.low.slice() };
const cases = {
  sma: [['close'], (o) => plain.sma(d.close, 20, o[0])],
  ema: [['close'], (o) => plain.ema(d.close, 20, o[0])],
  rsi: [['close'], (o) => plain.rsi(d.close, 14, o[0])],
  macd: [['close'], (o) => plain.macd(d.close, 12, 26, 9, o[0], o[1], o[2])],
  bbands: [['close'], (o) => plain.bbands(d.close, 20, 2, o[0], o[1], o[2])],
  atr: [['high', 'low', 'close'], (o) => plain.atr(d.high, d.low, d.close, 14, o[0])],
};
const only = process.argv[2] ? process.argv[2].split(',') : Object.keys(cases);

const bundled = await build({ entryPoints: [new URL('../src/wasm/engine.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', write: false });
const { instantiateWasmEngine } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
const engine = instantiateWasmEngine(readFileSync(new URL('../wasm/hean_cpp.wasm', import.meta.url)));
// The engine's raw exports and memory (a private field: the bench reads where the engine writes).
const x = engine.x;

let unique = 0;
/** Median ns per call of each [body (an expression, or statements setting r), env], their runs interleaved (one run of each in turn). */
function interleaved(list) {
  const loops = list.map(([body, env]) => {
    const stmts = body.includes(';') ? body : `r = ${body};`;
    const loop = new Function(...Object.keys(env), 'n', `// ${unique++}\nlet r; for (let i = 0; i < n; i++) { ${stmts} } return r;`);
    const vals = Object.values(env);
    loop(...vals, CALLS);
    loop(...vals, CALLS);
    return () => loop(...vals, CALLS);
  });
  const s = loops.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    loops.forEach((run, j) => {
      const c0 = process.cpuUsage();
      run();
      const c = process.cpuUsage(c0);
      s[j].push((c.user + c.system) * 1000);
    });
  }
  return s.map((t) => (t.sort((a, b) => a - b), t[t.length >> 1] / CALLS));
}

const same = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
const ids = new Map(hean.indicators().map((m) => [m.name, m]));
const rows = [];
for (const name of only) {
  const [ins, pf] = cases[name];
  const m = ids.get(name);
  const nIn = ins.length;
  const nOut = m.outputs.length;
  const outs = Array.from({ length: nOut }, () => new Float64Array(L));
  const out = nOut === 1 ? outs[0] : Object.fromEntries(m.outputs.map((k, j) => [k, outs[j]]));
  const srcs = ins.map((k) => d[k]);
  // Linear memory: options (8 doubles), the inputs, the outputs, then the pointer slots.
  const at = x.hean_alloc(8 * (8 + (nIn + nOut) * L) + 64);
  const ptrs = at + 8 * (8 + (nIn + nOut) * L);
  const h = new Float64Array(x.memory.buffer);
  const u = new Uint32Array(x.memory.buffer);
  const defaults = Float64Array.from(m.options, (o) => o.default);
  const inAt = ins.map((_, k) => (at >> 3) + 8 + L * k);
  const outAt = outs.map((_, k) => (at >> 3) + 8 + L * (nIn + k));
  inAt.forEach((a, j) => { h.set(srcs[j], a); u[(ptrs >> 2) + j] = a * 8; });
  outAt.forEach((a, j) => (u[(ptrs >> 2) + 6 + j] = a * 8));
  const env = { call: x[`hean_call_${name}`], p: ptrs, L, o: at, q: ptrs + 24, h, b: at >> 3, dv: defaults, nOpt: defaults.length };
  ins.forEach((_, j) => { env[`v${j}`] = h.subarray(inAt[j], inAt[j] + L); env[`s${j}`] = srcs[j]; });
  outs.forEach((y, j) => { env[`w${j}`] = h.subarray(outAt[j], outAt[j] + L); env[`y${j}`] = y; });
  const make = nOut > 1 ? new Function(...m.outputs.map((_, j) => `y${j}`), `return { ${m.outputs.map((k, j) => `${JSON.stringify(k)}: y${j}`).join(', ')} };`) : undefined;
  env.make = make;
  env.tset = Float64Array.prototype.set;
  const wasm = 'r = call(p, L, o, q);';
  const opts = `for (let k = 0; k < nOpt; k++) h[b + k] = dv[k]; ${wasm}`;
  // (through the intrinsic, as the engine copies: a `.set` load from a typed array is an IC stub call)
  const copyIn = ins.map((_, j) => `tset.call(v${j}, s${j});`).join(' ');
  const copyOut = outs.map((_, j) => `tset.call(y${j}, w${j});`).join(' ');
  const withIn = `for (let k = 0; k < nOpt; k++) h[b + k] = dv[k]; ${copyIn} ${wasm}`;
  const withOut = `${withIn} ${copyOut}`;
  const withResult = nOut > 1 ? `${withOut} r = make(${outs.map((_, j) => `y${j}`).join(', ')});` : withOut;
  // The engine's call() and the public call, copying and resident.
  const xs = [0, 1, 2].map((j) => srcs[j]);
  const ys = [0, 1, 2].map((j) => outs[j]);
  const eEnv = { e: engine, id: m.id, dv: defaults, L, nIn, nOut, x0: xs[0], x1: xs[1], x2: xs[2], y0: ys[0], y1: ys[1], y2: ys[2] };
  const eCall = 'e.call(id, dv, undefined, L, nIn, nOut, x0, x1, x2, y0, y1, y2)';
  const args = ins.map((k) => `d.${k}`).join(', ');
  const arena = hean.wasmArena((nIn + nOut) * L);
  const rd = Object.fromEntries(ins.map((k) => [k, arena.array(L)]));
  ins.forEach((k) => rd[k].set(d[k]));
  const routs = outs.map(() => arena.array(L));
  const rout = nOut === 1 ? routs[0] : Object.fromEntries(m.outputs.map((k, j) => [k, routs[j]]));
  const t = interleaved([
    [wasm, env],
    [opts, env],
    [withIn, env],
    [withOut, env],
    [withResult, env],
    [eCall, eEnv],
    [`f(${args}, undefined, out)`, { f: hean[name], d, out }],
    [`f(${ins.map((k) => `rd.${k}`).join(', ')}, undefined, rout)`, { f: hean[name], rd, rout }],
    ['pf(outs)', { pf, outs }],
    [`f(${args})`, { f: hean[name], d }],
    ...(base ? [[`f(${args}, undefined, out)`, { f: base[name], d, out }], [`f(${args})`, { f: base[name], d }]] : []),
  ]);
  // The public call (copying and resident), the engine's call() and the staged copies all
  // write the same bits (the plain loop, run last, wrote outs: each is run again here).
  hean[name](...srcs, undefined, out);
  const want = outs.map((y) => y.slice());
  const again = (body, en) => (new Function(...Object.keys(en), body.includes(';') ? body : `${body};`)(...Object.values(en)), outs.map((y) => y.slice()));
  const forms = [routs, again(eCall, eEnv), again(withOut, env)];
  forms.forEach((got) => got.forEach((y, j) => {
    if (!same(y, want[j])) throw new Error(`${name}: ${m.outputs[j]} differs between the forms measured`);
  }));
  arena.free();
  const [tw, to, ti, tOut, tr, te, th, tres, tp, ta, tb, tba] = t;
  rows.push([name, fmtNs(tw), fmtNs(to - tw), fmtNs(ti - to), fmtNs(tOut - ti), fmtNs(tr - tOut), fmtNs(te - tOut), fmtNs(th - te), fmtNs(th), fmtNs(tres), fmtNs(tp), (th / tp).toFixed(2), (tres / tp).toFixed(2), fmtNs(ta), ...(base ? [fmtNs(tb), (tb / tp).toFixed(2), (th / tb).toFixed(2), fmtNs(tba), (ta / tba).toFixed(2)] : [])]);
}
console.log(`${L} bars, copying call with \`out\`, default options, ns per call (CPU time, median of ${ROUNDS} interleaved runs of ${CALLS} calls); stage = difference of cumulative forms (can be < 0 within noise)`);
console.log(
  mdTable(
    ['indicator', 'WASM call (entry + kernel)', 'options', 'copy in', 'copy out', 'result object', "engine's checks (call() - copies)", 'argument checks + dispatch + result (hean - call())', 'hean call', 'hean resident', 'plain JS', 'hean/plain', 'resident/plain', 'hean allocating', ...(base ? ['base call', 'base/plain', 'hean/base', 'base allocating', 'allocating hean/base'] : [])],
    rows,
  ),
);

// The copy alternatives, by length (HEAN_BENCH_COPY_LENGTHS, default 4,8,16,32,64,256): one
// array into linear memory and one back by set() through the intrinsic (as the engine
// copies), by .set() loaded from the array (an IC stub call in optimized code), and by a JS
// loop; and three outputs copied out by three set() against one set() of 3n (outputs laid
// contiguously in a contiguous destination: possible only for the allocating form, whose
// results could be consecutive views of one slab).
const copyRows = [];
// (the view after the allocation: growing the memory detaches the buffer viewed before it)
const scratch = x.hean_alloc(8 * 6 * 1024) >> 3;
const h = new Float64Array(x.memory.buffer);
for (const n of (process.env.HEAN_BENCH_COPY_LENGTHS ?? '4,8,16,32,64,256').split(',').map(Number)) {
  const src = d.close.length >= n ? d.close.slice(0, n) : makeBars(n, 7).close;
  const dst = new Float64Array(n);
  const view = h.subarray(scratch, scratch + n);
  const three = [0, 1, 2].map(() => new Float64Array(n));
  const block = new Float64Array(3 * n);
  const env = { h, at: scratch, view, src, dst, m: n, tset: Float64Array.prototype.set, o0: three[0], o1: three[1], o2: three[2], w0: h.subarray(scratch, scratch + n), w1: h.subarray(scratch + n, scratch + 2 * n), w2: h.subarray(scratch + 2 * n, scratch + 3 * n), w: h.subarray(scratch, scratch + 3 * n), block };
  const [intrinsic, method, loop, threeSets, oneSet] = interleaved([
    ['tset.call(h, src, at); tset.call(dst, view);', env],
    ['h.set(src, at); dst.set(view);', env],
    ['for (let k = 0; k < m; k++) h[at + k] = src[k]; for (let k = 0; k < m; k++) dst[k] = h[at + k];', env],
    ['tset.call(o0, w0); tset.call(o1, w1); tset.call(o2, w2);', env],
    ['tset.call(block, w);', env],
  ]);
  copyRows.push([n, fmtNs(intrinsic), fmtNs(method), fmtNs(loop), fmtNs(threeSets), fmtNs(oneSet)]);
}
console.log('\nCopies alone, ns (CPU time, median, interleaved)');
console.log(mdTable(['n', 'in + out: set() intrinsic', 'in + out: .set() method', 'in + out: JS loop', '3 outputs: 3 set()', '3 outputs: 1 set() of 3n'], copyRows));
