#!/usr/bin/env node
// Builds the Rust addon (bindings/rust, via @napi-rs/cli) and installs it where the loader
// looks: build/rust/hean_rust.node. The napi CLI names its output after the platform
// (hean_rust.linux-x64-gnu.node, …); this copies that file to the plain name.
// The CLI is resolved like any module (so $NODE_PATH works: scripts/install.mjs uses that
// in a user's install, where devDependencies are absent); failing that, `npx` fetches the
// version pinned in package.json.
//   node scripts/build-rust.mjs [--debug]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'rust');
const debug = process.argv.includes('--debug');
mkdirSync(out, { recursive: true });

let cli = null;
try {
  const manifest = createRequire(join(root, 'package.json')).resolve('@napi-rs/cli/package.json');
  cli = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.napi);
} catch {
  // not installed: npx below
}
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['@napi-rs/cli'];
const args = [
  'build',
  '--manifest-path', join(root, 'bindings', 'rust', 'Cargo.toml'),
  '--config-path', join(root, 'bindings', 'rust', 'napi.json'),
  '--platform',
  '--output-dir', out,
  '--no-js',
  '--dts', 'hean_rust.d.ts',
  ...(debug ? [] : ['--release']),
];
const started = Date.now();
const env = process.env;
const r = cli
  ? spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit', env })
  : spawnSync('npx', ['--yes', `--package=@napi-rs/cli@${pinned}`, '--', 'napi', ...args], {
      cwd: root,
      stdio: 'inherit',
      env,
      shell: process.platform === 'win32',
    });
if (r.status !== 0) {
  console.error(`build-rust: napi build failed (exit ${r.status ?? r.signal}). Needs cargo >= 1.80 (https://rustup.rs).`);
  process.exit(r.status || 1);
}
// The newest platform-suffixed binary is the one just built.
const built = readdirSync(out)
  .filter((f) => /^hean_rust\..+\.node$/.test(f))
  .map((f) => ({ f, t: statSync(join(out, f)).mtimeMs }))
  .sort((a, b) => b.t - a.t)[0];
if (!built) {
  console.error(`build-rust: no hean_rust.<platform>.node in ${out}`);
  process.exit(1);
}
copyFileSync(join(out, built.f), join(out, 'hean_rust.node'));
console.log(`build-rust: ${built.f} -> build/rust/hean_rust.node (${((Date.now() - started) / 1000).toFixed(1)} s)`);
