// The quick soak: scripts/soak.mjs (the same mixed workload `npm run soak` runs 10 million
// times) with 1,000,000 calls against src/, in a child process (which re-runs itself with
// --expose-gc and a fixed young generation); RSS and heap must stay within its bounds
// after the warm-up.
import { describe, expect, it } from 'vitest';
import { bundle, root, runChild } from './support/child.js';
import { join } from 'node:path';

describe('soak (quick)', () => {
  it('1,000,000 mixed calls: RSS and heap stay flat after the warm-up', async () => {
    const mod = await bundle('src/index.ts');
    const calls = Number(process.env.HEAN_SOAK_QUICK_CALLS ?? 1_000_000);
    const r = await runChild(join(root, 'scripts', 'soak.mjs'), {
      env: { HEAN_SOAK_MODULE: mod, HEAN_SOAK_CALLS: String(calls), HEAN_SOAK_SAMPLES: '10' },
      timeoutMs: 120_000,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('SOAK '));
    expect(line, `soak printed no summary (exit ${r.code} ${r.signal ?? ''}):\n${r.stdout}\n${r.stderr}`).toBeDefined();
    const s = JSON.parse(line!.slice(5)) as { ok: boolean; calls: number; seconds: number; growth: Record<string, number>; bounds: Record<string, number> };
    console.log(`[soak] ${s.calls} calls in ${s.seconds} s; after warm-up RSS +${s.growth.rssMiB} MiB (max +${s.growth.maxRssMiB}), heap +${s.growth.heapMiB} MiB (max +${s.growth.maxHeapMiB}); bounds +${s.bounds.rssMiB} / +${s.bounds.heapMiB} MiB`);
    expect(s.ok, r.stdout).toBe(true);
    expect(s.calls).toBeGreaterThanOrEqual(calls);
    expect(r.code).toBe(0);
  }, 180_000);
});
