// CPU time a bar (process.cpuUsage: user + system, every thread) of hean functions with
// `out` and of the talib npm peer (TA-Lib C through node) on the harness's bars: the median
// of HEAN_BENCH_RUNS calls. Wall time is noise on a shared host; CPU time of many calls is
// not. For an A/B of two builds, run it once per build, interleaved, the addon chosen with
// HEAN_CPP_ADDON (the loader's override), e.g.
//   for i in 1 2 3; do for b in old new; do HEAN_CPP_ADDON=/tmp/$b.node node benches/function-cpu.mjs linearregSlope,tsf 14,100,500; done; done
//   args: hean names (comma-separated), periods (comma-separated; default: the default period)
//   HEAN_BENCH_BARS (1,000,000), HEAN_BENCH_RUNS (15)
import { createRequire } from 'node:module';
import { envInt, makeBars } from './harness.mjs';

const hean = await import('../dist/index.js');
const talib = createRequire(import.meta.url)('talib');
const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const RUNS = envInt('HEAN_BENCH_RUNS', 15);
const names = (process.argv[2] ?? 'linearregSlope').split(',');
const periods = process.argv[3] ? process.argv[3].split(',').map(Number) : [undefined];
const TALIB = {
  linearreg: 'LINEARREG', linearregSlope: 'LINEARREG_SLOPE', linearregAngle: 'LINEARREG_ANGLE', linearregIntercept: 'LINEARREG_INTERCEPT', tsf: 'TSF',
  htTrendline: 'HT_TRENDLINE', htDcperiod: 'HT_DCPERIOD', htDcphase: 'HT_DCPHASE', htPhasor: 'HT_PHASOR', htSine: 'HT_SINE', htTrendmode: 'HT_TRENDMODE', mama: 'MAMA',
};
// TA-Lib options that have no hean `period` (the talib npm package needs them given).
const TALIB_OPTS = { mama: { optInFastLimit: 0.5, optInSlowLimit: 0.05 } };
const close = makeBars(N, 42).close;
const closeArr = Array.from(close);

/** Median CPU ns a bar of fn() over RUNS calls (after two warm-up calls). */
function cpu(fn) {
  fn();
  fn();
  const s = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    s.push(((c.user + c.system) * 1000) / N);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}

const addon = process.env.HEAN_CPP_ADDON ?? 'build/Release/hean_cpp.node';
for (const name of names) {
  for (const period of periods) {
    // One Float64Array, or one a named output for the multi-output functions (htPhasor, mama, ...).
    const outs = hean.indicators().find((m) => m.name === name).outputs;
    const out = outs.length === 1 ? new Float64Array(N) : Object.fromEntries(outs.map((o) => [o, new Float64Array(N)]));
    const opts = period === undefined ? {} : { period };
    const h = cpu(() => hean[name](close, opts, out));
    const t = TALIB[name] && cpu(() => talib.execute({ name: TALIB[name], startIdx: 0, endIdx: N - 1, inReal: closeArr, ...TALIB_OPTS[name], ...(period ? { optInTimePeriod: period } : {}) }));
    console.log(JSON.stringify({ addon, name, period: period ?? 'default', bars: N, heanNsPerBar: +h.toFixed(3), talibNsPerBar: t ? +t.toFixed(3) : null, ratio: t ? +(t / h).toFixed(1) : null }));
  }
}
