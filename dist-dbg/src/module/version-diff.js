import { diffFileSets } from './file-diff.js';
import { readModuleDir } from './module-files.js';
const IMPORT_BLOCK = /^import\s*\(([\s\S]*?)^\)/gm;
const IMPORT_SINGLE = /^import\s+(?:[\w.]+\s+)?("[^"]+"|`[^`]+`)/gm;
const QUOTED = /("[^"\n]+"|`[^`\n]+`)/g;
/** Import paths of a Go source file, by a regex good enough for a diff summary (not for rules). */
export function goImports(source) {
    const found = new Set();
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of code.matchAll(IMPORT_BLOCK)) {
        for (const line of m[1].split('\n')) {
            const q = line.replace(/\/\/.*$/, '').match(QUOTED);
            if (q)
                found.add(q[0].slice(1, -1));
        }
    }
    for (const m of code.matchAll(IMPORT_SINGLE))
        found.add(m[1].slice(1, -1));
    return [...found];
}
function importsOf(files) {
    const all = new Set();
    for (const [f, data] of files)
        if (f.endsWith('.go'))
            for (const i of goImports(data.toString('utf8')))
                all.add(i);
    return all;
}
export async function diffModuleVersions(oldDir, newDir, labels) {
    const [oldFiles, newFiles] = await Promise.all([readModuleDir(oldDir), readModuleDir(newDir)]);
    const oldImports = importsOf(oldFiles);
    const newImports = importsOf(newFiles);
    return {
        oldLabel: labels.old,
        newLabel: labels.new,
        diff: diffFileSets(oldFiles, newFiles, labels),
        newImports: [...newImports].filter((i) => !oldImports.has(i)).sort(),
        removedImports: [...oldImports].filter((i) => !newImports.has(i)).sort(),
    };
}
//# sourceMappingURL=version-diff.js.map