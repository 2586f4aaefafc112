const SIMPLE_ESCAPES = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
/** Unquotes a Go interpreted string literal body (without the quotes); null if malformed. */
export function unquoteGo(body) {
    let out = '';
    const bytes = [];
    const flush = () => {
        if (bytes.length) {
            out += Buffer.from(bytes).toString('utf8');
            bytes.length = 0;
        }
    };
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch !== '\\') {
            flush();
            out += ch;
            continue;
        }
        const next = body[i + 1];
        if (next === undefined)
            return null;
        if (next in SIMPLE_ESCAPES) {
            flush();
            out += SIMPLE_ESCAPES[next];
            i += 1;
        }
        else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
            bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
            i += 3;
        }
        else if (/^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
            bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
            i += 3;
        }
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
            flush();
            out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 6), 16));
            i += 5;
        }
        else if (next === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
            flush();
            const cp = parseInt(body.slice(i + 2, i + 10), 16);
            if (cp > 0x10ffff)
                return null;
            out += String.fromCodePoint(cp);
            i += 9;
        }
        else {
            return null;
        }
    }
    flush();
    return out;
}
// One token of the header: whitespace/comments are skipped by the sticky regex's first group.
const HEADER_TOKEN = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(?:([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)|("(?:[^"\\\n]|\\.)*")|(`[^`]*`)|([().;]))/y;
/**
 * Import paths declared by a Go file, read from its header without parsing. Returns null when the
 * header is not the plain `package x; import ...` shape (the caller must then assume anything).
 */
export function scanImportPaths(source) {
    const paths = new Set();
    HEADER_TOKEN.lastIndex = 0;
    const next = () => {
        const start = HEADER_TOKEN.lastIndex;
        const m = HEADER_TOKEN.exec(source);
        if (!m) {
            HEADER_TOKEN.lastIndex = start;
            return null;
        }
        if (m[1] !== undefined)
            return { ident: m[1] };
        if (m[2] !== undefined) {
            const value = unquoteGo(m[2].slice(1, -1));
            return value === null ? { punct: '?' } : { str: value };
        }
        if (m[3] !== undefined)
            return { str: m[3].slice(1, -1).replace(/\r/g, '') };
        return { punct: m[4] };
    };
    // Skip a UTF-8 BOM.
    if (source.charCodeAt(0) === 0xfeff)
        HEADER_TOKEN.lastIndex = 1;
    const pkg = next();
    if (pkg?.ident !== 'package')
        return null;
    if (!next()?.ident)
        return null;
    // Returns true when a spec was read; the string is the import path.
    const readSpec = (first) => {
        let tok = first;
        if (tok?.ident !== undefined || tok?.punct === '.')
            tok = next();
        if (tok?.str === undefined)
            return false;
        paths.add(tok.str);
        return true;
    };
    for (;;) {
        const save = HEADER_TOKEN.lastIndex;
        let tok = next();
        while (tok?.punct === ';')
            tok = next();
        if (tok?.ident !== 'import') {
            HEADER_TOKEN.lastIndex = save;
            // A lone `import` keyword further down would be a syntax error; the header ends here.
            return paths;
        }
        tok = next();
        if (tok?.punct === '(') {
            for (;;) {
                tok = next();
                while (tok?.punct === ';')
                    tok = next();
                if (tok?.punct === ')')
                    break;
                if (!readSpec(tok))
                    return null;
            }
        }
        else if (!readSpec(tok)) {
            return null;
        }
    }
}
export function factsOf(path, source) {
    return { path, source, imports: scanImportPaths(source) };
}
/** Whole-file regex needles are only tried on files up to this size (bigger ones just pass). */
const SOURCE_REGEX_LIMIT = 1024 * 1024;
function needleHolds(needle, facts) {
    switch (needle.kind) {
        case 'import':
            return facts.imports === null || facts.imports.has(needle.value);
        case 'text': {
            facts.seen ??= new Map();
            let found = facts.seen.get(needle.value);
            if (found === undefined) {
                found = facts.source.includes(needle.value);
                facts.seen.set(needle.value, found);
            }
            return found;
        }
        case 'itext':
            facts.lower ??= facts.source.toLowerCase();
            return facts.lower.includes(needle.value);
        case 'regex':
            return facts.source.length > SOURCE_REGEX_LIMIT || needle.value.test(facts.source);
    }
}
export function prefilterPasses(rule, facts) {
    const { groups, path } = rule.prefilter;
    if (path && !path.test(facts.path))
        return false;
    for (const group of groups)
        if (!group.some((n) => needleHolds(n, facts)))
            return false;
    return true;
}
//# sourceMappingURL=prefilter.js.map