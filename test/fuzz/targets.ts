// What the boundary fuzzer calls: built from the package's exports, so a new indicator,
// streaming class, method or function is fuzzed without touching this file. Known APIs get
// tailored arguments (mostly valid, with hostile values mixed in) and result shapes; every
// export, known or not, is also called with arbitrary arguments.
import fc from 'fast-check';
import type * as Hean from '../../src/index.js';
import { attempt, attemptAsync, checkError, expectShape, f64len, fail, isRealF64, sameF64, sameValue, type Shape } from './check.js';
import { anyArb, f64Arb, Hostile, lengthArb, lit, make, markers, mostly, num, numberArb, objArb, plainObjects, seriesArb, v, type Ctx, type D } from './values.js';

type H = typeof Hean;
type Meta = ReturnType<H['indicators']>[number];
type AnyFn = (...a: unknown[]) => unknown;

export type Group = 'indicators' | 'async' | 'stream' | 'trading' | 'market' | 'generic';

export interface Target {
  name: string;
  group: Group;
  /** Share of the group's runs. */
  weight: number;
  arb: fc.Arbitrary<unknown>;
  run(c: unknown): void | Promise<void>;
  async?: boolean;
}

// ---------------------------------------------------------------------------------------
// Helpers.

/** Builds the arguments of a call from descriptors (later ones may reference earlier ones). */
function build(ds: D[], created: Float64Array[]): unknown[] {
  const ctx: Ctx = { args: [], created };
  for (const d of ds) ctx.args.push(make(d, ctx));
  return ctx.args;
}

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.buffer !== b.buffer || a.byteLength === 0 || b.byteLength === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

function copies(xs: Float64Array[]): Float64Array[] {
  return xs.map((x) => (f64len(x) === 0 ? new Float64Array(0) : x.slice()));
}

function lenOf(x: unknown): number | undefined {
  try {
    if (ArrayBuffer.isView(x) || Array.isArray(x)) return (x as { length: number }).length;
  } catch {
    /* a revoked proxy */
  }
  return undefined;
}

function plain(x: unknown): unknown {
  return isRealF64(x) ? (f64len(x) === 0 ? new Float64Array(0) : x.slice()) : x;
}

/** Typed arrays the call must not have written (on failure: none; on success: all but the outputs). */
function checkUntouched(what: string, arrays: Float64Array[], before: Float64Array[], outputs: ArrayBufferView[]): void {
  arrays.forEach((a, i) => {
    if (outputs.some((o) => overlaps(a, o))) return;
    const e = sameF64(a, before[i]!);
    // A detached or shrunk array reads shorter; only a change of its values counts.
    if (e && f64len(a) === f64len(before[i]!)) fail(`${what}: wrote into an argument that is not an output (${e})`);
  });
}

// ---------------------------------------------------------------------------------------
// Batch indicators.

function optionValueArb(o: Meta['options'][number]): fc.Arbitrary<D> {
  if (o.choices) return mostly(lit(...o.choices.split('|')), 1, 8);
  const hi = Math.min(o.max, o.integer ? 40 : 8);
  const edge = lit(o.min, o.max, o.max + 1, o.min - 1, o.default, o.min + 0.5, -0, 1e9, 1e10, NaN, Infinity, -Infinity, 2.5, true, false);
  const good = o.integer ? fc.integer({ min: Math.ceil(o.min), max: Math.max(Math.ceil(o.min), hi) }).map(v) : fc.double({ min: o.min, max: Math.max(o.min, hi), noNaN: true }).map(v);
  return fc.oneof({ weight: 10, arbitrary: good }, { weight: 2, arbitrary: edge }, { weight: 1, arbitrary: anyArb });
}

function optionsArb(meta: Meta, len: number): fc.Arbitrary<D> {
  const fields: Record<string, fc.Arbitrary<D>> = {};
  for (const o of meta.options) fields[o.name] = optionValueArb(o);
  for (const name of meta.inputs.slice(meta.required)) fields[name] = mostly(seriesArb(len), 1, 4);
  const first = meta.options[0];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(v(undefined)) },
    { weight: first ? 4 : 0, arbitrary: first ? optionValueArb(first) : fc.constant(v(undefined)) },
    { weight: 6, arbitrary: objArb(fields) },
    { weight: 1, arbitrary: anyArb },
  );
}

/** `out` for an indicator: none, fresh, aliasing an input (exactly or shifted), wrong length, junk. */
function outArb(meta: Meta, len: number, nIn: number): fc.Arbitrary<D> {
  const one = fc.oneof(
    { weight: 4, arbitrary: f64Arb(len) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('ref' as const), k: fc.integer({ min: 0, max: Math.max(0, nIn - 1) }), sub: fc.constant(0) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('ref' as const), k: fc.integer({ min: 0, max: Math.max(0, nIn - 1) }), sub: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: f64Arb() },
    { weight: 1, arbitrary: anyArb },
  );
  if (meta.outputs.length === 1) return fc.oneof({ weight: 4, arbitrary: fc.constant(v(undefined)) }, { weight: 5, arbitrary: one });
  const fields: Record<string, fc.Arbitrary<D>> = {};
  for (const o of meta.outputs) fields[o] = one;
  return fc.oneof({ weight: 4, arbitrary: fc.constant(v(undefined)) }, { weight: 5, arbitrary: objArb(fields, { extra: false }) }, { weight: 1, arbitrary: anyArb });
}

type Interference = 'none' | 'detachIn' | 'detachOut' | 'shrink' | 'write' | 'transferAll';

interface IndCase {
  args: D[];
  argc: number;
  interfere: Interference;
}

const MODES = ['call', 'many', 'sweep'] as const;

function indicatorArb(meta: Meta, mode: (typeof MODES)[number], isAsync: boolean): fc.Arbitrary<IndCase> {
  const nIn = meta.required;
  const shape = mode === 'many' ? fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 24 })).map(([s, t]) => ({ series: s, len: s * t })) : lengthArb.map((len) => ({ series: 1, len }));
  return shape.chain(({ series, len }) => {
    const input = fc.oneof({ weight: 14, arbitrary: seriesArb(len) }, { weight: 1, arbitrary: seriesArb() }, { weight: 1, arbitrary: anyArb });
    const ins = fc.tuple(...Array.from({ length: nIn }, () => input));
    let rest: fc.Arbitrary<D[]>;
    if (mode === 'sweep') {
      const fields: Record<string, fc.Arbitrary<D>> = {};
      for (const o of meta.options) fields[o.name] = fc.oneof({ weight: 3, arbitrary: optionValueArb(o) }, { weight: 3, arbitrary: fc.array(optionValueArb(o), { maxLength: 3 }).map((e) => ({ t: 'arr' as const, e })) });
      for (const name of meta.inputs.slice(nIn)) fields[name] = mostly(seriesArb(len), 1, 4);
      rest = mostly(objArb(fields), 1, 12).map((g) => [g]);
    } else {
      const seriesD = mode === 'many' ? [mostly(fc.constant(v(series)), 1, 10)] : [];
      rest = fc.tuple(...seriesD, optionsArb(meta, len), outArb(meta, len, nIn));
    }
    return fc.record({
      args: fc.tuple(ins, rest).map(([a, b]) => [...a, ...b]),
      argc: fc.oneof({ weight: 12, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: nIn + 4 }) }),
      interfere: isAsync ? fc.oneof({ weight: 6, arbitrary: fc.constant('none' as Interference) }, { weight: 4, arbitrary: fc.constantFrom<Interference>('detachIn', 'detachOut', 'shrink', 'write', 'transferAll') }) : fc.constant('none' as Interference),
    });
  });
}

function expectIndicatorResult(meta: Meta, res: unknown, len: number, what: string): ArrayBufferView[] {
  if (meta.outputs.length === 1) {
    expectShape(res, 'f64', what);
    if (f64len(res as Float64Array) !== len) fail(`${what}: result has length ${f64len(res as Float64Array)}, expected ${len}`);
    return [res as Float64Array];
  }
  const obj: Record<string, Shape> = {};
  for (const o of meta.outputs) obj[o] = 'f64';
  expectShape(res, { obj, exact: true }, what);
  const outs = meta.outputs.map((o) => (res as Record<string, Float64Array>)[o]!);
  for (const x of outs) if (f64len(x) !== len) fail(`${what}: an output has length ${f64len(x)}, expected ${len}`);
  return outs;
}

