// `node scripts/test-source-install.mjs`: tests hean's from-source fallback (scripts/install.mjs)
// as a user on a platform without prebuilds gets it. Slow (it builds both addons from the
// packed sources, in a fresh cargo target dir), so it is not part of .ci/run. POSIX only.
//   1. packs hean, then repacks the tarball with no prebuild for this platform (the host's
//      folder is renamed to a platform that does not exist; the checkout is not touched);
//   2. installs it into a fresh project with scripts enabled (approved with allowScripts):
//      install.mjs must fetch the pinned build tools, build both addons into build/ and
//      leave nothing else behind; then an indicator and a risk check must run;
//   3. installs it again with no cmake, compiler, make or cargo on PATH, and again with only
//      cargo missing: both must fail with the one message naming this platform, the
//      prebuilt platforms (the renamed one) and exactly what is missing.
// Set CMAKE_BUILD_PARALLEL_LEVEL / CARGO_BUILD_JOBS to limit the build's parallelism;
// `--failures-only` skips step 2 (the slow build).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.platform === 'win32') {
  console.error('test-source-install: POSIX only');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'hean-src-'));
const timings = [];
const step = (s) => console.log(`\n== test-source-install: ${s}`);
function timed(label, fn) {
  const t = Date.now();
  const r = fn();
  timings.push([label, (Date.now() - t) / 1000]);
  return r;
}
const quiet = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] };
const packJson = (out) => JSON.parse(out.slice(out.search(/^\[\s*\{/m)))[0];
const OTHER = 'plan9-x64';
const tag = `${process.platform}-${process.arch}${process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime ? '-musl' : ''}`;

// npm 11's allowScripts approval (what `npm install-scripts approve hean` writes; a local
// tarball is keyed by its file: spec), installed with --strict-allow-scripts so that an
// unapproved script would be skipped rather than run with a warning.
function project(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  const allowScripts = { hean: true, [`file:${tarball}`]: true };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `hean-${name}`, version: '1.0.0', private: true, allowScripts }));
  return dir;
}
const npmInstall = (cwd, tgz, env = process.env, extra = []) =>
  spawnSync('npm', ['install', tgz, '--strict-allow-scripts', '--no-audit', '--no-fund', '--no-package-lock', ...extra], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: extra.includes('--foreground-scripts') ? 'inherit' : 'pipe',
  });

function expectFailure(name, env, mustSay, mustNotSay = []) {
  const app = project(name);
  const r = timed(`install, ${name} (fails)`, () => npmInstall(app, tarball, env));
  const out = `${r.stdout}${r.stderr}`;
  console.log(out.split('\n').filter((l) => !/Unknown (user|env|cli) config/.test(l)).join('\n'));
  if (r.status === 0) throw new Error(`${name}: npm install succeeded`);
  for (const s of mustSay) if (!out.includes(s)) throw new Error(`${name}: the message lacks ${JSON.stringify(s)}`);
  for (const s of mustNotSay) if (out.includes(s)) throw new Error(`${name}: the message says ${JSON.stringify(s)}`);
  if (existsSync(join(app, 'node_modules', 'hean', 'build'))) throw new Error(`${name}: left build/ behind`);
}

function expectFallback(name, env) {
  const app = project(name);
  const r = timed(`install, ${name} (WASM fallback)`, () => npmInstall(app, tarball, env, ['--foreground-scripts']));
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`${name}: npm install failed (exit ${r.status}):\n${out}`);
  for (const s of [`hean: WARNING: installed WITHOUT native addons on ${tag}`, 'cmake >= 3.20 (not found)', 'Works, on the WebAssembly engine', 'Does not work: the Rust risk core'])
    if (!out.includes(s)) throw new Error(`${name}: the warning lacks ${JSON.stringify(s)}:\n${out}`);
  const code = `const h = require('hean'); if (h.engine() !== 'wasm' || h.sma([1, 2, 3], 2)[2] !== 2.5) throw new Error('not on WASM');
    try { new h.RiskEngine(); throw new Error('RiskEngine constructed'); } catch (e) { if (!/no usable hean_rust.node for ${tag}/.test(e.message)) throw e; }`;
  execFileSync(process.execPath, ['-e', code], { cwd: app, stdio: 'inherit' });
  console.log(`${name}: installed with the warning; indicators on WASM; RiskEngine throws the loader's error`);
}

