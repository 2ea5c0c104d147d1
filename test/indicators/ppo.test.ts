import { describe, expect, it } from 'vitest';
import { ppo } from '../../src/indicators/ppo.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('ppo', () => {
  it.each([
    [12, 26],
    [3, 10],
    [2, 2],
    [5, 100],
    [26, 12], // swapped, as TA-Lib does
  ])('matches TA-Lib PPO(%i, %i) for both MA types', (fast, slow) => {
    for (const [maType, code] of [['sma', 0], ['ema', 1]] as const) {
      const t = ta('PPO', { inReal: close }, { optInFastPeriod: fast, optInSlowPeriod: slow, optInMAType: code }).outReal!;
      expectClose(ppo(close, { fast, slow, maType }), t, 1e-9, `ppo ${fast}/${slow} ${maType}`);
    }
  });
  it('defaults to 12/26 with SMAs, as TA-Lib', () => {
    expectClose(ppo(close), ta('PPO', { inReal: close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0 }).outReal!, 1e-9);
    expect(ppo.lookback()).toBe(25);
    expect(firstValid(ppo(close, { maType: 'ema' }))).toBe(25);
  });
  it('is 0 where the slow MA is zero', () => {
    const x = new Float64Array(30);
    expect(Array.from(ppo(x, { fast: 2, slow: 3 }).subarray(2))).toEqual(new Array(28).fill(0));
  });
  it('hand-checked: SMA(2) vs SMA(4)', () => {
    const y = ppo([1, 2, 3, 4, 5], { fast: 2, slow: 4 });
    expect(y[3]).toBeCloseTo(((3.5 - 2.5) / 2.5) * 100, 12);
    expect(y[4]).toBeCloseTo(((4.5 - 3.5) / 3.5) * 100, 12);
  });
});

describe('ppo ema seeding', () => {
  it('uses plain SMA-seeded EMAs (TA-Lib PPO does not align them as MACD does)', () => {
    const f = ta('EMA', { inReal: close }, { optInTimePeriod: 5 }).outReal!;
    const s = ta('EMA', { inReal: close }, { optInTimePeriod: 20 }).outReal!;
    const y = ppo(close, { fast: 5, slow: 20, maType: 'ema' });
    for (let i = 19; i < 100; i++) expect(y[i]).toBeCloseTo(((f[i]! - s[i]!) / s[i]!) * 100, 10);
  });
});

describe('ppo maType (every TA-Lib MAType)', () => {
  it.each([['wma', 2], ['dema', 3], ['tema', 4], ['trima', 5], ['kama', 6], ['mama', 7], ['t3', 8]] as const)('matches TA-Lib PPO(12, 26, %s)', (maType, code) => {
    const want = ta('PPO', { inReal: close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: code }).outReal!;
    const got = ppo(close, { fast: 12, slow: 26, maType });
    expectClose(got, want, 1e-9, `ppo ${maType}`);
    expect(firstValid(got)).toBe(firstValid(want));
  });
  it('an unknown maType names the option', () => {
    expect(() => ppo(close, { maType: 'hma' as 'sma' })).toThrow(/maType/);
  });
});