/** Meddles with the arrays of a call while its job runs (inputs: the arrays passed as inputs; others: every other array built). */
function interfere(kind: Interference, created: Float64Array[], inputs: unknown[]): void {
  const ins = created.filter((a) => inputs.includes(a));
  const outs = created.filter((a) => !inputs.includes(a));
  const detach = (a: Float64Array) => {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0) structuredClone(b, { transfer: [b] });
  };
  switch (kind) {
    case 'none': return;
    case 'detachIn': ins.forEach(detach); return;
    case 'detachOut': outs.forEach(detach); return;
    case 'transferAll': created.forEach(detach); return;
    case 'write': for (const a of created) if (a.byteLength > 0) a.fill(-12345); return;
    case 'shrink':
      for (const a of created) {
        const b = a.buffer as ArrayBuffer & { resizable?: boolean; resize?(n: number): void };
        if (b.resizable) b.resize!(0);
      }
  }
}

function indicatorTargets(h: H): Target[] {
  const out: Target[] = [];
  for (const meta of h.indicators()) {
    const f = (h as unknown as Record<string, AnyFn & Record<string, AnyFn>>)[meta.name];
    if (typeof f !== 'function') continue;
    for (const mode of MODES) {
      for (const isAsync of [false, true]) {
        const method = mode === 'call' ? (isAsync ? 'async' : undefined) : isAsync ? `${mode}Async` : mode;
        const call = (method ? f[method] : f) as AnyFn;
        const name = `${meta.name}${method ? `.${method}` : ''}`;
        const refOf = (mode === 'call' ? f : f[mode]) as AnyFn;
        const prep = (c: IndCase) => {
          const created: Float64Array[] = [];
          let args = build(c.args, created);
          if (c.argc >= 0) args = args.slice(0, c.argc);
          return { c, created, args, before: copies(created) };
        };
        const finish = (p: ReturnType<typeof prep>, r: { ok: true; value: unknown } | { ok: false; error: unknown }) => {
          const { c, created, args, before } = p;
          const nIn = meta.required;
          const len = lenOf(args[0]);
          // The reference: the same call on plain copies of the inputs (as they were), synchronously.
          const plainIns = args.slice(0, nIn).map((x) => {
            const i = created.indexOf(x as Float64Array);
            return i >= 0 ? before[i]!.slice() : x;
          });
          // Options (and optional inputs in them) as they were: a plain object gets its arrays' copies.
          const rawOpts = mode === 'sweep' ? args[nIn] : args[mode === 'many' ? nIn + 1 : nIn];
          let optsArg = rawOpts;
          // Whether the reference call can see the options as the job saw them (arrays inside a
          // proxy or getter object may have been detached by the interference).
          let refOk = c.interfere === 'none';
          {
            const at = mode === 'sweep' ? nIn : mode === 'many' ? nIn + 1 : nIn;
            const d = c.argc < 0 || c.argc > at ? c.args[at] : undefined;
            if (!d || d.t === 'v' || d.t === 'obj') refOk = true;
            if (d && d.t === 'obj') {
              const o: Record<string, unknown> = {};
              for (const [k, x] of Object.entries(rawOpts as object)) {
                const i = created.indexOf(x as Float64Array);
                Object.defineProperty(o, k, { value: i >= 0 ? before[i]!.slice() : x, enumerable: true, writable: true, configurable: true });
              }
              optsArg = o;
            }
          }
          const seriesArg = args[nIn];
          if (!r.ok) {
            if (c.interfere === 'none') checkUntouched(name, created, before, []);
            return;
          }
          if (len === undefined && c.interfere === 'none') fail(`${name}: succeeded with a non-series first input`);
          const n = isRealF64(plainIns[0]) ? f64len(plainIns[0]) : Array.isArray(plainIns[0]) ? plainIns[0].length : 0;
          let outputs: ArrayBufferView[];
          if (mode === 'sweep') {
            expectShape(r.value, { obj: { params: { arr: 'any' }, length: 'uint', values: 'any' } }, name);
            const sw = r.value as { params: Record<string, unknown>[]; length: number; values: unknown };
            if (sw.length !== n) fail(`${name}: sweep length ${sw.length}, expected ${n}`);
            outputs = expectIndicatorResult(meta, sw.values, n * sw.params.length, name);
            // Rows equal single calls with each row's parameters (first and last row).
            for (const row of refOk ? new Set([0, sw.params.length - 1]) : []) {
              const opts: Record<string, unknown> = { ...sw.params[row] };
              for (const inName of meta.inputs.slice(nIn)) {
                const g = optsArg as Record<string, unknown>;
                if (g && typeof g === 'object' && g[inName] != null) opts[inName] = plain(g[inName]);
              }
              const single = f(...plainIns, opts);
              const got = meta.outputs.length === 1 ? { x: sw.values as Float64Array } : (sw.values as Record<string, Float64Array>);
              const want = meta.outputs.length === 1 ? { x: single as Float64Array } : (single as Record<string, Float64Array>);
              for (const k of Object.keys(want)) {
                const e = sameF64(got[k]!.subarray(row * n, (row + 1) * n), want[k]!);
                if (e) fail(`${name}: sweep row ${row} differs from a single call (${k} ${e})`);
              }
            }
          } else {
            const outArg = args[args.length - 1];
            if (c.interfere === 'none') {
              outputs = expectIndicatorResult(meta, r.value, n, name);
              if (isRealF64(outArg) && c.argc < 0 && meta.outputs.length === 1 && r.value !== outArg) fail(`${name}: did not return the given out`);
            } else {
              outputs = [];
              expectShape(r.value, meta.outputs.length === 1 ? 'f64' : 'any', name);
            }
            const refArgs = mode === 'many' ? [...plainIns, seriesArg, optsArg] : [...plainIns, optsArg];
            // With interference a given out may have been detached: compare what the job computed.
            const e = refOk && (c.interfere === 'none' || !(isRealF64(outArg) || (outArg && typeof outArg === 'object'))) ? sameValue(r.value, refOf(...refArgs)) : null;
            if (e) fail(`${name}: differs from the same call on plain copies of the inputs (${e}); interference ${c.interfere}`);
          }
          if (c.interfere === 'none') checkUntouched(name, created, before, outputs);
        };
        out.push({
          name,
          group: isAsync ? 'async' : 'indicators',
          weight: mode === 'call' ? 3 : 1,
          async: isAsync,
          arb: indicatorArb(meta, mode, isAsync),
          run: isAsync
            ? async (raw) => {
                const p = prep(raw as IndCase);
                const r = await attemptAsync(name, () => {
                  const pr = call(...p.args) as Promise<unknown>;
                  interfere(p.c.interfere, p.created, p.args.slice(0, meta.required));
                  return pr;
                });
                finish(p, r);
              }
            : (raw) => {
                const p = prep(raw as IndCase);
                finish(p, attempt(name, () => call(...p.args)));
              },
        });
      }
    }
    out.push({
      name: `${meta.name}.lookback`,
      group: 'indicators',
      weight: 1,
      arb: fc.tuple(optionsArb(meta, 0), fc.oneof({ weight: 3, arbitrary: fc.constant(v(undefined)) }, { weight: 3, arbitrary: lit(...meta.outputs) }, { weight: 1, arbitrary: anyArb })),
      run: (raw) => {
        const [o, k] = raw as [D, D];
        const r = attempt(`${meta.name}.lookback`, () => f.lookback!(make(o), make(k)));
        if (r.ok) expectShape(r.value, 'uint', `${meta.name}.lookback`);
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Streaming classes: sequences of calls on an instance and on a twin that only gets the
// calls that succeeded; outputs must agree, and a call that throws changes nothing.

type Mangle = { op: 'none' | 'num' | 'str' | 'null' | 'drop' | 'kind' | 'version' | 'cut' | 'grow' | 'opt' | 'extra' | 'proxy' | 'getter' | 'type' | 'checksum'; i: number; x: D };

interface StreamCall {
  m: string;
  args: D[];
  mangle?: Mangle;
}

interface StreamCase {
  opts: D;
  warm: D[][];
  calls: StreamCall[];
}

const priceArb: fc.Arbitrary<D> = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: 50, max: 150, noNaN: true }).map(v) },
  { weight: 3, arbitrary: numberArb.map(v) },
  { weight: 1, arbitrary: anyArb },
);

const mangleArb: fc.Arbitrary<Mangle> = fc.record({
  op: fc.constantFrom<Mangle['op']>('none', 'num', 'str', 'null', 'drop', 'kind', 'version', 'cut', 'grow', 'opt', 'extra', 'proxy', 'getter', 'type', 'checksum'),
  i: fc.nat(1000),
  x: mostly(numberArb.map(v), 1, 3),
});

/** A copy of a JSON snapshot with one thing wrong. */
export function mangle(snap: unknown, m: Mangle): unknown {
  const s = JSON.parse(JSON.stringify(snap)) as Record<string, unknown>;
  const keys = Object.keys(s);
  const arrays = ['state', 'window'].filter((k) => Array.isArray(s[k]) && (s[k] as unknown[]).length > 0);
  const pickArr = () => (arrays.length ? (s[arrays[m.i % arrays.length]!] as unknown[]) : undefined);
  switch (m.op) {
    case 'none': return s;
    case 'num': {
      const a = pickArr();
      if (a) a[m.i % a.length] = make(m.x);
      return s;
    }
    case 'str': {
      const a = pickArr();
      if (a) a[m.i % a.length] = '1';
      return s;
    }
    case 'null': {
      const a = pickArr();
      if (a) a[m.i % a.length] = null;
      return s;
    }
    case 'drop': delete s[keys[m.i % keys.length]!]; return s;
    case 'kind': s.kind = 'sma' === s.kind ? 'ema' : 'sma'; return s;
    case 'version': s.version = (m.i % 3) + 2; return s;
    case 'cut': {
      const a = pickArr();
      if (a) a.length = m.i % a.length;
      return s;
    }
    case 'grow': {
      const a = pickArr();
      if (a) a.push(1);
      return s;
    }
    case 'opt': {
      const o = s.options as Record<string, unknown>;
      const ks = Object.keys(o ?? {});
      if (ks.length) o[ks[m.i % ks.length]!] = make(m.x);
      return s;
    }
    case 'extra': s.extra = make(m.x); return s;
    case 'proxy': return new Proxy(s, { get: () => { throw new Hostile('snapshot get'); } });
    case 'getter': return Object.defineProperty(s, keys[m.i % keys.length]!, { get: () => { throw new Hostile('snapshot getter'); }, enumerable: true });
    case 'type': s[keys[m.i % keys.length]!] = make(m.x); return s;
    case 'checksum': {
      const k = keys.find((x) => /check|crc|sum/i.test(x));
      if (k) s[k] = typeof s[k] === 'string' ? `${s[k]}0` : (s[k] as number) + 1;
      return s;
    }
  }
}

function streamOutputShape(meta: Meta): Shape {
  if (meta.outputs.length === 1) return 'num';
  // Some outputs may be missing from a stream (Ichimoku has no chikou: it looks ahead).
  return {
    test: (x) => {
      if (x === null || typeof x !== 'object') return 'not an object';
      const ks = Object.keys(x);
      if (ks.length === 0) return 'no outputs';
      for (const k of ks) {
        if (!meta.outputs.includes(k)) return `unexpected output ${k}`;
        if (typeof (x as Record<string, unknown>)[k] !== 'number') return `${k} is not a number`;
      }
      return null;
    },
  };
}

/** The public API of a streaming instance; other prototype members are internals (TS private/protected). */
const STREAM_PUBLIC = new Set(['update', 'replace', 'value', 'ready', 'reset', 'snapshot', 'restore']);

function protoMembers(C: Function): { methods: string[]; getters: string[] } {
  const methods = new Set<string>();
  const getters = new Set<string>();
  for (let p = C.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      if (d.get) getters.add(k);
      else if (typeof d.value === 'function') methods.add(k);
    }
  }
  return { methods: [...methods], getters: [...getters] };
}

