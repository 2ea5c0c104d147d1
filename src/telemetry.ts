// OpenTelemetry spans on the order path and around backtests, through @opentelemetry/api
// only: an optional peer dependency, required lazily on the first traced call (createRequire,
// so the ESM and CJS builds both load it synchronously), and never an error when absent.
//
// Cost: without the package, one null check per call; with the package but no SDK
// registered, one `trace.getTracerProvider()` and an identity compare (no span object, no
// allocation); the tracer is looked up again only when the registered provider changes.
// Hot paths use `startSpan`, never `startActiveSpan` (no context switch, no closure inside
// the API); the caller's active span, if any, becomes the parent.
//
// Attribute names follow OpenTelemetry's rules: lower-case, dot-namespaced under `hean.`,
// snake_case words. A risk rejection is a normal outcome (an attribute, status unset); an
// exception is recorded on the span and sets status ERROR.
import { createRequire } from 'node:module';

type AttrValue = string | number | boolean;
type Attrs = Record<string, AttrValue>;

/** The part of @opentelemetry/api's Span this module uses (no type dependency on it). */
interface OtelSpan {
  isRecording(): boolean;
  setAttributes(a: Attrs): unknown;
  recordException(e: unknown): void;
  setStatus(s: { code: number; message?: string }): unknown;
  end(): void;
}
interface OtelTracer {
  startSpan(name: string, options?: { attributes?: Attrs }): OtelSpan;
}
interface OtelApi {
  trace: { getTracerProvider(): object; getTracer(name: string, version?: string): OtelTracer };
  ProxyTracerProvider: new () => { getDelegate(): object };
}

const SPAN_STATUS_ERROR = 2; // SpanStatusCode.ERROR

const req = createRequire(import.meta.url);
let api: OtelApi | null | undefined; // undefined: not looked up yet; null: not installed
let noopProvider: object | undefined;
let provider: object | undefined; // the registered provider the tracer below came from
let tracer: OtelTracer | null = null;

function loadApi(): OtelApi | null {
  try {
    const a = req('@opentelemetry/api') as OtelApi;
    // The API's no-op provider, what an unset ProxyTracerProvider delegates to.
    noopProvider = new a.ProxyTracerProvider().getDelegate();
    return a;
  } catch {
    return null; // not installed (or unusable): tracing stays off, silently
  }
}

