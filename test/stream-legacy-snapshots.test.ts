// Snapshots written by hean's earlier TypeScript streaming classes (before these streamed
// from the C++ step; fixture from that version, test/fixtures/stream-snapshots-ts-mirrors.json).
// Where the C++ step keeps the mirror's state layout the snapshot resumes exactly (the
// continued values equal the batch function's, bit for bit); where the layout changed,
// restore() refuses it with a RangeError that says so, and the instance is left unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicator, indicatorTable } from '../src/core/indicator.js';
import * as stream from '../src/stream/index.js';

type Fixture = {
  bars: number;
  gap: number;
  series: Record<string, (number | null)[]>;
  cases: Record<string, { options: unknown; inputs: string[]; snapshot: unknown }>;
};
const fx = JSON.parse(readFileSync(new URL('./fixtures/stream-snapshots-ts-mirrors.json', import.meta.url), 'utf8')) as Fixture;

/** Classes whose C++ step keeps the TypeScript mirror's state and window layout. */
const SAME_LAYOUT = ['RollingMax', 'RollingMin', 'Sar', 'Tema', 'Trima', 'Trix', 'Vwap', 'Wma'];

/** Classes whose option list grew since the fixtures were written (TA-Lib maTypes). */
const GREW = ['Stoch', 'Stochrsi'];

type AnyStream = { update(...x: (number | undefined)[]): unknown; readonly value: unknown; snapshot(): unknown; restore(s: unknown): void };

describe('snapshots of the earlier TypeScript streaming classes', () => {
  it.each(Object.keys(fx.cases))('%s', (name) => {
    const c = fx.cases[name]!;
    const kind = name[0]!.toLowerCase() + name.slice(1);
    const meta = indicatorTable().get(kind)!;
    const col = (k: string) => Float64Array.from(fx.series[k]!, (v, i) => (i === fx.gap && k !== 'session' ? NaN : v === null ? NaN : v));
    const cols = c.inputs.map(col);
    const s = new (stream as unknown as Record<string, new (o: unknown) => AnyStream>)[name]!(c.options);
    if (!SAME_LAYOUT.includes(name)) {
      const before = JSON.stringify(s.snapshot());
      expect(() => s.restore(c.snapshot)).toThrow(RangeError);
      // Stoch and Stochrsi have gained maType options since: the option list differs first.
      expect(() => s.restore(c.snapshot)).toThrow(GREW.includes(name) ? /snapshot has options .*; this instance .*MaType/ : /earlier TypeScript/);
      expect(JSON.stringify(s.snapshot())).toBe(before);
      return;
    }
    s.restore(c.snapshot);
    const batchIns = name === 'Vwap' ? cols.slice(0, 4) : cols;
    const batchOpts = name === 'Vwap' ? { period: c.options as number, session: cols[4] } : c.options;
    const raw = indicator<(...a: unknown[]) => unknown>(kind)(...batchIns, batchOpts);
    const outs = meta.outputs.length === 1 ? [raw as Float64Array] : meta.outputs.map((o) => (raw as Record<string, Float64Array>)[o]!);
    let compared = 0;
    for (let i = fx.bars; i < cols[0]!.length; i++) {
      const v = s.update(...cols.map((x) => x[i]!));
      const got = meta.outputs.length === 1 ? [v as number] : meta.outputs.map((o) => (v as Record<string, number>)[o]!);
      for (let k = 0; k < outs.length; k++) {
        if (!Object.is(got[k], outs[k]![i])) throw new Error(`${name} ${meta.outputs[k]}[${i}]: resumed ${got[k]}, batch ${outs[k]![i]}`);
        if (!Number.isNaN(got[k])) compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
