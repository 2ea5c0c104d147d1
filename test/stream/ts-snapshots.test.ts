// Snapshots written by hean's earlier TypeScript mirrors of these classes (before they
// streamed from the C++ step in the WASM engine) still restore: the C++ steps keep the
// mirrors' state and window layouts. ts-snapshots.json was written by the last release of
// the mirrors: per class and option set, a snapshot after 300 bars (one of them a gap),
// the next 40 bars and the values the mirror returned for them. Mfi is the exception: it
// now follows TA-Lib 0.8's rules, and its old snapshots are refused with a clear error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as stream from '../../src/stream/index.js';

interface Case {
  cls: string;
  options: unknown;
  snapshot: Record<string, unknown>;
  next: number[][];
  expect: (number | null | Record<string, number | null>)[];
}
const cases = JSON.parse(readFileSync(join(__dirname, 'ts-snapshots.json'), 'utf8')) as Case[];
type Any = { update(...x: number[]): unknown; restore(s: unknown): void; snapshot(): unknown };
const make = (c: Case) => new (stream as unknown as Record<string, new (o?: unknown) => Any>)[c.cls]!(c.options ?? undefined);
const dec = (v: number | null) => (v === null ? NaN : v);

describe('snapshots of the TypeScript mirrors restore into the C++-step classes', () => {
  it('covers the converted classes', () => {
    expect(new Set(cases.map((c) => c.cls)).size).toBe(17);
  });
  it.each(cases.filter((c) => c.cls !== 'Mfi').map((c) => [`${c.cls} ${JSON.stringify(c.options)}`, c] as const))('%s', (_l, c) => {
    const s = make(c);
    s.restore(c.snapshot);
    // The restored state is the snapshot's, bit for bit (snapshot() re-encodes it).
    expect(s.snapshot()).toEqual(c.snapshot);
    c.next.forEach((bar, i) => {
      const got = s.update(...bar);
      const want = c.expect[i]!;
      if (want === null || typeof want === 'number') expect(Object.is(got, dec(want)), `${c.cls}[${i}]: ${got} vs ${want}`).toBe(true);
      else for (const [k, w] of Object.entries(want)) expect(Object.is((got as Record<string, number>)[k], dec(w)), `${c.cls}.${k}[${i}]`).toBe(true);
    });
  });
  it('refuses an Mfi snapshot of the TA-Lib 0.6 rules with a RangeError naming the reason, unchanged', () => {
    for (const c of cases.filter((x) => x.cls === 'Mfi')) {
      const s = make(c);
      s.update(10, 9, 9.5, 100);
      const before = s.snapshot();
      expect(() => s.restore(c.snapshot)).toThrow(RangeError);
      expect(() => s.restore(c.snapshot)).toThrow(/TA-Lib 0\.6.*start a new Mfi/);
      expect(s.snapshot()).toEqual(before);
    }
  });
});
