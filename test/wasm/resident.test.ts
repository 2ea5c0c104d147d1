// Resident arrays (wasmArena): Float64Arrays in the WASM engine's linear memory that
// indicator calls read and write in place. Same bits as the copying path at every length,
// in any mix with ordinary arrays, aliased, through every call form; freed arrays are
// refused; the memory never grows (so the arrays never detach) while an arena is alive.
// The growth tests use hean/web's built entry (dist/web.js: every call in WASM, a fresh
// engine per import); needs `npm run build:ts` first.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import * as hean from '../../src/index.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { sample } from '../helpers.js';

// The engine copies through guard.ts's f64Set (the set() intrinsic): counted here while
// `counting` is set, for the test that resident arrays are not copied.
const spy = vi.hoisted(() => ({ counting: false, copies: 0 }));
vi.mock('../../src/core/guard.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/core/guard.js')>();
  return {
    ...orig,
    f64Set: (dst: Float64Array, src: Float64Array, offset: number) => {
      if (spy.counting) spy.copies++;
      orig.f64Set(dst, src, offset);
    },
  };
});

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
let copies = 0;
const freshWeb = async () => {
  const w = (await import(/* @vite-ignore */ `${file('../../dist/web.js')}?resident=${copies++}`)) as typeof import('../../src/web.js');
  await w.init(new Uint8Array(readFileSync(file('../../wasm/hean_cpp.wasm'))));
  return w;
};

type Call = (ins: Float64Array[], out: Float64Array[] | undefined, objectOptions: boolean) => Float64Array[];
/** indicator name -> its inputs, output names and a call with out arrays (or allocating). */
const cases: Record<string, { ins: (keyof ReturnType<typeof sample>)[]; outs: string[]; opts: Record<string, number> }> = {
  sma: { ins: ['close'], outs: ['sma'], opts: { period: 20 } },
  ema: { ins: ['close'], outs: ['ema'], opts: { period: 20 } },
  rsi: { ins: ['close'], outs: ['rsi'], opts: { period: 14 } },
  macd: { ins: ['close'], outs: ['macd', 'signal', 'histogram'], opts: { fast: 12, slow: 26, signal: 9 } },
  bbands: { ins: ['close'], outs: ['upper', 'middle', 'lower'], opts: { period: 20 } },
  atr: { ins: ['high', 'low', 'close'], outs: ['atr'], opts: { period: 14 } },
  stoch: { ins: ['high', 'low', 'close'], outs: ['k', 'd'], opts: { fastK: 5 } },
  obv: { ins: ['close', 'volume'], outs: ['obv'], opts: {} },
  mfi: { ins: ['high', 'low', 'close', 'volume'], outs: ['mfi'], opts: { period: 14 } },
  cci: { ins: ['high', 'low', 'close'], outs: ['cci'], opts: { period: 20 } },
};

