import { describe, expect, it } from 'vitest';
import { wilders } from '../../src/indicators/wilders.js';
import { expectClose, rma, sample } from '../helpers.js';

describe('wilders', () => {
  const { close } = sample(3000);
  it.each([1, 3, 14, 100])('matches an independent RMA(%i)', (p) => {
    expectClose(wilders(close, p), rma(close, p), 1e-12);
  });
  it('hand-checked', () => {
    const y = wilders([2, 4, 6, 8], 2);
    expect(Array.from(y)).toEqual([NaN, 3, 4.5, 6.25]);
  });
});
