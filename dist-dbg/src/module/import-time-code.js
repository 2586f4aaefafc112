// The code of a module that runs when one of its packages is imported: init() functions and
// package-level var initializers that call something. For each, which exec/network APIs it
// reaches (directly, or through functions of the same package called by name). Used by the version
// review to answer "does the new version do something new at import time?".
import { resolveImports } from '../static/imports.js';
import { parseGo } from '../static/parse.js';
/** Calls that are conventionally pure; an initializer made only of these has no side effect worth listing. */
const PURE_CALLS = new Set([
    'errors.New',
    'fmt.Errorf',
    'fmt.Sprintf',
    'fmt.Sprint',
    'regexp.MustCompile',
    'regexp.MustCompilePOSIX',
    'strings.NewReplacer',
    'strings.Repeat',
    'reflect.TypeOf',
    'time.Duration',
    'math/big.NewInt',
    'text/template.New',
    'html/template.New',
    'sync.OnceFunc',
    'sync.OnceValue',
    'sync.OnceValues',
]);
const BUILTINS = new Set([
    'append', 'cap', 'clear', 'complex', 'copy', 'imag', 'len', 'make', 'max', 'min', 'new', 'real',
    'string', 'bool', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32',
    'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any',
]);
/** net/* packages that only parse or format data: importing them is not network access. */
const PURE_NET = new Set(['net/url', 'net/netip', 'net/mail', 'net/textproto', 'net/http/httptest', 'net/http/cookiejar']);
const EXEC_MEMBERS = {
    os: new Set(['StartProcess']),
    syscall: new Set(['Exec', 'ForkExec', 'StartProcess']),
    'golang.org/x/sys/unix': new Set(['Exec']),
    plugin: new Set(['Open']),
};
export function sensitiveCategory(importPath, member) {
    if (importPath === 'os/exec')
        return 'exec';
    if (EXEC_MEMBERS[importPath]?.has(member))
        return 'exec';
    if ((importPath === 'net' || importPath.startsWith('net/')) && !PURE_NET.has(importPath))
        return 'network';
    return undefined;
}
function collapse(text) {
    return text.replace(/\s+/g, ' ').trim();
}
function shorten(text, maxLines = 12) {
    const lines = text.split('\n');
    return lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`].join('\n') : text;
}
/** `pkg.Member` of a selector whose operand names an import, else undefined. */
function qualifiedCallee(node, imports) {
    if (node.type !== 'selector_expression')
        return undefined;
    const operand = node.childForFieldName('operand');
    const field = node.childForFieldName('field');
    if (operand?.type !== 'identifier' || !field)
        return undefined;
    const importPath = imports.byName.get(operand.text);
    return importPath === undefined ? undefined : { path: importPath, member: field.text };
}
/**
 * Walk code that may run and call `visit` on every node. A func literal is followed when it is
 * called, or passed to a call (`once.Do(func(){…})` runs it); one only stored in a var is not.
 */
function walkExecuted(node, visit) {
    visit(node);
    for (const child of node.namedChildren) {
        if (child.type === 'func_literal' && node.type !== 'call_expression' && node.type !== 'argument_list')
            continue;
        walkExecuted(child, visit);
    }
}
/** The func literal a var spec stores (`var f = func() {…}`), if that is all its value is. */
function storedFuncLiteral(spec) {
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    return values.length === 1 && values[0].type === 'func_literal' ? values[0] : undefined;
}
class PackageFunctions {
    byName = new Map();
    stored = [];
    push(c) {
        const list = this.byName.get(c.name) ?? [];
        list.push(c);
        this.byName.set(c.name, list);
    }
    add(file) {
        for (const decl of file.root.namedChildren) {
            if (decl.type === 'function_declaration') {
                const name = decl.childForFieldName('name')?.text;
                if (name && name !== 'init')
                    this.push({ name, node: decl, file });
            }
            else if (decl.type === 'var_declaration') {
                for (const spec of varSpecs(decl)) {
                    const literal = storedFuncLiteral(spec);
                    const name = spec.childForFieldName('name')?.text;
                    if (!literal || !name)
                        continue;
                    this.push({ name, node: literal, file });
                    this.stored.push({ name, file: file.file, line: spec.startPosition.row + 1, endLine: spec.endPosition.row + 1 });
                }
            }
        }
    }
    /**
     * Exec/network APIs reached from `start` in `file`: qualified references into sensitive
     * packages, following calls of same-package functions by name. Any reference to an exec/network
     * member counts (passing `exec.Command` as a value is as bad as calling it).
     */
    reaches(start, file) {
        const found = new Map();
        const through = [];
        const visited = new Set();
        const queue = [{ node: start, file }];
        while (queue.length) {
            const { node, file: f } = queue.shift();
            walkExecuted(node, (n) => {
                const q = qualifiedCallee(n, f.imports);
                if (q) {
                    const category = sensitiveCategory(q.path, q.member);
                    if (category)
                        found.set(`${q.path}.${q.member}`, { call: `${q.path}.${q.member}`, category });
                    return;
                }
                if (n.type !== 'call_expression')
                    return;
                const fn = n.childForFieldName('function');
                if (fn?.type !== 'identifier')
                    return;
                // `import . "os/exec"` makes `Command(…)` a call into os/exec.
                if (!this.byName.has(fn.text)) {
                    for (const dotPath of f.imports.dot) {
                        const category = sensitiveCategory(dotPath, fn.text);
                        if (category)
                            found.set(`${dotPath}.${fn.text}`, { call: `${dotPath}.${fn.text}`, category });
                    }
                }
                for (const target of this.byName.get(fn.text) ?? []) {
                    const key = `${target.file.file}:${target.node.startIndex}`;
                    if (visited.has(key))
                        continue;
                    visited.add(key);
                    through.push({ name: target.name, file: target.file.file, line: target.node.startPosition.row + 1, endLine: target.node.endPosition.row + 1 });
                    const body = target.node.childForFieldName('body');
                    if (body)
                        queue.push({ node: body, file: target.file });
                }
            });
        }
        return { reaches: [...found.values()].sort((a, b) => (a.call < b.call ? -1 : a.call > b.call ? 1 : 0)), through };
    }
}
/** Whether an initializer value calls anything beyond builtins, conversions and conventionally pure constructors. */
function hasSideEffectCall(value, imports) {
    let effect = false;
    walkExecuted(value, (n) => {
        if (effect || n.type !== 'call_expression')
            return;
        const fn = n.childForFieldName('function');
        if (!fn)
            return;
        if (fn.type === 'identifier' && BUILTINS.has(fn.text))
            return;
        if (fn.type === 'parenthesized_expression' || fn.type.endsWith('_type'))
            return; // conversion
        const q = qualifiedCallee(fn, imports);
        if (q && PURE_CALLS.has(`${q.path}.${q.member}`))
            return;
        effect = true;
    });
    return effect;
}
function varSpecs(decl) {
    const specs = [];
    for (const child of decl.namedChildren) {
        if (child.type === 'var_spec')
            specs.push(child);
        else if (child.type === 'var_spec_list')
            specs.push(...child.namedChildren.filter((c) => c.type === 'var_spec'));
    }
    return specs;
}
function packageClause(root) {
    for (const child of root.namedChildren)
        if (child.type === 'package_clause')
            return child.namedChildren[0]?.text ?? '';
    return '';
}
/** Import-time units and imports of every .go file in a module file set. */
export function goFileFacts(files) {
    const parsed = [];
    const imports = new Map();
    const packages = new Map();
    for (const [file, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (!file.endsWith('.go'))
            continue;
        const root = parseGo(data.toString('utf8')).rootNode;
        const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
        const p = { file, root, imports: resolveImports(root), packageKey: `${dir} (package ${packageClause(root)})` };
        parsed.push(p);
        for (const imp of new Set(p.imports.all)) {
            const list = imports.get(imp) ?? [];
            list.push(file);
            imports.set(imp, list);
        }
        let fns = packages.get(p.packageKey);
        if (!fns)
            packages.set(p.packageKey, (fns = new PackageFunctions()));
        fns.add(p);
    }
    const units = [];
    for (const p of parsed) {
        const fns = packages.get(p.packageKey);
        for (const decl of p.root.namedChildren) {
            if (decl.type === 'function_declaration' && decl.childForFieldName('name')?.text === 'init') {
                const body = decl.childForFieldName('body');
                units.push({
                    kind: 'init',
                    file: p.file,
                    packageKey: p.packageKey,
                    line: decl.startPosition.row + 1,
                    endLine: decl.endPosition.row + 1,
                    names: [],
                    normalized: collapse(decl.text),
                    snippet: shorten(decl.text),
                    ...(body ? fns.reaches(body, p) : { reaches: [], through: [] }),
                });
            }
            else if (decl.type === 'var_declaration') {
                for (const spec of varSpecs(decl)) {
                    const value = spec.childForFieldName('value');
                    if (!value || !hasSideEffectCall(value, p.imports))
                        continue;
                    units.push({
                        kind: 'initializer',
                        file: p.file,
                        packageKey: p.packageKey,
                        line: spec.startPosition.row + 1,
                        endLine: spec.endPosition.row + 1,
                        names: spec.childrenForFieldName('name').map((n) => n.text),
                        normalized: collapse(spec.text),
                        snippet: shorten(`var ${spec.text}`),
                        ...fns.reaches(value, p),
                    });
                }
            }
        }
    }
    return { units, storedFuncs: [...packages.values()].flatMap((p) => p.stored), imports };
}
//# sourceMappingURL=import-time-code.js.map