// Batch benchmark: `node dist/bench/batch.js [--n 50] [--static-only] [--concurrency N] [--warmup K]
// [--timeout S] [--keep]`. Makes N copies of the samples with distinct module paths, runs them as one
// batch in this process (the orchestrator: queue, store, and its analysis threads), and prints
// modules/hour and the orchestrator's peak RSS. Without --static-only it needs the Docker engine and the
// sandbox images; --warmup runs K targets first (not measured) so images and the Go cache are warm.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSampleCopies } from '../src/batch/sample-copies.js';
import { defaultConcurrency, runBatch } from '../src/batch/run.js';
import { parseTargetList } from '../src/batch/targets.js';
import { plainProgress, silentProgress } from '../src/batch/progress.js';
import { BatchStore } from '../src/batch/store.js';
import { STORE_FILE } from '../src/batch/files.js';
function arg(name) {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name) => process.argv.includes(name);
const root = fileURLToPath(new URL('../../', import.meta.url));
const n = Number(arg('--n') ?? 50);
const staticOnly = flag('--static-only');
const concurrency = arg('--concurrency') !== undefined ? Number(arg('--concurrency')) : defaultConcurrency(staticOnly);
const warmup = Number(arg('--warmup') ?? (staticOnly ? 0 : 2));
const phaseTimeoutMs = Number(arg('--timeout') ?? 20) * 1000;
let peakSampled = 0;
const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
}, 100);
const work = mkdtempSync(join(tmpdir(), 'gosnare-bench-batch-'));
try {
    if (!staticOnly) {
        try {
            const { requireEngine } = await import('../src/cli/sandbox-command.js');
            await requireEngine();
        }
        catch (err) {
            console.log(`dynamic analysis unavailable: ${err instanceof Error ? err.message : String(err)}; run with --static-only`);
            process.exit(2);
        }
    }
    const copies = makeSampleCopies(join(root, 'samples'), join(work, 'mods'), n + warmup);
    const listText = (dirs) => dirs.join('\n') + '\n';
    const progress = flag('--verbose') ? plainProgress(process.stderr) : silentProgress;
    const common = { staticOnly, concurrency, phaseTimeoutMs, progress };
    if (warmup > 0) {
        await runBatch({ ...common, targets: parseTargetList(listText(copies.slice(0, warmup)), work), outDir: join(work, 'warmup') });
    }
    const targets = parseTargetList(listText(copies.slice(warmup)), work);
    const outDir = join(work, 'out');
    const started = process.hrtime.bigint();
    const summary = await runBatch({ ...common, targets, outDir });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const store = new BatchStore(join(outDir, STORE_FILE));
    const rows = store.rows();
    store.close();
    const verdicts = new Map();
    for (const r of rows)
        verdicts.set(r.verdict ?? r.status, (verdicts.get(r.verdict ?? r.status) ?? 0) + 1);
    const durations = rows.map((r) => r.durationMs).sort((a, b) => a - b);
    const pct = (p) => durations[Math.min(durations.length - 1, Math.floor((durations.length * p) / 100))] ?? 0;
    // maxRSS (KiB) is the process's peak, analysis threads included.
    const peakRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peakSampled / 1024 / 1024);
    console.log(`mode: ${staticOnly ? 'static only' : 'static + dynamic'}, cores ${availableParallelism()}, concurrency ${concurrency}, warm-up ${warmup}`);
    console.log(`modules: ${n} (${summary.done} analysed, ${summary.failed} failed)`);
    console.log(`verdicts: ${[...verdicts].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    console.log(`seconds: ${seconds.toFixed(1)}`);
    console.log(`modules/hour: ${Math.round((n * 3600) / seconds)}`);
    console.log(`per-module wall time p50 ${(pct(50) / 1000).toFixed(2)} s, p90 ${(pct(90) / 1000).toFixed(2)} s, max ${(pct(100) / 1000).toFixed(2)} s`);
    console.log(`orchestrator peak RSS MB: ${peakRssMb.toFixed(0)}`);
    writeFileSync(join(work, 'bench.txt'), `${seconds}\n`);
}
finally {
    clearInterval(sampler);
    if (!flag('--keep'))
        rmSync(work, { recursive: true, force: true });
    else
        console.log(`kept ${work}`);
}
//# sourceMappingURL=batch.js.map