#!/usr/bin/env node
// Writes src/stream/classes.gen.ts (and bindings/wasm/streams.gen.inc, the WASM engine's
// per-indicator update/replace exports those classes call, with each indicator's input count): the streaming class of every indicator (PascalCase of its
// name) but the candlestick patterns (scripts/gen-candle-streams.mjs) and the two whose API
// really differs (Vwap: hand-written in src/stream/wasm.ts), from the indicator table
// (each C++ source's HEAN_DEF: inputs, options with their docs, outputs, summary). Each class
// names its indicator; the step is its C++ HEAN_STREAM, run in the WASM engine.
// What the table can't say (a stream's limits, periods TA-Lib swaps, a stream with fewer
// outputs than the batch function) is the short list of facts below.
//   node scripts/gen-streams.mjs          write the file (reads the table from build/Release/hean_cpp.node)
//   node scripts/gen-streams.mjs --check  fail if the file differs from what it would write
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'stream', 'classes.gen.ts');
const targetCpp = join(root, 'bindings', 'wasm', 'streams.gen.inc');

/** Hand-written in src/stream/wasm.ts: Vwap (optional session input, refuses a session series). */
const HAND = new Set(['vwap']);
/** Constructors that take only an options object (no period shorthand). */
const NO_NUMBER = new Set(['mama', 'htDcperiod', 'htPhasor', 'htDcphase', 'htSine', 'htTrendline', 'htTrendmode', 'sarext', 'macdext', 'mavp', 'stochf']);
/** Steps whose state layout replaced their earlier TypeScript class's (snapshot checksum salt). */
const LAYOUT_CPP = new Set(['willr', 'stoch', 'vwma', 'volatility', 'zscore', 'stochrsi', 'supertrend', 'ultosc', 'rollingCorr']);
/** fast > slow is swapped, as TA-Lib does: the fields hold the periods after swapping. */
const SWAP = new Set(['macd', 'ppo', 'apo']);
/** maType shown by its label. */
const MA_LABEL = new Set(['ma', 'mavp']);
/** Value types shared with another indicator's (same outputs). */
const VALUE_OF = { macdfix: 'macd', macdext: 'macd', stochf: 'stoch' };
/** Input names of update() where they differ from the batch function's. */
const INPUT_NAMES = { mavp: ['close', 'period'] };
/** Outputs a stream has where it has fewer than the batch function (and their docs). */
const OUTPUTS = {
  ichimoku: [
    ['tenkan'],
    ['kijun'],
    ['senkouA', '`(tenkan + kijun) / 2` as of `displacement` bars ago: the cloud at this bar.'],
    ['senkouB', "The senkou window's midpoint as of `displacement` bars ago."],
  ],
};
/** Option values a streaming step implements (labels of each option's choices; any other
 * value is refused, saying `says`, before any WASM state exists). */
