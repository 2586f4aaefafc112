// Throw-away Go modules for scanner tests: files written under a fresh temporary directory.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';

/** Writes `files` (module-relative paths) into a new temporary directory and returns it. */
export function makeModule(files: Record<string, string | Buffer>, prefix = 'gosnare-module-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}
