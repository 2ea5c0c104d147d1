// concurrency(): the engine's automatic thread count, its errors, $HEAN_THREADS, and that
// the answer never depends on it (threaded many/sweep).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { atr, concurrency, ema, rsi, sma } from '../src/index.js';
import { expectSame, sample } from './helpers.js';

const initial = concurrency();
afterAll(() => void concurrency(initial));

describe('concurrency', () => {
  it('starts at the core count (or $HEAN_THREADS) and can be set', () => {
    expect(Number.isInteger(initial) && initial >= 1).toBe(true);
    expect(concurrency(1)).toBe(1);
    expect(concurrency()).toBe(1);
    expect(concurrency(3)).toBe(3);
    concurrency(initial);
  });

  it('rejects what is not an integer in [1, 256]', () => {
    for (const bad of [0, -1, 1.5, 257, NaN, Infinity]) expect(() => concurrency(bad)).toThrow(RangeError);
    expect(() => concurrency('2' as unknown as number)).toThrow(TypeError);
    expect(concurrency()).toBe(initial);
  });

  it('reads $HEAN_THREADS at load', () => {
    const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const got = execFileSync(process.execPath, ['--input-type=module', '-e', `import('${index}').then((h) => console.log(h.concurrency()))`], {
      env: { ...process.env, HEAN_THREADS: '1' },
    });
    expect(String(got).trim()).toBe('1');
  });

  it('gives the same bits with one thread and with helpers, gaps included', () => {
    const n = 1 << 20;
    const d = sample(n, 5);
    const close = d.close.slice();
    close[123_456] = NaN;
    const run = () => [ema.many(close, 16, 9), rsi.many(close, 16, 14), atr.many(d.high, d.low, close, 16, 14), sma.sweep(close.subarray(0, 1 << 18), { period: [5, 10, 20, 50] }).values];
    concurrency(1);
    const one = run();
    concurrency(4);
    const four = run();
    concurrency(initial);
    one.forEach((x, k) => expectSame(four[k]!, x, `output ${k}`));
  });
});
