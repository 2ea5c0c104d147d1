import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

// hean/web: the two Node-only modules (src/native.ts, src/wasm/load.ts) are swapped for
// their `.web.ts` twins (same exports, no Node imports); everything else is shared.
const webTwins: Plugin = {
  name: 'hean-web-twins',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(native|load)\.js$/ }, (args) => {
      const ts = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const twin = ts.replace(/\.ts$/, '.web.ts');
      const twinned = [resolve('src/native.ts'), resolve('src/wasm/load.ts')];
      return twinned.includes(ts) && existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

// Cleaned here, once, before both builds: tsup runs the two configs concurrently, so a
// `clean: true` in one could delete the other's output.
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  {
    entry: { index: 'src/index.ts', talib: 'src/talib/index.ts', nats: 'src/nats/index.ts' },
    // hean/nats uses the user's NATS client packages (optional peer dependencies).
    external: [/^@nats-io\//],
    format: ['esm', 'cjs'],
    dts: true,
    // import.meta.url in the CJS build (the loader resolves the package root from it).
    shims: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
  {
    // hean/web: browsers, Deno, Bun, workers. ESM only, nothing from Node.
    entry: { web: 'src/web.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
    esbuildPlugins: [webTwins],
  },
  {
    // The `hean` bin: one ESM file with a shebang (package.json "bin").
    entry: { cli: 'src/cli/bin.ts' },
    external: [/^@nats-io\//],
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
]);
