// Regression tests for the bugs the boundary fuzzer (test/fuzz) and its review found.
// Each would have crashed the process, hung it, corrupted state or returned a wrong shape.
import { describe, expect, it } from 'vitest';
import * as hean from '../src/index.js';
import { sample } from './helpers.js';

const { close, high, low } = sample(2000, 3);

function detach(a: ArrayBufferView): void {
  structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
}

describe('async jobs own their memory', () => {
  it('detaching the input and out while a job runs neither crashes nor writes freed memory (was SIGSEGV)', async () => {
    for (let round = 0; round < 3; round++) {
      const x = new Float64Array(1 << 20).map((_, i) => 100 + Math.sin(i / 100));
      const out = new Float64Array(x.length);
      const p = hean.sma.async(x, 50, out);
      detach(out);
      detach(x);
      (globalThis as { gc?: () => void }).gc?.();
      for (let k = 0; k < 20; k++) new Float64Array(1 << 20).fill(k); // reuse the freed memory
      await expect(p).rejects.toThrow(/hean\.sma: out was detached or resized while the async job ran/);
    }
  });

  it('shrinking resizable buffers during a job is a RangeError, not an out-of-bounds write', async () => {
    const n = 1 << 18;
    const rb = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer & { resize(n: number): void })(n * 8, { maxByteLength: n * 8 });
    const x = new Float64Array(rb).fill(1);
    const ob = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer & { resize(n: number): void })(n * 8, { maxByteLength: n * 8 });
    const out = new Float64Array(ob);
    const p = hean.ema.async(x, 10, out);
    ob.resize(8);
    rb.resize(8);
    await expect(p).rejects.toThrow(RangeError);
  });

  it('an input rewritten while the job runs does not change the result (the job reads a copy)', async () => {
    const x = close.slice();
    const p = hean.rsi.async(x, 14);
    x.fill(-1);
    expect(Array.from(await p)).toEqual(Array.from(hean.rsi(close, 14)));
  });

  it('async with two outputs on the same array is refused like the sync call (was silently wrong)', async () => {
    const buf = new Float64Array(close.length);
    await expect(hean.stoch.async(high, low, close, undefined, { k: buf, d: buf })).rejects.toThrow(/must not overlap/);
    expect(() => hean.stoch(high, low, close, undefined, { k: buf, d: buf })).toThrow(/must not overlap/);
  });
});

