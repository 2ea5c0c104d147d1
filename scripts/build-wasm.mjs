#!/usr/bin/env node
// Builds wasm/hean_cpp.wasm: the C++ indicator engine (native-cpp/src, the same sources as
// the addon) with the C ABI of bindings/wasm/abi.cpp, for wasm32-wasi, single-threaded.
// Toolchain (pinned): Debian 12's clang-14 + lld-14 + wasi-libc + libc++-14-dev-wasm32 +
// libc++abi-14-dev-wasm32 + libclang-rt-14-dev-wasm32 (.ci/run installs them).
// The .wasm is committed and shipped, so users never need this toolchain.
//   node scripts/build-wasm.mjs           build (skips with a note when clang-14 is missing)
//   node scripts/build-wasm.mjs --check   build to a temp file and fail if it differs
//                                         from the committed wasm/hean_cpp.wasm
// The sources compile to LTO bitcode in parallel (HEAN_WASM_JOBS, default: the CPU count),
// then one link; the same driver steps as one `clang++ a.cpp b.cpp -o x` call, so the
// same bytes (checked against the committed wasm). A build records in build/wasm-stamp.json
// what it read (the compiler's version, the flags, every source and header by content, the
// output's hash); the next plain build is skipped while all of that is unchanged (`npm
// pack` runs `prepare` again after `npm install` built it). --check always builds.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentKey, freshStamp, sha256, writeStamp } from './stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'wasm', 'hean_cpp.wasm');
const check = process.argv.includes('--check');
const cxx = process.env.HEAN_WASM_CXX ?? 'clang++-14';

const version = spawnSync(cxx, ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  const msg = `build-wasm: ${cxx} not found (apt-get install clang-14 lld-14 wasi-libc libc++-14-dev-wasm32 libc++abi-14-dev-wasm32 libclang-rt-14-dev-wasm32)`;
  if (check || !existsSync(target)) {
    console.error(msg);
    process.exit(1);
  }
  console.log(`${msg}; keeping the committed wasm/hean_cpp.wasm`);
  process.exit(0);
}

// Every engine source but the modules the WASM engine does not carry (Eigen matrix
// functions, resampling, backtests), in a fixed order so the output is reproducible.
const src = join(root, 'native-cpp', 'src');
const sources = readdirSync(src)
  .filter((f) => f.endsWith('.cpp') && !/^(backtest|matrix|resample)\.cpp$/.test(f))
  .sort()
  .map((f) => join('native-cpp', 'src', f));
sources.push(join('bindings', 'wasm', 'abi.cpp'));

const tmp = mkdtempSync(join(tmpdir(), 'hean-wasm-'));
const out = join(tmp, 'hean_cpp.wasm');
const flags = [
  '--target=wasm32-wasi',
  '-std=c++20',
  '-O3',
  // As the native build: no FP contraction, so every kernel gives the native bits.
  '-ffp-contract=off',
  '-fno-math-errno',
  '-fno-exceptions',
  // WebAssembly SIMD (V8 9.1+, Node 16.4+, every current browser): the kernels' GCC vector
  // types (lanes.hpp, kernel.hpp) become 128-bit v128 operations; without it clang
  // scalarises them. IEEE lane-wise ops in the same order, so the same bits as native.
  // (binaryen's wasm-opt -O3 on the output was measured and not adopted: raw hean_call on
  // 64..1,024 bars and 1M-bar batches within +-10% either way, macd 5.93 -> 7.04 ns/bar,
  // kama 19.1 -> 15.5; not worth a new CI tool. Note that with binaryen installed, clang-14's
  // driver runs wasm-opt itself after linking, without the feature flags, and the link
  // fails validating the SIMD code: build where `wasm-opt` is not on PATH.)
  '-msimd128',
  // Saturating float-to-int conversions (Node 12+): without it every double-to-index
  // conversion (ring slots kept in a stream's state) is a range check and a branch.
  '-mbulk-memory',
  '-mnontrapping-fptoint',
  '-msign-ext',
  '-flto',
  '-DHEAN_NO_THREADS',
  // No speculative single-series run (driver.cpp): the gap scan goes first, and kernels
  // read their inputs without the scan-ahead check, which V8 cannot hoist out of their
  // loops (sma's kernel on 64 bars ~3x faster, on 1,000 ~2x; same kernels, same bits).
  '-DHEAN_NO_SCAN_AHEAD',
  '-Inative-cpp/include',
  // __stack_pointer exported (a mutable global), so that after a trap (out of memory while
  // resident arrays pin the memory: abi.cpp) the JS side puts the shadow stack back.
  '-mmutable-globals',
  // Paths in the output would differ between checkouts.
  `-ffile-prefix-map=${root}=.`,
];
const linkFlags = ['-mexec-model=reactor', '-Wl,--export=__stack_pointer', '-Wl,--strip-all'];
const jobs = Math.max(1, Number(process.env.HEAN_WASM_JOBS) || availableParallelism());
const stampFile = join(root, 'build', 'wasm-stamp.json');
const self = readFileSync(fileURLToPath(import.meta.url)); // as it was when this build started

