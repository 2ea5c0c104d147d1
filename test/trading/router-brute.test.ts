// The router against a brute force on small random books: every child quantity on each
// venue's step grid is tried, the splits each venue would accept are kept (min qty, max
// qty, min notional at the child's limit price, the limit), and the best is the one that
// fills the most, then costs the least after fees (buy) / brings in the most (sell). Costs
// are exact integers here (BigInt), so the reference has no float noise at all.
import { describe, expect, it } from 'vitest';
import { OrderBook, RiskEngine, Router, type InstrumentRules } from '../../src/index.js';
import { mulberry32 } from '../../src/core/mulberry32.js';

const SEED = 0x5eed10;
const BOOKS = 1000;

/** mulberry32 with integer and pick helpers. */
function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick };
}

/** Prices are whole cents (0.01) and quantities whole milli-units (0.001) in this test. */
const cents = (c: number) => Number(`${c}e-2`);
const millis = (m: number) => Number(`${m}e-3`);
const milliStr = (m: number) => (m / 1000).toFixed(3);

interface VenueCase {
  name: string;
  tickCents: number; // 1, 5 or 10
  stepMillis: number; // 1, 2, 3, 4 or 10
  feeBp10: number; // fee = feeBp10 / 10000
  minMillis?: number;
  maxMillis?: number;
  /** minNotionalValue in 1e-5 quote. */
  minNotional1e5?: number;
  asks: [cents: number, lots: number][];
  bids: [cents: number, lots: number][];
}

interface Case {
  venues: VenueCase[];
  side: 'buy' | 'sell';
  parentMillis: number;
  limitCents?: number;
}

function genCase(r: ReturnType<typeof prng>): Case {
  const nv = r.int(2, 3);
  const venues: VenueCase[] = [];
  for (let k = 0; k < nv; k++) {
    const tickCents = r.pick([1, 5, 10]);
    const stepMillis = r.pick([1, 2, 3, 4, 10]);
    const minMillis = r.next() < 0.5 ? r.int(1, 12) : undefined;
    const minLots = minMillis === undefined ? 1 : Math.ceil(minMillis / stepMillis);
    let maxMillis = r.next() < 0.35 ? r.int(1, 30) : undefined;
    if (maxMillis !== undefined && Math.floor(maxMillis / stepMillis) < minLots) maxMillis = undefined;
    const minNotional1e5 = r.next() < 0.5 ? r.pick([10_000, 25_000, 50_000, 100_000, 200_000, 333_333]) : undefined;
    const feeBp10 = r.pick([-1, 0, 2, 5, 10]);
    const snap = (c: number) => Math.round(c / tickCents) * tickCents;
    let a = snap(10_000 + r.int(-10, 10) * tickCents);
    const asks: [number, number][] = [];
    for (let i = r.int(1, 4); i > 0; i--) {
      asks.push([a, r.int(1, 6)]);
      a += r.int(1, 3) * tickCents;
    }
    let b = asks[0]![0] - r.int(1, 4) * tickCents;
    const bids: [number, number][] = [];
    for (let i = r.int(1, 4); i > 0; i--) {
      bids.push([b, r.int(1, 6)]);
      b -= r.int(1, 3) * tickCents;
    }
    venues.push({ name: `v${k}`, tickCents, stepMillis, feeBp10, minMillis, maxMillis, minNotional1e5, asks, bids });
  }
  const side = r.next() < 0.5 ? 'buy' : 'sell';
  const parentMillis = r.int(1, 60);
  const limitCents = r.next() < 0.4 ? 10_000 + r.int(-15, 15) : undefined;
  return { venues, side, parentMillis, limitCents };
}

function tickStr(c: number) {
  return (c / 100).toFixed(2);
}

function rulesOf(v: VenueCase): InstrumentRules {
  const rules: InstrumentRules = { symbol: 'BTCUSDT', venue: v.name, tickSize: tickStr(v.tickCents), qtyStep: milliStr(v.stepMillis) };
  if (v.minMillis !== undefined) rules.minOrderQty = milliStr(v.minMillis);
  if (v.maxMillis !== undefined) rules.maxOrderQty = milliStr(v.maxMillis);
  if (v.minNotional1e5 !== undefined) rules.minNotionalValue = (v.minNotional1e5 / 1e5).toFixed(5);
  return rules;
}

function bookOf(v: VenueCase): OrderBook {
  const b = new OrderBook({ venue: v.name, symbol: 'BTCUSDT', tickSize: tickStr(v.tickCents), qtyStep: milliStr(v.stepMillis) });
  const lv = (xs: [number, number][]) => xs.map(([c, n]) => [cents(c), millis(n * v.stepMillis)] as [number, number]);
  b.applySnapshot(1, lv(v.bids), lv(v.asks));
  return b;
}

