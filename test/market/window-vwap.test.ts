import { describe, expect, it } from 'vitest';
import { WindowVwap } from '../../src/market/window-vwap.js';
import { rng } from '../helpers.js';

describe('WindowVwap', () => {
  it('equals a brute-force recomputation at every tick', () => {
    const r = rng(8);
    const vw = new WindowVwap({ windowMs: 60_000 });
    const hist: { t: number; p: number; v: number }[] = [];
    let t = 0;
    for (let i = 0; i < 20_000; i++) {
      t += Math.floor(r() * 1500);
      const p = 100 * (1 + (r() - 0.5) * 0.1) * (i > 10_000 ? 1000 : 1); // a change of scale
      const v = r() * 5;
      hist.push({ t, p, v });
      const got = vw.add('A', t, p, v);
      let pv = 0;
      let sv = 0;
      for (let k = hist.length - 1; k >= 0 && hist[k]!.t > t - 60_000; k--) {
        pv += hist[k]!.p * hist[k]!.v;
        sv += hist[k]!.v;
      }
      const ref = pv / sv;
      if (Math.abs(got - ref) > 1e-12 * Math.abs(ref)) throw new Error(`tick ${i}: ${got} vs ${ref}`);
    }
  });

  it('evicts by time on value(now), ignores bad and out-of-order ticks, bounds memory', () => {
    const vw = new WindowVwap({ windowMs: 1000, maxTicks: 3 });
    vw.add('A', 0, 10, 1);
    vw.add('A', 500, 20, 1);
    expect(vw.value('A')).toBe(15);
    expect(vw.value('A', 1200)).toBe(20);
    expect(vw.add('A', 400, 99, 1)).toBe(20);
    expect(vw.add('A', NaN, 99, 1)).toBe(20);
    expect(vw.rejected).toBe(2);
    for (let t = 600; t < 700; t++) vw.add('A', t, 1, 1);
    expect(vw.count('A')).toBe(3);
    expect(vw.value('B')).toBeNaN();
    expect(() => new WindowVwap({ windowMs: 0 })).toThrow(RangeError);
  });
});
