// Spans on remote risk calls (RemoteRiskEngine over a real nats-server), recorded by the
// OpenTelemetry SDK's in-memory exporter: one span per call, ended when the reply arrives,
// with the order's attributes and the decision; a failed call records its exception.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteRiskEngine, serveRisk } from '../../src/nats/index.js';
import { RiskEngine } from '../../src/index.js';
import { startNats, type NatsServer } from './server.js';

const T0 = 1_700_000_000_000;

function baseEngine(): RiskEngine {
  const e = new RiskEngine();
  e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
  e.mark(0, 30_000, T0);
  return e;
}
const exporter = new InMemorySpanExporter();
let srv: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  srv = await startNats();
  nc = await connect({ servers: srv.url });
  trace.disable();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(async () => {
  trace.disable();
  await nc?.close();
  await srv?.close();
});

describe('RemoteRiskEngine spans', () => {
  it('check, submit and the batch forms each record a span with the decision', async () => {
    const svc = await serveRisk(nc, baseEngine(), { name: 'otel' });
    const remote = new RemoteRiskEngine(nc, { name: 'otel' });
    exporter.reset();
    const ok = await remote.submit({ clientId: 1, instrument: 0, side: 'buy', price: 30_000, qty: 0.01, strategy: 'alpha' }, T0);
    const bad = await remote.check({ clientId: 2, instrument: 0, side: 'buy', price: 30_000.05, qty: 0.01 }, T0);
    const codes = await remote.checkBatch({ clientIds: Float64Array.of(3, 4), instruments: Uint32Array.of(0, 0), sides: Uint8Array.of(0, 1), prices: Float64Array.of(30_000, 30_000.05), qtys: Float64Array.of(0.01, 0.01) }, T0);
    expect([ok.ok, bad.reason, Array.from(codes)]).toEqual([true, 'PriceOffTick', [0, 6]]);
    // (The service's own engine, in this process, records its RiskEngine.submitBatch spans too.)
    const spans = exporter.getFinishedSpans().filter((s) => s.name.startsWith('RemoteRiskEngine.'));
    expect(spans.map((s) => s.name)).toEqual(['RemoteRiskEngine.submit', 'RemoteRiskEngine.check', 'RemoteRiskEngine.checkBatch']);
    expect(spans[0]!.attributes).toMatchObject({ 'hean.order.client_id': 1, 'hean.order.side': 'buy', 'hean.strategy': 'alpha', 'hean.risk.accepted': true, 'hean.risk.code': 0 });
    expect(spans[1]!.attributes).toMatchObject({ 'hean.risk.accepted': false, 'hean.risk.reason': 'PriceOffTick' });
    expect(spans[2]!.attributes).toMatchObject({ 'hean.batch.size': 2, 'hean.batch.accepted': 1, 'hean.batch.rejected': 1 });
    // Each span lasts until the reply: a round trip, not zero.
    for (const s of spans) expect(s.duration[0] * 1e9 + s.duration[1]).toBeGreaterThan(0);
    await svc.stop();
  });

  it('a call that fails records the exception and status ERROR', async () => {
    const remote = new RemoteRiskEngine(nc, { name: 'nobody-serves-this', timeout: 200 });
    exporter.reset();
    await expect(remote.submit({ clientId: 1, instrument: 0, side: 'buy', price: 1, qty: 1 }, T0)).rejects.toThrow();
    const [s] = exporter.getFinishedSpans().filter((x) => x.name.startsWith('RemoteRiskEngine.'));
    expect(s!.name).toBe('RemoteRiskEngine.submit');
    expect(s!.status.code).toBe(2);
    expect(s!.events.some((e) => e.name === 'exception')).toBe(true);
  });
});
