// The loader's failure path, as a user without a matching binary sees it: a copy of dist/
// in a folder with no build/ and a corrupt prebuild.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { platformTag } from '../src/native.js';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const pkg = mkdtempSync(join(tmpdir(), 'hean-loader-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function load(env: Record<string, string> = {}): string {
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `import('${join(pkg, 'dist', 'index.js')}').then((h) => h.sma([1, 2, 3], 2))`], {
      env: { ...process.env, HEAN_CPP_ADDON: '', ...env },
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return String((e as { stderr: Buffer }).stderr);
  }
}

describe('loader', () => {
  cpSync(dist, join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{"type":"module"}');

  it('names the platform, every path tried and the fix when no binary exists', () => {
    const err = load();
    expect(err).toContain(`no usable hean_cpp.node for ${platformTag()}`);
    expect(err).toContain(join(pkg, 'build', 'Release', 'hean_cpp.node'));
    expect(err).toContain(join(pkg, 'prebuilds', platformTag(), 'hean_cpp.node'));
    expect(err).toContain('Prebuilt in this package: none.');
    expect(err).toContain(`no prebuild matches ${platformTag()}`);
    expect(err).toContain('npm rebuild hean --foreground-scripts');
    expect(err).toContain('npm run build:cpp');
  });

  it('lists the platforms prebuilt in the package', () => {
    for (const t of ['win32-x64', 'darwin-arm64']) {
      mkdirSync(join(pkg, 'prebuilds', t), { recursive: true });
      writeFileSync(join(pkg, 'prebuilds', t, 'hean_cpp.node'), '');
    }
    mkdirSync(join(pkg, 'prebuilds', 'empty-platform'), { recursive: true });
    const err = load();
    expect(err).toContain('Prebuilt in this package: darwin-arm64, win32-x64.');
    rmSync(join(pkg, 'prebuilds'), { recursive: true, force: true });
  });

  it('reports a binary that fails to load, and honours the override variable', () => {
    const dir = join(pkg, 'prebuilds', platformTag());
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'hean_cpp.node'), 'not a shared library');
    const err = load();
    expect(err).toMatch(/hean_cpp\.node \(failed to load/);
    expect(err).toContain(`Prebuilt in this package: ${platformTag()}.`);
    expect(err).toContain(`the prebuild for ${platformTag()} is in this package but did not load`);
    const real = fileURLToPath(new URL('../build/Release/hean_cpp.node', import.meta.url));
    expect(load({ HEAN_CPP_ADDON: real })).toBe('');
  });
});
