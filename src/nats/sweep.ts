// Distributed parameter sweeps: a client splits a moving-average grid into chunks, puts
// the price columns in a KV bucket and the chunks on a JetStream work-queue stream; any
// number of workers pull chunks through one shared durable consumer (ack wait, max
// deliveries: a dead worker's chunk comes back), run them with backtest.maCrossGrid and
// publish the metrics to a results stream (message id = sweep.chunk, so the stream drops a
// duplicate; the client keeps the first result of each chunk). Chunks of one grid run
// through the same kernel as the whole grid, so the gathered metrics equal a local run.
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { backtest, metricNames, type MaGridOptions, type Metrics, type PriceInputs, type SignalInputs, type SignalOptions } from '../backtest/index.js';
import { bytesJson, jsonBytes } from './json.js';

/** Stream, consumer, subjects and bucket of the sweep work queue. */
export const SWEEP = Object.freeze({
  jobs: 'HEAN_SWEEP_JOBS',
  jobSubject: 'hean.sweep.jobs',
  consumer: 'hean-workers',
  results: 'HEAN_SWEEP_RESULTS',
  resultSubject: 'hean.sweep.results',
  bucket: 'hean_sweep',
});

/** Work-queue settings (the shared consumer is created with them by whoever comes first; later calls update it). */
export interface QueueOptions {
  /** How long a worker may hold a chunk before it is redelivered (default 30000 ms). Keep a chunk's run well under it. */
  ackWaitMs?: number;
  /** Deliveries of a chunk before it is dropped (default 5). */
  maxDeliver?: number;
}

/** Options of {@link sweepMaCrossGrid}. */
export interface SweepOptions extends QueueOptions {
  /** Combinations per chunk (default 64). */
  chunk?: number;
  /** Give up after this many ms without all chunks (default 10 minutes). */
  timeoutMs?: number;
}

/** Result of {@link sweepMaCrossGrid}: the same combinations and metrics as `backtest.maCrossGrid` (without trades). */
export interface SweepResult {
  readonly combinations: number;
  readonly fast: Int32Array;
  readonly slow: Int32Array;
  readonly metrics: Metrics;
  /** Chunks the grid was split into. */
  readonly chunks: number;
  /** Results that arrived for a chunk already gathered (ignored). */
  readonly duplicates: number;
}

const M = metricNames.length;
const DATA_CHUNK = 512 * 1024;
const PX = ['open', 'high', 'low', 'close'] as const;

async function ensureQueue(jsm: JetStreamManager, q: QueueOptions): Promise<void> {
  const ackWait = (q.ackWaitMs ?? 30_000) * 1e6;
  const maxDeliver = q.maxDeliver ?? 5;
  await jsm.streams.info(SWEEP.jobs).catch(() => jsm.streams.add({ name: SWEEP.jobs, subjects: [SWEEP.jobSubject], retention: RetentionPolicy.Workqueue }));
  await jsm.streams.info(SWEEP.results).catch(() => jsm.streams.add({ name: SWEEP.results, subjects: [`${SWEEP.resultSubject}.>`], max_age: 24 * 3600 * 1e9, duplicate_window: 10 * 60 * 1e9 }));
  const cfg = { durable_name: SWEEP.consumer, ack_policy: AckPolicy.Explicit, ack_wait: ackWait, max_deliver: maxDeliver, max_ack_pending: 1000 };
  const info = await jsm.consumers.info(SWEEP.jobs, SWEEP.consumer).catch(() => undefined);
  if (!info) await jsm.consumers.add(SWEEP.jobs, cfg).catch(() => undefined);
  else if (info.config.ack_wait !== ackWait || info.config.max_deliver !== maxDeliver) await jsm.consumers.update(SWEEP.jobs, SWEEP.consumer, { ack_wait: ackWait, max_deliver: maxDeliver });
}

const bucket = (nc: NatsConnection): Promise<KV> => new Kvm(nc).create(SWEEP.bucket, { history: 1, ttl: 24 * 3600 * 1000 });

/** One chunk of work: a slice of a grid's combinations, or of fromSignals' columns. */
type Job = { id: string; k: number } & ({ kind: 'grid'; fast: number[]; slow: number[]; options: Omit<MaGridOptions, 'fast' | 'slow' | 'pairs' | 'trades'> } | { kind: 'signals'; from: number; to: number; options: SignalOptions });

/**
 * Runs `backtest.maCrossGrid(inputs, options)` on the workers listening on `nc`'s NATS
 * (see {@link runWorker} and `hean worker`), in chunks of `sweep.chunk` combinations, and
 * gathers the metrics in combination order. Options are validated here first (the same
 * errors as a local call). Trades are not gathered.
 */