const SUPPORTS = {
  bbands: { options: ['maType'], labels: ['sma'], says: "streaming computes the SMA middle band only (maType 'sma')" },
  stoch: { options: ['slowKMaType', 'slowDMaType'], labels: ['sma'], says: "streaming smooths with SMAs only (slowKMaType, slowDMaType 'sma')" },
  stochrsi: { options: ['fastDMaType'], labels: ['sma'], says: "streaming smooths %D with an SMA only (fastDMaType 'sma')" },
  ppo: { options: ['maType'], labels: ['sma', 'ema'], says: "streaming computes maType 'sma' or 'ema' only" },
};
/** Other checks a streaming step needs before any WASM state exists. */
const CHECKS = {
  mavp: [
    'const n = o.maxPeriod! - o.minPeriod! + 1;',
    'if (n > MAVP_MAX_PERIODS) throw new RangeError(`hean.Mavp: streaming keeps one average per period in [minPeriod, maxPeriod], at most ${MAVP_MAX_PERIODS} of them; got ${n}`);',
  ],
};
/** The lines of m's checkOptions: SUPPORTS' refusal, by the codes its labels have in the options' choices now (a label gone from the choices fails the generation), then CHECKS'. */
function checkLines(m) {
  const lines = [];
  const sup = SUPPORTS[m.name];
  if (sup) {
    const refused = sup.options.map((name) => {
      const choices = m.options.find((o) => o.name === name)?.choices?.split('|');
      if (!choices) throw new Error(`gen-streams: SUPPORTS names ${m.name}'s option '${name}', which has no choices in the table`);
      const tests = sup.labels.map((label) => {
        const code = choices.indexOf(label);
        if (code < 0) throw new Error(`gen-streams: ${m.name}'s option '${name}' has no choice '${label}'`);
        return `o.${name} !== ${code}`;
      });
      return sup.options.length > 1 && tests.length > 1 ? `(${tests.join(' && ')})` : tests.join(' && ');
    });
    lines.push(`if (${refused.join(' || ')}) throw new RangeError(\`hean.${pascal(m.name)}: ${sup.says}\`);`);
  }
  return [...lines, ...(CHECKS[m.name] ?? [])];
}
/** What a class's doc adds to the summary (behaviour the table does not describe). */
const NOTES = {
  ichimoku:
    "The batch function's `chikou` (the close `displacement` bars ahead) looks into the future and is not streamed; `ready` once tenkan has a value. The close only takes part in the gap rule.",
  adx: '`ready` once adx has a value (it starts `period - 1` bars after the others).',
  maxIndex: "Bar indices count from the stream's first `update` (gaps included), as the batch function counts from the series' first element.",
  minIndex: "Bar indices count from the stream's first `update` (gaps included), as the batch function counts from the series' first element.",
  minMaxIndex: "Bar indices count from the stream's first `update` (gaps included), as the batch function counts from the series' first element.",
  mavp: "The step keeps a running average of every period in `[minPeriod, maxPeriod]` (each started where the batch function starts it), so its cost grows with that range; at most 512 periods. A non-finite close or period is a gap.",
  ma: "An instance of period > 1 runs that average's own step (TA-Lib MA's fixed parameters: KAMA 2/30, MAMA 0.5/0.05, T3 vFactor 0.7).",
  bbands: "Streaming computes the SMA middle band only (maType 'sma').",
  stoch: "Streaming smooths with SMAs only (slowKMaType, slowDMaType 'sma').",
  stochrsi: "Streaming smooths %D with an SMA only (fastDMaType 'sma').",
  ppo: "Streaming computes maType 'sma' or 'ema' only.",
  mfi: "TA-Lib 0.8's rules; a snapshot of hean's earlier Mfi (TA-Lib 0.6's rules) is refused with a RangeError: start a new instance and warm it up.",
  ...Object.fromEntries(
    ['linearreg', 'linearregIntercept', 'linearregSlope', 'linearregAngle', 'tsf'].map((k) => [
      k,
      "TA-Lib 0.8.1's sliding regression sums; a snapshot of hean's earlier class (sums taken afresh each bar) is refused with a RangeError: start a new instance and warm it up.",
    ]),
  ),
  sar: 'Returns the SAR in force for the bar (NaN on a run\'s first bar).',
  sarext: 'Returns the SAR, negative while short (NaN on the first bar and on gaps).',
};

const pascal = (n) => n[0].toUpperCase() + n.slice(1);
const sentence = (s) => {
  const t = s[0].toUpperCase() + s.slice(1);
  return t.endsWith('.') ? t : `${t}.`;
};

/** Indicators with per-indicator WASM exports: every generated class's. */
const direct = (table) => table.filter((m) => !m.name.startsWith('cdl') && m.name !== 'vwap');

/** bindings/wasm/streams.gen.inc: HEAN_STREAM_EXPORT(name, inputs) per indicator (see abi.cpp). */
export function generateCpp(table) {
  let s = '// Generated by scripts/gen-streams.mjs from the indicator table. Do not edit.\n// The per-indicator stream exports of bindings/wasm/abi.cpp: (name, inputs of update()).\n';
  for (const m of direct(table)) s += `HEAN_STREAM_EXPORT(${m.name}, ${(INPUT_NAMES[m.name] ?? m.inputs.slice(0, m.required)).length})\n`;
  return s;
}

