import { describe, expect, it } from 'vitest';
import { toColumns, toRows } from '../../src/market/columns.js';

describe('columns', () => {
  it('round-trips ccxt rows, parsing numeric strings', () => {
    const rows = [
      [1, 2, 3, 1, 2.5, 10],
      [2, '2.5', '4', '2', '3', '11'],
    ] as never;
    const c = toColumns(rows);
    expect(Array.from(c.close)).toEqual([2.5, 3]);
    expect(toRows(c)).toEqual([
      [1, 2, 3, 1, 2.5, 10],
      [2, 2.5, 4, 2, 3, 11],
    ]);
  });
  it('rejects malformed rows', () => {
    expect(() => toColumns([[1, 2, 3]] as never)).toThrow(/row 0/);
    expect(() => toColumns([[1, 2, 3, 4, 'x', 6]] as never)).toThrow(/column 4/);
    expect(() => toColumns('x' as never)).toThrow(TypeError);
  });
});