function caller(name: string): Call {
  const c = cases[name]!;
  const f = (hean as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
  const firstOpt = Object.values(c.opts)[0];
  return (ins, out, objectOptions) => {
    const opt = objectOptions ? c.opts : firstOpt;
    const o = out === undefined ? undefined : c.outs.length === 1 ? out[0] : Object.fromEntries(c.outs.map((k, j) => [k, out[j]]));
    const args: unknown[] = [...ins];
    if (opt !== undefined || o !== undefined) args.push(opt);
    if (o !== undefined) args.push(o);
    const r = f(...args);
    return c.outs.length === 1 ? [r as Float64Array] : c.outs.map((k) => (r as Record<string, Float64Array>)[k]!);
  };
}

/** Ordinary inputs of n bars with gaps (NaN, ±Infinity) at fixed places. */
function inputs(name: string, n: number): Float64Array[] {
  const s = sample(n, 7 + n) as unknown as Record<string, Float64Array>;
  return cases[name]!.ins.map((k, j) => {
    const a = s[k]!.slice();
    if (j === 0) for (const [at, v] of [[Math.floor(n / 3), NaN], [Math.floor(n / 2), Infinity], [n - 2, NaN]] as const) if (at >= 0 && at < n) a[at] = v;
    return a;
  });
}

/** A resident copy of x in arena a. */
function put(a: { array(n: number): Float64Array }, x: Float64Array): Float64Array {
  const r = a.array(x.length);
  r.set(x);
  return r;
}

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

const CAP = 8 * 601; // one length's arrays (at most 4 inputs and 3 outputs of 600)

describe('wasmArena: resident arrays', { timeout: 300_000 }, () => {
  it('hands out zeroed Float64Arrays in the engine memory, and refuses bad arguments', () => {
    const a = hean.wasmArena(10);
    const x = a.array(4);
    expect(x).toBeInstanceOf(Float64Array);
    expect([...x]).toEqual([0, 0, 0, 0]);
    expect(a.used).toBe(4);
    expect(a.capacity).toBe(10);
    expect(() => a.array(7)).toThrow(new RangeError('hean.wasmArena: the arena has 6 of its 10 elements left, asked for 7; open a larger arena'));
    expect(() => a.array('3' as never)).toThrow(new TypeError("hean.wasmArena: array length must be a number, got string '3'"));
    expect(() => a.array(-1)).toThrow(RangeError);
    expect(Object.keys(x)).toEqual(['0', '1', '2', '3']);
    expect(JSON.stringify(x)).toBe('{"0":0,"1":0,"2":0,"3":0}');
    a.free();
    expect(a.live).toBe(false);
    expect(() => a.array(1)).toThrow(/this arena was freed/);
    a.free(); // twice: nothing
    expect(() => hean.wasmArena(0)).toThrow(RangeError);
    expect(() => hean.wasmArena('8' as never)).toThrow(new TypeError("hean.wasmArena: capacity must be a number, got string '8'"));
    expect(() => hean.wasmArena(8, 5 as never)).toThrow(new TypeError('hean.wasmArena: options must be an object, got number 5'));
    expect(() => hean.wasmArena(8, { headroom: -1 })).toThrow(/^hean\.wasmArena: option 'headroom' must be an integer/);
  });

  it('gives the copying path bits at every length 0..600, resident in, out or both, every call form', () => {
    for (const name of Object.keys(cases)) {
      const call = caller(name);
      const c = cases[name]!;
      for (let n = 0; n <= 600; n++) {
        const a = hean.wasmArena(CAP);
        const x = inputs(name, n);
        const objectOptions = n % 2 === 1;
        const want = call(x, undefined, objectOptions).map(bits);
        const rx = x.map((v) => {
          const r = put(a, v);
          return r;
        });
        const ro = c.outs.map(() => a.array(n));
        const plainOut = c.outs.map(() => new Float64Array(n));
        const forms: [string, Float64Array[], Float64Array[] | undefined][] = [
          ['resident in and out', rx, ro],
          ['resident in, ordinary out', rx, plainOut],
          ['ordinary in, resident out', x, ro],
          ['resident in, allocating', rx, undefined],
          ['mixed', x.map((v, k) => (k % 2 ? v : rx[k]!)), c.outs.map((_, j) => (j % 2 ? plainOut[j]! : ro[j]!))],
        ];
        for (const [what, ins, out] of forms) {
          out?.forEach((o) => o.fill(7));
          const got = call(ins, out, objectOptions);
          expect(got.map(bits), `${name} n=${n} ${what}`).toEqual(want);
          if (out) got.forEach((g, j) => expect(g, `${name} n=${n} ${what}: writes into out`).toBe(out[j]));
        }
        rx.forEach((r, k) => expect(bits(r), `${name} n=${n}: inputs unchanged`).toBe(bits(x[k]!)));
        a.free();
      }
    }
  });

  it('are not copied: a short call with resident inputs and out makes no copy (an ordinary one makes one per array)', () => {
    const a = hean.wasmArena(1024);
    const s = sample(64);
    const c = put(a, s.close);
    const h = put(a, s.high);
    const o = [a.array(64), a.array(64), a.array(64)];
    const count = <T>(f: () => T): number => {
      spy.copies = 0;
      spy.counting = true;
      try {
        f();
      } finally {
        spy.counting = false;
      }
      return spy.copies;
    };
    expect(count(() => hean.sma(c, 20, o[0]))).toBe(0);
    expect(count(() => hean.macd(c, undefined, { macd: o[0], signal: o[1], histogram: o[2] }))).toBe(0);
    expect(count(() => hean.atr(h, c, c, 14, o[0]))).toBe(0);
    expect(count(() => hean.sma(s.close, 20, new Float64Array(64)))).toBe(2);
    expect(count(() => hean.sma(c, 20, new Float64Array(64)))).toBe(1);
    expect(count(() => hean.sma(s.close, 20, o[0]))).toBe(1);
    // In place over its own input: that input is copied (a kernel may write before it has read).
    expect(count(() => hean.sma(c, 20, c))).toBe(1);
    a.free();
  });

  it('on series the native addon runs (>= 1,000 bars) too: read and written in place, same bits', () => {
    for (const n of [1000, 4097, 20_000]) {
      const a = hean.wasmArena(8 * n);
      const s = sample(n, n);
      const c = put(a, s.close);
      const h = put(a, s.high);
      const out = a.array(n);
      expect(bits(hean.rsi(c, 14, out)), `rsi n=${n}`).toBe(bits(hean.rsi(s.close, 14)));
      const m = { macd: a.array(n), signal: a.array(n), histogram: new Float64Array(n) };
      const want = hean.macd(s.close, { fast: 5 });
      const got = hean.macd(c, { fast: 5 }, m);
      expect([got.macd, got.signal, got.histogram].map(bits), `macd n=${n}`).toEqual([want.macd, want.signal, want.histogram].map(bits));
      expect(bits(hean.atr(h, s.low, c, 14, out)), `atr n=${n}`).toBe(bits(hean.atr(s.high, s.low, s.close, 14)));
      a.free();
    }
  });

  it('in place: an output over its own input, and inputs sharing one array', () => {
    for (const n of [0, 1, 30, 64, 257, 600]) {
      const a = hean.wasmArena(CAP);
      const s = sample(n, n + 1);
      const want = hean.sma(s.close, 20);
      const r = put(a, s.close);
      expect(bits(hean.sma(r, 20, r)), `sma n=${n}`).toBe(bits(want));
      r.set(s.close);
      expect(bits(hean.sma(r, { period: 20 }, r)), `sma options n=${n}`).toBe(bits(want));
      const m = hean.macd(s.close);
      r.set(s.close);
      const got = hean.macd(r, undefined, { macd: a.array(n), signal: r, histogram: a.array(n) });
      expect([got.macd, got.signal, got.histogram].map(bits), `macd n=${n}`).toEqual([m.macd, m.signal, m.histogram].map(bits));
      const h = put(a, s.high);
      const c = put(a, s.close);
      expect(bits(hean.atr(h, c, c, 14, h)), `atr n=${n}`).toBe(bits(hean.atr(s.high, s.close, s.close, 14)));
      if (n > 0) expect(() => hean.macd(r, undefined, { macd: r, signal: r })).toThrow(new RangeError('hean.macd: output arrays must not overlap each other'));
      a.free();
    }
  });

  it('an array the quick path saw before, then freed or detached, is refused or read as what it is now', () => {
    const a = hean.wasmArena(256);
    const x = a.array(64);
    const y = a.array(64);
    const s = sample(64);
    x.set(s.close);
    const out = new Float64Array(64);
    const h = s.high.slice();
    const l = s.low.slice();
    // The same arrays twice (the second call finds them known), then the arena freed.
    for (let k = 0; k < 2; k++) {
      expect(bits(hean.sma(x, 20, y))).toBe(bits(hean.sma(s.close, 20)));
      expect(bits(hean.atr(h, l, x, 14, out))).toBe(bits(hean.atr(s.high, s.low, s.close, 14)));
    }
    a.free();
    expect(() => hean.sma(x, 20, out)).toThrow(/^hean\.sma: close is a resident array whose arena was freed/);
    expect(() => hean.atr(h, l, x, 14, out)).toThrow(/^hean\.atr: close is a resident array whose arena was freed/);
    // Known ordinary arrays detached: an input reads as empty (a length error against out),
    // a detached out is a length error; nothing written.
    const before = bits(out);
    structuredClone(l.buffer, { transfer: [l.buffer] });
    expect(() => hean.atr(h, l, s.close, 14, out)).toThrow(RangeError);
    expect(bits(out)).toBe(before);
    const c = s.close.slice();
    expect(bits(hean.sma(c, 20, out))).toBe(bits(hean.sma(s.close, 20)));
    structuredClone(c.buffer, { transfer: [c.buffer] });
    expect(hean.sma(c, 20).length).toBe(0);
    expect(() => hean.sma(c, 20, out)).toThrow(RangeError);
    structuredClone(out.buffer, { transfer: [out.buffer] });
    expect(() => hean.sma(s.close, 20, out)).toThrow(RangeError);
  });

  it('refuses a freed arena\'s arrays in every call form (TypeError naming the argument), writing nothing', () => {
    const a = hean.wasmArena(256);
    const x = a.array(64);
    const y = a.array(64);
    x.set(sample(64).close);
    a.free();
    const out = new Float64Array(64).fill(3);
    const msg = (arg: string) => new TypeError(`hean.sma: ${arg} is a resident array whose arena was freed (wasmArena(...).free()); allocate a new one`);
    expect(() => hean.sma(x, 20, out)).toThrow(msg('close'));
    expect(() => hean.sma(x, { period: 20 }, out)).toThrow(msg('close'));
    expect(() => hean.sma(out, 20, y)).toThrow(/^hean\.sma: out is a resident array whose arena was freed/);
    expect(() => hean.macd(out, undefined, { macd: new Float64Array(64), signal: y })).toThrow(/^hean\.macd: out\.signal is a resident array whose arena was freed/);
    expect(() => hean.atr(out, x, out, 14)).toThrow(/^hean\.atr: low is a resident array whose arena was freed/);
    expect(() => hean.sma.many(x, 2, 5)).toThrow(/^hean\.sma\.many: close is a resident array whose arena was freed/);
    // The engine's general and positional entry points (run, runDirect) name them the same way.
    const e = wasmEngine() as unknown as {
      run(mode: number, id: number, ins: Float64Array[], opts: Float64Array, outs: Float64Array[], extra: number): void;
      runDirect(id: number, opts: Float64Array, ...arrays: Float64Array[]): void;
    };
    const id = (name: string) => hean.indicators().find((m) => m.name === name)!.id;
    const o20 = new Float64Array([20]);
    const mo = new Float64Array([12, 26, 9]);
    const fresh = () => new Float64Array(64).fill(3);
    expect(() => e.run(0, id('sma'), [x], o20, [out], 1)).toThrow(msg('close'));
    expect(() => e.run(0, id('sma'), [out], o20, [y], 1)).toThrow(/^hean\.sma: out is a resident array whose arena was freed/);
    expect(() => e.run(0, id('macd'), [out], mo, [fresh(), y, fresh()], 1)).toThrow(/^hean\.macd: out\.signal is a resident array whose arena was freed/);
    expect(() => e.runDirect(id('sma'), o20, x, out)).toThrow(msg('close'));
    expect(() => e.runDirect(id('sma'), o20, out, y)).toThrow(/^hean\.sma: out is a resident array whose arena was freed/);
    expect(() => e.runDirect(id('obv'), new Float64Array(0), out, x, fresh())).toThrow(/^hean\.obv: volume is a resident array whose arena was freed/);
    expect([...out]).toEqual(new Array(64).fill(3));
    // A later arena reuses the memory; the old arrays stay refused.
    const b = hean.wasmArena(256);
    const z = put(b, out);
    expect(() => hean.sma(x, 20)).toThrow(msg('close'));
    expect(hean.sma(z, 20)).toEqual(hean.sma(out, 20));
    b.free();
  });
});

describe('wasmArena: memory growth (hean/web entry: every call in WASM)', { timeout: 120_000 }, () => {
  it('the memory never grows while an arena is alive: a call needing more throws a RangeError and the arrays stay valid', async () => {
    const w = await freshWeb();
    const a = w.wasmArena(16_384, { headroom: 1 << 20 });
    const x = a.array(64);
    const s = sample(64).close;
    x.set(s);
    const out = a.array(64);
    const want = w.sma(s, 10);
    expect(bits(w.sma(x, 10, out))).toBe(bits(want));
    // A copying call on 1,000,000 bars needs 16 MB of scratch: more than the 1 MiB kept free.
    const big = new Float64Array(1_000_000).fill(1);
    const bigOut = new Float64Array(1_000_000).fill(2);
    expect(() => w.sma(big, 10, bigOut)).toThrow(/^hean: out of memory for this request \(WASM engine\): its memory cannot grow while wasmArena arrays are alive/);
    expect(bigOut[999_999]).toBe(2);
    // Streaming instances need memory too.
    const many: unknown[] = [];
    expect(() => {
      for (let k = 0; k < 100; k++) many.push(new w.Sma(50_000));
    }).toThrow(/cannot grow while wasmArena arrays are alive/);
    // A second arena while pinned comes out of what is free, or is refused.
    expect(() => w.wasmArena(1 << 22)).toThrow(/cannot grow while wasmArena arrays are alive/);
    // The arrays are intact and still work.
    expect(x.length).toBe(64);
    expect([...x]).toEqual([...s]);
    expect(bits(w.sma(x, 10, out))).toBe(bits(want));
    // Out of memory inside a kernel (cci's buffer of its period) with nothing left free: a
    // RangeError, and the engine keeps working (its shadow stack is put back).
    const t = sample(3000);
    const big3 = ['high', 'low', 'close'].map((k) => {
      const r = put(a, (t as unknown as Record<string, Float64Array>)[k]!);
      return r;
    });
    const cciOut = a.array(3000);
    const cciWant = hean.cci(t.high, t.low, t.close, { period: 2000 });
    expect(bits(w.cci(big3[0]!, big3[1]!, big3[2]!, { period: 20 }, cciOut))).toBe(bits(hean.cci(t.high, t.low, t.close, 20)));
    const fill = [];
    for (let cap = 1 << 21; cap >= 1; ) {
      try {
        fill.push(w.wasmArena(cap, { headroom: 0 }));
      } catch {
        cap >>= 1;
      }
    }
    for (let k = 0; k < 300; k++) {
      expect(() => w.cci(big3[0]!, big3[1]!, big3[2]!, { period: 2000 }, cciOut)).toThrow(/^hean: out of memory for this request \(WASM engine\): its memory cannot grow/);
    }
    expect(bits(w.sma(x, 10, out))).toBe(bits(want));
    // Freed (a freed arena's memory goes to later arenas, not to the engine): once no arena
    // is alive the memory may grow again; the freed arrays then detach, and calls work.
    for (const f of fill) f.free();
    a.free();
    expect(bits(w.cci(t.high, t.low, t.close, { period: 2000 }))).toBe(bits(cciWant));
    expect(w.sma(big, 10, bigOut)[999_999]).toBe(1);
    expect(x.length).toBe(0);
    const b = w.wasmArena(128);
    const y = put(b, s);
    expect(bits(w.sma(y, 10))).toBe(bits(want));
    b.free();
  });

  it('an arena nobody references (nor its arrays) is freed when collected: the memory may grow again', () => {
    const script = `
      const hean = await import(${JSON.stringify(file('../../dist/index.js'))});
      const big = new Float64Array(1_000_000).fill(1);
      let a = hean.wasmArena(64, { headroom: 1 << 20 });
      let x = a.array(64);
      let refused = false;
      try { hean.sma(big, 10); } catch (e) { refused = /cannot grow while wasmArena/.test(e.message); }
      a = x = undefined;
      for (let k = 0; k < 10; k++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
      console.log(JSON.stringify({ refused, after: hean.sma(big, 10)[999_999] }));`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { env: { ...process.env, HEAN_ENGINE: 'wasm' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ refused: true, after: 1 });
  });

  it('hean/web: resident arrays give the copying bits at every length 0..600', async () => {
    const w = await freshWeb();
    for (let n = 0; n <= 600; n++) {
      const a = w.wasmArena(CAP);
      const s = sample(n, n + 3);
      const c = put(a, s.close);
      const h = put(a, s.high);
      const o = a.array(n);
      expect(bits(w.rsi(c, 14, o)), `rsi n=${n}`).toBe(bits(hean.rsi(s.close, 14)));
      const bb = w.bbands(c, 20, { upper: a.array(n), middle: o, lower: a.array(n) });
      const want = hean.bbands(s.close, 20);
      expect([bb.upper, bb.middle, bb.lower].map(bits), `bbands n=${n}`).toEqual([want.upper, want.middle, want.lower].map(bits));
      expect(bits(w.atr(h, s.low, c, 14, o)), `atr n=${n}`).toBe(bits(hean.atr(s.high, s.low, s.close, 14)));
      a.free();
    }
  });
});
