// From indicators to trading: signals on the sample bars become orders that go through the
// smart order router and the pre-trade risk engine against three simulated venue books.
// Deterministic: the books are built from each bar with fixed rules, no randomness, no clock.
//
//   import * as hean from '../dist/index.js';
//   await runTradingDemo(hean, bars);            // bars: { time, open, high, low, close, volume }
//
// Strategies (all in JS, on the bar closes):
//   ema-cross — long when EMA(12) > EMA(26), short when below; routed across the 3 venues.
//   breakout  — long above the 20-bar high, flat below the 20-bar low; routed too.
//   mm        — posts a passive bid and ask on venue A each bar; fills when the next bar
//               trades through them, otherwise cancelled.
//   operator  — a few deliberate fat-finger / off-tick orders, to show the checks firing.

const VENUES = [
  { name: 'bybit', fee: 0.00055, tickMult: 1, stepMult: 1, skew: 0.0 },
  { name: 'okx', fee: 0.0005, tickMult: 1, stepMult: 10, skew: 0.00015 },
  { name: 'kraken', fee: 0.0004, tickMult: 5, stepMult: 1, skew: -0.0001 },
];
const LEVELS = 20;
const DAY = 86_400_000;

/** Decimals of a power-of-ten-ish step like 5e-3 → 3. */
function decimalsOf(step) {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** `n` whole steps as the JS number whose shortest decimal is on the grid. */
function onGrid(n, step, dec) {
  return Number((n * step).toFixed(dec));
}

function ema(x, period) {
  const out = new Float64Array(x.length).fill(NaN);
  const a = 2 / (period + 1);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (i < period) {
      s += x[i];
      if (i === period - 1) out[i] = s / period;
    } else out[i] = a * x[i] + (1 - a) * out[i - 1];
  }
  return out;
}

function fmt(x, d = 2) {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : String(x);
}

/**
 * Runs the trading demo and prints its report (through `opts.log`, default console.log).
 * Returns a summary (counts, positions, stats, daily PnL) for tests.
 * @param {any} hean the package namespace (RiskEngine, OrderBook, Router, REASON_CODES, countReasons)
 * @param {{time: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array}} bars
 * @param {{ signal?: Int8Array, notional?: number, log?: (s: string) => void }} [opts]
 */
