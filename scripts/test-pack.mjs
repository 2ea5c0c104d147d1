// `npm run test:pack`: tests the package as a user gets it. Packs hean (with the host's
// prebuilds, bindings/<core>/prebuilds/<platform>-<arch>/, as node-gyp-build picks them),
// installs the tarball into a fresh temporary project with install scripts disabled, then: imports it from ESM, requires it from CJS, type-checks a TS file against
// it with `tsc --noEmit`, runs an indicator and a risk check on the main thread and in a
// worker thread, checks that the install script is a silent no-op when the prebuilds fit,
// and runs publint and @arethetypeswrong/cli on the tarball. It also checks the tarball's
// contents: dist/, prebuilds, licences and the sources of the from-source fallback, and no
// build folders, tests, benches or examples. Exits non-zero on any failure.
// (The from-source fallback itself is tested by scripts/test-source-install.mjs: slow.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', ...opts });
const step = (s) => console.log(`\n== test:pack: ${s}`);

// node-gyp-build's root for each addon (src/native.ts): bindings/<core>/prebuilds/<platform>-<arch>/.
const cores = ['bindings/cpp', 'bindings/rust'];
const gyp = createRequire(join(root, 'package.json'))('node-gyp-build');
/** The host's prebuild of each core, relative to `dir`, as node-gyp-build picks it (throws if none). */
const prebuildsIn = (dir) => cores.map((c) => relative(dir, gyp.path(join(dir, c))).split(sep).join('/'));
let prebuilt;
try {
  if (process.env.HEAN_PREBUILD === '1') throw new Error('HEAN_PREBUILD=1');
  prebuilt = prebuildsIn(root);
} catch {
  step('no prebuild for this host yet: npm run prebuild');
  sh('npm', ['run', 'prebuild'], { cwd: root });
  prebuilt = prebuildsIn(root);
}
console.log(`host prebuilds: ${prebuilt.join(', ')}`);

