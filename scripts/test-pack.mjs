// `npm run test:pack`: tests the package as a user gets it. Packs hean (with the host's
// prebuilds), installs the tarball into a fresh temporary project with install scripts
// disabled, then: imports it from ESM, requires it from CJS, type-checks a TS file against
// it with `tsc --noEmit`, runs an indicator (and a risk check when the Rust core is
// built) on the main thread and in a worker thread, and runs publint and
// @arethetypeswrong/cli on the tarball. Exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', ...opts });
const step = (s) => console.log(`\n== test:pack: ${s}`);

function tag() {
  const musl = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  return `${process.platform}-${process.arch}${musl ? '-musl' : ''}`;
}

const prebuilt = join(root, 'prebuilds', tag());
if (!existsSync(join(prebuilt, 'hean_cpp.node')) || process.env.HEAN_PREBUILD === '1') {
  step('no prebuild for this host yet: npm run prebuild');
  sh('npm', ['run', 'prebuild'], { cwd: root });
}
const withRust = existsSync(join(prebuilt, 'hean_rust.node'));

const work = mkdtempSync(join(tmpdir(), 'hean-pack-'));
try {
  step('npm pack');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, shell: process.platform === 'win32', encoding: 'utf8' });
  const info = JSON.parse(out.slice(out.indexOf('[')))[0];
  const tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  console.log(`${info.filename}: ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`);
  const must = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'LICENSE', `prebuilds/${tag()}/hean_cpp.node`];
  for (const f of must) if (!files.includes(f)) throw new Error(`tarball lacks ${f}`);
  if (!files.some((f) => /^native-cpp\/vendor\/eigen\/COPYING/.test(f))) throw new Error("tarball lacks Eigen's licence");
  const stray = files.filter((f) => /^(build|test|benches|target|node_modules|examples)\//.test(f) || /\.test\.ts$/.test(f));
  if (stray.length) throw new Error(`tarball holds files users don't need: ${stray.slice(0, 5).join(', ')}`);

  step('publint');
  sh(bin('publint'), ['run', tarball, '--strict'], { cwd: root });
  step('@arethetypeswrong/cli');
  sh(bin('attw'), [tarball, '--profile', 'node16'], { cwd: root });

  step('install the tarball into a fresh project, scripts disabled');
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hean-pack-test', version: '1.0.0', private: true }));
  sh('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: app });
  const installed = readdirSync(join(app, 'node_modules', 'hean'));
  for (const d of ['build', 'src', 'native-cpp/src']) if (installed.includes(d)) throw new Error(`installed package holds ${d}/`);

  const check = `
    const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 9) * 5 + i / 50);
    const e = hean.ema(close, 20);
    if (e.length !== 300 || !Number.isNaN(e[18]) || !(Math.abs(e[299] - 105) < 10)) throw new Error('ema gave ' + e[299]);
    const m = hean.macd(close);
    if (!(m.histogram.length === 300 && Number.isFinite(m.histogram[299]))) throw new Error('macd failed');
    ${withRust ? "if (typeof hean.RiskEngine !== 'function') throw new Error('RiskEngine missing');" : ''}`;
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
    `import { ema, macd, bbands, type Series, type MacdResult } from 'hean';
     const x: Series = new Float64Array(100);
     const e: Float64Array = ema(x, { period: 10 });
     const m: MacdResult = macd(x, { fast: 12, slow: 26, signal: 9 });
     const b = bbands(x, { period: 20, stdDev: 2 });
     const u: Float64Array = b.upper;
     // @ts-expect-error: options are typed
     ema(x, { perod: 10 });
     export { e, m, u };\n`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['types.ts'] }),
  );
  for (const f of ['esm.mjs', 'cjs.cjs', 'worker.mjs']) {
    step(`node ${f}`);
    sh(process.execPath, [f], { cwd: app });
  }
  step('tsc --noEmit against the installed types');
  sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app });
  console.log('\ntest:pack: all checks passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
