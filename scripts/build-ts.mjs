#!/usr/bin/env node
// Builds dist/ with tsup (tsup.config.ts), unless the last build's stamp (build/ts-stamp.json)
// shows the same inputs (src/, the tsup and TypeScript configs, package.json, the lockfile,
// this script) and an untouched dist/: `npm pack` runs `prepare` again right after `npm
// install` built everything. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { contentKey, freshStamp, writeStamp } from './stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'build', 'ts-stamp.json');
const dist = join(root, 'dist');

/** Every file under `dir`, sorted, relative to root. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

const inputs = () =>
  [...filesUnder(join(root, 'src')), 'tsup.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build-ts.mjs', 'scripts/stamp.mjs'];
const key = () => contentKey(inputs().map((f) => join(root, f)), inputs());
const distHash = () => {
  const files = filesUnder(dist);
  return files.length ? contentKey(files.map((f) => join(root, f)), files) : null;
};

if (!process.argv.includes('--force') && freshStamp(stampFile, key, distHash)) {
  console.log('build-ts: dist/ is up to date (same sources and configs as its build)');
  process.exit(0);
}
const pkg = createRequire(import.meta.url).resolve('tsup/package.json');
const bin = join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin.tsup);
const tsup = spawnSync(process.execPath, [bin], { cwd: root, stdio: 'inherit' });
if (tsup.status !== 0) process.exit(tsup.status ?? 1);
writeStamp(stampFile, { key: key(), out: distHash() });