export async function runTradingDemo(hean, bars, opts = {}) {
  const log = opts.log ?? ((s) => console.log(s));
  const { RiskEngine, OrderBook, Router, REASON_CODES } = hean;
  const close = bars.close;
  const n = close.length;
  if (n < 30) throw new RangeError('runTradingDemo: needs at least 30 bars');
  // Bar times may be seconds or ms.
  const t0 = bars.time[0];
  const ms = (i) => (t0 < 1e11 ? bars.time[i] * 1000 : bars.time[i]);
  const notional = opts.notional ?? 10_000;

  // Grid from the price level: ~5 significant digits of price, ~4 of quantity.
  const p0 = close[0];
  const baseTick = 10 ** (Math.floor(Math.log10(p0)) - 4);
  const baseStep = 10 ** (Math.floor(Math.log10(notional / p0)) - 3);

  const risk = new RiskEngine({
    maxOpenOrders: 12,
    maxGrossExposure: notional * 4,
    dailyLossLimit: notional * 0.03,
    maxOrdersPerWindow: 10, // Bybit's 10 orders/s per UID
  });
  const router = new Router(risk);
  const venues = VENUES.map((v, k) => {
    const tick = baseTick * v.tickMult;
    const step = baseStep * v.stepMult;
    const tdec = decimalsOf(baseTick);
    const sdec = decimalsOf(step);
    const tickStr = tick.toFixed(tdec);
    const stepStr = step.toFixed(sdec);
    const id = risk.addInstrument(
      {
        symbol: 'DEMO',
        venue: v.name,
        tickSize: tickStr,
        qtyStep: stepStr,
        minOrderQty: stepStr,
        maxOrderQty: (step * 1e6).toFixed(sdec),
        minNotionalValue: '5',
        priceBand: 0.05,
      },
      { maxPosition: (notional * 1.5) / p0, maxNotional: notional * 2 },
    );
    const book = new OrderBook({ venue: v.name, symbol: 'DEMO', tickSize: tickStr, qtyStep: stepStr });
    router.addVenue({ book, takerFee: v.fee, instrument: id });
    return { ...v, k, id, book, tick, step, tdec, sdec, updateId: 0 };
  });

  /** Builds the venue's book around the bar's close (snapshot, then one delta message). */
  function buildBook(v, i) {
    const mid = close[i] * (1 + v.skew * Math.sin(i * 0.7 + v.k));
    const midTicks = Math.round(mid / v.tick);
    const half = 1 + ((i + v.k) % 3); // 1–3 ticks from mid
    const bids = [];
    const asks = [];
    const unit = Math.max(1, Math.round(notional / close[i] / 8 / v.step));
    for (let l = 0; l < LEVELS; l++) {
      const lots = unit * (1 + ((i * 7 + v.k * 3 + l * 5) % 6));
      bids.push([onGrid(midTicks - half - l, v.tick, v.tdec), onGrid(lots, v.step, v.sdec)]);
      asks.push([onGrid(midTicks + half + l, v.tick, v.tdec), onGrid(lots, v.step, v.sdec)]);
    }
    v.updateId += 10;
    v.book.applySnapshot(v.updateId, bids, asks);
    // A delta: the 3rd bid level leaves, the 2nd ask level doubles.
    v.book.applyDelta(++v.updateId, [
      ['buy', bids[2][0], 0],
      ['sell', asks[1][0], onGrid(Math.round(asks[1][1] / v.step) * 2, v.step, v.sdec)],
    ]);
  }

  let clientId = 1;
  const decisions = new Uint32Array(REASON_CODES.length);
  let fills = 0;
  const record = (r) => decisions[r.code]++;

  /** Fills an accepted IOC child against the venue's book, level by level. */
  function fillChild(v, id, side, limitPrice, qty, ts) {
    let left = Math.round(qty / v.step);
    const d = v.book.depth(side === 'buy' ? 'ask' : 'bid', LEVELS);
    for (let l = 0; l < d.prices.length && left > 0; l++) {
      const px = d.prices[l];
      if (side === 'buy' ? px > limitPrice : px < limitPrice) break;
      const take = Math.min(left, Math.round(d.sizes[l] / v.step));
      const q = onGrid(take, v.step, v.sdec);
      risk.fill(id, q, px, q * px * v.fee, ts);
      fills++;
      left -= take;
    }
    if (left > 0) risk.cancel(id, ts); // IOC remainder
  }

  /** Moves a strategy's total position (over the venues) to `target` via the router. */
  function rebalance(strategy, target, i, ts) {
    const have = risk
      .strategyPositions()
      .filter((p) => p.strategy === strategy)
      .reduce((s, p) => s + p.qty, 0);
    const diff = target - have;
    if (Math.abs(diff) < baseStep * 10) return;
    const side = diff > 0 ? 'buy' : 'sell';
    const plan = router.route({ side, qty: Math.abs(diff), now: ts, strategy });
    for (const c of plan.children) {
      const v = venues[c.venue];
      const id = clientId++;
      const r = risk.submit({ clientId: id, instrument: v.id, side, price: c.price, qty: c.qty, strategy }, ts);
      record(r);
      if (r.ok) fillChild(v, id, side, c.price, c.qty, ts);
    }
    for (const d of plan.dropped) decisions[hean.ReasonCode[d.reason]]++;
  }

  // Signals.
  const fast = ema(close, 12);
  const slow = ema(close, 26);
  const signal = opts.signal ?? Int8Array.from(close, (_, i) => (Number.isNaN(slow[i]) ? 0 : fast[i] > slow[i] ? 1 : -1));
  const unitQty = notional / p0;
  let mmQuotes = [];

  for (let i = 0; i < n; i++) {
    const ts = ms(i);
    for (const v of venues) {
      buildBook(v, i);
      risk.mark(v.id, close[i], ts);
    }
    // Market maker: yesterday's quotes fill if this bar traded through them, else cancel.
    for (const q of mmQuotes) {
      const hit = q.side === 'buy' ? bars.low[i] <= q.price : bars.high[i] >= q.price;
      if (hit) {
        risk.fill(q.id, q.qty, q.price, -q.qty * q.price * 0.0001, ts); // maker rebate
        fills++;
      } else risk.cancel(q.id, ts);
    }
    mmQuotes = [];
    // Trend strategies.
    if (signal[i] !== 0 && (i === 0 || signal[i] !== signal[i - 1])) rebalance('ema-cross', signal[i] * unitQty, i, ts);
    if (i >= 20) {
      let hi = -Infinity;
      let lo = Infinity;
      for (let k = i - 20; k < i; k++) {
        hi = Math.max(hi, bars.high[k]);
        lo = Math.min(lo, bars.low[k]);
      }
      if (close[i] > hi) rebalance('breakout', unitQty * 0.5, i, ts);
      else if (close[i] < lo) rebalance('breakout', 0, i, ts);
    }
    // Market maker quotes on venue A, 0.2% from the close.
    const a = venues[0];
    const mmQty = risk.roundQty(a.id, (unitQty * 0.2));
    for (const side of ['buy', 'sell']) {
      const price = risk.roundPrice(a.id, close[i] * (side === 'buy' ? 0.998 : 1.002), side);
      const id = clientId++;
      const r = risk.submit({ clientId: id, instrument: a.id, side, price, qty: mmQty, strategy: 'mm' }, ts);
      record(r);
      if (r.ok) mmQuotes.push({ id, side, price, qty: mmQty });
    }
    // Operator mistakes: a fat-finger price and an off-tick price now and then.
    if (i % 97 === 50) record(risk.submit({ clientId: clientId++, instrument: a.id, side: 'buy', price: risk.roundPrice(a.id, close[i] * 1.2, 'buy'), qty: mmQty, strategy: 'operator' }, ts));
    if (i % 89 === 40) record(risk.submit({ clientId: clientId++, instrument: a.id, side: 'sell', price: close[i] + baseTick / 3, qty: mmQty, strategy: 'operator' }, ts));
  }
  for (const q of mmQuotes) risk.cancel(q.id, ms(n - 1));

  // Report.
  const byReason = {};
  decisions.forEach((c, k) => {
    if (c) byReason[REASON_CODES[k]] = c;
  });
  const accepted = byReason.Accepted ?? 0;
  const rejected = Object.entries(byReason).reduce((s, [k, c]) => (k === 'Accepted' ? s : s + c), 0);
  const positions = risk.positions();
  const stats = risk.strategyStats().filter((s) => s.fills > 0 || s.strategy !== 'default');
  const daily = risk.dailyPnl();
  const acct = risk.account();

  log(`\n== Trading: ${n} bars, 3 venues (${VENUES.map((v) => `${v.name} ${(v.fee * 1e4).toFixed(1)}bp`).join(', ')}), router + risk engine ==`);
  log(`orders: ${accepted} accepted, ${rejected} rejected; fills: ${fills}`);
  log('decisions by reason:');
  for (const [k, c] of Object.entries(byReason).sort((x, y) => y[1] - x[1])) log(`  ${k.padEnd(26)} ${String(c).padStart(6)}`);
  log('positions (account, per venue):');
  for (const p of positions) log(`  ${p.venue.padEnd(8)} qty ${p.qtyStr.padStart(12)}  avg ${fmt(p.avgEntry, 4).padStart(12)}  realised ${fmt(p.realized).padStart(10)}  unrealised ${fmt(p.unrealized).padStart(10)}  fees ${fmt(p.fees)}`);
  log('per strategy:');
  for (const s of stats) {
    log(`  ${s.strategy.padEnd(10)} trades ${String(s.trades).padStart(4)}  wins ${String(s.wins).padStart(4)}  PnL ${fmt(s.tradePnl).padStart(10)}  avg ${fmt(s.avgTradePnl).padStart(8)}  realised ${fmt(s.realized).padStart(10)}  fills ${s.fills}`);
  }
  const days = new Map();
  for (const d of daily) days.set(d.day, (days.get(d.day) ?? 0) + d.pnl);
  const dayList = [...days];
  log(`daily realised PnL (${dayList.length} UTC days, last 5):`);
  for (const [d, p] of dayList.slice(-5)) log(`  ${d}  ${fmt(p).padStart(10)}`);
  log(`account: state ${acct.state}, today ${fmt(acct.dailyPnl)}, unrealised ${fmt(acct.unrealized)}, gross exposure ${fmt(acct.grossExposure)}`);

  return { accepted, rejected, byReason, fills, positions, stats, daily, account: acct, snapshotBytes: risk.snapshot().length };
}

// `node examples/trading-demo.mjs` runs it on a synthetic random walk with the built package.
if (import.meta.url === `file://${process.argv[1]}`) {
  const hean = await import('../dist/index.js').catch(() => null);
  if (!hean?.RiskEngine) {
    console.error('trading-demo: build the package first (npm run build), which must export the trading API');
    process.exit(1);
  }
  const n = 2000;
  const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = 30000;
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const r = s / 2 ** 31 - 0.5;
    const o = p;
    p *= 1 + r * 0.01;
    bars.time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    bars.open[i] = o;
    bars.close[i] = p;
    bars.high[i] = Math.max(o, p) * 1.002;
    bars.low[i] = Math.min(o, p) * 0.998;
    bars.volume[i] = 100;
  }
  await runTradingDemo(hean, bars);
}