export async function sweepMaCrossGrid(nc: NatsConnection, inputs: PriceInputs, options: MaGridOptions, sweep: SweepOptions = {}): Promise<SweepResult> {
  const chunk = sweep.chunk ?? 64;
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`hean: sweep.chunk must be an integer >= 1, got ${String(chunk)}`);
  if (options !== null && typeof options === 'object' && options.trades) throw new RangeError('hean: a distributed sweep gathers metrics only; drop `trades`');
  // The combinations, exactly as the local call makes them, and a validation of everything.
  const one = new Float64Array([1, 1]);
  const plan = backtest.maCrossGrid({ close: one, open: one }, { ...options, start: 0, trades: false });
  backtest.maCrossGrid(inputs, { ...options, fast: [plan.fast[0]!], slow: [plan.slow[0]!], pairs: true, trades: false });
  const { fast: _f, slow: _s, pairs: _p, trades: _t, ...rest } = options;
  const combinations = plan.combinations;
  const chunks = Math.ceil(combinations / chunk);
  const jobs = Array.from({ length: chunks }, (_, k) => {
    const a = k * chunk;
    const b = Math.min(combinations, a + chunk);
    return { kind: 'grid' as const, fast: Array.from(plan.fast.subarray(a, b)), slow: Array.from(plan.slow.subarray(a, b)), options: rest };
  });
  const data = priceData(inputs);
  const { metrics, duplicates } = await gather(nc, data, jobs, (k) => k * chunk, combinations, sweep);
  return { combinations, fast: plan.fast, slow: plan.slow, metrics, chunks, duplicates };
}

/** Result of {@link sweepFromSignals}: the metrics of every signal column, as `backtest.fromSignals` gives them. */
export interface SignalSweepResult {
  readonly columns: number;
  readonly metrics: Metrics;
  readonly chunks: number;
  readonly duplicates: number;
}

/**
 * Runs `backtest.fromSignals(inputs, options)` on the workers in chunks of signal columns
 * (`sweep.chunk` columns, rounded up to a multiple of `options.assets`, so each column keeps
 * its asset) and gathers the metrics in column order. Cash-sharing `groups`, trades, equity
 * and drawdown are not distributed (a RangeError); run those locally.
 */
export async function sweepFromSignals(nc: NatsConnection, inputs: SignalInputs, options: SignalOptions = {}, sweep: SweepOptions = {}): Promise<SignalSweepResult> {
  const chunk0 = sweep.chunk ?? 64;
  if (!Number.isInteger(chunk0) || chunk0 < 1) throw new RangeError(`hean: sweep.chunk must be an integer >= 1, got ${String(chunk0)}`);
  if (options === null || typeof options !== 'object') throw new TypeError('hean: options must be an object');
  for (const k of ['groups', 'trades', 'equity', 'drawdown'] as const)
    if (options[k]) throw new RangeError(`hean: a distributed fromSignals gathers per-column metrics only; drop \`${k}\``);
  const assets = options.assets ?? 1;
  const close = inputs?.close as Float64Array | number[];
  // Validation of everything, with the local call's errors (the first asset block only).
  const bars = close.length / assets;
  const signals: Record<string, Uint8Array> = {};
  for (const k of SIGNALS) {
    const v = inputs[k];
    if (v !== undefined) signals[k] = v instanceof Uint8Array ? v : Uint8Array.from(v as ArrayLike<number | boolean>, Number);
  }
  const columns = bars > 0 ? signals.entries!.length / bars : assets;
  const first = Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, v.subarray(0, Math.min(columns, assets) * bars)]));
  backtest.fromSignals({ ...inputs, ...first } as SignalInputs, { ...options, trades: false });
  const chunk = Math.ceil(chunk0 / assets) * assets;
  const chunks = Math.max(1, Math.ceil(columns / chunk));
  const jobs = Array.from({ length: chunks }, (_, k) => ({ kind: 'signals' as const, from: k * chunk, to: Math.min(columns, (k + 1) * chunk), options: { ...options, trades: false } }));
  const data = { ...priceData(inputs), ...signals };
  const { metrics, duplicates } = await gather(nc, data, jobs, (k) => k * chunk, columns, sweep);
  return { columns, metrics, chunks, duplicates };
}

const SIGNALS = ['entries', 'exits', 'shortEntries', 'shortExits'] as const;

/** The price columns as Float64Arrays, by name. */
function priceData(inputs: PriceInputs): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const k of PX) {
    const v = inputs?.[k];
    if (v !== undefined) out[k] = v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>);
  }
  return out;
}

