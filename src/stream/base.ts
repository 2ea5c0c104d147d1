// Shared machinery of the streaming classes. A class keeps its state in numbered slots of
// a Float64Array (and window values in a ring), so save/undo for `replace`, `reset`,
// `snapshot` and `restore` are generic and allocation-free. Every class mirrors its C++
// kernel's arithmetic operation for operation, so streamed values equal batch values bit
// for bit, gaps included: a non-finite input is a gap, outputs NaN and restarts the run.

/** A serialisable copy of a streaming indicator's state (JSON-safe: NaN is stored as null). */
export interface StreamSnapshot {
  readonly kind: string;
  readonly version: 1;
  readonly options: Readonly<Record<string, number>>;
  readonly state: readonly (number | null)[];
  readonly window: readonly (number | null)[];
}

import { cpp, indicatorTable, parseOptions } from '../core/indicator.js';

const MAX_UNDO = 8;

/** True for NaN and ±Infinity: the gap rule of the batch kernels. */
export function isGap(x: number): boolean {
  return !(x - x === 0);
}

interface Ops {
  save(o: object): void;
  undo(o: object): void;
}
const opsByKind = new Map<string, Ops>();

// save/undo copy the state fields to and from shadow fields. They are generated once per
// class from its field list: plain own properties keep update() at a few ns, where a
// typed-array state or a generic loop costs 3-5x more.
function opsFor(kind: string, fields: readonly string[]): Ops {
  let ops = opsByKind.get(kind);
  if (!ops) {
    for (const f of fields) if (!/^[a-zA-Z]\w*$/.test(f)) throw new Error(`bad state field ${f}`);
    ops = {
      save: new Function('o', `${fields.map((f) => `o._${f} = o.${f};`).join(' ')} o.undoN = 0; o.updated = true;`) as Ops['save'],
      undo: new Function('o', fields.map((f) => `o.${f} = o._${f};`).join(' ')) as Ops['undo'],
    };
    opsByKind.set(kind, ops);
  }
  return ops;
}

export abstract class Stream<V> {
  /** Window values (rings), if the indicator has any; written through put(). */
  protected readonly w: Float64Array;
  private readonly undoAt = new Int32Array(MAX_UNDO);
  private readonly undoOld = new Float64Array(MAX_UNDO);
  private undoN = 0;
  private updated = false;
  private readonly ops: Ops;

  protected constructor(
    private readonly kind: string,
    protected readonly opts: Readonly<Record<string, number>>,
    private readonly fields: readonly string[],
    windowSize = 0,
  ) {
    this.w = new Float64Array(windowSize);
    this.ops = opsFor(kind, fields);
  }

  /** Sets the initial state (every field in `fields`). */
  protected abstract clear(): void;

  /** Subclass constructors end with this. */
  protected start(): void {
    this.clear();
    this.ops.save(this);
    this.updated = false;
  }

  /** Call first in update(): remembers the state so replace() can revise this bar. */
  protected save(): void {
    this.ops.save(this);
  }

  /** Call first in replace(): returns to the state before the last update. */
  protected undo(): void {
    if (!this.updated) return this.ops.save(this);
    this.ops.undo(this);
    for (let k = this.undoN - 1; k >= 0; k--) this.w[this.undoAt[k]!] = this.undoOld[k]!;
    this.undoN = 0;
  }

  /** Writes a window slot, remembering the old value for undo(). */
  protected put(i: number, x: number): void {
    const n = this.undoN++;
    this.undoAt[n] = i;
    this.undoOld[n] = this.w[i]!;
    this.w[i] = x;
  }

  /** The latest output (NaN, or an object of NaNs, during warm-up and on gaps). */
  abstract get value(): V;
  /** True once the latest output is a value (not warm-up, not a gap). */
  abstract get ready(): boolean;

  /** Forgets everything, as if newly constructed. */
  reset(): void {
    this.w.fill(0);
    this.start();
    this.undoN = 0;
  }

  /** A JSON-safe copy of the state; `restore` on an instance with the same options resumes it. */
  snapshot(): StreamSnapshot {
    const enc = (v: number) => (Number.isNaN(v) ? null : v);
    const self = this as unknown as Record<string, number>;
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.opts },
      state: this.fields.map((f) => enc(self[f]!)),
      window: Array.from(this.w, enc),
    };
  }

  /** Restores a snapshot from `snapshot()`; throws (leaving this instance unchanged) if it doesn't fit. */
  restore(snap: StreamSnapshot): void {
    const where = `hean.${this.kind}.restore`;
    if (snap === null || typeof snap !== 'object') throw new TypeError(`${where}: expected a snapshot object`);
    if (snap.kind !== this.kind) throw new TypeError(`${where}: snapshot is of ${String(snap.kind)}, not ${this.kind}`);
    if (snap.version !== 1) throw new RangeError(`${where}: unsupported snapshot version ${String(snap.version)}`);
    for (const [k, v] of Object.entries(this.opts)) {
      if (snap.options?.[k] !== v) throw new RangeError(`${where}: snapshot has ${k}=${String(snap.options?.[k])}, this instance ${k}=${v}`);
    }
    const dec = (a: unknown, n: number, what: string): number[] => {
      if (!Array.isArray(a) || a.length !== n) throw new RangeError(`${where}: ${what} must be an array of ${n} numbers`);
      return a.map((v: unknown) => {
        if (v === null) return NaN;
        if (typeof v !== 'number') throw new TypeError(`${where}: ${what} holds a non-number`);
        return v;
      });
    };
    const state = dec(snap.state, this.fields.length, 'state');
    const w = dec(snap.window, this.w.length, 'window');
    const self = this as unknown as Record<string, number>;
    this.fields.forEach((f, i) => (self[f] = state[i]!));
    this.w.set(w);
    this.ops.save(this);
    this.updated = false;
  }
}

/** Parses and validates streaming options exactly as the batch function does (same table, same errors). */
export function streamOptions(name: string, arg: unknown): Record<string, number> {
  const meta = indicatorTable().get(name);
  if (!meta) throw new Error(`hean: indicator '${name}' is missing from the native engine (stale build?)`);
  const opts = parseOptions(meta, arg, `hean.${name}`).opts;
  cpp().lookback(meta.id, opts, 0); // validates ranges, throwing the batch function's RangeError
  const named: Record<string, number> = {};
  meta.options.forEach((o, k) => (named[o.name] = opts[k]!));
  return named;
}
