// A small Go highlighter for snippets: comments, strings, runes, numbers and keywords become spans.
// It works line by line (a snippet may start inside a block comment or raw string; that is tolerated:
// at worst the colours are off, the text is always escaped).
import { esc } from './escape.js';
const KEYWORDS = new Set('break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(' '));
const BUILTINS = new Set('append cap close copy delete len make new panic print println recover nil true false iota string byte rune int error any'.split(' '));
const TOKEN = /(\/\/.*$)|(\/\*.*?(?:\*\/|$))|("(?:[^"\\]|\\.)*"?)|(`[^`]*`?)|('(?:[^'\\]|\\.)*'?)|(\b\d[\w.]*\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
export function highlightGoLine(line) {
    let out = '';
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
        const at = m.index ?? 0;
        out += esc(line.slice(last, at));
        const text = m[0];
        let cls = '';
        if (m[1] || m[2])
            cls = 'c';
        else if (m[3] || m[4] || m[5])
            cls = 's';
        else if (m[6])
            cls = 'n';
        else if (m[7])
            cls = KEYWORDS.has(text) ? 'k' : BUILTINS.has(text) ? 'b' : '';
        out += cls ? `<span class="${cls}">${esc(text)}</span>` : esc(text);
        last = at + text.length;
    }
    return out + esc(line.slice(last));
}
//# sourceMappingURL=highlight.js.map