/** One venue's choices: lots → (milli-units, exact fee-adjusted score in 1e-9 quote, worst cents). */
interface Option {
  lots: number;
  millis: number;
  /** Buy: cost; sell: −proceeds (so smaller is better either way). */
  score: bigint;
  worst: number;
}

function options(v: VenueCase, c: Case): Option[] {
  const levels = (c.side === 'buy' ? v.asks : v.bids).filter(([p]) => c.limitCents === undefined || (c.side === 'buy' ? p <= c.limitCents : p >= c.limitCents));
  const minLots = v.minMillis === undefined ? 1 : Math.ceil(v.minMillis / v.stepMillis);
  const maxLots = v.maxMillis === undefined ? Infinity : Math.floor(v.maxMillis / v.stepMillis);
  const out: Option[] = [{ lots: 0, millis: 0, score: 0n, worst: 0 }];
  let notional = 0n; // cents · millis = 1e-5 quote
  let lots = 0;
  for (const [p, n] of levels) {
    for (let i = 0; i < n; i++) {
      lots++;
      notional += BigInt(p) * BigInt(v.stepMillis);
      const m = lots * v.stepMillis;
      if (m > c.parentMillis || lots > maxLots) return out;
      if (lots < minLots) continue;
      // Min notional at the child's limit price: the worst level it takes.
      if (v.minNotional1e5 !== undefined && BigInt(p) * BigInt(m) < BigInt(v.minNotional1e5)) continue;
      const fee = BigInt(v.feeBp10);
      const score = c.side === 'buy' ? notional * (10_000n + fee) : -notional * (10_000n - fee);
      out.push({ lots, millis: m, score, worst: p });
    }
  }
  return out;
}

/** Every combination of the venues' options: most milli-units, then least score. */
function bruteForce(c: Case, skip = new Set<number>()): { millis: number; score: bigint; pick: Option[] } {
  const opts = c.venues.map((v, k) => (skip.has(k) ? [{ lots: 0, millis: 0, score: 0n, worst: 0 }] : options(v, c)));
  let best = { millis: 0, score: 0n, pick: opts.map((o) => o[0]!) };
  const cur: Option[] = [];
  const walk = (k: number, m: number, s: bigint) => {
    if (k === opts.length) {
      if (m > best.millis || (m === best.millis && s < best.score)) best = { millis: m, score: s, pick: [...cur] };
      return;
    }
    for (const o of opts[k]!) {
      if (m + o.millis > c.parentMillis) break; // options grow in quantity
      cur[k] = o;
      walk(k + 1, m + o.millis, s + o.score);
    }
  };
  walk(0, 0, 0n);
  return best;
}

/** The plan's cost as Router reports it (Σ price·qty ± fees) from the exact score. */
const quote = (score: bigint) => Number(score) / 1e9;

function checkPlan(c: Case, plan: ReturnType<Router['route']>, want: ReturnType<typeof bruteForce>, label: string) {
  expect(plan.optimal, label).toBe(true);
  expect(Math.round(plan.filled * 1000), `${label}: filled`).toBe(want.millis);
  expect(Math.round(plan.unfilled * 1000), `${label}: unfilled`).toBe(c.parentMillis - want.millis);
  // Each child: a venue's own rules, its price the worst level it takes, its cost exact.
  let score = 0n;
  let total = 0;
  const seen = new Set<number>();
  for (const ch of plan.children) {
    const v = c.venues[ch.venue]!;
    expect(seen.has(ch.venue), `${label}: one child per venue`).toBe(false);
    seen.add(ch.venue);
    const m = Math.round(ch.qty * 1000);
    expect(Math.abs(ch.qty * 1000 - m) < 1e-6, label).toBe(true);
    expect(m % v.stepMillis, `${label}: step`).toBe(0);
    const opt = options(v, c).find((o) => o.millis === m);
    expect(opt, `${label}: child ${m} milli on venue ${ch.venue} is not one the venue accepts`).toBeDefined();
    expect(Math.round(ch.price * 100), `${label}: child price`).toBe(opt!.worst);
    score += opt!.score;
    total += m;
  }
  expect(total, label).toBe(want.millis);
  const got = quote(score);
  const best = quote(want.score);
  const tol = 1e-9 * Math.max(1, Math.abs(best));
  expect(Math.abs(got - best), `${label}: the children cost ${got}, the optimum ${best}`).toBeLessThanOrEqual(tol);
  const reported = c.side === 'buy' ? plan.totalCost : -plan.totalCost;
  expect(Math.abs(reported - best), `${label}: totalCost ${plan.totalCost} vs ${best}`).toBeLessThanOrEqual(tol);
}

