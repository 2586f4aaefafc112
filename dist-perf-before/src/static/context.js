import { topLevelAncestor } from './ancestors.js';
function unitKey(file, node) {
    return `${file.path}:${node.startIndex}`;
}
function receiverTypeName(method) {
    const receiver = method.childForFieldName('receiver');
    const typeId = receiver?.descendantsOfType('type_identifier')[0];
    return typeId?.text ?? '?';
}
/** The child of source_file that contains `node` (or null for the root itself). */
export function topLevelDeclOf(node) {
    return topLevelAncestor(node);
}
export class PackageContext {
    files;
    units = new Map();
    funcsByName = new Map();
    methodsByName = new Map();
    importTime = null;
    fromMain = null;
    constructor(files) {
        this.files = files;
        for (const file of files) {
            for (const decl of file.tree.rootNode.namedChildren) {
                let unit = null;
                if (decl.type === 'function_declaration') {
                    const name = decl.childForFieldName('name')?.text ?? '';
                    unit = { key: unitKey(file, decl), kind: name === 'init' ? 'init' : 'func', name, node: decl };
                    if (unit.kind === 'func')
                        push(this.funcsByName, name, unit);
                }
                else if (decl.type === 'method_declaration') {
                    const name = decl.childForFieldName('name')?.text ?? '';
                    unit = { key: unitKey(file, decl), kind: 'method', name: `${receiverTypeName(decl)}.${name}`, node: decl };
                    push(this.methodsByName, name, unit);
                }
                else if (decl.type === 'var_declaration') {
                    unit = { key: unitKey(file, decl), kind: 'var', name: '', node: decl };
                }
                if (unit)
                    this.units.set(unit.key, unit);
            }
        }
    }
    isMainPackage() {
        return this.files.some((f) => f.packageName === 'main');
    }
    /** Units that `unit` refers to by name. */
    referencedUnits(unit) {
        const out = [];
        const body = unit.kind === 'func' || unit.kind === 'method' || unit.kind === 'init' ? unit.node.childForFieldName('body') : unit.node;
        if (!body)
            return out;
        const seen = new Set();
        for (const id of body.descendantsOfType(['identifier', 'field_identifier'])) {
            const text = id.text;
            const tag = `${id.type}:${text}`;
            if (seen.has(tag))
                continue;
            seen.add(tag);
            const targets = id.type === 'identifier' ? this.funcsByName.get(text) : this.methodsByName.get(text);
            if (targets)
                out.push(...targets);
        }
        return out;
    }
    reach(roots) {
        const reached = new Set();
        const queue = [...roots];
        while (queue.length) {
            const unit = queue.pop();
            if (reached.has(unit.key))
                continue;
            reached.add(unit.key);
            for (const next of this.referencedUnits(unit))
                if (!reached.has(next.key))
                    queue.push(next);
        }
        return reached;
    }
    importTimeSet() {
        this.importTime ??= this.reach([...this.units.values()].filter((u) => u.kind === 'init' || u.kind === 'var'));
        return this.importTime;
    }
    mainSet() {
        if (!this.fromMain) {
            this.fromMain = this.isMainPackage() ? this.reach(this.funcsByName.get('main') ?? []) : new Set();
        }
        return this.fromMain;
    }
    placementOf(file, node) {
        const decl = topLevelDeclOf(node);
        if (!decl)
            return {};
        const unit = this.units.get(unitKey(file, decl));
        if (!unit)
            return {};
        switch (unit.kind) {
            case 'init':
                return { context: 'init', function: 'init' };
            case 'var':
                return { context: 'package-var' };
            case 'func':
            case 'method': {
                if (this.importTimeSet().has(unit.key))
                    return { context: 'reachable-from-init', function: unit.name };
                if (this.mainSet().has(unit.key))
                    return { context: 'main', function: unit.name };
                return { context: 'function', function: unit.name };
            }
        }
    }
}
function push(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
//# sourceMappingURL=context.js.map