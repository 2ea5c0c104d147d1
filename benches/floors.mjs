// Floor benches (`npm run bench -- floors`): compiles and runs benches/chainfloor.cpp, the
// latency of the bare dependent chain each chained recurrence (ema family, kama, sar) needs
// per bar on this machine (and the Hilbert core's and MAMA's, hean's own code), with the project's FP flags (-O2 -ffp-contract=off), then
// benches/membw.cpp's memory floors of one-series functions by shape (k inputs, m outputs of
// 1,000,000 doubles; the "x floor" column of benches/functions.mjs). Needs g++.
import { fileURLToPath } from 'node:url';
import { envInt, memFloors, runCpp } from './harness.mjs';

const include = fileURLToPath(new URL('../native-cpp/include', import.meta.url));
runCpp('chainfloor.cpp', [], { flags: ['-O2', '-std=c++20', '-ffp-contract=off', `-I${include}`], inherit: true });
const n = envInt('HEAN_BENCH_BARS', 1_000_000);
const shapes = [1, 2, 3, 4, 5].flatMap((k) => [1, 2, 3].map((m) => [k, m]));
const floors = memFloors(n, shapes);
if (floors) {
  console.log(`memory floor, ${n.toLocaleString('en-US')} doubles an array, after an untimed pass of the same shape (ns per element, best of 9):`);
  for (const [shape, f] of floors) console.log(`  ${shape.replace(':', ' in, ')} out: ordinary stores ${f.ordinary.toFixed(3)}, non-temporal ${f.nontemporal.toFixed(3)}`);
}
