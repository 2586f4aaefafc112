import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkGoSum, goSumConfirms } from '../src/module/gosum.js';
import { hashDir, hashGoMod, hashZip } from '../src/module/h1.js';
import { unzipModule } from '../src/module/unzip.js';
import { buildModuleZip } from './fixtures/modules/zip-writer.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = path.join(root, 'test/fixtures/modules');
const recorded = JSON.parse(await readFile(path.join(fixtures, 'manifest.json'), 'utf8'));
function proxyModFile(m) {
    const escaped = m.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
    return path.join(root, 'test/fixtures/proxy', escaped, '@v', `${m.version}.mod`);
}
for (const m of recorded) {
    test(`hashZip matches go's h1 for ${m.path}@${m.version}`, async () => {
        assert.equal(await hashZip(path.join(fixtures, m.zip)), m.h1);
    });
    test(`unzip + hashDir match go's h1 for ${m.path}@${m.version}`, async () => {
        const dest = await mkdtemp(path.join(tmpdir(), 'gosnare-h1-'));
        try {
            const res = await unzipModule(path.join(fixtures, m.zip), path.join(dest, 'mod'));
            assert.equal(res.modulePath, m.path);
            assert.equal(res.version, m.version);
            assert.equal(res.h1, m.h1);
            assert.equal(await hashDir(path.join(dest, 'mod'), `${m.path}@${m.version}`), m.h1);
        }
        finally {
            await rm(dest, { recursive: true, force: true });
        }
    });
    test(`hashGoMod matches go's /go.mod h1 for ${m.path}@${m.version}`, async () => {
        assert.equal(hashGoMod(await readFile(proxyModFile(m))), m.h1Mod);
    });
}
test('hashZip changes when one byte of one file changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gosnare-h1-'));
    try {
        const a = path.join(dir, 'a.zip');
        const b = path.join(dir, 'b.zip');
        await writeFile(a, buildModuleZip('example.test/m', 'v1.0.0', { 'go.mod': 'module example.test/m\n', 'x.go': 'package m\n' }));
        await writeFile(b, buildModuleZip('example.test/m', 'v1.0.0', { 'go.mod': 'module example.test/m\n', 'x.go': 'package n\n' }));
        assert.notEqual(await hashZip(a), await hashZip(b));
        // Order of entries in the zip does not matter (names are sorted before hashing).
        const c = path.join(dir, 'c.zip');
        await writeFile(c, buildModuleZip('example.test/m', 'v1.0.0', { 'x.go': 'package m\n', 'go.mod': 'module example.test/m\n' }));
        assert.equal(await hashZip(a), await hashZip(c));
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
const uuid = recorded.find((m) => m.path === 'github.com/google/uuid');
const info = {
    path: uuid.path,
    version: uuid.version,
    source: 'proxy',
    location: 'file:///x',
    requires: [],
    h1: uuid.h1,
    h1Mod: uuid.h1Mod,
};
test('checkGoSum: the recorded go.sum agrees with the computed hashes', async () => {
    const goSum = await readFile(path.join(fixtures, 'go.sum'), 'utf8');
    assert.deepEqual(checkGoSum(info, goSum), []);
    assert.equal(goSumConfirms(info, goSum), true);
});
test('checkGoSum: a tampered zip hash is a critical supply-chain finding naming both hashes', () => {
    const forged = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const goSum = `github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n${info.path} ${info.version} ${forged}\n${info.path} ${info.version}/go.mod ${uuid.h1Mod}\n`;
    const findings = checkGoSum(info, goSum);
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.ruleId, 'module-h1-mismatch');
    assert.equal(f.severity, 'critical');
    assert.equal(f.category, 'supply-chain');
    assert.equal(f.line, 2);
    assert.ok(f.message.includes(forged) && f.message.includes(uuid.h1), f.message);
    assert.equal(goSumConfirms(info, goSum), false);
});
test('checkGoSum: a go.mod hash mismatch is reported on its own line; other versions are ignored', () => {
    const goSum = `${info.path} v1.5.0 h1:zzz=\n${info.path} ${info.version}/go.mod h1:bad=\n`;
    const findings = checkGoSum(info, goSum);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].line, 2);
    assert.match(findings[0].message, /go\.mod/);
});
//# sourceMappingURL=module-h1.test.js.map