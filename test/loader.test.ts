// The loader as a user sees it: a copy of dist/ (with node-gyp-build beside it) in a folder
// with no build/, then with prebuilds laid out as scripts/prebuild.mjs writes them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { platformTag } from '../src/native.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const pkg = mkdtempSync(join(tmpdir(), 'hean-loader-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));
const tuple = `${process.platform}-${process.arch}`;
// The file name prebuildify gives the host's prebuild (libc tag on Linux only).
const libc = process.platform === 'linux' ? (platformTag().endsWith('-musl') ? '.musl' : '.glibc') : '';
const other = libc === '.musl' ? '.glibc' : '.musl';
const prebuilds = (core: string) => join(pkg, 'bindings', core, 'prebuilds');

function load(env: Record<string, string> = {}, code = 'h.sma([1, 2, 3], 2)'): string {
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `import('${join(pkg, 'dist', 'index.js')}').then((h) => { ${code}; })`], {
      env: { ...process.env, HEAN_CPP_ADDON: '', HEAN_RUST_ADDON: '', LIBC: '', ...env },
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return String((e as { stderr: Buffer }).stderr);
  }
}

function place(core: 'cpp' | 'rust', tupleDir: string, file: string, content?: string) {
  mkdirSync(join(prebuilds(core), tupleDir), { recursive: true });
  const to = join(prebuilds(core), tupleDir, file);
  if (content === undefined) copyFileSync(here(core === 'cpp' ? '../build/Release/hean_cpp.node' : '../build/rust/hean_rust.node'), to);
  else writeFileSync(to, content);
}

describe('loader', () => {
  cpSync(here('../dist'), join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{"type":"module"}');
  mkdirSync(join(pkg, 'node_modules'));
  symlinkSync(here('../node_modules/node-gyp-build'), join(pkg, 'node_modules', 'node-gyp-build'), 'dir');

  it('names the platform, every path tried, node-gyp-build’s reason and the fix when no binary exists', () => {
    const err = load();
    expect(err).toContain(`no usable hean_cpp.node for ${platformTag()}`);
    expect(err).toContain('$HEAN_CPP_ADDON (not set)');
    expect(err).toContain(`${join(pkg, 'build', 'Release', 'hean_cpp.node')} (not found)`);
    expect(err).toContain(`${prebuilds('cpp')} (node-gyp-build: No native build was found for platform=${process.platform} arch=${process.arch}`);
    expect(err).toContain('Prebuilt in this package: none.');
    expect(err).toContain(`no prebuild matches ${platformTag()}`);
    expect(err).toContain('npm rebuild hean --foreground-scripts');
    expect(err).toContain('npm run build:cpp');
  });

  it('lists the platforms prebuilt in the package, a musl tag as -musl, per addon', () => {
    place('cpp', 'win32-x64', 'hean_cpp.node', '');
    place('cpp', 'darwin-arm64', 'hean_cpp.node', '');
    place('cpp', 'linux-arm64', 'hean_cpp.musl.node', '');
    place('cpp', 'linux-arm64', 'hean_cpp.glibc.node', '');
    place('rust', 'freebsd-x64', 'hean_rust.node', ''); // another addon's root: not listed for hean_cpp
    mkdirSync(join(prebuilds('cpp'), 'empty-platform'), { recursive: true });
    const err = load();
    expect(err).toContain('Prebuilt in this package: darwin-arm64, linux-arm64, linux-arm64-musl, win32-x64.');
    rmSync(join(pkg, 'bindings'), { recursive: true, force: true });
  });

  it('loads both addons from their own prebuild roots, by libc tag', () => {
    // A corrupt prebuild for the other libc beside the real one: node-gyp-build must skip it.
    place('cpp', tuple, `hean_cpp${libc}.node`);
    place('rust', tuple, `hean_rust${libc}.node`);
    if (libc) place('cpp', tuple, `hean_cpp${other}.node`, 'built for the other libc');
    const both = `if (h.sma([1, 2, 3], 2)[2] !== 2.5) throw new Error('sma'); new h.RiskEngine();`;
    expect(load({}, both)).toBe('');
    if (libc) {
      // $LIBC steers node-gyp-build to the other flavour, which fails to load: reported.
      const err = load({ LIBC: other.slice(1) });
      expect(err).toContain(`${join(prebuilds('cpp'), tuple, `hean_cpp${other}.node`)} (failed to load`);
    }
    rmSync(join(pkg, 'bindings'), { recursive: true, force: true });
  });

  it('reports a binary that fails to load, and honours the override variable', () => {
    place('cpp', tuple, `hean_cpp${libc}.node`, 'not a shared library');
    const err = load();
    expect(err).toContain(`${join(prebuilds('cpp'), tuple, `hean_cpp${libc}.node`)} (failed to load`);
    expect(err).toContain(`Prebuilt in this package: ${platformTag()}.`);
    expect(err).toContain(`the prebuild for ${platformTag()} is in this package but did not load`);
    expect(load({ HEAN_CPP_ADDON: here('../build/Release/hean_cpp.node') })).toBe('');
    rmSync(join(pkg, 'bindings'), { recursive: true, force: true });
  });
});