function streamTargets(h: H): Target[] {
  const out: Target[] = [];
  const metas = new Map(h.indicators().map((m) => [m.name, m]));
  for (const [exportName, C] of Object.entries(h)) {
    if (typeof C !== 'function' || !(C.prototype instanceof h.Stream)) continue;
    const metaName = exportName[0]!.toLowerCase() + exportName.slice(1);
    const meta = metas.get(metaName);
    if (!meta) fail(`streaming class ${exportName} has no indicator '${metaName}'`);
    const { methods, getters } = protoMembers(C);
    const arity = meta.inputs.length;
    const Ctor = C as unknown as new (o?: unknown) => Record<string, AnyFn> & { snapshot(): unknown };
    const updArgs = fc.oneof(
      { weight: 12, arbitrary: fc.array(priceArb, { minLength: arity === meta.required ? arity : meta.required, maxLength: arity }) },
      { weight: 1, arbitrary: fc.array(anyArb, { maxLength: arity + 1 }) },
    );
    const callArb: fc.Arbitrary<StreamCall> = fc.oneof(
      { weight: 8, arbitrary: fc.record({ m: fc.constantFrom('update', 'replace'), args: updArgs }) },
      { weight: 2, arbitrary: fc.record({ m: fc.constant('restore'), args: fc.constant([] as D[]), mangle: mangleArb }) },
      { weight: 1, arbitrary: fc.record({ m: fc.constant('restore'), args: fc.array(anyArb, { maxLength: 2 }) }) },
      { weight: 2, arbitrary: fc.record({ m: fc.constantFrom(...methods, ...getters), args: fc.array(anyArb, { maxLength: 2 }) }) },
    );
    // Options as the constructor takes them (the optional inputs are update() arguments).
    const ctorMeta = { ...meta, inputs: meta.inputs.slice(0, meta.required) };
    out.push({
      name: exportName,
      group: 'stream',
      weight: 1,
      arb: fc.record({
        opts: optionsArb(ctorMeta, 0),
        warm: fc.array(fc.array(fc.double({ min: 50, max: 150, noNaN: true }).map(v), { minLength: meta.required, maxLength: meta.required }), { maxLength: 30 }),
        calls: fc.array(callArb, { minLength: 1, maxLength: 8 }),
      }),
      run: (raw) => {
        const c = raw as StreamCase;
        const opts = make(c.opts);
        const r = attempt(`new ${exportName}`, () => new Ctor(opts));
        if (!r.ok) return;
        const a = r.value;
        const b = new Ctor(opts);
        for (const w of c.warm) {
          const xs = w.map((d) => make(d));
          const ra = attempt(`${exportName}.update`, () => a.update!(...xs));
          const rb = b.update!(...xs);
          if (!ra.ok) fail(`${exportName}.update threw on finite prices`);
          const e = sameValue(ra.value, rb);
          if (e) fail(`${exportName}: twin instances differ after the same updates (${e})`);
        }
        for (const call of c.calls) {
          const what = `${exportName}.${call.m}`;
          if (!STREAM_PUBLIC.has(call.m)) {
            // An internal (TS-private) member called from JS: anything may happen but a crash.
            const args = call.args.map((d) => make(d));
            try {
              const x = getters.includes(call.m) ? a[call.m] : a[call.m]!(...args);
              void x;
            } catch {
              /* internals may throw anything */
            }
            return;
          }
          const args = call.mangle ? [mangle(a.snapshot(), call.mangle)] : call.args.map((d) => make(d));
          const before = JSON.stringify(a.snapshot());
          const isGetter = getters.includes(call.m);
          const ra = attempt(what, () => (isGetter ? a[call.m] : a[call.m]!(...args)));
          if (!ra.ok) {
            const after = JSON.stringify(a.snapshot());
            if (after !== before) fail(`${what} threw (${String((ra.error as Error).message)}) but changed the instance`);
            continue;
          }
          if (call.m === 'update' || call.m === 'replace' || call.m === 'value') expectShape(ra.value, streamOutputShape(meta), what);
          if (call.m === 'ready') expectShape(ra.value, 'bool', what);
          if (call.m === 'snapshot') expectShape(ra.value, { obj: { kind: 'str', version: 'int', options: 'any', state: { arr: 'any' }, window: { arr: 'any' } } }, what);
          if (call.m === 'restore' && call.mangle && call.mangle.op !== 'extra') {
            // A snapshot that differs from the instance's own in anything but extra keys must be refused.
            // (A hostile object in a place restore only lists keys of, e.g. an option-less
            // stream's options, can't be stringified here; hean never read it, so it is no damage.)
            let text: string | undefined;
            try {
              text = JSON.stringify(args[0]);
            } catch {
              text = undefined;
            }
            const changed = call.mangle.op === 'proxy' || call.mangle.op === 'getter' || (text !== undefined && text !== before);
            if (changed) fail(`${what}: accepted a snapshot with ${call.mangle.op} damage: ${String(text).slice(0, 300)}`);
          }
          const rb = isGetter ? b[call.m] : b[call.m]!(...args);
          if (call.m !== 'snapshot') {
            const e = sameValue(ra.value, rb);
            if (e) fail(`${what}: the instance and its twin disagree (${e})`);
          }
        }
        const fin = Array.from({ length: meta.required }, (_, i) => 100 + i);
        const e = sameValue(a.update!(...fin), b.update!(...fin));
        if (e) fail(`${exportName}: instance and twin disagree after the sequence (${e})`);
        const sa = JSON.stringify(a.snapshot());
        if (sa !== JSON.stringify(b.snapshot())) fail(`${exportName}: instance and twin snapshots differ after the sequence`);
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Trading: RiskEngine, OrderBook, Router.

const tsArb = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_900_000 }).map(v) }, { weight: 2, arbitrary: numberArb.map(v) }, { weight: 1, arbitrary: anyArb });
const clientIdArb = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 30 }).map(v) }, { weight: 2, arbitrary: numberArb.map(v) }, { weight: 1, arbitrary: anyArb });
const instArb = fc.oneof({ weight: 8, arbitrary: lit(0, 1, 'BTCUSDT', 'bybit:BTCUSDT', 'ETHUSDT') }, { weight: 2, arbitrary: lit(2, -1, 0.5, 2 ** 32, 'nope', NaN) }, { weight: 1, arbitrary: anyArb });
const sideArb = mostly(lit('buy', 'sell'), 1, 10);
const qtyArb = fc.oneof({ weight: 10, arbitrary: lit(0.001, 0.01, 0.1, 1, 0.5, 2, 0.0015) }, { weight: 3, arbitrary: numberArb.map(v) }, { weight: 1, arbitrary: anyArb });
const pxArb = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 29_000, max: 31_000 }).map((x) => v(x / 2)) }, { weight: 4, arbitrary: lit(30000, 30000.05, 1999, 2000.5, 29999.9) }, { weight: 3, arbitrary: numberArb.map(v) }, { weight: 1, arbitrary: anyArb });
const strategyArb = mostly(lit('default', 'alpha', 'beta', 'gamma', 'delta'), 1, 8);
const boolArb = mostly(lit(true, false), 1, 8);
const decArb = fc.oneof({ weight: 6, arbitrary: lit('0.1', '0.01', '0.001', '1', '0.5', 0.1, 0.01, 1, '1e-3', '5') }, { weight: 2, arbitrary: lit('0', '-1', '', 'abc', '1e400', '0.1.2', 0, -1, NaN, '00.10', '1e-30', '9007199254740993') }, { weight: 1, arbitrary: anyArb });