describe('router: filled + unfilled is the parent', () => {
  // Was a bug: the parent was floored to the finest step before solving and `unfilled`
  // came from the floored parent, so 0.029 on 0.01 steps gave filled 0.02, unfilled 0.
  it('counts the part below every step as unfilled', () => {
    const b = new OrderBook({ venue: 'a', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.01' });
    b.applySnapshot(1, [[99, 1]], [[100, 1]]);
    const r = new Router();
    r.addVenue({ book: b, takerFee: 0 });
    const p = r.route({ side: 'buy', qty: 0.029 });
    expect(p.filled).toBe(0.02);
    expect(p.unfilled).toBeCloseTo(0.009, 12);
  });
});

describe('router vs brute force on small random books', () => {
  it(`matches the optimum on ${BOOKS} books (seed ${SEED})`, () => {
    const r = prng(SEED);
    let filledSome = 0;
    let partial = 0;
    let multi = 0;
    for (let i = 0; i < BOOKS; i++) {
      const c = genCase(r);
      const label = `seed ${SEED} book ${i}: ${JSON.stringify(c)}`;
      const router = new Router();
      for (const v of c.venues) router.addVenue({ book: bookOf(v), takerFee: v.feeBp10 / 10_000, rules: rulesOf(v) });
      const req = { side: c.side, qty: millis(c.parentMillis), limit: c.limitCents === undefined ? undefined : cents(c.limitCents) };
      if (c.venues.every((v) => v.stepMillis === 10) && c.parentMillis < 10) {
        // Under the finest decimal of every step: refused (a RangeError), not planned.
        expect(() => router.route(req), label).toThrow(RangeError);
        continue;
      }
      const plan = router.route(req);
      const want = bruteForce(c);
      checkPlan(c, plan, want, label);
      if (want.millis > 0) filledSome++;
      if (want.millis > 0 && want.millis < c.parentMillis) partial++;
      if (plan.children.length > 1) multi++;
    }
    // The generator reaches the interesting cases.
    expect(filledSome).toBeGreaterThan(BOOKS / 2);
    expect(partial).toBeGreaterThan(BOOKS / 10);
    expect(multi).toBeGreaterThan(BOOKS / 10);
  });

  it('excludes a venue whose child the risk engine rejects, and re-solves over the rest (200 books)', () => {
    const r = prng(SEED + 1);
    let tested = 0;
    for (let i = 0; tested < 200 && i < 5000; i++) {
      const c = genCase(r);
      const label = `seed ${SEED + 1} book ${i}: ${JSON.stringify(c)}`;
      const e = new RiskEngine();
      const insts = c.venues.map((v) => e.addInstrument(rulesOf(v)));
      const router = new Router(e);
      c.venues.forEach((v, k) => router.addVenue({ book: bookOf(v), takerFee: v.feeBp10 / 10_000, instrument: insts[k] }));
      const req = { side: c.side, qty: millis(c.parentMillis), limit: c.limitCents === undefined ? undefined : cents(c.limitCents), now: 1 };
      if (c.venues.every((v) => v.stepMillis === 10) && c.parentMillis < 10) continue;
      const plan0 = router.route(req);
      checkPlan(c, plan0, bruteForce(c), label);
      expect(plan0.dropped, label).toEqual([]);
      expect(plan0.passes, label).toBe(1);
      const child = plan0.children[r.int(0, Math.max(0, plan0.children.length - 1))];
      if (!child) continue;
      // One lot under the child's size: that venue's child breaks maxPosition.
      const v = c.venues[child.venue]!;
      e.setInstrumentLimits(insts[child.venue]!, { maxPosition: millis(Math.round(child.qty * 1000) - v.stepMillis) });
      const before = e.snapshot();
      const plan = router.route(req);
      expect(e.snapshot(), `${label}: routing changes nothing`).toEqual(before);
      expect(plan.dropped.map((d) => [d.venue, d.reason]), label).toEqual([[child.venue, 'PositionLimit']]);
      expect(plan.passes, label).toBe(2);
      expect(plan.children.some((ch) => ch.venue === child.venue), label).toBe(false);
      checkPlan(c, plan, bruteForce(c, new Set([child.venue])), label);
      // Each child passes the engine's own check.
      for (const ch of plan.children) {
        const res = e.check({ clientId: 1, instrument: insts[ch.venue]!, side: c.side, price: ch.price, qty: ch.qty }, 1);
        expect(res.reason, label).toBe('Accepted');
      }
      tested++;
    }
    expect(tested).toBe(200);
  });
});
