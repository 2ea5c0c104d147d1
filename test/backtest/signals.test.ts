// crossedAbove: hand-worked cases of the definition, and (through the CLI's backtest in
// test/report/cli.test.ts) agreement with backtest.maCrossGrid's kernel crossings.
import { describe, expect, it } from 'vitest';
import { crossedAbove } from '../../src/index.js';

const x = (a: number[], b: number[]) => Array.from(crossedAbove(a, b));

describe('crossedAbove', () => {
  it('fires on the bar a rises above b after being below', () => {
    expect(x([1, 3, 3, 1, 3], [2, 2, 2, 2, 2])).toEqual([0, 1, 0, 0, 1]);
  });
  it('a touch (a = b) keeps a crossing pending, and after one, touch-then-rise counts again', () => {
    expect(x([1, 2, 3], [2, 2, 2])).toEqual([0, 0, 1]);
    expect(x([1, 3, 2, 3], [2, 2, 2, 2])).toEqual([0, 1, 0, 1]);
  });
  it('needs a bar below since the last NaN', () => {
    expect(x([3, 3, 2, 3], [2, 2, 2, 2])).toEqual([0, 0, 0, 0]);
    expect(x([1, NaN, 3], [2, 2, 2])).toEqual([0, 0, 0]);
    expect(x([1, 3, NaN, 1, 3], [2, 2, 2, NaN, 2])).toEqual([0, 1, 0, 0, 0]);
    expect(x([1, 3], [NaN, 2])).toEqual([0, 0]);
  });
  it('reads Float64Arrays and checks its arguments', () => {
    expect(crossedAbove(new Float64Array([0, 1]), new Float64Array([0.5, 0.5]))).toEqual(new Uint8Array([0, 1]));
    expect(() => crossedAbove([1, 2], [1])).toThrow(RangeError);
    expect(() => crossedAbove('x' as never, [1])).toThrow(TypeError);
  });
});
