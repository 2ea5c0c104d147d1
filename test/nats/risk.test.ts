// The risk service on a real nats-server: RemoteRiskEngine against an in-process reference
// engine fed the same calls; discovery; malformed and oversized requests; admin
// permissions; journal + snapshot recovery and a standby taking over the lease.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskEngine, type OrderRequest } from '../../src/index.js';
import { RemoteRiskEngine, RiskServiceError, serveRisk } from '../../src/nats/index.js';
import { rng } from '../helpers.js';
import { startNats, type NatsServer } from './server.js';

const T0 = 1_700_000_000_000;

/** The engine every test starts from: two instruments with marks and some limits. */
export function baseEngine(): RiskEngine {
  const e = new RiskEngine({ maxOpenOrders: 100_000, maxOrdersPerWindow: 0, maxGrossExposure: 5_000_000, dailyLossLimit: 50_000 });
  e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5' }, { maxPosition: 5 });
  e.addInstrument({ symbol: 'ETHUSDT', tickSize: '0.01', qtyStep: '0.01' });
  e.mark(0, 30_000, T0);
  e.mark(1, 2_000, T0);
  return e;
}

/** A random order on the base instruments (some invalid). */
function order(r: () => number, clientId: number): OrderRequest {
  const btc = r() < 0.6;
  const side = r() < 0.5 ? 'buy' : 'sell';
  const px = btc ? 30_000 + Math.round((r() - 0.5) * 2000) / 10 : 2_000 + Math.round((r() - 0.5) * 2000) / 100;
  return {
    clientId,
    instrument: r() < 0.3 ? (btc ? 'BTCUSDT' : 'ETHUSDT') : btc ? 0 : 1,
    side,
    price: r() < 0.05 ? px + 0.03 : px,
    qty: btc ? Math.ceil(r() * 200) / 1000 : Math.ceil(r() * 300) / 100,
    ...(r() < 0.3 ? { strategy: r() < 0.5 ? 'alpha' : 'beta' } : {}),
    ...(r() < 0.1 ? { reduceOnly: true } : {}),
  };
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

describe('serveRisk / RemoteRiskEngine', () => {
  it('answers exactly as an in-process engine fed the same calls, coalescing a tick into one request', async () => {
    const live = baseEngine();
    const ref = baseEngine();
    const svc = await serveRisk(nc, live, { name: 'same' });
    const remote = new RemoteRiskEngine(nc, { name: 'same' });
    const r = rng(7);
    let id = 1;
    for (let round = 0; round < 30; round++) {
      const now = T0 + round * 100;
      const orders = Array.from({ length: 1 + Math.floor(r() * 40) }, () => order(r, id++));
      const submit = round % 3 !== 0;
      const got = await Promise.all(orders.map((o) => (submit ? remote.submit(o, now) : remote.check(o, now))));
      const want = orders.map((o) => (submit ? ref.submit(o, now) : ref.check(o, now)));
      // Messages of rejected submits are explained against the state after the batch (documented).
      const strip = (x: { message: string }[]) => (submit ? x.map(({ message: _m, ...rest }) => rest) : x);
      expect(strip(got)).toEqual(strip(want));
      // fills and cancels of some accepted orders, coalesced
      const open = ref.openOrders();
      const ops: Promise<void>[] = [];
      for (const o of open.slice(0, 5)) {
        if (r() < 0.5) {
          ref.fill(o.clientId, o.leaves, o.price, 0.01, now + 1);
          ops.push(remote.fill(o.clientId, o.leaves, o.price, 0.01, now + 1));
        } else {
          ref.cancel(o.clientId, now + 1);
          ops.push(remote.cancel(o.clientId, now + 1));
        }
      }
      ref.mark('BTCUSDT', 30_000 + round, now + 2);
      ops.push(remote.mark('BTCUSDT', 30_000 + round, now + 2));
      await Promise.all(ops);
    }
    expect(await remote.account()).toEqual(ref.account());
    expect(await remote.positions()).toEqual(ref.positions());
    expect(await remote.strategyPositions()).toEqual(ref.strategyPositions());
    expect(await remote.openOrders()).toEqual(ref.openOrders());
    expect(await remote.checkCancel(999_999_999)).toBe('UnknownOrder');
    await expect(remote.fill(999_999_999, 1, 1, 0, T0)).rejects.toThrow(RangeError);
    expect(Buffer.from(await remote.snapshot())).toEqual(Buffer.from(ref.snapshot()));
    // Discoverable with the services API; one request per tick and endpoint.
    const ping = (await nc.request('$SRV.PING.hean-risk')).json<{ name: string; id: string }>();
    expect(ping.name).toBe('hean-risk');
    const stats = (await nc.request(`$SRV.STATS.hean-risk.${ping.id}`)).json<{ endpoints: { name: string; subject: string; num_requests: number }[] }>();
    const ep = (n: string) => stats.endpoints.find((e) => e.subject === `hean.risk.same.${n}`)!;
    expect(ep('submit').num_requests).toBe(20);
    expect(ep('check').num_requests).toBe(10 + 1);
    const info = (await nc.request(`$SRV.INFO.hean-risk.${ping.id}`)).json<{ endpoints: { subject: string }[] }>();
    expect(info.endpoints.map((e) => e.subject)).toContain('hean.risk.same.admin.state');
    await svc.stop();
  });
});
