import { describe, expect, it } from 'vitest';
import { mfi } from '../../src/indicators/mfi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close, volume } = sample(5000);

describe('mfi', () => {
  it.each([2, 14, 50])('matches TA-Lib MFI(%i)', (period) => {
    expectClose(
      mfi(high, low, close, volume, period),
      ta('MFI', { high, low, close, volume }, { optInTimePeriod: period }).outReal!,
      1e-9,
      `mfi${period}`,
    );
  });
  it('is 0 when the window has no volume, 100 when tp only rises', () => {
    const n = 20;
    const up = Float64Array.from({ length: n }, (_, i) => 10 + i);
    expect(mfi(up, up, up, new Float64Array(n), 5)[n - 1]).toBe(0);
    expect(mfi(up, up, up, new Float64Array(n).fill(100), 5)[n - 1]).toBe(100);
  });
  it('lookback is period', () => expect(mfi.lookback()).toBe(14));
});
