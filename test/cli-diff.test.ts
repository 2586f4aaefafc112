// `gosnare diff`: versions served by a file:// proxy built here; a release adding an exec init()
// is flagged, a benign bump is not; findings are matched across versions by code, not line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { readModuleDir } from '../src/module/module-files.js';
import { Finding } from '../src/result/schema.js';
import { reviewVersions, type VersionDiffReport } from '../src/module/version-review.js';
import { loadRules } from '../src/static/rules/load.js';
import { buildModuleZip } from './fixtures/modules/zip-writer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/src/cli/main.js');
const MOD = 'example.test/lib';
const GO_MOD = `module ${MOD}\n\ngo 1.21\n`;

const LIB_V1 = 'package lib\n\n// Hello greets.\nfunc Hello() string { return "hi" }\n';
const FETCH = `package lib

import (
\t"errors"
\t"net/http"
)

var ErrEmpty = errors.New("empty")

// Update fetches an update when the caller asks for one.
func Update() (*http.Response, error) { return http.Get("http://192.0.2.10/update") }
`;
// v1.2.0 moves fetch.go's code down (same code, other lines) and adds an init that runs a command.
const FETCH_SHIFTED = `// Package lib: fetching.\n// More words.\n\n${FETCH}`;
const LIB_EVIL = `package lib

import "os/exec"

func init() { exec.Command("sh", "-c", "id").Run() }

// Hello greets.
func Hello() string { return "hi" }
`;

const VERSIONS: Record<string, Record<string, string>> = {
  'v1.0.0': { 'go.mod': GO_MOD, 'lib.go': LIB_V1 },
  'v1.1.0': { 'go.mod': GO_MOD, 'lib.go': LIB_V1, 'fetch.go': FETCH },
  'v1.2.0': { 'go.mod': GO_MOD, 'lib.go': LIB_EVIL, 'fetch.go': FETCH_SHIFTED },
};

let work: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'gosnare-cli-diff-'));
  const vdir = path.join(work, 'proxy', MOD, '@v');
  await mkdir(vdir, { recursive: true });
  await writeFile(path.join(vdir, 'list'), Object.keys(VERSIONS).join('\n') + '\n');
  for (const [version, files] of Object.entries(VERSIONS)) {
    await writeFile(path.join(vdir, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' }));
    await writeFile(path.join(vdir, `${version}.mod`), GO_MOD);
    await writeFile(path.join(vdir, `${version}.zip`), buildModuleZip(MOD, version, files));
  }
  env = {
    ...process.env,
    NO_COLOR: '1',
    GOPROXY: pathToFileURL(path.join(work, 'proxy')).href,
    GONOPROXY: '',
    GOPRIVATE: '',
    GOSNARE_CACHE: path.join(work, 'cache'),
  };
});
after(() => rm(work, { recursive: true, force: true }));

function gosnare(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a release adding an exec init() is flagged, with os/exec as a new import and the new init', () => {
  const r = gosnare('diff', `${MOD}@v1.1.0`, 'v1.2.0', '--format', 'json');
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as VersionDiffReport;
  assert.equal(report.flagged, true);
  assert.equal(report.old.version, 'v1.1.0');
  assert.equal(report.new.version, 'v1.2.0');
  assert.equal(report.new.source, 'proxy');
  assert.deepEqual(
    report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line]),
    [['version-adds-import-time-behaviour', 'high', 'lib.go', 5]],
  );
  assert.match(report.findings[0]!.message, /import-time exec: new init\(\) in lib\.go:5 reaches os\/exec\.Command/);
  assert.ok([...report.findings, ...report.review.newFindings].every((f) => Value.Check(Finding, f)), 'findings follow the published Finding schema');
  assert.deepEqual(report.review.newImports, [{ path: 'os/exec', sensitive: true, files: ['lib.go'], inBuild: true }]);
  assert.equal(report.review.newInits.length, 1);
  assert.equal(report.review.newInits[0]!.status, 'new');
  assert.deepEqual(report.review.newInits[0]!.reaches, [{ call: 'os/exec.Command', category: 'exec' }]);
  assert.deepEqual(report.review.files.changed.map((c) => c.file), ['fetch.go', 'lib.go']);
  // The hard-coded-IP finding in fetch.go moved down 4 lines but is the same code: not new.
  assert.ok(report.review.newFindings.length > 0);
  assert.ok(report.review.newFindings.every((f) => f.file === 'lib.go'), JSON.stringify(report.review.newFindings.map((f) => `${f.ruleId} ${f.file}`)));
  assert.ok(report.review.newFindings.some((f) => f.ruleId === 'import-time-exec' && f.context === 'init'));
});

