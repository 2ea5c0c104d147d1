#!/usr/bin/env node
// A bounded mix of calls into both native addons through the public API (dist/), for
// scripts/valgrind.sh: every indicator (single, many-series, sweep, async, `out` given),
// refused calls (bad options, wrong lengths), matrices and resampling on the C++ side; the
// risk engine, order books, router, batches and snapshots (including refused restores) on
// the Rust side. Prints the number of calls made.
//   node scripts/valgrind-calls.mjs [rounds]      (default 3)
import * as hean from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 3);
const N = 300;
let calls = 0;
const call = (f) => {
  calls++;
  return f();
};
const refused = (f) => {
  calls++;
  try {
    f();
  } catch {
    return true;
  }
  throw new Error('expected the call to be refused');
};

// Deterministic bars.
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const bars = { time: new Float64Array(N), open: new Float64Array(N), high: new Float64Array(N), low: new Float64Array(N), close: new Float64Array(N), volume: new Float64Array(N) };
let px = 100;
for (let i = 0; i < N; i++) {
  const o = px;
  px *= 1 + (rnd() - 0.5) / 50;
  bars.time[i] = 1_700_000_000_000 + i * 60_000;
  bars.open[i] = o;
  bars.close[i] = px;
  bars.high[i] = Math.max(o, px) * (1 + rnd() / 200);
  bars.low[i] = Math.min(o, px) * (1 - rnd() / 200);
  bars.volume[i] = 1 + rnd() * 100;
}
bars.close[150] = NaN; // a gap
const S = 9; // one 8-lane block and a remainder column
const matrix = (x) => {
  const m = new Float64Array(S * N);
  for (let j = 0; j < S; j++) for (let t = 0; t < N; t++) m[j * N + t] = x[(t + j * 7) % N] * (1 + j / 10);
  return m;
};
const mbars = Object.fromEntries(Object.entries(bars).map(([k, v]) => [k, matrix(v)]));

async function cppRound() {
  for (const meta of hean.indicators()) {
    const fn = hean[meta.name];
    if (typeof fn !== 'function') continue;
    const ins = meta.inputs.slice(0, meta.required).map((name) => bars[name] ?? bars.close);
    const res = call(() => fn(...ins));
    if (meta.options.length) {
      const opt = meta.options[0];
      // Refused: an option out of its range (RangeError from the addon's validation).
      refused(() => fn(...ins, { [opt.name]: opt.min - 1 }));
      if (!opt.choices && opt.integer) {
        const alt = Math.min(opt.max, opt.default + 3);
        call(() => fn.sweep(...ins, { [opt.name]: [opt.default, alt] }));
      }
    }
    if (ins.length > 1) refused(() => fn(...ins.map((x, k) => (k === ins.length - 1 ? x.subarray(1) : x))));
    refused(() => fn(...ins.map(() => 'junk')));
    if (meta.many && fn.many) {
      const mins = meta.inputs.slice(0, meta.required).map((name) => mbars[name] ?? mbars.close);
      call(() => fn.many(...mins, S));
    }
    if (fn.async) await call(() => fn.async(...ins));
    void res;
  }
  const rets = new Float64Array(5 * (N - 1));
  for (let j = 0; j < 5; j++) for (let t = 1; t < N; t++) rets[j * (N - 1) + t - 1] = Math.log(mbars.close[j * N + t] / mbars.close[j * N + t - 1]) || 0;
  const cov = call(() => hean.covMatrix(rets, 5));
  call(() => hean.corrMatrix(rets, 5));
  call(() => hean.portfolioVol(new Float64Array(5).fill(0.2), cov));
  if (typeof hean.resample === 'function') {
    const ticks = { ts: bars.time, price: bars.close, volume: bars.volume };
    try {
      call(() => hean.resample(ticks, { intervalMs: 300_000 }));
    } catch {
      // signature differs: counted anyway, the native call is what matters
    }
  }
}

