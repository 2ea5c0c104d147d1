import type { IchimokuOptions } from '../indicators/ichimoku.js';
import { badInput, isGap, streamOptions } from './base.js';
import { dequeMask, ExtremeStream } from './donchian.js';

/**
 * The latest Ichimoku lines (NaN during warm-up). There is no `chikou`: the batch
 * function's lagging span is the close `displacement` bars **ahead**, which a stream
 * can't know; it is simply the close, `displacement` bars later.
 */
export interface IchimokuValue {
  tenkan: number;
  kijun: number;
  /** `(tenkan + kijun) / 2` as of `displacement` bars ago: the cloud at this bar. */
  senkouA: number;
  /** The senkou window's midpoint as of `displacement` bars ago. */
  senkouB: number;
}

/**
 * Streaming {@link ichimoku}: `update(high, low, close)` returns { tenkan, kijun, senkouA,
 * senkouB }, bit-identical to the batch function's lines of the same names. The batch
 * function's `chikou` (the close `displacement` bars ahead) looks into the future and is
 * not streamed. The close only takes part in the gap rule (a non-finite close is a gap,
 * as in the batch function).
 */
export class Ichimoku extends ExtremeStream<IchimokuValue> {
  readonly tenkan: number;
  readonly kijun: number;
  readonly senkou: number;
  readonly displacement: number;
  private readonly tm: number; // deque slot masks
  private readonly km: number;
  private readonly sm: number;
  private readonly kb: number; // window offsets: kijun deques, senkou deques, delay rings of A and B
  private readonly sb: number;
  private readonly ab: number;
  private n = 0;
  private thh = 0; // deques (max of high, min of low) per window: head slot, size
  private ths = 0;
  private tlh = 0;
  private tls = 0;
  private khh = 0;
  private khs = 0;
  private klh = 0;
  private kls = 0;
  private shh = 0;
  private shs = 0;
  private slh = 0;
  private sls = 0;
  private dpos = 0; // delay rings: slot of the value from `displacement` bars ago
  private t = NaN;
  private k = NaN;
  private a = NaN;
  private b = NaN;

  constructor(options?: number | IchimokuOptions) {
    const o = streamOptions('ichimoku', options);
    const pt = o.tenkan!;
    const pk = o.kijun!;
    const ps = o.senkou!;
    const d = o.displacement!;
    const fields = ['n', 'thh', 'ths', 'tlh', 'tls', 'khh', 'khs', 'klh', 'kls', 'shh', 'shs', 'slh', 'sls', 'dpos', 't', 'k', 'a', 'b'];
    const tm = dequeMask(pt);
    const km = dequeMask(pk);
    const sm = dequeMask(ps);
    super('ichimoku', o, fields, 4 * (tm + 1 + km + 1 + sm + 1) + 2 * d);
    this.tenkan = pt;
    this.kijun = pk;
    this.senkou = ps;
    this.displacement = d;
    this.tm = tm;
    this.km = km;
    this.sm = sm;
    this.kb = 4 * (tm + 1);
    this.sb = this.kb + 4 * (km + 1);
    this.ab = this.sb + 4 * (sm + 1);
    this.start();
  }
  protected clear(): void {
    this.n = this.thh = this.ths = this.tlh = this.tls = this.khh = this.khs = this.klh = this.kls = 0;
    this.shh = this.shs = this.slh = this.sls = this.dpos = 0;
    this.t = this.k = this.a = this.b = NaN;
  }
  /** Adds a new bar; returns { tenkan, kijun, senkouA, senkouB }. */
  update(high: number, low: number, close: number): IchimokuValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): IchimokuValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  get value(): IchimokuValue {
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  /** True once tenkan has a value. */
  get ready(): boolean {
    return !Number.isNaN(this.t);
  }

  /** The close takes part only in the gap rule, as in the batch function. */
  private step(h: number, l: number, c: number): void {
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.ths = this.tls = this.khs = this.kls = this.shs = this.sls = this.dpos = 0;
      this.t = this.k = this.a = this.b = NaN;
      return;
    }
    const { tenkan: pt, kijun: pk, senkou: ps, displacement: d, tm, km, sm, kb, sb, ab } = this;
    const w = this.w;
    const i = this.n++;
    this.qx = h;
    this.qy = l;
    // The three windows' deques take turns in the base class's deque registers.
    this.hh = this.thh;
    this.hs = this.ths;
    this.lh = this.tlh;
    this.ls = this.tls;
    this.pushPair(0, tm, pt, i);
    this.thh = this.hh;
    this.ths = this.hs;
    this.tlh = this.lh;
    this.tls = this.ls;
    this.hh = this.khh;
    this.hs = this.khs;
    this.lh = this.klh;
    this.ls = this.kls;
    this.pushPair(kb, km, pk, i);
    this.khh = this.hh;
    this.khs = this.hs;
    this.klh = this.lh;
    this.kls = this.ls;
    this.hh = this.shh;
    this.hs = this.shs;
    this.lh = this.slh;
    this.ls = this.sls;
    this.pushPair(sb, sm, ps, i);
    this.shh = this.hh;
    this.shs = this.hs;
    this.slh = this.lh;
    this.sls = this.ls;
    const t = i + 1 >= pt ? (w[this.thh]! + w[2 * (tm + 1) + this.tlh]!) * 0.5 : NaN;
    const k = i + 1 >= pk ? (w[kb + this.khh]! + w[kb + 2 * (km + 1) + this.klh]!) * 0.5 : NaN;
    const a = i + 1 >= pt && i + 1 >= pk ? (t + k) * 0.5 : NaN;
    const b = i + 1 >= ps ? (w[sb + this.shh]! + w[sb + 2 * (sm + 1) + this.slh]!) * 0.5 : NaN;
    this.t = t;
    this.k = k;
    if (d === 0) {
      this.a = a;
      this.b = b;
      return;
    }
    // The spans computed `displacement` bars ago belong to this bar.
    const s = this.dpos;
    this.a = i >= d ? w[ab + s]! : NaN;
    this.b = i >= d ? w[ab + d + s]! : NaN;
    this.put(ab + s, a);
    this.put(ab + d + s, b);
    this.dpos = s + 1 === d ? 0 : s + 1;
  }
}
