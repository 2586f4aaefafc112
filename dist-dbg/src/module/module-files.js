// Which files of a source tree go into a module zip, by golang.org/x/mod/zip's rules, and reading
// an unpacked module back into memory.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { hash1, sha256Hex } from './h1.js';
import { GO_ZIP_LIMITS, checkFilePath } from './zip-rules.js';
const VCS_DIRS = new Set(['.bzr', '.git', '.hg', '.svn']);
/**
 * zip.isVendoredPackage, quirk included: files directly in a vendor/ directory (vendor/modules.txt)
 * stay; anything deeper is dropped. For a nested "a/vendor/", Go keeps the offset bug it cannot fix
 * without changing checksums (golang.org/issue/31562), so we copy it.
 */
export function isVendoredPackage(name) {
    let i = 0;
    if (name.startsWith('vendor/'))
        i += 'vendor/'.length;
    else if (name.includes('/vendor/'))
        i += '/vendor/'.length;
    else
        return false;
    return name.slice(i).includes('/');
}
/**
 * Apply Go's module zip file rules to a list of regular files (relative, slash-separated):
 * drop VCS directories, vendored packages, nested modules (directories with their own go.mod),
 * files whose names Go refuses, and oversized go.mod/LICENSE.
 */
export function selectModuleFiles(files) {
    const nestedModules = new Set();
    for (const f of files.keys()) {
        if (f !== 'go.mod' && f.endsWith('/go.mod'))
            nestedModules.add(f.slice(0, -'/go.mod'.length));
    }
    const kept = new Map();
    const skipped = [];
    for (const [f, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const dirs = f.split('/').slice(0, -1);
        if (dirs.some((d) => VCS_DIRS.has(d)))
            continue;
        const nested = [...nestedModules].find((m) => f.startsWith(`${m}/`));
        if (nested !== undefined) {
            skipped.push({ file: f, reason: `in nested module ${nested}` });
            continue;
        }
        if (isVendoredPackage(f)) {
            skipped.push({ file: f, reason: 'vendored package' });
            continue;
        }
        const bad = checkFilePath(f);
        if (bad) {
            skipped.push({ file: f, reason: bad });
            continue;
        }
        if ((f === 'go.mod' && data.length > GO_ZIP_LIMITS.maxGoModBytes) || (f === 'LICENSE' && data.length > GO_ZIP_LIMITS.maxLicenseBytes)) {
            skipped.push({ file: f, reason: 'file too large' });
            continue;
        }
        kept.set(f, data);
    }
    return { kept, skipped };
}
/** h1: of an in-memory module file set, as if zipped under `module@version/`. */
export function hashFileSet(files, modulePath, version) {
    return hash1([...files].map(([f, data]) => ({ name: `${modulePath}@${version}/${f}`, sha256: sha256Hex(data) })));
}
/** Read every regular file under an unpacked module root (no symlinks followed). */
export async function readModuleDir(root) {
    const files = new Map();
    const walk = async (abs, rel) => {
        for (const e of await readdir(abs, { withFileTypes: true })) {
            const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
            if (e.isDirectory())
                await walk(path.join(abs, e.name), childRel);
            else if (e.isFile())
                files.set(childRel, await readFile(path.join(abs, e.name)));
        }
    };
    await walk(root, '');
    return files;
}
//# sourceMappingURL=module-files.js.map