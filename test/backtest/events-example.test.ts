// Runs examples/events-live.mjs: the same strategy object backtested on the simulated venue
// and run live against an async mock exchange through a Venue adapter gives the same fills.
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/index.js';
// @ts-expect-error plain ESM example without types
import { demoBars, runEventsExample } from '../../examples/events-live.mjs';

describe('examples/events-live.mjs', () => {
  it('live fills through the mock venue adapter equal the backtest fills (latency 1 bar)', async () => {
    const lines: string[] = [];
    const { backtest, live } = await runEventsExample(hean, demoBars(1500, 9), { log: (s: string) => lines.push(s) });
    expect(backtest.fills.qty.length).toBeGreaterThan(10);
    for (const k of ['time', 'side', 'qty', 'price', 'fee', 'clientId'] as const) expect(Array.from(live.fills[k])).toEqual(Array.from(backtest.fills[k]));
    expect(live.position.qty).toBe(backtest.position.qty);
    expect(live.position.realized).toBeCloseTo(backtest.position.realized, 9);
    expect(live.equity).toBeCloseTo(backtest.ledgerValue, 9);
    expect(lines.join('\n')).toMatch(/backtest: \d+ fills[\s\S]*live: +\d+ fills/);
  });
});