describe("callers' getters and proxies", () => {
  const boom = () => {
    throw new Error('boom');
  };

  it('a throwing element getter, proxy trap or revoked proxy is a hean TypeError with the cause', () => {
    const arr = [1, 2, 3];
    Object.defineProperty(arr, 1, { get: boom });
    let e: unknown;
    try {
      hean.sma(arr, 2);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(/^hean\.sma: close\[1\] could not be read: boom/);
    expect(((e as Error).cause as Error).message).toBe('boom');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(() => hean.sma(close, revoked.proxy as never)).toThrow(/^hean\.sma: options could not be read/);
    expect(() => hean.ema(new Proxy(close, { getPrototypeOf: boom }) as never, 5)).toThrow(/hean\.ema: close must be a Float64Array/);
  });

  it('multi-output `out` objects: the short-series (WASM) path reports as the general path does', () => {
    // 64 bars take the quick path (WASM engine), 1000 the general one (native): same
    // messages, causes, result shape and values.
    const boom = () => {
      throw new Error('boom');
    };
    for (const n of [64, 1000]) {
      const close = sample(n, 7).close;
      const outs = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
      const ref = hean.macd(close);
      const r = hean.macd(close, undefined, outs);
      expect(Object.keys(r)).toEqual(['macd', 'signal', 'histogram']);
      expect(r.macd).toBe(outs.macd);
      expect(r.histogram).toBe(outs.histogram);
      expect(Array.from(r.signal)).toEqual(Array.from(ref.signal));
      // An output left out is allocated; the other two are the caller's.
      const partial = hean.bbands(close, undefined, { middle: new Float64Array(n) });
      expect(Object.keys(partial)).toEqual(['upper', 'middle', 'lower']);
      expect(Array.from(partial.upper)).toEqual(Array.from(hean.bbands(close).upper));
      let e: unknown;
      try {
        hean.macd(close, undefined, { macd: outs.macd, get signal(): Float64Array { throw new Error('boom'); } });
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toBe("hean.macd: reading option 'signal' threw: boom");
      expect(((e as Error).cause as Error).message).toBe('boom');
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      expect(() => hean.macd(close, undefined, revoked.proxy as never)).toThrow(/^hean\.macd: out could not be read/);
      expect(() => hean.macd(close, undefined, new Proxy(outs, { get: boom }) as never)).toThrow(/^hean\.macd: reading option 'macd' threw: boom/);
      expect(() => hean.macd(close, undefined, { ...outs, hist: 1, signal: new Float64Array(n + 1) } as never)).toThrow(new RangeError(`hean.macd: out.signal has length ${n + 1}, expected ${n}`));
      expect(() => hean.macd(close, undefined, { ...outs, signal: outs.macd })).toThrow(/^hean\.macd: output arrays must not overlap each other/);
      // Arguments past inputs, options and out are ignored (and an options object still works).
      const extra = (hean.macd as unknown as (...a: unknown[]) => typeof ref)(close, { fast: 12 }, undefined, 1, 2, 3, 4, 5, 6, 7);
      expect(Array.from(extra.histogram)).toEqual(Array.from(ref.histogram));
    }
  });

  it('trading objects with throwing getters: TypeError, and nothing changes', () => {
    const e = new hean.RiskEngine();
    e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
    const before = Uint8Array.from(e.snapshot());
    const order = { clientId: 1, instrument: 0, side: 'buy', price: 1, get qty(): number { throw new Error('boom'); } };
    expect(() => e.submit(order as never, 0)).toThrow(/^hean: order\.qty could not be read: boom/);
    expect(() => e.addInstrument(new Proxy({ symbol: 'X', tickSize: '1', qtyStep: '1' }, { ownKeys: boom }) as never)).toThrow(TypeError);
    const b = new hean.OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' });
    expect(() => b.applySnapshot(1, [[99, 1]], new Proxy([[101, 1]], { get: boom }) as never)).toThrow(/hean: asks could not be read/);
    expect(() => new hean.Router(new Proxy({}, { getPrototypeOf: boom }) as never)).toThrow(/hean: engine could not be read/);
    expect(Buffer.compare(e.snapshot(), before)).toBe(0);
  });

  it('market helpers and matrices read options once, guarded', () => {
    expect(() => hean.covMatrix(close, 2, { get ddof(): number { throw new Error('boom'); } })).toThrow(/could not be read: boom/);
    expect(() => hean.resample([1, 2], [1, 2], undefined, 1, { get empty(): string { throw new Error('boom'); } } as never)).toThrow(TypeError);
    expect(() => new hean.CandleAggregator({ get intervalMs(): number { throw new Error('boom'); } } as never)).toThrow(TypeError);
    expect(() => hean.features({ close }, [{ fn: 'rsi', get options(): number { throw new Error('boom'); } }] as never)).toThrow(TypeError);
  });
});

describe('streaming classes', () => {
  it('update() with a non-number is a TypeError and changes nothing (a string used to be concatenated into the state)', () => {
    const s = new hean.Sma(3);
    s.update(1);
    s.update(2);
    const snap = JSON.stringify(s.snapshot());
    expect(() => s.update('5' as never)).toThrow(/^hean\.Sma\.update: close must be a number, got string '5'/);
    expect(() => s.replace({ valueOf: () => 5 } as never)).toThrow(TypeError);
    expect(() => new hean.Vwap(3).update(1, 1, 1, 1, '1' as never)).toThrow(/session must be a number/);
    expect(JSON.stringify(s.snapshot())).toBe(snap);
    expect(s.update(3)).toBe(2);
    expect(hean.isGap('5' as never)).toBe(true);
  });

  it('a window beyond 2^24 values is a RangeError (new Sma(1e9).snapshot() used to exhaust the heap)', () => {
    expect(() => new hean.Sma(1e9)).toThrow(/holds at most 16777216/);
    expect(() => new hean.Trima(2 ** 25)).toThrow(RangeError);
    expect(hean.sma(close, 1e9).every(Number.isNaN)).toBe(true); // the batch function still takes it
  });

  it('the abstract base cannot be constructed, and a subclass reusing a kind does not break the real class', () => {
    expect(() => new (hean.Stream as unknown as new (...a: unknown[]) => unknown)('sma', {}, ['x'])).toThrow(/abstract/);
    class Mine extends (hean.Stream as unknown as new (k: string, o: object, f: string[], w: number) => { save(): void; undo(): void }) {
      x = 0;
      constructor() {
        super('sma', {}, ['x'], 0);
      }
    }
    void new Mine();
    const s = new hean.Sma(2);
    s.update(1);
    s.update(3);
    expect(s.replace(5)).toBe(3); // replace() still undoes the last update
  });

  it('restore() checks a checksum: an altered value is refused (it used to be taken as is)', () => {
    const s = new hean.Ema(5);
    for (const x of close.subarray(0, 30)) s.update(x);
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    snap.state[2] = (snap.state[2] as number) * 1.5;
    const t = new hean.Ema(5);
    expect(() => t.restore(snap)).toThrow(/checksum mismatch/);
  });
});

describe('trading', () => {
  it('checkRaw / submitRaw with a wrong type throw hean TypeErrors (were plain napi Errors)', () => {
    const e = new hean.RiskEngine();
    expect(() => e.checkRaw(1, 'x' as never, 0, 1, 1, 1)).toThrow(TypeError);
    expect(() => e.submitRaw(1, 0, 0, 1n as never, 1, 1)).toThrow(/^hean: /);
  });

  it('a call that throws does not register a strategy tag (submitBatch with a bad now, route with a bad qty)', () => {
    const e = new hean.RiskEngine();
    e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
    const before = Uint8Array.from(e.snapshot());
    const batch = { clientIds: Float64Array.of(1), instruments: Uint32Array.of(0), sides: Uint8Array.of(0), prices: Float64Array.of(100), qtys: Float64Array.of(1), strategy: 'new-tag' };
    expect(() => e.submitBatch(batch, 1e300)).toThrow(RangeError);
    expect(() => e.submit({ clientId: 1, instrument: 0, side: 'buy', price: 1, qty: 1, strategy: 'other' }, 'x' as never)).toThrow(TypeError);
    const b = new hean.OrderBook({ venue: 'v', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
    b.applySnapshot(1, [[99, 1]], [[101, 1]]);
    const r = new hean.Router(e);
    r.addVenue({ book: b, takerFee: 0.001, instrument: 0 });
    expect(() => r.route({ side: 'buy', qty: -1, strategy: 'route-tag' })).toThrow(RangeError);
    expect(Buffer.compare(e.snapshot(), before)).toBe(0);
    expect(e.strategyStats().map((s) => s.strategy)).toEqual(['default']);
  });

  it('reasonName / countReasons / orderFlags validate their arguments (countReasons(codes, 1e12) used to spin)', () => {
    expect(() => hean.reasonName('length' as never)).toThrow(TypeError);
    expect(() => hean.reasonName(1.5)).toThrow(RangeError);
    expect(() => hean.countReasons(new Uint8Array(3), 1e12)).toThrow(RangeError);
    expect(() => hean.countReasons([0, 1] as never)).toThrow(TypeError);
    expect(hean.countReasons(Uint8Array.of(0, 0, 200, 23))).toEqual({ Accepted: 2, DuplicateClientOrderId: 1 });
    expect(() => hean.orderFlags('buy', 'stop' as never)).toThrow(RangeError);
    expect(() => hean.orderFlags('buy', 'limit', false, 70_000)).toThrow(RangeError);
  });

  it('depth(n) with a huge n is sized by the book, not by n (it tried to allocate n levels)', () => {
    const b = new hean.OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' });
    expect(b.depth('bid', 2 ** 40).prices.length).toBe(0);
    expect(() => b.depth('bid', 2 ** 60)).toThrow(RangeError);
  });
});

describe('market data', () => {
  it("resample 'carry' over a huge gap is a RangeError at once (it looped for ever past 2^53 intervals)", () => {
    const t = Date.now();
    expect(() => hean.resample([0, 1e17], [1, 2], undefined, 1, { empty: 'carry' })).toThrow(/would add more than 33554432 empty bars/);
    expect(() => hean.resampleBars({ time: [0, 1e12], open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1] }, 1, { empty: 'carry' })).toThrow(RangeError);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(hean.resample([0, 5000], [1, 2], undefined, 1000, { empty: 'carry' }).length).toBe(6);
  });

  it('toRows refuses non-numbers; features refuses unknown outputs like __proto__', () => {
    const cols = { time: ['a'], open: [1], high: [1], low: [1], close: [1], volume: [1] };
    expect(() => hean.toRows(cols as never)).toThrow(/element 0 is string/);
    expect(() => hean.features({ close }, [{ fn: 'macd', output: 'constructor' }])).toThrow(/has no output 'constructor'/);
    expect(() => hean.features({ close }, [{ fn: 'rsi', input: 'toString' as never }])).toThrow(RangeError);
  });

  it('CandleAggregator / WindowVwap treat non-number ticks as invalid (a string price used to enter the bar)', () => {
    const agg = new hean.CandleAggregator({ intervalMs: 1000 });
    expect(agg.add('BTC', '1000' as never, 1, 1)).toBe('invalid');
    expect(agg.add('BTC', 1000, { valueOf: () => 5 } as never, 1)).toBe('invalid');
    expect(agg.rejected.invalid).toBe(2);
    const vw = new hean.WindowVwap({ windowMs: 1000 });
    expect(vw.add('BTC', 1, '100' as never, 1)).toBeNaN();
    expect(vw.rejected).toBe(1);
    expect(() => vw.add(5 as never, 1, 1, 1)).toThrow(TypeError);
  });
});
