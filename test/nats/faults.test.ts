// Faults of the risk service on a real nats-server: the service process SIGKILLed in the
// middle of a load and restarted reaches exactly the state of a reference engine fed the
// acknowledged events (plus, at most, the one request in flight, which may have been
// journaled before the kill); and a nats-server restart loses nothing acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskEngine, type OrderRequest } from '../../src/index.js';
import { RemoteRiskEngine, serveRisk } from '../../src/nats/index.js';
import { rng } from '../helpers.js';
import { bundle } from '../support/child.js';
import { startNats, type NatsServer } from './server.js';

const T0 = 1_700_000_000_000;
const CONFIG = {
  account: { maxOpenOrders: 100_000, maxOrdersPerWindow: 0 },
  instruments: [{ rules: { symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' }, limits: { maxPosition: 50 } }],
};
const fresh = () => {
  const e = new RiskEngine(CONFIG.account);
  for (const i of CONFIG.instruments) e.addInstrument(i.rules, i.limits);
  return e;
};

let srv: NatsServer;
let nc: NatsConnection;
const dir = mkdtempSync(join(tmpdir(), 'hean-faults-'));
beforeAll(async () => {
  srv = await startNats();
  nc = await connect({ servers: srv.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 });
});
afterAll(async () => {
  await nc?.close();
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `hean serve-risk` in a child process; resolves once it serves. */
async function serveChild(config: string): Promise<ChildProcess> {
  const cli = await bundle('src/cli/bin.ts');
  const child = spawn(process.execPath, [cli, 'serve-risk', '--nats', srv.url, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => out.includes('serving') && (clearInterval(t), resolve()), 10);
    child.once('exit', (c) => (clearInterval(t), reject(new Error(`serve-risk exited ${c}: ${out}`))));
  });
  return child;
}

/** Step k of the load, applied to `e` and sent through `r`: orders, or fills of open orders. */
function step(e: RiskEngine, r: RemoteRiskEngine, k: number, rand: () => number): Promise<unknown> {
  const now = T0 + k * 10;
  if (k % 4 === 3) {
    const open = e.openOrders().slice(0, 4);
    for (const o of open) e.fill(o.clientId, o.leaves, o.price, 0.01, now);
    return Promise.all(open.map((o) => r.fill(o.clientId, o.leaves, o.price, 0.01, now)));
  }
  const orders: OrderRequest[] = Array.from({ length: 1 + Math.floor(rand() * 30) }, (_, i) => ({
    clientId: k * 1000 + i,
    instrument: 'BTCUSDT',
    side: rand() < 0.5 ? 'buy' : 'sell',
    price: 30_000 + Math.round((rand() - 0.5) * 400) / 10,
    qty: Math.ceil(rand() * 50) / 1000,
  }));
  const want = orders.map((o) => e.submit(o, now).code);
  return Promise.all(orders.map((o) => r.submit(o, now))).then((got) => expect(got.map((g) => g.code)).toEqual(want));
}

describe('risk service faults', () => {
  it('SIGKILL mid-load, restart: the state is the acknowledged events\' (or with the one in flight)', async () => {
    const config = join(dir, 'kill.json');
    writeFileSync(config, JSON.stringify({ ...CONFIG, name: 'kill', leaseMs: 1500, snapshotEvery: 40 }));
    const remote = new RemoteRiskEngine(nc, { name: 'kill', timeout: 3000 });
    const shadow = fresh();
    const rand = rng(5);
    for (let round = 0; round < 3; round++) {
      const child = await serveChild(config);
      const exited = new Promise((r) => child.once('exit', r));
      if (round === 0) {
        shadow.mark(0, 30_000, T0);
        await remote.mark(0, 30_000, T0);
      }
      const killAt = 20 + Math.floor(rand() * 40);
      let before = shadow.snapshot();
      for (let k = round * 100 + 1; ; k++) {
        before = shadow.snapshot();
        const p = step(shadow, remote, k, rand);
        if (k === round * 100 + killAt) {
          await new Promise((r) => setImmediate(r));
          child.kill('SIGKILL');
          await p.catch(() => undefined);
          break;
        }
        await p;
      }
      await exited;
      const again = await serveChild(config);
      const againExited = new Promise((r) => again.once('exit', r));
      const state = new Uint8Array(await remote.snapshot());
      const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
      expect(same(state, shadow.snapshot()) || same(state, before), `round ${round}: restored state matches neither reference`).toBe(true);
      // Continue from what the service has.
      shadow.restore(state);
      again.kill('SIGTERM');
      await againExited;
    }
  }, 60_000);

  it('a nats-server restart loses nothing acknowledged; the service carries on', async () => {
    const svcNc = await connect({ servers: srv.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 });
    const engine = fresh();
    const svc = await serveRisk(svcNc, engine, { name: 'restart', leaseMs: 5000 });
    const remote = new RemoteRiskEngine(nc, { name: 'restart', timeout: 2000 });
    const ref = fresh();
    ref.mark(0, 30_000, T0);
    await remote.mark(0, 30_000, T0);
    const rand = rng(9);
    for (let k = 1; k <= 20; k++) await step(ref, remote, k, rand);
    await srv.stop();
    await srv.start();
    // Retry until both connections are back.
    for (let i = 0; ; i++) {
      try {
        await remote.account();
        break;
      } catch (e) {
        if (i > 200) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    for (let k = 21; k <= 40; k++) await step(ref, remote, k, rand);
    expect(Buffer.from(engine.snapshot())).toEqual(Buffer.from(ref.snapshot()));
    // And the journal alone rebuilds it.
    await svc.stop({ snapshot: false });
    const rebuilt = new RiskEngine();
    const svc2 = await serveRisk(svcNc, rebuilt, { name: 'restart' });
    expect(Buffer.from(rebuilt.snapshot())).toEqual(Buffer.from(ref.snapshot()));
    await svc2.stop();
    await svcNc.close();
  }, 60_000);
});
