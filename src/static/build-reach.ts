// Which packages of a module can build into a dependent. Go lets only the module itself import an
// `internal` package, so one that no built file of the module imports (only its tests do, as with
// cilium/ebpf's internal/testutils) never reaches a user of the module, whatever its code does.
import { dirNeverBuilt, packageDirOf } from './file-role.js';

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
 * A test harness directory (`test/e2e/fixture`, `tests/dbconfig`, `integration/...`): Go would let a
 * dependent import it, but nobody builds a program on a module's own end-to-end fixtures, so, as an
 * internal package, it reaches a user only when a built package of the module imports it. argo-cd's
 * e2e fixture dials its API server from an init.
 */
const TEST_HARNESS_DIR = /^(?:e2e|tests?|integration|integration[-_]tests?|e2e[-_]tests?)$/;

function isTestHarness(dir: string): boolean {
  return dir.split('/').some((segment) => TEST_HARNESS_DIR.test(segment));
}

/** Packages that a dependent is not expected to import itself: internal ones and test harnesses. */
function notARoot(dir: string): boolean {
  return isInternal(dir) || isTestHarness(dir);
}

/**
 * Directories of internal packages (and test harnesses) that no built file of a package that builds imports. Empty when
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
  const queue = packages.filter((p) => !notARoot(p.dir) && !dirNeverBuilt(p.dir));
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
  for (const p of packages) if (notARoot(p.dir) && !reached.has(p) && !nested(p.dir)) out.add(p.dir);
  return out;
}

export interface PackageDefaultBuilds {
  dir: string;
  /** PackageResult.defaultBuilds; null when unknown (the scanner failed on the package). */
  defaultBuilds: { files: Record<string, string[]>; imports: Record<string, string[]> } | null;
}

/**
 * Which files some default build (a GOOS, any GOARCH, no `-tags`) of a dependent compiles: the file
 * builds under that GOOS and its package is one a dependent can import, or an internal package that a
 * file compiled under that GOOS imports. fyne's internal/driver/mobile/app is imported only by files
 * behind `//go:build android || ios || mobile`, and its gl package's dll_windows.go builds only on
 * windows: no default build compiles it. Undefined when that cannot be shown (a package unknown).
 */
export function defaultBuildCompiles(modulePath: string | undefined, packages: PackageDefaultBuilds[], oses: readonly string[], nestedModuleDirs: readonly string[] = []): ((file: string) => boolean) | undefined {
  if (!modulePath || packages.some((p) => p.defaultBuilds === null)) return undefined;
  const pathOf = (dir: string) => (modulePath === 'std' ? dir : dir ? `${modulePath}/${dir}` : modulePath);
  const byPath = new Map(packages.map((p) => [pathOf(p.dir), p]));
  const nested = (dir: string) => nestedModuleDirs.some((root) => dir === root || dir.startsWith(`${root}/`));
  // Packages a dependent names directly, and those outside this module's internal rule, are always compiled.
  const open = (p: PackageDefaultBuilds) => !isInternal(p.dir) || nested(p.dir);
  const reachedByOs = new Map<string, Set<string>>();
  for (const os of oses) {
    const reached = new Set<string>();
    const queue = packages.filter((p) => open(p) && !dirNeverBuilt(p.dir));
    for (const p of queue) reached.add(p.dir);
    while (queue.length) {
      const p = queue.pop()!;
      for (const [imp, under] of Object.entries(p.defaultBuilds!.imports)) {
        if (!under.includes('*') && !under.includes(os)) continue;
        const target = byPath.get(imp);
        if (target && !reached.has(target.dir)) {
          reached.add(target.dir);
          queue.push(target);
        }
      }
    }
    reachedByOs.set(os, reached);
  }
  const byDir = new Map(packages.map((p) => [p.dir, p]));
  return (file: string) => {
    const dir = packageDirOf(file);
    const pkg = byDir.get(dir);
    if (!pkg) return true;
    const fileOses = pkg.defaultBuilds!.files[file];
    return oses.some((os) => (!fileOses || fileOses.includes(os)) && (open(pkg) || reachedByOs.get(os)!.has(dir)));
  };
}
