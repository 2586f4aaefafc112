// Safe unpacking of a Go module zip. The zip is hostile: every name is checked against Go's
// module zip rules before anything is written, sizes are enforced on the bytes actually
// inflated (not the sizes the zip declares), and files are created with O_EXCL inside a
// directory we made, so nothing can land outside it or overwrite anything.
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { checkModulePath } from './escape.js';
import { hash1, type FileDigest } from './h1.js';
import { isValidSemver } from './semver.js';
import { CollisionChecker, GO_ZIP_LIMITS, checkFilePath, splitZipPrefix, unixFileType, type ZipLimits } from './zip-rules.js';

export class ZipRejectedError extends Error {
  constructor(
    readonly zipPath: string,
    readonly reason: string,
    readonly entry?: string,
  ) {
    super(entry === undefined ? `${zipPath}: ${reason}` : `${zipPath}: entry ${JSON.stringify(entry)}: ${reason}`);
    this.name = 'ZipRejectedError';
  }
}

export interface UnzipOptions {
  /** When known (proxy downloads), every entry must start with `<path>@<version>/`. */
  expectedPath?: string;
  expectedVersion?: string;
  limits?: Partial<ZipLimits>;
}

export interface UnzipResult {
  modulePath: string;
  version: string;
  /** Regular files, relative to the module root, in zip order. */
  files: string[];
  /** go.sum `h1:` hash of the zip's contents (dirhash.HashZip semantics). */
  h1: string;
  /** The zip's top-level go.mod, if it has one. */
  goMod?: Buffer;
  totalBytes: number;
}

