// A/B of two builds of the C++ addon on one kernel each: rounds alternate A and B (fresh
// processes, HEAN_CPP_ADDON naming the file), each timing calls with `out` on the bench's
// bars in CPU time (the machine is shared: wall time measures the neighbours). Prints, per
// indicator, the median ns/bar of each build over the rounds and B's speed-up, and whether
// the two builds' outputs are the same bits (a same-bits speed change must say yes).
//   node benches/ab-cpu.mjs A.node B.node trima,hma      (after npm run build:ts)
//   HEAN_BENCH_BARS (1,000,000), HEAN_AB_ROUNDS (7)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { envInt, makeBars } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);

if (process.argv[2] === '--child') {
  // One build, one indicator: the median CPU time of 9 calls after 2 warm-up calls.
  const hean = await import('../dist/index.js');
  const name = process.argv[3];
  const meta = hean.indicators().find((m) => m.name === name);
  if (!meta) throw new RangeError(`no indicator named ${name}`);
  const bars = makeBars(N, 42);
  const ins = meta.inputs.map((k, i) => bars[k] ?? (i === 0 ? bars.close : bars.high));
  const out = meta.outputs.length === 1 ? new Float64Array(N) : Object.fromEntries(meta.outputs.map((o) => [o, new Float64Array(N)]));
  const f = hean[name];
  const s = [];
  for (let r = 0; r < 11; r++) {
    const c0 = process.cpuUsage();
    f(...ins, {}, out);
    const c = process.cpuUsage(c0);
    if (r >= 2) s.push(((c.user + c.system) * 1000) / N);
  }
  s.sort((a, b) => a - b);
  const h = createHash('sha256');
  for (const o of meta.outputs.length === 1 ? [out] : Object.values(out)) h.update(new Uint8Array(o.buffer));
  process.stdout.write(`${s[s.length >> 1]} ${h.digest('hex')}`);
} else {
  const [a, b, names] = process.argv.slice(2);
  if (!a || !b || !names) throw new TypeError('usage: node benches/ab-cpu.mjs A.node B.node name[,name...]');
  const rounds = envInt('HEAN_AB_ROUNDS', 7);
  const self = fileURLToPath(import.meta.url);
  const run = (file, name) => {
    const r = spawnSync(process.execPath, [self, '--child', name], { env: { ...process.env, HEAN_CPP_ADDON: file }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [ns, hash] = r.stdout.split(' ');
    hashes.add(hash);
    return Number(ns);
  };
  const med = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
  let hashes;
  for (const name of names.split(',')) {
    hashes = new Set();
    const ta = [], tb = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so a drift in the neighbours' load hits both alike.
      if (r & 1) (tb.push(run(b, name)), ta.push(run(a, name)));
      else (ta.push(run(a, name)), tb.push(run(b, name)));
    }
    const ma = med(ta), mb = med(tb);
    console.log(`${name.padEnd(12)} A ${ma.toFixed(3)} ns/bar  B ${mb.toFixed(3)} ns/bar  A/B ${(ma / mb).toFixed(3)}×  (CPU, median of ${rounds} rounds), ${hashes.size === 1 ? 'same bits' : 'BITS DIFFER'}`);
  }
}
