// Batch crash consistency: a real `gosnare batch` child process is SIGKILLed mid-way (twice) and
// restarted; in the end every target is recorded exactly once, finished results are not redone, and a
// bad target is recorded with its error without stopping the batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSampleCopies } from '../src/batch/sample-copies.js';
import { BatchStore } from '../src/batch/store.js';
import { STORE_FILE, RESULTS_SUBDIR, batchFileName } from '../src/batch/files.js';
import { parseTargetList } from '../src/batch/targets.js';
import { runBatch } from '../src/batch/run.js';
import { silentProgress } from '../src/batch/progress.js';
import { parseResult } from '../src/batch/result-file.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');

function setup(n: number): { dir: string; list: string; out: string; keys: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-batch-'));
  const copies = makeSampleCopies(join(root, 'samples'), join(dir, 'mods'), n);
  writeFileSync(join(dir, 'bad.zip'), 'this is not a zip file');
  const lines = ['# batch under test', '', ...copies, 'bad.zip   # a broken zip', join(dir, 'no-such-dir'), copies[0]!];
  const list = join(dir, 'targets.txt');
  writeFileSync(list, lines.join('\n') + '\n');
  const keys = [...copies, 'bad.zip', join(dir, 'no-such-dir')];
  return { dir, list, out: join(dir, 'out'), keys };
}

function jsonFiles(out: string): string[] {
  const d = join(out, RESULTS_SUBDIR);
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.json')) : [];
}

