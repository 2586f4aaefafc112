import { ancestorsOf } from '../ancestors.js';
function identifiersIn(list) {
    if (!list)
        return [];
    if (list.type === 'identifier')
        return [list.text];
    return list.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
}
/** Names a statement or clause declares for the code after it. */
function declaredBy(node) {
    switch (node.type) {
        case 'short_var_declaration':
            return identifiersIn(node.childForFieldName('left'));
        case 'var_declaration':
        case 'const_declaration':
            return node
                .descendantsOfType(['var_spec', 'const_spec'])
                .flatMap((spec) => spec.childrenForFieldName('name').map((n) => n.text));
        case 'parameter_list':
            return node.namedChildren.flatMap((p) => p.childrenForFieldName('name').map((n) => n.text));
        case 'for_clause':
            return node.childForFieldName('initializer') ? declaredBy(node.childForFieldName('initializer')) : [];
        case 'range_clause':
            return node.children.some((c) => c.type === ':=') ? identifiersIn(node.childForFieldName('left')) : [];
        case 'receive_statement':
            return node.children.some((c) => c.type === ':=') ? identifiersIn(node.childForFieldName('left')) : [];
        default:
            return [];
    }
}
// Several rules ask about the same operand (`exec` of exec.Command); the answer costs O(depth).
const answers = new WeakMap();
export function isLocallyDeclared(use, name) {
    let perTree = answers.get(use.tree);
    if (!perTree) {
        perTree = new Map();
        answers.set(use.tree, perTree);
    }
    const key = `${use.id}:${name}`;
    let answer = perTree.get(key);
    if (answer === undefined) {
        answer = computeLocallyDeclared(use, name);
        perTree.set(key, answer);
    }
    return answer;
}
function computeLocallyDeclared(use, name) {
    // Innermost scope first; the chain is computed once (see ancestors.ts for why not `parent`).
    const chain = ancestorsOf(use);
    let child = use;
    for (let i = chain.length - 1; i >= 0; i--) {
        const scope = chain[i];
        if (scope.type === 'source_file')
            break;
        for (const sibling of scope.namedChildren) {
            if (sibling.startIndex === child.startIndex && sibling.endIndex === child.endIndex)
                continue;
            const precedes = sibling.endIndex <= use.startIndex || sibling.type === 'parameter_list';
            if (precedes && declaredBy(sibling).includes(name))
                return true;
        }
        if (scope.type === 'type_switch_statement' && scope.childForFieldName('alias')?.text === name)
            return true;
        child = scope;
    }
    return false;
}
//# sourceMappingURL=shadow.js.map