function rustRound(r) {
  const risk = call(() => new hean.RiskEngine({ maxOpenOrders: 50, maxOrdersPerWindow: 100 }));
  const id = call(() =>
    risk.addInstrument(
      { symbol: `BTC${r}`, tickSize: '0.1', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '100', minNotionalValue: '5' },
      { maxPosition: 10 },
    ),
  );
  refused(() => risk.addInstrument({ symbol: 'BAD', tickSize: '-1', qtyStep: '0.001' }));
  const t0 = 1_700_000_000_000;
  call(() => risk.mark(id, 30000, t0));
  let cid = 1;
  for (let i = 0; i < 60; i++) {
    const side = i % 2 ? 'buy' : 'sell';
    const price = Math.round((30000 + (side === 'buy' ? -10 : 10) - (i % 7)) * 10) / 10;
    const res = call(() => risk.submit({ clientId: cid++, instrument: id, side, price, qty: 0.01 }, t0 + i * 10));
    call(() => risk.check({ clientId: cid, instrument: id, side, price: 1e12, qty: 0.01 }, t0 + i * 10));
    if (res.accepted ?? res.ok ?? res.code === 0) {
      if (i % 3 === 0) call(() => risk.fill(cid - 1, 0.01, price, 0.01, t0 + i * 10 + 1));
      else if (i % 3 === 1) call(() => risk.cancel(cid - 1, t0 + i * 10 + 2));
    }
    if (i % 10 === 0) call(() => risk.mark(id, 30000 + i, t0 + i * 10));
  }
  refused(() => risk.fill(999999, 0.01, 30000, 0, t0));
  call(() => [risk.account(), risk.positions(), risk.openOrders(), risk.strategyStats(), risk.dailyPnl()]);
  const snap = call(() => risk.snapshot());
  call(() => risk.restore(snap));
  const bad = snap.slice();
  bad[bad.length >> 1] ^= 0x55;
  refused(() => risk.restore(bad));
  refused(() => risk.restore(snap.subarray(0, snap.length - 3)));
  const batch = { clientId: new Float64Array(16), instrument: new Uint32Array(16).fill(id), flags: new Uint8Array(16), price: new Float64Array(16), qty: new Float64Array(16) };
  for (let k = 0; k < 16; k++) {
    batch.clientId[k] = 10_000 + r * 100 + k;
    batch.flags[k] = hean.orderFlags(k % 2 ? 'buy' : 'sell');
    batch.price[k] = k % 2 ? 29990 : 30010;
    batch.qty[k] = 0.001 * (1 + k);
  }
  try {
    call(() => risk.checkBatch(batch, t0 + 1000));
    call(() => risk.submitBatch(batch, t0 + 1000));
  } catch {
    // batch field names differ: skip
  }

  const book = call(() => new hean.OrderBook({ venue: 'v', symbol: 'BTC', tickSize: '0.1', qtyStep: '0.001' }));
  const bids = [];
  const asks = [];
  for (let l = 0; l < 20; l++) {
    bids.push([Math.round((29999 - l) * 10) / 10, 0.5 + l / 1000]);
    asks.push([Math.round((30001 + l) * 10) / 10, 0.5 + l / 1000]);
  }
  call(() => book.applySnapshot(100, bids, asks));
  for (let u = 101; u < 160; u++) {
    call(() => book.applyDelta(u, [['buy', bids[u % 20][0], u % 5 ? 0.25 : 0], ['sell', asks[u % 20][0], 0.75]]));
    call(() => [book.bestBid(), book.bestAsk(), book.mid(), book.spread(), book.imbalance(5)]);
  }
  call(() => book.applyDelta(200, [['buy', 1, 1]])); // a gap: the book goes stale
  call(() => book.applySnapshot(300, bids, asks));
  call(() => book.depth('bid', 10));
  call(() => book.fillEstimate('buy', 2));
  const bsnap = call(() => book.snapshot());
  call(() => book.restore(bsnap));
  refused(() => book.restore(bsnap.subarray(0, 10)));
  refused(() => book.applySnapshot(400, [[30002, 1]], [[30001, 1]])); // crossed

  const router = call(() => new hean.Router(risk));
  call(() => router.addVenue({ book, takerFee: 0.0005, instrument: id }));
  try {
    call(() => router.route({ side: 'buy', qty: 0.05, limitPrice: 30010, now: t0 + 2000 }));
  } catch {
    // refused by risk: still a native round trip
  }
}

const t = Date.now();
for (let r = 0; r < rounds; r++) {
  await cppRound();
  if (typeof hean.RiskEngine === 'function') rustRound(r);
}
console.log(`valgrind-calls: ${calls} native calls in ${rounds} rounds, ${Date.now() - t} ms`);
