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
import { backtest, metricNames, type MaGridOptions, type Metrics, type PriceInputs } from '../backtest/index.js';
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

/** One chunk of work. */
interface Job {
  id: string;
  k: number;
  fast: number[];
  slow: number[];
  options: Omit<MaGridOptions, 'fast' | 'slow' | 'pairs' | 'trades'>;
}

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
  const close = inputs?.close;
  backtest.maCrossGrid(inputs, { ...options, fast: [plan.fast[0]!], slow: [plan.slow[0]!], pairs: true, trades: false });
  const { fast: _f, slow: _s, pairs: _p, trades: _t, ...rest } = options;
  const combinations = plan.combinations;
  const chunks = Math.ceil(combinations / chunk);
  const jsm = await jetstreamManager(nc);
  await ensureQueue(jsm, sweep);
  const js = jetstream(nc);
  const kv = await bucket(nc);
  const id = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  // Price columns, once, in the bucket.
  const cols = PX.map((k) => (k === 'close' ? close : inputs[k]));
  const bars = (close as Float64Array | number[]).length;
  const data = new Float64Array(bars * cols.filter(Boolean).length);
  let off = 0;
  for (const c of cols) if (c) (data.set(c as ArrayLike<number>, off), (off += bars));
  const bytes = new Uint8Array(data.buffer);
  const parts = Math.max(1, Math.ceil(bytes.length / DATA_CHUNK));
  for (let i = 0; i < parts; i++) await kv.put(`${id}.${i}`, bytes.subarray(i * DATA_CHUNK, (i + 1) * DATA_CHUNK));
  await kv.put(id, jsonBytes({ parts, bars, has: cols.map(Boolean) }));

  const metrics = {} as Metrics;
  for (const m of metricNames) metrics[m] = new Float64Array(combinations);
  const got = new Uint8Array(chunks);
  let left = chunks;
  let duplicates = 0;
  let failure: Error | undefined;
  const consumer = await js.consumers.get(SWEEP.results, { filter_subjects: `${SWEEP.resultSubject}.${id}` });
  const messages = await consumer.consume();
  try {
    for (let k = 0; k < chunks; k++) {
      const a = k * chunk;
      const b = Math.min(combinations, a + chunk);
      const job: Job = { id, k, fast: Array.from(plan.fast.subarray(a, b)), slow: Array.from(plan.slow.subarray(a, b)), options: rest };
      await js.publish(SWEEP.jobSubject, jsonBytes(job), { msgID: `${id}.${k}` });
    }
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
        const a = k * chunk;
        const n = Math.min(combinations, a + chunk) - a;
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
  return { combinations, fast: plan.fast, slow: plan.slow, metrics, chunks, duplicates };
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
  const cache = new Map<string, PriceInputs>();
  let running = true;
  let done = 0;
  const load = async (id: string): Promise<PriceInputs> => {
    const hit = cache.get(id);
    if (hit) return hit;
    const head = await kv.get(id);
    if (!head || head.operation !== 'PUT') throw new Error(`price data of sweep ${id} is gone`);
    const h = bytesJson<{ parts: number; bars: number; has: boolean[] }>(head.value);
    const all = new Uint8Array(h.bars * 8 * h.has.filter(Boolean).length);
    let off = 0;
    for (let i = 0; i < h.parts; i++) {
      const e = await kv.get(`${id}.${i}`);
      if (!e) throw new Error(`price data part ${i} of sweep ${id} is missing`);
      all.set(e.value, off);
      off += e.value.length;
    }
    const f = new Float64Array(all.buffer);
    const px: Record<string, Float64Array> = {};
    let c = 0;
    PX.forEach((k, i) => {
      if (h.has[i]) px[k] = f.subarray(c++ * h.bars, c * h.bars);
    });
    if (cache.size >= 2) cache.delete(cache.keys().next().value!);
    cache.set(id, px as unknown as PriceInputs);
    return px as unknown as PriceInputs;
  };
  const loop = async () => {
    while (running) {
      const batch = await consumer.fetch({ max_messages: 1, expires: 1000 });
      for await (const m of batch) {
        const t0 = performance.now();
        let job: Job | undefined;
        try {
          job = bytesJson<Job>(m.data);
          const px = await load(job.id);
          m.working();
          const r = backtest.maCrossGrid(px, { ...job.options, fast: job.fast, slow: job.slow, pairs: true, trades: false });
          const out = new Float64Array(r.combinations * M);
          metricNames.forEach((name, j) => out.set(r.metrics[name], j * r.combinations));
          const h = headers();
          h.set('Hean-Chunk', String(job.k));
          await js.publish(`${SWEEP.resultSubject}.${job.id}`, new Uint8Array(out.buffer), { msgID: `${job.id}.${job.k}`, headers: h });
          m.ack();
          done++;
          options.onChunk?.({ sweep: job.id, chunk: job.k, combinations: r.combinations, ms: performance.now() - t0, delivery: m.info.deliveryCount });
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
