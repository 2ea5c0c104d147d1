// `npm run prebuild`: builds both native addons for this host with prebuildify and puts each
// where node-gyp-build (src/native.ts) looks for it, one root per addon:
//   bindings/cpp/prebuilds/<platform>-<arch>/hean_cpp[.glibc|.musl].node
//   bindings/rust/prebuilds/<platform>-<arch>/hean_rust[.glibc|.musl].node
// (node-gyp-build picks a prebuild by its tags, not its name, so two addons cannot share one
// prebuilds/ folder). On Linux the file is tagged with its libc (prebuildify --tag-libc).
//
// prebuildify drives node-gyp; its `nodeGyp` option (--node-gyp) names the build command,
// here scripts/prebuild-backend.mjs, which runs cmake-js (the C++ addon) or napi-rs (the Rust
// addon) and hands prebuildify the .node file, which prebuildify strips, names and moves.
// Built without -march=native (CMakeLists.txt picks ISA levels at run time).
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prebuildify = createRequire(import.meta.url)('prebuildify');
const backend = join(root, 'scripts', 'prebuild-backend.mjs');
const only = process.argv.slice(2);

for (const core of ['cpp', 'rust']) {
  if (only.length && !only.includes(core)) continue;
  const name = `hean_${core}`;
  const out = join(root, 'bindings', core);
  // prebuildify moves the file out of <cwd>/build/Release; a staging dir on the same file
  // system keeps the developer's build/ intact.
  const stage = join(root, 'build', 'prebuildify', core);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  await new Promise((resolve, reject) =>
    prebuildify(
      {
        cwd: stage,
        out,
        name,
        napi: true,
        strip: true,
        tagLibc: process.platform === 'linux',
        shell: true,
        nodeGyp: `"${process.execPath}" "${backend}" ${core}`,
      },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  const dir = join(out, 'prebuilds', `${process.platform}-${process.arch}`);
  for (const f of readdirSync(dir).filter((f) => f.startsWith(`${name}.`))) {
    console.log(`prebuild: ${join(dir, f)} (${(statSync(join(dir, f)).size / 1024).toFixed(0)} KiB)`);
  }
  rmSync(stage, { recursive: true, force: true });
}
