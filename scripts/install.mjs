#!/usr/bin/env node
// hean's npm "install" script. Loading never depends on it: pnpm, and npm 11 unless the
// project approves it, skip dependency install scripts, and src/native.ts finds the
// prebuilds by itself. This script only matters where no prebuild fits.
//
//   - In a checkout of hean (src/index.ts exists; it is never packed): do nothing, the
//     `prepare` script builds everything.
//   - node-gyp-build finds a prebuild of both addons for this platform (in
//     bindings/{cpp,rust}/prebuilds/<platform>-<arch>/, picked by libc tag as src/native.ts
//     does) and, on glibc Linux, the system's glibc is at least the prebuilds' floor; or
//     build/ already holds both: exit 0 at once, silently.
//   - Otherwise, or always when npm_config_build_from_source is `true` (or lists `hean`),
//     build both addons from the sources in the tarball, provided cmake >= 3.20, a C++20
//     compiler, make or ninja, and cargo >= 1.80 are installed. The npm build tools
//     (cmake-js, node-addon-api, @napi-rs/cli) are devDependencies, so they are absent in
//     a user's install: they are fetched, at the exact versions package.json pins, with
//     `npm install --prefix <temp dir>`, and found through $NODE_PATH. The CMake and cargo
//     build trees live in that temp dir too; only build/Release/hean_cpp.node and
//     build/rust/hean_rust.node are kept.
//   - Otherwise (tools missing, or the build failed) the install still succeeds: one warning
//     names this platform, what was tried, what to install for the native addons, and what
//     runs without them (the whole indicator engine, in wasm/hean_cpp.wasm) and what does
//     not (the Rust risk core: its APIs throw an Error that says the same). With
//     HEAN_REQUIRE_NATIVE=1 (strict mode, e.g. on a server that must run native) it fails
//     instead, with the same message.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADDONS = { hean_cpp: join('build', 'Release'), hean_rust: join('build', 'rust') };
// node-gyp-build's root for each addon (it holds prebuilds/<platform>-<arch>/), as in src/native.ts.
const PREBUILD_ROOTS = { hean_cpp: join('bindings', 'cpp'), hean_rust: join('bindings', 'rust') };
const GLIBC_FLOOR = '2.28'; // the prebuilds are built on Rocky Linux 8 (see .github/workflows/ci.yml)
const CMAKE_MIN = '3.20';
const CARGO_MIN = '1.80';
const win = process.platform === 'win32';
const strict = ['1', 'true', 'yes'].includes((process.env.HEAN_REQUIRE_NATIVE ?? '').toLowerCase());

if (existsSync(join(root, 'src', 'index.ts'))) process.exit(0);

const report = process.platform === 'linux' ? process.report.getReport().header : {};
const tag = `${process.platform}-${process.arch}${process.platform === 'linux' && !report.glibcVersionRuntime ? '-musl' : ''}`;
const hasAll = (dirOf) => Object.keys(ADDONS).every((n) => existsSync(join(root, dirOf(n), `${n}.node`)));
const requested = (process.env.npm_config_build_from_source ?? '').split(',').map((s) => s.trim());
const forced = requested.includes('true') || requested.includes('hean');
const glibcTooOld = report.glibcVersionRuntime && older(report.glibcVersionRuntime, GLIBC_FLOOR);
const gyp = nodeGypBuild();
const hasPrebuilds = Object.keys(ADDONS).every((n) => prebuildFor(n));
const prebuilt = hasPrebuilds && !glibcTooOld;

if (!forced && (prebuilt || hasAll((n) => ADDONS[n]))) process.exit(0);

const reason = forced
  ? 'building from source was requested (npm_config_build_from_source)'
  : hasPrebuilds
    ? `the ${tag} prebuilds need glibc >= ${GLIBC_FLOOR} and this system has ${report.glibcVersionRuntime}`
    : `this package has no prebuilt binaries for ${tag}`;

