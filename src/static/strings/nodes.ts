// Cached access to tree-sitter node children: the native binding builds a new JS object on every
// access, which dominated evaluation time; the interpreter visits the same nodes many times.
// Children handed out here are reused objects, so most lookups hit the per-object cache.
import type { SyntaxNode } from '../parse.js';

interface NodeInfo {
  id: number;
  named?: SyntaxNode[];
  fields: Map<string, SyntaxNode | null>;
}

const byObject = new WeakMap<SyntaxNode, NodeInfo>();
const byTree = new WeakMap<object, Map<number, NodeInfo>>();

function info(node: SyntaxNode): NodeInfo {
  const direct = byObject.get(node);
  if (direct) return direct;
  let perTree = byTree.get(node.tree);
  if (!perTree) {
    perTree = new Map();
    byTree.set(node.tree, perTree);
  }
  const id = node.id;
  let i = perTree.get(id);
  if (!i) {
    i = { id, fields: new Map() };
    perTree.set(id, i);
  }
  byObject.set(node, i);
  return i;
}

export function nodeId(node: SyntaxNode): number {
  return info(node).id;
}

export function named(node: SyntaxNode): SyntaxNode[] {
  const i = info(node);
  if (!i.named) i.named = node.namedChildren;
  return i.named;
}

export function child(node: SyntaxNode, name: string): SyntaxNode | null {
  const i = info(node);
  let f = i.fields.get(name);
  if (f === undefined) {
    f = node.childForFieldName(name);
    i.fields.set(name, f);
  }
  return f;
}
