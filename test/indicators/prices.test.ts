import { describe, expect, it } from 'vitest';
import { avgprice } from '../../src/indicators/avgprice.js';
import { medprice } from '../../src/indicators/medprice.js';
import { typprice } from '../../src/indicators/typprice.js';
import { wclprice } from '../../src/indicators/wclprice.js';
import { expectClose, sample, ta } from '../helpers.js';

const { open, high, low, close } = sample(5000);

describe('price transforms', () => {
  it('match TA-Lib AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE', () => {
    expectClose(avgprice(open, high, low, close), ta('AVGPRICE', { open, high, low, close }).outReal!, 1e-12, 'avgprice');
    expectClose(medprice(high, low), ta('MEDPRICE', { high, low }).outReal!, 1e-12, 'medprice');
    expectClose(typprice(high, low, close), ta('TYPPRICE', { high, low, close }).outReal!, 1e-12, 'typprice');
    expectClose(wclprice(high, low, close), ta('WCLPRICE', { high, low, close }).outReal!, 1e-12, 'wclprice');
  });
  it('hand-checked values', () => {
    expect(avgprice([1], [2], [3], [6])[0]).toBe(3);
    expect(medprice([3], [1])[0]).toBe(2);
    expect(typprice([4], [1], [4])[0]).toBe(3);
    expect(wclprice([4], [2], [3])[0]).toBe(3);
  });
  it('no warm-up; a gap bar is NaN', () => {
    expect(Array.from(medprice([3, NaN, 5], [1, 1, 1]))).toEqual([2, NaN, 3]);
    expect(typprice.lookback()).toBe(0);
  });
  it('inputs must be numbers', () => {
    expect(() => medprice('x' as never, [1])).toThrow(TypeError);
  });
});