/** `table`: the indicator metas (IndicatorMeta of src/core/indicator.ts), in table order. */
/** The moving average types in option order: the labels of ma's `maType` option (HEAN_MA_CHOICES), the one list. */
function maChoices(table) {
  const o = table.find((m) => m.name === 'ma')?.options.find((x) => x.name === 'maType');
  if (!o?.choices) throw new Error("gen-streams: the table has no ma 'maType' option with choices");
  return o.choices.split('|');
}

/** Every indicator name the lists above key on is in the table (a renamed or removed one would be ignored silently). */
function checkNames(table) {
  const names = new Set(table.map((m) => m.name));
  const keyed = { HAND, NO_NUMBER, LAYOUT_CPP, SWAP, MA_LABEL, VALUE_OF, INPUT_NAMES, OUTPUTS, SUPPORTS, CHECKS, NOTES };
  for (const [list, v] of Object.entries(keyed)) {
    for (const name of v instanceof Set ? v : Object.keys(v)) if (!names.has(name)) throw new Error(`gen-streams: ${list} names '${name}', which the indicator table does not have`);
  }
  for (const name of Object.values(VALUE_OF)) if (!names.has(name)) throw new Error(`gen-streams: VALUE_OF names '${name}', which the indicator table does not have`);
}

export function generate(table) {
  checkNames(table);
  const kinds = table.filter((m) => !m.name.startsWith('cdl') && !HAND.has(m.name));
  const optionTypes = kinds.filter((m) => m.options.length > 0).map((m) => [`${pascal(m.name)}Options`, m.name]);
  let s = `// Generated by scripts/gen-streams.mjs from the indicator table (each C++ source's HEAN_DEF). Do not edit.
// The streaming class of every indicator but the candlestick patterns (./candles.gen.ts) and
// Vwap (./wasm.ts): \`update(...)\` adds a bar and returns the latest value, computed by
// the indicator's C++ HEAN_STREAM step in the WASM engine, bit-identical to the batch function
// (NaN in the warm-up and at gaps).
${optionTypes.map(([t, n]) => `import type { ${t} } from '../indicators/${n}.js';`).join('\n')}
import { badInput } from './base.js';
import { LAYOUT_CPP, StepStream } from './wasm.js';

/** TA-Lib's MAType codes, in order (the \`maType\` option's numeric form). */
const MA_TYPES = [${maChoices(table).map((c) => `'${c}'`).join(', ')}] as const;
/** Most periods a streaming {@link Mavp} keeps an average of (maxPeriod - minPeriod + 1). */
const MAVP_MAX_PERIODS = 512;
`;
  for (const m of kinds) {
    const cls = pascal(m.name);
    const ins = INPUT_NAMES[m.name] ?? m.inputs.slice(0, m.required);
    const outs = OUTPUTS[m.name] ?? m.outputs.map((o) => [o]);
    const multi = outs.length > 1;
    const own = multi && !VALUE_OF[m.name];
    const vt = multi ? `${pascal(VALUE_OF[m.name] ?? m.name)}Value` : 'number';
    if (own) {
      s += `\n/** The latest values of {@link ${cls}} (NaN during warm-up). */\nexport interface ${vt} {\n`;
      for (const [o, doc] of outs) s += `${doc ? `  /** ${doc} */\n` : ''}  ${o}: number;\n`;
      s += '}\n';
    }
    const shape = multi ? ` returns \`{ ${outs.map((o) => o[0]).join(', ')} }\`` : '';
    const usage = ins.length === 1 && ins[0] === 'close' && !multi ? '' : ` \`update(${ins.join(', ')})\`${shape}.`;
    s += `\n/**\n * Streaming {@link ${m.name}}: ${sentence(m.summary)}${usage}\n * Bit-identical to the batch function.${NOTES[m.name] ? ` ${NOTES[m.name]}` : ''}\n */\n`;
    s += `export class ${cls} extends StepStream<${vt}> {\n`;
    // Fields: the options, as the instance uses them.
    const fields = [];
    const init = [];
    if (m.name === 'ultosc') {
      fields.push(['periods', 'readonly [number, number, number]', 'The three periods, sorted ascending (as TA-Lib and the batch function do).']);
      init.push('this.periods = [this.opts.period1!, this.opts.period2!, this.opts.period3!].sort((a, b) => a - b) as [number, number, number];');
    } else {
      for (const o of m.options) {
        if (o.choices) {
          if (MA_LABEL.has(m.name) && o.name === 'maType') {
            fields.push(['maType', '(typeof MA_TYPES)[number]', 'The moving average type.']);
            init.push('this.maType = MA_TYPES[this.opts.maType!]!;');
          }
          continue;
        }
        if (SWAP.has(m.name) && (o.name === 'fast' || o.name === 'slow')) {
          fields.push([o.name, 'number', `${sentence(o.doc).slice(0, -1)} (after swapping, as TA-Lib does, when fast > slow).`]);
          init.push(`this.${o.name} = Math.${o.name === 'fast' ? 'min' : 'max'}(this.opts.fast!, this.opts.slow!);`);
          continue;
        }
        fields.push([o.name, 'number', sentence(o.doc)]);
        init.push(`this.${o.name} = this.opts.${o.name}!;`);
      }
    }
    for (const [f, t, doc] of fields) s += `  /** ${doc} */\n  readonly ${f}: ${t};\n`;
    const param = m.options.length === 0 ? '' : `options?: ${NO_NUMBER.has(m.name) ? '' : 'number | '}${cls}Options`;
    const args = [`'${m.name}'`, m.options.length === 0 ? 'undefined' : 'options'];
    if (LAYOUT_CPP.has(m.name)) args.push('LAYOUT_CPP');
    s += `  constructor(${param}) {\n    super(${args.join(', ')});\n`;
    for (const l of init) s += `    ${l}\n`;
    s += '  }\n';
    const checks = checkLines(m);
    if (checks.length) {
      s += '  protected override checkOptions(o: Readonly<Record<string, number>>): void {\n';
      for (const l of checks) s += `    ${l}\n`;
      s += '  }\n';
    }
    const sig = ins.map((i) => `${i}: number`).join(', ');
    const typeTest = ins.map((i) => `typeof ${i} !== 'number'`).join(' || ');
    const names = `[${ins.map((i) => `'${i}'`).join(', ')}]`;
    const list = ins.join(', ');
    const fn = (what) => (what === 'update' ? 'this.up' : 'this.re');
    for (const [what, doc] of [
      ['update', multi ? 'Adds a new bar; returns the outputs (NaN during warm-up and on gaps).' : 'Adds a new bar; returns the value (NaN during warm-up and on gaps).'],
      ['replace', multi ? 'Revises the latest bar (the one still forming); returns the revised outputs.' : 'Revises the latest bar (the one still forming); returns the revised value.'],
    ]) {
      s += `  /** ${doc} */\n  ${what}(${sig}): ${vt} {\n`;
      s += `    if (${typeTest}) badInput(this.constructor.name, '${what}', ${names}, [${list}]);\n`;
      const step = `(this.v = ${fn(what)}(this.t, ${list}))`;
      if (multi) {
        const rest = outs.slice(1).map(([o], k) => `${o}: o[${k + 1}]!`).join(', ');
        s += `    const first = ${step};\n    const o = this.outs();\n    return { ${outs[0][0]}: first, ${rest} };\n`;
      } else s += `    return ${step};\n`;
      s += '  }\n';
    }
    if (multi) {
      const body = outs.map(([o], k) => `${o}: ${k === 0 ? 'first' : `this.output(${k})`}`).join(', ');
      s += `  // A literal of fixed shape.\n  protected override wrap(first: number): ${vt} {\n    return { ${body} };\n  }\n`;
    }
    s += '}\n';
  }
  return s;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const addon = createRequire(import.meta.url)(join(root, 'build', 'Release', 'hean_cpp.node'));
  const table = addon.indicators();
  const s = generate(table);
  const c = generateCpp(table);
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== s || readFileSync(targetCpp, 'utf8') !== c) {
      console.error('src/stream/classes.gen.ts or bindings/wasm/streams.gen.inc is stale: run node scripts/gen-streams.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, s);
    writeFileSync(targetCpp, c);
  }
}
