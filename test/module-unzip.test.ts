import assert from 'node:assert/strict';
import { lstat, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ZipRejectedError, checkModuleZip, unzipModule } from '../src/module/unzip.js';
import { buildModuleZip, buildZip, type RawZipEntry } from './fixtures/modules/zip-writer.js';

const work = await mkdtemp(path.join(tmpdir(), 'gosnare-unzip-'));
after(() => rm(work, { recursive: true, force: true }));
let n = 0;

const P = 'example.test/mod@v1.0.0/';

async function writeZip(entries: RawZipEntry[]): Promise<string> {
  const file = path.join(work, `z${n++}.zip`);
  await writeFile(file, buildZip(entries));
  return file;
}

/** Unzip into a fresh directory and expect a ZipRejectedError matching `reason` (and naming `entry`). */
async function expectRejected(entries: RawZipEntry[], reason: RegExp, entry?: string): Promise<void> {
  const zip = await writeZip(entries);
  const dest = path.join(work, `out${n++}`);
  await assert.rejects(unzipModule(zip, dest), (err: unknown) => {
    assert.ok(err instanceof ZipRejectedError, `expected ZipRejectedError, got ${String(err)}`);
    assert.match(err.reason, reason);
    if (entry !== undefined) {
      assert.equal(err.entry, entry);
      assert.ok(err.message.includes(JSON.stringify(entry)), err.message);
    }
    return true;
  });
  // Nothing from a rejected zip was written (names are checked before extraction).
  const written = await readdir(dest).catch(() => []);
  assert.deepEqual(written, []);
}

test('a well-formed module zip unpacks with 0644 files and 0755 dirs', async () => {
  const zip = path.join(work, 'good.zip');
  await writeFile(zip, buildModuleZip('example.test/mod', 'v1.0.0', { 'go.mod': 'module example.test/mod\n', 'a/b/c.go': 'package b\n', 'README.md': 'hi' }));
  const dest = path.join(work, 'good');
  const res = await unzipModule(zip, dest);
  assert.equal(res.modulePath, 'example.test/mod');
  assert.equal(res.version, 'v1.0.0');
  assert.deepEqual([...res.files].sort(), ['README.md', 'a/b/c.go', 'go.mod']);
  assert.equal(res.goMod?.toString(), 'module example.test/mod\n');
  assert.equal(await readFile(path.join(dest, 'a/b/c.go'), 'utf8'), 'package b\n');
  assert.equal((await stat(path.join(dest, 'a/b/c.go'))).mode & 0o777, 0o644);
  assert.equal((await stat(path.join(dest, 'a/b'))).mode & 0o777, 0o755);
  // Same facts without writing.
  const checked = await checkModuleZip(zip);
  assert.equal(checked.h1, res.h1);
});

test('path traversal is rejected', () =>
  expectRejected([{ name: `${P}go.mod`, data: 'module example.test/mod\n' }, { name: `${P}../../evil.sh`, data: 'id' }], /traversal/, `${P}../../evil.sh`));

test('absolute paths are rejected', () => expectRejected([{ name: '/etc/passwd', data: 'x' }], /prefix/, '/etc/passwd'));

test('an absolute path after the prefix (double slash) is rejected', () =>
  expectRejected([{ name: `${P}/etc/passwd`, data: 'x' }], /absolute|double slash/));

test('backslashes are rejected', () => expectRejected([{ name: `${P}..\\..\\evil.bat`, data: 'x' }], /backslash/));

test('drive letters are rejected', () => expectRejected([{ name: `${P}C:/x.go`, data: 'x' }], /drive|invalid character/));

test('symlink entries are rejected', () =>
  expectRejected([{ name: `${P}link`, data: '/etc/passwd', unixMode: 0o120777 }], /symbolic link/, `${P}link`));

test('device/fifo entries are rejected', () => expectRejected([{ name: `${P}fifo`, unixMode: 0o010644 }], /special file/));

test('duplicate names are rejected', () =>
  expectRejected([{ name: `${P}a.go`, data: 'package a' }, { name: `${P}a.go`, data: 'package evil' }], /multiple entries/));

test('case-insensitive collisions are rejected', () =>
  expectRejected([{ name: `${P}Readme.md`, data: '1' }, { name: `${P}README.md`, data: '2' }], /case-insensitive/));

