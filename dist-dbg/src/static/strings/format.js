// fmt.Sprintf / Sprint / Sprintln over evaluator values: the common verbs, enough to rebuild
// URLs, IPs and command lines. Anything unusual gives undefined (unknown) rather than a guess.
import { asBinaryString, binaryToUtf8, runeToBinary, utf8ToBinary } from './values.js';
function plain(val) {
    switch (val.kind) {
        case 'str':
        case 'builder':
            return val.v;
        case 'int':
            return String(val.v);
        case 'bool':
            return String(val.v);
        case 'nil':
            return '<nil>';
        case 'bytes':
            return `[${val.v.join(' ')}]`;
        case 'list': {
            const parts = [];
            for (const e of val.v) {
                const p = e ? plain(e) : undefined;
                if (p === undefined)
                    return undefined;
                parts.push(p);
            }
            return `[${parts.join(' ')}]`;
        }
        default:
            return undefined;
    }
}
function toHex(bin, upper) {
    const hex = Buffer.from(bin, 'latin1').toString('hex');
    return upper ? hex.toUpperCase() : hex;
}
function formatOne(verb, val, plus, sharp) {
    switch (verb) {
        case 's':
            return val.kind === 'bytes' && !val.runes ? asBinaryString(val) : plain(val);
        case 'v':
            return plain(val);
        case 'd':
            return val.kind === 'int' ? (plus && val.v >= 0 ? '+' : '') + String(val.v) : val.kind === 'bytes' || val.kind === 'list' ? plain(val) : undefined;
        case 'x':
        case 'X': {
            const upper = verb === 'X';
            if (val.kind === 'int') {
                const h = val.v < 0 ? '-' + (-val.v).toString(16) : val.v.toString(16);
                return (sharp ? (upper ? '0X' : '0x') : '') + (upper ? h.toUpperCase() : h);
            }
            const bin = asBinaryString(val);
            return bin === undefined ? undefined : toHex(bin, upper);
        }
        case 'o':
            return val.kind === 'int' ? val.v.toString(8) : undefined;
        case 'b':
            return val.kind === 'int' ? val.v.toString(2) : undefined;
        case 'c':
            return val.kind === 'int' ? runeToBinary(val.v) : undefined;
        case 't':
            return val.kind === 'bool' ? String(val.v) : undefined;
        case 'q': {
            if (val.kind === 'int')
                return utf8ToBinary(`'${binaryToUtf8(runeToBinary(val.v))}'`);
            const bin = asBinaryString(val);
            return bin === undefined ? undefined : utf8ToBinary(JSON.stringify(binaryToUtf8(bin)));
        }
        default:
            return undefined;
    }
}
/** fmt.Sprintf with a known format (byte string) and known args; undefined when not reproducible. */
export function sprintf(format, args) {
    let out = '';
    let argi = 0;
    const re = /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
    let last = 0;
    for (let m = re.exec(format); m; m = re.exec(format)) {
        out += format.slice(last, m.index);
        last = re.lastIndex;
        const [, flags = '', width, prec, verb = ''] = m;
        if (verb === '%') {
            out += '%';
            continue;
        }
        const arg = args[argi++];
        if (!arg)
            return undefined; // %!s(MISSING): not worth reproducing
        let piece = formatOne(verb, arg, flags.includes('+'), flags.includes('#'));
        if (piece === undefined)
            return undefined;
        if (prec !== undefined && (verb === 's' || verb === 'v'))
            piece = piece.slice(0, Number(prec));
        if (width !== undefined && piece.length < Number(width)) {
            const pad = Number(width) - piece.length;
            if (flags.includes('-'))
                piece += ' '.repeat(pad);
            else if (flags.includes('0') && verb !== 's')
                piece = piece.startsWith('-') ? '-' + '0'.repeat(pad) + piece.slice(1) : '0'.repeat(pad) + piece;
            else
                piece = ' '.repeat(pad) + piece;
        }
        out += piece;
    }
    if (argi !== args.length)
        return undefined; // %!(EXTRA ...)
    return out + format.slice(last);
}
/** fmt.Sprint (spaces only between two non-string operands) and fmt.Sprintln (always spaces, newline). */
export function sprint(args, line) {
    let out = '';
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        const text = plain(a);
        if (text === undefined)
            return undefined;
        if (i > 0) {
            const prev = args[i - 1];
            if (line || (prev.kind !== 'str' && a.kind !== 'str'))
                out += ' ';
        }
        out += text;
    }
    return line ? out + '\n' : out;
}
//# sourceMappingURL=format.js.map