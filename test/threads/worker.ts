// A worker_threads entry (bundled with src/ by test/support/child.ts): loads hean in the
// worker and runs a job sent by test/threads.test.ts.
import { parentPort, workerData } from 'node:worker_threads';
import * as hean from '../../src/index.js';
import { compute, type Input } from './compute.js';

interface Job {
  kind: 'compute' | 'clone' | 'restore' | 'stream';
  input?: Input;
  engine?: unknown;
  bytes?: Uint8Array;
  snap?: unknown;
  closes?: number[];
}

async function run(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'compute':
      return compute(hean, job.input!);
    case 'clone': {
      // What arrives when a RiskEngine is posted: an inert copy; using it is hean's TypeError.
      const x = job.engine as Record<string, unknown>;
      let error = '';
      try {
        hean.RiskEngine.prototype.account.call(x as never);
      } catch (e) {
        error = `${(e as Error).name}: ${(e as Error).message}`;
      }
      return { keys: Object.keys(x), check: typeof x.check, error };
    }
    case 'restore': {
      // The supported way to move an engine: its snapshot bytes.
      const e = new hean.RiskEngine();
      e.restore(job.bytes!);
      return { snapshot: Uint8Array.from(e.snapshot()), account: JSON.stringify(e.account()) };
    }
    case 'stream': {
      const s = new hean.Macd();
      s.restore(job.snap as never);
      return job.closes!.map((c) => s.update(c).macd);
    }
  }
}

parentPort!.on('message', (job: Job | { kind: 'noop' }) => {
  if (job.kind === 'noop') return; // a message that only carries transferred buffers
  run(job).then(
    (r) => parentPort!.postMessage({ ok: true, r }),
    (e) => parentPort!.postMessage({ ok: false, error: String((e as Error)?.stack ?? e) }),
  );
});
parentPort!.postMessage({ ready: true, threadId: (workerData as { id: number }).id });
