import type { SarOptions } from '../indicators/sar.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/** Streaming {@link sar}: `update(high, low)`, bit-identical to the batch function (TA-Lib's start rules included). */
export class Sar extends Stream<number> {
  // Initialised as doubles so V8 keeps them unboxed (a field first set to undefined holds
  // a boxed number, and mixing it with computed doubles makes V8 allocate).
  readonly acceleration: number = NaN;
  readonly maximum: number = NaN;
  private readonly acc: number = NaN; // start value and step of af: acceleration, capped at maximum
  private n = 0;
  private ph = 0; // previous bar (bar 0 until bar 1 is in)
  private pl = 0;
  private long = 0; // 1 long, 0 short
  private ep = 0;
  private sar = 0;
  private af = 0;
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;

  constructor(options?: number | SarOptions) {
    const o = streamOptions('sar', options);
    super('sar', o, ['n', 'ph', 'pl', 'long', 'ep', 'sar', 'af', 'out']);
    this.acceleration = o.acceleration!;
    this.maximum = o.maximum!;
    this.acc = this.acceleration > this.maximum ? this.maximum : this.acceleration;
    this.start();
  }
  protected clear(): void {
    this.n = this.ph = this.pl = this.long = this.ep = this.sar = this.af = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the SAR in force for it (NaN on the first bar). */
  update(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'update', ['high', 'low'], [high, low]);
    this.save();
    this.ih = high;
    this.il = low;
    this.step();
    return this.out;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low'], [high, low]);
    this.undo();
    this.ih = high;
    this.il = low;
    this.step();
    return this.out;
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(): void {
    const nh = this.ih;
    const nl = this.il;
    if (isGap(nh) || isGap(nl)) {
      this.n = 0;
      this.out = NaN;
      return;
    }
    const i = this.n++;
    if (i === 0) {
      this.ph = nh;
      this.pl = nl;
      this.out = NaN;
      return;
    }
    const acc = this.acc;
    const mx = this.maximum;
    if (i === 1) {
      // Bar 1's -DM > 0 (TA-Lib MINUS_DM with period 1) starts a short trend.
      const up = nh - this.ph;
      const down = this.pl - nl;
      const isLong = down > 0 ? (up < down ? 0 : 1) : 1;
      this.long = isLong;
      this.ep = isLong ? nh : nl;
      this.sar = isLong ? this.pl : this.ph;
      this.af = acc;
      // On bar 1 TA-Lib's "previous" bar is bar 1.
      this.ph = nh;
      this.pl = nl;
    }
    const ph = this.ph;
    const pl = this.pl;
    this.ph = nh;
    this.pl = nl;
    const sar = this.sar;
    const ep = this.ep;
    if (this.long) {
      if (nl > sar) {
        // Continuing: a new high moves ep and raises af; the SAR stays below both lows.
        const grew = nh > ep;
        const a = this.af + acc;
        const af = grew ? (a > mx ? mx : a) : this.af;
        const ep2 = grew ? nh : ep;
        let s = sar + af * (ep2 - sar);
        s = s > pl ? pl : s;
        s = s > nl ? nl : s;
        this.sar = s;
        this.ep = ep2;
        this.af = af;
        this.out = sar;
        return;
      }
      // Reversing: the new short SAR starts at ep, kept above both bars' highs, and is
      // output; then it advances once with af = acceleration.
      let r = ep;
      r = r < ph ? ph : r;
      r = r < nh ? nh : r;
      let s = r + acc * (nl - r);
      s = s < ph ? ph : s;
      s = s < nh ? nh : s;
      this.sar = s;
      this.ep = nl;
      this.af = acc;
      this.long = 0;
      this.out = r;
      return;
    }
    if (nh < sar) {
      const grew = nl < ep;
      const a = this.af + acc;
      const af = grew ? (a > mx ? mx : a) : this.af;
      const ep2 = grew ? nl : ep;
      let s = sar + af * (ep2 - sar);
      s = s < ph ? ph : s;
      s = s < nh ? nh : s;
      this.sar = s;
      this.ep = ep2;
      this.af = af;
      this.out = sar;
      return;
    }
    let r = ep;
    r = r > pl ? pl : r;
    r = r > nl ? nl : r;
    let s = r + acc * (nh - r);
    s = s > pl ? pl : s;
    s = s > nl ? nl : s;
    this.sar = s;
    this.ep = nh;
    this.af = acc;
    this.long = 1;
    this.out = r;
  }
}
