import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../src/static/rules/load.js';
import { scanModule, fileRole } from '../src/static/scan.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = loadRules([join(root, 'test', 'fixtures', 'rules', 'good')]);
function makeModule(files) {
    const dir = mkdtempSync(join(tmpdir(), 'gosnare-scan-'));
    for (const [rel, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
    }
    return dir;
}
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
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
test('worker pool gives the same result as the inline scan', async () => {
    const files = { ...MODULE };
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
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
test('fileRole tells test, testdata, vendor and never-built files apart', () => {
    assert.equal(fileRole('a.go'), 'source');
    assert.equal(fileRole('x/a_test.go'), 'test');
    assert.equal(fileRole('x/testdata/a.go'), 'testdata');
    assert.equal(fileRole('vendor/github.com/x/a.go'), 'vendor');
    assert.equal(fileRole('_old/a.go'), 'not-built');
});
//# sourceMappingURL=scan.test.js.map