type JobBody = { kind: 'grid'; fast: number[]; slow: number[]; options: object } | { kind: 'signals'; from: number; to: number; options: object };

/**
 * Puts `data` in the bucket and the jobs on the queue, then gathers chunk k's metrics
 * (columns [start(k), start(k) + n)) from the results stream, keeping the first result of
 * each chunk. Cleans up the data and results either way.
 */
async function gather(nc: NatsConnection, data: Record<string, Float64Array | Uint8Array>, jobs: JobBody[], start: (k: number) => number, total: number, sweep: SweepOptions): Promise<{ metrics: Metrics; duplicates: number }> {
  const chunks = jobs.length;
  const jsm = await jetstreamManager(nc);
  await ensureQueue(jsm, sweep);
  const js = jetstream(nc);
  const kv = await bucket(nc);
  const id = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  // The data, once, in the bucket: Float64 columns first (they stay 8-byte aligned).
  const names = Object.keys(data).sort((a, b) => Number(data[b] instanceof Float64Array) - Number(data[a] instanceof Float64Array));
  const sizes = names.map((k) => data[k]!.byteLength);
  const bytes = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  let off = 0;
  for (const k of names) (bytes.set(new Uint8Array(data[k]!.buffer, data[k]!.byteOffset, data[k]!.byteLength), off), (off += data[k]!.byteLength));
  const parts = Math.max(1, Math.ceil(bytes.length / DATA_CHUNK));
  for (let i = 0; i < parts; i++) await kv.put(`${id}.${i}`, bytes.subarray(i * DATA_CHUNK, (i + 1) * DATA_CHUNK));
  await kv.put(id, jsonBytes({ parts, names, sizes, f64: names.map((k) => data[k] instanceof Float64Array) }));

  const metrics = {} as Metrics;
  for (const m of metricNames) metrics[m] = new Float64Array(total);
  const got = new Uint8Array(chunks);
  let left = chunks;
  let duplicates = 0;
  let failure: Error | undefined;
  const consumer = await js.consumers.get(SWEEP.results, { filter_subjects: `${SWEEP.resultSubject}.${id}` });
  const messages = await consumer.consume();
  try {
    for (let k = 0; k < chunks; k++) await js.publish(SWEEP.jobSubject, jsonBytes({ id, k, ...jobs[k] }), { msgID: `${id}.${k}` });
    const timer = setTimeout(() => {
      failure = new Error(`hean: sweep ${id} timed out with ${left} of ${chunks} chunks missing`);
      void messages.close();
    }, sweep.timeoutMs ?? 600_000);
    try {
      for await (const m of messages) {
        const k = Number(m.headers?.get('Hean-Chunk'));
        const err = m.headers?.get('Hean-Error');
        if (err) {
          failure = new Error(`hean: sweep chunk ${k} failed on a worker: ${err}`);
          break;
        }
        if (!(k >= 0 && k < chunks) || got[k]) {
          duplicates++;
          continue;
        }
        const a = start(k);
        const n = (k + 1 < chunks ? start(k + 1) : total) - a;
        if (m.data.length !== n * M * 8) {
          failure = new Error(`hean: sweep chunk ${k} result has ${m.data.length} bytes, expected ${n * M * 8}`);
          break;
        }
        const v = new Float64Array(new Uint8Array(m.data).buffer);
        for (let j = 0; j < M; j++) metrics[metricNames[j]!].set(v.subarray(j * n, (j + 1) * n), a);
        got[k] = 1;
        if (--left === 0) break;
      }
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await messages.close();
    for (let i = 0; i < parts; i++) await kv.purge(`${id}.${i}`).catch(() => undefined);
    await kv.purge(id).catch(() => undefined);
    await jsm.streams.purge(SWEEP.results, { filter: `${SWEEP.resultSubject}.${id}` }).catch(() => undefined);
  }
  if (failure) throw failure;
  if (left) throw new Error(`hean: sweep ${id} ended with ${left} chunks missing`);
  return { metrics, duplicates };
}

/** Options of {@link runWorker}. */
export interface WorkerOptions extends QueueOptions {
  /** Called after each chunk (for logs). */
  onChunk?: (info: { sweep: string; chunk: number; combinations: number; ms: number; delivery: number }) => void;
}

/** A running worker. */
export interface SweepWorker {
  /** Chunks done. */
  readonly done: number;
  /** Stops after the chunk in hand; resolves when stopped. */
  stop(): Promise<void>;
  /** Resolves when the worker has stopped. */
  readonly stopped: Promise<void>;
}

/**
 * Pulls sweep chunks from the work queue on `nc` one at a time, runs each, publishes its
 * metrics and only then acknowledges it (a worker killed mid-chunk leaves it to be
 * redelivered after the ack wait). Bad jobs are answered with an error result and
 * terminated.
 */
export async function runWorker(nc: NatsConnection, options: WorkerOptions = {}): Promise<SweepWorker> {
  const jsm = await jetstreamManager(nc);
  await ensureQueue(jsm, options);
  const js = jetstream(nc);
  const kv = await bucket(nc);
  const consumer = await js.consumers.get(SWEEP.jobs, SWEEP.consumer);
  const cache = new Map<string, Record<string, Float64Array | Uint8Array>>();
  let running = true;
  let done = 0;
  const load = async (id: string): Promise<Record<string, Float64Array | Uint8Array>> => {
    const hit = cache.get(id);
    if (hit) return hit;
    const head = await kv.get(id);
    if (!head || head.operation !== 'PUT') throw new Error(`data of sweep ${id} is gone`);
    const h = bytesJson<{ parts: number; names: string[]; sizes: number[]; f64: boolean[] }>(head.value);
    const all = new Uint8Array(h.sizes.reduce((x, y) => x + y, 0));
    let off = 0;
    for (let i = 0; i < h.parts; i++) {
      const e = await kv.get(`${id}.${i}`);
      if (!e || off + e.value.length > all.length) throw new Error(`data part ${i} of sweep ${id} is missing or too long`);
      all.set(e.value, off);
      off += e.value.length;
    }
    const out: Record<string, Float64Array | Uint8Array> = {};
    off = 0;
    h.names.forEach((k, i) => {
      out[k] = h.f64[i] ? new Float64Array(all.buffer, off, h.sizes[i]! / 8) : all.subarray(off, off + h.sizes[i]!);
      off += h.sizes[i]!;
    });
    if (cache.size >= 2) cache.delete(cache.keys().next().value!);
    cache.set(id, out);
    return out;
  };
  /** Runs one job; its metrics, metric-major. */
  const run = (job: Job, d: Record<string, Float64Array | Uint8Array>): { metrics: Metrics; n: number } => {
    const px: PriceInputs = { close: d.close as Float64Array };
    for (const k of ['open', 'high', 'low'] as const) if (d[k]) px[k] = d[k] as Float64Array;
    if (job.kind === 'grid') {
      const r = backtest.maCrossGrid(px, { ...job.options, fast: job.fast, slow: job.slow, pairs: true, trades: false });
      return { metrics: r.metrics, n: r.combinations };
    }
    const bars = (d.close as Float64Array).length / (job.options.assets ?? 1);
    const sig: Record<string, Uint8Array> = {};
    for (const k of SIGNALS) if (d[k]) sig[k] = (d[k] as Uint8Array).subarray(job.from * bars, job.to * bars);
    const r = backtest.fromSignals({ ...px, ...sig } as SignalInputs, { ...job.options, trades: false });
    return { metrics: r.metrics, n: r.columns };
  };
  const loop = async () => {
    while (running) {
      const batch = await consumer.fetch({ max_messages: 1, expires: 1000 });
      for await (const m of batch) {
        const t0 = performance.now();
        let job: Job | undefined;
        try {
          job = bytesJson<Job>(m.data);
          const d = await load(job.id);
          m.working();
          const r = run(job, d);
          const out = new Float64Array(r.n * M);
          metricNames.forEach((name, j) => out.set(r.metrics[name], j * r.n));
          const h = headers();
          h.set('Hean-Chunk', String(job.k));
          await js.publish(`${SWEEP.resultSubject}.${job.id}`, new Uint8Array(out.buffer), { msgID: `${job.id}.${job.k}`, headers: h });
          m.ack();
          done++;
          options.onChunk?.({ sweep: job.id, chunk: job.k, combinations: r.n, ms: performance.now() - t0, delivery: m.info.deliveryCount });
        } catch (e) {
          if (job && typeof job.id === 'string') {
            const h = headers();
            h.set('Hean-Chunk', String(job.k));
            h.set('Hean-Error', (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).replace(/[\r\n]+/g, ' ').slice(0, 1000));
            await js.publish(`${SWEEP.resultSubject}.${job.id}`, new Uint8Array(0), { headers: h }).catch(() => undefined);
          }
          m.term();
        }
      }
    }
  };
  const stopped = loop();
  return {
    get done() {
      return done;
    },
    stopped,
    async stop() {
      running = false;
      await stopped;
    },
  };
}
