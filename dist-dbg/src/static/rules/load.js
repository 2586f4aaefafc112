// Finds rule YAML files (any depth) under the given paths and compiles them into one rule set.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleSources } from './compile.js';
/** `<repo root>/rules`, found relative to this compiled file (dist/src/static/rules -> ../../../../rules). */
export function defaultRulesDir() {
    const here = dirname(fileURLToPath(import.meta.url));
    // Compiled: <root>/dist/src/static/rules ; run from source via a TS loader: <root>/src/static/rules.
    const fromDist = resolve(here, '..', '..', '..', '..', 'rules');
    const fromSrc = resolve(here, '..', '..', '..', 'rules');
    return here.split(sep).includes('dist') ? fromDist : fromSrc;
}
function isYaml(name) {
    return /\.ya?ml$/i.test(name);
}
function collectYamlFiles(path, out, errors) {
    let stat;
    try {
        stat = statSync(path);
    }
    catch (err) {
        errors.push({ file: path, line: 0, message: `cannot read: ${err.message}` });
        return;
    }
    if (stat.isFile()) {
        out.push(path);
        return;
    }
    if (!stat.isDirectory())
        return;
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const full = join(path, entry.name);
        if (entry.isDirectory())
            collectYamlFiles(full, out, errors);
        else if (entry.isFile() && isYaml(entry.name))
            out.push(full);
    }
}
/** Reads every rule file under `paths` (files or directories). Unreadable paths become errors. */
export function readRuleSources(paths) {
    const sources = [];
    const hashNames = [];
    const errors = [];
    for (const root of paths) {
        const files = [];
        collectYamlFiles(root, files, errors);
        for (const file of files) {
            try {
                sources.push({ file, text: readFileSync(file, 'utf8') });
                // Hash by path inside the rules root so the same pack hashes the same wherever it lives.
                hashNames.push(relative(root, file) || file.split(sep).pop() || file);
            }
            catch (err) {
                errors.push({ file, line: 0, message: `cannot read: ${err.message}` });
            }
        }
    }
    return { sources, hashNames, errors };
}
/** Loads and compiles all rules under `paths` (default: the bundled pack). Never throws for bad rules. */
export function loadRules(paths = [defaultRulesDir()]) {
    const { sources, hashNames, errors } = readRuleSources(paths);
    const set = compileRuleSources(sources, hashNames);
    set.errors.unshift(...errors);
    return set;
}
//# sourceMappingURL=load.js.map