const orderArb = objArb({ clientId: clientIdArb, instrument: instArb, side: sideArb, type: mostly(lit('limit', 'market'), 1, 8), price: pxArb, qty: qtyArb, reduceOnly: boolArb, strategy: strategyArb });

// Typed arrays with given values: encoded as an 'obj' the builders below turn into arrays.
function typedD(ctor: 'Uint8Array' | 'Uint32Array' | 'Float64Array', vals: fc.Arbitrary<number>, n: number): fc.Arbitrary<D> {
  // Now and then on a shared buffer, or detached.
  const lay = fc.oneof({ weight: 12, arbitrary: fc.constant('plain') }, { weight: 1, arbitrary: fc.constantFrom('sab', 'detached') });
  return fc.tuple(fc.array(vals, { minLength: n, maxLength: n }), lay).map(([xs, l]) => ({ t: 'v' as const, v: marker({ __typed: ctor, xs, l }) }));
}

function marker<T extends object>(m: T): T {
  markers.add(m);
  return m;
}

/** Turns `{ __typed, xs }` markers (in the value or one level down) into typed arrays. */
function typedFix(x: unknown): unknown {
  const conv = (y: unknown): unknown => {
    if (y && typeof y === 'object' && markers.has(y) && '__typed' in (y as object)) {
      const { __typed, xs, l } = y as { __typed: string; xs: number[]; l?: string };
      const C = __typed === 'Uint8Array' ? Uint8Array : __typed === 'Uint32Array' ? Uint32Array : Float64Array;
      if (l === 'sab') {
        const a = new C(new SharedArrayBuffer(xs.length * C.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
        a.set(xs);
        return a;
      }
      const a = C.from(xs);
      if (l === 'detached') structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
      return a;
    }
    return y;
  };
  const top = conv(x);
  if (top && typeof top === 'object' && plainObjects.has(top)) {
    for (const k of Object.keys(top)) {
      const d = Object.getOwnPropertyDescriptor(top, k);
      if (d && 'value' in d) (top as Record<string, unknown>)[k] = conv(d.value);
    }
  }
  return top;
}

function batchArb(): fc.Arbitrary<D> {
  return fc.integer({ min: 0, max: 12 }).chain((n) =>
    objArb({
      clientIds: mostly(typedD('Float64Array', fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(NaN, -1, 0.5, 2 ** 53)), n), 1, 8),
      instruments: mostly(typedD('Uint32Array', fc.oneof(fc.constantFrom(0, 1), fc.nat()), n), 1, 8),
      sides: mostly(typedD('Uint8Array', fc.constantFrom(0, 1, 2, 255), n), 1, 8),
      prices: mostly(typedD('Float64Array', fc.oneof(fc.integer({ min: 29_000, max: 31_000 }).map((x) => x / 2), fc.constantFrom(NaN, Infinity, 0, -1)), n), 1, 8),
      qtys: mostly(typedD('Float64Array', fc.oneof(fc.constantFrom(0.001, 0.01, 1), fc.constantFrom(NaN, 0, -1, 1e300)), n), 1, 8),
      flags: mostly(typedD('Uint8Array', fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 255), n), 1, 8),
      strategy: strategyArb,
    }),
  );
}

const rulesArb = objArb({
  symbol: mostly(fc.constantFrom('SOLUSDT', 'XRPUSDT', 'BTCUSDT', 'ADAUSDT').map(v), 1, 8),
  venue: mostly(lit('bybit', 'okx', 'binance'), 1, 6),
  tickSize: decArb,
  qtyStep: decArb,
  minPrice: decArb,
  maxPrice: decArb,
  minOrderQty: decArb,
  maxOrderQty: decArb,
  maxMktOrderQty: decArb,
  minNotionalValue: decArb,
  priceBand: mostly(lit(0.05, 0.1, 0.5, 0, 1, 2, -0.1, NaN), 1, 6),
});
const limitsArb = objArb({ maxPosition: num(0, 100), maxNotional: num(0, 1e6), maxOrdersPerWindow: num(0, 50) });
const accountArb = objArb({ maxOpenOrders: num(0, 60), maxGrossExposure: num(0, 1e7), dailyLossLimit: num(0, 1e4), maxOrdersPerWindow: num(0, 100), rateWindowMs: num(0, 5000), idHistory: num(0, 1000) });

function levelsArb(side: 'bid' | 'ask'): fc.Arbitrary<D> {
  const px = side === 'bid' ? fc.integer({ min: 180, max: 199 }) : fc.integer({ min: 201, max: 220 });
  const lvl = fc.oneof(
    { weight: 10, arbitrary: fc.tuple(px.map((p) => v(p / 2)), fc.oneof(lit(1, 2, 5, 0), numberArb.map(v))).map(([p, s]) => ({ t: 'arr' as const, e: [p, s] })) },
    { weight: 1, arbitrary: anyArb },
  );
  return mostly(fc.array(lvl, { maxLength: 6 }).map((e) => ({ t: 'arr' as const, e })), 1, 10);
}

function deltaArb(): fc.Arbitrary<D> {
  const lvl = fc.oneof(
    { weight: 10, arbitrary: fc.tuple(lit('buy', 'sell'), fc.integer({ min: 180, max: 220 }).map((p) => v(p / 2)), fc.oneof(lit(0, 1, 3), numberArb.map(v))).map((e) => ({ t: 'arr' as const, e })) },
    { weight: 1, arbitrary: anyArb },
  );
  return mostly(fc.array(lvl, { maxLength: 5 }).map((e) => ({ t: 'arr' as const, e })), 1, 10);
}