/** The hash of what a build reads: this script, compiler, flags, and `deps` by content (null if one is gone). */
const inputsKey = (deps) => contentKey(deps, [sha256(self), version.stdout, flags, linkFlags, sources]);

if (
  !check &&
  freshStamp(stampFile, (stamp) => inputsKey(stamp.deps), () => (existsSync(target) ? sha256(readFileSync(target)) : null))
) {
  console.log('build-wasm: wasm/hean_cpp.wasm is up to date (same compiler, flags, sources and headers as its build)');
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

/** The files a compiler depfile (-MD) lists, absolute. */
function depfileInputs(file) {
  const text = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').replace(/\\ /g, '\u0000');
  return text
    .slice(text.indexOf(': ') + 2)
    .split(/\s+/)
    .filter(Boolean)
    .map((f) => resolvePath(root, f.replace(/\u0000/g, ' ')));
}

/** Runs `cxx args` in root; resolves on success, rejects with the exit status. */
function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cxx, args, { cwd: root, stdio: 'inherit' });
    p.on('error', reject);
    p.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cxx} ${args.at(-3)}: exit ${code ?? signal}`))));
  });
}

try {
  // One bitcode object per source (numbered: two sources may share a basename), `jobs` at a time.
  const objects = sources.map((f, i) => join(tmp, `${i}-${basename(f, '.cpp')}.o`));
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      await run([...flags, '-MD', '-MF', `${objects[i]}.d`, '-c', sources[i], '-o', objects[i]]);
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: Math.min(jobs, sources.length) }, worker));
  const t1 = Date.now();
  execFileSync(cxx, [...flags, ...linkFlags, ...objects, '-o', out], { cwd: root, stdio: 'inherit' });
  console.log(`build-wasm: ${sources.length} sources compiled in ${((t1 - t0) / 1000).toFixed(1)} s (${jobs} jobs), LTO link ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  if (check) {
    if (!existsSync(target) || !readFileSync(target).equals(readFileSync(out))) {
      console.error('build-wasm --check: wasm/hean_cpp.wasm is stale; run `npm run build:wasm` and commit it');
      process.exit(1);
    }
    console.log('build-wasm --check: wasm/hean_cpp.wasm is up to date');
  } else {
    copyFileSync(out, target);
    console.log(`build-wasm: wrote wasm/hean_cpp.wasm (${readFileSync(target).length} bytes)`);
  }
  // wasm/hean_cpp.wasm is now what these inputs build
  const deps = [...new Set(objects.flatMap((o) => depfileInputs(`${o}.d`)))].sort();
  writeStamp(stampFile, { key: inputsKey(deps), out: sha256(readFileSync(target)), deps });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
