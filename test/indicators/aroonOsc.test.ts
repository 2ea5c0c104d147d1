import { describe, expect, it } from 'vitest';
import { aroon } from '../../src/indicators/aroon.js';
import { aroonOsc } from '../../src/indicators/aroonOsc.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low } = sample(5000);

describe('aroonOsc', () => {
  it.each([2, 14, 25, 100])('matches TA-Lib AROONOSC(%i)', (period) => {
    expectClose(aroonOsc(high, low, period), ta('AROONOSC', { high, low }, { optInTimePeriod: period }).outReal!, 1e-9);
  });
  it('is up - down', () => {
    const r = aroon(high, low, 14);
    const o = aroonOsc(high, low, 14);
    const diff = r.up.map((u, i) => u - r.down[i]!);
    expectClose(o, diff, 1e-12);
  });
  it('lookback is period', () => expect(aroonOsc.lookback()).toBe(14));
});
