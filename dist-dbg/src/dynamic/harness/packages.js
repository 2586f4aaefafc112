// Lists a module's packages the way `go list ./...` would for linux/amd64 without cgo, without
// running the go command: directories holding buildable non-test .go files, skipping testdata,
// vendor, `.`/`_` directories and nested modules.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileIncluded, readGoFileHeader, SANDBOX_TARGET } from './constraints.js';
const MAX_DIRS = 20000;
export async function listModulePackages(moduleDir, modulePath, target = SANDBOX_TARGET) {
    const out = { importable: [], mains: [], problems: [], cgoFiles: [] };
    const queue = ['.'];
    let seen = 0;
    while (queue.length > 0) {
        const rel = queue.shift();
        if (++seen > MAX_DIRS) {
            out.problems.push({ dir: rel, reason: `more than ${MAX_DIRS} directories; rest not listed` });
            break;
        }
        const abs = rel === '.' ? moduleDir : join(moduleDir, rel);
        let entries;
        try {
            entries = await readdir(abs, { withFileTypes: true });
        }
        catch (err) {
            out.problems.push({ dir: rel, reason: `unreadable: ${err.message}` });
            continue;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        if (rel !== '.' && entries.some((e) => e.isFile() && e.name === 'go.mod'))
            continue; // nested module
        const names = new Set();
        const files = [];
        for (const e of entries) {
            if (e.name.startsWith('.') || e.name.startsWith('_'))
                continue;
            if (e.isDirectory()) {
                if (e.name === 'testdata' || e.name === 'vendor')
                    continue;
                queue.push(rel === '.' ? e.name : `${rel}/${e.name}`);
                continue;
            }
            if (!e.isFile() || !e.name.endsWith('.go') || e.name.endsWith('_test.go'))
                continue;
            let src;
            try {
                src = await readFile(join(abs, e.name), 'utf8');
            }
            catch (err) {
                out.problems.push({ dir: rel, reason: `unreadable ${e.name}: ${err.message}` });
                continue;
            }
            const header = readGoFileHeader(src);
            if (!header.packageName || !fileIncluded(e.name, header, target)) {
                // Recorded: cgo directives (compiler/linker flags) never reach a C toolchain here.
                if (header.importsC && !target.cgo && fileIncluded(e.name, { ...header, importsC: false }, target))
                    out.cgoFiles.push(rel === '.' ? e.name : `${rel}/${e.name}`);
                continue;
            }
            // go/build ignores `package documentation` files.
            if (header.packageName === 'documentation')
                continue;
            names.add(header.packageName);
            files.push(e.name);
        }
        if (names.size === 0)
            continue;
        if (names.size > 1) {
            out.problems.push({ dir: rel, reason: `several package names: ${[...names].sort().join(', ')}` });
            continue;
        }
        const name = [...names][0];
        const pkg = { importPath: rel === '.' ? modulePath : `${modulePath}/${rel}`, dir: rel, name, files };
        (name === 'main' ? out.mains : out.importable).push(pkg);
    }
    const byPath = (a, b) => (a.importPath < b.importPath ? -1 : a.importPath > b.importPath ? 1 : 0);
    out.importable.sort(byPath);
    out.mains.sort(byPath);
    return out;
}
//# sourceMappingURL=packages.js.map