// The Python references (vectorbt, backtesting.py, the TA-Lib wheel, mpmath): the venv is
// scripts/pyref.mjs's (created on first use, about 90 s; reused after). When it cannot be
// created for lack of network the caller skips loudly; any other failure throws.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { ensurePyRef, PYREF_PACKAGES, type PyRef } from '../../scripts/pyref.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs test/backtest/reference.py on the cases; returns one result per case. */
export function runReference<T>(python: string, cases: unknown[]): T[] {
  const tmp = mkdtempSync(join(tmpdir(), 'hean-pyref-'));
  const file = join(tmp, 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const r = spawnSync(python, [join(root, 'test', 'backtest', 'reference.py'), file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`reference.py failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout) as T[];
}

/** The embedded sample (examples/data/sample-1m.csv) as columns. */
export function sampleCsv(): { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array } {
  const lines = readFileSync(join(root, 'examples', 'data', 'sample-1m.csv'), 'utf8').trim().split('\n').slice(1);
  const n = lines.length;
  const o = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  lines.forEach((l, i) => {
    const [, op, hi, lo, cl] = l.split(',').map(Number);
    o.open[i] = op!;
    o.high[i] = hi!;
    o.low[i] = lo!;
    o.close[i] = cl!;
  });
  return o;
}
