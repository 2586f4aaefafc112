// Derives cheap necessary conditions ("the file text must contain one of these words") from a rule's
// tree-sitter query and its regexes, so most files never need a parse or a query run.
// A requirement is in conjunctive form: every group must have one word present in the source.
// Everything here must be sound: when unsure, derive nothing.
/** Words some node types always contain in their source text. */
const NODE_WORDS = {
    for_statement: ['for'],
    range_clause: ['range'],
    go_statement: ['go'],
    defer_statement: ['defer'],
    func_literal: ['func'],
    function_declaration: ['func'],
    method_declaration: ['func'],
    select_statement: ['select'],
    goto_statement: ['goto'],
    type_switch_statement: ['switch'],
    expression_switch_statement: ['switch'],
    import_declaration: ['import'],
    var_declaration: ['var'],
    const_declaration: ['const'],
    interpreted_string_literal: ['"'],
    raw_string_literal: ['`'],
    comment: ['//', '/*'],
    composite_literal: ['{'],
    index_expression: ['['],
    selector_expression: ['.'],
    call_expression: ['('],
};
function and(...reqs) {
    return reqs.flat();
}
/** A group that is necessary for "a or b": one group of each, united. */
function or(alts) {
    if (!alts.length || alts.some((r) => r.length === 0))
        return [];
    const best = alts.map((r) => [...r].sort((x, y) => score(y) - score(x))[0]);
    return [[...new Set(best.flat())]];
}
/** Prefer groups whose shortest word is long: they reject more files. */
function score(group) {
    return Math.min(...group.map((w) => w.length));
}
function tokenize(src) {
    const toks = [];
    const re = /\s+|;[^\n]*|(\(|\)|\[|\])|"((?:[^"\\]|\\.)*)"|@([\w.-]+)|([?*+])|([A-Za-z_][\w.-]*)\s*:|(!)|(\.)|(#?[A-Za-z_][\w.!?-]*)/y;
    let i = 0;
    while (i < src.length) {
        re.lastIndex = i;
        const m = re.exec(src);
        if (!m || m[0].length === 0)
            return null;
        i = re.lastIndex;
        if (m[1])
            toks.push({ t: m[1], v: m[1] });
        else if (m[2] !== undefined)
            toks.push({ t: 'str', v: m[2] });
        else if (m[3])
            toks.push({ t: 'cap', v: m[3] });
        else if (m[4])
            toks.push({ t: 'quant', v: m[4] });
        else if (m[5])
            toks.push({ t: 'field', v: m[5] });
        else if (m[6])
            toks.push({ t: '!', v: '!' });
        else if (m[7])
            toks.push({ t: '.', v: '.' });
        else if (m[8])
            toks.push({ t: 'word', v: m[8] });
    }
    return toks;
}
function unescapeQueryString(s) {
    return s.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
}
class QueryReader {
    toks;
    pos = 0;
    /** Predicates met inside node patterns since the last top-level pattern started. */
    inner = [];
    constructor(toks) {
        this.toks = toks;
    }
    done() {
        return this.pos >= this.toks.length;
    }
    peek() {
        return this.toks[this.pos];
    }
    /** One item: node pattern, alternation, anonymous string, or wildcard, with captures/quantifier. */
    item() {
        let tok = this.toks[this.pos++];
        while (tok && (tok.t === 'field' || tok.t === '.'))
            tok = this.toks[this.pos++];
        if (!tok)
            throw new Error('eof');
        let base;
        if (tok.t === '!') {
            this.pos++; // negated field name
            return { req: [], mandatory: new Set() };
        }
        else if (tok.t === 'str') {
            const word = unescapeQueryString(tok.v);
            base = { req: word ? [[word]] : [], mandatory: new Set() };
        }
        else if (tok.t === 'word') {
            base = { req: [], mandatory: new Set() }; // `_` or a bare node name
        }
        else if (tok.t === '[') {
            const alts = [];
            while (this.peek() && this.peek().t !== ']')
                alts.push(this.item());
            this.pos++;
            const mandatory = alts.length ? new Set([...alts[0].mandatory].filter((c) => alts.every((a) => a.mandatory.has(c)))) : new Set();
            base = { req: or(alts.map((a) => a.req)), mandatory };
        }
        else if (tok.t === '(') {
            const head = this.peek();
            if (head?.t === 'word' && head.v.startsWith('#')) {
                // Predicate: handled by the pattern-level reader.
                this.pos--;
                throw new Error('predicate');
            }
            const parts = [];
            let nodeType = '';
            if (head?.t === 'word') {
                nodeType = head.v;
                this.pos++;
            }
            else if (head?.t === 'str') {
                const word = unescapeQueryString(head.v);
                this.pos++;
                if (word)
                    parts.push({ req: [[word]], mandatory: new Set() });
            }
            while (this.peek() && this.peek().t !== ')') {
                if (this.peek().t === '(' && this.toks[this.pos + 1]?.t === 'word' && this.toks[this.pos + 1].v.startsWith('#')) {
                    const start = this.pos;
                    this.skipGroup();
                    this.inner.push(this.toks.slice(start, this.pos));
                    continue;
                }
                parts.push(this.item());
            }
            this.pos++;
            const own = NODE_WORDS[nodeType] ? [NODE_WORDS[nodeType]] : [];
            base = { req: and(own, ...parts.map((p) => p.req)), mandatory: new Set(parts.flatMap((p) => [...p.mandatory])) };
        }
        else {
            throw new Error(`unexpected ${tok.v}`);
        }
        // Captures and a quantifier may follow.
        const caps = [];
        let optional = false;
        for (;;) {
            const next = this.peek();
            if (next?.t === 'cap') {
                caps.push(next.v);
                this.pos++;
            }
            else if (next?.t === 'quant') {
                this.pos++;
                if (next.v !== '+')
                    optional = true;
            }
            else
                break;
        }
        if (optional)
            return { req: [], mandatory: new Set() };
        for (const c of caps)
            base.mandatory.add(c);
        return base;
    }
    skipGroup() {
        let depth = 0;
        do {
            const tok = this.toks[this.pos++];
            if (!tok)
                return;
            if (tok.t === '(')
                depth++;
            else if (tok.t === ')')
                depth--;
        } while (depth > 0);
    }
    /** Top level: patterns interleaved with predicates; predicates belong to the preceding pattern. */
    patterns() {
        const out = [];
        while (!this.done()) {
            const tok = this.peek();
            if (tok.t === '(' && this.toks[this.pos + 1]?.t === 'word' && this.toks[this.pos + 1].v.startsWith('#')) {
                const start = this.pos;
                this.skipGroup();
                out[out.length - 1]?.predicates.push(this.toks.slice(start, this.pos));
                continue;
            }
            this.inner = [];
            const item = this.item();
            out.push({ item, predicates: this.inner });
        }
        return out;
    }
}
/** Words from positive `#eq?`/`#any-of?` predicates on captures present in every match. */
function predicateRequirement(pred, mandatory) {
    const name = pred[1]?.v;
    const cap = pred[2];
    if (!cap || cap.t !== 'cap' || !mandatory.has(cap.v))
        return [];
    const strings = pred.slice(3, -1);
    if (!strings.length || strings.some((s) => s.t !== 'str'))
        return [];
    const words = strings.map((s) => unescapeQueryString(s.v));
    if (words.some((w) => !w))
        return [];
    if (name === '#eq?' && words.length === 1)
        return [words];
    if (name === '#any-of?')
        return [words];
    return [];
}
/** The requirement a query puts on the source text ([] when nothing can be said). */
export function queryRequirement(src) {
    const toks = tokenize(src);
    if (!toks)
        return [];
    try {
        const patterns = new QueryReader(toks).patterns();
        const each = patterns.map((p) => and(p.item.req, ...p.predicates.map((pred) => predicateRequirement(pred, p.item.mandatory))));
        return each.length === 1 ? each[0] : or(each);
    }
    catch {
        return [];
    }
}
/**
 * Words any match of the regex must contain, in conjunctive form (every group needs one word).
 * Understood: literal characters and escapes, classes, groups and lookaheads (recursively, with
 * alternation), quantifiers; a quantifier that allows zero repetitions drops what it applies to.
 * Words shorter than 3 characters are ignored. Returns [] when nothing can be said.
 */
