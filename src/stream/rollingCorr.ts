import { isGap, Stream, streamOptions } from './base.js';
import { resumEvery } from './rolling.js';

// RollingCorr streams from its C++ step (src/stream/wasm.ts); this file now only holds the
// co-moments mirror RollingBeta still uses, and goes when RollingBeta is converted too.

/**
 * Co-moments of a window of (x, y) pairs, streamed exactly like the kernels'
 * WindowCoMoments (sums shifted by the means at the last exact recomputation, which is
 * every bar for windows of up to 8, else every max(8·period, 128) bars), and the number
 * of value changes within each window (exact counts).
 */
export abstract class CoMomentsStream<V> extends Stream<V> {
  readonly period: number;
  protected readonly invP: number = NaN; // a double field from the start (see Sar)
  private readonly every: number;
  protected n = 0;
  private pos = 0; // ring slot of the oldest pair (next write)
  private since = 0;
  private kx = 0;
  private ky = 0;
  protected sx = 0;
  protected sy = 0;
  protected sxx = 0;
  protected syy = 0;
  protected sxy = 0;
  protected na = 0; // changes between neighbours within the x and y windows
  protected nb = 0;
  private px = 0; // previous pair
  private py = 0;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  protected ix = NaN;
  protected iy = NaN;

  protected constructor(kind: string, options: unknown, fields: readonly string[]) {
    const o = streamOptions(kind, options);
    const p = o.period!;
    super(kind, o, ['n', 'pos', 'since', 'kx', 'ky', 'sx', 'sy', 'sxx', 'syy', 'sxy', 'na', 'nb', 'px', 'py', ...fields], 2 * p);
    this.period = p;
    this.invP = 1.0 / p;
    this.every = p <= 8 ? 1 : resumEvery(p, 128);
  }
  protected clearMoments(): void {
    this.n = this.pos = this.since = this.kx = this.ky = this.sx = this.sy = this.sxx = this.syy = this.sxy = 0;
    this.na = this.nb = this.px = this.py = 0;
  }
  /** Slides the window by the pair in (ix, iy); false while it is still filling (or on a gap). */
  protected slide(): boolean {
    const x = this.ix;
    const y = this.iy;
    if (isGap(x) || isGap(y)) {
      this.n = this.pos = this.na = this.nb = 0;
      return false;
    }
    const p = this.period;
    const w = this.w;
    const i = this.n++;
    const s = this.pos;
    const ox = w[s]!;
    const oy = w[p + s]!;
    if (i >= 1) {
      this.na += x !== this.px ? 1 : 0;
      this.nb += y !== this.py ? 1 : 0;
    }
    if (i >= p) {
      // The change leaving the window: between its two oldest values.
      const t = s + 1 === p ? 0 : s + 1;
      this.na -= w[t] !== ox ? 1 : 0;
      this.nb -= w[p + t] !== oy ? 1 : 0;
    }
    this.px = x;
    this.py = y;
    this.put(s, x);
    this.put(p + s, y);
    this.pos = s + 1 === p ? 0 : s + 1;
    if (i < p - 1) return false;
    if (i === p - 1 || ++this.since === this.every) {
      this.since = 0;
      this.resum();
      return true;
    }
    const xn = x - this.kx;
    const xo = ox - this.kx;
    const yn = y - this.ky;
    const yo = oy - this.ky;
    this.sx = this.sx + (xn - xo);
    this.sy = this.sy + (yn - yo);
    this.sxx = this.sxx + (xn * xn - xo * xo);
    this.syy = this.syy + (yn * yn - yo * yo);
    this.sxy = this.sxy + (xn * yn - xo * yo);
    return true;
  }
  private resum(): void {
    const p = this.period;
    const w = this.w;
    const o = this.pos; // oldest
    let a = 0.0;
    let b = 0.0;
    for (let k = 0, j = o; k < p; k++, j = j + 1 === p ? 0 : j + 1) {
      a = a + w[j]!;
      b = b + w[p + j]!;
    }
    const kx = a * this.invP;
    const ky = b * this.invP;
    let x1 = 0.0;
    let y1 = 0.0;
    let xx = 0.0;
    let yy = 0.0;
    let xy = 0.0;
    for (let k = 0, j = o; k < p; k++, j = j + 1 === p ? 0 : j + 1) {
      const dx = w[j]! - kx;
      const dy = w[p + j]! - ky;
      x1 = x1 + dx;
      y1 = y1 + dy;
      xx = xx + dx * dx;
      yy = yy + dy * dy;
      xy = xy + dx * dy;
    }
    this.kx = kx;
    this.ky = ky;
    this.sx = x1;
    this.sy = y1;
    this.sxx = xx;
    this.syy = yy;
    this.sxy = xy;
  }
}
