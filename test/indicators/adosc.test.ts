import { describe, expect, it } from 'vitest';
import { ad } from '../../src/indicators/ad.js';
import { adosc } from '../../src/indicators/adosc.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { high, low, close, volume } = sample(5000);

describe('adosc', () => {
  it.each([
    [3, 10],
    [2, 2],
    [5, 30],
    [10, 3], // not swapped
  ])('matches TA-Lib ADOSC(%i, %i)', (fast, slow) => {
    const t = ta('ADOSC', { high, low, close, volume }, { optInFastPeriod: fast, optInSlowPeriod: slow }).outReal!;
    expectClose(adosc(high, low, close, volume, { fast, slow }), t, 1e-9, `adosc ${fast}/${slow}`);
  });
  it('defaults 3/10, first value at index 9', () => {
    expect(adosc.lookback()).toBe(9);
    expect(firstValid(adosc(high, low, close, volume))).toBe(9);
  });
  it('is the difference of EMAs of the A/D line seeded with its first value', () => {
    const line = ad(high, low, close, volume);
    let f = line[0]!;
    let s = line[0]!;
    const y = adosc(high, low, close, volume, { fast: 4, slow: 7 });
    for (let i = 1; i < 300; i++) {
      f = f * (1 - 2 / 5) + line[i]! * (2 / 5);
      s = s * (1 - 2 / 8) + line[i]! * (2 / 8);
      if (i >= 6) expect(y[i]).toBeCloseTo(f - s, 6);
    }
  });
});
