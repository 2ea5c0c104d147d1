import type { VwapOptions } from '../indicators/vwap.js';
import { field } from '../core/guard.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery } from './rolling.js';

/**
 * Streaming {@link vwap}: `update(high, low, close, volume, session?)`, bit-identical to
 * the batch function (cumulative for `period: 0`, else rolling over `period` bars).
 *
 * `session` (optional, last argument of `update` and `replace`) is the bar's session id,
 * the batch function's `session` series one bar at a time: a new session, and so a fresh
 * VWAP, starts wherever it differs from the previous bar's id. Pass it on every bar or on
 * none (a bar without an id after one with an id starts a new session); ids are exempt
 * from the gap rule, and a NaN id starts a new session on its bar and the next.
 */
export class Vwap extends Stream<number> {
  readonly period: number;
  private readonly every: number;
  private n = 0;
  private ps = NaN; // previous bar's session id (NaN: none)
  private pv = 0; // sums of tp·volume, volume and bars with volume (cumulative or window)
  private vs = 0;
  private cnt = 0;
  private pos = 0; // rolling: ring slot of the oldest bar (next write)
  private since = 0;
  private start0 = 0; // rolling: run index of the session start; older bars are masked out
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;
  private ic = NaN;
  private iv = NaN;
  private is = NaN; // session id
  private iss = 0; // 1 if a session id was given

  constructor(options?: number | Omit<VwapOptions, 'session'>) {
    if (options !== null && typeof options === 'object' && field(options, 'session', 'hean.Vwap: options') !== undefined) {
      throw new TypeError('hean.Vwap: pass the session id of each bar to update(), not a session series to the constructor');
    }
    const o = streamOptions('vwap', options);
    const p = o.period!;
    super('vwap', o, ['n', 'ps', 'pv', 'vs', 'cnt', 'pos', 'since', 'start0', 'out'], 3 * p);
    this.period = p;
    this.every = resumEvery(p, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pv = this.vs = this.cnt = this.pos = this.since = this.start0 = 0;
    this.ps = this.out = NaN;
  }
  /** Adds a new bar (with its session id, if sessions are used); returns the VWAP (NaN during warm-up). */
  update(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    this.save();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.iv = volume;
    this.iss = session === undefined ? 0 : 1;
    this.is = session === undefined ? NaN : session;
    this.step();
    return this.out;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    this.undo();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.iv = volume;
    this.iss = session === undefined ? 0 : 1;
    this.is = session === undefined ? NaN : session;
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
    const h = this.ih;
    const l = this.il;
    const c = this.ic;
    const vol = this.iv;
    const session = this.is;
    const ps = this.ps;
    this.ps = session;
    if (isGap(h) || isGap(l) || isGap(c) || isGap(vol)) {
      this.n = this.pv = this.vs = this.cnt = this.pos = this.start0 = 0;
      this.out = NaN;
      return;
    }
    const i = this.n++;
    const changed = this.iss === 1 && i > 0 && session !== ps;
    const tp = (h + l + c) / 3.0;
    const p = this.period;
    if (p === 0) {
      if (changed) this.pv = this.vs = this.cnt = 0;
      this.pv = this.pv + tp * vol;
      this.vs = this.vs + vol;
      this.cnt = this.cnt + (vol !== 0 ? 1.0 : 0.0);
      this.out = this.cnt > 0 ? this.pv / this.vs : tp;
      return;
    }
    // Rolling: a new session empties the window; bars before its start are masked out.
    if (changed) {
      this.start0 = i;
      if (i >= p) this.pv = this.vs = this.cnt = 0;
    }
    const w = this.w;
    const s = this.pos;
    const gone = i - p < this.start0; // the bar leaving the window is masked out
    const opv = gone ? 0.0 : w[s]!;
    const ov = gone ? 0.0 : w[p + s]!;
    const oc = gone ? 0.0 : w[2 * p + s]!;
    const pv = tp * vol;
    const c1 = vol !== 0 ? 1.0 : 0.0;
    this.put(s, pv);
    this.put(p + s, vol);
    this.put(2 * p + s, c1);
    this.pos = s + 1 === p ? 0 : s + 1;
    if (i < p - 1) {
      this.out = NaN;
      return;
    }
    if (i === p - 1 || ++this.since >= this.every) {
      this.since = 0;
      this.resum(i);
    } else {
      this.pv = this.pv + (pv - opv);
      this.vs = this.vs + (vol - ov);
      this.cnt = this.cnt + (c1 - oc);
    }
    this.out = this.cnt > 0 ? this.pv / this.vs : tp;
  }
  /** Exact sums of the window ending at run index i, oldest first, masked before the session start. */
  private resum(i: number): void {
    const p = this.period;
    const w = this.w;
    let a = 0.0;
    let b = 0.0;
    let c = 0.0;
    for (let k = 0, j = this.pos, at = i - p + 1; k < p; k++, j = j + 1 === p ? 0 : j + 1, at++) {
      const m = at < this.start0;
      a = a + (m ? 0.0 : w[j]!);
      b = b + (m ? 0.0 : w[p + j]!);
      c = c + (m ? 0.0 : w[2 * p + j]!);
    }
    this.pv = a;
    this.vs = b;
    this.cnt = c;
  }
}
