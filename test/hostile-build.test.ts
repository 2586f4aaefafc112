// Build-time attacks (GitHub issue 6, item 4): a module whose build tries to run code. The build
// copy is compiled offline in a container (CGO_ENABLED=0, GOTOOLCHAIN=local, GOPROXY=off) and
// every case ends with a recorded outcome. Fixtures: test/fixtures/hostile/build/.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Phase } from '../src/result/schema.js';
import { runDynamic, type RunDynamicOptions } from '../src/dynamic/run-dynamic.js';
import { engine } from '../src/dynamic/engine.js';
import { defaultGoModCache } from '../src/dynamic/harness/deps.js';

const skip = dockerTestsSkipped();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string): string => join(repoRoot, 'test/fixtures/hostile/build', name);

/**
 * Every run gets a private TMPDIR, so the build copy (/src) and the output dir (/out) of the
 * container build can be searched for files a build-time payload would have left.
 */
let privateTmp = '';
const savedEnv = { TMPDIR: process.env.TMPDIR, GOPROXY: process.env.GOPROXY, GOSUMDB: process.env.GOSUMDB };

before(async () => {
  privateTmp = await mkdtemp(join(tmpdir(), 'gosnare-hostile-build-'));
  process.env.TMPDIR = privateTmp;
});
after(async () => {
  process.env.TMPDIR = savedEnv.TMPDIR;
  if (privateTmp) await rm(privateTmp, { recursive: true, force: true });
});
afterEach(async () => {
  if (skip) return;
  const left = await engine().listContainers({ all: true, filters: JSON.stringify({ label: [`gosnare.pid=${process.pid}`] }) });
  assert.deepEqual(left.map((c) => c.Names.join(',')), [], 'containers left after the run');
});

function findFiles(dir: string, match: RegExp, found: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (match.test(e.name)) found.push(p);
    if (e.isDirectory()) findFiles(p, match, found);
  }
  return found;
}

/**
 * Runs the import phase; `atRun` lists (while the build copy and outputs still exist, just before
 * the sandboxed run) every file under the private TMPDIR whose name matches `leftovers`, and
 * `copies` the build copies of `control` (proof that the search looked at the build tree).
 */
async function importPhase(name: string, leftovers: RegExp, opts: RunDynamicOptions = {}, control = /^$/): Promise<{ phase: Phase; atRun?: string[]; copies?: string[]; wallMs: number }> {
  let copies: string[] | undefined;
  let atRun: string[] | undefined;
  const started = Date.now();
  const result = await runDynamic(
    { dir: fixture(name), path: `example.test/hostile/${name}` },
    {
      phases: ['import'],
      timeoutMs: 10_000,
      ...opts,
      onProgress: (msg) => {
        if (!msg.startsWith('running import harness')) return;
        atRun = findFiles(privateTmp, leftovers);
        copies = findFiles(privateTmp, control);
      },
    },
  );
  const phase = result.phases.find((p) => p.name === 'import');
  assert.ok(phase);
  return { phase, atRun, copies, wallMs: Date.now() - started };
}

const notes = (phase: Phase): string => phase.timeline.filter((e) => e.kind === 'note').map((e) => e.summary).join('\n');
const ranMarker = (phase: Phase, name: string): boolean => phase.processes.some((p) => p.argv.join(' ') === `/bin/sh -c echo marker-${name}`);