test('text report: summary first (flag, sensitive import, init), details and the diff after', () => {
  const r = gosnare('diff', `${MOD}@v1.1.0`, `${MOD}@v1.2.0`);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `gosnare diff ${MOD} v1.1.0 -> v1.2.0`);
  assert.match(lines[1]!, /^FLAGGED: v1\.2\.0 adds exec or network at import time/);
  assert.match(r.stdout, /new imports: 1, sensitive: os\/exec\n/);
  assert.match(r.stdout, /new init\(\) functions: 1 \(lib\.go:5\)/);
  assert.match(r.stdout, /HIGH version-adds-import-time-behaviour lib\.go:5/);
  assert.match(r.stdout, /^\+func init\(\) \{ exec\.Command\("sh", "-c", "id"\)\.Run\(\) \}$/m);
  assert.ok(r.stdout.indexOf('HIGH version-adds') < r.stdout.indexOf('\nDiffs'));
  // The flagged file's diff comes before the merely changed one.
  assert.ok(r.stdout.indexOf('+++ v1.2.0/lib.go') > 0 && r.stdout.indexOf('+++ v1.2.0/lib.go') < r.stdout.indexOf('+++ v1.2.0/fetch.go'));
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
});

test('a benign bump is not flagged, though it shows the new sensitive import and finding', () => {
  const r = gosnare('diff', `${MOD}@v1.0.0`, 'v1.1.0', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as VersionDiffReport;
  assert.equal(report.flagged, false);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.review.newImports.map((i) => [i.path, i.sensitive]), [['net/http', true], ['errors', false]]);
  assert.deepEqual(report.review.newInits, []);
  // errors.New is a conventional pure constructor, not an initializer with side effects.
  assert.deepEqual(report.review.newInitializers, []);
  assert.deepEqual(report.review.files.added, ['fetch.go']);
  assert.match(report.review.addedPatches[0]!.patch, /^\+func Update\(\)/m);
  assert.ok(report.review.newFindings.every((f) => f.context === 'function'));
});

test('bad input exits 2 with one line', () => {
  const bare = gosnare('diff', path.join(work, 'nope'), 'v1.1.0');
  assert.equal(bare.code, 2);
  const missing = gosnare('diff', `${MOD}@v1.0.0`, 'v9.9.9');
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /^gosnare: example\.test\/lib@v9\.9\.9: /);
});

test('two local directories; initializers that reach exec/network through package functions', async () => {
  const oldDir = path.join(work, 'old');
  const newDir = path.join(work, 'new');
  const files: Record<string, [string, string]> = {
    'go.mod': [GO_MOD, GO_MOD],
    'a.go': ['package lib\n', 'package lib\n\nimport "net"\n\nvar conn = dial()\n\nfunc dial() net.Conn { c, _ := net.Dial("tcp", "198.51.100.4:443"); return c }\n'],
    'b.go': ['package lib\n', 'package lib\n\nimport "os/exec"\n\n// Only defined, never run at import.\nvar run = func() error { return exec.Command("id").Run() }\n'],
    'c_test.go': ['package lib\n', 'package lib\n\nimport "os/exec"\n\nfunc init() { exec.Command("id").Run() }\n'],
    'e.go': ['package lib\n', 'package lib\n\nimport . "net"\n\nfunc init() { Dial("tcp", "192.0.2.1:80") }\n'],
    'd.go': ['package lib\n', 'package lib\n\nimport "os/exec"\n\nvar spawn = func() error { return exec.Command("id").Run() }\n\nfunc init() { _ = spawn() }\n'],
  };
  for (const [name, [before, afterText]] of Object.entries(files)) {
    await mkdir(oldDir, { recursive: true });
    await mkdir(newDir, { recursive: true });
    await writeFile(path.join(oldDir, name), before);
    await writeFile(path.join(newDir, name), afterText);
  }
  const review = await reviewVersions({
    oldDir,
    newDir,
    oldFiles: await readModuleDir(oldDir),
    newFiles: await readModuleDir(newDir),
    labels: { old: 'old', new: 'new' },
    rules: loadRules(),
  });
  assert.deepEqual(
    review.newInitializers.map((u) => [u.file, u.names, u.reaches.map((x) => x.call)]),
    [['a.go', ['conn'], ['net.Dial']]],
  );
  // The test file's init is listed but only code that builds into importers is flagged.
  assert.deepEqual(review.newInits.map((u) => u.file), ['c_test.go', 'd.go', 'e.go']);
  assert.deepEqual(review.newInits[2]!.reaches, [{ call: 'net.Dial', category: 'network' }], 'a dot import still names the package');
  assert.deepEqual(review.newInits[1]!.through.map((t) => [t.name, t.file, t.line]), [['spawn', 'd.go', 5]]);
  // One flag per behaviour: dial()'s net.Dial and spawn's exec are explained by the units calling them;
  // b.go's stored func is never called: neither a flag nor an import-time finding of the scanner,
  // which places a stored, uncalled func literal in an ordinary-function context.
  assert.deepEqual(review.flags.map((f) => [f.file, f.line, f.context]), [
    ['a.go', 5, 'package-var'],
    ['d.go', 7, 'init'],
    ['e.go', 5, 'init'],
  ]);
  assert.ok(!review.newFindings.some((f) => f.file === 'b.go' && f.context !== 'function'), 'no import-time finding for the stored func');
  assert.match(review.flags[0]!.message, /import-time network: new package-level initializer of conn in a\.go:5 reaches net\.Dial/);
});
