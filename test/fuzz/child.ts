// The fuzzer's child process (bundled with src/ by test/support/child.ts): runs the targets
// of the requested groups and prints one JSON summary line. Before each target it writes
// the target's name to the progress file, so a crash or a hang names what was running.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as hean from '../../src/index.js';
import { counter, FuzzFailure } from './check.js';
import { buildTargets, type Group, type Target } from './targets.js';

interface Config {
  groups: Group[];
  /** Runs per unit of target weight. */
  base: number;
  seed: number;
  progress: string;
  only?: string;
  maxFailures?: number;
}

interface Failure {
  target: string;
  seed: number;
  error: string;
  counterexample: string;
}

const cfg = JSON.parse(process.env.HEAN_FUZZ_CFG ?? '{}') as Config;
const failures: Failure[] = [];
const perTarget: Record<string, number> = {};

process.on('unhandledRejection', (e) => {
  failures.push({ target: 'process', seed: cfg.seed, error: `unhandled rejection: ${String((e as Error)?.stack ?? e)}`, counterexample: '' });
});

async function runTarget(t: Target, seed: number): Promise<void> {
  const numRuns = Math.max(1, Math.round(t.weight * cfg.base));
  writeFileSync(cfg.progress, `${t.name} (seed ${seed}, ${numRuns} runs)\n`);
  const before = counter.calls;
  const params = { seed, numRuns, endOnFailure: true, markInterruptAsFailure: true };
  const details = t.async
    ? await fc.check(fc.asyncProperty(t.arb, async (c) => { await t.run(c); }), params)
    : fc.check(fc.property(t.arb, (c) => { const r = t.run(c); if (r instanceof Promise) throw new Error(`${t.name}: run returned a Promise but the target is not async`); }), params);
  perTarget[t.name] = counter.calls - before;
  if (details.failed) {
    const err = details.errorInstance;
    const msg = err instanceof FuzzFailure ? err.message : `harness error: ${String((err as Error)?.stack ?? err)}`;
    failures.push({ target: t.name, seed, error: msg, counterexample: fc.stringify(details.counterexample).slice(0, 2000) });
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // The file helpers get arbitrary paths: let relative ones land in a scratch directory.
  const scratch = mkdtempSync(join(tmpdir(), 'hean-fuzz-'));
  process.chdir(scratch);
  process.on('exit', () => {
    try {
      process.chdir(tmpdir());
      rmSync(scratch, { recursive: true, force: true });
    } catch {
      /* best effort (Windows may hold the directory a little longer) */
    }
  });
  let targets = buildTargets(hean).filter((t) => cfg.groups.includes(t.group));
  if (cfg.only) targets = targets.filter((t) => t.name.includes(cfg.only!));
  let k = 0;
  for (const t of targets) {
    await runTarget(t, (cfg.seed + 7919 * k++) | 0);
    if (failures.length >= (cfg.maxFailures ?? 50)) break;
  }
  writeFileSync(cfg.progress, 'done\n');
  const summary = { cases: counter.calls, targets: targets.length, ms: Date.now() - t0, failures, perTarget };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((e) => {
  process.stdout.write(`${JSON.stringify({ cases: counter.calls, failures: [{ target: 'harness', seed: cfg.seed, error: String(e?.stack ?? e), counterexample: '' }] })}\n`);
  process.exitCode = 1;
});
