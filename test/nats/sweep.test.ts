// Distributed sweeps on a real nats-server: workers pull grid chunks from the work queue;
// the gathered metrics equal a local backtest.maCrossGrid; a duplicate result is ignored;
// a worker SIGKILLed mid-chunk has its chunk redelivered to another worker.
import { spawn } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest, type MaGridOptions } from '../../src/index.js';

const metricNames = backtest.metricNames;
import { runWorker, SWEEP, sweepFromSignals, sweepMaCrossGrid } from '../../src/nats/index.js';
import { rng } from '../helpers.js';
import { bundle } from '../support/child.js';
import { startNats, type NatsServer } from './server.js';

function walk(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const x = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) x[i] = p *= 1 + (r() - 0.5) * 0.02;
  return x;
}

let srv: NatsServer;
let nc: NatsConnection;
beforeAll(async () => {
  srv = await startNats();
  nc = await connect({ servers: srv.url });
});
afterAll(async () => {
  await nc?.close();
  await srv?.close();
});

describe('sweepMaCrossGrid', () => {
  it('gathers exactly the local grid from two workers, ignoring a duplicate result', async () => {
    const close = walk(3000, 1);
    const options: MaGridOptions = { fast: [2, 3, 5, 8, 13], slow: [10, 20, 30, 40, 60, 90], fees: 0.001, maType: 'ema', direction: 'both', stopLoss: 0.05 };
    const local = backtest.maCrossGrid({ close }, options);
    const wa = await connect({ servers: srv.url });
    const wb = await connect({ servers: srv.url });
    const workers = [await runWorker(wa, { ackWaitMs: 5000 }), await runWorker(wb, { ackWaitMs: 5000 })];
    // A spy answers chunk 0 itself first: under the workers' message id (so a worker's result
    // for it is dropped by the stream), then again under another id (which reaches the
    // client and must be ignored).
    const spy = nc.subscribe(SWEEP.jobSubject, {
      callback: (_e, m) => void (async () => {
        const job = m.json<{ id: string; k: number; fast: number[]; slow: number[]; options: object }>();
        if (job.k !== 0) return;
        const r = backtest.maCrossGrid({ close }, { ...job.options, fast: job.fast, slow: job.slow, pairs: true });
        const out = new Float64Array(r.combinations * metricNames.length);
        metricNames.forEach((name, j) => out.set(r.metrics[name], j * r.combinations));
        const { jetstream } = await import('@nats-io/jetstream');
        for (const tag of ['', 'b']) {
          const h = headers();
          h.set('Hean-Chunk', '0');
          await jetstream(nc).publish(`${SWEEP.resultSubject}.${job.id}`, new Uint8Array(out.buffer), { msgID: `${job.id}.0${tag}`, headers: h });
        }
      })(),
    });
    await nc.flush();
    const got = await sweepMaCrossGrid(nc, { close }, options, { chunk: 4, ackWaitMs: 5000 });
    spy.unsubscribe();
    expect(got.combinations).toBe(local.combinations);
    expect(got.chunks).toBe(Math.ceil(local.combinations / 4));
    expect(got.duplicates).toBeGreaterThanOrEqual(1);
    expect(got.fast).toEqual(local.fast);
    expect(got.slow).toEqual(local.slow);
    for (const m of metricNames) expect(got.metrics[m], m).toEqual(local.metrics[m]);
    // Both workers took part (chunks are pulled one at a time).
    expect(workers.map((w) => w.done).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(got.chunks - 1);
    await Promise.all(workers.map((w) => w.stop()));
    await wa.close();
    await wb.close();
  });

  it('sweepFromSignals gathers exactly local fromSignals metrics, chunks keeping each column\'s asset', async () => {
    const bars = 2000;
    const close = new Float64Array(2 * bars);
    close.set(walk(bars, 4), 0);
    close.set(walk(bars, 5), bars);
    const columns = 10;
    const r = rng(6);
    const entries = new Uint8Array(columns * bars).map(() => (r() < 0.02 ? 1 : 0));
    const exits = new Uint8Array(columns * bars).map(() => (r() < 0.02 ? 1 : 0));
    const options = { assets: 2, fees: 0.001, stopLoss: 0.03, direction: 'both' as const };
    const local = backtest.fromSignals({ close, entries, exits }, { ...options, trades: false });
    const wc = await connect({ servers: srv.url });
    const w = await runWorker(wc, { ackWaitMs: 5000 });
    const got = await sweepFromSignals(nc, { close, entries, exits }, options, { chunk: 3, ackWaitMs: 5000 });
    expect(got.columns).toBe(columns);
    expect(got.chunks).toBe(3); // chunks of 4 columns (3 rounded up to a multiple of 2 assets)
    for (const m of metricNames) expect(got.metrics[m], m).toEqual(local.metrics[m]);
    await expect(sweepFromSignals(nc, { close, entries, exits }, { ...options, groups: [2, 8] })).rejects.toThrow(RangeError);
    await w.stop();
    await wc.close();
  });

  it('rejects bad options locally, with the local call\'s error', async () => {
    const close = walk(100, 2);
    await expect(sweepMaCrossGrid(nc, { close }, { fast: [10], slow: [5] })).rejects.toThrow(RangeError);
    await expect(sweepMaCrossGrid(nc, { close }, { fast: [2], slow: [5], fees: -3 })).rejects.toThrow(RangeError);
  });

  it('redelivers the chunk of a worker SIGKILLed mid-chunk; the gathered grid still equals the local one', async () => {
    const close = walk(400_000, 3);
    const options: MaGridOptions = { fast: [5, 10, 20, 30, 40, 50], slow: [60, 80, 100, 150, 200, 300], fees: 0.0005 };
    const local = backtest.maCrossGrid({ close }, options);
    const cli = await bundle('src/cli/bin.ts');
    const child = spawn(process.execPath, [cli, 'worker', '--nats', srv.url, '--ack-wait', '1500'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => out.includes('waiting for chunks') && (clearInterval(t), resolve()), 20);
      setTimeout(() => (clearInterval(t), reject(new Error(`worker did not start: ${out}`))), 20_000);
    });
    const sweep = sweepMaCrossGrid(nc, { close }, options, { chunk: 12, ackWaitMs: 1500 });
    // Kill the worker while it holds a chunk (acknowledgement pending).
    const jsm = await jetstreamManager(nc);
    for (;;) {
      const ci = await jsm.consumers.info(SWEEP.jobs, SWEEP.consumer);
      if (ci.num_ack_pending > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    const killedDone = (out.match(/chunk \d+/g) ?? []).length;
    const wc = await connect({ servers: srv.url });
    const deliveries: number[] = [];
    const w = await runWorker(wc, { ackWaitMs: 1500, onChunk: (c) => deliveries.push(c.delivery) });
    const got = await sweep;
    // The killed worker's chunk came to this one on a second delivery.
    expect(Math.max(...deliveries)).toBeGreaterThanOrEqual(2);
    expect(killedDone).toBeLessThan(got.chunks);
    for (const m of metricNames) expect(got.metrics[m], m).toEqual(local.metrics[m]);
    await w.stop();
    await wc.close();
  });
});
