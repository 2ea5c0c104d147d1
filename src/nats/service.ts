// serveRisk: a RiskEngine as a NATS service (ADR-32 services API). Requests are applied
// in arrival order; every state-changing one is appended to a JetStream stream (with the
// expected last sequence, so the log has no gaps and a stale leader cannot write) before
// its reply. Snapshots go to a KV bucket; a start restores the latest one and replays the
// stream after it. One service is active per name: it holds a lease key in the bucket.
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { Svcm, type Service, type ServiceMsg } from '@nats-io/services';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RiskEngine } from '../trading/risk.js';
import { ADMIN_OPS, ApplyContext, applyAdmin, applySegments, runQuery } from './apply.js';
import { encodeReply, Op, parseRequest, WireError } from './codec.js';
import { bytesJson, jsonBytes } from './json.js';
import { riskNames, type RiskNames } from './names.js';

/** Options of {@link serveRisk}. */
export interface ServeRiskOptions {
  /** Name of this risk domain (one account): subjects, stream and keys derive from it. Default `'risk'`. */
  name?: string;
  /** KV bucket for snapshots and the lease. Default `'hean_risk'`. */
  bucket?: string;
  /** Snapshot after this many journaled events (default 10000). */
  snapshotEvery?: number;
  /** Lease length in ms (default 5000); renewed every third of it. A standby takes over after it lapses. */
  leaseMs?: number;
  /** Largest records (orders, fills, …) in one request (default 65536); more gets a 413 error reply. */
  maxRecords?: number;
  /** Largest request in bytes (default 1 MiB); more gets a 413 error reply. */
  maxBytes?: number;
  /** Version reported by `$SRV.INFO` (default the package's). */
  version?: string;
  /** Called when the lease is lost (the service has stopped serving). */
  onLeaseLost?: () => void;
}

/** A running risk service (see {@link serveRisk}). */
export interface RiskService {
  /** Subjects, stream and keys in use. */
  readonly names: RiskNames;
  /** Id of this instance (also the lease holder id and the services API id). */
  readonly id: string;
  /** Stream sequence of the last journaled event applied. */
  readonly seq: number;
  /** Writes a snapshot to the KV bucket now (waits for journal writes in flight). */
  snapshot(): Promise<void>;
  /** Stops serving and renewing the lease (after a final snapshot unless `snapshot: false`); the engine is left as it is. */
  stop(opts?: { snapshot?: boolean }): Promise<void>;
  /** Resolves when the service has stopped (by stop() or a lost lease). */
  readonly stopped: Promise<void>;
}

const CHUNK = 256 * 1024;
const HOT = { check: (1 << Op.CHECK) | (1 << Op.CHECK_CANCEL), submit: 1 << Op.SUBMIT, fill: 1 << Op.FILL, cancel: (1 << Op.CANCEL) | (1 << Op.REJECT), mark: (1 << Op.MARK) | (1 << Op.TICK) };

/** An 8-byte aligned copy buffer for requests, reused (grown when needed). */
class Scratch {
  u8 = new Uint8Array(64 * 1024);
  fit(data: Uint8Array): Uint8Array {
    if (this.u8.length < data.length) this.u8 = new Uint8Array(Math.max(data.length, this.u8.length * 2));
    this.u8.set(data);
    return this.u8;
  }
}

/**
 * Runs `engine` as a NATS service on the user's connection `nc` (TLS, credentials and
 * permissions are the connection's). Takes the lease (waiting while another live instance
 * holds it: that is a standby), restores the latest snapshot and replays the journal,
 * then serves. The engine passed in is the initial state for a name never served before;
 * otherwise its state is replaced by the recovered one.
 *
 * Endpoints (`<prefix>` = `hean.risk.<name>`): `check`, `submit`, `fill`, `cancel`, `mark`
 * (binary, see `src/nats/codec.ts`), `query` and `snapshot`; admin endpoints on
 * `<prefix>.admin.state|limits|instrument|restore`. Errors come back in the
 * `Nats-Service-Error` / `Nats-Service-Error-Code` headers.
 */
