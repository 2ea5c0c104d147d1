#!/usr/bin/env node
// The build command prebuildify runs in place of node-gyp (see scripts/prebuild.mjs):
//   prebuild-backend.mjs <cpp|rust> rebuild --target=… --arch=… --release …
// prebuildify's node-gyp arguments are not needed: both addons use Node-API (no headers per
// Node version) and build for the host. It builds with the project's own commands
// (cmake-js for the C++ addon, scripts/build-rust.mjs for napi-rs), incrementally in build/,
// then copies the addon into <cwd>/build/Release/, where prebuildify takes it from.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = process.argv[2];
const debug = process.argv.includes('--debug');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
let built;
if (core === 'cpp') {
  run([join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js'), 'compile', '--out', 'build', '--config', debug ? 'Debug' : 'Release']);
  built = join(root, 'build', debug ? 'Debug' : 'Release', 'hean_cpp.node');
} else if (core === 'rust') {
  run([join(root, 'scripts', 'build-rust.mjs'), ...(debug ? ['--debug'] : [])]);
  built = join(root, 'build', 'rust', 'hean_rust.node');
} else {
  console.error(`prebuild-backend: first argument must be cpp or rust, got ${JSON.stringify(core)}`);
  process.exit(2);
}
const dest = join(process.cwd(), 'build', debug ? 'Debug' : 'Release');
mkdirSync(dest, { recursive: true });
copyFileSync(built, join(dest, `hean_${core}.node`));
