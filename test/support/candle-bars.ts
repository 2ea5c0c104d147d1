// Generated candles rich enough that every candlestick pattern fires (shared by the batch
// pattern tests and the streaming ones).

export interface Bars {
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
}

/**
 * Candles on a tick grid (so equal opens, closes and lows happen), mixing dojis, small,
 * long and very long bodies, shaven and long shadows, opens at the last close, the last
 * open or away from it (gaps); every `plantEvery` bars one of a few hand-built sequences
 * of patterns too rare for chance (concealing baby swallow, mat hold, three black crows).
 */
export function candles(n: number, seed: number, plantEvery = 5000): Bars {
  let s = seed >>> 0;
  const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const ri = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const o: number[] = [], h: number[] = [], l: number[] = [], c: number[] = [];
  let pc = 1000, po = 1000;
  const push = (op: number, hi: number, lo: number, cl: number) => {
    o.push(op), h.push(hi), l.push(lo), c.push(cl);
    po = op;
    pc = cl;
  };
  // Sequences relative to the last close (x): [open, high, low, close] offsets.
  const plants = [
    // concealing baby swallow: two black marubozu, a black candle gapping down whose upper
    // shadow reaches into the second body, a black candle engulfing it
    [[40, 40, 30, 30], [30, 30, 20, 20], [18, 22, 14, 15], [23, 23.5, 12, 12]],
    // mat hold: long white, small black gapping up, two small candles sinking inside the
    // first body's upper half, a white candle closing above them
    [[0, 0.5, -0.5, 30], [34, 35, 32.5, 33], [29, 29.5, 27.5, 28], [27.5, 28, 26.5, 27], [28, 40.5, 27.8, 40]],
    // three black crows: a white candle, then three shaven-bottom black candles each opening
    // inside the one before and closing lower
    [[0, 11, -1, 10], [9, 9.5, 0, 0], [1, 1, -8, -8], [-7, -7, -16, -16]],
  ];
  let next = 0;
  while (o.length < n) {
    if (plantEvery && o.length % plantEvery === plantEvery - 1 && o.length + 6 < n) {
      const x = pc;
      for (const [a, b, cc, d] of plants[next++ % plants.length]!) push(x + a!, x + b!, x + cc!, x + d!);
      continue;
    }
    const k = r();
    const op = k < 0.3 ? pc : k < 0.4 ? po : pc + ri(-12, 12);
    const t = r();
    const body = t < 0.2 ? 0 : t < 0.35 ? ri(-2, 2) : t < 0.8 ? ri(-8, 8) : ri(-25, 25);
    const cl = r() < 0.1 ? pc : op + body;
    const top = Math.max(op, cl), bot = Math.min(op, cl);
    const us = r() < 0.3 ? 0 : r() < 0.7 ? ri(0, 4) : ri(0, 30);
    const ls = r() < 0.3 ? 0 : r() < 0.7 ? ri(0, 4) : ri(0, 30);
    push(op, top + us, bot - ls, cl);
    if (pc < 200) pc += 500;
  }
  return { o: Float64Array.from(o), h: Float64Array.from(h), l: Float64Array.from(l), c: Float64Array.from(c) };
}

/**
 * Candle settings other than TA-Lib 0.8's defaults, moving most patterns' lookbacks and
 * thresholds (every range type, periods 0 and 1, factors up and down).
 */
export const CUSTOM_SETTINGS = {
  bodyLong: { avgPeriod: 7, factor: 1.2 },
  bodyDoji: { rangeType: 'realBody', factor: 0.05 },
  shadowLong: { rangeType: 'highLow', avgPeriod: 3 },
  shadowShort: { avgPeriod: 0 },
  shadowVeryShort: { rangeType: 'shadows', avgPeriod: 4 },
  near: { avgPeriod: 12, factor: 0.3 },
  equal: { avgPeriod: 1 },
} as const;
