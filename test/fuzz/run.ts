// Parent side of the boundary fuzzer: runs groups of targets in a child process and turns
// its summary, crash or hang into test results.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle, runChild } from '../support/child.js';
import type { Group } from './targets.js';

/** HEAN_FUZZ_RUNS multiplies every count (default 1; CI runs at 1, a nightly job may use 20). */
export const SCALE = Math.max(0.01, Number(process.env.HEAN_FUZZ_RUNS ?? 1) || 1);

export interface FuzzSummary {
  cases: number;
  targets: number;
  ms: number;
  failures: { target: string; seed: number; error: string; counterexample: string }[];
  perTarget: Record<string, number>;
}

/** Seed of this run: HEAN_FUZZ_SEED to replay, otherwise random (printed with any failure). */
export const SEED = process.env.HEAN_FUZZ_SEED !== undefined ? Number(process.env.HEAN_FUZZ_SEED) | 0 : (Math.random() * 2 ** 31) | 0;

export async function fuzz(groups: Group[], base: number, timeoutMs: number, env: Record<string, string> = {}): Promise<FuzzSummary> {
  const file = await bundle('test/fuzz/child.ts');
  const progress = join(tmpdir(), `hean-fuzz-${process.pid}-${groups.join('-')}${env.HEAN_ENGINE ? `-${env.HEAN_ENGINE}` : ''}.txt`);
  const cfg = { groups, base: base * SCALE, seed: SEED, progress, only: process.env.HEAN_FUZZ_ONLY };
  const r = await runChild(file, { env: { ...env, HEAN_FUZZ_CFG: JSON.stringify(cfg) }, timeoutMs: timeoutMs * Math.max(1, SCALE), nodeArgs: ['--expose-gc'] });
  let where = '';
  try {
    where = readFileSync(progress, 'utf8').trim();
  } catch {
    /* the child never started a target */
  }
  rmSync(progress, { force: true });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.timedOut) throw new Error(`fuzz child hung (killed after ${timeoutMs} ms) while running ${where}; replay with HEAN_FUZZ_SEED=${SEED}`);
  if (r.signal || (r.code !== 0 && !line.startsWith('{'))) {
    throw new Error(`fuzz child died (${r.signal ?? `exit ${r.code}`}) while running ${where}; replay with HEAN_FUZZ_SEED=${SEED}\n${r.stderr.slice(-3000)}`);
  }
  const summary = JSON.parse(line) as FuzzSummary;
  return summary;
}

export function report(s: FuzzSummary): string {
  return s.failures.map((f) => `[${f.target}] seed ${f.seed}: ${f.error}\n    counterexample: ${f.counterexample}`).join('\n');
}
