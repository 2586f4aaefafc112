function push(map, key, item) {
    const list = map.get(key);
    if (list)
        list.push(item);
    else
        map.set(key, [item]);
}
function specNames(spec) {
    const names = [];
    for (let i = 0; i < spec.childCount; i++) {
        if (spec.fieldNameForChild(i) === 'name')
            names.push(spec.child(i).text);
    }
    return names;
}
function collectValueSpecs(decl, file, scope) {
    const isConst = decl.type === 'const_declaration';
    const specType = isConst ? 'const_spec' : 'var_spec';
    // direct specs only: var_specs inside function literals of an initializer are not package-level
    const specs = decl.namedChildren.flatMap((c) => (c.type === specType ? [c] : c.type.endsWith('_spec_list') ? c.namedChildren : []));
    let previous = null; // const specs without values repeat the previous list
    for (const spec of specs) {
        let values = spec.childForFieldName('value');
        if (isConst) {
            if (values)
                previous = values;
            else
                values = previous;
        }
        const type = spec.childForFieldName('type');
        specNames(spec).forEach((name, index) => {
            if (name !== '_')
                push(scope.values, name, { file, values, index, type, isConst });
        });
    }
}
export function buildPackageScope(files) {
    const scope = {
        files,
        values: new Map(),
        funcs: new Map(),
        types: new Set(),
        valueCache: new Map(),
        records: new Map(),
        writtenNames: new Map(),
        localNames: new Map(),
    };
    for (const file of files) {
        for (const decl of file.tree.rootNode.namedChildren) {
            if (decl.type === 'const_declaration' || decl.type === 'var_declaration') {
                collectValueSpecs(decl, file, scope);
            }
            else if (decl.type === 'function_declaration') {
                const name = decl.childForFieldName('name')?.text;
                if (name && name !== 'init' && name !== '_')
                    push(scope.funcs, name, { file, node: decl });
            }
            else if (decl.type === 'type_declaration') {
                for (const spec of decl.namedChildren) {
                    const name = spec.childForFieldName('name')?.text;
                    if (name)
                        scope.types.add(name);
                }
            }
        }
    }
    return scope;
}
//# sourceMappingURL=scope.js.map