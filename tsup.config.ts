import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

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