interface CheckedEntry {
  entry: Entry;
  name: string;
  rel: string;
  isDir: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A name that is not UTF-8, shown with its non-ASCII and control bytes as \\xNN (never raw to a terminal). */
function escapeNonAscii(raw: Buffer): string {
  let out = '';
  for (const b of raw) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** Check a module zip without writing anything; returns the same facts as unzipModule. */
export function checkModuleZip(zipPath: string, opts: UnzipOptions = {}): Promise<UnzipResult> {
  return processModuleZip(zipPath, undefined, opts);
}

/** Unpack `zipPath` into `destDir` (which must not exist yet, or be empty) with the module root at destDir. */
export function unzipModule(zipPath: string, destDir: string, opts: UnzipOptions = {}): Promise<UnzipResult> {
  return processModuleZip(zipPath, path.resolve(destDir), opts);
}

async function processModuleZip(zipPath: string, destDir: string | undefined, opts: UnzipOptions): Promise<UnzipResult> {
  const limits: ZipLimits = { ...GO_ZIP_LIMITS, ...opts.limits };
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new ZipRejectedError(zipPath, `not a valid zip file (${(err as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipRejectedError(zipPath, `too many entries (${zip.entryCount} > ${limits.maxEntries})`);
    }
    const entries = await readCentralDirectory(zip, zipPath);
    const { checked, modulePath, version } = checkEntries(entries, zipPath, opts, limits);
    return await extract(zip, zipPath, checked, destDir, limits, modulePath, version);
  } finally {
    zip.close();
  }
}

function readCentralDirectory(zip: ZipFile, zipPath: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(new ZipRejectedError(zipPath, `corrupt zip (${err.message})`)));
    zip.readEntry();
  });
}

function checkEntries(entries: Entry[], zipPath: string, opts: UnzipOptions, limits: ZipLimits) {
  if (entries.length === 0) throw new ZipRejectedError(zipPath, 'empty zip');
  const checked: CheckedEntry[] = [];
  const collisions = new CollisionChecker();
  let prefix: string | undefined =
    opts.expectedPath !== undefined && opts.expectedVersion !== undefined ? `${opts.expectedPath}@${opts.expectedVersion}/` : undefined;
  let declaredTotal = 0;
  for (const entry of entries) {
    const raw = entry.fileNameRaw;
    let name: string;
    try {
      name = utf8.decode(raw);
    } catch {
      throw new ZipRejectedError(zipPath, 'file name is not valid UTF-8', escapeNonAscii(raw));
    }
    if (prefix === undefined) {
      const split = splitZipPrefix(name);
      if (!split) throw new ZipRejectedError(zipPath, 'not in module zip layout: expected "<module>@<version>/" prefix', name);
      const pathProblem = checkModulePath(split.modulePath);
      if (pathProblem) throw new ZipRejectedError(zipPath, `bad module path in prefix: ${pathProblem}`, name);
      if (!isValidSemver(split.version)) throw new ZipRejectedError(zipPath, `bad version ${JSON.stringify(split.version)} in prefix`, name);
      prefix = `${split.modulePath}@${split.version}/`;
    }
    if (!name.startsWith(prefix)) throw new ZipRejectedError(zipPath, `outside the module prefix ${JSON.stringify(prefix)}`, name);
    let rel = name.slice(prefix.length);
    if (rel === '') continue;
    const isDir = rel.endsWith('/');
    if (isDir) rel = rel.slice(0, -1);
    const problem = checkFilePath(rel);
    if (problem) throw new ZipRejectedError(zipPath, problem, name);
    const type = unixFileType(entry.versionMadeBy, entry.externalFileAttributes);
    if (type === 'symlink') throw new ZipRejectedError(zipPath, 'symbolic link entries are not allowed', name);
    if (type === 'other') throw new ZipRejectedError(zipPath, 'special file (device, fifo or socket) entries are not allowed', name);
    if (type === 'dir' && !isDir) throw new ZipRejectedError(zipPath, 'directory attributes on a file name', name);
    const collision = collisions.check(rel, isDir);
    if (collision) throw new ZipRejectedError(zipPath, collision, name);
    if (!isDir) {
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) throw new ZipRejectedError(zipPath, 'encrypted entries are not allowed', name);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new ZipRejectedError(zipPath, `unsupported compression method ${entry.compressionMethod}`, name);
      }
      const cap = fileCap(rel, limits);
      if (entry.uncompressedSize > cap) throw new ZipRejectedError(zipPath, `file too large (${entry.uncompressedSize} > ${cap} bytes)`, name);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw new ZipRejectedError(zipPath, `total uncompressed size exceeds ${limits.maxTotalBytes} bytes`, name);
      }
    }
    checked.push({ entry, name, rel, isDir });
  }
  const split = splitZipPrefix(prefix!)!;
  return { checked, modulePath: split.modulePath, version: split.version };
}

/** Go limits go.mod and LICENSE specially; other files only count against the total. */
function fileCap(rel: string, limits: ZipLimits): number {
  if (rel === 'go.mod') return limits.maxGoModBytes;
  if (rel === 'LICENSE') return limits.maxLicenseBytes;
  return limits.maxTotalBytes;
}

async function extract(
  zip: ZipFile,
  zipPath: string,
  checked: CheckedEntry[],
  destDir: string | undefined,
  limits: ZipLimits,
  modulePath: string,
  version: string,
): Promise<UnzipResult> {
  // destDir itself only, never its parents: an interrupted run's temp root, removed under a worker
  // thread still unpacking, must not come back (its parent must exist, as a fresh temp dir does).
  if (destDir !== undefined) {
    await mkdir(destDir, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  // Directories inside destDir are made one level at a time, never `recursive` from destDir's parent:
  // when the run is interrupted and its temp root removed under a worker thread still unpacking, the
  // next entry fails (ENOENT) instead of re-creating the removed tree.
  const madeDirs = new Set<string>([destDir ?? '']);
  const makeDirInside = async (dir: string): Promise<void> => {
    if (destDir === undefined || madeDirs.has(dir)) return;
    await makeDirInside(path.dirname(dir));
    await mkdir(dir, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    madeDirs.add(dir);
  };
  const digests: FileDigest[] = [];
  const files: string[] = [];
  let goMod: Buffer | undefined;
  let total = 0;
  for (const { entry, name, rel, isDir } of checked) {
    const target = destDir === undefined ? undefined : path.resolve(destDir, ...rel.split('/'));
    if (target !== undefined && !target.startsWith(destDir + path.sep)) {
      throw new ZipRejectedError(zipPath, 'resolves outside the destination directory', name);
    }
    if (isDir) {
      if (target !== undefined) await makeDirInside(target);
      continue;
    }
    const cap = fileCap(rel, limits);
    const hash = createHash('sha256');
    const keep: Buffer[] | undefined = rel === 'go.mod' ? [] : undefined;
    let size = 0;
    let handle;
    if (target !== undefined) {
      await makeDirInside(path.dirname(target));
      handle = await open(target, 'wx', 0o644);
    }
    // No await between opening the stream and iterating it: the size check inside yauzl
    // can fail on the first chunk, and that error must find a listener.
    let stream;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch (err) {
      await handle?.close();
      throw new ZipRejectedError(zipPath, `cannot read entry (${(err as Error).message})`, name);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > cap) throw new ZipRejectedError(zipPath, `inflates past ${cap} bytes`, name);
        if (total > limits.maxTotalBytes) throw new ZipRejectedError(zipPath, `zip inflates past ${limits.maxTotalBytes} bytes in total`, name);
        hash.update(chunk);
        keep?.push(chunk);
        if (handle) await handle.write(chunk);
      }
    } catch (err) {
      stream.destroy();
      if (err instanceof ZipRejectedError) throw err;
      throw new ZipRejectedError(zipPath, `corrupt data (${(err as Error).message})`, name);
    } finally {
      await handle?.close();
    }
    digests.push({ name, sha256: hash.digest('hex') });
    files.push(rel);
    if (keep) goMod = Buffer.concat(keep);
  }
  const result: UnzipResult = { modulePath, version, files, h1: hash1(digests), totalBytes: total };
  if (goMod !== undefined) result.goMod = goMod;
  return result;
}
