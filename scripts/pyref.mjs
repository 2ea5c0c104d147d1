// The Python references the tests compare against (TA-Lib's wheel = TA-Lib C 0.8.1,
// vectorbt, backtesting.py, mpmath), in a venv under node_modules/.cache/hean-pyref
// (HEAN_PYREF_DIR moves it): created on first use, reused after. The tests call
// ensurePyRef() through test/backtest/pyref.ts; CI runs this file first, in the background
// while the native cores build (`node scripts/pyref.mjs --warm`), so the install and
// vectorbt's numba compilation (cached on disk, cache=True) are off the test run's path.
// When pip cannot reach the registry the result says why and the tests skip loudly; any
// other failure throws.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PYREF_PACKAGES = ['vectorbt==1.2.0', 'backtesting==0.6.6', 'TA-Lib==0.8.2', 'mpmath==1.3.0'];
const dir = process.env.HEAN_PYREF_DIR ?? join(root, 'node_modules', '.cache', 'hean-pyref');
const venv = join(dir, 'venv');
const py = join(venv, 'bin', 'python');
const marker = join(dir, `ready-${PYREF_PACKAGES.join('-')}`);

const NETWORK = /NewConnectionError|Temporary failure in name resolution|Network is unreachable|ConnectionError|No matching distribution found|Could not fetch URL|ProxyError|timed out/i;

/** @returns {{ ok: true, python: string } | { ok: false, why: string }} */
export function ensurePyRef() {
  if (existsSync(marker) && existsSync(py)) return { ok: true, python: py };
  mkdirSync(dir, { recursive: true });
  return locked(() => (existsSync(marker) && existsSync(py) ? { ok: true, python: py } : install()));
}

/** fn() holding `dir`/lock: vitest runs files in parallel, and two pip installs into one venv corrupt it. */
function locked(fn) {
  const lock = join(dir, 'lock');
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock); // atomic: one process gets it
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    // a holder killed mid-install leaves the lock: older than pip's 15-minute timeout is stale
    try {
      if (Date.now() - statSync(lock).mtimeMs > 20 * 60_000) rmSync(lock, { recursive: true, force: true });
    } catch {
      /* released meanwhile */
    }
    Atomics.wait(nap, 0, 0, 500);
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function install() {
  const base = ['python3.11', 'python3'].find((b) => spawnSync(b, ['--version']).status === 0);
  if (!base) throw new Error('hean Python references: no python3.11 / python3 on PATH');
  if (!existsSync(py)) {
    const r = spawnSync(base, ['-m', 'venv', venv], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hean Python references: python -m venv failed:\n${r.stderr}`);
  }
  const r = spawnSync(py, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...PYREF_PACKAGES], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) {
    const out = `${r.stdout}\n${r.stderr}`;
    if (NETWORK.test(out)) return { ok: false, why: `pip could not reach the Python registry:\n${out.slice(-2000)}` };
    throw new Error(`hean Python references: pip install ${PYREF_PACKAGES.join(' ')} failed:\n${out.slice(-4000)}`);
  }
  writeFileSync(marker, new Date().toISOString());
  return { ok: true, python: py };
}

// vectorbt's simulators are numba functions with cache=True: one small run of each kind the
// tests use compiles them once and leaves the machine code in the venv.
const WARM = `
import numpy as np, vectorbt as vbt, backtesting, talib, mpmath
n = 64
c = 100 * np.cumprod(1 + np.sin(np.arange(n)) * 0.01)
vbt.Portfolio.from_orders(c, np.where(np.arange(n) % 2 == 0, 1.0, -1.0), fees=0.001).stats()
vbt.Portfolio.from_signals(c, np.arange(n) % 7 == 0, np.arange(n) % 7 == 3, sl_stop=0.02, direction='both').stats()
print('warm')
`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  const r = ensurePyRef();
  if (!r.ok) {
    console.log(`pyref: not available (${r.why.split('\n')[0]})`);
  } else {
    console.log(`pyref: ${r.python} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (process.argv.includes('--warm')) {
      const w = spawnSync(r.python, ['-c', WARM], { encoding: 'utf8' });
      if (w.status !== 0) throw new Error(`pyref --warm failed:\n${w.stderr.slice(-3000)}`);
      console.log(`pyref: vectorbt compiled and cached in ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
    }
  }
}
