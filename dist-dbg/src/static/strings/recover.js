import { topLevelAncestor } from '../ancestors.js';
import { Interpreter } from './interp.js';
import { stringLiteralValue } from './literals.js';
import { buildPackageScope as buildScope } from './scope.js';
import { asBinaryString, binaryToUtf8, printableRatio } from './values.js';
export function buildPackageScope(files) {
    return buildScope(files);
}
/** The top-level declaration (direct child of the source file) that holds a node. */
function unitOf(node) {
    return topLevelAncestor(node) ?? node;
}
/** Names declared anywhere inside a unit (parameters and locals), which a detached evaluation must not resolve to package values. */
function localNames(unit, file, scope) {
    const key = `${file.path}#${unit.id}`;
    const cached = scope.localNames.get(key);
    if (cached)
        return cached;
    const names = new Set();
    scope.localNames.set(key, names);
    const isPackageSpec = (n) => n.parent?.parent === unit || n.parent === unit;
    for (const n of unit.descendantsOfType(['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec'])) {
        if ((n.type === 'var_spec' || n.type === 'const_spec') && isPackageSpec(n))
            continue;
        for (let i = 0; i < n.childCount; i++)
            if (n.fieldNameForChild(i) === 'name')
                names.add(n.child(i).text);
    }
    for (const n of unit.descendantsOfType(['short_var_declaration', 'range_clause'])) {
        for (const l of n.childForFieldName('left')?.namedChildren ?? [])
            if (l.type === 'identifier')
                names.add(l.text);
    }
    return names;
}
/** Whether an expression mentions a parameter or local of its declaration (its value then depends on the run). */
function usesLocalName(node, locals) {
    if (locals.size === 0)
        return false;
    if (node.type === 'identifier')
        return locals.has(node.text);
    if (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal' || node.type === 'int_literal')
        return false;
    return node.descendantsOfType('identifier').some((id) => locals.has(id.text));
}
function recordsFor(file, scope) {
    let perFile = scope.records.get(file.path);
    if (!perFile) {
        perFile = new Map();
        scope.records.set(file.path, perFile);
    }
    return perFile;
}
/** Run one top-level declaration in recording mode (once per scope). */
function unitRecord(unit, file, scope) {
    const perFile = recordsFor(file, scope);
    const existing = perFile.get(unit.id);
    if (existing)
        return existing;
    const interp = new Interpreter(scope);
    try {
        if (unit.type === 'function_declaration' || unit.type === 'method_declaration') {
            interp.recordFunction(unit, file);
        }
        else if (unit.type === 'var_declaration' || unit.type === 'const_declaration') {
            const frame = interp.packageFrame(file, true);
            for (const spec of unit.descendantsOfType(['var_spec', 'const_spec'])) {
                if (spec.parent !== unit && spec.parent?.parent !== unit)
                    continue;
                for (const v of spec.childForFieldName('value')?.namedChildren ?? [])
                    interp.recordExpression(v, frame);
            }
        }
    }
    catch {
        // the interpreter stops on its step budget without throwing; this is only a guard against bugs
    }
    perFile.set(unit.id, interp.recorded);
    return interp.recorded;
}
function valuesOf(node, file, scope, knownUnit) {
    try {
        const unit = knownUnit ?? unitOf(node);
        const locals = localNames(unit, file, scope);
        // Lazy: an expression of literals and package-level names needs no run of its declaration.
        if (!usesLocalName(node, locals)) {
            const detached = new Interpreter(scope).evalDetached(node, file, locals);
            if (detached.length)
                return detached;
        }
        const recorded = unitRecord(unit, file, scope).get(node.id);
        if (recorded)
            return recorded;
        return new Interpreter(scope).evalDetached(node, file, locals);
    }
    catch {
        return []; // budget exhausted or an unexpected tree shape: nothing recovered
    }
}
/** Text of a value as a string (lists of strings joined by spaces), or undefined. */
function textOf(val) {
    if (val.kind === 'list') {
        const parts = val.v.map((e) => (e ? textOf(e) : undefined));
        return parts.every((p) => p !== undefined) ? parts.join(' ') : undefined;
    }
    const bin = asBinaryString(val);
    return bin === undefined ? undefined : binaryToUtf8(bin);
}
function howOf(val) {
    const steps = val.kind === 'list' ? [...val.how, ...val.v.flatMap((e) => e?.how ?? [])] : val.how;
    return [...new Set(steps.filter((s) => s !== '?'))];
}
/**
 * Possible string values of an expression node (usually 0 or 1; branches may give several).
 * For an `argument_list`: ONE value, the recovered args joined by ' ' (unrecoverable args as '?');
 * for a composite literal of strings ([]string{...}): ONE value, elements joined by ' '.
 */
export function recoverNode(node, file, scope) {
    return recoverIn(node, file, scope);
}
function recoverIn(node, file, scope, unit) {
    try {
        if (node.type === 'argument_list') {
            const parts = [];
            const how = [];
            let known = 0;
            for (const arg of node.namedChildren) {
                if (arg.type === 'comment')
                    continue;
                const expr = arg.type === 'variadic_argument' ? arg.namedChildren[0] : arg;
                const val = expr ? valuesOf(expr, file, scope, unit)[0] : undefined;
                const text = val ? (val.kind === 'int' ? String(val.v) : textOf(val)) : undefined;
                if (text === undefined) {
                    parts.push('?');
                }
                else {
                    known++;
                    parts.push(text);
                    for (const s of howOf(val))
                        if (!how.includes(s))
                            how.push(s);
                }
            }
            return known > 0 ? [{ value: parts.join(' '), how }] : [];
        }
        const out = [];
        const seen = new Set();
        for (const val of valuesOf(node, file, scope, unit)) {
            if (val.kind !== 'str' && val.kind !== 'builder' && val.kind !== 'bytes' && val.kind !== 'list')
                continue;
            const text = textOf(val);
            if (text === undefined || seen.has(text))
                continue;
            seen.add(text);
            out.push({ value: text, how: howOf(val) });
        }
        return out;
    }
    catch {
        return [];
    }
}
/** Expressions whose values are worth reporting: what is passed, returned, declared. */
function reportCandidates(unit) {
    const out = [];
    // By byte ranges, not by climbing `parent` (quadratic in nesting depth, see ancestors.ts).
    const loops = unit.descendantsOfType('for_statement').map((l) => [l.startIndex, l.endIndex]);
    const insideLoop = (n) => loops.some(([start, end]) => start < n.startIndex && n.endIndex <= end);
    for (const n of unit.descendantsOfType(['argument_list', 'return_statement', 'var_spec', 'const_spec', 'short_var_declaration', 'assignment_statement'])) {
        switch (n.type) {
            case 'argument_list':
                for (const a of n.namedChildren)
                    out.push(a.type === 'variadic_argument' ? a.namedChildren[0] ?? a : a);
                break;
            case 'return_statement':
                out.push(...(n.namedChildren[0]?.namedChildren ?? []));
                break;
            case 'var_spec':
            case 'const_spec':
                out.push(...(n.childForFieldName('value')?.namedChildren ?? []));
                break;
            case 'short_var_declaration':
                out.push(...(n.childForFieldName('right')?.namedChildren ?? []));
                break;
            case 'assignment_statement':
                // accumulating assignments in loops hold partial values: report the final use instead
                if (n.childForFieldName('operator')?.type === '=' && !insideLoop(n))
                    out.push(...(n.childForFieldName('right')?.namedChildren ?? []));
                break;
        }
    }
    // literals are reported as such; a composite literal by itself is data (e.g. XOR input), not a string
    const skip = new Set(['comment', 'interpreted_string_literal', 'raw_string_literal', 'composite_literal']);
    return out.filter((n) => !skip.has(n.type));
}
/**
 * Cheap text test of a declaration for something only recovery can see: literal concatenation, decoders,
 * byte/string tables, XOR, formatting, reversal, conversions, long encoded-looking literals.
 */
const RECOVERY_WORTHY = /["`]\s*\+|\+\s*["`]|\+=|Decode|Unquote|\[\]byte\s*\{|\[\]string\s*\{|\[\]rune\s*\{|\^|printf|Sprint|Join|Replace|Reverse|Map\(|Builder|Buffer|string\(|rune\(|byte\(|append\(|Repeat|Title|ToLower|ToUpper|Trim|[A-Za-z0-9+/=_-]{40}/;
/**
 * Every interesting string in the file: plain literals AND recovered ones (non-empty `how`), with 1-based line.
 * With a budget, declarations after the deadline are not evaluated (the interpreter's step budget bounds one
 * declaration; a file of a million declarations needs a bound of its own).
 */
export function recoverAllInFile(file, scope, budget) {
    const out = [];
    const root = file.tree.rootNode;
    for (const lit of root.descendantsOfType(['interpreted_string_literal', 'raw_string_literal'])) {
        const parent = lit.parent?.type;
        if (parent === 'import_spec' || parent === 'field_declaration')
            continue; // import paths, struct tags
        const bin = stringLiteralValue(lit.type, lit.text);
        if (bin === undefined)
            continue;
        out.push({ value: binaryToUtf8(bin), how: [], line: lit.startPosition.row + 1 });
    }
    const seen = new Set();
    for (const unit of root.namedChildren) {
        if (!['function_declaration', 'method_declaration', 'var_declaration', 'const_declaration'].includes(unit.type))
            continue;
        if (!RECOVERY_WORTHY.test(unit.text))
            continue; // nothing to fold: its plain literals are already listed
        if (budget && Date.now() > budget.deadline) {
            budget.stopped = true;
            break;
        }
        for (const cand of reportCandidates(unit)) {
            for (const r of recoverIn(cand, file, scope, unit)) {
                if (r.how.length === 0 || r.value.length < 2 || seen.has(r.value))
                    continue;
                if (printableRatio(r.value) < 0.85)
                    continue; // decoded binary, not a string
                seen.add(r.value);
                out.push({ ...r, line: cand.startPosition.row + 1 });
            }
        }
    }
    return out;
}
//# sourceMappingURL=recover.js.map