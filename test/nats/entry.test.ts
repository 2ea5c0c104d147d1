// The NATS client packages are optional peer dependencies: the main entry must never load
// them (a user of `hean` alone has none installed); only `hean/nats` and the CLI do.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const inputsOf = async (entry: string) => {
  const r = await build({ entryPoints: [fileURLToPath(new URL(entry, import.meta.url))], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent', external: ['*.node'] });
  return Object.keys(r.metafile.inputs);
};

describe('hean/nats packaging', () => {
  it('src/index.ts reaches no @nats-io module; src/nats/index.ts does', async () => {
    expect((await inputsOf('../../src/index.ts')).filter((f) => f.includes('@nats-io'))).toEqual([]);
    expect((await inputsOf('../../src/nats/index.ts')).some((f) => f.includes('@nats-io/services'))).toBe(true);
  });

  it('declares the NATS packages as optional peers, pinned, and exports ./nats', () => {
    const p = pkg as unknown as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }>; devDependencies: Record<string, string>; exports: Record<string, unknown>; dependencies?: Record<string, string> };
    for (const n of ['@nats-io/transport-node', '@nats-io/jetstream', '@nats-io/kv', '@nats-io/services']) {
      expect(p.peerDependencies[n]).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(p.peerDependenciesMeta[n]?.optional).toBe(true);
      expect(p.devDependencies[n]).toBe(p.peerDependencies[n]);
      expect(p.dependencies?.[n]).toBeUndefined();
    }
    expect(p.exports['./nats']).toBeDefined();
  });
});