function deltaBatchArb(): fc.Arbitrary<D> {
  return fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }).chain((counts) => {
    const total = counts.reduce((a, b) => a + b, 0);
    return objArb({
      ids: mostly(typedD('Float64Array', fc.integer({ min: 0, max: 12 }), counts.length), 1, 8),
      counts: mostly(fc.constant(null).map(() => v(marker({ __typed: 'Uint32Array', xs: counts }))), 1, 8),
      sides: mostly(typedD('Uint8Array', fc.constantFrom(0, 1, 2), total), 1, 8),
      prices: mostly(typedD('Float64Array', fc.integer({ min: 180, max: 220 }).map((p) => p / 2), total), 1, 8),
      sizes: mostly(typedD('Float64Array', fc.oneof(fc.constantFrom(0, 1, 2), fc.constantFrom(NaN, -1, 0.5)), total), 1, 8),
    });
  });
}

/** Per method: how to make its arguments (methods not listed get arbitrary ones). */
const ENGINE_ARGS: Record<string, fc.Arbitrary<D[]>> = {
  addInstrument: fc.tuple(rulesArb, mostly(limitsArb, 1, 3)),
  setInstrumentLimits: fc.tuple(instArb, limitsArb),
  setAccountLimits: fc.tuple(accountArb),
  strategyId: fc.tuple(strategyArb),
  instrumentId: fc.tuple(instArb),
  instrument: fc.tuple(instArb),
  check: fc.tuple(orderArb, tsArb),
  submit: fc.tuple(orderArb, tsArb),
  checkRaw: fc.tuple(clientIdArb, instArb, mostly(lit(0, 1, 2, 3, 4, 5, 256, 512), 1, 6), pxArb, qtyArb, tsArb),
  submitRaw: fc.tuple(clientIdArb, instArb, mostly(lit(0, 1, 2, 3, 4, 5, 256, 512), 1, 6), pxArb, qtyArb, tsArb),
  checkBatch: fc.tuple(batchArb(), tsArb),
  submitBatch: fc.tuple(batchArb(), tsArb),
  checkCancel: fc.tuple(clientIdArb),
  fill: fc.tuple(clientIdArb, qtyArb, pxArb, mostly(lit(0, 0.1, -0.05, 1), 1, 6), tsArb),
  cancel: fc.tuple(clientIdArb, tsArb),
  exchangeReject: fc.tuple(clientIdArb, tsArb),
  mark: fc.tuple(instArb, pxArb, tsArb),
  setState: fc.tuple(mostly(lit('ACTIVE', 'REDUCING', 'HALTED'), 1, 6), tsArb),
  tick: fc.tuple(tsArb),
  roundPrice: fc.tuple(instArb, pxArb, mostly(lit('buy', 'sell', 'nearest'), 1, 6)),
  roundQty: fc.tuple(instArb, qtyArb),
  priceString: fc.tuple(instArb, fc.oneof(pxArb, decArb), mostly(lit('buy', 'sell', 'nearest'), 1, 6)),
  qtyString: fc.tuple(instArb, fc.oneof(qtyArb, decArb)),
};

const ENGINE_READS = new Set(['check', 'checkRaw', 'checkBatch', 'checkCancel', 'instrumentId', 'instrument', 'roundPrice', 'roundQty', 'priceString', 'qtyString', 'account', 'positions', 'strategyPositions', 'openOrders', 'strategyStats', 'dailyPnl', 'snapshot', 'state', 'handle', 'instrumentCount']);

const checkResult: Shape = { obj: { ok: 'bool', reason: 'str', code: 'uint', message: 'str' }, exact: true };

function engineShapes(h: H): Record<string, Shape> {
  const reason: Shape = { oneOf: h.REASON_CODES };
  const position: Shape = { obj: { instrument: 'uint', symbol: 'str', venue: 'str', qty: 'num', qtyStr: 'str', avgEntry: 'num', realized: 'num', fees: 'num', unrealized: 'num', fills: 'uint', openBuy: 'num', openSell: 'num', strategy: { opt: 'str' } } };
  return {
    addInstrument: 'uint',
    setInstrumentLimits: 'undef',
    setAccountLimits: 'undef',
    strategyId: 'uint',
    instrumentId: { opt: 'uint' },
    instrument: { obj: { id: 'uint', symbol: 'str', venue: 'str', tickSize: 'str', qtyStep: 'str', minPrice: 'str', maxPrice: 'str', maxPosition: 'num', maxNotional: 'num', maxOrdersPerWindow: 'uint', priceBand: { opt: 'num' }, mark: { opt: 'num' } } },
    instrumentCount: 'uint',
    handle: 'uint',
    check: checkResult,
    submit: checkResult,
    checkRaw: { test: (x) => (Number.isInteger(x) && (x as number) >= 0 && (x as number) < h.REASON_CODES.length ? null : `not a reason code: ${String(x)}`) },
    submitRaw: { test: (x) => (Number.isInteger(x) && (x as number) >= 0 && (x as number) < h.REASON_CODES.length ? null : `not a reason code: ${String(x)}`) },
    checkBatch: 'u8',
    submitBatch: { obj: { out: 'u8', accepted: 'uint' } },
    checkCancel: reason,
    fill: 'undef',
    cancel: 'undef',
    exchangeReject: 'undef',
    mark: 'undef',
    setState: 'undef',
    tick: 'undef',
    state: { oneOf: ['ACTIVE', 'REDUCING', 'HALTED'] },
    account: { obj: { state: { oneOf: ['ACTIVE', 'REDUCING', 'HALTED'] }, reducingByLossLimit: 'bool', dailyPnl: 'num', dailyRealized: 'num', unrealized: 'num', grossExposure: 'num', openOrders: 'uint', acceptedTotal: 'uint', now: 'num' } },
    positions: { arr: position },
    strategyPositions: { arr: position },
    openOrders: { arr: { obj: { clientId: 'uint', instrument: 'uint', side: { oneOf: ['buy', 'sell'] }, type: { oneOf: ['limit', 'market'] }, price: 'num', qty: 'num', leaves: 'num', filled: 'num', reduceOnly: 'bool', strategy: 'str', ts: 'num' } } },
    strategyStats: { arr: 'any' },
    dailyPnl: { arr: { obj: { day: 'str', dayStart: 'num', strategy: 'str', pnl: 'num' } } },
    roundPrice: 'num',
    roundQty: 'num',
    priceString: 'str',
    qtyString: 'str',
    snapshot: 'u8',
    restore: 'undef',
  };
}

