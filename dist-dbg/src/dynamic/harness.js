// Harness preparation and builds: copy the module, generate the blank-import harness, fetch its
// dependencies on the host (no module code runs), then compile the harness and each main package
// with a container build function (no network). A package that does not compile is left out of
// the harness and the build retried, so one broken (or deliberately broken) package cannot hide
// the init code of the others.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultGoCache, defaultGoModCache, fetchDependencies, localGoVersion } from './harness/deps.js';
import { generateHarnessTree, harnessSource, writeImports } from './harness/generate.js';
export const DEFAULT_LINGER_MS = 1500;
export const HARNESS_BINARY = 'harness';
export async function prepareHarness(module, opts) {
    const goVersion = await localGoVersion();
    const lingerMs = opts.lingerMs ?? DEFAULT_LINGER_MS;
    const tree = await generateHarnessTree({ moduleDir: module.dir, modulePath: module.path, srcDir: join(opts.workDir, 'src'), goVersion, lingerMs });
    const outDir = join(opts.workDir, 'out');
    await mkdir(outDir, { recursive: true });
    const goModCache = opts.goModCache ?? defaultGoModCache();
    const goCache = opts.goCache ?? defaultGoCache();
    await mkdir(goModCache, { recursive: true });
    await mkdir(goCache, { recursive: true });
    const patterns = [`./${tree.harnessDir}`, ...(opts.includeMains ? tree.packages.mains.map((m) => `./${m.dir}`) : [])];
    const fetch = await fetchDependencies(tree.srcDir, patterns, { goModCache, timeoutMs: opts.fetchTimeoutMs ?? 180_000 });
    if (!fetch.ok)
        tree.notes.push(`dependency resolution ${fetch.timedOut ? 'timed out' : 'reported errors'}: ${fetch.output.trim().split('\n').slice(0, 5).join(' | ')}`);
    return { tree, outDir, goModCache, goCache, fetch, lingerMs };
}
/** Packages named by a failed build: `# import/path` headers and errors on the harness's import lines. */
export function failingPackages(output, tree, imports) {
    const failed = new Set();
    for (const m of output.matchAll(/^# (\S+)/gm))
        failed.add(m[1]);
    const lines = harnessSource(imports, 0).split('\n');
    const re = new RegExp(`${tree.harnessDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/main\\.go:(\\d+):\\d+:`, 'g');
    for (const m of output.matchAll(re)) {
        const imp = /^\t_ "(.*)"$/.exec(lines[Number(m[1]) - 1] ?? '');
        if (imp)
            failed.add(imp[1]);
    }
    return failed;
}
/**
 * Builds the import harness. `outPath(name)` maps a binary name to the path the go command must
 * write (the build container sees outDir under its own mount point).
 */
export async function buildImportHarness(prep, build, outPath, opts) {
    let pkgs = [...prep.tree.packages.importable];
    const excluded = [];
    let earlierOutput = '';
    let durationMs = 0;
    const maxRetries = opts.maxRetries ?? 2;
    for (let attempt = 0;; attempt++) {
        const res = await build({
            srcDir: prep.tree.srcDir,
            outDir: prep.outDir,
            goModCache: prep.goModCache,
            goCache: prep.goCache,
            workdirInSrc: '.',
            args: ['-trimpath', '-o', outPath(HARNESS_BINARY), `./${prep.tree.harnessDir}`],
            timeoutMs: opts.timeoutMs,
        });
        durationMs += res.durationMs;
        if (res.status !== 'failed' || attempt >= maxRetries) {
            return { ...res, durationMs, binary: HARNESS_BINARY, excluded, earlierOutput };
        }
        // Leave out the packages the compiler named (directly or through their bridge) and retry.
        const topImports = [...new Set(pkgs.map((p) => p.importPath))];
        const named = failingPackages(res.output, prep.tree, topImports);
        const drop = pkgs.filter((p) => named.has(p.importPath) || [...named].some((n) => n.endsWith('/zz_gosnare_bridge') && p.importPath.startsWith(n.slice(0, -'zz_gosnare_bridge'.length))));
        if (drop.length === 0 || drop.length === pkgs.length)
            return { ...res, durationMs, binary: HARNESS_BINARY, excluded, earlierOutput };
        excluded.push(...drop.map((p) => p.importPath));
        earlierOutput += res.output;
        pkgs = pkgs.filter((p) => !drop.includes(p));
        await writeImports(prep.tree, pkgs, prep.lingerMs);
    }
}
/** Builds one main package of the module into `main-<index>`. */
export async function buildMainPackage(prep, pkg, index, build, outPath, opts) {
    const binary = `main-${index}`;
    const res = await build({
        srcDir: prep.tree.srcDir,
        outDir: prep.outDir,
        goModCache: prep.goModCache,
        goCache: prep.goCache,
        workdirInSrc: '.',
        args: ['-trimpath', '-o', outPath(binary), `./${pkg.dir}`],
        timeoutMs: opts.timeoutMs,
    });
    return { ...res, binary };
}
//# sourceMappingURL=harness.js.map