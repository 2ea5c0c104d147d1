// A deterministic sequence of engine events and stream updates: the writer child runs it
// (writing a snapshot file after each step) and the test replays it to know what every
// complete snapshot must be.
import type * as Hean from '../../src/index.js';

type H = typeof Hean;

export const T0 = 1_700_000_000_000;
/** Open orders placed before the first step, so a snapshot is large (a write takes a while). */
export const SETUP_ORDERS = 3000;

export function setup(h: H): { e: InstanceType<H['RiskEngine']>; m: InstanceType<H['Macd']> } {
  const e = new h.RiskEngine({ maxOpenOrders: 1_000_000, maxOrdersPerWindow: 0 });
  e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
  e.mark(0, 30_000, T0);
  for (let i = 0; i < SETUP_ORDERS; i++) e.submit({ clientId: 1_000_000 + i, instrument: 0, side: i % 2 ? 'sell' : 'buy', price: i % 2 ? 31_000 + i / 10 : 29_000 - i / 10, qty: 0.001 }, T0);
  return { e, m: new h.Macd() };
}

/** Step k (1, 2, …): one accepted order, a fill on every third, one stream bar. */
export function step(e: InstanceType<H['RiskEngine']>, m: InstanceType<H['Macd']>, k: number): void {
  const t = T0 + k * 10;
  const r = e.submit({ clientId: k, instrument: 0, side: k % 2 ? 'buy' : 'sell', price: k % 2 ? 29_500 - (k % 7) : 30_500 + (k % 7), qty: 0.001 * (1 + (k % 3)) }, t);
  if (!r.ok) throw new Error(`step ${k}: ${r.reason}`);
  if (k % 3 === 0) e.fill(k, 0.001, k % 2 ? 29_500 : 30_500, 0.01, t + 1);
  m.update(100 + Math.sin(k / 5) * 3);
}
