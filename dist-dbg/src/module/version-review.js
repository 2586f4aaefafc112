// The reviewer's view of a version bump: what the new version adds that matters for security —
// new static findings, new imports of sensitive packages, new init() functions and side-effecting
// package-level initializers, and changed files — and whether it adds exec or network access at
// import time, which is how a hijacked release of a harmless library looks.
import { createTwoFilesPatch } from 'diff';
import { fileRole, scanModule } from '../static/scan.js';
import { diffFileSets } from './file-diff.js';
import { goFileFacts } from './import-time-code.js';
export const FLAG_RULE_ID = 'version-adds-import-time-behaviour';
/** Imports a reviewer should look at twice when a version starts using them. */
const SENSITIVE_IMPORTS = new Set([
    'os/exec',
    'net',
    'net/http',
    'syscall',
    'unsafe',
    'plugin',
    'os/user',
    'debug/elf',
    'C',
    'golang.org/x/sys/unix',
    'golang.org/x/sys/windows',
]);
export function isSensitiveImport(importPath) {
    return SENSITIVE_IMPORTS.has(importPath) || (importPath.startsWith('net/') && !['net/url', 'net/netip', 'net/mail', 'net/textproto'].includes(importPath));
}
const IMPORT_TIME_CONTEXTS = new Set(['init', 'package-var', 'reachable-from-init']);
const MAX_PATCH_BYTES = 256 * 1024;
/** A unified diff showing a whole file as added (or removed), for text files of reasonable size. */
export function wholeFilePatch(file, data, side, labels) {
    if (data.length > MAX_PATCH_BYTES || data.subarray(0, 8000).includes(0))
        return undefined;
    const text = data.toString('utf8');
    return side === 'added'
        ? createTwoFilesPatch('/dev/null', `${labels.new}/${file}`, '', text, undefined, undefined, { context: 3 })
        : createTwoFilesPatch(`${labels.old}/${file}`, '/dev/null', text, '', undefined, undefined, { context: 3 });
}
/** Lines move between versions; a finding is the same when its rule, file and code are. */
function findingKey(f) {
    return `${f.ruleId}\0${f.file}\0${f.snippet.replace(/\s+/g, ' ').trim()}`;
}
/** Items of `next` without a counterpart in `prev` (multiset difference by key). */
function unmatched(prev, next, key) {
    const counts = new Map();
    for (const x of prev)
        counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
    const out = [];
    for (const x of next) {
        const n = counts.get(key(x)) ?? 0;
        if (n > 0)
            counts.set(key(x), n - 1);
        else
            out.push(x);
    }
    return out;
}
const unitKey = (u) => `${u.packageKey}\0${u.kind}\0${u.normalized}`;
function withStatus(unit, oldUnits) {
    const before = oldUnits.some((o) => o.kind === unit.kind && (unit.kind === 'init' ? o.file === unit.file : o.packageKey === unit.packageKey && o.names.some((n) => unit.names.includes(n) && n !== '_')));
    return { ...unit, status: before ? 'changed' : 'new' };
}
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
/** Exec or network at import time, from a scanner finding: by category, or the import-time rules named for it. */
function findingReach(f) {
    if (f.context === undefined || !IMPORT_TIME_CONTEXTS.has(f.context))
        return undefined;
    if (f.category === 'exec' || /^import-time-exec/.test(f.ruleId))
        return 'exec';
    if (f.category === 'network' || /^import-time-network/.test(f.ruleId))
        return 'network';
    return undefined;
}
function unitLabel(u) {
    return u.kind === 'init' ? `init() in ${u.file}:${u.line}` : `package-level initializer of ${u.names.join(', ') || '(blank)'} in ${u.file}:${u.line}`;
}
function within(f, r) {
    return r.file === f.file && f.line >= r.line && f.line <= r.endLine;
}
function flagsFor(newUnits, newFindings, storedFuncs, newLabel) {
    const flags = [];
    // Only code that builds into an importer's binary counts: test files, testdata and _dirs do not.
    const flaggedUnits = newUnits.filter((u) => u.reaches.length > 0 && fileRole(u.file) === 'source');
    for (const u of flaggedUnits) {
        const categories = [...new Set(u.reaches.map((r) => r.category))];
        flags.push({
            ruleId: FLAG_RULE_ID,
            severity: 'high',
            category: 'import-time',
            message: `${newLabel} adds import-time ${categories.join(' and ')}: ${u.status} ${unitLabel(u)} reaches ${u.reaches.map((r) => r.call).join(', ')}`,
            file: u.file,
            line: u.line,
            column: 1,
            endLine: u.endLine,
            snippet: u.snippet,
            recoveredStrings: [],
            context: u.kind === 'init' ? 'init' : 'package-var',
        });
    }
    // Scanner findings reach further (methods, indirect calls); flag those not already explained by a
    // flagged unit. The scanner counts a func stored in a package var (`var run = func() {…}`) as
    // package-var code; it runs only when called, and a call from import-time code is a unit's reach.
    const covered = (f) => flaggedUnits.some((u) => within(f, u) || u.through.some((t) => within(f, t))) ||
        (f.context === 'package-var' && storedFuncs.some((s) => within(f, s)));
    const seen = new Set();
    for (const f of newFindings) {
        const reach = findingReach(f);
        if (!reach || fileRole(f.file) !== 'source' || covered(f))
            continue;
        const at = `${f.file}:${f.line}`;
        if (seen.has(at))
            continue;
        seen.add(at);
        flags.push({
            ruleId: FLAG_RULE_ID,
            severity: 'high',
            category: 'import-time',
            message: `${newLabel} adds import-time ${reach}: new finding ${f.ruleId} (${f.context}${f.function ? `, in ${f.function}` : ''}) at ${at}: ${f.message}`,
            file: f.file,
            line: f.line,
            column: f.column,
            ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
            snippet: f.snippet,
            recoveredStrings: f.recoveredStrings,
            ...(f.context !== undefined ? { context: f.context } : {}),
            ...(f.function !== undefined ? { function: f.function } : {}),
        });
    }
    return flags;
}
export async function reviewVersions(input) {
    const { labels } = input;
    const [oldScan, newScan] = await Promise.all([scanModule(input.oldDir, { rules: input.rules }), scanModule(input.newDir, { rules: input.rules })]);
    const oldFacts = goFileFacts(input.oldFiles);
    const newFacts = goFileFacts(input.newFiles);
    const files = diffFileSets(input.oldFiles, input.newFiles, labels);
    const addedPatches = [];
    for (const file of files.added) {
        const patch = wholeFilePatch(file, input.newFiles.get(file), 'added', labels);
        if (patch !== undefined)
            addedPatches.push({ file, patch });
    }
    const newImports = [...newFacts.imports]
        .filter(([p]) => !oldFacts.imports.has(p))
        .map(([p, inFiles]) => ({ path: p, sensitive: isSensitiveImport(p), files: inFiles, inBuild: inFiles.some((f) => fileRole(f) === 'source') }))
        .sort((a, b) => Number(b.sensitive) - Number(a.sensitive) || (a.path < b.path ? -1 : 1));
    const removedImports = [...oldFacts.imports.keys()].filter((p) => !newFacts.imports.has(p)).sort();
    // Findings are compared only within the shipped file set (a local directory may hold more).
    const shipped = (f) => input.newFiles.has(f.file);
    const newFindings = unmatched(oldScan.findings, newScan.findings.filter(shipped), findingKey).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    const newUnits = unmatched(oldFacts.units, newFacts.units, unitKey).map((u) => withStatus(u, oldFacts.units));
    const parseErrors = [
        ...oldScan.parseErrors.map((e) => ({ version: labels.old, ...e })),
        ...newScan.parseErrors.map((e) => ({ version: labels.new, ...e })),
    ];
    return {
        oldLabel: labels.old,
        newLabel: labels.new,
        files,
        addedPatches,
        newImports,
        removedImports,
        newFindings,
        newInits: newUnits.filter((u) => u.kind === 'init'),
        newInitializers: newUnits.filter((u) => u.kind === 'initializer'),
        flags: flagsFor(newUnits, newFindings, newFacts.storedFuncs, labels.new),
        parseErrors,
    };
}
//# sourceMappingURL=version-review.js.map