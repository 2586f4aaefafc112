// Sandboxed `go build` against the real Docker engine; skipped only with GOSNARE_SKIP_DOCKER=1.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild, defaultGoCacheDir } from '../src/dynamic/build-run.js';
import { runSandboxed, sandboxImages } from '../src/dynamic/sandbox-run.js';
import { engine } from '../src/dynamic/engine.js';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const skip = dockerTestsSkipped();
let work = '';
before(async () => {
    if (skip)
        return;
    work = await mkdtemp(join(tmpdir(), 'gosnare-test-build-'));
    await sandboxImages();
});
after(async () => {
    if (work)
        await rm(work, { recursive: true, force: true });
});
async function fixture(name) {
    const srcDir = join(work, name, 'src');
    await cp(join(repoRoot, 'test/fixtures/sandbox', name), srcDir, { recursive: true });
    return { srcDir, outDir: join(work, name, 'out'), goModCache: await mkdtemp(join(work, 'modcache-')) };
}
test('go build runs offline in a container and the binary runs in the sandbox', { skip, timeout: 600_000 }, async () => {
    const f = await fixture('build-ok');
    // A cold build cache compiles the standard library first (a minute or more on 2 cores).
    const r = await runBuild({ ...f, goCache: defaultGoCacheDir(), args: ['-o', '/out/prog', '.'], timeoutMs: 540_000 });
    assert.equal(r.status, 'ok', r.output);
    assert.ok((await stat(join(f.outDir, 'prog'))).isFile());
    const ran = await runSandboxed({ hostDir: f.outDir, argv: ['/opt/harness/prog'], timeoutMs: 10_000, label: 'built' });
    assert.equal(ran.stdout, 'built in the sandbox\n', ran.error ?? ran.stderr);
});
test('a compile error is reported as failed with the compiler output', { skip, timeout: 600_000 }, async () => {
    const f = await fixture('build-broken');
    const r = await runBuild({ ...f, goCache: defaultGoCacheDir(), args: ['-o', '/out/prog', '.'], timeoutMs: 540_000 });
    assert.equal(r.status, 'failed');
    assert.match(r.output, /undefined: undefinedFunction/);
});
test('the build has no network: a dependency missing from the module cache fails, not fetched', { skip, timeout: 120_000 }, async () => {
    const f = await fixture('build-needs-net');
    const r = await runBuild({ ...f, goCache: defaultGoCacheDir(), args: ['-o', '/out/prog', '.'], timeoutMs: 100_000 });
    assert.equal(r.status, 'failed');
    // Either the proxy is off or the read-only cache refuses the download: it is never fetched.
    assert.match(r.output, /GOPROXY=off|module lookup disabled|read-only file system/);
});
test('a build past its deadline ends as timeout and leaves no container', { skip, timeout: 60_000 }, async () => {
    const f = await fixture('build-ok');
    // A fresh cache dir forces real work, so 300 ms cannot be enough.
    const r = await runBuild({ ...f, goCache: join(work, 'cold-cache'), args: ['-a', '-o', '/out/prog', '.'], timeoutMs: 300 });
    assert.equal(r.status, 'timeout');
    const left = await engine().listContainers({ all: true, filters: JSON.stringify({ label: [`gosnare.pid=${process.pid}`] }) });
    assert.deepEqual(left, []);
});
//# sourceMappingURL=sandbox-build.test.js.map