import { describe, expect, it } from 'vitest';
import * as trading from '../../src/trading/index.js';
// @ts-expect-error plain ESM example without types
import { runTradingDemo } from '../../examples/trading-demo.mjs';

function walk(n: number, seed: number) {
  const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = 150;
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const r = s / 2 ** 31 - 0.5;
    const o = p;
    p *= 1 + r * 0.02;
    bars.time[i] = Date.UTC(2024, 0, 1) / 1000 + i * 3600; // seconds
    bars.open[i] = o;
    bars.close[i] = p;
    bars.high[i] = Math.max(o, p) * 1.003;
    bars.low[i] = Math.min(o, p) * 0.997;
    bars.volume[i] = 1000;
  }
  return bars;
}

describe('trading demo', () => {
  it('runs deterministically and reports accepted/rejected, fills, positions, PnL', async () => {
    const bars = walk(600, 7);
    const lines1: string[] = [];
    const lines2: string[] = [];
    const a = await runTradingDemo(trading, bars, { log: (s: string) => lines1.push(s) });
    const b = await runTradingDemo(trading, bars, { log: (s: string) => lines2.push(s) });
    expect(lines1).toEqual(lines2);
    expect(a.accepted).toBeGreaterThan(100);
    expect(a.rejected).toBeGreaterThan(0);
    expect(a.fills).toBeGreaterThan(50);
    expect(a.byReason.PriceBandExceeded).toBeGreaterThan(0);
    expect(a.byReason.PriceOffTick).toBeGreaterThan(0);
    expect(a.stats.map((s: { strategy: string }) => s.strategy)).toEqual(expect.arrayContaining(['ema-cross', 'breakout', 'mm']));
    expect(a.daily.length).toBeGreaterThan(20);
    expect(lines1.join('\n')).toMatch(/decisions by reason/);
  });
});
