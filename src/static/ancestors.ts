// Walking up a tree-sitter tree without `node.parent`. In tree-sitter 0.25 `parent` searches down from
// the root on every call, so climbing k levels from a node at depth d costs O(k·d): a hostile file
// with 10 000 nested blocks turned one rule check into minutes. A tree cursor goes down towards the
// node once instead, in O(depth × siblings).
import type { SyntaxNode } from './parse.js';

function sameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.id === b.id;
}

/** The binding returns the child's index (0 is a success) or null, although its typings say boolean. */
function descend(cursor: ReturnType<SyntaxNode['walk']>, index: number): boolean {
  const moved: unknown = cursor.gotoFirstChildForIndex(index);
  return moved !== null && moved !== false && moved !== undefined;
}

function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Ancestors of `node`, the root first, without the node itself. */
export function ancestorsOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = node.tree.walk();
  // A node is never deeper than its tree has nodes; this bound only guards against a cursor that stops moving.
  for (let guard = 0; guard < 1_000_000; guard++) {
    const current = cursor.currentNode;
    if (sameNode(current, node)) return out;
    out.push(current);
    if (!descend(cursor, node.startIndex) || !contains(cursor.currentNode, node)) break;
  }
  return slowAncestorsOf(node);
}

/** The parent-walk fallback, for nodes the cursor cannot reach by index (zero-width nodes). */
function slowAncestorsOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out.reverse();
}

/** The direct child of the root that holds `node` (null for the root itself). */
export function topLevelAncestor(node: SyntaxNode): SyntaxNode | null {
  const root = node.tree.rootNode;
  if (sameNode(root, node)) return null;
  const cursor = node.tree.walk();
  if (descend(cursor, node.startIndex)) {
    const child = cursor.currentNode;
    if (contains(child, node) && (child.startIndex !== child.endIndex || sameNode(child, node))) return child;
  }
  const chain = slowAncestorsOf(node);
  return chain[1] ?? node;
}