const work = mkdtempSync(join(tmpdir(), 'hean-pack-'));
try {
  step('npm pack');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, shell: process.platform === 'win32', encoding: 'utf8' });
  // `npm pack` runs `prepare` (the full build), whose output precedes the JSON on stdout.
  const info = JSON.parse(out.slice(out.search(/^\[\s*\{/m)))[0];
  const tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  console.log(`${info.filename}: ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`);
  const must = [
    ...['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'cli.js', 'talib.js', 'talib.cjs', 'talib.d.ts', 'web.js', 'web.d.ts'].map((f) => `dist/${f}`),
    ...prebuilt,
    'LICENSE',
    // the WebAssembly engine (no toolchain needed to use it)
    'wasm/hean_cpp.wasm',
    'native-cpp/vendor/eigen/COPYING',
    'native-cpp/vendor/eigen/COPYING.MPL2',
    // what scripts/install.mjs needs to build both addons from source
    'scripts/install.mjs',
    'scripts/build-rust.mjs',
    'CMakeLists.txt',
    'Cargo.toml',
    'Cargo.lock',
    'native-cpp/include/hean/indicator.hpp',
    'native-cpp/src/ema.cpp',
    'native-cpp/vendor/eigen/Eigen/Dense',
    'native-cpp/vendor/eigen/Eigen/src/Core/Matrix.h',
    'bindings/cpp/addon.cpp',
    'bindings/rust/Cargo.toml',
    'bindings/rust/build.rs',
    'bindings/rust/napi.json',
    'bindings/rust/src/lib.rs',
    'native-rust/Cargo.toml',
    'native-rust/src/lib.rs',
  ];
  for (const f of must) if (!files.includes(f)) throw new Error(`tarball lacks ${f}`);
  const stray = files.filter(
    (f) =>
      /^(build|build-[^/]*|src|test|benches|target|node_modules|examples|docs|\.github|\.ci)\//.test(f) ||
      /(^|\/)(tests?|target|CMakeFiles)\//.test(f) ||
      /^native-cpp\/vendor\/eigen\/unsupported\//.test(f) ||
      /\.(test\.ts|tgz|o|obj|a|lib)$/.test(f),
  );
  if (stray.length) throw new Error(`tarball holds files users don't need: ${stray.slice(0, 5).join(', ')}`);
  const big = info.files.filter((f) => f.size > 4 * 1024 * 1024 && !f.path.includes('/prebuilds/'));
  if (big.length) throw new Error(`tarball holds large files: ${big.map((f) => f.path).join(', ')}`);

  step('publint');
  sh(bin('publint'), ['run', tarball, '--strict'], { cwd: root });
  step('@arethetypeswrong/cli');
  // hean/web is ESM only (browsers, Deno, Bun): checked with the esm-only profile.
  sh(bin('attw'), [tarball, '--profile', 'node16', '--exclude-entrypoints', './web'], { cwd: root });
  sh(bin('attw'), [tarball, '--profile', 'esm-only', '--entrypoints', './web'], { cwd: root });

  step('install the tarball into a fresh project, scripts disabled');
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hean-pack-test', version: '1.0.0', private: true }));
  sh('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: app });
  const installed = readdirSync(join(app, 'node_modules', 'hean'));
  for (const d of ['build', 'src', 'test']) if (installed.includes(d)) throw new Error(`installed package holds ${d}/`);
  // node-gyp-build is hean's one runtime dependency; from the installed package it must pick
  // the same prebuilds as in the checkout.
  const picked = prebuildsIn(join(app, 'node_modules', 'hean'));
  if (picked.join() !== prebuilt.join()) throw new Error(`installed: node-gyp-build picks ${picked.join(', ')}`);
  if (!existsSync(join(app, 'node_modules', 'node-gyp-build', 'package.json'))) throw new Error('node-gyp-build was not installed');
  // @opentelemetry/api is an optional peer: not installed with hean (the checks below run without it).
  if (existsSync(join(app, 'node_modules', '@opentelemetry'))) throw new Error('installing hean pulled in @opentelemetry packages');

  step('the install script is a silent no-op when the prebuilds fit');
  const noop = spawnSync(process.execPath, [join(app, 'node_modules', 'hean', 'scripts', 'install.mjs')], { cwd: join(app, 'node_modules', 'hean'), encoding: 'utf8' });
  if (noop.status !== 0 || noop.stdout || noop.stderr) throw new Error(`install.mjs: exit ${noop.status}, output ${JSON.stringify(noop.stdout + noop.stderr)}`);
  if (readdirSync(join(app, 'node_modules', 'hean')).includes('build')) throw new Error('install.mjs built although the prebuilds fit');

  const check = `
    const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 9) * 5 + i / 50);
    const e = hean.ema(close, 20);
    if (e.length !== 300 || !Number.isNaN(e[18]) || !(Math.abs(e[299] - 105) < 10)) throw new Error('ema gave ' + e[299]);
    const m = hean.macd(close);
    if (!(m.histogram.length === 300 && Number.isFinite(m.histogram[299]))) throw new Error('macd failed');
    if (typeof hean.backtestReport !== 'function' || typeof hean.writeReport !== 'function') throw new Error('no backtestReport / writeReport');
    const risk = new hean.RiskEngine({ maxOpenOrders: 10 });
    const btc = risk.addInstrument(
      { symbol: 'BTCUSDT', venue: 'x', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '100',
        maxMktOrderQty: '50', minNotionalValue: '5', priceBand: 0.05 },
      { maxPosition: 2, maxNotional: 250000 },
    );
    risk.mark(btc, 60000, 1700000000000);
    const ok = risk.submit({ clientId: 1, instrument: btc, side: 'buy', price: 59990.1, qty: 0.01 }, 1700000000000);
    const off = risk.submit({ clientId: 2, instrument: btc, side: 'buy', price: 59990.15, qty: 0.01 }, 1700000000000);
    if (!ok.ok || off.ok || off.reason !== 'PriceOffTick') throw new Error('risk check gave ' + JSON.stringify([ok, off]));`;
  writeFileSync(join(app, 'esm.mjs'), `import * as hean from 'hean';\n${check}\nconsole.log('esm ok');\n`);
  writeFileSync(join(app, 'cjs.cjs'), `const hean = require('hean');\n${check}\nconsole.log('cjs ok');\n`);
  writeFileSync(
    join(app, 'worker.mjs'),
    `import { Worker } from 'node:worker_threads';
     const code = \`import('hean').then((hean) => { ${check.replace(/`/g, '\\`')} ; require('node:worker_threads').parentPort.postMessage('ok'); })\`;
     const runs = await Promise.all([0, 1].map(() => new Promise((res, rej) => { const w = new Worker(code, { eval: true }); w.once('message', res); w.once('error', rej); })));
     if (runs.join() !== 'ok,ok') throw new Error(String(runs));
     console.log('worker ok');\n`,
  );
  writeFileSync(
    join(app, 'types.ts'),
    `import { ema, macd, bbands, RiskEngine, type Series, type MacdResult } from 'hean';
     const x: Series = new Float64Array(100);
     const e: Float64Array = ema(x, { period: 10 });
     const m: MacdResult = macd(x, { fast: 12, slow: 26, signal: 9 });
     const b = bbands(x, { period: 20, stdDev: 2 });
     const u: Float64Array = b.upper;
     const risk: RiskEngine = new RiskEngine({ maxOpenOrders: 10 });
     const ok: boolean = risk.submit({ clientId: 1, instrument: 0, side: 'buy', price: 1, qty: 1 }, 0).ok;
     // @ts-expect-error: options are typed
     ema(x, { perod: 10 });
     import { init, rsi as webRsi, Rsi, talib, type WasmSource } from 'hean/web';
     const src: WasmSource = new URL('https://example.com/hean_cpp.wasm');
     const ready: Promise<void> = init(src);
     const wr: Float64Array = webRsi(x, { period: 14 });
     const ws: number = new Rsi(14).update(1);
     const wt: number = talib.execute({ name: 'SMA', startIdx: 0, endIdx: 99, inReal: x, optInTimePeriod: 20 }).nbElement;
     // @ts-expect-error: init takes a source, not a number
     init(42);
     export { e, m, u, ok, ready, wr, ws, wt };\n`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['types.ts'] }),
  );
  for (const f of ['esm.mjs', 'cjs.cjs', 'worker.mjs']) {
    step(`node ${f}`);
    sh(process.execPath, [f], { cwd: app });
  }
  step('the hean bin: --help, unknown command (exit 2), hean report on a CSV');
  const heanBin = join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'hean.cmd' : 'hean');
  const binRun = (args) => spawnSync(heanBin, args, { cwd: app, encoding: 'utf8', shell: process.platform === 'win32' });
  const help = binRun(['--help']);
  if (help.status !== 0 || !help.stdout.includes('report')) throw new Error(`hean --help: exit ${help.status}, ${help.stdout}${help.stderr}`);
  if (binRun(['nope']).status !== 2) throw new Error('hean nope: expected exit code 2');
  const rows = Array.from({ length: 300 }, (_, i) => {
    const c = 100 + Math.sin(i / 15) * 8 + i / 40;
    return `${1700000000000 + i * 60000},${c - 0.2},${c + 0.5},${c - 0.6},${c}`;
  });
  writeFileSync(join(app, 'bars.csv'), `time,open,high,low,close\n${rows.join('\n')}\n`);
  const rep = binRun(['report', '--csv', 'bars.csv', '--fast', '5', '--slow', '20', '--out', 'report.html']);
  if (rep.status !== 0) throw new Error(`hean report: exit ${rep.status}, ${rep.stdout}${rep.stderr}`);
  const page = readFileSync(join(app, 'report.html'), 'utf8');
  if (!page.includes('window.LightweightCharts=') || !page.includes('data-metric="totalReturn"')) throw new Error('hean report wrote a page without the inlined charts or the metrics');
  console.log(rep.stdout.trim());

  step('with the native indicator addon removed: the WASM engine (ESM, CJS, worker)');
  {
    const addon = join(app, 'node_modules', 'hean', prebuilt.find((p) => p.includes('hean_cpp')));
    rmSync(addon);
    const wasmCheck = `
      const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 9) * 5 + i / 50);
      if (hean.engine() !== 'wasm') throw new Error('engine ' + hean.engine());
      const e = hean.ema(close, 20);
      if (!(Math.abs(e[299] - 105) < 10)) throw new Error('ema gave ' + e[299]);
      const s = new hean.Ema(20); let v; for (const x of close) v = s.update(x);
      if (!Object.is(v, e[299])) throw new Error('stream ' + v + ' != batch ' + e[299]);`;
    writeFileSync(join(app, 'wasm-esm.mjs'), `import * as hean from 'hean';\n${wasmCheck}\nconsole.log('wasm esm ok');\n`);
    writeFileSync(join(app, 'wasm-cjs.cjs'), `const hean = require('hean');\n${wasmCheck}\nconsole.log('wasm cjs ok');\n`);
    writeFileSync(
      join(app, 'wasm-worker.mjs'),
      `import { Worker } from 'node:worker_threads';
       const code = \`import('hean').then((hean) => { ${wasmCheck.replace(/`/g, '\\`')} ; require('node:worker_threads').parentPort.postMessage('ok'); })\`;
       const r = await new Promise((res, rej) => { const w = new Worker(code, { eval: true }); w.once('message', res); w.once('error', rej); });
       if (r !== 'ok') throw new Error(String(r));
       console.log('wasm worker ok');\n`,
    );
    for (const f of ['wasm-esm.mjs', 'wasm-cjs.cjs', 'wasm-worker.mjs']) sh(process.execPath, [f], { cwd: app, env: { ...process.env, HEAN_CPP_ADDON: '' } });
  }
  step('hean/web from the installed package: init() with the .wasm bytes, values equal the Node entry');
  writeFileSync(
    join(app, 'web.mjs'),
    `import { readFileSync } from 'node:fs';
     import { createRequire } from 'node:module';
     import * as web from 'hean/web';
     import * as hean from 'hean';
     const wasm = createRequire(import.meta.url).resolve('hean/package.json').replace(/package\\.json$/, 'wasm/hean_cpp.wasm');
     await web.init(readFileSync(wasm));
     const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 9) * 5 + i / 50);
     const a = web.rsi(close, 14), b = hean.rsi(close, 14);
     if (!a.every((x, i) => Object.is(x, b[i]))) throw new Error('hean/web rsi differs from hean rsi');
     if (web.talib.execute({ name: 'SMA', startIdx: 0, endIdx: 299, inReal: close, optInTimePeriod: 20 }).nbElement !== 281) throw new Error('talib.execute');
     console.log('hean/web ok');\n`,
  );
  sh(process.execPath, ['web.mjs'], { cwd: app });
  step('tsc --noEmit against the installed types');
  sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app });
  console.log('\ntest:pack: all checks passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
