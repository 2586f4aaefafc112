// String recovery: first version (plain literals only); being extended.
import type { ParsedFile, SyntaxNode } from '../parse.js';

export interface PackageScope {
  /** package-level consts/vars by name */
  values: Map<string, { node: SyntaxNode; file: ParsedFile }>;
}

export interface RecoveredString {
  value: string;
  how: string[];
}

export function buildPackageScope(_files: ParsedFile[]): PackageScope {
  return { values: new Map() };
}

function literal(node: SyntaxNode): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type === 'interpreted_string_literal') {
    try {
      return JSON.parse(node.text) as string;
    } catch {
      return node.text.slice(1, -1);
    }
  }
  return undefined;
}

export function recoverNode(node: SyntaxNode, _file: ParsedFile, _scope: PackageScope): RecoveredString[] {
  const v = literal(node);
  return v === undefined ? [] : [{ value: v, how: [] }];
}

export function recoverAllInFile(file: ParsedFile, _scope: PackageScope): Array<RecoveredString & { line: number }> {
  const out: Array<RecoveredString & { line: number }> = [];
  for (const n of file.tree.rootNode.descendantsOfType(['interpreted_string_literal', 'raw_string_literal'])) {
    const v = literal(n);
    if (v !== undefined) out.push({ value: v, how: [], line: n.startPosition.row + 1 });
  }
  return out;
}
