import { describe, expect, it } from 'vitest';
import { add } from '../../src/indicators/add.js';
import { div } from '../../src/indicators/div.js';
import { mult } from '../../src/indicators/mult.js';
import { sub } from '../../src/indicators/sub.js';
import { sum } from '../../src/indicators/sum.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('add, sub, mult, div, sum', () => {
  it('match TA-Lib ADD, SUB, MULT, DIV', () => {
    const i = { inReal0: close, inReal1: high };
    expectClose(add(close, high), ta('ADD', i).outReal!, 1e-12, 'add');
    expectClose(sub(close, high), ta('SUB', i).outReal!, 1e-12, 'sub');
    expectClose(mult(close, high), ta('MULT', i).outReal!, 1e-12, 'mult');
    expectClose(div(close, low), ta('DIV', { inReal0: close, inReal1: low }).outReal!, 1e-12, 'div');
  });
  it.each([2, 3, 30, 200])('sum matches TA-Lib SUM(%i)', (period) => {
    expectClose(sum(close, period), ta('SUM', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `sum${period}`);
  });
  it('hand-checked values; division by zero as IEEE (no zero test, as TA-Lib)', () => {
    expect(Array.from(add([1, 2], [3, 4]))).toEqual([4, 6]);
    expect(Array.from(sub([1, 2], [3, 5]))).toEqual([-2, -3]);
    expect(Array.from(mult([1.5, 2], [2, -4]))).toEqual([3, -8]);
    expect(Array.from(div([1, -1, 3], [0, 0, 2]))).toEqual([Infinity, -Infinity, 1.5]);
    expect(Array.from(sum([1, 2, 3, 4], 3))).toEqual([NaN, NaN, 6, 9]);
  });
  it('a gap in either input is NaN at that bar only; sum restarts', () => {
    expect(Array.from(add([1, NaN, 3], [1, 1, Infinity]))).toEqual([2, NaN, NaN]);
    expect(Array.from(sum([1, 2, NaN, 4, 5, 6], 2))).toEqual([NaN, 3, NaN, NaN, 9, 11]);
  });
  it('inputs must have the same length; sum period an integer >= 2, default 30', () => {
    expect(() => add([1, 2], [1])).toThrow(RangeError);
    expect(() => sum(close, 1)).toThrow(/period/);
    expect(sum.lookback()).toBe(29);
  });
});
