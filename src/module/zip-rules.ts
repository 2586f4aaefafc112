// Go's module zip rules (golang.org/x/mod/zip + module.CheckFilePath), applied to names before
// anything is written: a module zip is attacker-controlled input.

/** Limits from golang.org/x/mod/zip, plus an entry-count cap of our own against zip bombs. */
export interface ZipLimits {
  maxTotalBytes: number;
  maxGoModBytes: number;
  maxLicenseBytes: number;
  maxEntries: number;
}

export const GO_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 500 << 20,
  maxGoModBytes: 16 << 20,
  maxLicenseBytes: 16 << 20,
  maxEntries: 100_000,
};

const BAD_WINDOWS_NAMES = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);
const ASCII_PUNCT_ALLOWED = "!#$%&()+,-.=@[]^_{}~ ";

function fileNameCharOK(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return /[0-9A-Za-z]/.test(ch) || ASCII_PUNCT_ALLOWED.includes(ch);
  return /\p{L}/u.test(ch);
}

/** module.CheckFilePath: returns why `rel` (slash-separated, relative to the module root) is not allowed. */
export function checkFilePath(rel: string): string | undefined {
  if (rel === '') return 'empty path';
  if (rel.includes('\\')) return 'backslash in path';
  if (rel.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(rel)) return 'drive letter in path';
  if (rel.endsWith('/')) return 'trailing slash';
  for (const elem of rel.split('/')) {
    if (elem === '') return 'empty path element (double slash)';
    if (elem === '..') return 'path traversal ("..")';
    if (/^\.+$/.test(elem)) return `invalid path element ${JSON.stringify(elem)}`;
    if (elem.endsWith('.')) return `trailing dot in path element ${JSON.stringify(elem)}`;
    for (const ch of elem) {
      if (!fileNameCharOK(ch)) return `invalid character ${JSON.stringify(ch)} in path element`;
    }
    const dot = elem.indexOf('.');
    const short = dot >= 0 ? elem.slice(0, dot) : elem;
    if (BAD_WINDOWS_NAMES.has(short.toUpperCase())) return `reserved Windows name ${JSON.stringify(elem)}`;
    // Windows short-name-like elements (`package~3.json`) are refused only in import paths, not in
    // file paths (module.checkElem): the proxy serves them and the go command unpacks them.
  }
  return undefined;
}

/** Detects duplicate entries, case-insensitive collisions and file/directory clashes (zip.collisionChecker). */
export class CollisionChecker {
  private readonly seen = new Map<string, { path: string; isDir: boolean }>();

  check(p: string, isDir: boolean): string | undefined {
    const fold = foldCase(p);
    const other = this.seen.get(fold);
    if (other) {
      if (other.path !== p) return `case-insensitive file name collision: ${JSON.stringify(other.path)} and ${JSON.stringify(p)}`;
      if (other.isDir !== isDir) return `entry ${JSON.stringify(p)} is both a file and a directory`;
      if (!isDir) return `multiple entries for file ${JSON.stringify(p)}`;
      return undefined; // the same directory seen again is fine
    }
    this.seen.set(fold, { path: p, isDir });
    const slash = p.lastIndexOf('/');
    return slash > 0 ? this.check(p.slice(0, slash), true) : undefined;
  }
}

/** Approximates Go's strToFold (Unicode simple folding) closely enough for file names. */
function foldCase(s: string): string {
  return s.normalize('NFC').toUpperCase().toLowerCase();
}

/** Split a module zip entry name `<module>@<version>/<rest>` at its prefix. */
export function splitZipPrefix(name: string): { modulePath: string; version: string; rest: string } | undefined {
  const at = name.indexOf('@');
  if (at <= 0) return undefined;
  const slash = name.indexOf('/', at);
  if (slash < 0) return undefined;
  return { modulePath: name.slice(0, at), version: name.slice(at + 1, slash), rest: name.slice(slash + 1) };
}

/** Unix file type bits stored in a zip entry's external attributes, when a Unix tool made it. */
export function unixFileType(versionMadeBy: number, externalFileAttributes: number): 'file' | 'dir' | 'symlink' | 'other' | 'unknown' {
  const creator = versionMadeBy >> 8;
  if (creator !== 3 && creator !== 19) return 'unknown'; // 3 = Unix, 19 = OS X
  const mode = (externalFileAttributes >>> 16) & 0o170000;
  switch (mode) {
    case 0:
      return 'unknown';
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'dir';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}
