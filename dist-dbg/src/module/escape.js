// Module path / version case-encoding used by proxies and the module cache
// (golang.org/x/mod/module.EscapePath): every upper-case letter becomes "!" + its lower case,
// so case-insensitive file systems cannot merge two modules.
export function escapeCase(s) {
    let out = '';
    for (const ch of s) {
        if (ch === '!')
            throw new Error(`invalid character "!" in ${JSON.stringify(s)}`);
        out += ch >= 'A' && ch <= 'Z' ? `!${ch.toLowerCase()}` : ch;
    }
    return out;
}
export function unescapeCase(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            throw new Error(`unexpected upper case in escaped ${JSON.stringify(s)}`);
        if (ch === '!') {
            const next = s[i + 1];
            if (next === undefined || next < 'a' || next > 'z')
                throw new Error(`bad escape in ${JSON.stringify(s)}`);
            out += next.toUpperCase();
            i++;
        }
        else
            out += ch;
    }
    return out;
}
/** Loose check of a module path (module.CheckPath): host-like first element, safe characters. */
export function checkModulePath(p) {
    if (p === '')
        return 'empty module path';
    if (p.includes('\\'))
        return 'backslash in module path';
    if (p.startsWith('/') || p.endsWith('/') || p.includes('//'))
        return 'malformed slashes in module path';
    if (p.includes('@'))
        return 'module path contains "@"';
    const elems = p.split('/');
    if (elems.some((e) => e === '.' || e === '..' || e.startsWith('.') || e.endsWith('.'))) {
        return 'module path element starts or ends with a dot';
    }
    if (!/^[A-Za-z0-9.\-_~/+]+$/.test(p))
        return 'module path contains characters outside [A-Za-z0-9.-_~/+]';
    const first = elems[0];
    if (!first.includes('.') && elems.length > 1)
        return `module path's first element ${JSON.stringify(first)} is not a domain`;
    if (/[A-Z_~+]/.test(first))
        return 'invalid characters in module path host';
    return undefined;
}
//# sourceMappingURL=escape.js.map