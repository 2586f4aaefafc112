// Go literal syntax -> values: interpreted strings (all escapes), raw strings, runes, integers.
import { runeToBinary, utf8ToBinary } from './values.js';
const SIMPLE_ESCAPES = {
    a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34,
};
/**
 * Decode the body of an interpreted string or rune literal (without quotes) to a byte string.
 * \x and octal escapes give single bytes (which may not be valid UTF-8, as in Go);
 * \u and \U give the UTF-8 encoding of the code point.
 */
export function decodeEscapes(body) {
    let out = '';
    let i = 0;
    while (i < body.length) {
        const ch = body[i];
        if (ch !== '\\') {
            // copy a run of plain text, encoded as UTF-8 bytes
            let j = i;
            while (j < body.length && body[j] !== '\\')
                j++;
            out += utf8ToBinary(body.slice(i, j));
            i = j;
            continue;
        }
        const e = body[i + 1] ?? '';
        if (e in SIMPLE_ESCAPES) {
            out += String.fromCharCode(SIMPLE_ESCAPES[e]);
            i += 2;
        }
        else if (e === 'x') {
            out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16) & 0xff);
            i += 4;
        }
        else if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            out += runeToBinary(parseInt(body.slice(i + 2, i + 2 + len), 16));
            i += 2 + len;
        }
        else if (e >= '0' && e <= '7') {
            out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
            i += 4;
        }
        else {
            out += utf8ToBinary(e);
            i += 2;
        }
    }
    return out;
}
/** Byte string held by a string literal node's text, or undefined if the text is not one. */
export function stringLiteralValue(type, text) {
    if (type === 'raw_string_literal') {
        // Go drops carriage returns from raw strings
        return utf8ToBinary(text.slice(1, -1).replace(/\r/g, ''));
    }
    if (type === 'interpreted_string_literal')
        return decodeEscapes(text.slice(1, -1));
    return undefined;
}
export function runeLiteralValue(text) {
    const body = text.slice(1, -1);
    if (body.startsWith('\\')) {
        const e = body[1] ?? '';
        if (e in SIMPLE_ESCAPES)
            return SIMPLE_ESCAPES[e];
        if (e === 'x')
            return parseInt(body.slice(2), 16);
        if (e === 'u' || e === 'U')
            return parseInt(body.slice(2), 16);
        if (e >= '0' && e <= '7')
            return parseInt(body.slice(1), 8);
        return undefined;
    }
    return body.codePointAt(0);
}
export function intLiteralValue(text) {
    const t = text.replace(/_/g, '').toLowerCase();
    let n;
    if (t.startsWith('0x'))
        n = parseInt(t.slice(2), 16);
    else if (t.startsWith('0o'))
        n = parseInt(t.slice(2), 8);
    else if (t.startsWith('0b'))
        n = parseInt(t.slice(2), 2);
    else if (t.length > 1 && t.startsWith('0'))
        n = parseInt(t.slice(1), 8);
    else
        n = parseInt(t, 10);
    return Number.isSafeInteger(n) ? n : undefined;
}
//# sourceMappingURL=literals.js.map