export function regexRequirement(source, flags) {
    if (/\\[xucpPk0-9]/.test(source))
        return [];
    return alternationRequirement(source);
}
function alternationRequirement(src) {
    const alternatives = splitTopLevel(src);
    if (!alternatives)
        return [];
    if (alternatives.length === 1)
        return sequenceRequirement(alternatives[0]);
    return or(alternatives.map(sequenceRequirement));
}
export function splitTopLevel(src) {
    const out = [];
    let depth = 0;
    let inClass = false;
    let start = 0;
    for (let i = 0; i < src.length; i++) {
        const c = src[i];
        if (c === '\\') {
            i++;
            continue;
        }
        if (inClass) {
            if (c === ']')
                inClass = false;
            continue;
        }
        if (c === '[')
            inClass = true;
        else if (c === '(')
            depth++;
        else if (c === ')')
            depth--;
        else if (c === '|' && depth === 0) {
            out.push(src.slice(start, i));
            start = i + 1;
        }
    }
    out.push(src.slice(start));
    return depth === 0 ? out : null;
}
const LITERAL_ESCAPES = new Set(['.', '/', '\\', '-', '(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', ':', '#', '"', "'", '`', ' ', '=', '@', '%', '&', '!', ',', '<', '>', '~', ';']);
function sequenceRequirement(seq) {
    const groups = [];
    let run = '';
    const endRun = () => {
        if (run.length >= 3)
            groups.push([run]);
        run = '';
    };
    for (let i = 0; i < seq.length; i++) {
        const c = seq[i];
        let atom = null;
        let inner = [];
        let next = i;
        if (c === '\\') {
            const e = seq[i + 1];
            if (e !== undefined && LITERAL_ESCAPES.has(e))
                atom = e;
            next = i + 1;
        }
        else if (c === '[') {
            let j = i + 1;
            while (j < seq.length && seq[j] !== ']')
                j += seq[j] === '\\' ? 2 : 1;
            next = j;
        }
        else if (c === '(') {
            let depth = 0;
            let j = i;
            for (; j < seq.length; j++) {
                if (seq[j] === '\\') {
                    j++;
                    continue;
                }
                if (seq[j] === '[') {
                    while (j < seq.length && seq[j] !== ']')
                        j += seq[j] === '\\' ? 2 : 1;
                    continue;
                }
                if (seq[j] === '(')
                    depth++;
                else if (seq[j] === ')' && --depth === 0)
                    break;
            }
            next = j;
            const body = seq.slice(i + 1, j);
            // Negative lookarounds require nothing; others require their body.
            if (!/^\?<?!/.test(body))
                inner = alternationRequirement(body.replace(/^\?(:|=|<=|<[A-Za-z_]\w*>)/, ''));
        }
        else if (c === '{') {
            const quant = /^\{\d*(,\d*)?\}\??/.exec(seq.slice(i));
            if (!quant)
                return groups;
            next = i + quant[0].length - 1;
        }
        else if (c === '^' || c === '$' || c === '.' || '*+?'.includes(c)) {
            atom = null;
        }
        else {
            atom = c;
        }
        const q = seq[next + 1];
        const optional = q === '*' || q === '?' || (q === '{' && /^\{0[,}]/.test(seq.slice(next + 1)));
        if (atom !== null && !optional) {
            run += atom;
            // `a+` / `a{2,}`: the atom is there at least once, but what follows may not be adjacent.
            if (q === '+' || q === '{')
                endRun();
        }
        else {
            endRun();
            if (!optional)
                groups.push(...inner);
        }
        i = next;
    }
    endRun();
    return groups;
}
//# sourceMappingURL=derive.js.map