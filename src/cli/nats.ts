// `hean serve-risk` and `hean worker`: the NATS commands of the CLI. They load the NATS
// client packages (optional peer dependencies) only when run.
import { readFileSync } from 'node:fs';
import { RiskEngine, type AccountLimits, type InstrumentLimits, type InstrumentRules } from '../trading/risk.js';

/** The `serve-risk` config file (JSON). */
export interface ServeRiskConfig {
  /** Risk domain name (default 'risk'). */
  name?: string;
  /** KV bucket (default 'hean_risk'). */
  bucket?: string;
  /** Lease length in ms (default 5000). */
  leaseMs?: number;
  /** Snapshot every this many events (default 10000). */
  snapshotEvery?: number;
  /** Account limits of a new engine. */
  account?: AccountLimits;
  /** Instruments of a new engine (used only when the domain has no snapshot yet). */
  instruments?: { rules: InstrumentRules; limits?: InstrumentLimits }[];
}

/** Parses `--key value` flags; unknown flags are an error naming the allowed ones. */
function flags(args: readonly string[], allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !allowed.includes(m[1]!)) throw new RangeError(`unknown argument '${a}'; allowed: ${allowed.map((f) => `--${f}`).join(', ')}`);
    const v = m[2] ?? args[++i];
    if (v === undefined) throw new RangeError(`--${m[1]} needs a value`);
    out[m[1]!] = v;
  }
  return out;
}

const CONN_FLAGS = ['nats', 'creds', 'user', 'pass', 'token', 'tls-ca', 'tls-cert', 'tls-key'] as const;

/** Connects with the connection flags (TLS and credentials pass through to the client). */
async function connectFrom(f: Record<string, string>, name: string) {
  const { connect, credsAuthenticator } = await import('@nats-io/transport-node');
  if (!f.nats) throw new RangeError('--nats URL is required (e.g. --nats nats://127.0.0.1:4222; several comma-separated)');
  const tls = f['tls-ca'] || f['tls-cert'] ? { caFile: f['tls-ca'], certFile: f['tls-cert'], keyFile: f['tls-key'] } : undefined;
  return connect({
    servers: f.nats.split(','),
    name,
    maxReconnectAttempts: -1,
    ...(f.creds ? { authenticator: credsAuthenticator(new Uint8Array(readFileSync(f.creds))) } : {}),
    ...(f.user ? { user: f.user, pass: f.pass } : {}),
    ...(f.token ? { token: f.token } : {}),
    ...(tls ? { tls } : {}),
  });
}

/** Waits for SIGINT / SIGTERM. */
const untilSignal = () => new Promise<NodeJS.Signals>((r) => (process.once('SIGINT', () => r('SIGINT')), process.once('SIGTERM', () => r('SIGTERM'))));

/**
 * `hean serve-risk --nats URL --config FILE [--creds FILE | --user U --pass P | --token T] [--tls-ca F]`:
 * serves a risk engine until SIGINT/SIGTERM (then snapshots and leaves the lease).
 */
export async function serveRiskCommand(args: readonly string[]): Promise<number> {
  const f = flags(args, [...CONN_FLAGS, 'config']);
  if (!f.config) throw new RangeError('--config FILE is required (JSON: name, account, instruments)');
  const cfg = JSON.parse(readFileSync(f.config, 'utf8')) as ServeRiskConfig;
  const engine = new RiskEngine(cfg.account);
  for (const i of cfg.instruments ?? []) engine.addInstrument(i.rules, i.limits);
  const { serveRisk } = await import('../nats/service.js');
  const nc = await connectFrom(f, `hean serve-risk ${cfg.name ?? 'risk'}`);
  const svc = await serveRisk(nc, engine, {
    ...(cfg.name ? { name: cfg.name } : {}),
    ...(cfg.bucket ? { bucket: cfg.bucket } : {}),
    ...(cfg.leaseMs ? { leaseMs: cfg.leaseMs } : {}),
    ...(cfg.snapshotEvery ? { snapshotEvery: cfg.snapshotEvery } : {}),
  });
  console.log(`hean serve-risk: serving '${svc.names.name}' on ${svc.names.prefix}.* (id ${svc.id}, journal at ${svc.seq})`);
  const why = await Promise.race([untilSignal(), svc.stopped.then(() => 'lease lost' as const)]);
  await svc.stop();
  await nc.drain();
  console.log(`hean serve-risk: stopped (${why})`);
  return why === 'lease lost' ? 1 : 0;
}

/**
 * `hean worker --nats URL [--ack-wait MS] [--max-deliver N] [connection flags]`: pulls
 * sweep chunks until SIGINT/SIGTERM (finishing the chunk in hand).
 */
export async function workerCommand(args: readonly string[]): Promise<number> {
  const f = flags(args, [...CONN_FLAGS, 'ack-wait', 'max-deliver']);
  const { runWorker } = await import('../nats/sweep.js');
  const nc = await connectFrom(f, 'hean worker');
  const w = await runWorker(nc, {
    ...(f['ack-wait'] ? { ackWaitMs: Number(f['ack-wait']) } : {}),
    ...(f['max-deliver'] ? { maxDeliver: Number(f['max-deliver']) } : {}),
    onChunk: (c) => console.log(`hean worker: sweep ${c.sweep} chunk ${c.chunk} (${c.combinations} combinations, ${c.ms.toFixed(0)} ms, delivery ${c.delivery})`),
  });
  console.log('hean worker: waiting for chunks');
  await untilSignal();
  await w.stop();
  await nc.drain();
  return 0;
}
