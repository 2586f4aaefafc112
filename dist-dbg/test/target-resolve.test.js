import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { proxySettings } from '../src/module/go-env.js';
import { TargetError } from '../src/target/errors.js';
import { resolveTarget } from '../src/target/resolve.js';
import { buildModuleZip, buildZip } from './fixtures/modules/zip-writer.js';
import { makeFileProxy, recordedModules, repoRoot } from './fixtures/proxy/make-proxy.js';
let work;
let proxyDir;
let base;
const recorded = await recordedModules();
const uuid = recorded.find((m) => m.path === 'github.com/google/uuid');
const toml = recorded.find((m) => m.path === 'github.com/BurntSushi/toml');
before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gosnare-resolve-'));
    proxyDir = await makeFileProxy();
    base = { goproxy: pathToFileURL(proxyDir).href, gonoproxy: '', cacheDir: path.join(work, 'cache'), workDir: work, env: {} };
});
after(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(proxyDir, { recursive: true, force: true });
});
async function expectTargetError(target, kind, message, opts = base) {
    await assert.rejects(resolveTarget(target, opts), (err) => {
        assert.ok(err instanceof TargetError, `expected TargetError, got ${String(err)}`);
        assert.equal(err.kind, kind, err.message);
        assert.match(err.message, message);
        assert.ok(err.message.includes(target), 'message names the input');
        assert.ok(!err.message.includes('\n'), 'one line');
        return true;
    });
}
test('a local directory with go.mod: path, go version, requires; no version, no h1', async () => {
    const dir = path.join(work, 'local');
    await mkdir(dir);
    await writeFile(path.join(dir, 'go.mod'), 'module example.test/local // the module\n\ngo 1.22\ntoolchain go1.22.3\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sys v0.20.0 // indirect\n)\nrequire github.com/pkg/errors v0.9.1\nreplace github.com/pkg/errors => ../errors\n');
    const r = await resolveTarget(dir, base);
    assert.equal(r.dir, path.resolve(dir));
    assert.equal(r.info.source, 'dir');
    assert.equal(r.info.path, 'example.test/local');
    assert.equal(r.info.version, '');
    assert.equal(r.info.goVersion, '1.22');
    assert.deepEqual(r.info.requires, [
        { path: 'github.com/google/uuid', version: 'v1.6.0' },
        { path: 'golang.org/x/sys', version: 'v0.20.0' },
        { path: 'github.com/pkg/errors', version: 'v0.9.1' },
    ]);
    assert.equal(r.info.h1, undefined);
    await r.cleanup();
    assert.ok((await stat(path.join(dir, 'go.mod'))).isFile(), 'cleanup never removes a user directory');
});
test('a module-cache style directory path@version gets its version and Go\'s h1', async () => {
    const r0 = await resolveTarget(path.join(repoRoot, 'test/fixtures/modules', uuid.zip), base);
    const dir = path.join(work, `uuid@${uuid.version}`);
    await cp(r0.dir, dir, { recursive: true });
    await r0.cleanup();
    const r = await resolveTarget(dir, base);
    assert.equal(r.info.version, uuid.version);
    assert.equal(r.info.h1, uuid.h1);
    assert.equal(r.info.h1Mod, uuid.h1Mod);
});
test('a module zip: unpacked, with path, version and h1 from the zip; cleanup removes the copy', async () => {
    const r = await resolveTarget(path.join(repoRoot, 'test/fixtures/modules', uuid.zip), base);
    assert.equal(r.info.source, 'zip');
    assert.equal(r.info.path, uuid.path);
    assert.equal(r.info.version, uuid.version);
    assert.equal(r.info.h1, uuid.h1);
    assert.equal(r.info.h1Mod, uuid.h1Mod);
    assert.ok((await stat(path.join(r.dir, 'go.mod'))).isFile());
    assert.deepEqual(r.findings, []);
    await r.cleanup();
    await assert.rejects(stat(r.dir));
});
test('a zip without go.mod hashes the synthesized go.mod as the proxy does', async () => {
    const r = await resolveTarget(path.join(repoRoot, 'test/fixtures/modules', toml.zip), base);
    assert.equal(r.info.path, 'github.com/BurntSushi/toml');
    assert.equal(r.info.h1, toml.h1);
    assert.equal(r.info.h1Mod, toml.h1Mod);
    await r.cleanup();
});
test('a zip whose go.mod names another module gets a module-path-mismatch finding', async () => {
    const zip = path.join(work, 'fork.zip');
    await writeFile(zip, buildModuleZip('github.com/boltdb-go/bolt', 'v1.3.1', { 'go.mod': 'module github.com/boltdb/bolt\n', 'bolt.go': 'package bolt\n' }));
    const r = await resolveTarget(zip, { ...base, typosquat: false });
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].ruleId, 'module-path-mismatch');
    await r.cleanup();
});
test('a typosquatting module path sets info.typosquatOf and a module-typosquat finding', async () => {
    const zip = path.join(work, 'squat.zip');
    await writeFile(zip, buildModuleZip('github.com/boltdb-go/bolt', 'v1.3.1', { 'go.mod': 'module github.com/boltdb-go/bolt\n', 'bolt.go': 'package bolt\n' }));
    const r = await resolveTarget(zip, base);
    assert.equal(r.info.typosquatOf, 'github.com/boltdb/bolt');
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['module-typosquat']);
    await r.cleanup();
    const clean = await resolveTarget(path.join(repoRoot, 'test/fixtures/modules', uuid.zip), base);
    assert.equal(clean.info.typosquatOf, undefined);
    await clean.cleanup();
});
test('path@version from a file:// GOPROXY (case-encoded path), cached for the next run', async () => {
    const r = await resolveTarget('github.com/BurntSushi/toml@v0.3.1', base);
    assert.equal(r.info.source, 'proxy');
    assert.equal(r.info.version, 'v0.3.1');
    assert.equal(r.info.h1, toml.h1);
    assert.equal(r.info.h1Mod, toml.h1Mod);
    assert.ok(r.info.location.includes('github.com/BurntSushi/toml@v'.replace('@v', '/@v/')), r.info.location);
    await r.cleanup();
    const cached = await readdir(path.join(base.cacheDir, 'modules/github.com/!burnt!sushi/toml/@v'));
    assert.deepEqual(cached.sort(), ['v0.3.1.info', 'v0.3.1.mod', 'v0.3.1.zip', 'v0.3.1.ziphash']);
    // Second run is served from the cache even with the proxy gone.
    const r2 = await resolveTarget('github.com/BurntSushi/toml@v0.3.1', { ...base, goproxy: 'off' });
    assert.equal(r2.info.h1, toml.h1);
    assert.match(r2.info.location, /^cache:/);
    await r2.cleanup();
});
test('a cached zip altered after download is a critical h1 mismatch', async () => {
    const cacheDir = path.join(work, 'cache-tamper');
    const first = await resolveTarget(`${uuid.path}@${uuid.version}`, { ...base, cacheDir });
    assert.deepEqual(first.findings, []);
    await first.cleanup();
    const cachedZip = path.join(cacheDir, 'modules/github.com/google/uuid/@v/v1.6.0.zip');
    await writeFile(cachedZip, buildModuleZip(uuid.path, uuid.version, { 'go.mod': 'module github.com/google/uuid\n', 'uuid.go': 'package uuid\nfunc init() {}\n' }));
    const again = await resolveTarget(`${uuid.path}@${uuid.version}`, { ...base, cacheDir, goproxy: 'off' });
    assert.equal(again.findings.length, 1);
    assert.equal(again.findings[0].ruleId, 'module-h1-mismatch');
    assert.equal(again.findings[0].severity, 'critical');
    assert.ok(again.findings[0].message.includes(uuid.h1), again.findings[0].message);
    await again.cleanup();
});
test('proxy settings: explicit options, then environment, GONOPROXY defaults to GOPRIVATE', async () => {
    assert.deepEqual(await proxySettings({ goproxy: 'https://a.example', gonoproxy: '' }, {}), { goproxy: 'https://a.example', noProxy: '' });
    assert.deepEqual(await proxySettings({}, { GOPROXY: 'https://b.example', GOPRIVATE: '*.corp.example' }), {
        goproxy: 'https://b.example',
        noProxy: '*.corp.example',
    });
    assert.deepEqual(await proxySettings({}, { GOPROXY: 'https://b.example', GONOPROXY: 'x.example', GOPRIVATE: 'y.example' }), {
        goproxy: 'https://b.example',
        noProxy: 'x.example',
    });
});
test('bare path and @latest pick the highest release from the list', async () => {
    const listDir = path.join(proxyDir, 'github.com/google/uuid/@v');
    await writeFile(path.join(listDir, 'list'), 'v1.6.0\nv1.7.0-rc.1\nv1.2.0\n');
    for (const t of ['github.com/google/uuid', 'github.com/google/uuid@latest']) {
        const r = await resolveTarget(t, { ...base, cacheDir: path.join(work, `cache-${t.length}`) });
        assert.equal(r.info.version, 'v1.6.0');
        assert.equal(r.info.h1, uuid.h1);
        await r.cleanup();
    }
});
test('go.sum given: matching lines pass, a forged line is a critical finding', async () => {
    const good = `${uuid.path} ${uuid.version} ${uuid.h1}\n${uuid.path} ${uuid.version}/go.mod ${uuid.h1Mod}\n`;
    const r = await resolveTarget(`${uuid.path}@${uuid.version}`, { ...base, goSum: { text: good } });
    assert.deepEqual(r.findings, []);
    await r.cleanup();
    const bad = `${uuid.path} ${uuid.version} h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F1=\n`;
    const r2 = await resolveTarget(`${uuid.path}@${uuid.version}`, { ...base, goSum: { text: bad, name: 'app/go.sum' } });
    assert.equal(r2.findings.length, 1);
    assert.equal(r2.findings[0].ruleId, 'module-h1-mismatch');
    assert.equal(r2.findings[0].file, 'app/go.sum');
    await r2.cleanup();
});
test('bad input gives a TargetError naming the input', async () => {
    await expectTargetError('./does-not-exist', 'not-found', /no such file/);
    await expectTargetError(path.join(work, 'missing.zip'), 'not-found', /no such file/);
    const empty = path.join(work, 'nogomod');
    await mkdir(empty);
    await expectTargetError(empty, 'invalid', /no go\.mod/);
    const notZip = path.join(work, 'notes.txt');
    await writeFile(notZip, 'hello');
    await expectTargetError(notZip, 'rejected-zip', /not a valid zip/);
    const mixed = path.join(work, 'mixed.zip');
    await writeFile(mixed, buildZip([{ name: 'a.test/m@v1.0.0/go.mod', data: 'module a.test/m\n' }, { name: 'b.test/m@v1.0.0/x.go', data: 'x' }]));
    await expectTargetError(mixed, 'rejected-zip', /outside the module prefix/);
    const evil = path.join(work, 'evil.zip');
    await writeFile(evil, buildZip([{ name: 'a.test/m@v1.0.0/../../../tmp/x', data: 'x' }]));
    await expectTargetError(evil, 'rejected-zip', /traversal/);
    await expectTargetError('not a module', 'invalid', /not a directory, module zip or module path/);
});
test('unknown module or version at the proxy is not-found', async () => {
    await expectTargetError('github.com/google/uuid@v9.9.9', 'not-found', /unknown module or version/);
    await expectTargetError('example.test/nothing-here', 'not-found', /unknown module or version/);
});
test('GOPROXY=off, GOPRIVATE and direct-only are refused with clear messages', async () => {
    await expectTargetError(`${uuid.path}@${uuid.version}`, 'refused', /GOPROXY=off/, { ...base, goproxy: 'off', cacheDir: path.join(work, 'empty1') });
    await expectTargetError(`${uuid.path}@${uuid.version}`, 'refused', /GONOPROXY\/GOPRIVATE/, { ...base, gonoproxy: 'github.com/google' });
    await expectTargetError(`${uuid.path}@${uuid.version}`, 'refused', /GONOPROXY\/GOPRIVATE/, { ...base, gonoproxy: undefined, goprivate: '*.example,github.com/goo*' });
    await expectTargetError(`${uuid.path}@${uuid.version}`, 'refused', /"direct".*not supported/, { ...base, goproxy: 'direct', cacheDir: path.join(work, 'empty2') });
});
test('a not-found at the first proxy falls through to the next (comma list)', async () => {
    const emptyProxy = path.join(work, 'empty-proxy');
    await mkdir(emptyProxy);
    const r = await resolveTarget(`${uuid.path}@${uuid.version}`, {
        ...base,
        goproxy: `${pathToFileURL(emptyProxy).href},${pathToFileURL(proxyDir).href}`,
        cacheDir: path.join(work, 'cache-fallthrough'),
    });
    assert.equal(r.info.h1, uuid.h1);
    assert.ok(r.info.location.startsWith(pathToFileURL(proxyDir).href), r.info.location);
    await r.cleanup();
});
test('plain http:// to a non-loopback proxy is refused unless allowed', async () => {
    await expectTargetError(`${uuid.path}@${uuid.version}`, 'refused', /refusing plain http/, {
        ...base,
        goproxy: 'http://proxy.example',
        cacheDir: path.join(work, 'empty3'),
    });
});
//# sourceMappingURL=target-resolve.test.js.map