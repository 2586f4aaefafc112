function sameNode(a, b) {
    return a.id === b.id;
}
/** The binding returns the child's index (0 is a success) or null, although its typings say boolean. */
function descend(cursor, index) {
    const moved = cursor.gotoFirstChildForIndex(index);
    return moved !== null && moved !== false && moved !== undefined;
}
function contains(outer, inner) {
    return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
/** Ancestors of `node`, the root first, without the node itself. */
export function ancestorsOf(node) {
    const out = [];
    const cursor = node.tree.walk();
    // A node is never deeper than its tree has nodes; this bound only guards against a cursor that stops moving.
    for (let guard = 0; guard < 1_000_000; guard++) {
        const current = cursor.currentNode;
        if (sameNode(current, node))
            return out;
        out.push(current);
        if (!descend(cursor, node.startIndex) || !contains(cursor.currentNode, node))
            break;
    }
    return slowAncestorsOf(node);
}
/** The parent-walk fallback, for nodes the cursor cannot reach by index (zero-width nodes). */
function slowAncestorsOf(node) {
    const out = [];
    for (let p = node.parent; p; p = p.parent)
        out.push(p);
    return out.reverse();
}
/** The direct child of the root that holds `node` (null for the root itself). */
export function topLevelAncestor(node) {
    const root = node.tree.rootNode;
    if (sameNode(root, node))
        return null;
    const cursor = node.tree.walk();
    if (descend(cursor, node.startIndex)) {
        const child = cursor.currentNode;
        if (contains(child, node) && (child.startIndex !== child.endIndex || sameNode(child, node)))
            return child;
    }
    const chain = slowAncestorsOf(node);
    return chain[1] ?? node;
}
//# sourceMappingURL=ancestors.js.map