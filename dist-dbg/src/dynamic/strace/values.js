// Parser for strace's rendering of syscall arguments: strings with C escapes, arrays, structs,
// flag sets, numbers and the function-like forms (htons(80), inet_addr("..."), inet_pton(...)).
// An argument that does not fit the grammar is kept verbatim as `raw`, never dropped.
class Cursor {
    text;
    pos = 0;
    constructor(text) {
        this.text = text;
    }
    peek() {
        return this.text[this.pos] ?? '';
    }
    startsWith(s) {
        return this.text.startsWith(s, this.pos);
    }
    atEnd() {
        return this.pos >= this.text.length;
    }
    /** Skip spaces and C comments (`/* 12 vars *\/`). */
    skipSpace() {
        for (;;) {
            while (this.pos < this.text.length && /\s/.test(this.text[this.pos]))
                this.pos++;
            if (this.startsWith('/*')) {
                const end = this.text.indexOf('*/', this.pos + 2);
                this.pos = end < 0 ? this.text.length : end + 2;
                continue;
            }
            return;
        }
    }
    expect(s) {
        if (!this.startsWith(s))
            throw new SyntaxError(`expected ${JSON.stringify(s)} at ${this.pos} in ${JSON.stringify(this.text)}`);
        this.pos += s.length;
    }
}
const SIMPLE_ESCAPES = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, e: 27, '"': 34, '\\': 92, "'": 39, '?': 63 };
/** Reads a quoted string at the cursor (which must be on the opening quote). */
function readString(cur) {
    cur.expect('"');
    const bytes = [];
    const text = cur.text;
    for (;;) {
        if (cur.atEnd())
            throw new SyntaxError('unterminated string');
        const ch = text[cur.pos];
        if (ch === '"') {
            cur.pos++;
            break;
        }
        if (ch !== '\\') {
            // strace prints printable ASCII as is; anything else arrives escaped. Encode defensively.
            for (const b of Buffer.from(ch, 'utf8'))
                bytes.push(b);
            cur.pos++;
            continue;
        }
        const next = text[cur.pos + 1] ?? '';
        if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(cur.pos + 2, cur.pos + 4))) {
            bytes.push(parseInt(text.slice(cur.pos + 2, cur.pos + 4), 16));
            cur.pos += 4;
        }
        else if (/[0-7]/.test(next)) {
            const oct = /^[0-7]{1,3}/.exec(text.slice(cur.pos + 1))[0];
            bytes.push(parseInt(oct, 8) & 0xff);
            cur.pos += 1 + oct.length;
        }
        else if (next in SIMPLE_ESCAPES) {
            bytes.push(SIMPLE_ESCAPES[next]);
            cur.pos += 2;
        }
        else {
            // Unknown escape: keep the backslash and the character.
            bytes.push(92);
            cur.pos += 1;
        }
    }
    let truncated = false;
    if (cur.startsWith('...')) {
        truncated = true;
        cur.pos += 3;
    }
    return { kind: 'string', bytes: Buffer.from(bytes), truncated };
}
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const NUMBER = /^-?(?:0x[0-9a-fA-F]+|\d+)/;
function numberValue(text) {
    const neg = text.startsWith('-');
    const body = neg ? text.slice(1) : text;
    let value;
    if (/^0x/i.test(body))
        value = parseInt(body.slice(2), 16);
    else if (/^0[0-7]+$/.test(body))
        value = parseInt(body, 8);
    else
        value = parseInt(body, 10);
    return { kind: 'number', value: neg ? -value : value, text };
}
/** One operand of a flag set or a standalone value. */
function readPrimary(cur) {
    cur.skipSpace();
    const ch = cur.peek();
    if (ch === '"')
        return readString(cur);
    if (ch === '[')
        return readArray(cur);
    if (ch === '{')
        return readStruct(cur);
    if (ch === '~' && cur.text[cur.pos + 1] === '[') {
        cur.pos++;
        return readArray(cur);
    }
    if (ch === '@' && cur.text[cur.pos + 1] === '"') {
        // Abstract unix socket names: sun_path=@"name".
        cur.pos++;
        const s = readString(cur);
        return s.kind === 'string' ? { ...s, bytes: Buffer.concat([Buffer.from('@'), s.bytes]) } : s;
    }
    if (ch === '&') {
        cur.pos++;
        const m = IDENT.exec(cur.text.slice(cur.pos));
        if (!m)
            throw new SyntaxError('bad reference');
        cur.pos += m[0].length;
        return { kind: 'ref', name: m[0] };
    }
    const rest = cur.text.slice(cur.pos);
    const num = NUMBER.exec(rest);
    if (num && !/^[A-Za-z_]/.test(rest.slice(num[0].length))) {
        cur.pos += num[0].length;
        return numberValue(num[0]);
    }
    const id = IDENT.exec(rest);
    if (id) {
        cur.pos += id[0].length;
        if (cur.peek() === '(') {
            cur.pos++;
            const args = readList(cur, ')').map((a) => a.value);
            return { kind: 'call', name: id[0], args };
        }
        return { kind: 'flags', names: [id[0]] };
    }
    throw new SyntaxError(`unexpected ${JSON.stringify(ch)} at ${cur.pos}`);
}
/** primary ('|' primary)* — flag sets; a lone number stays a number. */
function readValue(cur) {
    const first = readPrimary(cur);
    cur.skipSpace();
    if (cur.peek() !== '|')
        return first;
    const names = [flagName(first)];
    while (cur.peek() === '|') {
        cur.pos++;
        names.push(flagName(readPrimary(cur)));
        cur.skipSpace();
    }
    return { kind: 'flags', names };
}
function flagName(v) {
    if (v.kind === 'flags')
        return v.names.join('|');
    if (v.kind === 'number')
        return v.text;
    if (v.kind === 'call')
        return `${v.name}(...)`;
    throw new SyntaxError('bad flag operand');
}
/** Comma-separated `[name=]value` items up to `close`; `...` items mark elision. */
function readList(cur, close) {
    const out = [];
    cur.skipSpace();
    if (cur.startsWith(close)) {
        cur.pos += close.length;
        return out;
    }
    for (;;) {
        cur.skipSpace();
        if (cur.startsWith('...')) {
            cur.pos += 3;
            out.elided = true;
        }
        else {
            const rest = cur.text.slice(cur.pos);
            const named = /^([A-Za-z_][A-Za-z0-9_.]*)=(?!=)/.exec(rest);
            if (named) {
                cur.pos += named[0].length;
                out.push({ name: named[1], value: readValue(cur) });
            }
            else {
                out.push({ value: readValue(cur) });
            }
        }
        cur.skipSpace();
        if (cur.peek() === ',') {
            cur.pos++;
            continue;
        }
        if (cur.startsWith(close)) {
            cur.pos += close.length;
            return out;
        }
        throw new SyntaxError(`expected , or ${close} at ${cur.pos} in ${JSON.stringify(cur.text)}`);
    }
}
function readArray(cur) {
    cur.expect('[');
    const list = readList(cur, ']');
    return { kind: 'array', items: list.map((a) => a.value), elided: list.elided === true };
}
function readStruct(cur) {
    cur.expect('{');
    const list = readList(cur, '}');
    const fields = {};
    const positional = [];
    for (const item of list) {
        if (item.name !== undefined)
            fields[item.name] = item.value;
        else
            positional.push(item.value);
    }
    const struct = { kind: 'struct', fields, positional };
    cur.skipSpace();
    if (cur.startsWith('=>')) {
        cur.pos += 2;
        cur.skipSpace();
        struct.after = readValue(cur);
    }
    return struct;
}
/** Splits at top-level commas, respecting quotes, brackets, braces and parentheses. */
export function splitTopLevel(text) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"') {
            i++;
            while (i < text.length && text[i] !== '"')
                i += text[i] === '\\' ? 2 : 1;
        }
        else if (ch === '(' || ch === '[' || ch === '{')
            depth++;
        else if (ch === ')' || ch === ']' || ch === '}')
            depth--;
        else if (ch === ',' && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    const last = text.slice(start);
    if (parts.length > 0 || last.trim() !== '')
        parts.push(last);
    return parts;
}
/** Parses a syscall's argument text (between the parentheses). Unparseable arguments become `raw`. */
export function parseArgs(text) {
    return splitTopLevel(text).map((part) => {
        const cur = new Cursor(part);
        try {
            cur.skipSpace();
            let name;
            const named = /^([A-Za-z_][A-Za-z0-9_.]*)=(?!=)/.exec(part.slice(cur.pos));
            if (named) {
                name = named[1];
                cur.pos += named[0].length;
            }
            const value = readValue(cur);
            cur.skipSpace();
            if (!cur.atEnd())
                throw new SyntaxError('trailing text');
            return name === undefined ? { value } : { name, value };
        }
        catch {
            return { value: { kind: 'raw', text: part.trim() } };
        }
    });
}
/** Parses one value on its own (exported for tests and for the `=> {...}` tails). */
export function parseValue(text) {
    const cur = new Cursor(text);
    const value = readValue(cur);
    cur.skipSpace();
    if (!cur.atEnd())
        throw new SyntaxError(`trailing text at ${cur.pos} in ${JSON.stringify(text)}`);
    return value;
}
export function asText(v) {
    return v?.kind === 'string' ? v.bytes.toString('utf8') : undefined;
}
export function asNumber(v) {
    return v?.kind === 'number' ? v.value : undefined;
}
export function asFlags(v) {
    if (v?.kind === 'flags')
        return v.names;
    if (v?.kind === 'number')
        return [v.text];
    return [];
}
//# sourceMappingURL=values.js.map