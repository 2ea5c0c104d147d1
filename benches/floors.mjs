// Floor benches (`npm run bench -- floors`): compiles and runs benches/chainfloor.cpp, the
// latency of the bare dependent chain each chained recurrence (ema family, kama, sar) needs
// per bar on this machine, with the project's FP flags (-O2 -ffp-contract=off). Needs g++.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('chainfloor.cpp', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hean-floors-'));
try {
  const exe = join(dir, 'chainfloor');
  const cc = spawnSync('g++', ['-O2', '-ffp-contract=off', src, '-o', exe], { stdio: 'inherit' });
  if (cc.status !== 0) throw new Error(`g++ failed (${cc.signal ?? `exit ${cc.status}`})`);
  const r = spawnSync(exe, [], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`chainfloor failed (${r.signal ?? `exit ${r.status}`})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