/** Starts a batch and SIGKILLs it once `after` result files exist; resolves with how many there were. */
function runAndKill(list: string, out: string, after: number): Promise<{ killed: boolean; filesAtKill: number }> {
  return new Promise((resolve, reject) => {
    // --no-cache: with results cached by an earlier run, the batch could end before the kill.
    const child = spawn(process.execPath, [cli, 'batch', list, '--static-only', '--no-cache', '--out', out, '--concurrency', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let filesAtKill = -1;
    const poll = setInterval(() => {
      const n = jsonFiles(out).length;
      if (n >= after && filesAtKill < 0) {
        filesAtKill = n;
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve({ killed: true, filesAtKill });
      else if (code === 0 || code === 1) resolve({ killed: false, filesAtKill });
      else reject(new Error(`batch exited ${code}: ${stderr}`));
    });
  });
}

test('a batch of 26 targets SIGKILLed twice and restarted ends with every result exactly once', { timeout: 240_000 }, async () => {
  const { list, out, keys } = setup(24);
  assert.equal(keys.length, 26);

  const first = await runAndKill(list, out, 4);
  assert.ok(first.killed, 'the first run was killed before it finished');
  const afterFirst = new Map(jsonFiles(out).map((f) => [f, readFileSync(join(out, RESULTS_SUBDIR, f), 'utf8')]));
  assert.ok(afterFirst.size >= 4 && afterFirst.size < keys.length, `${afterFirst.size} results after the first kill`);

  const second = await runAndKill(list, out, afterFirst.size + 5);
  assert.ok(second.killed, 'the second run was killed before it finished');

  const final = spawnSync(process.execPath, [cli, 'batch', list, '--static-only', '--out', out, '--concurrency', '2', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(final.status, 1, final.stderr); // flagged modules among them
  assert.ok(!existsSync(join(out, 'batch.pid')), 'owner lock released');

  // Exactly once: one store row and one JSON file per distinct target, nothing else.
  const store = new BatchStore(join(out, STORE_FILE));
  try {
    const rows = store.rows();
    assert.deepEqual(rows.map((r) => r.target).sort(), [...keys].sort());
    assert.equal(new Set(rows.map((r) => r.target)).size, rows.length);
    const files = jsonFiles(out).sort();
    assert.deepEqual(files, keys.map(batchFileName).sort());
    assert.deepEqual(readdirSync(join(out, RESULTS_SUBDIR)).filter((f) => !f.endsWith('.json')), [], 'no temp files left');
    for (const row of rows) {
      const text = readFileSync(join(out, row.file), 'utf8');
      if (row.status === 'done') assert.equal(parseResult(text).target, row.target);
      else assert.equal((JSON.parse(text) as { target: string }).target, row.target);
    }
    // Results finished before a kill were not redone.
    for (const [f, text] of afterFirst) assert.equal(readFileSync(join(out, RESULTS_SUBDIR, f), 'utf8'), text, `${f} rewritten`);
    // The bad targets are recorded with their error; the rest were analysed.
    const bad = rows.find((r) => r.target === 'bad.zip')!;
    assert.equal(bad.status, 'failed');
    assert.equal(bad.errorKind, 'bad-target');
    assert.match(bad.error ?? '', /zip/i);
    assert.equal(rows.find((r) => r.target.endsWith('no-such-dir'))!.status, 'failed');
    assert.equal(rows.filter((r) => r.status === 'done').length, 24);
    assert.ok(rows.some((r) => r.verdict === 'malicious') && rows.some((r) => r.verdict === 'clean'));
  } finally {
    store.close();
  }
  // The summary printed at the end lists every target once.
  const csv = final.stdout.trim().split('\n');
  assert.equal(csv[0], 'target,verdict,score,module,version,duration_ms,top_reasons,result_file');
  assert.equal(csv.length, 1 + keys.length);

  // A fourth run has nothing to do.
  const again = spawnSync(process.execPath, [cli, 'batch', list, '--static-only', '--out', out], { encoding: 'utf8' });
  assert.match(again.stderr, /0 analysed, 0 failed, 26 already recorded/);
});

test('a result file written just before a kill is imported on restart, not analysed again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-batch-recover-'));
  const fixture = readFileSync(join(root, 'test/fixtures/results/init-reverse-shell.dynamic.json'), 'utf8');
  const targets = parseTargetList('a.example/one@v1.0.0\na.example/two@v1.0.0\n', dir);
  const out = join(dir, 'out');
  mkdirSync(join(out, RESULTS_SUBDIR), { recursive: true });
  // As if the previous run died between the JSON rename and the store transaction:
  const orphan = JSON.parse(fixture) as { target: string };
  orphan.target = 'a.example/one@v1.0.0';
  writeFileSync(join(out, RESULTS_SUBDIR, batchFileName(orphan.target)), JSON.stringify(orphan));
  writeFileSync(join(out, RESULTS_SUBDIR, `${batchFileName(orphan.target)}.tmp-123-abc`), '{"trunc');
  const analysed: string[] = [];
  const summary = await runBatch({
    targets,
    outDir: out,
    staticOnly: true,
    progress: silentProgress,
    analyze: async (t) => {
      analysed.push(t.key);
      return { ok: false, error: 'simulated build failure', errorKind: 'error' };
    },
  });
  assert.deepEqual(analysed, ['a.example/two@v1.0.0']);
  assert.equal(summary.recovered, 1);
  assert.equal(summary.failed, 1);
  assert.ok(!readdirSync(join(out, RESULTS_SUBDIR)).some((f) => f.includes('.tmp-')), 'stale temp file removed');
  const store = new BatchStore(join(out, STORE_FILE));
  try {
    const rows = store.rows();
    assert.equal(rows.length, 2);
    assert.equal(rows.find((r) => r.target === 'a.example/one@v1.0.0')?.verdict, 'malicious');
    assert.equal(rows.find((r) => r.target === 'a.example/two@v1.0.0')?.error, 'simulated build failure');
  } finally {
    store.close();
  }
});

test('a lock directory left by a killed process does not wedge the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-store-lock-'));
  const file = join(dir, STORE_FILE);
  new BatchStore(file).close();
  mkdirSync(`${file}.lock`);
  const past = new Date(Date.now() - 60_000);
  utimesSync(`${file}.lock`, past, past);
  const store = new BatchStore(file);
  try {
    assert.equal(store.recordFailure({ target: 'x', error: 'e', errorKind: 'error', durationMs: 1, finishedAt: new Date().toISOString() }, 'results/x.json'), true);
    assert.equal(store.recordFailure({ target: 'x', error: 'again', errorKind: 'error', durationMs: 1, finishedAt: new Date().toISOString() }, 'results/x.json'), false, 'a second record of a target is refused');
    assert.equal(store.count(), 1);
  } finally {
    store.close();
  }
  assert.ok(!existsSync(`${file}.lock`) || Date.now() - statSync(`${file}.lock`).mtimeMs < 5000);
});

test('target lists: comments, blank lines, duplicates, paths relative to the list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-list-'));
  mkdirSync(join(dir, 'mod'));
  const t = parseTargetList('# header\n\nmod\nexample.test/x@v1.2.3  # trailing\nmod\n  example.test/y@v0.1.0\nfoo#bar\n', dir);
  assert.deepEqual(
    t.map((x) => [x.key, x.resolved, x.line]),
    [
      ['mod', join(dir, 'mod'), 3],
      ['example.test/x@v1.2.3', 'example.test/x@v1.2.3', 4],
      ['example.test/y@v0.1.0', 'example.test/y@v0.1.0', 6],
      ['foo#bar', 'foo#bar', 7],
    ],
  );
});
