// Same bits for the backtest kernel: hashes every output (metrics, equity, drawdown, trade
// columns) of fromOrders / fromSignals over hostile data and many option sets, so two builds
// can be compared (HEAN_CPP_ADDON=/path/to/other.node) at each HEAN_SIMD level.
//   node benches/bt-samebits.mjs            one line per case: name and hash; a last line: all
import { createHash } from 'node:crypto';
import { fillCloses, mulberry32 } from './harness.mjs';

const { backtest } = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const N = 20000;
const r = mulberry32(7);
const walk = fillCloses(new Float64Array(N), 0, N, 11, 0.01);
const gaps = walk.slice();
for (let i = 0; i < N; i++) if (r() < 0.03) gaps[i] = NaN;
const tiny = walk.map((x) => x * 1e-290);
const huge = walk.map((x) => x * 1e300);
const flat = new Float64Array(N).fill(100);
const closes = { walk, gaps, tiny, huge, flat };
const orderSets = {
  alt: Float64Array.from({ length: N }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1)),
  rand: Float64Array.from({ length: N }, () => { const u = r(); return u < 0.3 ? NaN : (r() - 0.5) * 2; }),
  inf: Float64Array.from({ length: N }, (_, i) => (i % 97 === 0 ? (i % 194 ? -Infinity : Infinity) : i % 3 ? NaN : (r() - 0.5) * 3)),
  zeros: Float64Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 0 : i % 5 === 1 ? -0 : (r() - 0.5) * 1e-7)),
  pct: Float64Array.from({ length: N }, (_, i) => (i % 4 === 0 ? 0.7 : i % 4 === 2 ? -0.9 : NaN)),
};
const optSets = {
  plain: {},
  fees: { fees: 0.001 },
  rebate: { fees: -0.0005 },
  fixed: { fees: 0.002, fixedFees: 0.1 },
  slip: { fees: 0.001, slippage: 0.01 },
  long: { fees: 0.001, direction: 'long' },
  short: { fees: 0.001, direction: 'short' },
  value: { fees: 0.001, sizeType: 'value' },
  percent: { fees: 0.001, sizeType: 'percent' },
  tamount: { fees: 0.001, sizeType: 'targetAmount' },
  tvalue: { fees: 0.001, sizeType: 'targetValue' },
  tpercent: { fees: 0.001, sizeType: 'targetPercent' },
  rules: { fees: 0.001, instrument: { qtyStep: 0.01, minQty: 0.05, minNotional: 5 } },
  minq0: { fees: 0.001, instrument: { minQty: 0 } },
  cash: { fees: 0.001, initCash: 1 },
  equity: { fees: 0.001, equity: true, drawdown: true },
  start: { fees: 0.001, start: 1234 },
};
const h = (parts) => {
  const g = createHash('sha256');
  for (const p of parts) g.update(p instanceof Uint8Array ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return g.digest('hex').slice(0, 16);
};
const hashResult = (res) => {
  const parts = [];
  for (const k of Object.keys(res.metrics).sort()) parts.push(res.metrics[k]);
  if (res.equity) parts.push(res.equity);
  if (res.drawdown) parts.push(res.drawdown);
  const t = res.trades;
  if (t) for (const k of Object.keys(t).sort()) parts.push(t[k]);
  return h(parts);
};
const all = createHash('sha256');
const line = (name, v) => {
  console.log(`${name} ${v}`);
  all.update(`${name} ${v}\n`);
};
const scale = { walk: 1, gaps: 1, tiny: 1e290, huge: 1, flat: 1 };
for (const [cn, close] of Object.entries(closes))
  for (const [on, size0] of Object.entries(orderSets))
    for (const [pn, opts] of Object.entries(optSets)) {
      // amounts in units that the cash can buy at this price scale
      const size = pn.startsWith('t') || pn === 'percent' || pn === 'value' ? size0 : size0.map((x) => x * scale[cn]);
      let v;
      try {
        // at 1e300 the cash is scaled instead (a size under 1e-12 units never fills)
        const cash = cn === 'huge' ? { initCash: (opts.initCash ?? 100) * 1e300 } : {};
        v = hashResult(backtest.fromOrders({ close, size }, { threads: 1, ...opts, ...cash }));
      } catch (e) {
        v = `throws ${e.constructor.name}`;
      }
      line(`orders ${cn} ${on} ${pn}`, v);
    }
// several columns, cash sharing (the group path)
{
  const close = walk;
  const size = new Float64Array(3 * N);
  for (let k = 0; k < 3; k++) size.set(orderSets.rand, k * N);
  for (const [pn, opts] of Object.entries({ one: {}, shared: { groups: [3] }, sharedfees: { groups: [2, 1], fees: 0.001, fixedFees: 0.01 } }))
    line(`orders 3col ${pn}`, hashResult(backtest.fromOrders({ close, size }, { threads: 1, ...opts })));
}
// large results (their trade columns over 16 MB: a buffer per group of columns)
{
  const n = 400_000;
  const close = fillCloses(new Float64Array(n), 0, n, 5, 0.01);
  const size = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1));
  for (const [pn, opts] of Object.entries({ long: { fees: 0.001 }, both: { fees: 0.001, direction: 'both', initCash: 1e6 } }))
    line(`orders large ${pn}`, hashResult(backtest.fromOrders({ close, size }, { threads: 1, ...opts })));
}
// signals (on_fill and the trade builder are shared)
const en = new Uint8Array(N), ex = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  en[i] = r() < 0.1 ? 1 : 0;
  ex[i] = r() < 0.1 ? 1 : 0;
}
const sigOpts = {
  plain: {},
  fees: { fees: 0.001, fixedFees: 0.05 },
  both: { fees: 0.001, direction: 'both' },
  short: { fees: 0.001, direction: 'short', size: 0.5 },
  stops: { fees: 0.001, stopLoss: 0.02, trailingStop: 0.03, takeProfit: 0.05 },
  value: { sizeType: 'value', size: 50, direction: 'both', slippage: 0.001 },
  percent: { sizeType: 'percent', size: 0.5 },
  rules: { fees: 0.001, instrument: { qtyStep: 0.01, minQty: 0.05 } },
};
for (const [cn, close] of Object.entries(closes))
  for (const [pn, opts] of Object.entries(sigOpts)) {
      const o = { threads: 1, ...opts };
      if (cn === 'huge') o.initCash = 100 * 1e300;
      if (o.sizeType === 'value' && cn !== 'walk' && cn !== 'gaps' && cn !== 'flat') o.size = cn === 'huge' ? 50e300 : 50;
      line(`signals ${cn} ${pn}`, hashResult(backtest.fromSignals({ close, entries: en, exits: ex }, o)));
    }
console.log(`all ${all.digest('hex').slice(0, 16)}`);