function setupEngine(h: H): InstanceType<H['RiskEngine']> {
  const e = new h.RiskEngine({ maxOpenOrders: 40, dailyLossLimit: 5000, maxOrdersPerWindow: 1000 });
  e.addInstrument({ symbol: 'BTCUSDT', venue: 'bybit', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5', priceBand: 0.1 }, { maxPosition: 5 });
  e.addInstrument({ symbol: 'ETHUSDT', tickSize: '0.01', qtyStep: '0.01', maxOrderQty: '100' });
  e.strategyId('alpha');
  e.strategyId('beta');
  const t = 1_700_000_000_000;
  e.mark(0, 15000, t);
  e.mark(1, 2000, t);
  e.submit({ clientId: 1, instrument: 0, side: 'buy', price: 14990, qty: 0.01 }, t);
  e.submit({ clientId: 2, instrument: 0, side: 'sell', price: 15010, qty: 0.02, strategy: 'alpha' }, t);
  e.submit({ clientId: 3, instrument: 1, side: 'buy', price: 1999, qty: 1 }, t);
  e.fill(1, 0.005, 14990, 0.01, t + 1);
  return e;
}

/** A `strategy` string in an argument's descriptor (through proxies and getter objects). */
function strategyIn(d: D): string | undefined {
  if (d.t === 'proxy') return strategyIn(d.of);
  let tag: string | undefined;
  if (d.t === 'obj' || d.t === 'getter') {
    // The last entry wins, as in the object built from the descriptor.
    for (const [k, x] of d.e) if (k === 'strategy') tag = x.t === 'v' && typeof x.v === 'string' ? x.v : undefined;
  }
  return tag;
}

/**
 * True when the order/batch/request argument names a strategy tag not registered yet: a read
 * that succeeds may then register it (a read that throws must still change nothing).
 */
function newTag(e: { strategyStats(): { strategy: string }[] }, ds: D[]): boolean {
  return ds.some((d) => {
    const tag = strategyIn(d);
    return tag !== undefined && !e.strategyStats().some((x) => x.strategy === tag);
  });
}

interface SeqCall {
  m: string;
  args: D[];
}

function seqArb(methods: string[], getters: string[], tailored: Record<string, fc.Arbitrary<D[]>>): fc.Arbitrary<SeqCall[]> {
  const known = methods.filter((m) => tailored[m]);
  const call = fc.oneof(
    { weight: 10, arbitrary: known.length ? fc.constantFrom(...known).chain((m) => tailored[m]!.map((args) => ({ m, args }))) : fc.constant({ m: methods[0]!, args: [] as D[] }) },
    { weight: 2, arbitrary: fc.record({ m: fc.constantFrom(...methods, ...getters), args: fc.array(anyArb, { maxLength: 4 }) }) },
  );
  return fc.array(call, { minLength: 1, maxLength: 6 });
}

function runSequence(
  what: string,
  obj: Record<string, unknown>,
  getters: string[],
  calls: SeqCall[],
  shapes: Record<string, Shape>,
  state: () => string,
  reads: Set<string>,
  mayRegister?: (m: string, args: D[]) => boolean,
  argFix: (x: unknown) => unknown = typedFix,
): void {
  for (const call of calls) {
    const args = call.args.map((d) => argFix(make(d)));
    const registers = mayRegister?.(call.m, call.args) ?? false;
    const s0 = state();
    const isGetter = getters.includes(call.m);
    const name = `${what}.${call.m}`;
    const r = attempt(name, () => (isGetter ? obj[call.m] : (obj[call.m] as AnyFn)(...args)));
    const s1 = state();
    if (!r.ok) {
      if (s1 !== s0) fail(`${name} threw (${(r.error as Error).message}) but changed the state`);
      continue;
    }
    if (reads.has(call.m) && s1 !== s0 && !registers) fail(`${name} is a read but changed the state`);
    const sh = shapes[call.m];
    if (sh) expectShape(r.value, sh, name);
    if (call.m === 'check' || call.m === 'submit') {
      const x = r.value as { ok: boolean; reason: string; code: number };
      const names = (obj.constructor as unknown as { name: string }) && (globalThis as unknown as { __reasons: readonly string[] }).__reasons;
      if (names && (names[x.code] !== x.reason || x.ok !== (x.code === 0))) fail(`${name}: inconsistent result ${JSON.stringify(x)}`);
    }
  }
}

function hex(u: Uint8Array): string {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
}

function tradingTargets(h: H): Target[] {
  (globalThis as unknown as { __reasons: readonly string[] }).__reasons = h.REASON_CODES;
  const out: Target[] = [];
  {
    const { methods, getters } = protoMembers(h.RiskEngine);
    const shapes = engineShapes(h);
    const tailored = { ...ENGINE_ARGS, restore: corruptArb };
    out.push({
      name: 'RiskEngine',
      group: 'trading',
      weight: 4,
      arb: seqArb(methods, getters, tailored),
      run: (raw) => {
        const e = setupEngine(h);
        const good = e.snapshot();
        runSequence(
          'RiskEngine',
          e as unknown as Record<string, unknown>,
          getters,
          raw as SeqCall[],
          shapes,
          () => hex(e.snapshot()),
          ENGINE_READS,
          (m, args) => (m === 'check' || m === 'checkBatch') && newTag(e, args),
          (x) => corruptFix(x, good),
        );
      },
    });
  }
  {
    const { methods, getters } = protoMembers(h.OrderBook);
    const shapes: Record<string, Shape> = {
      applySnapshot: 'undef',
      applyDelta: { oneOf: h.BOOK_STATUSES },
      applyDeltas: { obj: { applied: 'uint', statuses: 'u8' } },
      stale: 'bool',
      lastUpdateId: 'num',
      bestBid: { opt: { obj: { price: 'num', size: 'num' } } },
      bestAsk: { opt: { obj: { price: 'num', size: 'num' } } },
      mid: 'num',
      spread: 'num',
      depth: { obj: { prices: 'f64', sizes: 'f64' } },
      fillEstimate: { obj: { avgPrice: 'num', filled: 'num', worstPrice: 'num' } },
      averageFillPrice: 'num',
      imbalance: { test: (x) => (typeof x === 'number' && (Number.isNaN(x) || (x >= -1 && x <= 1)) ? null : `imbalance ${String(x)}`) },
      snapshot: 'u8',
      restore: 'undef',
    };
    const tailored: Record<string, fc.Arbitrary<D[]>> = {
      applySnapshot: fc.tuple(mostly(fc.integer({ min: 0, max: 20 }).map(v), 1, 8), levelsArb('bid'), levelsArb('ask')),
      applyDelta: fc.tuple(mostly(fc.integer({ min: 0, max: 20 }).map(v), 1, 8), deltaArb()),
      applyDeltas: fc.tuple(deltaBatchArb(), mostly(fc.constant(v(undefined)), 1, 4)),
      depth: fc.tuple(mostly(lit('bid', 'ask'), 1, 6), mostly(fc.integer({ min: 0, max: 10 }).map(v), 1, 6)),
      fillEstimate: fc.tuple(sideArb, qtyArb.map((d) => (d.t === 'v' && typeof d.v === 'number' ? v(d.v * 3) : d))),
      averageFillPrice: fc.tuple(sideArb, qtyArb),
      imbalance: fc.tuple(mostly(fc.integer({ min: 0, max: 10 }).map(v), 1, 4)),
      restore: corruptArb,
    };
    const reads = new Set(['stale', 'lastUpdateId', 'bestBid', 'bestAsk', 'mid', 'spread', 'depth', 'fillEstimate', 'averageFillPrice', 'imbalance', 'snapshot', 'venue', 'symbol']);
    out.push({
      name: 'OrderBook',
      group: 'trading',
      weight: 3,
      arb: seqArb(methods, getters, tailored),
      run: (raw) => {
        const b = new h.OrderBook({ venue: 'bybit', symbol: 'SOLUSDT', tickSize: '0.5', qtyStep: '1' });
        b.applySnapshot(1, [[99, 2], [98.5, 3]], [[101, 1], [102, 4]]);
        const good = b.snapshot();
        runSequence(
          'OrderBook',
          b as unknown as Record<string, unknown>,
          getters,
          raw as SeqCall[],
          shapes,
          () => hex(b.snapshot()),
          reads,
          undefined,
          (x) => corruptFix(x, good),
        );
      },
    });
  }
  {
    const { methods, getters } = protoMembers(h.Router);
    const shapes: Record<string, Shape> = {
      addVenue: 'uint',
      venueCount: 'uint',
      route: { obj: { children: { arr: { obj: { venue: 'uint', venueName: 'str', price: 'num', qty: 'num', avgPrice: 'num', fee: 'num' } } }, dropped: { arr: { obj: { venue: 'uint', venueName: 'str', qty: 'num', reason: { oneOf: h.REASON_CODES } } } }, filled: 'num', unfilled: 'num', avgPrice: 'num', fees: 'num', totalCost: 'num', passes: 'uint' } },
      routeRaw: 'uint',
    };
    const reqArb = objArb({ side: sideArb, qty: fc.oneof(qtyArb, lit(5, 10, 100)), limit: mostly(pxArb, 1, 3), now: tsArb, strategy: strategyArb });
    const tailored: Record<string, fc.Arbitrary<D[]>> = {
      route: fc.tuple(reqArb),
      routeRaw: fc.tuple(mostly(lit(0, 1), 1, 6), qtyArb, mostly(lit(NaN, 15100, 14900), 1, 4), tsArb, mostly(lit(0, 1), 1, 6), mostly(fc.integer({ min: 0, max: 80 }).map((n) => v(marker({ __typed: 'Float64Array', xs: new Array<number>(n).fill(0) }))), 1, 4)),
      addVenue: fc.tuple(objArb({ book: mostly(lit('__book'), 1, 4), takerFee: mostly(lit(0, 0.00055, 0.001, -0.0001, 0.2, NaN), 1, 4), instrument: instArb, rules: mostly(rulesArb, 1, 2) })),
    };
    out.push({
      name: 'Router',
      group: 'trading',
      weight: 2,
      arb: seqArb(methods, getters, tailored),
      run: (raw) => {
        const e = setupEngine(h);
        const b1 = new h.OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
        const b2 = new h.OrderBook({ venue: 'okx', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
        b1.applySnapshot(1, [[14999.9, 0.5], [14999, 2]], [[15000.1, 0.4], [15001, 3]]);
        b2.applySnapshot(1, [[14999.8, 1]], [[15000, 0.3], [15002, 5]]);
        const r = new h.Router(e);
        r.addVenue({ book: b1, takerFee: 0.00055, instrument: 'bybit:BTCUSDT' });
        r.addVenue({ book: b2, takerFee: 0.0008 });
        const calls = (raw as SeqCall[]).map((c) => ({ ...c, args: c.args.map((d) => (d.t === 'obj' ? { ...d, e: d.e.map(([k, x]): [string, D] => [k, x.t === 'v' && x.v === '__book' ? v(b2) : x]) } : d)) }));
        runSequence(
          'Router',
          r as unknown as Record<string, unknown>,
          getters,
          calls,
          shapes,
          () => `${hex(e.snapshot())}|${hex(b1.snapshot())}|${hex(b2.snapshot())}|${r.venueCount}`,
          new Set(['route', 'routeRaw', 'venueCount']),
          (m, args) => m === 'route' && newTag(e, args),
        );
      },
    });
  }
  return out;
}

const corruptArb: fc.Arbitrary<D[]> = fc.nat(1_000_000).map((k) => [v(marker({ __corrupt: k }))]);

function corruptFix(x: unknown, good: Uint8Array): unknown {
  if (x && typeof x === 'object' && markers.has(x) && '__corrupt' in (x as object)) return corrupt(good, (x as { __corrupt: number }).__corrupt);
  return typedFix(x);
}

/** A damaged copy of snapshot bytes: truncated, bit-flipped, version-skewed, extended or garbage. */
export function corrupt(bytes: Uint8Array, k: number): Uint8Array {
  const b = Uint8Array.from(bytes);
  switch (k % 7) {
    case 6: return b; // intact: restore must succeed
    case 0: return b.subarray(0, (k * 13) % b.length);
    case 1: b[(k * 7) % b.length]! ^= 1 << (k % 8); return b;
    case 2: b[4]! ^= 0x02; return b; // version field area
    case 3: { const c = new Uint8Array(b.length + 1 + (k % 5)); c.set(b); return c; }
    case 4: return new Uint8Array((k * 3) % 40).fill(k);
    default: return b.slice(1);
  }
}

// ---------------------------------------------------------------------------------------
// Market data helpers, matrix functions and small functions.

function timesD(n: number): fc.Arbitrary<D> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: n, maxLength: n }).map((xs) => v(marker({ __typed: 'Float64Array', xs: xs.sort((a, b) => a - b).map((x) => 1_700_000_000_000 + x) }))) },
    { weight: 2, arbitrary: seriesArb(n) },
    { weight: 1, arbitrary: anyArb },
  );
}

