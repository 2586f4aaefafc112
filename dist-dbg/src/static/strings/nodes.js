const byObject = new WeakMap();
const byTree = new WeakMap();
function info(node) {
    const direct = byObject.get(node);
    if (direct)
        return direct;
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
export function nodeId(node) {
    return info(node).id;
}
export function named(node) {
    const i = info(node);
    if (!i.named)
        i.named = node.namedChildren;
    return i.named;
}
export function child(node, name) {
    const i = info(node);
    let f = i.fields.get(name);
    if (f === undefined) {
        f = node.childForFieldName(name);
        i.fields.set(name, f);
    }
    return f;
}
//# sourceMappingURL=nodes.js.map