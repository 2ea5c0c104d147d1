// Replays one fuzz case: HEAN_FUZZ_REPLAY='{"target":"sma","case":<counterexample[0]>,"times":1}'.
import * as hean from '../../src/index.js';
import { buildTargets } from './targets.js';

const { target, case: c, times = 1 } = JSON.parse(process.env.HEAN_FUZZ_REPLAY ?? '{}') as { target: string; case: unknown; times?: number };
const t = buildTargets(hean).find((x) => x.name === target);
if (!t) throw new Error(`no target ${target}`);
(async () => {
  for (let i = 0; i < times; i++) await t.run(c);
})().then(
  () => console.log('passed'),
  (e) => console.log('failed:', e),
);
