// The risk service on a real nats-server: RemoteRiskEngine against an in-process reference
// engine fed the same calls; discovery; malformed and oversized requests; admin
// permissions; journal + snapshot recovery and a standby taking over the lease.
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
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

/** Sends raw bytes to a subject; returns the service error code of the reply ('' if none). */
async function raw(subject: string, body: Uint8Array): Promise<string> {
  const m = await nc.request(subject, body, { timeout: 5000 });
  return m.headers?.get('Nats-Service-Error-Code') ?? '';
}

/** Runs orders, fills and marks through `remote` and `ref` alike. */
async function load(remote: RemoteRiskEngine, ref: RiskEngine, seed: number, rounds: number, firstId: number): Promise<void> {
  const r = rng(seed);
  let id = firstId;
  for (let round = 0; round < rounds; round++) {
    const now = T0 + 10_000 + round * 100;
    const orders = Array.from({ length: 1 + Math.floor(r() * 20) }, () => order(r, id++));
    const got = await Promise.all(orders.map((o) => remote.submit(o, now)));
    expect(got.map((g) => g.code)).toEqual(orders.map((o) => ref.submit(o, now).code));
    const fills = ref.openOrders().slice(0, 3);
    for (const o of fills) ref.fill(o.clientId, o.leaves, o.price, 0.02, now + 1);
    ref.mark(1, 2_000 + round / 100, now + 2);
    await Promise.all([...fills.map((o) => remote.fill(o.clientId, o.leaves, o.price, 0.02, now + 1)), remote.mark(1, 2_000 + round / 100, now + 2)]);
  }
}

describe('bad requests', () => {
  it('malformed, truncated and oversized requests get an error reply and change nothing; the service keeps serving', async () => {
    const live = baseEngine();
    const svc = await serveRisk(nc, live, { name: 'bad', maxRecords: 100, maxBytes: 8192 });
    const remote = new RemoteRiskEngine(nc, { name: 'bad' });
    await remote.submit({ clientId: 1, instrument: 0, side: 'buy', price: 29_990, qty: 0.01 }, T0);
    const before = Buffer.from(live.snapshot());
    const r = rng(3);
    const p = 'hean.risk.bad';
    for (const ep of ['check', 'submit', 'fill', 'cancel', 'mark']) {
      for (let k = 0; k < 30; k++) {
        const junk = new Uint8Array(Math.floor(r() * 200));
        for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(r() * 256);
        if (k % 2 === 0 && junk.length > 4) (junk[0] = 1), (junk[2] = 1 + (k % 3)), (junk[3] = 0);
        expect(await raw(`${p}.${ep}`, junk)).toMatch(/^4\d\d$/);
      }
    }
    expect(await raw(`${p}.check`, new Uint8Array(0))).toBe('400');
    expect(await raw(`${p}.submit`, new Uint8Array(9000))).toBe('413');
    // A valid request, truncated at every length, and a request over maxRecords.
    const ids = new Float64Array(101).map((_, i) => 1000 + i);
    const batch = { clientIds: ids, instruments: new Uint32Array(101), sides: new Uint8Array(101), prices: new Float64Array(101).fill(29_990), qtys: new Float64Array(101).fill(0.01) };
    await expect(remote.submitBatch(batch, T0)).rejects.toMatchObject({ code: 413 });
    await expect(remote.submitBatch(batch, T0)).rejects.toBeInstanceOf(RiskServiceError);
    const { encodeRequest, Op } = await import('../../src/nats/codec.js');
    const valid = encodeRequest([{ op: Op.SUBMIT, now: T0, strategy: 'x', keys: ['BTCUSDT'], n: 2, write: (dv, _u, at) => dv.setFloat64(at, 5, true) }]);
    for (let len = 0; len < valid.length; len++) expect(await raw(`${p}.submit`, valid.subarray(0, len))).toBe('400');
    // A submit sent to the check endpoint (read-only) is refused.
    expect(await raw(`${p}.check`, valid)).toBe('400');
    // Bad JSON on query and admin subjects.
    expect(await raw(`${p}.query`, new TextEncoder().encode('{nope'))).toBe('400');
    expect(await raw(`${p}.query`, new TextEncoder().encode('{"q":"drop"}'))).toBe('400');
    expect(await raw(`${p}.admin.state`, new TextEncoder().encode('[1,'))).toBe('400');
    expect(await raw(`${p}.admin.state`, new TextEncoder().encode('{"state":"OFF","ts":1}'))).toBe('400');
    await expect(remote.setAccountLimits({ maxOpenOrders: -1 })).rejects.toThrow(RangeError);
    expect(Buffer.from(live.snapshot())).toEqual(before);
    // Still serving.
    expect((await remote.check({ clientId: 2, instrument: 'BTCUSDT', side: 'buy', price: 29_990, qty: 0.01 }, T0)).ok).toBe(true);
    await svc.stop();
  });
});

describe('load from a careless client', () => {
  it('a flood of requests whose replies nobody reads does not stop the service or starve another client', async () => {
    const svc = await serveRisk(nc, baseEngine(), { name: 'flood' });
    const flooder = await connect({ servers: srv.url });
    const remote = new RemoteRiskEngine(nc, { name: 'flood' });
    const { encodeRequest, Op } = await import('../../src/nats/codec.js');
    const body = encodeRequest([{ op: Op.CHECK, now: T0, strategy: undefined, keys: [], n: 256, write: (dv, u8, at) => { for (let i = 0; i < 256; i++) { dv.setFloat64(at + 8 * i, i + 1, true); dv.setFloat64(at + 8 * (256 + i), 29_990, true); dv.setFloat64(at + 8 * (512 + i), 0.01, true); } } }]);
    // 20,000 requests (5M checks) with a reply subject no one subscribes to.
    for (let i = 0; i < 20_000; i++) flooder.publish('hean.risk.flood.check', body, { reply: 'nobody.listens' });
    const f = flooder.flush();
    // Answered within the client's request timeout, though queued behind the flood.
    const r = await remote.check({ clientId: 1, instrument: 0, side: 'buy', price: 29_990, qty: 0.01 }, T0);
    expect(r.ok).toBe(true);
    await f;
    expect((await remote.account()).openOrders).toBe(0);
    await flooder.close();
    await svc.stop();
  });
});

