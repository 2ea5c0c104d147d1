// scripts/install.mjs where no prebuild fits and no native build is possible: the install
// succeeds with a warning (the indicators run in WebAssembly), unless HEAN_REQUIRE_NATIVE=1;
// then the installed copy as a user gets it (dist/, wasm/, no build/, no prebuilds): the
// indicators compute on WASM and every Rust-backed API throws an Error that says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { platformTag } from '../src/native.js';
import { macd, rsi, sma } from '../src/index.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const pkg = mkdtempSync(join(tmpdir(), 'hean-install-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));
const bin = join(pkg, '.bin');

// A user's copy: what the tarball holds that matters here, and node-gyp-build (a dependency).
mkdirSync(join(pkg, 'scripts'), { recursive: true });
cpSync(here('../scripts/install.mjs'), join(pkg, 'scripts', 'install.mjs'));
cpSync(here('../package.json'), join(pkg, 'package.json'));
cpSync(here('../dist'), join(pkg, 'dist'), { recursive: true });
mkdirSync(join(pkg, 'wasm'));
cpSync(here('../wasm/hean_cpp.wasm'), join(pkg, 'wasm', 'hean_cpp.wasm'));
mkdirSync(join(pkg, 'node_modules'));
symlinkSync(here('../node_modules/node-gyp-build'), join(pkg, 'node_modules', 'node-gyp-build'), 'dir');
// PATH holds node and nothing else: no cmake, compiler, make, cargo or npm.
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, 'node'));

const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'HEAN_REQUIRE_NATIVE'));

