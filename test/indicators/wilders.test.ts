import { describe, expect, it } from 'vitest';
import { wilders } from '../../src/indicators/wilders.js';
import { expectClose, sample } from '../helpers.js';

/** Independent reference: SMA seed, then y += (x - y) / period. */
function rma(x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  if (x.length < p) return y;
  let s = 0;
  for (let i = 0; i < p; i++) s += x[i]!;
  let v = s / p;
  y[p - 1] = v;
  for (let i = p; i < x.length; i++) y[i] = v = v + (x[i]! - v) / p;
  return y;
}

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