export async function serveRisk(nc: NatsConnection, engine: RiskEngine, options: ServeRiskOptions = {}): Promise<RiskService> {
  const names = riskNames(options.name ?? 'risk', options.bucket);
  const leaseMs = options.leaseMs ?? 5000;
  const snapshotEvery = options.snapshotEvery ?? 10_000;
  const maxRecords = options.maxRecords ?? 65_536;
  const maxBytes = options.maxBytes ?? 1 << 20;
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await ensureStream(jsm, names);
  const kv = await new Kvm(nc).create(names.bucket, { history: 1 });
  const id = `${names.name}-${Math.random().toString(36).slice(2, 10)}-${process.pid}`;

  // --- the lease
  let leaseRev = await acquireLease(kv, names.leaseKey, id, leaseMs);
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let active = true;
  let svc: Service | undefined;
  let renewedAt = Date.now();
  const renew = setInterval(() => {
    const at = Date.now();
    kv.update(names.leaseKey, jsonBytes({ id, until: at + leaseMs }), leaseRev).then(
      (rev) => ((leaseRev = rev), (renewedAt = at)),
      (e) => {
        // Lost when another instance wrote the key, or when it may have lapsed (a standby
        // may hold it now); a failed renewal inside the lease (a reconnect) is retried.
        if (!active || (!/wrong last sequence/i.test(String(e)) && Date.now() - renewedAt < leaseMs)) return;
        void halt().then(() => options.onLeaseLost?.());
      },
    );
  }, Math.max(50, Math.floor(leaseMs / 3)));

  // --- state: recover, then serve
  const ctx = new ApplyContext();
  let seq = 0; // last journaled sequence applied
  let inflight = 0;
  let since = 0; // events since the last snapshot
  let broken: Promise<void> | undefined;
  const idle: (() => void)[] = [];
  const scratch = new Scratch();

  const applyEvent = (subject: string, data: Uint8Array) => {
    const kind = subject.slice(names.log.length + 1);
    if (kind === 'b') {
      const buf = scratch.fit(data);
      try {
        applySegments(engine, ctx, buf, parseRequest(buf, data.length, 0xff, Infinity));
      } catch {
        // The live request threw at the same point: the state is the same.
      }
    } else if (kind.startsWith('a.')) {
      const op = kind.slice(2);
      try {
        applyAdmin(engine, ctx, op, op === 'restore' ? null : bytesJson(data), data);
      } catch {
        // Only successful admin operations are journaled; a throw here changes nothing.
      }
    }
  };

  const recover = async () => {
    const head = await readSnapshot(kv, names);
    const info = await jsm.streams.info(names.stream);
    const last = info.state.last_seq;
    if (head) {
      engine.restore(head.bytes);
      ctx.reset();
      seq = head.seq;
    } else if (last > 0) {
      throw new Error(`hean: stream ${names.stream} holds ${last} events but bucket ${names.bucket} has no snapshot ${names.snapKey}: cannot recover`);
    } else {
      seq = 0;
      await writeSnapshot(kv, names, engine.snapshot(), 0);
    }
    if (last > seq) {
      if (info.state.first_seq > seq + 1) throw new Error(`hean: stream ${names.stream} starts at ${info.state.first_seq}, after the snapshot's ${seq}: events are missing`);
      const c = await js.consumers.get(names.stream, { opt_start_seq: seq + 1 });
      const it = await c.consume();
      for await (const m of it) {
        applyEvent(m.subject, m.data);
        seq = m.seq;
        if (m.seq >= last) break;
      }
      await it.close();
    }
    since = 0;
  };
  try {
    await recover();
  } catch (e) {
    clearInterval(renew);
    await kv.delete(names.leaseKey).catch(() => undefined);
    throw e;
  }

  const whenIdle = () => (inflight === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r)));
  let snapping: Promise<void> | undefined;
  let keepFrom = seq + 1;
  const snapshot = (): Promise<void> =>
    (snapping ??= whenIdle()
      .then(async () => {
        const at = seq;
        since = 0;
        await writeSnapshot(kv, names, engine.snapshot(), at);
        // The log before the previous snapshot is needed by no recovery: drop it (never the
        // last event: an emptied stream would not vouch for the expected last sequence).
        if (keepFrom > 1 && keepFrom <= at) await jsm.streams.purge(names.stream, { seq: keepFrom }).catch(() => undefined);
        if (at + 1 > keepFrom) keepFrom = at + 1;
      })
      .finally(() => (snapping = undefined)));

  // A journal write failed: later writes fail too (wrong expected sequence), so the
  // engine is ahead of the log. Stop replying until it is rebuilt from the log.
  const rebuild = () =>
    (broken ??= whenIdle()
      .then(async () => {
        for (;;) {
          try {
            return await recover();
          } catch {
            if (!active) return;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      })
      .finally(() => (broken = undefined)));

  /** Appends an event; returns the promise of its acknowledgement. */
  const journal = (kind: string, data: Uint8Array): Promise<unknown> => {
    inflight++;
    const expected = seq + inflight - 1;
    return js.publish(`${names.log}.${kind}`, data, { expect: { lastSequence: expected } }).then(
      (ack) => {
        seq = ack.seq;
        since++;
        if (--inflight === 0) {
          for (const r of idle.splice(0)) r();
          if (since >= snapshotEvery) void snapshot().catch(() => undefined);
        }
      },
      (err) => {
        if (--inflight === 0) for (const r of idle.splice(0)) r();
        void rebuild();
        throw err;
      },
    );
  };

  const fail = (msg: ServiceMsg, e: unknown) => {
    const code = e instanceof WireError ? e.code : e instanceof RangeError || e instanceof TypeError ? 400 : 500;
    // The engine's error class leads the text, so the client rethrows the same class.
    const text = e instanceof WireError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    msg.respondError(code, text.replace(/[\r\n]+/g, ' '));
  };

  const hot = (allowed: number, mutating: boolean) => (err: Error | null, msg: ServiceMsg) => {
    if (err) return;
    if (broken) return void msg.respondError(503, 'recovering from a journal failure; retry');
    const data = msg.data;
    if (data.length > maxBytes) return void msg.respondError(413, `request of ${data.length} bytes exceeds maxBytes ${maxBytes}`);
    const buf = scratch.fit(data);
    let reply: Uint8Array;
    let thrown: unknown;
    try {
      const segs = parseRequest(buf, data.length, allowed, maxRecords);
      const r = applySegments(engine, ctx, buf, segs);
      reply = encodeReply(ctx.codes, r.n, r.messages);
    } catch (e) {
      // A malformed request changed nothing; an engine throw mid-request is replayed identically.
      if (e instanceof WireError) return fail(msg, e);
      thrown = e;
      reply = new Uint8Array(0);
    }
    if (!mutating) return void (thrown === undefined ? msg.respond(reply) : fail(msg, thrown));
    journal('b', data).then(
      () => (thrown === undefined ? msg.respond(reply) : fail(msg, thrown)),
      (e) => msg.respondError(503, `journal write failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  const admin = (op: string) => (err: Error | null, msg: ServiceMsg) => {
    if (err) return;
    if (broken) return void msg.respondError(503, 'recovering from a journal failure; retry');
    if (msg.data.length > maxBytes) return void msg.respondError(413, `request of ${msg.data.length} bytes exceeds maxBytes ${maxBytes}`);
    let result: unknown;
    try {
      result = applyAdmin(engine, ctx, op, op === 'restore' ? null : bytesJson(msg.data), msg.data);
    } catch (e) {
      return fail(msg, e instanceof SyntaxError ? new WireError(`body is not JSON: ${e.message}`) : e);
    }
    journal(`a.${op}`, msg.data).then(
      () => msg.respond(jsonBytes(result ?? null)),
      (e) => msg.respondError(503, `journal write failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  svc = await new Svcm(nc as never).add({ name: 'hean-risk', version: options.version ?? '0.1.0', description: `hean risk engine '${names.name}'`, metadata: { name: names.name, prefix: names.prefix } });
  const g = svc.addGroup(names.prefix);
  for (const [ep, allowed] of Object.entries(HOT)) g.addEndpoint(ep, { handler: hot(allowed, ep !== 'check'), metadata: { format: 'hean-wire-1' } });
  g.addEndpoint('query', {
    handler: (err, msg) => {
      if (err) return;
      try {
        const q = bytesJson<{ q: string; args?: unknown[] }>(msg.data);
        msg.respond(jsonBytes(runQuery(engine, q?.q, q?.args ?? []) ?? null));
      } catch (e) {
        fail(msg, e instanceof SyntaxError ? new WireError(`body is not JSON: ${e.message}`) : e);
      }
    },
  });
  g.addEndpoint('snapshot', {
    handler: (err, msg) => {
      if (err) return;
      try {
        msg.respond(engine.snapshot());
      } catch (e) {
        fail(msg, e);
      }
    },
  });
  const ga = svc.addGroup(`${names.prefix}.admin`);
  for (const op of ADMIN_OPS) ga.addEndpoint(op, { handler: admin(op) });
  // Serving once the server has the subscriptions.
  await nc.flush();

  const halt = async () => {
    if (!active) return;
    active = false;
    clearInterval(renew);
    await svc?.stop().catch(() => undefined);
    resolveStopped();
  };

  return {
    names,
    id,
    get seq() {
      return seq;
    },
    snapshot,
    stopped,
    async stop(opts) {
      if (!active) return;
      await svc?.stop().catch(() => undefined);
      await whenIdle();
      if (opts?.snapshot !== false) await snapshot().catch(() => undefined);
      await halt();
      await kv.delete(names.leaseKey).catch(() => undefined);
    },
  };
}

async function ensureStream(jsm: JetStreamManager, n: RiskNames): Promise<void> {
  try {
    await jsm.streams.info(n.stream);
  } catch {
    await jsm.streams.add({ name: n.stream, subjects: [`${n.log}.>`] });
  }
}

async function acquireLease(kv: KV, key: string, id: string, leaseMs: number): Promise<number> {
  for (;;) {
    const value = jsonBytes({ id, until: Date.now() + leaseMs });
    const cur = await kv.get(key);
    try {
      if (!cur || cur.operation !== 'PUT') return await kv.create(key, value);
      const held = bytesJson<{ until: number }>(cur.value);
      if (!(held.until > Date.now())) return await kv.update(key, value, cur.revision);
    } catch {
      // Another instance won the race: wait and look again.
    }
    await new Promise((r) => setTimeout(r, Math.max(50, Math.floor(leaseMs / 3))));
  }
}

/** Writes a snapshot in chunks under a new generation, then points the head at it. */
async function writeSnapshot(kv: KV, n: RiskNames, bytes: Uint8Array, seq: number): Promise<void> {
  const prev = await kv.get(n.snapKey);
  const gen = prev && prev.operation === 'PUT' ? bytesJson<{ gen: number }>(prev.value).gen + 1 : 1;
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let i = 0; i < chunks; i++) await kv.put(`${n.snapKey}.${gen}.${i}`, bytes.subarray(i * CHUNK, (i + 1) * CHUNK));
  await kv.put(n.snapKey, jsonBytes({ gen, seq, chunks, size: bytes.length }));
  if (prev && prev.operation === 'PUT') {
    const old = bytesJson<{ gen: number; chunks: number }>(prev.value);
    for (let i = 0; i < old.chunks; i++) await kv.purge(`${n.snapKey}.${old.gen}.${i}`).catch(() => undefined);
  }
}

/** The latest snapshot and the stream sequence it covers, or undefined. */
export async function readSnapshot(kv: KV, n: RiskNames): Promise<{ seq: number; bytes: Uint8Array } | undefined> {
  const head = await kv.get(n.snapKey);
  if (!head || head.operation !== 'PUT') return undefined;
  const h = bytesJson<{ gen: number; seq: number; chunks: number; size: number }>(head.value);
  const bytes = new Uint8Array(h.size);
  let off = 0;
  for (let i = 0; i < h.chunks; i++) {
    const c = await kv.get(`${n.snapKey}.${h.gen}.${i}`);
    if (!c) throw new Error(`hean: snapshot chunk ${i} of generation ${h.gen} is missing`);
    bytes.set(c.value, off);
    off += c.value.length;
  }
  if (off !== h.size) throw new Error(`hean: snapshot generation ${h.gen} has ${off} bytes, expected ${h.size}`);
  return { seq: h.seq, bytes };
}
