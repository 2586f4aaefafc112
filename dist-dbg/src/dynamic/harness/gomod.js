// Minimal go.mod edits on the build copy so a local toolchain (GOTOOLCHAIN=local) can build it:
// a missing module line is added, and a `go` line newer than the toolchain is lowered (with its
// `toolchain` line dropped). Code that really needs the newer language then fails to compile,
// which is recorded as build-failed.
export function readGoMod(text) {
    const info = {};
    const clean = text.replace(/\/\/[^\n]*/g, '');
    const mod = /^\s*module\s+("?)([^\s"]+)\1\s*$/m.exec(clean);
    if (mod)
        info.modulePath = mod[2];
    const go = /^\s*go\s+(\d+(?:\.\d+){0,2}\S*)\s*$/m.exec(clean);
    if (go)
        info.goVersion = go[1];
    const tc = /^\s*toolchain\s+(\S+)\s*$/m.exec(clean);
    if (tc)
        info.toolchain = tc[1];
    return info;
}
/** Compares Go versions like 1.22, 1.22.3, 1.23rc1 by their numeric parts. */
export function compareGoVersions(a, b) {
    const nums = (v) => v.replace(/^go/, '').split(/[^0-9]+/).filter(Boolean).map(Number);
    const x = nums(a);
    const y = nums(b);
    for (let i = 0; i < 3; i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}
/** Returns the go.mod text to build with and notes on what was changed. `localGo` e.g. "1.26.8". */
export function rewriteGoMod(text, modulePath, localGo) {
    const notes = [];
    if (text === undefined) {
        notes.push(`go.mod missing: generated with module ${modulePath}`);
        return { text: `module ${modulePath}\n\ngo ${goLine(localGo)}\n`, notes };
    }
    let out = text;
    const info = readGoMod(text);
    if (!info.modulePath) {
        notes.push(`go.mod has no module line: added module ${modulePath}`);
        out = `module ${modulePath}\n${out}`;
    }
    if (info.goVersion && compareGoVersions(info.goVersion, localGo) > 0) {
        notes.push(`go.mod asks for go ${info.goVersion}, newer than the local toolchain ${localGo}: lowered`);
        out = out.replace(/^(\s*go\s+)\S+(\s*)$/m, `$1${goLine(localGo)}$2`);
        out = out.replace(/^\s*toolchain\s+\S+\s*$/m, '');
    }
    else if (info.toolchain && compareGoVersions(info.toolchain, localGo) > 0) {
        notes.push(`toolchain ${info.toolchain} dropped (local toolchain ${localGo})`);
        out = out.replace(/^\s*toolchain\s+\S+\s*$/m, '');
    }
    return { text: out, notes };
}
function goLine(localGo) {
    const [maj, min] = localGo.replace(/^go/, '').split('.');
    return `${maj}.${min ?? '0'}`;
}
//# sourceMappingURL=gomod.js.map