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
    expect(err).toContain('npm run build:cpp');
  });

  it('reports a binary that fails to load, and honours the override variable', () => {
    const dir = join(pkg, 'prebuilds', platformTag());
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'hean_cpp.node'), 'not a shared library');
    expect(load()).toMatch(/hean_cpp\.node \(failed to load/);
    const real = fileURLToPath(new URL('../build/Release/hean_cpp.node', import.meta.url));
    expect(load({ HEAN_CPP_ADDON: real })).toBe('');
  });
});
