// GOPRIVATE / GONOPROXY matching, as golang.org/x/mod/module.MatchPrefixPatterns: each
// comma-separated glob (path.Match syntax) is matched against the target's leading path elements,
// as many elements as the glob has.
/** path.Match from Go's standard library: `*`, `?`, `[...]` never cross a "/"; `\` escapes. */
export function goPathMatch(glob, name) {
    let re = '^';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else if (c === '\\') {
            const next = glob[++i];
            if (next === undefined)
                return false; // Go: ErrBadPattern
            re += escapeRegex(next);
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end < 0)
                return false;
            let body = glob.slice(i + 1, end);
            const negate = body.startsWith('^');
            if (negate)
                body = body.slice(1);
            const cls = body.replace(/[\]\\[]/g, (m) => `\\${m}`);
            re += negate ? `[^/${cls}]` : `[${cls}]`;
            i = end;
        }
        else
            re += escapeRegex(c);
    }
    try {
        return new RegExp(`${re}$`, 'u').test(name);
    }
    catch {
        return false;
    }
}
function escapeRegex(c) {
    return c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
}
export function matchPrefixPatterns(globs, target) {
    for (let raw of globs.split(',')) {
        raw = raw.trim().replace(/\/+$/, '');
        if (raw === '')
            continue;
        let n = raw.split('/').length - 1;
        let prefix = target;
        for (let i = 0; i < target.length; i++) {
            if (target[i] === '/') {
                if (n === 0) {
                    prefix = target.slice(0, i);
                    break;
                }
                n--;
            }
        }
        if (n > 0)
            continue; // target has fewer elements than the glob
        if (goPathMatch(raw, prefix))
            return true;
    }
    return false;
}
//# sourceMappingURL=patterns.js.map