// Where a file sits in a module and what that says about whether it builds: shared by the scan, the
// build reachability of internal packages and the verdict.

export type FileRole = 'source' | 'test' | 'testdata' | 'vendor' | 'not-built';

/** testdata, `_x` and `.x` directories anywhere on the path: the go command builds nothing there. */
export function dirNeverBuilt(dir: string): boolean {
  return dir !== '' && dir.split('/').some((d) => d === 'testdata' || d.startsWith('_') || d.startsWith('.'));
}

/** How a file takes part in a build: `_test.go` runs under `go test`, testdata/ and `_`/`.` dirs never build. */
export function fileRole(relPath: string): FileRole {
  const parts = relPath.split('/');
  const dirs = parts.slice(0, -1);
  if (dirs.some((d) => d === 'testdata')) return 'testdata';
  if (dirNeverBuilt(dirs.join('/'))) return 'not-built';
  if (dirs.includes('vendor')) return 'vendor';
  if (parts[parts.length - 1]!.endsWith('_test.go')) return 'test';
  return 'source';
}

/** The package directory of a module-relative file path ('' for the root). */
export function packageDirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}
