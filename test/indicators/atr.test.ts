import { describe, it } from 'vitest';
import { atr } from '../../src/indicators/atr.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('atr', () => {
  it.each([1, 2, 14, 50])('matches TA-Lib ATR(%i)', (period) => {
    expectClose(atr(high, low, close, period), ta('ATR', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9);
  });
});
