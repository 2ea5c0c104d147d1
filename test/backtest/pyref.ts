// The Python references (vectorbt, backtesting.py) in a cached venv under
// node_modules/.cache/hean-pyref: created on first use (about 90 s), reused after. When it
// cannot be created for lack of network the caller skips loudly; any other failure throws.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PYREF_PACKAGES = ['vectorbt==1.2.0', 'backtesting==0.6.6', 'TA-Lib==0.8.2', 'mpmath==1.3.0'];
const dir = process.env.HEAN_PYREF_DIR ?? join(root, 'node_modules', '.cache', 'hean-pyref');
const venv = join(dir, 'venv');
const py = join(venv, 'bin', 'python');
const marker = join(dir, `ready-${PYREF_PACKAGES.join('-')}`);

const NETWORK = /NewConnectionError|Temporary failure in name resolution|Network is unreachable|ConnectionError|No matching distribution found|Could not fetch URL|ProxyError|timed out/i;

export type PyRef = { ok: true; python: string } | { ok: false; why: string };

export function ensurePyRef(): PyRef {
  if (existsSync(marker) && existsSync(py)) return { ok: true, python: py };
  mkdirSync(dir, { recursive: true });
  const base = ['python3.11', 'python3'].find((b) => spawnSync(b, ['--version']).status === 0);
  if (!base) throw new Error('hean backtest references: no python3.11 / python3 on PATH');
  if (!existsSync(py)) {
    const r = spawnSync(base, ['-m', 'venv', venv], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hean backtest references: python -m venv failed:\n${r.stderr}`);
  }
  const r = spawnSync(py, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...PYREF_PACKAGES], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) {
    const out = `${r.stdout}\n${r.stderr}`;
    if (NETWORK.test(out)) return { ok: false, why: `pip could not reach the Python registry:\n${out.slice(-2000)}` };
    throw new Error(`hean backtest references: pip install ${PYREF_PACKAGES.join(' ')} failed:\n${out.slice(-4000)}`);
  }
  writeFileSync(marker, new Date().toISOString());
  return { ok: true, python: py };
}

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
