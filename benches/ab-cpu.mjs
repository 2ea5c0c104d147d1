// A/B of two builds of the C++ addon on one kernel each: rounds alternate A and B (fresh
// processes, HEAN_CPP_ADDON naming the file), each timing calls with `out` on the bench's
// bars in CPU time (the machine is shared: wall time measures the neighbours; a short
// series' calls many to a sample). Prints, per indicator, the median ns/bar of each build over the rounds and B's speed-up, and whether
// the two builds' outputs are the same bits (a same-bits speed change must say yes).
// With HEAN_AB_PEER=1, @ixjb94/indicators' function of the same name (hean's inputs and
// default options, as benches/functions.mjs calls it) is timed the same way in the same
// rounds, and B's CPU-time ratio to it printed: issue 15's ratio without the neighbours'
// load in it (functions.mjs times wall clock).
//   node benches/ab-cpu.mjs A.node B.node trima,hma      (after npm run build:ts)
//   node benches/ab-cpu.mjs A.wasm B.wasm tsf            (two builds of the WASM engine)
//   HEAN_BENCH_BARS (1,000,000), HEAN_AB_ROUNDS (7), HEAN_AB_PEER
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { envInt, makeBars, outFor } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);

if (process.argv[2] === '--child') {
  // One build, one indicator: the median CPU time of 9 calls after 2 warm-up calls. A build
  // named *.wasm is the WASM engine from that file (through hean/web's init).
  const wasmFile = process.env.HEAN_CPP_ADDON?.endsWith('.wasm') ? process.env.HEAN_CPP_ADDON : undefined;
  const hean = await import(wasmFile ? '../dist/web.js' : '../dist/index.js');
  if (wasmFile) await hean.init((await import('node:fs')).readFileSync(wasmFile));
  const name = process.argv[3];
  const meta = hean.indicators().find((m) => m.name === name);
  if (!meta) throw new RangeError(`no indicator named ${name}`);
  const bars = makeBars(N, 42);
  const ins = meta.inputs.map((k, i) => bars[k] ?? (i === 0 ? bars.close : bars.high));
  const out = outFor(meta, N);
  let f = (...a) => hean[name](...a, {}, out);
  if (process.argv[4] === 'peer') {
    const { createRequire } = await import('node:module');
    const ix = new (createRequire(import.meta.url)('@ixjb94/indicators').IndicatorsSync)();
    // As functions.mjs: only the options the peer's function takes (kama takes the period
    // alone; passed fast and slow too, it returned at once and timed nothing).
    // The peer's name where it differs, as functions.mjs finds it: SAR is its psar, TRANGE its tr, and
    // otherwise hean's name lower-cased (aroonOsc: aroonosc).
    const pn = { sar: 'psar', trange: 'tr' }[name] ?? name;
    const pf = ix[pn] ?? ix[pn.toLowerCase()];
    const opts = meta.options.map((o) => o.default).slice(0, Math.max(0, (pf?.length ?? 0) - ins.length));
    f = (...a) => pf.call(ix, ...a, ...opts);
  }
  // A sample is `reps` calls: cpuUsage counts microseconds, more than a short series' call
  // takes (64 bars: ~1 us), so short series are timed 200,000 bars at a time.
  const reps = Math.ceil(200_000 / N);
  const s = [];
  let r0;
  for (let r = 0; r < 11; r++) {
    const c0 = process.cpuUsage();
    for (let k = 0; k < reps; k++) r0 = f(...ins);
    const c = process.cpuUsage(c0);
    if (r >= 2) s.push(((c.user + c.system) * 1000) / (N * reps));
  }
  s.sort((a, b) => a - b);
  const h = createHash('sha256');
  if (process.argv[4] === 'peer') h.update(String(r0.at(-1)));
  else for (const o of meta.outputs.length === 1 ? [out] : Object.values(out)) h.update(new Uint8Array(o.buffer));
  process.stdout.write(`${s[s.length >> 1]} ${h.digest('hex')}`);
} else {
  const [a, b, names] = process.argv.slice(2);
  if (!a || !b || !names) throw new TypeError('usage: node benches/ab-cpu.mjs A.node|A.wasm B.node|B.wasm name[,name...]');
  const rounds = envInt('HEAN_AB_ROUNDS', 7);
  const self = fileURLToPath(import.meta.url);
  const run = (file, name, peer) => {
    const args = [self, '--child', name, ...(peer ? ['peer'] : [])];
    const r = spawnSync(process.execPath, args, { env: { ...process.env, HEAN_CPP_ADDON: file }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [ns, hash] = r.stdout.split(' ');
    if (!peer) hashes.add(hash);
    return Number(ns);
  };
  const withPeer = process.env.HEAN_AB_PEER === '1';
  const med = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
  let hashes;
  for (const name of names.split(',')) {
    hashes = new Set();
    const ta = [], tb = [], tp = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so a drift in the neighbours' load hits both alike.
      if (r & 1) (tb.push(run(b, name)), ta.push(run(a, name)));
      else (ta.push(run(a, name)), tb.push(run(b, name)));
      if (withPeer) tp.push(run(b, name, true));
    }
    const ma = med(ta), mb = med(tb);
    const peer = withPeer ? `; @ixjb94 ${med(tp).toFixed(3)} ns/bar: A ${(med(tp) / ma).toFixed(2)}×, B ${(med(tp) / mb).toFixed(2)}×` : '';
    console.log(`${name.padEnd(12)} A ${ma.toFixed(3)} ns/bar  B ${mb.toFixed(3)} ns/bar  A/B ${(ma / mb).toFixed(3)}×  (CPU, median of ${rounds} rounds), ${hashes.size === 1 ? 'same bits' : 'BITS DIFFER'}${peer}`);
  }
}
