// Wall time of dynamic analysis per module, cold (empty build cache) and warm (cache filled),
// split into prepare (copy + dependency resolution), build, run (container setup + program +
// teardown) and cleanup.
// Usage: node dist/bench/dynamic.js [sample-dir ...]   (default: a generated tiny module plus
// samples/benign-init-registry and samples/init-reverse-shell when present)
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDynamic } from '../src/dynamic/run-dynamic.js';
const repo = fileURLToPath(new URL('../../', import.meta.url));
async function tinyModule(root) {
    const dir = join(root, 'tiny');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'go.mod'), 'module example.test/tiny\n\ngo 1.22\n');
    await writeFile(join(dir, 'tiny.go'), 'package tiny\n\nimport "strings"\n\nvar Upper = strings.ToUpper("tiny")\n');
    return dir;
}
function modulePath(dir) {
    const m = /^\s*module\s+(\S+)/m.exec(readFileSync(join(dir, 'go.mod'), 'utf8'));
    return m ? m[1] : 'example.test/unknown';
}
async function measure(dir, mode) {
    const steps = [];
    const t0 = Date.now();
    const result = await runDynamic({ dir, path: modulePath(dir) }, { phases: ['import'], onTiming: (t) => steps.push(t) });
    const totalMs = Date.now() - t0;
    const sum = (step) => steps.filter((s) => s.step === step).reduce((a, s) => a + s.ms, 0);
    return {
        module: dir.startsWith(repo) ? dir.slice(repo.length) : dir,
        mode,
        totalMs,
        prepareMs: sum('prepare'),
        buildMs: sum('build'),
        runMs: sum('run'),
        programMs: steps.filter((s) => s.step === 'run').reduce((a, s) => a + (s.programMs ?? 0), 0),
        cleanupMs: sum('cleanup'),
        status: result.phases.map((p) => `${p.name}:${p.status}`).join(' '),
    };
}
async function main() {
    const scratch = await mkdtemp(join(tmpdir(), 'gosnare-bench-'));
    const args = process.argv.slice(2);
    const dirs = args.length > 0 ? args.map((a) => resolve(a)) : [await tinyModule(scratch), ...['samples/benign-init-registry', 'samples/init-reverse-shell'].map((s) => join(repo, s)).filter((d) => existsSync(d))];
    // Warm the images once so the first cold figure measures the build, not an image build.
    await runDynamic({ dir: dirs[0], path: modulePath(dirs[0]) }, { phases: ['import'] });
    const rows = [];
    const savedCache = process.env.GOSNARE_GOCACHE;
    for (const dir of dirs) {
        // Cold: an empty build cache for this module's first build (standard library included).
        const cold = join(scratch, `gocache-${rows.length}`);
        await mkdir(cold, { recursive: true });
        process.env.GOSNARE_GOCACHE = cold;
        rows.push(await measure(dir, 'cold'));
        rows.push(await measure(dir, 'warm'));
        if (savedCache === undefined)
            delete process.env.GOSNARE_GOCACHE;
        else
            process.env.GOSNARE_GOCACHE = savedCache;
    }
    await rm(scratch, { recursive: true, force: true });
    const cols = ['module', 'mode', 'totalMs', 'prepareMs', 'buildMs', 'runMs', 'programMs', 'cleanupMs', 'status'];
    const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
    const line = (vals) => vals.map((v, i) => v.padEnd(widths[i])).join('  ');
    console.log(line(cols.map(String)));
    for (const r of rows)
        console.log(line(cols.map((c) => String(r[c]))));
}
main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
//# sourceMappingURL=dynamic.js.map