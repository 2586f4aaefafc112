// `gosnare diff <module>@<old> <new>`: what a new version adds, for a reviewer. Exit 1 when the new
// version adds exec or network at import time, 0 otherwise, 2 for bad input.
import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { loadRules } from '../static/rules/load.js';
import { resolveTarget } from '../target/resolve.js';
import { readModuleDir, selectModuleFiles } from '../module/module-files.js';
import { reviewVersions } from '../module/version-review.js';
import { renderDiffText } from '../report/diff-text.js';
/**
 * The new side may be a bare version (`v1.2.4`, `latest`) meaning the same module, a full
 * module@version, or a local directory / zip.
 */
export function newTarget(oldArg, newArg) {
    if (existsSync(newArg) || newArg.includes('@'))
        return newArg;
    const looksLikeVersion = !newArg.includes('/');
    if (!looksLikeVersion)
        return newArg; // a module path: its latest version
    const at = oldArg.indexOf('@');
    if (existsSync(oldArg) || at <= 0) {
        throw new UsageError(`"${newArg}" is a bare version, which needs the old side as <module>@<version> (got "${oldArg}"); give the new side as <module>@<version>, a directory or a zip`);
    }
    return `${oldArg.slice(0, at)}@${newArg}`;
}
function side(t) {
    const s = { path: t.info.path, version: t.info.version, source: t.info.source, location: t.info.location };
    if (t.info.h1 !== undefined)
        s.h1 = t.info.h1;
    return s;
}
/** The files a module ships: a local directory may hold .git, nested modules and vendored code, which a zip would not. */
async function shippedFiles(t) {
    const all = await readModuleDir(t.dir);
    return t.info.source === 'dir' ? selectModuleFiles(all).kept : all;
}
function label(t, fallback) {
    return t.info.version !== '' ? t.info.version : fallback;
}
export function registerDiff(program) {
    program
        .command('diff')
        .description('Show what a new version of a module adds (new findings, sensitive imports, init code, files); flag new import-time exec/network')
        .argument('<old>', 'old version: <module>@<version>, a module directory or a module zip')
        .argument('<new>', 'new version: a version of the same module, <module>@<version>, a directory or a zip')
        .addOption(new Option('--format <format>', 'output on stdout').choices(['text', 'json']).default('text'))
        .option('--rules <path...>', 'rule files or directories (default: the bundled pack)')
        .option('--allow-insecure', 'allow plain http:// GOPROXY hosts that are not loopback')
        .option('--no-color', 'no colours in text output')
        .action(async (oldArg, newArg, flags) => {
        const newArgResolved = newTarget(oldArg, newArg);
        const rules = loadRules(flags.rules);
        if (rules.errors.length) {
            const e = rules.errors[0];
            throw new UsageError(`bad rule in ${e.file}:${e.line}: ${e.message}`);
        }
        const resolveOpts = { allowInsecure: flags.allowInsecure === true, typosquat: false };
        const oldT = await resolveTarget(oldArg, resolveOpts);
        let newT;
        try {
            newT = await resolveTarget(newArgResolved, resolveOpts);
            const labels = { old: label(oldT, 'old'), new: label(newT, 'new') };
            if (labels.old === labels.new) {
                labels.old = `old-${labels.old}`;
                labels.new = `new-${labels.new}`;
            }
            const review = await reviewVersions({
                oldDir: oldT.dir,
                newDir: newT.dir,
                oldFiles: await shippedFiles(oldT),
                newFiles: await shippedFiles(newT),
                labels,
                rules,
            });
            const report = { old: side(oldT), new: side(newT), flagged: review.flags.length > 0, findings: review.flags, review };
            const color = flags.color !== false && process.stdout.isTTY === true;
            process.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderDiffText(report, color));
            process.exitCode = report.flagged ? EXIT.flagged : EXIT.clean;
        }
        finally {
            await newT?.cleanup();
            await oldT.cleanup();
        }
    });
}
//# sourceMappingURL=diff-command.js.map