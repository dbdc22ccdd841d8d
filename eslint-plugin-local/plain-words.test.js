// Every string Kith can show a person (CLI output, error messages, the
// window's words, the small pages in the browser) is plain words: no literal
// backticks or markdown emphasis, which a terminal or a toast shows as-is
// ("Is `kith serve` still running?"). Reads each source file's string and
// template literals and JSX text with TypeScript's parser, so comments, which
// may quote code, are not scanned.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const SOURCES = ['src-main', 'src-renderer', 'src-contract', 'src-preload'];
/** Builds regular expressions that match backticks (secret redaction), not words for a person. */
const EXEMPT = new Set(['src-main/core/log/redact.ts']);

function sourceFiles(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every piece of literal text in a file, with its line. */
export function literalTexts(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)
        ? node.text
        : null;
    if (literal !== null) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: literal });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What in `text` is markdown rather than words: a backtick, or **emphasis**. */
export function markdownIn(text) {
  if (text.includes('`')) return 'a backtick';
  if (/\*\*[^*\s][^*]*\*\*/.test(text)) return '**emphasis**';
  return null;
}

describe('plain words', () => {
  it('finds backticks and emphasis, and leaves plain words and comments alone', () => {
    const texts = literalTexts(
      'x.ts',
      ["// run `kith sync`", "const a = 'Is `kith serve` still running?';", 'const b = `Run \\`kith sync\\` later`;', "const c = 'Run kith sync later';", "const d = 'a **bold** claim';"].join('\n'),
    );
    expect(texts.map((t) => [t.line, markdownIn(t.text)])).toEqual([
      [2, 'a backtick'],
      [3, 'a backtick'],
      [4, null],
      [5, '**emphasis**'],
    ]);
  });

  it('no message in the sources has a literal backtick or markdown', () => {
    const problems = [];
    for (const file of SOURCES.flatMap(sourceFiles)) {
      if (EXEMPT.has(file)) continue;
      for (const { line, text } of literalTexts(file, readFileSync(path.join(root, file), 'utf8'))) {
        const what = markdownIn(text);
        if (what) problems.push(`${file}:${line} has ${what}: ${text.trim().slice(0, 100)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
