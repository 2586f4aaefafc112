// Per-package cache of static scan results. A module version never changes, and neither does a file
// with the same content: a package's result is a function of its files' paths and contents, the rule
// pack and the scanner's own code, so all of those make the key. Batch runs over many versions of the
// same modules, and re-runs of a triage, then skip the parse for everything already seen.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackageResult, PackageTask } from './scan-worker.js';
import { defaultCacheDir } from '../module/download.js';
import { embeddedFilesOf, embedPatternsIn } from './embeds.js';

/** Where the CLI keeps scan results: `static/` under the download cache root ($GOSNARE_CACHE). */
export function staticCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultCacheDir(env), 'static');
}

/** Bump when the cached JSON's shape changes in a way the code hash would not show. */
const FORMAT = 'gosnare-static-cache-3';

let codeHash: string | undefined;

/** Hash of this stage's compiled code (every .js file under the static folder): new code, new keys. */
export function scannerCodeHash(): string {
  if (codeHash) return codeHash;
  const root = fileURLToPath(new URL('.', import.meta.url));
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.js')) hash.update(abs.slice(root.length)).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  walk(root);
  codeHash = hash.digest('hex');
  return codeHash;
}

/** Messages that mark a result as cut short by time, not a function of the input: never cached. */
const NOT_REPRODUCIBLE = /^(string recovery stopped|scanner failed|cannot read)/;

/**
 * sha256 of a file, read through one reused buffer: keys are made in the parent process for every file
 * of the module, and a fresh Buffer per file left ~90 MB of garbage behind over GOROOT.
 */
const readBuffer = Buffer.allocUnsafe(1024 * 1024);

const EMBED_DIRECTIVE = Buffer.from('//go:embed');

/** sha256 of a file, and whether it holds a `//go:embed` line (its embedded files then count too). */
function fileDigest(path: string): { digest: Buffer; embeds: boolean } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const hash = createHash('sha256');
    let embeds = false;
    let tail = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, readBuffer, 0, readBuffer.length, null);
      if (n === 0) break;
      const chunk = readBuffer.subarray(0, n);
      hash.update(chunk);
      if (!embeds) embeds = chunk.includes(EMBED_DIRECTIVE) || Buffer.concat([tail, chunk.subarray(0, EMBED_DIRECTIVE.length)]).includes(EMBED_DIRECTIVE);
      tail = Buffer.from(chunk.subarray(Math.max(0, n - EMBED_DIRECTIVE.length)));
    }
    return { digest: hash.digest(), embeds };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export class ScanCache {
  constructor(
    readonly dir: string,
    private readonly rulePackHash: string,
  ) {}

  /** The key of a package, or undefined when one of its files cannot be read (then it is not cached). */
  keyOf(task: PackageTask): string | undefined {
    const hash = createHash('sha256').update(FORMAT).update('\0').update(scannerCodeHash()).update('\0').update(this.rulePackHash).update('\0').update(task.dir);
    // The module path decides which calls a result lists; entries decide what runs at import time.
    hash.update('\0').update(task.modulePath ?? '').update('\0').update(JSON.stringify(task.entries ?? [])).update(task.placeOnly ? `\0place\0${JSON.stringify(task.callTargets ?? [])}` : '');
    const patterns: string[] = [];
    for (const f of [...task.files, ...(task.native ?? [])]) {
      const file = fileDigest(f.abs);
      if (!file) return undefined;
      hash.update('\0').update(f.rel).update('\0').update(file.digest);
      if (file.embeds) patterns.push(...embedPatternsIn(readFileSync(f.abs, 'utf8')));
    }
    // Files the package embeds are part of what its scan reads (embeds.ts).
    if (patterns.length && task.files[0]) {
      for (const path of embeddedFilesOf(dirname(task.files[0].abs), patterns)) {
        const file = fileDigest(path);
        hash.update('\0').update(path.slice(dirname(task.files[0].abs).length)).update('\0').update(file ? file.digest : 'unreadable');
      }
    }
    return hash.digest('hex');
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): PackageResult | undefined {
    try {
      const value = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as PackageResult;
      return typeof value === 'object' && value !== null && Array.isArray(value.findings) ? value : undefined;
    } catch {
      return undefined; // absent or damaged: scan again
    }
  }

  put(key: string, result: PackageResult): void {
    if (result.parseErrors.some((e) => NOT_REPRODUCIBLE.test(e.message))) return;
    const path = this.pathOf(key);
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      // Write then rename: a reader never sees half a file, even when two runs share the cache.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(result));
      renameSync(tmp, path);
    } catch {
      /* a cache that cannot be written only costs time */
    }
  }
}
