// Shared body of the boundary fuzz test files: one child process per file runs its groups.
import { expect, it } from 'vitest';
import { fuzz, report, SCALE, SEED } from './run.js';
import type { Group } from './targets.js';

/**
 * Fuzzes `groups` with `base` runs per unit of target weight (× HEAN_FUZZ_RUNS) in a child
 * process and checks at least `min` calls were made without a failure.
 */
export function fuzzTest(title: string, groups: Group[], base: number, min: number, env: Record<string, string> = {}): void {
  it(
    `${title} (seed ${SEED}, HEAN_FUZZ_RUNS=${SCALE})`,
    async () => {
      const s = await fuzz(groups, base, 240_000, env);
      console.log(`[fuzz] ${groups.join('+')}: ${s.cases} calls over ${s.targets} targets in ${s.ms} ms, ${s.failures.length} failures (seed ${SEED})`);
      expect(report(s), `replay with HEAN_FUZZ_SEED=${SEED}`).toBe('');
      expect(s.cases).toBeGreaterThanOrEqual(Math.floor(min * SCALE));
    },
    300_000 * Math.max(1, SCALE),
  );
}
