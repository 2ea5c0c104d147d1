import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', nats: 'src/nats/index.ts', cli: 'src/cli/main.ts' },
  // hean/nats uses the user's NATS client packages (optional peer dependencies).
  external: [/^@nats-io\//],
  format: ['esm', 'cjs'],
  dts: true,
  // import.meta.url in the CJS build (the loader resolves the package root from it).
  shims: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
