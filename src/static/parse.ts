// One tree-sitter parser per thread; Go source in, tree + per-file facts out.
import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';
import { resolveImports, type ImportTable } from './imports.js';
import { lineStartsOf, rowAt } from './decls.js';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;
export { Parser };
export const GoLanguage = Go as unknown as Parser.Language;

let parser: Parser | undefined;

function getParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(GoLanguage);
  }
  return parser;
}

export interface ParsedFile {
  /** Path relative to the module root, forward slashes. */
  path: string;
  source: string;
  tree: Tree;
  packageName: string;
  imports: ImportTable;
  /** True when tree-sitter had to recover from syntax errors somewhere in the file. */
  hasErrors: boolean;
}

/** A source range to parse, [start, end) in string indices; the rest of the file is skipped. */
export type SourceRange = [number, number];

export function parseGo(source: string, ranges?: SourceRange[]): Tree {
  // The binding's default 32 KiB buffer makes large files fail to parse; size it to the input.
  const bufferSize = Math.max(64 * 1024, Buffer.byteLength(source, 'utf8') * 2 + 1024);
  if (!ranges) return getParser().parse(source, undefined, { bufferSize });
  const lineStarts = lineStartsOf(source);
  const pointAt = (index: number) => {
    const row = rowAt(lineStarts, index);
    return { row, column: index - lineStarts[row]! };
  };
  const includedRanges = ranges.map(([start, end]) => ({ startIndex: start, endIndex: end, startPosition: pointAt(start), endPosition: pointAt(end) }));
  return getParser().parse(source, undefined, { bufferSize, includedRanges });
}

/**
 * Parses a file, or only the given ranges of it (the header and chosen top-level declarations: the
 * tree then holds just those, at their real positions).
 */
export function parseFile(path: string, source: string, ranges?: SourceRange[]): ParsedFile {
  const tree = parseGo(source, ranges);
  const root = tree.rootNode;
  let packageName = '';
  for (const child of root.namedChildren) {
    if (child.type === 'package_clause') {
      packageName = child.namedChildren[0]?.text ?? '';
      break;
    }
  }
  return { path, source, tree, packageName, imports: resolveImports(root), hasErrors: root.hasError };
}
