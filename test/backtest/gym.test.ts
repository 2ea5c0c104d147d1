// The gym-style environment: rewards against hand-computed equity changes, observations
// against features(), determinism with a seed, RiskEngine rejections in info, bad input.
import { describe, expect, it } from 'vitest';
import { features, TradingEnv, defaultEnvFeatures } from '../../src/index.js';
import { rng } from '../helpers.js';

const f64 = (...x: number[]) => Float64Array.from(x);

describe('TradingEnv', () => {
  it('rewards are equity changes net of fees (hand-computed)', () => {
    const close = f64(100, 101, 103, 102, 99, 100);
    const env = new TradingEnv({ close }, { features: [{ fn: 'returns', options: 1 }], takerFee: 0.001, maxPosition: 2 });
    expect(env.columns).toEqual(['returns_1', 'position']);
    const r0 = env.reset();
    expect(r0.info.index).toBe(1); // the first bar with the return defined
    expect(Array.from(r0.observation)).toEqual([101 / 100 - 1, 0]);
    const s1 = env.step(2); // long 2 at 101 (fee 0.202), bar 2 closes at 103
    expect(s1.reward).toBeCloseTo(2 * (103 - 101) - 0.202, 9);
    expect(Array.from(s1.observation)).toEqual([103 / 101 - 1, 1]);
    const s2 = env.step(0); // long 2 → short 2: sell 4 at 103 (fee 0.412), bar 3 closes at 102
    expect(s2.reward).toBeCloseTo(-0.412 + 2 * (103 - 102), 9);
    expect(s2.info.position).toBe(-2);
    const s3 = env.step(1); // flat: buy 2 at 102 (fee 0.204)
    expect(s3.reward).toBeCloseTo(-0.204, 9);
    const s4 = env.step(1);
    expect(s4.reward).toBe(0);
    expect(s4.truncated).toBe(true);
    expect(s4.terminated).toBe(false);
    const total = s1.reward + s2.reward + s3.reward + s4.reward;
    expect(s4.info.equity - 10_000).toBeCloseTo(total, 9);
    expect(() => env.step(1)).toThrow(/reset/);
  });

  it('observations are features() rows plus the position; same seed, same episode', () => {
    const r = rng(3);
    const n = 400;
    const close = new Float64Array(n);
    let p = 50;
    for (let i = 0; i < n; i++) close[i] = p = Math.round(p * (1 + (r() - 0.5) * 0.02) * 100) / 100;
    const m = features({ close }, defaultEnvFeatures, { warmup: 'keep' });
    const run = (seed: number) => {
      const env = new TradingEnv({ close }, { actions: 'continuous', randomStart: true, episodeBars: 50, takerFee: 0.0005 });
      const a = rng(99);
      const { observation, info } = env.reset(seed);
      const w = m.columns.length;
      expect(Array.from(observation.subarray(0, w))).toEqual(Array.from(m.data.subarray(info.index * w, info.index * w + w)));
      const out: number[] = [info.index];
      for (let k = 0; k < 50; k++) {
        const s = env.step(a() * 2 - 1);
        out.push(s.reward, ...s.observation);
        if (s.truncated || s.terminated) break;
      }
      return out;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)[0]).not.toBe(run(8)[0]);
  });

  it('a RiskEngine rejection shows in info and leaves the position', () => {
    const env = new TradingEnv({ close: f64(10, 11, 12, 13) }, { features: [{ fn: 'returns', options: 1 }], maxPosition: 2, limits: { maxPosition: 1 } });
    env.reset();
    const s = env.step(2);
    expect(s.info.rejected).toBe('PositionLimit');
    expect(s.info.position).toBe(0);
    expect(s.reward).toBe(0);
  });

  it('bad input', () => {
    const close = f64(10, 11, 12, 13);
    const spec = [{ fn: 'returns', options: 1 }];
    expect(() => new TradingEnv({ close }, { features: spec, actions: 'box' as never })).toThrow(RangeError);
    expect(() => new TradingEnv({ close }, { features: spec, levels: [2] })).toThrow(RangeError);
    expect(() => new TradingEnv({ close }, { features: spec, maxPosition: 0 })).toThrow(RangeError);
    expect(() => new TradingEnv({ close: 'x' } as never)).toThrow(TypeError);
    expect(() => new TradingEnv({ close: f64(1, 2) })).toThrow(/too few bars/);
    const env = new TradingEnv({ close }, { features: spec });
    env.reset();
    expect(() => env.step(3)).toThrow(RangeError);
    expect(() => env.step('1' as never)).toThrow(TypeError);
    expect(() => env.reset(1.5)).toThrow(TypeError);
  });
});
