// Threads: both addons load in several worker_threads at once and compute exactly what the
// main thread computes (every indicator sync and async, every streaming class, a risk
// engine fed the same orders, books and a route). Instances are per thread: posting one
// to a worker gives an inert copy whose use is a clear TypeError, never shared state; the
// way to move an engine or a stream is its snapshot.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as hean from '../src/index.js';
import { bundle } from './support/child.js';
import { compute, makeInput } from './threads/compute.js';
import { sameValue } from './fuzz/check.js';

const WORKERS = 4;
let workers: Worker[] = [];

function ask(w: Worker, job: unknown, transfer: ArrayBuffer[] = []): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: { ok?: boolean; r?: unknown; error?: string; ready?: boolean }) => {
      if (m.ready) return;
      w.off('message', onMsg);
      w.off('error', reject);
      if (m.ok) resolve(m.r);
      else reject(new Error(m.error));
    };
    w.on('message', onMsg);
    w.once('error', reject);
    w.postMessage(job, transfer);
  });
}

beforeAll(async () => {
  const file = await bundle('test/threads/worker.ts');
  // All workers start at once: each loads both addons while the others do.
  workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, id) => new Promise<Worker>((resolve, reject) => {
      const w = new Worker(file, { workerData: { id } });
      w.once('message', () => resolve(w));
      w.once('error', reject);
    })),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
});

describe('worker_threads', () => {
  it(`${WORKERS} workers at once compute exactly what the main thread computes`, async () => {
    const input = makeInput(1500, 7);
    // The main thread works at the same time as the workers.
    const [mine, ...theirs] = await Promise.all([compute(hean, input), ...workers.map((w) => ask(w, { kind: 'compute', input }))]);
    const keys = Object.keys(mine);
    expect(keys.length).toBeGreaterThan(140);
    for (const r of theirs as Record<string, unknown>[]) {
      expect(Object.keys(r).sort()).toEqual([...keys].sort());
      for (const k of keys) {
        const e = sameValue(r[k], mine[k]);
        if (e) throw new Error(`${k} differs in a worker: ${e}`);
      }
    }
  });

  it('each worker keeps its own engines: concurrent engines fed different orders stay apart', async () => {
    const runs = await Promise.all(workers.map((w, k) => ask(w, { kind: 'compute', input: makeInput(600, 100 + k) })));
    const local = await Promise.all([0, 1, 2, 3].slice(0, WORKERS).map((k) => compute(hean, makeInput(600, 100 + k))));
    runs.forEach((r, k) => {
      const e = sameValue((r as Record<string, unknown>)['risk.snapshot'], local[k]!['risk.snapshot']);
      if (e) throw new Error(`worker ${k}: ${e}`);
    });
  });

  it('a RiskEngine posted to a worker arrives as an inert copy; using it there is a clear TypeError', async () => {
    const e = new hean.RiskEngine();
    e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
    const before = Uint8Array.from(e.snapshot());
    const r = (await ask(workers[0]!, { kind: 'clone', engine: e })) as { keys: string[]; check: string; error: string };
    expect(r.check).toBe('undefined');
    expect(r.error).toMatch(/^TypeError: hean: RiskEngine\.account called on an object, not a RiskEngine\. Instances belong to the thread/);
    // The original is untouched and still works here.
    expect(Buffer.compare(e.snapshot(), before)).toBe(0);
    expect(e.instrumentCount).toBe(1);
  });

  it('an engine or book cannot be transferred, and a foreign `this` is refused', () => {
    const e = new hean.RiskEngine();
    const b = new hean.OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' });
    expect(() => workers[0]!.postMessage(e, [e as never])).toThrow();
    expect(() => hean.RiskEngine.prototype.check.call(b as never, { clientId: 1, instrument: 0, side: 'buy', price: 1, qty: 1 }, 0)).toThrow(/hean: RiskEngine\.check called on an object, not a RiskEngine/);
    expect(() => hean.OrderBook.prototype.mid.call(e as never)).toThrow(/hean: OrderBook\.mid called on an object, not an OrderBook/);
    expect(() => hean.Router.prototype.route.call(structuredClone(new hean.Router()) as never, { side: 'buy', qty: 1 })).toThrow(/hean: Router\.route called on an object, not a Router/);
    // The native objects behind them refuse a foreign receiver too (V8's check), without harm.
    const proto = Object.getPrototypeOf(e.native) as { account: () => unknown };
    expect(() => proto.account.call(b.native)).toThrow(TypeError);
    expect(e.account().state).toBe('ACTIVE');
  });

  it('snapshots move state across threads: engine bytes (transferred) and stream JSON', async () => {
    const input = makeInput(600, 3);
    const local = await compute(hean, input);
    const bytes = Uint8Array.from(local['risk.snapshot'] as Uint8Array);
    const r = (await ask(workers[1]!, { kind: 'restore', bytes }, [bytes.buffer])) as { snapshot: Uint8Array; account: string };
    expect(bytes.byteLength).toBe(0); // transferred
    expect(sameValue(r.snapshot, local['risk.snapshot'])).toBeNull();
    expect(r.account).toBe(local['risk.account']);

    const m = new hean.Macd();
    for (let i = 0; i < 200; i++) m.update(input.close[i]!);
    const snap = JSON.parse(JSON.stringify(m.snapshot()));
    const rest = Array.from(input.close.subarray(200));
    const there = (await ask(workers[2]!, { kind: 'stream', snap, closes: rest })) as number[];
    const here = rest.map((c) => m.update(c).macd);
    expect(sameValue(Float64Array.from(there), Float64Array.from(here))).toBeNull();
  });

  it('transferring a buffer to a worker while an async job uses it is harmless', async () => {
    const input = makeInput(200_000, 9);
    const x = input.close.slice();
    const out = new Float64Array(x.length);
    const p = hean.sma.async(x, 50, out);
    workers[3]!.postMessage({ kind: 'noop' }, [x.buffer, out.buffer]);
    await expect(p).rejects.toThrow(/hean\.sma: out was detached or resized while the async job ran/);
    const y = input.close.slice();
    const q = hean.sma.async(y, 50);
    workers[3]!.postMessage({ kind: 'noop' }, [y.buffer]);
    expect(sameValue(await q, hean.sma(input.close, 50))).toBeNull();
  });
});
