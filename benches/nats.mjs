#!/usr/bin/env node
// Benchmark of the NATS risk service (hean/nats) on loopback: a real nats-server -js, the
// service in its own process (`hean serve-risk`), clients here and in child processes.
//
//   node benches/nats.mjs [--quick]        (npm run bench -- nats)
//
// Reports p50/p99 of one check() round trip (targets: p99 < 1 ms), the bare NATS
// request-reply round trip beside it (an echo responder in another process, the floor),
// and checks/s through one service with batched calls from N client processes (target
// ≥ 200K/s), median of several runs. Needs nats-server on PATH and a built dist/.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const T0 = 1_700_000_000_000;
const { connect } = await import('@nats-io/transport-node');
const { RemoteRiskEngine } = await import(join(root, 'dist', 'nats.js'));

// A client process: batched checks for `ms`, prints the count.
if (process.argv[2] === '--client') {
  const [, , , url, ms, size, depth] = process.argv;
  const nc = await connect({ servers: url });
  const r = new RemoteRiskEngine(nc, { name: 'bench' });
  const n = Number(size);
  const batch = { clientIds: new Float64Array(n).map((_, i) => i + 1), instruments: new Uint32Array(n), sides: new Uint8Array(n).map((_, i) => i & 1), prices: new Float64Array(n).map((_, i) => (i & 1 ? 30_010 : 29_990) + (i % 50) / 10), qtys: new Float64Array(n).fill(0.001) };
  let count = 0;
  const end = performance.now() + Number(ms);
  await Promise.all(Array.from({ length: Number(depth) }, async () => {
    while (performance.now() < end) {
      const codes = await r.checkBatch(batch, T0);
      if (codes[0] !== 0) throw new Error(`bench order rejected: ${codes[0]}`);
      count += n;
    }
  }));
  console.log(JSON.stringify({ count }));
  await nc.close();
  process.exit(0);
}

const port = await new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const dir = mkdtempSync(join(tmpdir(), 'hean-bench-nats-'));
const url = `nats://127.0.0.1:${port}`;
const children = [];
const spawnReady = (args, marker) => new Promise((resolve, reject) => {
  const c = spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(c);
  let out = '';
  const on = (d) => { out += d; if (out.includes(marker)) resolve(c); };
  c.stdout.on('data', on);
  c.stderr.on('data', on);
  c.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
});
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];

try {
  await spawnReady(['nats-server', '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'js')], 'Server is ready');
  writeFileSync(join(dir, 'risk.json'), JSON.stringify({ name: 'bench', account: { maxOpenOrders: 1_000_000, maxOrdersPerWindow: 0 }, instruments: [{ rules: { symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' } }] }));
  await spawnReady([process.execPath, join(root, 'dist', 'cli.js'), 'serve-risk', '--nats', url, '--config', join(dir, 'risk.json')], 'serving');
  // Bare request-reply floor: an echo responder in another process.
  const echo = `import { connect } from '@nats-io/transport-node'; const nc = await connect({ servers: '${url}' }); nc.subscribe('bench.echo', { callback: (_e, m) => m.respond(m.data) }); await nc.flush(); console.log('echo ready');`;
  writeFileSync(join(root, 'build', '.bench-echo.mjs'), echo);
  await spawnReady([process.execPath, join(root, 'build', '.bench-echo.mjs')], 'echo ready');

  const nc = await connect({ servers: url });
  const risk = new RemoteRiskEngine(nc, { name: 'bench' });
  await risk.mark('BTCUSDT', 30_000, T0);
  const order = { clientId: 1, instrument: 0, side: 'buy', price: 29_990, qty: 0.001 };
  const N = quick ? 5_000 : 20_000;
  const lat = async (f) => {
    for (let i = 0; i < 1000; i++) await f();
    const t = new Float64Array(N);
    for (let i = 0; i < N; i++) { const a = performance.now(); await f(); t[i] = performance.now() - a; }
    t.sort();
    return { p50: pct(t, 0.5) * 1000, p99: pct(t, 0.99) * 1000 };
  };
  const body = new Uint8Array(64);
  const e = await lat(() => nc.request('bench.echo', body));
  const c = await lat(async () => { const r = await risk.check(order, T0); if (!r.ok) throw new Error(r.message); });
  console.log(`nats: bare request-reply (64 B echo)     p50 ${e.p50.toFixed(0)} µs   p99 ${e.p99.toFixed(0)} µs`);
  console.log(`nats: RemoteRiskEngine.check (1 order)   p50 ${c.p50.toFixed(0)} µs   p99 ${c.p99.toFixed(0)} µs   (target p99 < 1000 µs)`);

  // Coalesced single calls: 1000 check() calls in one tick.
  const tick = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < 500) { await Promise.all(Array.from({ length: 1000 }, (_, i) => risk.check({ ...order, clientId: i + 1 }, T0))); n += 1000; }
    tick.push(n / ((performance.now() - t) / 1000));
  }
  console.log(`nats: check() ×1000 per tick (coalesced)  ${(median(tick) / 1e3).toFixed(0)}K checks/s (median of ${RUNS})`);

  // Journaled submits: every request is written to JetStream before its reply.
  const sub = [];
  let id = 10_000_000;
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < 300) {
      const rs = await Promise.all(Array.from({ length: 1000 }, (_, i) => risk.submit({ clientId: id++, instrument: 0, side: i & 1 ? 'sell' : 'buy', price: i & 1 ? 30_010 : 29_990, qty: 0.001 }, T0)));
      if (!rs[0].ok) throw new Error(rs[0].message);
      n += 1000;
    }
    sub.push(n / ((performance.now() - t) / 1000));
  }
  console.log(`nats: submit() ×1000 per tick (journaled) ${(median(sub) / 1e3).toFixed(0)}K orders/s (median of ${RUNS})`);

  for (const procs of [1, 2]) {
    const rates = [];
    for (let run = 0; run < RUNS; run++) {
      const ms = quick ? 500 : 1000;
      const outs = await Promise.all(Array.from({ length: procs }, () => new Promise((resolve, reject) => {
        const ch = spawn(process.execPath, [fileURLToPath(import.meta.url), '--client', url, String(ms), '4096', '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let o = '';
        ch.stdout.on('data', (d) => (o += d));
        ch.once('exit', (code) => (code === 0 ? resolve(JSON.parse(o).count) : reject(new Error(`client exited ${code}`))));
      })));
      rates.push(outs.reduce((a, b) => a + b, 0) / (ms / 1000));
    }
    console.log(`nats: checkBatch 4096 × 4 in flight, ${procs} client process${procs > 1 ? 'es' : ''}  ${(median(rates) / 1e3).toFixed(0)}K checks/s (median of ${RUNS}; target ≥ 200K/s)`);
  }
  await nc.close();
} finally {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(root, 'build', '.bench-echo.mjs'), { force: true });
}
