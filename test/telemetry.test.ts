// OpenTelemetry spans (src/telemetry.ts) recorded by the SDK's in-memory exporter: names,
// attributes, rejection vs exception, the caller's active span as parent, and nothing at all
// without an SDK. The last block runs the built package (dist/) in child processes without
// @opentelemetry/api installed, with it but no SDK, and with an SDK (ESM and CJS).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../src/backtest/index.js';
import { tracing } from '../src/telemetry.js';
import { OrderBook, RiskEngine, Router } from '../src/trading/index.js';

const RULES = { symbol: 'BTCUSDT', venue: 'x', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '100', priceBand: 0.05 };

function engine() {
  const risk = new RiskEngine();
  const btc = risk.addInstrument(RULES, { maxPosition: 2 });
  risk.mark(btc, 60000, 0);
  return { risk, btc };
}

const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();

function register(sampler?: AlwaysOffSampler) {
  trace.disable();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)], ...(sampler ? { sampler } : {}) }));
}

describe('telemetry without an SDK', () => {
  it('records nothing and changes no result', () => {
    trace.disable();
    expect(tracing()).toBe(false);
    const { risk, btc } = engine();
    expect(risk.submit({ clientId: 1, instrument: btc, side: 'buy', price: 59990, qty: 0.01 }, 0).ok).toBe(true);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});

describe('telemetry with the SDK', () => {
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    register();
  });
  afterEach(() => exporter.reset());
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('turns on when an SDK registers, and off again when it is removed', () => {
    expect(tracing()).toBe(true);
    trace.disable();
    expect(tracing()).toBe(false);
    register();
    expect(tracing()).toBe(true);
  });

  it('RiskEngine.submit: the order and the decision; a rejection is an attribute, not an error', () => {
    const { risk, btc } = engine();
    const ok = risk.submit({ clientId: 1, instrument: btc, side: 'buy', price: 59990, qty: 0.01, strategy: 'mm' }, 0);
    const off = risk.submit({ clientId: 2, instrument: btc, side: 'sell', price: 59990.15, qty: 0.01 }, 0);
    expect([ok.ok, off.reason]).toEqual([true, 'PriceOffTick']);
    const [a, b] = exporter.getFinishedSpans();
    expect(a!.name).toBe('RiskEngine.submit');
    expect(a!.attributes).toEqual({
      'hean.order.client_id': 1,
      'hean.order.instrument': btc,
      'hean.order.side': 'buy',
      'hean.order.price': 59990,
      'hean.order.qty': 0.01,
      'hean.strategy': 'mm',
      'hean.risk.accepted': true,
      'hean.risk.reason': 'Accepted',
      'hean.risk.code': 0,
    });
    expect(b!.attributes['hean.risk.accepted']).toBe(false);
    expect(b!.attributes['hean.risk.reason']).toBe('PriceOffTick');
    expect(b!.attributes['hean.risk.code']).toBe(off.code);
    expect(b!.status.code).toBe(SpanStatusCode.UNSET);
    expect(b!.events).toHaveLength(0);
  });

  it('records an exception and sets status ERROR, then rethrows it unchanged', () => {
    const { risk, btc } = engine();
    let thrown: unknown;
    try {
      risk.submit({ clientId: 3, instrument: btc, side: 'up' as 'buy', price: 59990, qty: 0.01 }, 0);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    const [s] = exporter.getFinishedSpans();
    expect(s!.status).toEqual({ code: SpanStatusCode.ERROR, message: (thrown as Error).message });
    expect(s!.events.map((e) => e.name)).toEqual(['exception']);
    expect(s!.events[0]!.attributes!['exception.type']).toBe('RangeError');
    expect(s!.events[0]!.attributes!['exception.message']).toBe((thrown as Error).message);
  });

  it('never runs the caller’s getters for attributes', () => {
    const { risk, btc } = engine();
    let reads = 0;
    const order = { clientId: 4, instrument: btc, side: 'buy' as const, price: 59990, get qty() { reads++; return 0.01; } };
    expect(risk.submit(order, 0).ok).toBe(true);
    expect(reads).toBe(1); // validation's one read
    expect(exporter.getFinishedSpans()[0]!.attributes['hean.order.qty']).toBeUndefined();
  });

  it('the caller’s active span is the parent (startSpan under context.with and startActiveSpan)', () => {
    const { risk, btc } = engine();
    const tracer = trace.getTracer('app');
    const parent = tracer.startSpan('app.strategy');
    context.with(trace.setSpan(context.active(), parent), () => risk.submit({ clientId: 5, instrument: btc, side: 'buy', price: 59990, qty: 0.01 }, 0));
    parent.end();
    tracer.startActiveSpan('app.tick', (tick) => {
      risk.submit({ clientId: 6, instrument: btc, side: 'buy', price: 59990, qty: 0.01 }, 0);
      tick.end();
    });
    risk.submit({ clientId: 7, instrument: btc, side: 'buy', price: 59990, qty: 0.01 }, 0); // no active span: a root
    const spans = exporter.getFinishedSpans();
    const byId = (id: number) => spans.find((s) => s.attributes['hean.order.client_id'] === id)!;
    const app = spans.find((s) => s.name === 'app.strategy')!;
    const tick = spans.find((s) => s.name === 'app.tick')!;
    expect(byId(5).parentSpanContext?.spanId).toBe(app.spanContext().spanId);
    expect(byId(5).spanContext().traceId).toBe(app.spanContext().traceId);
    expect(byId(6).parentSpanContext?.spanId).toBe(tick.spanContext().spanId);
    expect(byId(7).parentSpanContext).toBeUndefined();
    expect(byId(7).spanContext().traceId).not.toBe(app.spanContext().traceId);
  });

  it('RiskEngine.submitBatch: size, accepted and rejected', () => {
    const { risk, btc } = engine();
    const r = risk.submitBatch(
      { clientIds: Float64Array.of(10, 11, 12), instruments: Uint32Array.of(btc, btc, btc), sides: Uint8Array.of(0, 0, 1), prices: Float64Array.of(59990, 59990.15, 60010), qtys: Float64Array.of(0.01, 0.01, 0.01), strategy: 'b' },
      0,
    );
    const [s] = exporter.getFinishedSpans();
    expect(s!.name).toBe('RiskEngine.submitBatch');
    expect(s!.attributes).toEqual({ 'hean.strategy': 'b', 'hean.batch.size': 3, 'hean.batch.accepted': r.accepted, 'hean.batch.rejected': 3 - r.accepted });
    expect(r.accepted).toBe(2);
  });

  it('Router.route: the request and the plan', () => {
    const a = new OrderBook({ venue: 'a', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.0001' });
    a.applySnapshot(1, [[99, 1]], [[100, 1], [100.2, 5]]);
    const b = new OrderBook({ venue: 'b', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.0001' });
    b.applySnapshot(1, [[99, 1]], [[100.05, 1], [100.3, 5]]);
    const r = new Router();
    r.addVenue({ book: a, takerFee: 0.001 });
    r.addVenue({ book: b, takerFee: 0 });
    const p = r.route({ side: 'buy', qty: 1.5, limit: 101 });
    const [s] = exporter.getFinishedSpans();
    expect(s!.name).toBe('Router.route');
    expect(s!.attributes).toEqual({
      'hean.route.side': 'buy',
      'hean.route.qty': 1.5,
      'hean.route.limit': 101,
      'hean.route.children': 2,
      'hean.route.dropped': 0,
      'hean.route.filled': p.filled,
      'hean.route.unfilled': 0,
      'hean.route.avg_price': p.avgPrice,
      'hean.route.passes': 1,
    });
  });

  it('backtest runs: one span each, with the run’s size', () => {
    const close = Float64Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7));
    const entries = Uint8Array.from({ length: 400 }, (_, i) => (i % 40 === 0 ? 1 : 0));
    const exits = Uint8Array.from({ length: 400 }, (_, i) => (i % 40 === 20 ? 1 : 0));
    const sig = backtest.fromSignals({ close, entries, exits });
    const ord = backtest.fromOrders({ close, size: Float64Array.from({ length: 200 }, (_, i) => (i % 50 === 0 ? 1 : i % 50 === 25 ? -1 : NaN)) });
    const grid = backtest.maCrossGrid({ close }, { fast: [3, 5], slow: [10, 20], trades: true });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['backtest.fromSignals', 'backtest.fromOrders', 'backtest.maCrossGrid']);
    expect(spans[0]!.attributes).toEqual({ 'hean.backtest.columns': 2, 'hean.backtest.bars': 200, 'hean.backtest.trades': sig.trades!.pnl.length });
    expect(sig.trades!.pnl.length).toBeGreaterThan(0);
    expect(spans[1]!.attributes).toEqual({ 'hean.backtest.columns': 1, 'hean.backtest.bars': 200, 'hean.backtest.trades': ord.trades!.pnl.length });
    expect(spans[2]!.attributes).toEqual({ 'hean.backtest.combinations': 4, 'hean.backtest.trades': grid.trades!.pnl.length });
  });

  it('a sampler that records nothing gets no spans, and results are unchanged', () => {
    register(new AlwaysOffSampler());
    const { risk, btc } = engine();
    expect(risk.submit({ clientId: 8, instrument: btc, side: 'buy', price: 59990.15, qty: 0.01 }, 0).reason).toBe('PriceOffTick');
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    register();
  });
});

describe('the built package, with and without @opentelemetry/api', () => {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const pkg = mkdtempSync(join(tmpdir(), 'hean-otel-'));
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));
  const env = { ...process.env, HEAN_CPP_ADDON: here('../build/Release/hean_cpp.node'), HEAN_RUST_ADDON: here('../build/rust/hean_rust.node') };
  const order = `const r = new h.RiskEngine(); const i = r.addInstrument({ symbol: 'S', tickSize: '0.1', qtyStep: '0.001' }); r.mark(i, 100, 0);
    const d = r.submit({ clientId: 1, instrument: i, side: 'buy', price: 100.05, qty: 1 }, 0);
    if (d.reason !== 'PriceOffTick') throw new Error(JSON.stringify(d));`;
  const cjsSdk = `const api = require('@opentelemetry/api'); const { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
    const ex = new InMemorySpanExporter(); api.trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(ex)] }));`;
  const run = (file: string, code: string) => {
    writeFileSync(join(pkg, file), code);
    return execFileSync(process.execPath, [join(pkg, file)], { env, encoding: 'utf8' }).trim();
  };

  beforeAll(() => {
    cpSync(here('../dist'), join(pkg, 'node_modules', 'hean', 'dist'), { recursive: true });
    cpSync(here('../package.json'), join(pkg, 'node_modules', 'hean', 'package.json'));
    symlinkSync(here('../node_modules/node-gyp-build'), join(pkg, 'node_modules', 'node-gyp-build'), 'dir');
  });

  it('without the package: no error, ESM and CJS', () => {
    expect(run('a.mjs', `import * as h from 'hean'; ${order} console.log('ok');`)).toBe('ok');
    expect(run('a.cjs', `const h = require('hean'); ${order} console.log('ok');`)).toBe('ok');
  });

  it('with the package and an SDK: spans from ESM and CJS', () => {
    mkdirSync(join(pkg, 'node_modules', '@opentelemetry'));
    for (const p of ['api', 'sdk-trace-base', 'sdk-trace', 'core', 'resources', 'semantic-conventions']) {
      symlinkSync(here(`../node_modules/@opentelemetry/${p}`), join(pkg, 'node_modules', '@opentelemetry', p), 'dir');
    }
    expect(run('b.mjs', `import * as h from 'hean'; ${order} console.log('ok');`)).toBe('ok'); // package, no SDK
    const show = `console.log(ex.getFinishedSpans().map((s) => s.name + ' ' + s.attributes['hean.risk.reason']).join());`;
    // The app's ESM copy of the API registers; hean's createRequire'd CJS copy must see it.
    const esmSdk = `import * as api from '@opentelemetry/api'; import { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
      const ex = new InMemorySpanExporter(); api.trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(ex)] }));`;
    expect(run('c.mjs', `import * as h from 'hean'; ${esmSdk} ${order} ${show}`)).toBe('RiskEngine.submit PriceOffTick');
    expect(run('c.cjs', `const h = require('hean'); ${cjsSdk} ${order} ${show}`)).toBe('RiskEngine.submit PriceOffTick');
  });
});