function install(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(pkg, 'scripts', 'install.mjs')], {
    cwd: pkg,
    env: { ...clean, PATH: bin, CXX: '', CARGO_HOME: join(pkg, 'no-cargo'), RUSTUP_HOME: join(pkg, 'no-rustup'), ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

// Child processes on a loaded machine: generous timeouts.
describe('install.mjs without a prebuild or a toolchain', { timeout: 60_000 }, () => {
  const tag = platformTag();

  it('succeeds with a warning naming the platform, what was tried, what works and what does not', () => {
    const r = install();
    expect(r.status).toBe(0);
    expect(r.out).toContain(`hean: WARNING: installed WITHOUT native addons on ${tag}`);
    expect(r.out).toContain(`this package has no prebuilt binaries for ${tag}`);
    expect(r.out).toContain('Prebuilt platforms in this package: none.');
    expect(r.out).toContain('cmake >= 3.20 (not found)');
    expect(r.out).toContain('cargo >= 1.80, the Rust toolchain (not found)');
    expect(r.out).toMatch(/Works, on the WebAssembly engine[^]*every indicator[^]*streaming[^]*hean\/talib/);
    expect(r.out).toMatch(/Does not work: the Rust risk core \(RiskEngine, OrderBook, Router/);
    expect(r.out).toContain('HEAN_REQUIRE_NATIVE=1');
  });

  it('fails with HEAN_REQUIRE_NATIVE=1 (strict mode), with the same diagnosis', () => {
    for (const v of ['1', 'true']) {
      const r = install({ HEAN_REQUIRE_NATIVE: v });
      expect(r.status).toBe(1);
      expect(r.out).toContain(`hean: cannot install on ${tag}`);
      expect(r.out).toContain('cmake >= 3.20 (not found)');
      expect(r.out).not.toContain('WARNING');
    }
  });

  it('falls back too when the tools are there but the source build fails', () => {
    // Tools that pass the version probes; npm (fetching cmake-js) then fails.
    const fake = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    fake('cmake', 'echo "cmake version 3.30.0"');
    fake('c++', 'exit 0');
    fake('make', 'exit 0');
    fake('cargo', 'echo "cargo 1.85.0"');
    fake('npm', 'if [ "$1" = --version ]; then echo 10.9.0; exit 0; fi\necho "npm ERR! network unreachable" >&2; exit 1');
    try {
      const r = install({ PATH: `${bin}:/bin` });
      expect(r.status).toBe(0);
      expect(r.out).toContain('building both addons from source');
      expect(r.out).toMatch(/building hean's two addons from source failed: `npm install --prefix [^`]*` failed \(exit 1\)/);
      expect(r.out).toContain(`hean: WARNING: installed WITHOUT native addons on ${tag}`);
      const strict = install({ PATH: `${bin}:/bin`, HEAN_REQUIRE_NATIVE: '1' });
      expect(strict.status).toBe(1);
      expect(strict.out).toContain(`hean: cannot install on ${tag}`);
    } finally {
      for (const f of ['cmake', 'c++', 'make', 'cargo', 'npm']) rmSync(join(bin, f), { force: true });
    }
  });

  it('the installed copy runs the indicators on WASM, equal to the native engine, and imports without the addons', () => {
    const close = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i / 20);
    const code = `
      const h = await import(${JSON.stringify(join(pkg, 'dist', 'index.js'))});
      const t = await import(${JSON.stringify(join(pkg, 'dist', 'talib.js'))});
      const c = ${JSON.stringify(close)};
      const s = new h.Rsi(14); const st = c.map((x) => s.update(x));
      const tl = t.execute({ name: 'SMA', startIdx: 0, endIdx: c.length - 1, inReal: c, optInTimePeriod: 20 });
      console.log(JSON.stringify({ engine: h.engine(), sma: [...h.sma(c, 20)], rsi: [...h.rsi(c, 14)], macd: [...h.macd(c).macd], st, tl: tl.result.outReal }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...clean, HEAN_CPP_ADDON: '', HEAN_RUST_ADDON: '' }, encoding: 'utf8' });
    const got = JSON.parse(out);
    const nan = (a: Float64Array) => [...a].map((x) => (Number.isNaN(x) ? null : x));
    expect(got.engine).toBe('wasm');
    expect(got.sma).toEqual(nan(sma(close, 20)));
    expect(got.rsi).toEqual(nan(rsi(close, 14)));
    expect(got.macd).toEqual(nan(macd(close).macd));
    expect(got.st).toEqual(nan(rsi(close, 14)));
    expect(got.tl).toEqual(nan(sma(close, 20)).slice(19));
  });

  it('every Rust-backed API throws an Error naming the platform, the paths tried and the fix; other native-only parts say what they need', () => {
    const code = `
      const h = await import(${JSON.stringify(join(pkg, 'dist', 'index.js'))});
      const out = [];
      for (const make of [() => new h.RiskEngine(), () => new h.OrderBook({ venue: 'v', symbol: 'S', tickSize: '0.01', qtyStep: '0.001' }), () => new h.Router()]) {
        try { make(); out.push('no error'); } catch (e) { out.push(e.constructor.name + ': ' + e.message); }
      }
      const c = Float64Array.from({ length: 50 }, (_, i) => 10 + Math.sin(i));
      const native = [];
      for (const f of [() => h.backtest.fromSignals({ close: c, entries: h.crossedAbove(c, h.sma(c, 5)) }), () => h.covMatrix(c, 5), () => h.backtest.fromSignals({ close: c, entries: new Uint8Array(50) })]) {
        try { f(); native.push('no error'); } catch (e) { native.push(e.constructor.name + ': ' + e.message); }
      }
      console.log(JSON.stringify(out));
      console.log(JSON.stringify(native));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...clean, HEAN_CPP_ADDON: '', HEAN_RUST_ADDON: '' }, encoding: 'utf8' });
    const [rustOut, nativeOut] = out.trim().split('\n');
    const errs: string[] = JSON.parse(rustOut!);
    // the C++ addon's non-indicator parts: a plain Error saying what they need, not a TypeError from deep inside
    const others: string[] = JSON.parse(nativeOut!);
    expect(others[0]).toMatch(/^Error: hean\.crossedAbove: needs the native C\+\+ addon/);
    expect(others[1]).toMatch(/^Error: hean\.covMatrix needs the native addon/);
    expect(others[2]).toMatch(/^Error: hean\.backtest: needs the native C\+\+ addon/);
    expect(errs).toHaveLength(3);
    for (const e of errs) {
      expect(e).toMatch(/^Error: /);
      expect(e).toContain(`no usable hean_rust.node for ${platformTag()}`);
      expect(e).toContain('$HEAN_RUST_ADDON (not set)');
      expect(e).toContain(`${join(pkg, 'build', 'rust', 'hean_rust.node')} (not found)`);
      expect(e).toContain('npm rebuild hean --foreground-scripts');
      expect(e).toContain('the indicators, streaming classes and hean/talib run on the WebAssembly engine');
    }
  });
});
