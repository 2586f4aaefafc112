/** Best guess at the package name Go would use when the import has no explicit name. */
export function defaultPackageName(importPath) {
    const parts = importPath.split('/');
    let last = parts[parts.length - 1] ?? importPath;
    // gopkg.in/yaml.v3 -> yaml ; github.com/x/y/v2 -> y
    if (/^v\d+$/.test(last) && parts.length > 1)
        last = parts[parts.length - 2] ?? last;
    last = last.replace(/\.v\d+$/, '');
    last = last.replace(/^go-/, '').replace(/-go$/, '').replace(/\.go$/, '');
    return last.replace(/[^A-Za-z0-9_]/g, '_');
}
function stringValue(node) {
    const t = node.text;
    if (node.type === 'raw_string_literal')
        return t.slice(1, -1);
    try {
        return JSON.parse(t);
    }
    catch {
        return t.slice(1, -1);
    }
}
export function resolveImports(root) {
    const table = { byName: new Map(), dot: [], blank: [], all: [] };
    for (const decl of root.namedChildren) {
        if (decl.type !== 'import_declaration')
            continue;
        for (const spec of decl.descendantsOfType('import_spec')) {
            const pathNode = spec.childForFieldName('path');
            if (!pathNode)
                continue;
            const importPath = stringValue(pathNode);
            table.all.push(importPath);
            const nameNode = spec.childForFieldName('name');
            if (!nameNode) {
                table.byName.set(defaultPackageName(importPath), importPath);
            }
            else if (nameNode.type === 'dot') {
                table.dot.push(importPath);
            }
            else if (nameNode.type === 'blank_identifier') {
                table.blank.push(importPath);
            }
            else {
                table.byName.set(nameNode.text, importPath);
            }
        }
    }
    return table;
}
//# sourceMappingURL=imports.js.map