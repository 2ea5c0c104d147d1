/**
 * `hean/nats`: a shared risk service and distributed backtests on NATS. Needs the optional
 * peer dependencies `@nats-io/transport-node`, `@nats-io/jetstream`, `@nats-io/kv` and
 * `@nats-io/services`; the main `hean` entry never loads them.
 *
 * - {@link serveRisk} runs a RiskEngine as a NATS service (discoverable with `$SRV.PING`),
 *   journaling every state change to JetStream and snapshotting to a KV bucket.
 * - {@link RemoteRiskEngine} is its client: RiskEngine's methods, async, coalesced per tick.
 * - {@link sweepMaCrossGrid} splits a backtest grid over {@link runWorker} processes
 *   (`hean worker`) through a JetStream work queue and gathers the metrics.
 *
 * @packageDocumentation
 */
export { serveRisk } from './service.js';
export type { RiskService, ServeRiskOptions } from './service.js';
export { RemoteRiskEngine, RiskServiceError } from './remote.js';
export type { RemoteRiskOptions } from './remote.js';
export { riskNames } from './names.js';
export type { RiskNames } from './names.js';
export type { AdminOp, InstrumentAdd, LimitsChange, Query, StateChange } from './apply.js';
export { runWorker, SWEEP, sweepFromSignals, sweepMaCrossGrid } from './sweep.js';
export type { QueueOptions, SignalSweepResult, SweepOptions, SweepResult, SweepWorker, WorkerOptions } from './sweep.js';
