// Which packages of a module can build into a dependent. Go lets only the module itself import an
// `internal` package, so one that no built file of the module imports (only its tests do, as with
// cilium/ebpf's internal/testutils) never reaches a user of the module, whatever its code does.
import { dirNeverBuilt } from './file-role.js';

export interface PackageImports {
  /** Directory relative to the module root ('' for the root). */
  dir: string;
  /** Imports of the package's built files (not tests, not `//go:build ignore`); null when unknown. */
  buildImports: string[] | null;
}

function isInternal(dir: string): boolean {
  return dir.split('/').includes('internal');
}

/**
 * Directories of internal packages that no built file of a package that builds imports. Empty when
 * the module path is unknown or a package's imports are (a package the scanner failed on may import
 * any of them): a package is only called unreachable when that is shown.
 */
export function unreachableInternalPackages(modulePath: string | undefined, packages: PackageImports[], nestedModuleDirs: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  if (!modulePath || packages.some((p) => p.buildImports === null)) return out;
  // The standard library's module is `std`, yet its packages are imported without that prefix.
  const pathOf = (dir: string) => (modulePath === 'std' ? dir : dir ? `${modulePath}/${dir}` : modulePath);
  const byPath = new Map(packages.map((p) => [pathOf(p.dir), p]));
  const reached = new Set<PackageImports>();
  // Roots: every package a dependent (or `go install`) can name, outside testdata and `_` directories.
  const queue = packages.filter((p) => !isInternal(p.dir) && !dirNeverBuilt(p.dir));
  for (const p of queue) reached.add(p);
  while (queue.length) {
    for (const imp of queue.pop()!.buildImports!) {
      const target = byPath.get(imp);
      if (target && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  // A nested module (its own go.mod) names its packages by its own path: those are left alone.
  const nested = (dir: string) => nestedModuleDirs.some((root) => dir === root || dir.startsWith(`${root}/`));
  for (const p of packages) if (isInternal(p.dir) && !reached.has(p) && !nested(p.dir)) out.add(p.dir);
  return out;
}
