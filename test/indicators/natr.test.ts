import { describe, it } from 'vitest';
import { natr } from '../../src/indicators/natr.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('natr', () => {
  it.each([2, 14, 30])('matches TA-Lib NATR(%i)', (period) => {
    expectClose(natr(high, low, close, period), ta('NATR', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9);
  });
});