test('cgo directives with dangerous flags: cgo files left out and noted, no C toolchain ran', { skip, timeout: 300_000 }, async () => {
  const { phase, atRun, copies } = await importPhase('cgoflags', /marker/, {}, /^evil_cgo\.go$|^harness$/);
  assert.equal(copies?.length, 2, `build copy and harness binary seen: ${JSON.stringify(copies)}`);
  assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
  assert.ok(ranMarker(phase, 'cgoflags'), 'the pure-Go init ran');
  assert.match(notes(phase), /cgo files not built \(CGO_ENABLED=0; their #cgo flags never reach a C toolchain\): evil_cgo\.go, cgoonly\/cgoonly\.go/);
  // The flags would have written dependency/map files into /out had gcc or ld run.
  assert.deepEqual(atRun, [], 'files left by the cgo flags');
});

test('//go:generate lines never run', { skip, timeout: 300_000 }, async () => {
  const { phase, atRun, copies } = await importPhase('generate', /generate-marker/, {}, /^gen\.go$|^harness$/);
  assert.equal(copies?.length, 2, `build copy and harness binary seen: ${JSON.stringify(copies)}`);
  assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
  assert.ok(ranMarker(phase, 'generate'));
  assert.deepEqual(atRun, [], 'a go:generate command ran during the build');
  assert.ok(!existsSync(join(fixture('generate'), 'generate-marker')), 'the fixture itself is untouched');
  assert.ok(!phase.processes.some((p) => /generate-marker|^touch$/.test(p.argv.join(' '))), 'nor at run time');
});

test('go 1.99.0 / toolchain go1.99.0: lowered to the local toolchain, noted, nothing downloaded', { skip, timeout: 300_000 }, async () => {
  const toolchainCache = join(defaultGoModCache(), 'cache/download/golang.org/toolchain/@v');
  const before = existsSync(toolchainCache) ? readdirSync(toolchainCache).filter((f) => f.includes('go1.99')) : [];
  assert.deepEqual(before, []);
  const { phase } = await importPhase('toolchain', /^$/);
  assert.equal(phase.status, 'completed', `${phase.error ?? ''} ${phase.stderrTail}`);
  assert.ok(ranMarker(phase, 'toolchain'));
  assert.match(notes(phase), /go\.mod asks for go 1\.99\.0, newer than the local toolchain [\d.]+: lowered/);
  const after = existsSync(toolchainCache) ? readdirSync(toolchainCache).filter((f) => f.includes('go1.99')) : [];
  assert.deepEqual(after, [], 'a toolchain download was attempted');
});

test('a dependency that never arrives: the host-side download is cut at its timeout, the offline build fails, recorded', { skip, timeout: 300_000 }, async () => {
  // A proxy on loopback that accepts every request and never answers (a dependency graph that
  // never finishes downloading).
  const requests: string[] = [];
  const tarpit: Server = createServer((req) => {
    requests.push(req.url ?? '');
  });
  await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
  process.env.GOPROXY = `http://127.0.0.1:${(tarpit.address() as AddressInfo).port}`;
  process.env.GOSUMDB = 'off';
  const fetchTimeoutMs = 4_000;
  const buildTimeoutMs = 60_000;
  try {
    const { phase, wallMs } = await importPhase('missingdep', /^$/, { fetchTimeoutMs, buildTimeoutMs });
    assert.equal(phase.status, 'build-failed', `${phase.status} ${phase.error ?? ''}`);
    assert.match(notes(phase), /dependency resolution timed out/);
    assert.match(phase.stderrTail, /example\.test\/does-not-exist/);
    assert.ok(requests.some((u) => u.includes('example.test/does-not-exist')), `proxy saw ${JSON.stringify(requests)}`);
    assert.ok(wallMs < fetchTimeoutMs + buildTimeoutMs, `wall ${wallMs}`);
  } finally {
    process.env.GOPROXY = savedEnv.GOPROXY;
    process.env.GOSUMDB = savedEnv.GOSUMDB;
    if (savedEnv.GOPROXY === undefined) delete process.env.GOPROXY;
    if (savedEnv.GOSUMDB === undefined) delete process.env.GOSUMDB;
    tarpit.closeAllConnections();
    await new Promise((resolve) => tarpit.close(resolve));
  }
});

test('a build past its time limit is killed and recorded as build-failed (build timed out)', { skip, timeout: 300_000 }, async () => {
  // The limit counts from the container's start; with a warm build cache a real build can finish in
  // ~300 ms, so the limit must be far below any go build (the go command alone takes longer to start).
  const buildTimeoutMs = 1;
  const { phase, wallMs } = await importPhase('generate', /^$/, { buildTimeoutMs });
  assert.equal(phase.status, 'build-failed');
  assert.equal(phase.error, 'build timed out');
  assert.deepEqual(phase.processes, []);
  // The container is killed at the limit; wall time covers preparation and removal.
  assert.ok(wallMs < 30_000, `wall ${wallMs}`);
});
