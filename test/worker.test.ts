// The addon is context-aware: several worker_threads load it at once (through the built
// package, as users do) and compute exactly what the main thread computes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { macd } from '../src/indicators/macd.js';
import { expectSame, sample } from './helpers.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('worker_threads', () => {
  it('dist/ is built (npm install runs the build)', () => expect(existsSync(dist), `${dist} missing: run npm run build`).toBe(true));

  it('three workers at once give results identical to the main thread', async () => {
    const { close } = sample(20_000, 11);
    const expected = macd(close);
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.dist).then((hean) => {
        const r = hean.macd(workerData.close);
        const m = hean.ema.many(workerData.close, 4, 10);
        parentPort.postMessage({ macd: r.macd, histogram: r.histogram, many: m });
      }).catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));`;
    const runs = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<{ macd: Float64Array; histogram: Float64Array; many: Float64Array; error?: string }>((resolve, reject) => {
            const w = new Worker(code, { eval: true, workerData: { dist, close } });
            w.once('message', (m) => {
              resolve(m);
              void w.terminate();
            });
            w.once('error', reject);
          }),
      ),
    );
    const { ema } = await import('../src/indicators/ema.js');
    const many = ema.many(close, 4, 10);
    for (const r of runs) {
      expect(r.error).toBeUndefined();
      expectSame(r.macd, expected.macd, 'macd');
      expectSame(r.histogram, expected.histogram, 'histogram');
      expectSame(r.many, many, 'many');
    }
  });
});