function marketTargets(h: H): Target[] {
  const out: Target[] = [];
  const fnTarget = (name: string, weight: number, arb: fc.Arbitrary<D[]>, shape: Shape | ((r: unknown, args: unknown[]) => void)) => {
    const f = (h as unknown as Record<string, AnyFn>)[name]!;
    out.push({
      name,
      group: 'market',
      weight,
      arb,
      run: (raw) => {
        const created: Float64Array[] = [];
        const args = build(raw as D[], created).map(typedFix);
        const before = copies(created);
        const r = attempt(name, () => f(...args));
        if (!r.ok) return checkUntouched(name, created, before, []);
        if (typeof shape === 'function') shape(r.value, args);
        else expectShape(r.value, shape, name);
      },
    });
  };
  const bars: Shape = { obj: { time: 'f64', open: 'f64', high: 'f64', low: 'f64', close: 'f64', volume: 'f64', vwap: 'f64', count: 'f64', length: 'uint' } };
  const barsCheck = (name: string) => (r: unknown) => {
    expectShape(r, bars, name);
    const b = r as Record<string, Float64Array> & { length: number };
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume', 'vwap', 'count']) if (b[k]!.length !== b.length) fail(`${name}: column ${k} has length ${b[k]!.length}, expected ${b.length}`);
  };
  const intervalArb = fc.oneof({ weight: 6, arbitrary: lit(1000, 60_000, 300_000, 1, 7) }, { weight: 3, arbitrary: numberArb.map(v) }, { weight: 1, arbitrary: anyArb });
  const rsOpts = mostly(objArb({ empty: mostly(lit('skip', 'carry'), 1, 6), offsetMs: mostly(lit(0, 500, -1000, 1e15, 0.5), 1, 4) }), 1, 3);
  fnTarget('resample', 4, lengthArb.chain((n) => fc.tuple(timesD(n), seriesArb(n), fc.oneof(fc.constant(v(undefined)), seriesArb(n)), intervalArb, fc.oneof(fc.constant(v(undefined)), rsOpts))), barsCheck('resample'));
  fnTarget(
    'resampleBars',
    3,
    lengthArb.chain((n) => fc.tuple(mostly(objArb({ time: timesD(n), open: seriesArb(n), high: seriesArb(n), low: seriesArb(n), close: seriesArb(n), volume: mostly(seriesArb(n), 1, 3) }, { extra: false }), 1, 10), intervalArb, fc.oneof(fc.constant(v(undefined)), rsOpts))),
    barsCheck('resampleBars'),
  );
  const specEntry = objArb({
    fn: mostly(lit('rsi', 'sma', 'macd', 'returns', 'volatility', 'bbands', 'atr', 'vwap', 'nope'), 1, 8),
    options: mostly(fc.oneof(lit(3, 5, 14), objArb({ period: num(1, 20), kind: lit('log', 'simple') })), 1, 4),
    output: mostly(lit('macd', 'signal', 'upper', 'x'), 1, 3),
    input: mostly(lit('volume', 'close', 'high', 'open'), 1, 3),
    transform: mostly(lit('relative', 'x'), 1, 3),
    name: mostly(lit('a', 'b', 'label_h1'), 1, 3),
  });
  fnTarget(
    'features',
    4,
    lengthArb.chain((n) =>
      fc.tuple(
        mostly(objArb({ open: seriesArb(n), high: seriesArb(n), low: seriesArb(n), close: seriesArb(n), volume: seriesArb(n) }), 1, 8),
        mostly(fc.array(specEntry, { minLength: 0, maxLength: 4 }).map((e) => ({ t: 'arr' as const, e })), 1, 8),
        fc.oneof(fc.constant(v(undefined)), objArb({ label: objArb({ horizon: num(0, 5), kind: mostly(lit('simple', 'log'), 1, 4) }), warmup: mostly(lit('drop', 'keep'), 1, 4) })),
      ),
    ),
    (r) => {
      expectShape(r, { obj: { data: 'f64', columns: { arr: 'str' }, rows: 'uint', index: 'i32' } }, 'features');
      const m = r as { data: Float64Array; columns: string[]; rows: number; index: Int32Array };
      if (m.data.length !== m.rows * m.columns.length || m.index.length !== m.rows) fail(`features: data ${m.data.length} / index ${m.index.length} do not match ${m.rows} rows x ${m.columns.length} columns`);
    },
  );
  const row = fc.oneof({ weight: 8, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: fc.double({ min: 1, max: 200, noNaN: true }).map(v) }, { weight: 1, arbitrary: lit('12.5', ' ', '', 'x', null, NaN) }), { minLength: 6, maxLength: 7 }).map((e) => ({ t: 'arr' as const, e })) }, { weight: 1, arbitrary: anyArb });
  fnTarget('toColumns', 2, fc.tuple(mostly(fc.array(row, { maxLength: 6 }).map((e) => ({ t: 'arr' as const, e })), 1, 8)), (r) => {
    expectShape(r, { obj: { time: 'f64', open: 'f64', high: 'f64', low: 'f64', close: 'f64', volume: 'f64' }, exact: true }, 'toColumns');
  });
  fnTarget('toRows', 2, lengthArb.chain((n) => fc.tuple(mostly(objArb({ time: seriesArb(n), open: seriesArb(n), high: seriesArb(n), low: seriesArb(n), close: seriesArb(n), volume: seriesArb(n) }, { extra: false }), 1, 8))), (r) => {
    expectShape(r, { arr: { tuple: ['num', 'num', 'num', 'num', 'num', 'num'] } }, 'toRows');
  });
  const matrixArgs = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 12 })).chain(([s, t]) =>
    fc.tuple(seriesArb(s * t), mostly(fc.constant(v(s)), 1, 8), fc.oneof(fc.constant(v(undefined)), objArb({ ddof: mostly(lit(0, 1, 2, 0.5), 1, 3), out: fc.oneof(f64Arb(s * s), fc.constant({ t: 'ref' as const, k: 0, sub: 0 }), f64Arb()) }))),
  );
  const matrixCheck = (name: string) => (r: unknown, args: unknown[]) => {
    expectShape(r, 'f64', name);
    const s = args[1] as number;
    if ((r as Float64Array).length !== s * s) fail(`${name}: result has length ${(r as Float64Array).length}, expected ${s * s}`);
  };
  fnTarget('covMatrix', 2, matrixArgs, matrixCheck('covMatrix'));
  fnTarget('corrMatrix', 2, matrixArgs, matrixCheck('corrMatrix'));
  fnTarget('portfolioVol', 2, fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(seriesArb(n), fc.oneof({ weight: 4, arbitrary: seriesArb(n * n) }, { weight: 1, arbitrary: seriesArb() }))), 'num');
  fnTarget('indicators', 0.2, fc.array(anyArb, { maxLength: 2 }), { arr: { obj: { name: 'str', inputs: { arr: 'str' }, options: { arr: 'any' }, outputs: { arr: 'str' } } } });
  fnTarget('isGap', 1, fc.tuple(mostly(numberArb.map(v), 1, 3)), 'bool');
  fnTarget('countReasons', 1, fc.tuple(mostly(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }).map((xs) => v(marker({ __typed: 'Uint8Array', xs }))), 1, 4), fc.oneof(fc.constant(v(undefined)), num(0, 30), numberArb.map(v))), (r) => {
    expectShape(r, 'any', 'countReasons');
    if (!r || typeof r !== 'object') fail('countReasons: not an object');
    for (const [k, c] of Object.entries(r as object)) if (!h.REASON_CODES.includes(k as never) || !Number.isInteger(c) || c < 1) fail(`countReasons: bad entry ${k}: ${String(c)}`);
  });
  fnTarget('reasonName', 1, fc.tuple(mostly(fc.integer({ min: -2, max: 30 }).map(v), 1, 2)), { oneOf: h.REASON_CODES });
  fnTarget('orderFlags', 1, fc.tuple(sideArb, mostly(lit('limit', 'market', undefined), 1, 4), boolArb, mostly(fc.integer({ min: 0, max: 70000 }).map(v), 1, 3)), 'uint');

  // CandleAggregator and WindowVwap: sequences of calls with shapes.
  const candle: Shape = { obj: { symbol: 'str', time: 'num', open: 'num', high: 'num', low: 'num', close: 'num', volume: 'num', vwap: 'num', count: 'uint' }, exact: true };
  const symArb = mostly(lit('BTC', 'ETH'), 1, 8);
  const tickArgs = fc.tuple(symArb, tsArb, mostly(fc.double({ min: 1, max: 200, noNaN: true }).map(v), 1, 6), mostly(fc.double({ min: 0, max: 10, noNaN: true }).map(v), 1, 6));
  {
    const { methods, getters } = protoMembers(h.CandleAggregator);
    out.push({
      name: 'CandleAggregator',
      group: 'market',
      weight: 3,
      arb: fc.record({
        opts: mostly(objArb({ intervalMs: mostly(lit(1000, 60_000), 1, 6), offsetMs: mostly(lit(0, 250), 1, 6), lateMs: mostly(lit(0, 500, 5000), 1, 6), maxQueued: mostly(lit(1, 3, 100), 1, 6), onBar: lit(undefined) }), 1, 12),
        calls: seqArb(methods, getters, { add: tickArgs, forming: fc.tuple(symArb), flush: fc.tuple(fc.oneof(fc.constant(v(undefined)), tsArb)), drain: fc.constant([]) }),
      }),
      run: (raw) => {
        const c = raw as { opts: D; calls: SeqCall[] };
        const r = attempt('new CandleAggregator', () => new h.CandleAggregator(make(c.opts) as never));
        if (!r.ok) return;
        runSequence('CandleAggregator', r.value as unknown as Record<string, unknown>, getters, c.calls, { add: { oneOf: ['ok', 'invalid', 'late'] }, forming: { opt: candle }, flush: 'undef', drain: { arr: candle }, size: 'uint' }, () => '', new Set());
      },
    });
  }
  {
    const { methods, getters } = protoMembers(h.WindowVwap);
    out.push({
      name: 'WindowVwap',
      group: 'market',
      weight: 2,
      arb: fc.record({
        opts: mostly(objArb({ windowMs: mostly(lit(1000, 60_000), 1, 6), maxTicks: mostly(lit(1, 2, 100), 1, 6) }), 1, 12),
        calls: seqArb(methods, getters, { add: tickArgs, value: fc.tuple(symArb, fc.oneof(fc.constant(v(undefined)), tsArb)), count: fc.tuple(symArb) }),
      }),
      run: (raw) => {
        const c = raw as { opts: D; calls: SeqCall[] };
        const r = attempt('new WindowVwap', () => new h.WindowVwap(make(c.opts) as never));
        if (!r.ok) return;
        runSequence('WindowVwap', r.value as unknown as Record<string, unknown>, getters, c.calls, { add: 'num', value: 'num', count: 'uint' }, () => '', new Set());
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Every export with arbitrary arguments: functions, constructors, and each method and getter
// of an instance built with arbitrary (or, failing that, default) arguments.

function genericTargets(h: H): Target[] {
  const out: Target[] = [];
  const instances: Record<string, () => unknown> = {
    RiskEngine: () => setupEngine(h),
    OrderBook: () => new h.OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' }),
    Router: () => new h.Router(),
    CandleAggregator: () => new h.CandleAggregator({ intervalMs: 1000 }),
    WindowVwap: () => new h.WindowVwap({ windowMs: 1000 }),
  };
  for (const [name, x] of Object.entries(h)) {
    if (typeof x !== 'function') continue;
    const isClass = /^class\b/.test(Function.prototype.toString.call(x));
    const f = x as AnyFn & Record<string, unknown>;
    if (!isClass) {
      const variants = ['', ...Object.keys(f).filter((k) => typeof f[k] === 'function')];
      for (const vname of variants) {
        const g = (vname ? f[vname] : f) as AnyFn;
        out.push({
          name: `${name}${vname ? `.${vname}` : ''}(any)`,
          group: 'generic',
          weight: 1,
          async: true,
          arb: fc.array(anyArb, { maxLength: 6 }),
          run: async (raw) => {
            const args = build(raw as D[], []);
            const what = `${name}${vname ? `.${vname}` : ''}`;
            await settle(what, () => g(...args));
          },
        });
      }
      continue;
    }
    const C = x as unknown as new (...a: unknown[]) => Record<string, unknown>;
    const { methods, getters } = protoMembers(x as Function);
    const isStream = x === h.Stream || x.prototype instanceof h.Stream;
    out.push({
      name: `${name}(any)`,
      group: 'generic',
      weight: 2,
      async: true,
      arb: fc.record({ ctor: fc.array(anyArb, { maxLength: 3 }), calls: fc.array(fc.record({ m: fc.constantFrom('', ...methods, ...getters), args: fc.array(anyArb, { maxLength: 5 }) }), { maxLength: 4 }) }),
      run: async (raw) => {
        const c = raw as { ctor: D[]; calls: { m: string; args: D[] }[] };
        const r = attempt(`new ${name}`, () => new C(...build(c.ctor, [])));
        let inst = r.ok ? r.value : undefined;
        if (!inst) {
          const mk = instances[name];
          if (!mk && x.prototype instanceof h.Stream) inst = new C();
          else if (mk) inst = mk() as Record<string, unknown>;
        }
        if (!inst) return;
        for (const call of c.calls) {
          if (!call.m) continue;
          const args = build(call.args, []);
          const isGetter = getters.includes(call.m);
          const f = () => (isGetter ? inst![call.m] : (inst![call.m] as AnyFn)(...args));
          if (isStream && !STREAM_PUBLIC.has(call.m)) {
            // A TS-private member of a streaming class: anything but a crash is acceptable,
            // and the instance's state is then undefined (as in streamTargets), so stop here.
            try {
              f();
            } catch {
              /* internals may throw anything */
            }
            return;
          }
          await settle(`${name}.${call.m}`, f);
        }
      },
    });
  }
  return out;
}

async function settle(what: string, f: () => unknown): Promise<void> {
  const r = attempt(what, f);
  if (r.ok && r.value instanceof Promise) {
    try {
      await r.value;
    } catch (e) {
      checkError(e, what);
    }
  }
}

export function buildTargets(h: H): Target[] {
  return [...indicatorTargets(h), ...streamTargets(h), ...tradingTargets(h), ...marketTargets(h), ...genericTargets(h)];
}
