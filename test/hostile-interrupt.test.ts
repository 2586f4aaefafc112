// Interrupted runs (issue 6, item 5): Ctrl-C (SIGINT) and SIGTERM during `analyze` (static-only, and
// with a sandbox container running) and during `batch` leave no containers and no temp directories,
// exit with 128 + signal (130, 143), and a batch started again finishes with every target once.
// Each run gets a private TMPDIR, so "nothing left behind" is checked exactly.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { buildModuleZip } from './fixtures/modules/zip-writer.js';
import { dockerTestsSkipped } from './helpers/docker-gate.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(repo, 'dist/src/cli/main.js');
const work = mkdtempSync(path.join(tmpdir(), 'gosnare-interrupt-'));
after(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

interface Started {
  child: ChildProcess;
  tmp: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[]): Started {
  const tmp = path.join(work, `tmp${counter++}`);
  mkdirSync(tmp);
  const child = spawn(process.execPath, [cli, ...args], { cwd: repo, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, tmp, stderr: () => err, exited };
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every path under `dir`, relative. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

/** Interrupts the run, then checks the exit code, the message and that TMPDIR is empty. */
async function interruptAndCheck(run: Started, signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  run.child.kill(signal);
  const kill = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
  const { code, signal: died } = await run.exited;
  clearTimeout(kill);
  // Dead of the same signal after cleaning up (a shell shows 130 / 143), or exited with that code.
  assert.ok(died === signal || code === (signal === 'SIGINT' ? 130 : 143), `exit ${code} / signal ${died}; stderr: ${run.stderr()}`);
  assert.match(run.stderr(), new RegExp(`interrupted \\(${signal}\\)`));
  assert.deepEqual(tree(run.tmp), [], 'temp files left behind');
}

function containersOf(pid: number): string[] {
  const res = spawnSync('docker', ['ps', '-a', '-q', '--filter', 'label=gosnare', '--filter', `label=gosnare.pid=${pid}`], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout.split('\n').filter(Boolean);
}

/** A module of `packages` packages with dense generated code: a static scan of a few seconds. */
function slowModuleFiles(packages: number, linesPerPackage: number): Record<string, string> {
  const files: Record<string, string> = { 'go.mod': 'module example.test/slow\n' };
  for (let p = 0; p < packages; p++) {
    const lines = [`package p${p}\n\nimport (\n\t"encoding/base64"\n\t"os/exec"\n)\n`];
    for (let i = 0; i < linesPerPackage; i++) lines.push(`var s${i} = "c${i}" + "/bin/" + "sh"\nfunc f${i}() string { return base64.StdEncoding.EncodeToString([]byte(s${i})) }`);
    lines.push('func init() { exec.Command("sh", "-c", "id").Run() }\n');
    files[`p${p}/p.go`] = lines.join('\n');
  }
  return files;
}

test('SIGINT and SIGTERM during analyze --static-only of a zip: exit 130 / 143, the unpacked copy is removed', async () => {
  const zip = path.join(work, 'slow.zip');
  writeFileSync(zip, buildModuleZip('example.test/slow', 'v1.0.0', slowModuleFiles(30, 1500)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // --no-cache: a scan result cached by an earlier run would end the scan before the signal.
    const run = start(['analyze', zip, '--static-only', '--no-cache', '--progress']);
    // Interrupt once the zip is unpacked and the scan is under way.
    await waitFor('the static scan to start', () => /static scan of/.test(run.stderr()), 30_000);
    assert.ok(tree(run.tmp).some((p) => p.includes('gosnare-mod-')), `unpacked copy expected in TMPDIR: ${tree(run.tmp).join(', ')}`);
    await interruptAndCheck(run, signal);
  }
});

test('SIGINT during analyze while the sandbox container runs: exit 130, no container, no temp dir', { skip: dockerTestsSkipped(), timeout: 180_000 }, async () => {
  const sleeper = path.join(repo, 'test/fixtures/hostile/sleeper');
  const run = start(['analyze', sleeper, '--timeout', '120', '--format', 'json']);
  const pid = run.child.pid!;
  const sampleRunning = () =>
    spawnSync('docker', ['ps', '-q', '--filter', `label=gosnare.pid=${pid}`, '--filter', 'label=gosnare.role=sample'], { encoding: 'utf8' }).stdout.trim() !== '';
  await waitFor('the sample container', sampleRunning, 150_000);
  assert.ok(tree(run.tmp).length > 0, 'the run should have temp dirs while the container runs');
  await interruptAndCheck(run, 'SIGINT');
  assert.deepEqual(containersOf(pid), [], 'containers left behind');
});

test('SIGTERM during a static batch: exit 143, nothing in TMPDIR; started again, it finishes with every target once', { timeout: 180_000 }, async () => {
  const list = path.join(work, 'list.txt');
  const targets: string[] = [];
  for (let i = 0; i < 10; i++) {
    const zip = path.join(work, `batch-${i}.zip`);
    writeFileSync(zip, buildModuleZip(`example.test/b${i}`, 'v1.0.0', slowModuleFiles(4, 800)));
    targets.push(zip);
  }
  writeFileSync(list, targets.join('\n') + '\n');
  const out = path.join(work, 'batch-out');
  const results = () => {
    try {
      return readdirSync(path.join(out, 'results')).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  };
  const run = start(['batch', list, '--static-only', '--no-cache', '--out', out, '--concurrency', '2']);
  await waitFor('the first result', () => results().length >= 1, 120_000);
  await interruptAndCheck(run, 'SIGTERM');
  const before = results().length;
  assert.ok(before < targets.length, `the batch finished before the signal (${before} results)`);

  const again = spawnSync(process.execPath, [cli, 'batch', list, '--static-only', '--out', out, '--concurrency', '2', '--format', 'csv'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 150_000,
  });
  assert.equal(again.status, 1, again.stderr);
  const done = results().map((f) => (JSON.parse(readFileSync(path.join(out, 'results', f), 'utf8')) as { target: string }).target);
  assert.deepEqual([...done].sort(), [...targets].sort(), 'every target exactly once');
  const csvRows = again.stdout.trim().split('\n').slice(1);
  assert.equal(csvRows.length, targets.length, again.stdout);
});

test('SIGINT during a batch with dynamic analysis: exit 130, no container of the run left', { skip: dockerTestsSkipped(), timeout: 240_000 }, async () => {
  const list = path.join(work, 'dyn-list.txt');
  writeFileSync(list, [path.join(repo, 'test/fixtures/hostile/sleeper'), path.join(repo, 'test/fixtures/hostile/calm')].join('\n') + '\n');
  const out = path.join(work, 'dyn-batch');
  const run = start(['batch', list, '--out', out, '--timeout', '120']);
  const pid = run.child.pid!;
  // Containers are made by the batch's worker threads, labelled with the process id.
  await waitFor('a container of the batch', () => containersOf(pid).length > 0, 200_000);
  await interruptAndCheck(run, 'SIGINT');
  assert.deepEqual(containersOf(pid), [], 'containers left behind');
});

test('a temp root left by a run that was SIGKILLed is removed by the next run; a live run\'s root is kept', () => {
  const tmp = path.join(work, `tmp${counter++}`);
  const deadPid = 4_194_303; // above any pid this test machine hands out (pid_max default 4194304)
  const dead = path.join(tmp, `gosnare-${deadPid}-AbC123`);
  const live = path.join(tmp, `gosnare-${process.pid}-XyZ789`);
  for (const dir of [dead, live]) {
    mkdirSync(path.join(dir, 'gosnare-mod-x', 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'gosnare-mod-x', 'src', 'go.mod'), 'module example.test/x\n');
  }
  const res = spawnSync(process.execPath, [cli, '--version'], { cwd: repo, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(readdirSync(tmp), [path.basename(live)]);
});
