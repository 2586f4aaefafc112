// Compare two versions of a module (unpacked roots): changed files with unified diffs, and the
// imports that appear only in the new version, which is where a hijacked release shows itself
// (a logging library that suddenly imports os/exec and net/http).
import type { FileSetDiff } from './file-diff.js';
import { diffFileSets } from './file-diff.js';
import { readModuleDir } from './module-files.js';

export interface VersionDiff {
  oldLabel: string;
  newLabel: string;
  diff: FileSetDiff;
  /** Import paths used by .go files of the new version and by none of the old. */
  newImports: string[];
  removedImports: string[];
}

const IMPORT_BLOCK = /^import\s*\(([\s\S]*?)^\)/gm;
const IMPORT_SINGLE = /^import\s+(?:[\w.]+\s+)?("[^"]+"|`[^`]+`)/gm;
const QUOTED = /("[^"\n]+"|`[^`\n]+`)/g;

/** Import paths of a Go source file, by a regex good enough for a diff summary (not for rules). */
export function goImports(source: string): string[] {
  const found = new Set<string>();
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of code.matchAll(IMPORT_BLOCK)) {
    for (const line of m[1]!.split('\n')) {
      const q = line.replace(/\/\/.*$/, '').match(QUOTED);
      if (q) found.add(q[0].slice(1, -1));
    }
  }
  for (const m of code.matchAll(IMPORT_SINGLE)) found.add(m[1]!.slice(1, -1));
  return [...found];
}

function importsOf(files: ReadonlyMap<string, Buffer>): Set<string> {
  const all = new Set<string>();
  for (const [f, data] of files) if (f.endsWith('.go')) for (const i of goImports(data.toString('utf8'))) all.add(i);
  return all;
}

export async function diffModuleVersions(oldDir: string, newDir: string, labels: { old: string; new: string }): Promise<VersionDiff> {
  const [oldFiles, newFiles] = await Promise.all([readModuleDir(oldDir), readModuleDir(newDir)]);
  const oldImports = importsOf(oldFiles);
  const newImports = importsOf(newFiles);
  return {
    oldLabel: labels.old,
    newLabel: labels.new,
    diff: diffFileSets(oldFiles, newFiles, labels),
    newImports: [...newImports].filter((i) => !oldImports.has(i)).sort(),
    removedImports: [...oldImports].filter((i) => !newImports.has(i)).sort(),
  };
}