describe('journal and snapshots', () => {
  it('a new service restores the latest snapshot and replays the journal to the reference state', async () => {
    for (const snapshotEvery of [1_000_000, 7]) {
      const name = `replay${snapshotEvery}`;
      const ref = baseEngine();
      const svc = await serveRisk(nc, baseEngine(), { name, snapshotEvery });
      const remote = new RemoteRiskEngine(nc, { name });
      await load(remote, ref, 11, 25, 1);
      await remote.setState('REDUCING', T0 + 20_000);
      ref.setState('REDUCING', T0 + 20_000);
      await remote.setInstrumentLimits('BTCUSDT', { maxPosition: 3 });
      ref.setInstrumentLimits('BTCUSDT', { maxPosition: 3 });
      expect(await remote.addInstrument({ symbol: 'SOLUSDT', tickSize: '0.001', qtyStep: '0.1' })).toBe(ref.addInstrument({ symbol: 'SOLUSDT', tickSize: '0.001', qtyStep: '0.1' }));
      await remote.setState('ACTIVE', T0 + 20_001);
      ref.setState('ACTIVE', T0 + 20_001);
      await load(remote, ref, 12, 10, 5000);
      const seq = svc.seq;
      await svc.stop({ snapshot: false });
      // An empty engine: everything comes from the bucket and the stream.
      const fresh = new RiskEngine();
      const again = await serveRisk(nc, fresh, { name });
      expect(again.seq).toBe(seq);
      expect(Buffer.from(fresh.snapshot())).toEqual(Buffer.from(ref.snapshot()));
      await load(remote, ref, 13, 3, 9000);
      expect(Buffer.from(fresh.snapshot())).toEqual(Buffer.from(ref.snapshot()));
      await again.stop();
    }
  });

  it('a standby waits for the lease and takes over with the reference state when the active service dies', async () => {
    const ncA = await connect({ servers: srv.url });
    const ncB = await connect({ servers: srv.url });
    const ref = baseEngine();
    const a = await serveRisk(ncA, baseEngine(), { name: 'ha', leaseMs: 1500 });
    let bReady = false;
    const bEngine = new RiskEngine();
    const bStart = serveRisk(ncB, bEngine, { name: 'ha', leaseMs: 1500 }).then((s) => ((bReady = true), s));
    const remote = new RemoteRiskEngine(nc, { name: 'ha' });
    await load(remote, ref, 21, 15, 1);
    expect(bReady).toBe(false);
    // A dies without a word: its lease lapses, B takes it.
    await ncA.close();
    const b = await bStart;
    expect(Buffer.from(bEngine.snapshot())).toEqual(Buffer.from(ref.snapshot()));
    await load(remote, ref, 22, 5, 5000);
    expect(Buffer.from(bEngine.snapshot())).toEqual(Buffer.from(ref.snapshot()));
    await b.stop();
    await ncB.close();
  });
});

describe('admin permissions', () => {
  it('a user allowed orders but not admin subjects is denied, and nothing changes', async () => {
    const auth = `authorization {
  users = [
    { user: svc, password: svc }
    { user: bot, password: bot, permissions: { publish: { allow: ["hean.risk.perm.>", "_INBOX.>"], deny: ["hean.risk.perm.admin.>"] }, subscribe: { allow: ["_INBOX.>"] } } }
  ]
}`;
    const s2 = await startNats(auth);
    const svcNc = await connect({ servers: s2.url, user: 'svc', pass: 'svc' });
    const botNc = await connect({ servers: s2.url, user: 'bot', pass: 'bot' });
    try {
      const engine = baseEngine();
      const svc = await serveRisk(svcNc, engine, { name: 'perm' });
      const bot = new RemoteRiskEngine(botNc, { name: 'perm', timeout: 1000 });
      const adminR = new RemoteRiskEngine(svcNc, { name: 'perm' });
      expect((await bot.submit({ clientId: 1, instrument: 0, side: 'buy', price: 29_990, qty: 0.01 }, T0)).ok).toBe(true);
      const before = Buffer.from(engine.snapshot());
      await expect(bot.setState('HALTED', T0)).rejects.toThrow();
      await expect(bot.setAccountLimits({ maxOpenOrders: 1 })).rejects.toThrow();
      await expect(bot.addInstrument({ symbol: 'X', tickSize: 1, qtyStep: 1 })).rejects.toThrow();
      expect(Buffer.from(engine.snapshot())).toEqual(before);
      expect(await bot.state).toBe('ACTIVE');
      // The admin user may: the bot's next order sees the kill switch.
      await adminR.setState('HALTED', T0 + 1);
      expect((await bot.submit({ clientId: 2, instrument: 0, side: 'buy', price: 29_990, qty: 0.01 }, T0 + 2)).reason).toBe('TradingHalted');
      await svc.stop();
    } finally {
      await botNc.close();
      await svcNc.close();
      await s2.close();
    }
  });
});
