// `npm run prebuild`: builds both native addons for this host and places them where the
// loader looks, prebuilds/<platform>-<arch>[-musl]/{hean_cpp,hean_rust}.node (prebuildify's
// folder convention, with fixed file names because one package ships two addons).
// Binaries are stripped and built without -march=native.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

function platformTag() {
  let libc = '';
  if (process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime) libc = '-musl';
  return `${process.platform}-${process.arch}${libc}`;
}

const tag = platformTag();
const dest = join(root, 'prebuilds', tag);
mkdirSync(dest, { recursive: true });

const addons = [{ name: 'hean_cpp', build: ['run', 'build:cpp'], from: join(root, 'build', 'Release', 'hean_cpp.node') }];
if (existsSync(join(root, 'bindings', 'rust', 'Cargo.toml'))) {
  addons.push({ name: 'hean_rust', build: ['run', 'build:rust'], from: join(root, 'build', 'rust', 'hean_rust.node') });
}

for (const a of addons) {
  run('npm', a.build);
  const to = join(dest, `${a.name}.node`);
  copyFileSync(a.from, to);
  if (process.platform === 'linux') run('strip', ['--strip-unneeded', to]);
  else if (process.platform === 'darwin') run('strip', ['-x', to]);
  console.log(`prebuild: ${to} (${(statSync(to).size / 1024).toFixed(0)} KiB)`);
}
