// Drift test: the TypeScript declarations of every indicator (src/indicators/<name>.ts) say
// what the C++ table (native-cpp/include/hean/indicators.inc, each source's HEAN_DEF) says:
// the same inputs in order, the same option names with their documented defaults, the same
// outputs, an enum option's labels as its declared type's (MaType: HEAN_MA_CHOICES), and an
// export from src/indicators/index.ts. Adding an indicator to the table
// without its declarations, or changing an option in C++ only, fails here.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { indicatorTable, optionAliases, type IndicatorMeta } from '../src/core/indicator.js';

const dir = fileURLToPath(new URL('../src/indicators/', import.meta.url));
const files = new Map<string, ts.SourceFile>();
// The candlestick patterns' declarations are generated into one file (candles.gen.ts, by
// scripts/gen-candles.mjs from the C++ list; checked for drift below).
const moduleOf = (name: string) => (name.startsWith('cdl') ? 'candles.gen' : name);
function source(name: string): ts.SourceFile | undefined {
  const path = `${dir}${moduleOf(name)}.ts`;
  if (!existsSync(path)) return undefined;
  let f = files.get(path);
  if (!f) files.set(path, (f = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true)));
  return f;
}

/** The interface `name` in any indicator file (options are sometimes shared, e.g. natr's). */
function findInterface(name: string, first: ts.SourceFile): ts.InterfaceDeclaration | undefined {
  const all = [first, ...[...indicatorTable().keys()].map((n) => source(n)).filter((f): f is ts.SourceFile => !!f)];
  for (const f of all) {
    for (const s of f.statements) if (ts.isInterfaceDeclaration(s) && s.name.text === name) return s;
  }
  return undefined;
}

function members(decl: ts.InterfaceDeclaration): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of decl.members) {
    if (!ts.isPropertySignature(p) || !ts.isIdentifier(p.name)) continue;
    const doc = ts.getJSDocCommentsAndTags(p).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join(' ');
    m.set(p.name.text, doc);
  }
  return m;
}

/** The type alias `name` in any indicator file (MaType in ma.ts). */
function findAlias(name: string, first: ts.SourceFile): ts.TypeAliasDeclaration | undefined {
  const all = [first, ...[...indicatorTable().keys()].map((n) => source(n)).filter((f): f is ts.SourceFile => !!f)];
  for (const f of all) {
    for (const s of f.statements) if (ts.isTypeAliasDeclaration(s) && s.name.text === name) return s;
  }
  return undefined;
}

/** The string labels a declared type allows (a union of literals, through aliases), sorted. */
function labels(t: ts.TypeNode | undefined, f: ts.SourceFile): string[] {
  if (!t) return [];
  if (ts.isUnionTypeNode(t)) return t.types.flatMap((x) => labels(x, f)).sort();
  if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return [t.literal.text];
  if (ts.isTypeReferenceNode(t)) return labels(findAlias(t.typeName.getText(), f)?.type, f);
  return [`<${t.getText()}>`];
}

