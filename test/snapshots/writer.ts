// Child process of the kill test: runs the sequence forever, writing both snapshot files
// (writeSnapshotFile) after every step, until the test SIGKILLs it.
import * as hean from '../../src/index.js';
import { setup, step } from './sequence.js';

const [riskPath, streamPath] = process.argv.slice(2) as [string, string];
const { e, m } = setup(hean);
process.stdout.write('ready\n');
for (let k = 1; ; k++) {
  step(e, m, k);
  hean.writeSnapshotFile(riskPath, e.snapshot());
  hean.writeSnapshotFile(streamPath, JSON.stringify(m.snapshot()));
}
