// Finds hean's native addons. Order, per core: the override environment variable, a local
// build (build/Release, build/rust: a fresh build wins, as in node-gyp-build), then the
// prebuild that node-gyp-build picks for this platform. Nothing else in src/ knows where
// binaries live.
//
// Prebuilds use prebuildify's layout, one root per addon because node-gyp-build picks a file
// by its tags and ignores its name (two addons in one prebuilds/ folder would be a
// readdir-order pick): bindings/cpp/prebuilds/<platform>-<arch>/hean_cpp[.<libc>].node and
// bindings/rust/prebuilds/<platform>-<arch>/hean_rust[.<libc>].node, libc being `glibc` or
// `musl` on Linux (scripts/prebuild.mjs writes them).
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXPECTED_ABI, type AddonName } from './abi.js';

export { EXPECTED_ABI, type AddonName };

interface Core {
  /** Environment variable naming a .node file to load instead. */
  env: string;
  /** Where `npm run build:*` (and the install script's source build) writes the addon. */
  build: string;
  /** node-gyp-build's root for this addon: it holds prebuilds/<platform>-<arch>/. */
  prebuilds: string;
  fix: string;
}

const CORES: Record<AddonName, Core> = {
  hean_cpp: {
    env: 'HEAN_CPP_ADDON',
    build: join('build', 'Release', 'hean_cpp.node'),
    prebuilds: join('bindings', 'cpp'),
    fix: '`npm run build:cpp` in a checkout of hean',
  },
  hean_rust: {
    env: 'HEAN_RUST_ADDON',
    build: join('build', 'rust', 'hean_rust.node'),
    prebuilds: join('bindings', 'rust'),
    fix: '`npm run build:rust` in a checkout of hean',
  },
};

/** The part of node-gyp-build (a CommonJS runtime dependency) the loader uses. */
interface NodeGypBuild {
  path(dir: string): string;
  parseTags(file: string): { libc?: string } | undefined;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireNative = createRequire(import.meta.url);
const cache = new Map<AddonName, unknown>();
let gypBuild: NodeGypBuild | undefined;

/** `linux-x64`, `linux-x64-musl`, `darwin-arm64`, `win32-x64`, … (what error messages name). */
export function platformTag(): string {
  let libc = '';
  if (process.platform === 'linux') {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    if (!header?.glibcVersionRuntime) libc = '-musl';
  }
  return `${process.platform}-${process.arch}${libc}`;
}

/** Platforms this installed copy of hean ships a prebuild of `name` for, in {@link platformTag}'s
 * spelling (a `musl` tag in the file name adds `-musl`). */
export function prebuiltPlatforms(name: AddonName = 'hean_cpp'): string[] {
  const dir = join(root, CORES[name].prebuilds, 'prebuilds');
  const tags = new Set<string>();
  for (const tuple of readdir(dir)) {
    for (const file of readdir(join(dir, tuple))) {
      if (!file.startsWith(`${name}.`) || !file.endsWith('.node')) continue;
      tags.add(tuple + (nodeGypBuild()?.parseTags(file)?.libc === 'musl' ? '-musl' : ''));
    }
  }
  return [...tags].sort();
}

/** Loads (once) and returns the named addon, or throws an Error that says what to do. */
export function loadAddon<T>(name: AddonName): T {
  const hit = cache.get(name);
  if (hit) return hit as T;
  const found = findAddon(name);
  // The one place that decides "native, else something else": a fallback goes here.
  if ('addon' in found) {
    cache.set(name, found.addon);
    return found.addon as T;
  }
  throw noAddonError(name, found.tried);
}

/** Tries each place in order; returns the first addon that loads with the expected ABI, or
 * what was tried and why each failed. */
function findAddon(name: AddonName): { addon: unknown } | { tried: string[] } {
  const core = CORES[name];
  const tried: string[] = [];
  const override = process.env[core.env];
  if (override) {
    const a = tryFile(name, override, tried);
    if (a) return { addon: a };
  } else tried.push(`$${core.env} (not set)`);

  const local = join(root, core.build);
  if (existsSync(local)) {
    const a = tryFile(name, local, tried);
    if (a) return { addon: a };
  } else tried.push(`${local} (not found)`);

  const dir = join(root, core.prebuilds);
  const gyp = nodeGypBuild();
  if (!gyp) {
    tried.push(`${join(dir, 'prebuilds')} (not searched: the node-gyp-build package is missing; reinstall hean)`);
  } else {
    let file: string | undefined;
    try {
      file = gyp.path(dir);
    } catch (e) {
      // node-gyp-build: "No native build was found for platform=… arch=… libc=…"
      tried.push(`${join(dir, 'prebuilds')} (node-gyp-build: ${(e as Error).message.split('\n')[0]})`);
    }
    if (file) {
      const a = tryFile(name, file, tried);
      if (a) return { addon: a };
    }
  }
  return { tried };
}

function tryFile(name: AddonName, file: string, tried: string[]): unknown {
  let addon: { abiVersion?: number };
  try {
    addon = requireNative(file) as { abiVersion?: number };
  } catch (e) {
    tried.push(`${file} (failed to load: ${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
  if (addon.abiVersion !== EXPECTED_ABI[name]) {
    tried.push(`${file} (stale: ABI ${String(addon.abiVersion)}, this hean needs ${EXPECTED_ABI[name]})`);
    return undefined;
  }
  return addon;
}

function noAddonError(name: AddonName, tried: string[]): Error {
  const core = CORES[name];
  const tag = platformTag();
  const prebuilt = prebuiltPlatforms(name);
  const why = prebuilt.includes(tag)
    ? `the prebuild for ${tag} is in this package but did not load (see above): reinstall hean, or`
    : `no prebuild matches ${tag}:`;
  // node-gyp-build tells musl from glibc by /etc/alpine-release alone; $LIBC overrides it.
  const libcHint =
    tag.endsWith('-musl') && !process.env.LIBC && !existsSync('/etc/alpine-release')
      ? ' On a musl system other than Alpine, set LIBC=musl so that node-gyp-build picks the musl prebuild.'
      : '';
  return new Error(
    `hean: no usable ${name}.node for ${tag} (Node ${process.version}, N-API ${process.versions.napi}).\n` +
      `Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n` +
      `Prebuilt in this package: ${prebuilt.length ? prebuilt.join(', ') : 'none'}.\n` +
      `Fix: ${why} build from source with \`npm rebuild hean --foreground-scripts\` (runs hean's install script; ` +
      `needs cmake >= 3.20, a C++20 compiler and cargo >= 1.80; see "Installing" in hean's README), ` +
      `or ${core.fix}, or point $${core.env} at a ${name}.node built for this platform.${libcHint}` +
      (name === 'hean_rust' ? `\nWithout it only the Rust risk core (RiskEngine, OrderBook, Router and what uses them) is unavailable: the indicators, streaming classes and hean/talib run on the WebAssembly engine.` : ''),
  );
}

function nodeGypBuild(): NodeGypBuild | undefined {
  if (!gypBuild) {
    try {
      gypBuild = requireNative('node-gyp-build') as NodeGypBuild;
    } catch {
      return undefined;
    }
  }
  return gypBuild;
}

function readdir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
