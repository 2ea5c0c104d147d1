// Options objects on the short-series paths (issue 11): the WASM engine's quick path (64
// bars) and the native addon's runDirect path (1,200 bars, past the WASM crossover) read an
// options object once into a per-indicator scratch. The reference for every value is the
// `.async` form of the same call (the general path: prepare + runAsync, its own copy of the
// options), and for the first option the positional form; errors are the general path's.
import { describe, expect, it } from 'vitest';
import { atr, bbands, ema, macd, rsi, sma, stddev } from '../src/index.js';
import { sample } from './helpers.js';

type Fn = ((...a: unknown[]) => unknown) & { async: (...a: unknown[]) => Promise<unknown> };
const f = (g: unknown) => g as Fn;

function bits(r: unknown): string[] {
  const arrays = r instanceof Float64Array ? [r] : Object.values(r as Record<string, Float64Array>);
  return arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex'));
}
function outOf(nOut: number, n: number, fill = 7): Float64Array | Record<string, Float64Array> {
  const names = nOut === 1 ? [] : nOut === 3 ? ['a', 'b', 'c'] : [];
  return nOut === 1 ? new Float64Array(n).fill(fill) : Object.fromEntries(names.map((k) => [k, new Float64Array(n).fill(fill)]));
}

for (const n of [64, 1200]) {
  const engine = n < 1000 ? 'WASM quick path' : 'native runDirect';
  const { high, low, close } = sample(n, 11);
  const cases: [string, Fn, Float64Array[], Record<string, unknown>[]][] = [
    ['sma', f(sma), [close], [{ period: 9 }, { period: 20 }, {}]],
    ['ema', f(ema), [close], [{ period: 5 }]],
    ['rsi', f(rsi), [close], [{ period: 3 }]],
    ['macd', f(macd), [close], [{ fast: 5 }, { slow: 30, fast: 7, signal: 4 }]],
    ['bbands', f(bbands), [close], [{ period: 10, stdDev: 1.5, maType: 'ema' }, { maType: 'wma' }]],
    ['atr', f(atr), [high, low, close], [{ period: 7 }]],
    ['stddev', f(stddev), [close], [{ nbDev: 2 }, { stdDev: 2, period: 5 }]],
  ];

  describe(`options objects, ${n} bars (${engine})`, () => {
    it.each(cases)('%s: the values of .async with the same options, with and without out', async (_, g, ins, list) => {
      for (const o of list) {
        const want = bits(await g.async(...ins, o));
        expect(bits(g(...ins, o))).toEqual(want);
        const nOut = want.length;
        const out = nOut === 1 ? new Float64Array(n) : Object.fromEntries(Object.keys((await g.async(...ins, o)) as object).map((k) => [k, new Float64Array(n)]));
        const r = g(...ins, o, out);
        expect(bits(r)).toEqual(want);
        if (nOut === 1) expect(r).toBe(out);
        else for (const [k, v] of Object.entries(out)) expect((r as Record<string, Float64Array>)[k]).toBe(v);
      }
    });

    it('{ first option } gives the positional form bits', () => {
      expect(bits(sma(close, { period: 9 }))).toEqual(bits(sma(close, 9)));
      expect(bits(macd(close, { fast: 5 }))).toEqual(bits(macd(close, 5)));
      expect(bits(atr(high, low, close, { period: 7 }))).toEqual(bits(atr(high, low, close, 7)));
      expect(bits(stddev(close, { period: 7 }))).toEqual(bits(stddev(close, 7)));
    });

    it('one options object reused across calls and mutated between them: each call reads it as it is then', () => {
      const o: Record<string, unknown> = { period: 5 };
      const out = new Float64Array(n);
      const a = bits(sma(close, o, out));
      o.period = 11;
      const b = bits(sma(close, o, out));
      delete o.period;
      const c = bits(sma(close, o, out));
      expect([a, b, c]).toEqual([bits(sma(close, 5)), bits(sma(close, 11)), bits(sma(close, 20))]);
      const m: Record<string, unknown> = { fast: 5 };
      const r1 = bits(macd(close, m));
      m.slow = 40;
      expect(r1).toEqual(bits(macd(close, { fast: 5 })));
      expect(bits(macd(close, m))).toEqual(bits(macd(close, { slow: 40, fast: 5 })));
    });

    it('each option is read once a call; a getter that throws names the option, keeps the cause, and leaves out as it was', () => {
      let reads = 0;
      const counted = {
        get period() {
          reads++;
          return 6;
        },
      };
      const out = new Float64Array(n);
      f(sma)(close, counted, out);
      expect(reads).toBe(1);
      expect(bits(out)).toEqual(bits(sma(close, 6)));
      const boom = new Error('boom');
      const bad = {
        get period() {
          throw boom;
        },
      };
      const before = new Float64Array(n).fill(3);
      const o2 = before.slice();
      let err: unknown;
      try {
        f(sma)(close, bad, o2);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toBe("hean.sma: reading option 'period' threw: boom");
      expect((err as Error).cause).toBe(boom);
      expect(o2).toEqual(before);
      const outs = { macd: new Float64Array(n).fill(3), signal: new Float64Array(n).fill(3), histogram: new Float64Array(n).fill(3) };
      expect(() =>
        f(macd)(
          close,
          {
            fast: 4,
            get slow() {
              throw boom;
            },
          },
          outs,
        ),
      ).toThrow("hean.macd: reading option 'slow' threw: boom");
      for (const v of Object.values(outs)) expect(v).toEqual(before);
    });

    it('inherited options (a polluted Object.prototype, an object made with Object.create) are not options', () => {
      const proto = Object.prototype as Record<string, unknown>;
      proto.period = 5;
      proto.perod = 5;
      try {
        expect(bits(sma(close, {}))).toEqual(bits(sma(close, 20)));
        expect(bits(sma(close, { period: 9 }, new Float64Array(n)))).toEqual(bits(sma(close, 9)));
        expect(bits(macd(close, {}, { macd: new Float64Array(n) }))).toEqual(bits(macd(close)));
      } finally {
        delete proto.period;
        delete proto.perod;
      }
      expect(bits(sma(close, Object.create({ period: 5 }) as object))).toEqual(bits(sma(close, 20)));
      const own = Object.create({ period: 5 }) as Record<string, unknown>;
      own.period = 9;
      expect(bits(sma(close, own))).toEqual(bits(sma(close, 9)));
    });

    it('bad options: the general path errors, and a throwing call changes nothing', async () => {
      const cases2: [() => unknown, () => Promise<unknown>, string | RegExp][] = [
        [() => f(sma)(close, { perod: 5 }, outOf(1, n)), () => f(sma).async(close, { perod: 5 }), "hean.sma: unknown option 'perod'; allowed: period"],
        [() => f(sma)(close, { period: 'x' }, outOf(1, n)), () => sma.async(close, { period: 'x' } as never), `hean.sma: option 'period' must be a number, got string 'x'`],
        [() => f(sma)(close, { period: 0 }, outOf(1, n)), () => sma.async(close, { period: 0 }), "hean.sma: option 'period' must be an integer in [1, 1000000000], got 0"],
        [() => f(bbands)(close, { maType: 'foo' }), () => bbands.async(close, { maType: 'foo' } as never), /^hean\.bbands: option 'maType' must be one of 'sma', 'ema'/],
        [() => f(bbands)(close, { maType: 1 }), () => bbands.async(close, { maType: 1 } as never), /^hean\.bbands: option 'maType' must be one of 'sma', 'ema'.*got number 1$/],
        [() => f(bbands)(close, { period: 5, maType: undefined, stdDev: true }), () => bbands.async(close, { period: 5, maType: undefined, stdDev: true } as never), /^hean\.bbands: option 'stdDev' must be a number, got/],
        [() => stddev(close, { nbDev: 2, stdDev: 1 }), () => stddev.async(close, { nbDev: 2, stdDev: 1 } as never), "hean.stddev: options 'nbDev' and 'stdDev' are the same option ('nbDev' is its deprecated name); give one"],
        [() => f(macd)(close, { fast: 5, bogus: 1 }), () => macd.async(close, { fast: 5, bogus: 1 } as never), "hean.macd: unknown option 'bogus'; allowed: fast, slow, signal"],
      ];
      for (const [sync, async, msg] of cases2) {
        let a: unknown, b: unknown;
        try {
          sync();
        } catch (e) {
          a = e;
        }
        try {
          await async();
        } catch (e) {
          b = e;
        }
        expect(a).toBeInstanceOf(Error);
        expect((a as Error).constructor).toBe((b as Error).constructor);
        expect((a as Error).message).toBe((b as Error).message.replace('hean.sma.async', 'hean.sma').replace(/^hean\.(\w+)\.async/, 'hean.$1'));
        expect((a as Error).message).toMatch(msg);
      }
      const o = new Float64Array(n).fill(5);
      expect(() => sma(close, { period: 0 }, o)).toThrow(RangeError);
      expect(() => sma(close, [] as never, o)).toThrow(TypeError);
      expect(o.every((v) => v === 5)).toBe(true);
      expect(bits(sma(close, null as never))).toEqual(bits(sma(close)));
    });

    it('an indicator call from an option getter or an out getter does not disturb the outer call', () => {
      const inner = (p: number) => bits(sma(close, { period: p }));
      let nested: string[] | undefined;
      const o = {
        get period() {
          nested = inner(3);
          return 9;
        },
      };
      expect(bits(sma(close, o))).toEqual(bits(sma(close, 9)));
      expect(nested).toEqual(bits(sma(close, 3)));
      let nestedMacd: string[] | undefined;
      const out = {
        get macd() {
          nestedMacd = bits(macd(close, { fast: 3, slow: 8 }));
          return undefined;
        },
      };
      expect(bits(macd(close, { fast: 6, signal: 5 }, out))).toEqual(bits(macd(close, { signal: 5, fast: 6 })));
      expect(nestedMacd).toEqual(bits(macd(close, { slow: 8, fast: 3 })));
      const byNumber = {
        get macd() {
          macd(close, 3);
          return undefined;
        },
      };
      expect(bits(macd(close, 6, byNumber))).toEqual(bits(macd(close, { fast: 6 })));
    });

    it('an option getter that shrinks an input or out: the general path errors', () => {
      const rab = new ArrayBuffer(8 * n, { maxByteLength: 8 * n });
      const x = new Float64Array(rab);
      x.set(close);
      const shrink = {
        get period() {
          rab.resize(8 * (n - 1));
          return 5;
        },
      };
      expect(() => sma(x, shrink)).toThrow(`hean.sma: close was detached or resized during the call`);
      const rab2 = new ArrayBuffer(8 * n, { maxByteLength: 8 * n });
      const y = new Float64Array(rab2);
      const shrinkOut = {
        get period() {
          rab2.resize(8 * (n - 1));
          return 5;
        },
      };
      expect(() => sma(close, shrinkOut, y)).toThrow(`hean.sma: out has length ${n - 1}, expected ${n}`);
    });
  });
}

// The sweep grid reader (sweepGrid): every row equals the single call with that row's
// options, labels of enum options become their indexes, deprecated names are accepted,
// and a grid naming one option twice, or a key that is no option (also one only an
// object's prototype has), is refused naming it.
describe('sweep grid', () => {
  const { close } = sample(64, 5);
  type Sweep = { params: Record<string, unknown>[]; length: number; values: Float64Array | Record<string, Float64Array> };
  const sweep = (g: unknown, ...a: unknown[]) => (g as { sweep: (...x: unknown[]) => Sweep }).sweep(...a);
  const rowsOf = (s: Sweep) =>
    s.params.map((_, c) => bits(s.values instanceof Float64Array ? s.values.subarray(c * s.length, (c + 1) * s.length) : Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, v.subarray(c * s.length, (c + 1) * s.length)]))));

  it('rows are the single calls of their params (enum labels, aliases)', () => {
    const b = sweep(bbands, close, { period: [5, 9], maType: ['sma', 'wma', 'ema'], stdDev: 1.5 });
    expect(b.params).toEqual([5, 9].flatMap((period) => ['sma', 'wma', 'ema'].map((maType) => ({ period, stdDev: 1.5, maType }))));
    expect(rowsOf(b)).toEqual(b.params.map((p) => bits(bbands(close, p as never))));
    const s = sweep(stddev, close, { nbDev: [1, 3], period: 4 });
    expect(s.params).toEqual([{ period: 4, stdDev: 1 }, { period: 4, stdDev: 3 }]);
    expect(rowsOf(s)).toEqual([1, 3].map((d) => bits(stddev(close, { period: 4, stdDev: d }))));
    const m = sweep(macd, close, { fast: [3, 4] });
    expect(rowsOf(m)).toEqual([3, 4].map((fast) => bits(macd(close, { fast }))));
  });

  it('refuses unknown keys, one option given twice, and bad values', () => {
    expect(() => sweep(sma, close, { period: [3], foo: 1 })).toThrow("hean.sma.sweep: unknown option 'foo'; allowed: period");
    expect(() => sweep(sma, close, { constructor: 1 })).toThrow("hean.sma.sweep: unknown option 'constructor'; allowed: period");
    expect(() => sweep(stddev, close, { constructor: 1 })).toThrow("hean.stddev.sweep: unknown option 'constructor'");
    expect(() => sweep(stddev, close, { nbDev: [1], stdDev: 2 })).toThrow("hean.stddev.sweep: options 'stdDev' and 'nbDev' are the same option; give one");
    expect(() => sweep(bbands, close, { maType: ['sma', 'foo'] })).toThrow(/^hean\.bbands\.sweep: option 'maType' must be one of 'sma', 'ema'/);
    expect(() => sweep(sma, close, { period: [] })).toThrow("hean.sma.sweep: sweep values for 'period' must not be empty");
  });
});