/** The declared type of option `name` in an options interface. */
function memberType(decl: ts.InterfaceDeclaration, name: string): ts.TypeNode | undefined {
  for (const p of decl.members) if (ts.isPropertySignature(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.type;
  return undefined;
}

/** The type arguments of `export const <name>: Indicator<[...], Options, Result>`. */
function declared(meta: IndicatorMeta): { f: ts.SourceFile; kind: string; args: readonly ts.TypeNode[] } {
  const f = source(meta.name);
  if (!f) throw new Error(`src/indicators/${moduleOf(meta.name)}.ts is missing`);
  for (const s of f.statements) {
    if (!ts.isVariableStatement(s) || !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of s.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === meta.name && d.type && ts.isTypeReferenceNode(d.type)) {
        return { f, kind: d.type.typeName.getText(f), args: d.type.typeArguments ?? [] };
      }
    }
  }
  throw new Error(`src/indicators/${meta.name}.ts does not export const ${meta.name}: Indicator<…>`);
}

const metas = [...indicatorTable().values()];
const index = readFileSync(`${dir}index.ts`, 'utf8');

describe('indicator declarations match the C++ table', () => {
  it.each(metas.map((m) => [m.name, m] as const))('%s', (name, meta) => {
    expect(index, `src/indicators/index.ts exports ./${moduleOf(name)}.js`).toContain(`export * from './${moduleOf(name)}.js';`);
    const { f, kind, args } = declared(meta);
    const tuple = args[0]!;
    expect(ts.isTupleTypeNode(tuple), 'first type argument is the inputs tuple').toBe(true);
    const inputs = (tuple as ts.TupleTypeNode).elements.map((e) => (ts.isNamedTupleMember(e) ? e.name.text : '?'));
    expect(inputs, 'inputs').toEqual(meta.inputs.slice(0, meta.required));

    const optional = meta.inputs.slice(meta.required);
    // The cdl* patterns' CandleIndicator / OptionlessCandleIndicator add the candleSettings option (src/indicators/candle.ts).
    if (kind === 'OptionlessIndicator' || kind === 'OptionlessCandleIndicator') {
      expect(meta.options.length, 'an OptionlessIndicator has no options').toBe(0);
    } else {
      expect(kind).toBe(name.startsWith('cdl') ? 'CandleIndicator' : 'Indicator');
      const optName = args[1]!.getText(f);
      const decl = findInterface(optName, f);
      expect(decl, `interface ${optName}`).toBeDefined();
      const props = members(decl!);
      // Deprecated option names (optionAliases) are declared too, so old calls still type-check.
      const deprecated = Object.keys(optionAliases(name));
      expect([...props.keys()].sort(), `${optName} members`).toEqual([...meta.options.map((o) => o.name), ...optional, ...deprecated].sort());
      for (const o of meta.options) {
        const want = o.choices ? `\`'${o.choices.split('|')[o.default]}'\`` : String(o.default);
        expect(props.get(o.name), `${optName}.${o.name} documents its default`).toContain(`Default ${want}`);
        // An enum option's labels (OptDef::choices, e.g. HEAN_MA_CHOICES) are its declared type's.
        if (o.choices) expect(labels(memberType(decl!, o.name), decl!.getSourceFile()), `${optName}.${o.name} labels`).toEqual(o.choices.split('|').sort());
      }
    }
    const result = args[kind.startsWith('Optionless') ? 1 : 2]!.getText(f);
    if (meta.outputs.length === 1) {
      expect(result, 'a single output is a Float64Array').toBe('Float64Array');
    } else {
      const decl = findInterface(result, f);
      expect(decl, `interface ${result}`).toBeDefined();
      expect([...members(decl!).keys()].sort(), `${result} members`).toEqual([...meta.outputs].sort());
    }
  });
});

describe('generated declarations', () => {
  it('src/indicators/candles.gen.ts is what scripts/gen-candles.mjs writes from the C++ list', async () => {
    // @ts-expect-error: a plain .mjs script
    const { generate } = (await import('../scripts/gen-candles.mjs')) as { generate(): string };
    expect(readFileSync(`${dir}candles.gen.ts`, 'utf8')).toBe(generate());
  });
  it('src/stream/candles.gen.ts is what scripts/gen-candle-streams.mjs writes from the C++ list', async () => {
    // @ts-expect-error: a plain .mjs script
    const { generate } = (await import('../scripts/gen-candle-streams.mjs')) as { generate(): string };
    expect(readFileSync(new URL('../src/stream/candles.gen.ts', import.meta.url), 'utf8')).toBe(generate());
  });
  it("scripts/gen-streams.mjs refuses a hand list naming an indicator the table lacks (generate checks every name)", async () => {
    // @ts-expect-error: a plain .mjs script
    const { generate } = (await import('../scripts/gen-streams.mjs')) as { generate(table: readonly IndicatorMeta[]): string };
    const table = [...indicatorTable().values()];
    expect(() => generate(table.filter((m) => m.name !== 'stochf'))).toThrow(/NO_NUMBER names 'stochf'/);
    expect(() => generate(table.filter((m) => m.name !== 'ichimoku'))).toThrow(/OUTPUTS names 'ichimoku'/);
    expect(() => generate(table.filter((m) => m.name !== 'macd'))).toThrow(/names 'macd'/);
  });
  it('src/stream/classes.gen.ts is what scripts/gen-streams.mjs writes from the indicator table', async () => {
    // @ts-expect-error: a plain .mjs script
    const { generate, generateCpp } = (await import('../scripts/gen-streams.mjs')) as { generate(table: readonly IndicatorMeta[]): string; generateCpp(table: readonly IndicatorMeta[]): string };
    const table = [...indicatorTable().values()];
    expect(readFileSync(new URL('../src/stream/classes.gen.ts', import.meta.url), 'utf8')).toBe(generate(table));
    const inc = generateCpp(table);
    expect(readFileSync(new URL('../bindings/wasm/streams.gen.inc', import.meta.url), 'utf8')).toBe(inc);
    // The committed engine has each listed indicator's own update/replace exports.
    const { wasmEngine } = await import('../src/wasm/load.js');
    const api = wasmEngine().streamApi();
    const listed = [...inc.matchAll(/^HEAN_STREAM_EXPORT\((\w+), \d\)$/gm)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(100);
    for (const name of listed) expect(api.direct(name), name).toBeDefined();
    expect(api.direct('cdlDoji')).toBeUndefined();
    // Every indicator streams: a generated class, a hand-written one (Vwap, Mfi) or a pattern's.
    const stream = await import('../src/stream/index.js');
    for (const name of indicatorTable().keys()) expect(typeof (stream as Record<string, unknown>)[name[0]!.toUpperCase() + name.slice(1)], name).toBe('function');
  });
});
