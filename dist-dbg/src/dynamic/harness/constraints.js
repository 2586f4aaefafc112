// Go build constraints for the sandbox target (GOOS=linux, GOARCH=amd64, CGO_ENABLED=0, gc):
// file name suffixes (_linux.go, _amd64.go, _linux_amd64.go), `//go:build` expressions and the
// older `// +build` lines, following go/build's rules.
const KNOWN_OS = new Set('aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(' '));
const KNOWN_ARCH = new Set('386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(' '));
export const SANDBOX_TARGET = { goos: 'linux', goarch: 'amd64', cgo: false, goMinor: 26 };
export function tagSatisfied(tag, target) {
    if (tag === target.goos || tag === target.goarch || tag === 'gc')
        return true;
    if (tag === 'unix')
        return target.goos !== 'windows' && target.goos !== 'plan9' && target.goos !== 'js' && target.goos !== 'wasip1';
    if (tag === 'cgo')
        return target.cgo;
    const v = /^go1\.(\d+)$/.exec(tag);
    if (v)
        return Number(v[1]) <= target.goMinor;
    return false;
}
/** go/build goodOSArchFile: `name_GOOS.go`, `name_GOARCH.go`, `name_GOOS_GOARCH.go` (the part before the first `_` is ignored). */
export function fileNameMatches(fileName, target) {
    let name = fileName.replace(/\.go$/, '').replace(/_test$/, '');
    const us = name.indexOf('_');
    if (us < 0)
        return true;
    name = name.slice(us);
    const parts = name.split('_');
    const n = parts.length;
    if (n >= 2 && KNOWN_OS.has(parts[n - 2]) && KNOWN_ARCH.has(parts[n - 1])) {
        return tagSatisfied(parts[n - 2], target) && parts[n - 1] === target.goarch;
    }
    const last = parts[n - 1];
    if (KNOWN_OS.has(last))
        return tagSatisfied(last, target);
    if (KNOWN_ARCH.has(last))
        return last === target.goarch;
    return true;
}
/** Evaluates a `//go:build` expression (`linux && !cgo || (darwin && arm64)`). Throws on syntax errors. */
export function evalBuildExpr(expr, target) {
    const tokens = expr.match(/&&|\|\||!|\(|\)|[A-Za-z0-9_.]+/g) ?? [];
    let i = 0;
    const parseOr = () => {
        let v = parseAnd();
        while (tokens[i] === '||') {
            i++;
            const r = parseAnd();
            v = v || r;
        }
        return v;
    };
    const parseAnd = () => {
        let v = parseNot();
        while (tokens[i] === '&&') {
            i++;
            const r = parseNot();
            v = v && r;
        }
        return v;
    };
    const parseNot = () => {
        const t = tokens[i++];
        if (t === '!')
            return !parseNot();
        if (t === '(') {
            const v = parseOr();
            if (tokens[i++] !== ')')
                throw new SyntaxError(`missing ) in ${expr}`);
            return v;
        }
        if (t === undefined || !/^[A-Za-z0-9_.]+$/.test(t))
            throw new SyntaxError(`bad build expression ${expr}`);
        return tagSatisfied(t, target);
    };
    const v = parseOr();
    if (i !== tokens.length)
        throw new SyntaxError(`trailing tokens in ${expr}`);
    return v;
}
/** `// +build linux,amd64 darwin`: space = OR, comma = AND, `!` negates; several lines are ANDed. */
export function evalPlusBuildLine(line, target) {
    return line
        .trim()
        .split(/\s+/)
        .some((opt) => opt.split(',').every((term) => (term.startsWith('!') ? !tagSatisfied(term.slice(1), target) : tagSatisfied(term, target))));
}
/** Reads the leading comments, the package clause and the import block of a Go file. */
export function readGoFileHeader(src) {
    const header = { plusBuild: [], importsC: false };
    let i = 0;
    while (i < src.length) {
        const ws = /^\s+/.exec(src.slice(i));
        if (ws) {
            i += ws[0].length;
            continue;
        }
        if (src.startsWith('//', i)) {
            const end = src.indexOf('\n', i);
            const line = src.slice(i, end < 0 ? src.length : end);
            const gb = /^\/\/go:build\s+(.*)$/.exec(line);
            if (gb && header.goBuild === undefined)
                header.goBuild = gb[1].trim();
            const pb = /^\/\/\s*\+build\s+(.*)$/.exec(line);
            if (pb)
                header.plusBuild.push(pb[1]);
            i = end < 0 ? src.length : end + 1;
            continue;
        }
        if (src.startsWith('/*', i)) {
            const end = src.indexOf('*/', i + 2);
            i = end < 0 ? src.length : end + 2;
            continue;
        }
        break;
    }
    const pkg = /^package\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (!pkg)
        return header;
    header.packageName = pkg[1];
    // The import declarations follow the package clause; `import "C"` needs cgo.
    const rest = src.slice(i + pkg[0].length, i + pkg[0].length + 20000).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    header.importsC = /(^|\n)\s*import\s*(?:"C"|\([^)]*"C"[^)]*\))/.test(rest);
    return header;
}
/** Whether go build would compile this (non-test) file for `target`. */
export function fileIncluded(fileName, header, target) {
    if (!fileNameMatches(fileName, target))
        return false;
    if (header.goBuild !== undefined) {
        try {
            if (!evalBuildExpr(header.goBuild, target))
                return false;
        }
        catch {
            return false;
        }
    }
    else if (header.plusBuild.length > 0 && !header.plusBuild.every((l) => evalPlusBuildLine(l, target))) {
        return false;
    }
    if (header.importsC && !target.cgo)
        return false;
    return true;
}
//# sourceMappingURL=constraints.js.map