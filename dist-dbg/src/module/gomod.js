// A small go.mod reader: enough of golang.org/x/mod/modfile's syntax (line comments, quoted
// strings, `verb ( ... )` blocks) to pull out module, go, toolchain, require and replace.
// It never fails on unknown verbs: a hostile go.mod only yields fewer facts.
/** Split one line into tokens, honouring "quoted" and `raw` strings, and keep its // comment. */
function tokenize(line) {
    const tokens = [];
    let i = 0;
    while (i < line.length) {
        const c = line[i];
        if (c === ' ' || c === '\t' || c === '\r') {
            i++;
        }
        else if (c === '/' && line[i + 1] === '/') {
            return { tokens, comment: line.slice(i + 2).trim() };
        }
        else if (c === '"') {
            let j = i + 1;
            let s = '';
            while (j < line.length && line[j] !== '"') {
                if (line[j] === '\\' && j + 1 < line.length)
                    j++;
                s += line[j];
                j++;
            }
            tokens.push(s);
            i = j + 1;
        }
        else if (c === '`') {
            const j = line.indexOf('`', i + 1);
            const end = j < 0 ? line.length : j;
            tokens.push(line.slice(i + 1, end));
            i = end + 1;
        }
        else if (c === '(' || c === ')') {
            tokens.push(c);
            i++;
        }
        else {
            let j = i;
            while (j < line.length && !/[\s"`()]/.test(line[j]) && !(line[j] === '/' && line[j + 1] === '/'))
                j++;
            tokens.push(line.slice(i, j));
            i = j;
        }
    }
    return { tokens, comment: '' };
}
export function parseGoMod(text) {
    const mod = { requires: [], replaces: [], excludes: [] };
    let blockVerb;
    for (const raw of text.split('\n')) {
        const { tokens, comment } = tokenize(raw);
        if (tokens.length === 0)
            continue;
        let verb;
        let args;
        if (blockVerb !== undefined) {
            if (tokens[0] === ')') {
                blockVerb = undefined;
                continue;
            }
            verb = blockVerb;
            args = tokens;
        }
        else {
            verb = tokens[0];
            args = tokens.slice(1);
            if (args[0] === '(') {
                blockVerb = verb;
                // `require ( a v1 )` on a single line is not valid go.mod; only open the block.
                continue;
            }
        }
        applyDirective(mod, verb, args, comment);
    }
    return mod;
}
function applyDirective(mod, verb, args, comment) {
    switch (verb) {
        case 'module':
            if (args[0] !== undefined)
                mod.module = args[0];
            break;
        case 'go':
            if (args[0] !== undefined)
                mod.go = args[0];
            break;
        case 'toolchain':
            if (args[0] !== undefined)
                mod.toolchain = args[0];
            break;
        case 'require':
            if (args.length >= 2)
                mod.requires.push({ path: args[0], version: args[1], indirect: /^indirect\b/.test(comment) });
            break;
        case 'exclude':
            if (args.length >= 2)
                mod.excludes.push({ path: args[0], version: args[1] });
            break;
        case 'replace': {
            const arrow = args.indexOf('=>');
            if (arrow < 1)
                break;
            const left = args.slice(0, arrow);
            const right = args.slice(arrow + 1);
            if (right.length === 0)
                break;
            const rep = { oldPath: left[0], newPath: right[0] };
            if (left[1] !== undefined)
                rep.oldVersion = left[1];
            if (right[1] !== undefined)
                rep.newVersion = right[1];
            mod.replaces.push(rep);
            break;
        }
        default:
            break; // retract, godebug, tool, ignore, unknown verbs: not needed here
    }
}
//# sourceMappingURL=gomod.js.map