const missing = checkToolchain();
if (missing.length) {
  fail(
    `${reason}, and building hean's two addons from source needs tools that are missing here.`,
    [
      `Install these, then install hean again (or run \`npm rebuild hean --foreground-scripts\`):`,
      ...missing.map((m) => `  - ${m}`),
      ...(installHint(missing) ? [`  ${installHint(missing)}`] : []),
    ],
  );
}
build();

// ---------------------------------------------------------------------------------------

function older(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
  return false;
}

function probe(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : null;
}

function onPath(cmd) {
  return probe(cmd, ['--version'], { shell: win }) !== null;
}

/** What is missing to build from source, each as "what to install (what was found)". */
function checkToolchain() {
  const out = [];
  const cmake = probe('cmake', ['--version'])?.match(/cmake version (\d+\.\d+(\.\d+)?)/)?.[1];
  if (!cmake || older(cmake, CMAKE_MIN)) out.push(`cmake >= ${CMAKE_MIN} (${cmake ? `found ${cmake}` : 'not found'})`);
  if (!win) {
    const cxx = cxxProblem();
    if (cxx) out.push(cxx);
    if (!onPath('make') && !onPath('ninja')) out.push('make or ninja (neither found)');
  }
  const cargo = probe('cargo', ['--version'])?.match(/cargo (\d+\.\d+(\.\d+)?)/)?.[1];
  if (!cargo || older(cargo, CARGO_MIN)) out.push(`cargo >= ${CARGO_MIN}, the Rust toolchain (${cargo ? `found ${cargo}` : 'not found'})`);
  if (!npmCommand()) out.push('npm (ships with Node.js; it fetches the pinned build tools)');
  return out;
}

