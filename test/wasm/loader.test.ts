// The engine choice as a user without a native addon sees it: a copy of dist/ and
// wasm/hean_cpp.wasm in a folder with no build/ and no prebuilds falls back to WASM (ESM,
// CJS and a worker thread); $HEAN_ENGINE forces either engine or is refused when unknown.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ema as nativeEma } from '../../src/indicators/ema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = mkdtempSync(join(tmpdir(), 'hean-wasm-loader-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): { out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, args, { cwd: pkg, env: { ...process.env, HEAN_CPP_ADDON: '', HEAN_ENGINE: '', ...env }, stdio: 'pipe' });
    return { out: String(out), err: '' };
  } catch (e) {
    return { out: '', err: String((e as { stderr: Buffer }).stderr) };
  }
}

const close = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.01);
const PROGRAM = `h.engine() + ' ' + JSON.stringify(Array.from(h.ema(Float64Array.from(${JSON.stringify(close)}), 10)))`;

describe('engine selection', () => {
  cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
  mkdirSync(join(pkg, 'wasm'));
  cpSync(join(root, 'wasm', 'hean_cpp.wasm'), join(pkg, 'wasm', 'hean_cpp.wasm'));
  writeFileSync(join(pkg, 'package.json'), '{"type":"module"}');
  const want = `wasm ${JSON.stringify(Array.from(nativeEma(Float64Array.from(close), 10)))}`;

  it('without a native addon, ESM falls back to the WASM engine with the native bits', () => {
    const r = run(['--input-type=module', '-e', `import('${join(pkg, 'dist', 'index.js')}').then((h) => console.log(${PROGRAM}))`]);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe(want);
  });

  it('and so do CJS and a worker thread', () => {
    const cjs = run(['-e', `const h = require('${join(pkg, 'dist', 'index.cjs')}'); console.log(${PROGRAM})`]);
    expect(cjs.err).toBe('');
    expect(cjs.out.trim()).toBe(want);
    const worker = `const { Worker } = require('node:worker_threads');
      const w = new Worker("const h = require('${join(pkg, 'dist', 'index.cjs')}'); require('node:worker_threads').parentPort.postMessage(${PROGRAM.replace(/"/g, '\\"')})", { eval: true });
      w.on('message', (m) => { console.log(m); w.terminate(); });`;
    const wr = run(['-e', worker]);
    expect(wr.err).toBe('');
    expect(wr.out.trim()).toBe(want);
  });

  it('HEAN_ENGINE=native there is the native loader error; an unknown value is refused', () => {
    const r = run(['--input-type=module', '-e', `import('${join(pkg, 'dist', 'index.js')}').then((h) => h.ema([1, 2, 3], 2))`], { HEAN_ENGINE: 'native' });
    expect(r.err).toContain('no usable hean_cpp.node');
    const bad = run(['--input-type=module', '-e', `import('${join(pkg, 'dist', 'index.js')}').then((h) => h.ema([1, 2, 3], 2))`], { HEAN_ENGINE: 'gpu' });
    expect(bad.err).toContain("$HEAN_ENGINE must be 'auto', 'native' or 'wasm', got 'gpu'");
  });

  it('in the checkout, HEAN_ENGINE=wasm picks WASM although the addon loads', () => {
    const entry = join(root, 'dist', 'index.js');
    const r = run(['--input-type=module', '-e', `import('${entry}').then((h) => console.log(h.engine()))`], { HEAN_ENGINE: 'wasm' });
    expect(r.out.trim()).toBe('wasm');
    const n = run(['--input-type=module', '-e', `import('${entry}').then((h) => console.log(h.engine()))`]);
    expect(n.out.trim()).toBe('native');
  });
});
