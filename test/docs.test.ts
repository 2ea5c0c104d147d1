// Every export of the package entry point carries a TSDoc comment (issue 14): the API
// reference (`npm run docs`, TypeDoc) is generated from them, so an undocumented export
// would be a blank page.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** Names of the entry point's exports whose declarations have no doc comment. */
function undocumented(file: string): { names: string[]; count: number } {
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const missing = exports.filter((e) => {
    const s = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
    const docs = ts.displayPartsToString(s.getDocumentationComment(checker)).trim();
    // A merged symbol (a const and a type of one name, e.g. BookStatus) counts when any declaration has a comment.
    return docs === '' && !(s.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
  });
  return { names: missing.map((e) => e.name).sort(), count: exports.length };
}

describe('API docs', () => {
  it('every export of src/index.ts has a TSDoc comment', () => {
    const { names, count } = undocumented(entry);
    expect(count).toBeGreaterThan(150);
    expect(names).toEqual([]);
  }, 60_000);

  it('every export of src/web.ts (hean/web) has a TSDoc comment', () => {
    const { names, count } = undocumented(fileURLToPath(new URL('../src/web.ts', import.meta.url)));
    expect(count).toBeGreaterThan(150);
    expect(names).toEqual([]);
  }, 60_000);
});