/** null if a C++ compiler accepts C++20 (and, on x86-64, the ISA flags CMakeLists.txt uses). */
function cxxProblem() {
  const want = process.arch === 'x64' ? 'a C++20 compiler: g++ >= 11 or clang++ >= 12' : 'a C++20 compiler: g++ >= 10 or clang++ >= 10';
  const [cxx, ...pre] = (process.env.CXX || ['c++', 'g++', 'clang++'].find((c) => probe(c, ['--version'])) || '').split(/\s+/).filter(Boolean);
  if (!cxx) return `${want} (none found)`;
  const dir = mkdtempSync(join(tmpdir(), 'hean-cxx-'));
  try {
    const src = join(dir, 'probe.cpp');
    writeFileSync(src, 'template <class T> concept Real = requires(T x) { x + x; };\nstruct P { int a, b; };\nint main() { P p{.a = 1, .b = 2}; return p.b - p.a - 1; }\n');
    const flags = ['-std=c++20', ...(process.arch === 'x64' ? ['-march=x86-64-v4'] : []), '-fsyntax-only', src];
    if (probe(cxx, [...pre, ...flags]) === null) {
      const version = (probe(cxx, [...pre, '--version']) ?? '').split('\n')[0].trim();
      return `${want} (${[cxx, ...pre].join(' ')}${version ? `, ${version},` : ''} fails \`${flags.slice(0, -2).join(' ')}\`)`;
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How to run npm: the npm running this script if it is npm, else `npm` on PATH. */
function npmCommand() {
  const ep = process.env.npm_execpath;
  if (ep && /npm-cli\.[cm]?js$/.test(basename(ep)) && existsSync(ep)) return [process.execPath, [ep]];
  return onPath('npm') ? ['npm', []] : null;
}

function installHint(missing) {
  const needRust = missing.some((m) => m.startsWith('cargo'));
  const needNative = missing.some((m) => !m.startsWith('cargo') && !m.startsWith('npm'));
  const rust = needRust ? 'Rust from https://rustup.rs' : '';
  let native = '';
  if (needNative) {
    if (process.platform === 'darwin') native = '`xcode-select --install` and `brew install cmake`';
    else if (win) native = 'Visual Studio 2022 Build Tools with "Desktop development with C++", and `winget install Kitware.CMake`';
    else if (process.platform === 'linux') {
      let os = '';
      try {
        const rel = readFileSync('/etc/os-release', 'utf8');
        os = `${rel.match(/^ID=(.*)$/m)?.[1] ?? ''} ${rel.match(/^ID_LIKE=(.*)$/m)?.[1] ?? ''}`.replace(/"/g, '');
      } catch {}
      if (/alpine/.test(os)) native = '`apk add cmake g++ make`';
      else if (/debian|ubuntu/.test(os)) native = '`sudo apt-get install cmake g++ make`';
      else if (/fedora|rhel|centos/.test(os)) native = '`sudo dnf install cmake gcc-c++ make` (on RHEL 8: gcc-toolset-12)';
      else if (/arch/.test(os)) native = '`sudo pacman -S cmake gcc make`';
      else if (/suse/.test(os)) native = '`sudo zypper install cmake gcc-c++ make`';
      else native = "cmake, g++ and make from your distribution's packages";
    } else native = 'cmake, a C++20 compiler and make from your system\'s packages';
  }
  const hints = [native, rust].filter(Boolean);
  return hints.length ? `e.g. ${hints.join(', and ')}.` : '';
}

function nodeGypBuild() {
  try {
    return createRequire(join(root, 'package.json'))('node-gyp-build');
  } catch {
    return null; // a dependency, so present unless the install is broken: then build
  }
}

/** The prebuild node-gyp-build would load for addon `name` here, or null. */
function prebuildFor(name) {
  try {
    return gyp?.path(join(root, PREBUILD_ROOTS[name])) ?? null;
  } catch {
    return null;
  }
}

function readdir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Platforms prebuilt for both addons, spelled like `tag` (a musl tag adds -musl). */
function prebuiltPlatforms() {
  const per = Object.entries(PREBUILD_ROOTS).map(([name, dir]) => {
    const tags = new Set();
    for (const tuple of readdir(join(root, dir, 'prebuilds'))) {
      for (const f of readdir(join(root, dir, 'prebuilds', tuple))) {
        if (f.startsWith(`${name}.`) && f.endsWith('.node')) tags.add(tuple + (gyp?.parseTags(f)?.libc === 'musl' ? '-musl' : ''));
      }
    }
    return tags;
  });
  return [...per[0]].filter((t) => per.every((s) => s.has(t))).sort();
}

/** No native addons here: a warning and exit 0 (the WASM engine runs the indicators), or,
 * in strict mode (HEAN_REQUIRE_NATIVE=1), the same message as an error and exit 1. */
function fail(what, lines) {
  const platforms = prebuiltPlatforms();
  const fix = [
    ...lines.map((l) => `  ${l}`),
    '  Or point HEAN_CPP_ADDON and HEAN_RUST_ADDON at hean_cpp.node and hean_rust.node built for this platform.',
  ];
  if (strict) {
    console.error(
      [
        '',
        `hean: cannot install on ${tag} (Node ${process.version}): ${what}`,
        `  Prebuilt platforms in this package: ${platforms.length ? platforms.join(', ') : 'none'}.`,
        ...fix,
        '  (HEAN_REQUIRE_NATIVE is set: without it the install succeeds and the indicators run in WebAssembly.)',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.warn(
    [
      '',
      `hean: WARNING: installed WITHOUT native addons on ${tag} (Node ${process.version}): ${what}`,
      `  Prebuilt platforms in this package: ${platforms.length ? platforms.join(', ') : 'none'}.`,
      '  Works, on the WebAssembly engine (wasm/hean_cpp.wasm, same results bit for bit, slower on long series):',
      '    every indicator incl. the cdl* candle patterns (.many, .sweep, .async, .lookback), the streaming',
      '    classes, and hean/talib.',
      '  Does not work: the Rust risk core (RiskEngine, OrderBook, Router, and the event backtests and live',
      '    sessions built on them: each throws an Error naming this platform, the paths tried and the fix), and',
      '    the parts of the C++ addon not in the WASM build (covMatrix, corrMatrix, portfolioVol, resample,',
      '    resampleBars, patterns(), backtest.*).',
      '  To get the native addons:',
      ...fix,
      '  Set HEAN_REQUIRE_NATIVE=1 to make this install fail instead.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

/** npm's environment for the nested `npm install`, minus the settings of the outer install
 * (global, prefix, omit, save, …) that must not leak into it; registry, proxy, TLS and
 * cache settings stay. */
function npmEnv() {
  const keep = /^npm_config_(registry|@.*:registry|\/\/.*|.*proxy|noproxy|cafile|ca|cert|key|strict_ssl|userconfig|globalconfig|cache|offline|prefer_offline|prefer_online|fetch_.*|maxsockets|loglevel)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) || keep.test(k)));
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    const shown = [basename(cmd) === basename(process.execPath) ? 'node' : cmd, ...args].map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
    throw new Error(`\`${shown}\` failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  }
}

function build() {
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'hean-build-'));
  const log = (s) => console.error(`hean: ${s} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  try {
    console.error(`hean: ${reason}; building both addons from source (a few minutes) in ${work}`);
    const pins = ['cmake-js', 'node-addon-api', '@napi-rs/cli'].map((n) => `${n}@${pkg.devDependencies[n]}`);
    writeFileSync(join(work, 'package.json'), '{ "private": true }\n');
    const [npm, npmArgs] = npmCommand();
    run(npm, [...npmArgs, 'install', '--prefix', work, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...pins], {
      env: npmEnv(),
      shell: win && npm === 'npm',
    });
    log(`fetched ${pins.join(', ')}`);

    const modules = join(work, 'node_modules');
    const env = { ...process.env, NODE_PATH: [modules, process.env.NODE_PATH].filter(Boolean).join(delimiter) };
    env.CMAKE_BUILD_PARALLEL_LEVEL ||= String(availableParallelism());
    env.CARGO_TARGET_DIR ||= join(work, 'target');

    const cmakeJs = join(modules, 'cmake-js', 'bin', 'cmake-js');
    const cppOut = join(work, 'cpp');
    run(process.execPath, [cmakeJs, 'compile', '--directory', root, '--out', cppOut, '--config', 'Release', `--CDNODE_ADDON_API_DIR=${join(modules, 'node-addon-api')}`], { cwd: root, env });
    mkdirSync(join(root, ADDONS.hean_cpp), { recursive: true });
    copyFileSync(join(cppOut, 'Release', 'hean_cpp.node'), join(root, ADDONS.hean_cpp, 'hean_cpp.node'));
    log('built build/Release/hean_cpp.node');

    run(process.execPath, [join(root, 'scripts', 'build-rust.mjs')], { cwd: root, env });
    for (const f of readdirSync(join(root, ADDONS.hean_rust))) {
      if (f !== 'hean_rust.node') rmSync(join(root, ADDONS.hean_rust, f), { recursive: true, force: true });
    }
    log('built build/rust/hean_rust.node');

    // The loader must now find both (it prefers build/ to prebuilds/).
    run(process.execPath, ['-e', `const h = require(${JSON.stringify(join(root, 'dist', 'index.cjs'))}); h.sma([1, 2, 3], 2); new h.RiskEngine();`], { env: process.env });
    log(`done: both addons built from source and load`);
  } catch (e) {
    for (const n of Object.keys(ADDONS)) rmSync(join(root, ADDONS[n], `${n}.node`), { force: true });
    rmSync(join(work), { recursive: true, force: true });
    fail(`${reason}, and building hean's two addons from source failed: ${e.message}.`, [
      'The build output is above (npm shows it with --foreground-scripts).',
      'Needs network access to the npm registry (pinned cmake-js, node-addon-api, @napi-rs/cli) and crates.io.',
    ]);
  }
  rmSync(work, { recursive: true, force: true });
}