let tarball;
try {
  step(`npm pack (runs \`prepare\`), then repack with no prebuild for ${tag}`);
  const full = timed('npm pack (incl. prepare)', () => packJson(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, ...quiet })));
  const x = join(work, 'x');
  mkdirSync(x);
  execFileSync('tar', ['-xzf', join(work, full.filename), '-C', x]);
  for (const c of ['cpp', 'rust']) {
    // node-gyp-build's root per addon: bindings/<core>/prebuilds/<platform>-<arch>/
    const prebuilds = join(x, 'package', 'bindings', c, 'prebuilds');
    for (const d of readdirSync(prebuilds)) rmSync(join(prebuilds, d), { recursive: true });
    mkdirSync(join(prebuilds, OTHER));
    writeFileSync(join(prebuilds, OTHER, `hean_${c}.node`), 'a prebuild for another platform');
  }
  const nopre = join(work, 'nopre');
  mkdirSync(nopre);
  const info = packJson(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', nopre], { cwd: join(x, 'package'), ...quiet }));
  tarball = join(nopre, info.filename);
  if (info.files.some((f) => f.path.includes(`/prebuilds/${process.platform}-${process.arch}/`))) throw new Error('repacked tarball still holds the host prebuilds');
  console.log(`${info.filename} without the ${tag} prebuilds: ${(info.size / 1024).toFixed(0)} KiB, ${info.files.length} files`);

  if (!process.argv.includes('--failures-only')) buildFromSource();

  step('no toolchain at all on PATH (only sh, node and npm)');
  const bin = join(work, 'bin');
  mkdirSync(bin);
  for (const t of ['sh', 'node', 'npm']) symlinkSync(execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(), join(bin, t));
  expectFallback('no-toolchain-fallback', { ...process.env, PATH: bin, CXX: '', HEAN_REQUIRE_NATIVE: '' });
  step('strict mode (HEAN_REQUIRE_NATIVE=1): no toolchain at all on PATH');
  expectFailure('no-toolchain', { ...process.env, PATH: bin, CXX: '', HEAN_REQUIRE_NATIVE: '1' }, [
    `hean: cannot install on ${tag}`,
    'this package has no prebuilt binaries',
    `Prebuilt platforms in this package: ${OTHER}.`,
    'cmake >= 3.20 (not found)',
    'a C++20 compiler',
    'make or ninja',
    'cargo >= 1.80',
    'npm rebuild hean',
  ]);

  step('strict mode: everything but cargo');
  const noCargo = process.env.PATH.split(delimiter).filter((d) => !existsSync(join(d, 'cargo'))).join(delimiter);
  expectFailure('no-cargo', { ...process.env, PATH: noCargo, HEAN_REQUIRE_NATIVE: '1', CARGO_HOME: join(work, 'no-cargo-home'), RUSTUP_HOME: join(work, 'no-rustup') }, ['cargo >= 1.80', 'https://rustup.rs'], ['cmake >=', 'C++20 compiler', 'make or ninja']);

  console.log('\ntest-source-install: all checks passed');
  for (const [label, t] of timings) console.log(`  ${t.toFixed(1).padStart(7)} s  ${label}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function buildFromSource() {
  step('install with scripts enabled: builds both addons from source');
  const app = project('app');
  const r = timed('install, from source (fetch tools + C++ + Rust)', () => npmInstall(app, tarball, process.env, ['--foreground-scripts']));
  if (r.status !== 0) throw new Error(`npm install failed (exit ${r.status})`);
  const pkg = join(app, 'node_modules', 'hean');
  for (const f of ['build/Release/hean_cpp.node', 'build/rust/hean_rust.node']) if (!existsSync(join(pkg, f))) throw new Error(`no ${f}`);
  if (existsSync(join(pkg, 'target'))) throw new Error('installed package holds target/');
  const buildFiles = readdirSync(join(pkg, 'build'), { recursive: true }).filter((f) => statSync(join(pkg, 'build', f)).isFile());
  if (buildFiles.length !== 2) throw new Error(`build/ holds more than the two addons: ${buildFiles.join(', ')}`);
  execFileSync(
    process.execPath,
    [
      '-e',
      `const h = require('hean');
       const e = h.ema(Float64Array.from({ length: 50 }, (_, i) => i), 10);
       if (Math.abs(e[49] - 44.5) > 1e-9) throw new Error('ema gave ' + e[49]);
       const risk = new h.RiskEngine();
       const btc = risk.addInstrument({ symbol: 'BTCUSDT', venue: 'x', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001',
         maxOrderQty: '100', maxMktOrderQty: '50', minNotionalValue: '5', priceBand: 0.05 }, { maxPosition: 2, maxNotional: 250000 });
       risk.mark(btc, 60000, 0);
       const r = risk.submit({ clientId: 1, instrument: btc, side: 'buy', price: 59990.15, qty: 0.01 }, 0);
       if (r.reason !== 'PriceOffTick') throw new Error(JSON.stringify(r));
       console.log('source-built addons load: ema and a risk check ok');`,
    ],
    { cwd: app, stdio: 'inherit' },
  );
  const again = spawnSync(process.execPath, [join(pkg, 'scripts', 'install.mjs')], { cwd: pkg, encoding: 'utf8' });
  if (again.status !== 0 || again.stdout || again.stderr) throw new Error('install.mjs is not a silent no-op once build/ holds both addons');

}