test('a file and a directory of the same name are rejected', () =>
  expectRejected([{ name: `${P}x`, data: '1' }, { name: `${P}x/y.go`, data: '2' }], /both a file and a directory/));

test('non-UTF-8 names are rejected', () =>
  expectRejected([{ name: Buffer.concat([Buffer.from(P), Buffer.from([0xff, 0xfe, 0x2e, 0x67, 0x6f])]), data: 'x', utf8Flag: false }], /UTF-8/));

test('entries outside the module prefix are rejected', () =>
  expectRejected([{ name: `${P}go.mod`, data: 'module example.test/mod\n' }, { name: 'example.test/other@v1.0.0/x.go', data: 'x' }], /outside the module prefix/));

test('a zip not in module layout is rejected', () => expectRejected([{ name: 'main.go', data: 'package main' }], /module zip layout/));

test('a prefix that does not match the expected module is rejected', async () => {
  const zip = await writeZip([{ name: `${P}go.mod`, data: 'x' }]);
  await assert.rejects(checkModuleZip(zip, { expectedPath: 'example.test/mod', expectedVersion: 'v1.0.1' }), /outside the module prefix/);
});

test('shell-special characters and Windows names are rejected as Go does', async () => {
  await expectRejected([{ name: `${P}a*b.go`, data: 'x' }], /invalid character/);
  await expectRejected([{ name: `${P}aux.go`, data: 'x' }], /reserved Windows name/);
  await expectRejected([{ name: `${P}dir./x.go`, data: 'x' }], /trailing dot/);
});

test('a file name like a Windows short name is accepted, as Go accepts it in file paths', async () => {
  // github.com/pulumi/pulumi/sdk/v3 v3.276.0 ships nodejs/tests/sxs_ts_test/package~3.8.3.json.
  const zip = path.join(work, 'tilde.zip');
  await writeFile(zip, buildModuleZip('example.test/mod', 'v1.0.0', { 'go.mod': 'module example.test/mod\n', 'tests/package~3.8.3.json': '{}', 'PROGRA~1/x.go': 'package x\n' }));
  const res = await unzipModule(zip, path.join(work, 'tilde'));
  assert.deepEqual([...res.files].sort(), ['PROGRA~1/x.go', 'go.mod', 'tests/package~3.8.3.json']);
});

test('go.mod over 16 MiB (declared) is rejected', () =>
  expectRejected([{ name: `${P}go.mod`, data: 'module x\n', declaredSize: (16 << 20) + 1 }], /too large/, `${P}go.mod`));

test('limits are enforced on bytes actually inflated, not declared sizes', async () => {
  // 2 MiB of zeros deflates to a few KiB: a small bomb under a tiny limit.
  const zip = await writeZip([{ name: `${P}bomb.bin`, data: Buffer.alloc(2 << 20) }]);
  await assert.rejects(unzipModule(zip, path.join(work, 'bomb'), { limits: { maxTotalBytes: 1 << 20 } }), /too large|inflates past|exceeds/);
  // A zip that under-declares its size: the lie is caught while inflating.
  const liar = await writeZip([{ name: `${P}liar.bin`, data: Buffer.alloc(1 << 20), declaredSize: 10 }]);
  await assert.rejects(unzipModule(liar, path.join(work, 'liar')), (err: unknown) => err instanceof ZipRejectedError);
});

test('entry count is capped', async () => {
  const entries = Array.from({ length: 20 }, (_, i) => ({ name: `${P}f${i}.go`, data: 'x' }));
  const zip = await writeZip(entries);
  await assert.rejects(checkModuleZip(zip, { limits: { maxEntries: 10 } }), /too many entries/);
});

test('a file that is not a zip is rejected', async () => {
  const file = path.join(work, 'notzip.zip');
  await writeFile(file, 'this is not a zip');
  await assert.rejects(checkModuleZip(file), /not a valid zip/);
});

test('unzip never overwrites an existing file in the destination', async () => {
  const zip = await writeZip([{ name: `${P}go.mod`, data: 'module example.test/mod\n' }]);
  const dest = path.join(work, 'existing');
  await unzipModule(zip, dest);
  await assert.rejects(unzipModule(zip, dest), /EEXIST/);
  assert.ok((await lstat(path.join(dest, 'go.mod'))).isFile());
});
