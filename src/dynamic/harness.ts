// Harness preparation and builds: copy the module, generate the blank-import harness, fetch its
// dependencies on the host (no module code runs), then compile the harness and each main package
// with a container build function (no network). A package that does not compile is left out of
// the harness and the build retried, so one broken (or deliberately broken) package cannot hide
// the init code of the others.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultGoCache, defaultGoModCache, fetchDependencies, localGoVersion, type FetchResult } from './harness/deps.js';
import { generateHarnessTree, harnessSource, writeImports, type HarnessTree } from './harness/generate.js';
import type { GoPackage } from './harness/packages.js';

export type { GoPackage } from './harness/packages.js';
export type { HarnessTree } from './harness/generate.js';

/** What a container build needs (matches build-run.ts `runBuild`). */
export interface BuildRequest {
  srcDir: string;
  outDir: string;
  goModCache: string;
  goCache: string;
  /** Working directory of the go command, relative to srcDir ('.' for the module root). */
  workdirInSrc: string;
  /** Arguments after `go build`, e.g. ['-o', '/out/harness', './zz_gosnare_harness']. */
  args: string[];
  timeoutMs: number;
}

export interface BuildOutcome {
  status: 'ok' | 'failed' | 'timeout';
  output: string;
  durationMs: number;
}

export type BuildFn = (req: BuildRequest) => Promise<BuildOutcome>;

export interface PreparedHarness {
  tree: HarnessTree;
  /** Host directory the binaries are written to (mounted into the sample container). */
  outDir: string;
  goModCache: string;
  goCache: string;
  fetch: FetchResult;
  lingerMs: number;
}

export interface PrepareOptions {
  /** Scratch directory owned by the caller (removed by the caller). */
  workDir: string;
  lingerMs?: number;
  fetchTimeoutMs?: number;
  goModCache?: string;
  goCache?: string;
  /** Also resolve dependencies of the module's main packages. */
  includeMains?: boolean;
}

export const DEFAULT_LINGER_MS = 1500;
export const HARNESS_BINARY = 'harness';

export async function prepareHarness(module: { dir: string; path: string }, opts: PrepareOptions): Promise<PreparedHarness> {
  const goVersion = await localGoVersion();
  const lingerMs = opts.lingerMs ?? DEFAULT_LINGER_MS;
  const tree = await generateHarnessTree({ moduleDir: module.dir, modulePath: module.path, srcDir: join(opts.workDir, 'src'), goVersion, lingerMs });
  const outDir = join(opts.workDir, 'out');
  await mkdir(outDir, { recursive: true });
  const goModCache = opts.goModCache ?? defaultGoModCache();
  const goCache = opts.goCache ?? defaultGoCache();
  await mkdir(goModCache, { recursive: true });
  await mkdir(goCache, { recursive: true });
  const patterns = [`./${tree.harnessDir}`, ...(opts.includeMains ? tree.packages.mains.map((m) => `./${m.dir}`) : [])];
  const fetch = await fetchDependencies(tree.srcDir, patterns, { goModCache, timeoutMs: opts.fetchTimeoutMs ?? 180_000 });
  if (!fetch.ok) tree.notes.push(`dependency resolution ${fetch.timedOut ? 'timed out' : 'reported errors'}: ${fetch.output.trim().split('\n').slice(0, 5).join(' | ')}`);
  return { tree, outDir, goModCache, goCache, fetch, lingerMs };
}

/** Packages named by a failed build: `# import/path` headers and errors on the harness's import lines. */
export function failingPackages(output: string, tree: HarnessTree, imports: string[]): Set<string> {
  const failed = new Set<string>();
  for (const m of output.matchAll(/^# (\S+)/gm)) failed.add(m[1]);
  const lines = harnessSource(imports, 0).split('\n');
  const re = new RegExp(`${tree.harnessDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/main\\.go:(\\d+):\\d+:`, 'g');
  for (const m of output.matchAll(re)) {
    const imp = /^\t_ "(.*)"$/.exec(lines[Number(m[1]) - 1] ?? '');
    if (imp) failed.add(imp[1]);
  }
  return failed;
}

export interface HarnessBuild extends BuildOutcome {
  /** Binary name inside outDir when status is 'ok'. */
  binary: string;
  /** Packages left out because they did not compile. */
  excluded: string[];
  /** Output of the failed attempts that led to exclusions. */
  earlierOutput: string;
}

/**
 * Builds the import harness. `outPath(name)` maps a binary name to the path the go command must
 * write (the build container sees outDir under its own mount point).
 */
export async function buildImportHarness(
  prep: PreparedHarness,
  build: BuildFn,
  outPath: (name: string) => string,
  opts: { timeoutMs: number; maxRetries?: number },
): Promise<HarnessBuild> {
  let pkgs: GoPackage[] = [...prep.tree.packages.importable];
  const excluded: string[] = [];
  let earlierOutput = '';
  let durationMs = 0;
  const maxRetries = opts.maxRetries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const res = await build({
      srcDir: prep.tree.srcDir,
      outDir: prep.outDir,
      goModCache: prep.goModCache,
      goCache: prep.goCache,
      workdirInSrc: '.',
      args: ['-trimpath', '-o', outPath(HARNESS_BINARY), `./${prep.tree.harnessDir}`],
      timeoutMs: opts.timeoutMs,
    });
    durationMs += res.durationMs;
    if (res.status !== 'failed' || attempt >= maxRetries) {
      return { ...res, durationMs, binary: HARNESS_BINARY, excluded, earlierOutput };
    }
    // Leave out the packages the compiler named (directly or through their bridge) and retry.
    const topImports = [...new Set(pkgs.map((p) => p.importPath))];
    const named = failingPackages(res.output, prep.tree, topImports);
    const drop = pkgs.filter((p) => named.has(p.importPath) || [...named].some((n) => n.endsWith('/zz_gosnare_bridge') && p.importPath.startsWith(n.slice(0, -'zz_gosnare_bridge'.length))));
    if (drop.length === 0 || drop.length === pkgs.length) return { ...res, durationMs, binary: HARNESS_BINARY, excluded, earlierOutput };
    excluded.push(...drop.map((p) => p.importPath));
    earlierOutput += res.output;
    pkgs = pkgs.filter((p) => !drop.includes(p));
    await writeImports(prep.tree, pkgs, prep.lingerMs);
  }
}

/** Builds one main package of the module into `main-<index>`. */
export async function buildMainPackage(
  prep: PreparedHarness,
  pkg: GoPackage,
  index: number,
  build: BuildFn,
  outPath: (name: string) => string,
  opts: { timeoutMs: number },
): Promise<BuildOutcome & { binary: string }> {
  const binary = `main-${index}`;
  const res = await build({
    srcDir: prep.tree.srcDir,
    outDir: prep.outDir,
    goModCache: prep.goModCache,
    goCache: prep.goCache,
    workdirInSrc: '.',
    args: ['-trimpath', '-o', outPath(binary), `./${pkg.dir}`],
    timeoutMs: opts.timeoutMs,
  });
  return { ...res, binary };
}
