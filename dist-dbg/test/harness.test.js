import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { evalBuildExpr, evalPlusBuildLine, fileNameMatches, readGoFileHeader, SANDBOX_TARGET } from '../src/dynamic/harness/constraints.js';
import { compareGoVersions, rewriteGoMod } from '../src/dynamic/harness/gomod.js';
import { listModulePackages } from '../src/dynamic/harness/packages.js';
import { generateHarnessTree, importerDirFor, planImports } from '../src/dynamic/harness/generate.js';
const T = SANDBOX_TARGET;
test('build constraints: file names, //go:build, // +build, cgo', () => {
    assert.equal(fileNameMatches('x_linux.go', T), true);
    assert.equal(fileNameMatches('x_windows.go', T), false);
    assert.equal(fileNameMatches('x_linux_arm64.go', T), false);
    assert.equal(fileNameMatches('x_linux_amd64.go', T), true);
    assert.equal(fileNameMatches('x_amd64.go', T), true);
    assert.equal(fileNameMatches('windows.go', T), true, 'no underscore: not constrained');
    assert.equal(fileNameMatches('x_unix.go', T), true, 'unix is not a file-name tag');
    assert.equal(evalBuildExpr('linux && !cgo', T), true);
    assert.equal(evalBuildExpr('(darwin || windows) && amd64', T), false);
    assert.equal(evalBuildExpr('unix && go1.21', T), true);
    assert.equal(evalBuildExpr('go1.99', T), false);
    assert.equal(evalBuildExpr('ignore', T), false);
    assert.throws(() => evalBuildExpr('linux &&', T));
    assert.equal(evalPlusBuildLine('darwin linux,amd64', T), true);
    assert.equal(evalPlusBuildLine('!linux', T), false);
    const h = readGoFileHeader('// Copyright\n\n//go:build linux\n\n/* x */ package foo\n\nimport (\n\t"fmt"\n\t"C"\n)\n');
    assert.deepEqual([h.packageName, h.goBuild, h.importsC], ['foo', 'linux', true]);
    const h2 = readGoFileHeader('package bar // import "C" is only a comment\n\nimport "fmt"\n');
    assert.deepEqual([h2.packageName, h2.importsC], ['bar', false]);
});
test('go.mod rewrites: missing file, missing module line, newer go and toolchain lines', () => {
    assert.match(rewriteGoMod(undefined, 'example.test/m', '1.26.8').text, /^module example\.test\/m\n\ngo 1\.26\n$/);
    assert.match(rewriteGoMod('go 1.21\n', 'example.test/m', '1.26.8').text, /^module example\.test\/m\n/);
    const newer = rewriteGoMod('module x\n\ngo 1.99.1\n\ntoolchain go1.99.2\n', 'x', '1.26.8');
    assert.match(newer.text, /^go 1\.26$/m);
    assert.doesNotMatch(newer.text, /toolchain/);
    assert.equal(newer.notes.length, 1);
    const same = rewriteGoMod('module x\n\ngo 1.22\n', 'x', '1.26.8');
    assert.equal(same.text, 'module x\n\ngo 1.22\n');
    assert.equal(same.notes.length, 0);
    assert.ok(compareGoVersions('1.26', '1.26.0') === 0 && compareGoVersions('1.9', '1.10') < 0);
});
test('internal import placement and bridges', () => {
    assert.equal(importerDirFor('internal/x'), '.');
    assert.equal(importerDirFor('a/internal/b'), 'a');
    assert.equal(importerDirFor('a/internal/b/internal/c'), 'a/internal/b');
    assert.equal(importerDirFor('a/b'), '.');
    const plan = planImports('m', [
        { importPath: 'm/internal/x', dir: 'internal/x', name: 'x', files: [] },
        { importPath: 'm/a/internal/b/internal/c', dir: 'a/internal/b/internal/c', name: 'c', files: [] },
    ]);
    assert.deepEqual([...plan.get('.')].sort(), ['m/a/zz_gosnare_bridge', 'm/internal/x']);
    assert.deepEqual([...plan.get('a/internal/b')], ['m/a/internal/b/internal/c']);
    assert.deepEqual([...plan.get('a')], ['m/a/internal/b/zz_gosnare_bridge']);
});
async function writeTree(root, files) {
    for (const [rel, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, rel)), { recursive: true });
        await writeFile(join(root, rel), text);
    }
}
const initPrint = (pkg, tag) => `package ${pkg}\n\nimport "os"\n\nfunc init() { os.Stdout.WriteString("init ${tag}\\n") }\n`;
test('package listing and a generated harness that compiles and runs every init (host go build, own code)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gosnare-harness-test-'));
    try {
        const mod = join(dir, 'mod');
        await writeTree(mod, {
            'go.mod': 'module example.test/fixture\n\ngo 1.99\n\ntoolchain go1.99.0\n',
            'root.go': initPrint('fixture', 'root'),
            'internal/secret/s.go': initPrint('secret', 'internal'),
            'deep/internal/hidden/h.go': initPrint('hidden', 'deep-internal'),
            'deep/d.go': 'package deep\n',
            'renamed/r.go': initPrint('othername', 'renamed'),
            'doconly/doc.go': 'package documentation\n',
            'platform/p_linux.go': initPrint('platform', 'linux-file'),
            'platform/p_windows.go': 'package platform\n\nthis does not compile\n',
            'tagged/t.go': '//go:build windows\n\npackage tagged\n',
            'cgoonly/c.go': 'package cgoonly\n\nimport "C"\n',
            'testdata/x/x.go': 'package x\n',
            'vendor/v/v.go': 'package v\n',
            '_hidden/h.go': 'package h\n',
            '.dot/d.go': 'package d\n',
            'nested/go.mod': 'module example.test/nested\n',
            'nested/n.go': 'package nested\n',
            'cmd/tool/main.go': 'package main\n\nfunc main() {}\n',
            'onlytests/a_test.go': 'package onlytests\n',
            'mixed/a.go': 'package a\n',
            'mixed/b.go': 'package b\n',
        });
        const listed = await listModulePackages(mod, 'example.test/fixture');
        assert.deepEqual(listed.importable.map((p) => `${p.importPath}:${p.name}`), [
            'example.test/fixture:fixture',
            'example.test/fixture/deep:deep',
            'example.test/fixture/deep/internal/hidden:hidden',
            'example.test/fixture/internal/secret:secret',
            'example.test/fixture/platform:platform',
            'example.test/fixture/renamed:othername',
        ]);
        assert.deepEqual(listed.importable.find((p) => p.dir === 'platform')?.files, ['p_linux.go']);
        assert.deepEqual(listed.mains.map((p) => p.importPath), ['example.test/fixture/cmd/tool']);
        assert.deepEqual(listed.problems.map((p) => p.dir), ['mixed']);
        const go = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim().replace(/^go/, '');
        const tree = await generateHarnessTree({ moduleDir: mod, modulePath: 'ignored.example/x', srcDir: join(dir, 'copy'), goVersion: go, lingerMs: 0 });
        assert.equal(tree.modulePath, 'example.test/fixture');
        assert.ok(tree.notes.some((n) => /newer than the local toolchain/.test(n)));
        // The user's directory is untouched.
        assert.match(await readFile(join(mod, 'go.mod'), 'utf8'), /go 1\.99/);
        const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOWORK: 'off', CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64' };
        execFileSync('go', ['build', '-o', join(dir, 'harness'), `./${tree.harnessDir}`], { cwd: tree.srcDir, env, stdio: 'pipe' });
        const out = execFileSync(join(dir, 'harness'), { encoding: 'utf8' });
        assert.deepEqual(out.trim().split('\n').sort(), ['init deep-internal', 'init internal', 'init linux-file', 'init renamed', 'init root'].sort());
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('a package that does not compile is left out and the harness rebuilt without it', async () => {
    const { buildImportHarness } = await import('../src/dynamic/harness.js');
    const dir = await mkdtemp(join(tmpdir(), 'gosnare-harness-retry-'));
    try {
        const mod = join(dir, 'mod');
        await writeTree(mod, {
            'go.mod': 'module example.test/r\n\ngo 1.22\n',
            'good/g.go': 'package good\n',
            'bad/b.go': 'package bad\n\nfunc init() { nope() }\n',
        });
        const go = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim().replace(/^go/, '');
        const tree = await generateHarnessTree({ moduleDir: mod, modulePath: 'example.test/r', srcDir: join(dir, 'copy'), goVersion: go, lingerMs: 0 });
        const seen = [];
        const prep = { tree, outDir: join(dir, 'out'), goModCache: '/nonexistent', goCache: '/nonexistent', fetch: { ok: true, code: 0, output: '', timedOut: false, durationMs: 0 }, lingerMs: 0 };
        const result = await buildImportHarness(prep, async (req) => {
            const main = await readFile(join(req.srcDir, tree.harnessDir, 'main.go'), 'utf8');
            seen.push(main);
            assert.deepEqual(req.args.slice(-3), ['-o', '/out/harness', `./${tree.harnessDir}`]);
            return main.includes('example.test/r/bad')
                ? { status: 'failed', output: '# example.test/r/bad\nbad/b.go:3:15: undefined: nope\n', durationMs: 5 }
                : { status: 'ok', output: '', durationMs: 7 };
        }, (name) => `/out/${name}`, { timeoutMs: 1000 });
        assert.equal(result.status, 'ok');
        assert.deepEqual(result.excluded, ['example.test/r/bad']);
        assert.equal(result.durationMs, 12);
        assert.match(result.earlierOutput, /undefined: nope/);
        assert.equal(seen.length, 2);
        assert.ok(seen[1].includes('"example.test/r/good"') && !seen[1].includes('/bad"'));
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=harness.test.js.map