function packageVersion(): string | undefined {
  try {
    return (req('../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** hean's tracer while an SDK is registered, else null. Cheap enough for every call. */
function activeTracer(): OtelTracer | null {
  if (api === undefined) api = loadApi();
  if (api === null) return null;
  const p = api.trace.getTracerProvider() as { getDelegate?: () => object };
  // The global provider is a ProxyTracerProvider whose delegate is the SDK once registered.
  const d = typeof p.getDelegate === 'function' ? p.getDelegate() : p;
  if (d !== provider) {
    provider = d;
    tracer = d === noopProvider ? null : api.trace.getTracer('hean', packageVersion());
  }
  return tracer;
}

/**
 * Whether hean's calls are traced now: `@opentelemetry/api` is installed and an SDK has
 * registered a tracer provider. Instrumented methods test this first, so that without an
 * SDK they run exactly as untraced code (no span, no closure).
 */
export function tracing(): boolean {
  return activeTracer() !== null;
}

/** One instrumented operation: its span name and how its input and result become attributes. */
export interface TracedOp<I, R> {
  readonly name: string;
  /** Attributes of the input, set right after the span starts (so samplers do not see them:
   * building them only for recording spans keeps sampled-out calls cheap). Must not run the
   * caller's getters. */
  readonly start?: (input: I) => Attrs;
  /** Attributes of the outcome. */
  readonly end?: (result: R) => Attrs;
}

/**
 * Runs `fn.call(self, ...args)` in a span named `op.name` (a child of the caller's active
 * span), with the attributes of `op` for `input`; an exception is recorded and rethrown.
 * Call it only when {@link tracing} is true. It takes the function and its arguments rather
 * than a closure because a closure over the caller's parameters makes V8 allocate a
 * context on every call of the caller, traced or not.
 */
export function traced<I, R, S, A extends unknown[]>(op: TracedOp<I, R>, input: I, self: S, fn: (this: S, ...args: A) => R, ...args: A): R {
  const t = activeTracer();
  if (t === null) return fn.apply(self, args);
  const span = t.startSpan(op.name);
  // Attributes are built only for a recording span: a sampled-out call pays for no objects.
  const recording = span.isRecording();
  if (recording && op.start) span.setAttributes(op.start(input));
  try {
    const result = fn.apply(self, args);
    if (recording && op.end) span.setAttributes(op.end(result));
    return result;
  } catch (e) {
    if (recording) {
      span.recordException(e instanceof Error ? e : String(e));
      span.setStatus({ code: SPAN_STATUS_ERROR, message: e instanceof Error ? e.message : String(e) });
    }
    throw e;
  } finally {
    span.end();
  }
}

/**
 * @internal {@link traced} for a call that returns a promise: the span ends when it settles
 * (a rejection is recorded as the exception).
 */
export function tracedAsync<I, R, S, A extends unknown[]>(op: TracedOp<I, R>, input: I, self: S, fn: (this: S, ...args: A) => Promise<R>, ...args: A): Promise<R> {
  const t = activeTracer();
  if (t === null) return fn.apply(self, args);
  const span = t.startSpan(op.name);
  const recording = span.isRecording();
  if (recording && op.start) span.setAttributes(op.start(input));
  const fail = (e: unknown) => {
    if (recording) {
      span.recordException(e instanceof Error ? e : String(e));
      span.setStatus({ code: SPAN_STATUS_ERROR, message: e instanceof Error ? e.message : String(e) });
    }
    span.end();
    throw e;
  };
  let p: Promise<R>;
  try {
    p = fn.apply(self, args);
  } catch (e) {
    return fail(e);
  }
  return p.then((result) => {
    if (recording && op.end) span.setAttributes(op.end(result));
    span.end();
    return result;
  }, fail);
}

/** `RemoteRiskEngine.check` / `.submit` (hean/nats): the order, then the decision. */
export const REMOTE_CHECK_SPAN = { ...SUBMIT_SPAN_BASE(), name: 'RemoteRiskEngine.check' };
/** `RemoteRiskEngine.submit`. */
export const REMOTE_SUBMIT_SPAN = { ...SUBMIT_SPAN_BASE(), name: 'RemoteRiskEngine.submit' };
/** `RemoteRiskEngine.checkBatch` / `.submitBatch`: the batch, then its codes. */
export const REMOTE_BATCH_SPANS = {
  check: { name: 'RemoteRiskEngine.checkBatch', start: (b: unknown) => pick(b, { strategy: 'hean.strategy' }), end: batchEnd },
  submit: { name: 'RemoteRiskEngine.submitBatch', start: (b: unknown) => pick(b, { strategy: 'hean.strategy' }), end: batchEnd },
} satisfies Record<string, TracedOp<unknown, Uint8Array>>;

function batchEnd(out: Uint8Array) {
  let accepted = 0;
  for (let i = 0; i < out.length; i++) accepted += out[i] === 0 ? 1 : 0;
  return { 'hean.batch.size': out.length, 'hean.batch.accepted': accepted, 'hean.batch.rejected': out.length - accepted };
}

// --- attributes ----------------------------------------------------------------------------

/** An own data property of a caller's object, read without running getters or proxies' traps
 * beyond getOwnPropertyDescriptor; only primitive attribute values are kept. */
function field(o: unknown, key: string): AttrValue | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  let v: unknown;
  try {
    v = Object.getOwnPropertyDescriptor(o, key)?.value;
  } catch {
    return undefined;
  }
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}

function pick(o: unknown, map: Record<string, string>): Attrs {
  const out: Attrs = {};
  for (const k in map) {
    const v = field(o, k);
    if (v !== undefined) out[map[k]!] = v;
  }
  return out;
}

const ORDER_ATTRS = {
  clientId: 'hean.order.client_id',
  instrument: 'hean.order.instrument',
  side: 'hean.order.side',
  type: 'hean.order.type',
  price: 'hean.order.price',
  qty: 'hean.order.qty',
  reduceOnly: 'hean.order.reduce_only',
  strategy: 'hean.strategy',
};

/** The attributes of an order span: the order, then the decision. */
function SUBMIT_SPAN_BASE(): Omit<TracedOp<unknown, { ok: boolean; reason: string; code: number }>, 'name'> {
  return {
    start: (order) => pick(order, ORDER_ATTRS),
    end: (r) => ({ 'hean.risk.accepted': r.ok, 'hean.risk.reason': r.reason, 'hean.risk.code': r.code }),
  };
}

/** `RiskEngine.submit`: the order, then the decision. */
export const SUBMIT_SPAN: TracedOp<unknown, { ok: boolean; reason: string; code: number }> = { ...SUBMIT_SPAN_BASE(), name: 'RiskEngine.submit' };

/** `RiskEngine.submitBatch`: the batch size, then how many were accepted. */
export const SUBMIT_BATCH_SPAN: TracedOp<unknown, { out: Uint8Array; accepted: number }> = {
  name: 'RiskEngine.submitBatch',
  start: (batch) => pick(batch, { strategy: 'hean.strategy' }),
  end: (r) => ({ 'hean.batch.size': r.out.length, 'hean.batch.accepted': r.accepted, 'hean.batch.rejected': r.out.length - r.accepted }),
};

/** `Router.route`: the request, then the plan's totals. */
export const ROUTE_SPAN: TracedOp<unknown, { children: unknown[]; dropped: unknown[]; filled: number; unfilled: number; avgPrice: number; passes: number }> = {
  name: 'Router.route',
  start: (req) => pick(req, { side: 'hean.route.side', qty: 'hean.route.qty', limit: 'hean.route.limit', strategy: 'hean.strategy' }),
  end: (p) => ({
    'hean.route.children': p.children.length,
    'hean.route.dropped': p.dropped.length,
    'hean.route.filled': p.filled,
    'hean.route.unfilled': p.unfilled,
    'hean.route.avg_price': p.avgPrice,
    'hean.route.passes': p.passes,
  }),
};

interface RunShape {
  readonly columns?: number;
  readonly combinations?: number;
  readonly bars?: number;
  readonly trades?: unknown;
  readonly metrics?: { readonly totalTrades: ArrayLike<number> };
}

function backtestSpan(name: string): TracedOp<unknown, RunShape> {
  return {
    name,
    end: (r) => {
      const a: Attrs = {};
      if (r.columns !== undefined) a['hean.backtest.columns'] = r.columns;
      if (r.combinations !== undefined) a['hean.backtest.combinations'] = r.combinations;
      if (r.bars !== undefined) a['hean.backtest.bars'] = r.bars;
      // counted from the metrics (one trade per closed or open trade): reading `trades`
      // would build a backtest's lazy trade columns just for the count
      if ('trades' in r && r.metrics) {
        let n = 0;
        for (let k = 0; k < r.metrics.totalTrades.length; k++) n += r.metrics.totalTrades[k]!;
        a['hean.backtest.trades'] = n;
      }
      return a;
    },
  };
}

/** `backtest.fromSignals`, `backtest.fromOrders`, `backtest.maCrossGrid`: the run's size. */
export const BACKTEST_SPANS = {
  fromSignals: backtestSpan('backtest.fromSignals'),
  fromOrders: backtestSpan('backtest.fromOrders'),
  maCrossGrid: backtestSpan('backtest.maCrossGrid'),
};
