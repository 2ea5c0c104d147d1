// Finds hean's native addons. Order, per core: the override environment variable, a local
// build (build/Release, as node-gyp-build prefers a fresh build), then the prebuild for
// this platform (prebuilds/<platform>-<arch>[-musl]/). Nothing else in src/ knows where
// binaries live.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ABI of each addon this TypeScript expects; a mismatch means a stale binary. */
export const EXPECTED_ABI = { hean_cpp: 1, hean_rust: 1 } as const;

export type AddonName = keyof typeof EXPECTED_ABI;

const ENV: Record<AddonName, string> = { hean_cpp: 'HEAN_CPP_ADDON', hean_rust: 'HEAN_RUST_ADDON' };
const BUILD_DIR: Record<AddonName, string> = {
  hean_cpp: join('build', 'Release'),
  hean_rust: join('build', 'rust'),
};
const FIX: Record<AddonName, string> = {
  hean_cpp: '`npm run build:cpp` in a checkout of hean',
  hean_rust: '`npm run build:rust` in a checkout of hean',
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireNative = createRequire(import.meta.url);
const cache = new Map<AddonName, unknown>();

/** `linux-x64`, `linux-x64-musl`, `darwin-arm64`, `win32-x64`, … */
export function platformTag(): string {
  let libc = '';
  if (process.platform === 'linux') {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    if (!header?.glibcVersionRuntime) libc = '-musl';
  }
  return `${process.platform}-${process.arch}${libc}`;
}

/** Platform tags this installed copy of hean ships prebuilds for (prebuilds/<tag>/*.node). */
export function prebuiltPlatforms(): string[] {
  try {
    return readdirSync(join(root, 'prebuilds'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(root, 'prebuilds', d.name)).some((f) => f.endsWith('.node')))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** Loads (once) and returns the named addon, or throws an Error that says what to do. */
export function loadAddon<T>(name: AddonName): T {
  const hit = cache.get(name);
  if (hit) return hit as T;
  const tag = platformTag();
  const override = process.env[ENV[name]];
  const candidates = [
    ...(override ? [override] : []),
    join(root, BUILD_DIR[name], `${name}.node`),
    join(root, 'prebuilds', tag, `${name}.node`),
  ];
  const tried: string[] = [];
  if (!override) tried.push(`$${ENV[name]} (not set)`);
  for (const file of candidates) {
    if (!existsSync(file)) {
      tried.push(`${file} (not found)`);
      continue;
    }
    let addon: { abiVersion?: number };
    try {
      addon = requireNative(file) as { abiVersion?: number };
    } catch (e) {
      tried.push(`${file} (failed to load: ${(e as Error).message.split('\n')[0]})`);
      continue;
    }
    if (addon.abiVersion !== EXPECTED_ABI[name]) {
      tried.push(`${file} (stale: ABI ${String(addon.abiVersion)}, this hean needs ${EXPECTED_ABI[name]})`);
      continue;
    }
    cache.set(name, addon);
    return addon as T;
  }
  const prebuilt = prebuiltPlatforms();
  const why = prebuilt.includes(tag)
    ? `the prebuild for ${tag} is in this package but did not load (see above): reinstall hean, or`
    : `no prebuild matches ${tag}:`;
  throw new Error(
    `hean: no usable ${name}.node for ${tag} (Node ${process.version}, N-API ${process.versions.napi}).\n` +
      `Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n` +
      `Prebuilt in this package: ${prebuilt.length ? prebuilt.join(', ') : 'none'}.\n` +
      `Fix: ${why} build from source with \`npm rebuild hean --foreground-scripts\` (runs hean's install script; ` +
      `needs cmake >= 3.20, a C++20 compiler and cargo >= 1.80; see "Installing" in hean's README), ` +
      `or ${FIX[name]}, or point $${ENV[name]} at a ${name}.node built for this platform.`,
  );
}
