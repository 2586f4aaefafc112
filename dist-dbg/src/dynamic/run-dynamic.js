// Dynamic analysis of one module: prepare the harness, build it (and the module's main packages)
// in a network-less container, run each binary in the sandbox, and assemble one Phase per run.
// Every failure of a phase is recorded in that phase; only a broken engine throws.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemblePhase, buildFailedPhase, errorPhase, skippedPhase } from './assemble-phase.js';
import { BUILD_PATHS, runBuild } from './build-run.js';
import { buildImportHarness, buildMainPackage, prepareHarness } from './harness.js';
import { runSandboxed, sandboxImages } from './sandbox-run.js';
/** Where the sample container sees the binaries (SandboxRunRequest.hostDir is mounted there). */
const HARNESS_MOUNT = '/opt/harness';
const outPath = (name) => `${BUILD_PATHS.out}/${name}`;
function message(err) {
    return err instanceof Error ? err.message : String(err);
}
async function runPhase(name, prep, binary, timeoutMs, notes, timing) {
    const t0 = Date.now();
    const raw = await runSandboxed({ hostDir: prep.outDir, argv: [`${HARNESS_MOUNT}/${binary}`], timeoutMs, label: name.replace(/[^a-zA-Z0-9_.-]/g, '_') });
    timing({ step: 'run', phase: name, ms: Date.now() - t0, programMs: raw.durationMs });
    return assemblePhase(name, raw, { notes });
}
export async function runDynamic(module, opts = {}) {
    const started = Date.now();
    const progress = opts.onProgress ?? (() => { });
    const timing = opts.onTiming ?? (() => { });
    const wanted = new Set(opts.phases ?? ['import', 'main']);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const buildTimeoutMs = opts.buildTimeoutMs ?? 300_000;
    const phases = [];
    progress('checking sandbox images');
    const images = await sandboxImages();
    timing({ step: 'images', ms: Date.now() - started });
    const workDir = await mkdtemp(join(tmpdir(), 'gosnare-dyn-'));
    try {
        progress(`preparing harness for ${module.path}`);
        let prep;
        const prepStarted = Date.now();
        try {
            prep = await prepareHarness(module, { workDir, lingerMs: opts.lingerMs, includeMains: wanted.has('main'), fetchTimeoutMs: opts.fetchTimeoutMs });
        }
        catch (err) {
            phases.push(errorPhase('import', `harness preparation failed: ${message(err)}`, Date.now() - prepStarted));
            return { image: images.sample, phases, durationMs: Date.now() - started };
        }
        timing({ step: 'prepare', ms: Date.now() - prepStarted });
        const baseNotes = [...prep.tree.notes];
        if (wanted.has('import')) {
            const importable = prep.tree.packages.importable;
            if (importable.length === 0) {
                phases.push(skippedPhase('import', 'module has no importable packages for linux/amd64'));
            }
            else {
                progress(`building import harness (${importable.length} packages)`);
                const built = await buildImportHarness(prep, runBuild, outPath, { timeoutMs: buildTimeoutMs });
                timing({ step: 'build', phase: 'import', ms: built.durationMs });
                const notes = [...baseNotes, `harness imports ${importable.length - built.excluded.length} of ${importable.length} packages (build ${built.durationMs} ms)`];
                for (const ex of built.excluded)
                    notes.push(`package ${ex} left out: it does not compile`);
                if (built.status !== 'ok') {
                    const out = `${built.earlierOutput}${built.output}`;
                    phases.push(built.status === 'timeout' ? { ...buildFailedPhase('import', out, built.durationMs, notes), error: 'build timed out' } : buildFailedPhase('import', out, built.durationMs, notes));
                }
                else {
                    progress('running import harness in the sandbox');
                    const phase = await runPhase('import', prep, built.binary, timeoutMs, notes, timing);
                    if (built.excluded.length > 0)
                        phase.stderrTail = `${phase.stderrTail}${phase.stderrTail ? '\n' : ''}--- build errors of left-out packages ---\n${built.earlierOutput}`.slice(-4096);
                    phases.push(phase);
                }
            }
        }
        if (wanted.has('main')) {
            const mains = prep.tree.packages.mains;
            const limit = opts.maxMains ?? 8;
            for (const [i, pkg] of mains.entries()) {
                const name = `main:${pkg.importPath}`;
                if (i >= limit) {
                    phases.push(skippedPhase(name, `only the first ${limit} main packages are run`));
                    continue;
                }
                progress(`building ${pkg.importPath}`);
                const built = await buildMainPackage(prep, pkg, i, runBuild, outPath, { timeoutMs: buildTimeoutMs });
                timing({ step: 'build', phase: name, ms: built.durationMs });
                if (built.status !== 'ok') {
                    const failed = buildFailedPhase(name, built.output, built.durationMs, baseNotes);
                    phases.push(built.status === 'timeout' ? { ...failed, error: 'build timed out' } : failed);
                    continue;
                }
                progress(`running ${pkg.importPath} in the sandbox`);
                phases.push(await runPhase(name, prep, built.binary, timeoutMs, [...baseNotes, `build ${built.durationMs} ms`], timing));
            }
        }
        return { image: images.sample, phases, durationMs: Date.now() - started };
    }
    finally {
        const t0 = Date.now();
        await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
        timing({ step: 'cleanup', ms: Date.now() - t0 });
    }
}
//# sourceMappingURL=run-dynamic.js.map