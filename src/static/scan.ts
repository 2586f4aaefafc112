// Static scan of a module directory: every .go file, grouped by directory (package), scanned in a pool
// of child processes (each with its own parser and compiled rules) or inline for small modules.
// Child processes, not worker threads: a native abort in tree-sitter (node-addon-api throwing from a
// finalizer calls std::terminate) kills the whole process; a child's death only costs its package.
//
// What is scanned: every `*.go` file under the directory, at any depth, including vendor/, testdata/,
// `_`- and `.`-prefixed directories and `_test.go` files. The go tool skips some of these when building,
// but a scanner should not be where malware hides: a finding's file path tells where it is (see
// fileRole). Symbolic links are not followed (module zips cannot contain them; a link loop must not
// hang the scan). Only `.git` internals are skipped.
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StaticResult } from '../result/schema.js';
import type { CompiledRuleSet } from './rules/types.js';
import type { ScanCache } from './scan-cache.js';
import { defaultBuildCompiles, unreachableInternalPackages, type PackageDefaultBuilds, type PackageImports } from './build-reach.js';
import { ALL_OS, TARGET_OS } from './build-constraints.js';
import { parseGoMod } from '../module/gomod.js';
import { fileRole, packageDirOf } from './file-role.js';
import { isNativeFile } from './native-files.js';
import { anchorScanShapes } from './shape-anchors.js';
import { entryKey, replacesEntry, type ImportTimeCall } from './import-time-calls.js';
export { fileRole, packageDirOf, type FileRole } from './file-role.js';
import { SCAN_CHILD_ENV, emptyIocs, mergeIocsInto, scanPackage, settleBetweenPackages, type PackageResult, type PackageTask, type WorkerInit, type WorkerReply } from './scan-worker.js';

export interface ScanProgress {
  packagesDone: number;
  packagesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface ScanOptions {
  rules: CompiledRuleSet;
  /** Worker processes; default min(cores, 4). 0 or 1 scans in the calling thread. */
  workers?: number;
  onProgress?: (p: ScanProgress) => void;
  /** A package taking longer than this is abandoned (worker killed) and reported. Default 120 s. */
  packageTimeoutMs?: number;
  /** Results of packages scanned before (see scan-cache.ts); none when absent. */
  cache?: ScanCache;
}

/** Package tasks: one per directory holding .go files. */
export function collectPackages(root: string): PackageTask[] {
  const tasks: PackageTask[] = [];
  const walk = (abs: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files: PackageTask['files'] = [];
    const native: PackageTask['files'] = [];
    let bytes = 0;
    for (const e of entries) {
      const childAbs = join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(childAbs, childRel);
      } else if (e.isFile() && e.name.endsWith('.go')) {
        files.push({ abs: childAbs, rel: childRel });
        try {
          bytes += statSync(childAbs).size;
        } catch {
          /* unreadable: the scan reports it */
        }
      } else if (e.isFile() && isNativeFile(e.name)) {
        native.push({ abs: childAbs, rel: childRel });
      }
    }
    if (files.length) tasks.push(native.length ? { dir: rel, files, bytes, native } : { dir: rel, files, bytes });
  };
  walk(root, '');
  return tasks;
}

function emptyResult(): StaticResult {
  return { filesScanned: 0, bytesScanned: 0, parseErrors: [], imports: [], findings: [], iocs: emptyIocs(), recoveredStrings: [], durationMs: 0 };
}

/** Results by package directory; a package placed again for import-time calls and entries updates its own (placedAgain). */
class Merger {
  private readonly results = new Map<string, PackageResult>();
  private readonly failures = new Map<string, { task: PackageTask; message: string }>();

  /** Findings of each package's full scan: what a placement again starts from. */
  private readonly scannedFindings = new Map<string, PackageResult['findings']>();

  add(r: PackageResult): void {
    this.results.set(r.dir, r);
    this.scannedFindings.set(r.dir, [...r.findings]);
    this.failures.delete(r.dir);
  }

  failed(task: PackageTask, message: string): void {
    const earlier = this.results.get(task.dir);
    // A second scan that fails leaves the first one's result, with a note that the second was cut.
    if (earlier) earlier.parseErrors.push({ file: task.files[0]?.rel ?? task.dir, line: 1, message });
    else this.failures.set(task.dir, { task, message });
  }

  get(dir: string): PackageResult | undefined {
    return this.results.get(dir);
  }

  /**
   * The result of placing a package again (PackageTask.placeOnly): its import-time calls, and with
   * entries its movable matches, which replace the findings its full scan placed in ordinary
   * functions; the rest of its result stays.
   */
  placedAgain(r: PackageResult, withEntries: boolean): void {
    const earlier = this.results.get(r.dir);
    if (!earlier) return;
    if (withEntries) earlier.findings = (this.scannedFindings.get(r.dir) ?? []).filter((f) => f.context !== 'function').concat(r.findings);
    // Calls found before stay: entries only add code that runs at import time.
    const calls = new Map([...(earlier.importTimeCalls ?? []), ...(r.importTimeCalls ?? [])].map((c) => [`${c.file}:${c.line}:${entryKey(c)}:${c.path}`, c]));
    if (calls.size) earlier.importTimeCalls = [...calls.values()];
  }

  all(): PackageResult[] {
    return [...this.results.values()];
  }

  /** `modulePath` (from go.mod) tells which internal packages nothing built imports. */
  finish(started: number, modulePath?: string, nestedModuleDirs: string[] = []): StaticResult {
    const out = emptyResult();
    const imports = new Set<string>();
    const packages: PackageImports[] = [];
    for (const r of this.results.values()) {
      packages.push({ dir: r.dir, buildImports: r.buildImports });
      out.filesScanned += r.filesScanned;
      out.bytesScanned += r.bytesScanned;
      out.parseErrors.push(...r.parseErrors);
      for (const p of r.imports) imports.add(p);
      out.findings.push(...r.findings);
      out.recoveredStrings.push(...r.recoveredStrings);
      mergeIocsInto(out.iocs, r.iocs);
    }
    for (const { task, message } of this.failures.values()) {
      packages.push({ dir: task.dir, buildImports: null });
      for (const f of task.files) out.parseErrors.push({ file: f.rel, line: 1, message });
    }
    const unreachable = unreachableInternalPackages(modulePath, packages, nestedModuleDirs);
    if (unreachable.size) for (const f of out.findings) if (unreachable.has(packageDirOf(f.file))) f.notBuilt = true;
    const defaults: PackageDefaultBuilds[] = [...this.results.values()].map((r) => ({ dir: r.dir, defaultBuilds: r.defaultBuilds ?? null }));
    for (const { task } of this.failures.values()) defaults.push({ dir: task.dir, defaultBuilds: null });
    const compiled = defaultBuildCompiles(modulePath, defaults, ALL_OS, nestedModuleDirs);
    if (compiled) for (const f of out.findings) if (!f.notBuilt && fileRole(f.file) === 'source' && !compiled(f.file)) f.notInDefaultBuilds = true;
    out.imports = [...imports].sort();
    const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
    out.findings.sort((a, b) => byPlace(a, b) || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    out.parseErrors.sort(byPlace);
    out.recoveredStrings.sort(byPlace);
    for (const key of ['urls', 'ips', 'domains', 'commands'] as const) out.iocs[key].sort();
    out.durationMs = Date.now() - started;
    return out;
  }
}

const WORKER_PATH = fileURLToPath(new URL('./scan-worker.js', import.meta.url));

type LaneReply = WorkerReply | { ok: false; dir: string; error: string; fatal: true; died?: true };

/** Node options that say what to run rather than how: a child given them would run that instead of the worker. */
const RUN_OPTIONS_WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '-pe', '-ep', '--input-type', '--run']);
const RUN_OPTIONS = /^(?:-i|--interactive|-c|--check|--test|--test-.*|--watch|--watch-.*|--run=.*|--eval=.*|--print=.*|--input-type=.*)$/;

/**
 * This process's Node options without those that choose the program: `fork` passes them on, and a
 * scan started from `node -e '...'` made every scan process run the same script again, which forked
 * scan processes of its own, without end. Options such as --import (a TypeScript loader) stay.
 */
export function childExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (RUN_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!RUN_OPTIONS.test(arg)) out.push(arg);
  }
  return out;
}

/** A scan child: receives the rule sources once, then one PackageTask per message. */
function spawnChild(init: WorkerInit): ChildProcess {
  const child = fork(WORKER_PATH, [], {
    env: { ...process.env, [SCAN_CHILD_ENV]: '1' },
    // A smaller young generation than V8's 16 MB semi-spaces: the scan collects its heap itself
    // (scan-worker.ts), and each process keeps ~20 MB less resident for the same speed.
    // --single-threaded: V8's GC and compiler helper threads cost each child ~3 CPU-s per GOROOT
    // scan and only compete with the other children for the same cores (GOROOT: 25.1 -> 22.1 s).
    execArgv: [...childExecArgv(process.execArgv), '--max-semi-space-size=8', '--single-threaded'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // The child's stderr carries the reason of a native abort; keep the tail for the error message.
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  });
  (child as ChildProcess & { stderrTail: () => string }).stderrTail = () => tail;
  child.send(init);
  return child;
}

function stderrTail(child: ChildProcess): string {
  const line = (child as ChildProcess & { stderrTail?: () => string }).stderrTail?.().trim().split('\n')[0];
  return line ? `: ${line}` : '';
}

/**
 * A package this big holds many MB of syntax trees while it is scanned (GOROOT's
 * cmd/compile/internal/ssa, 11.6 MB of Go, once took ~800 MB resident; 160-210 MB now that a scan frees
 * as it goes). At most one runs at a time, so lanes do not add such peaks up. Its process is kept: it
 * gives the memory back itself (scan-worker.ts), and a fresh process for each such package cost
 * ~6% more CPU over GOROOT (cold code, rules compiled again).
 */
export const HEAVY_PACKAGE_BYTES = 2 * 1024 * 1024;

async function runPool(tasks: PackageTask[], opts: ScanOptions, workerCount: number, merger: Merger, progress: (task: PackageTask) => void, scanned: (task: PackageTask, r: PackageResult) => void): Promise<void> {
  const queue = [...tasks];
  const timeoutMs = opts.packageTimeoutMs ?? 120_000;
  const init: WorkerInit = { gosnareScanWorker: true, ruleDocs: opts.rules.docs };
  const isHeavy = (t: PackageTask) => (t.bytes ?? 0) >= HEAVY_PACKAGE_BYTES;
  let heavyRunning = false;
  let heavyDone: Array<() => void> = [];
  const retried = new Set<PackageTask>();

  /** The next task this lane may take: a light one while a heavy one runs elsewhere. */
  const takeTask = async (): Promise<PackageTask | undefined> => {
    for (;;) {
      if (!queue.length) return undefined;
      if (!heavyRunning) return queue.shift();
      const light = queue.findIndex((t) => !isHeavy(t));
      if (light >= 0) return queue.splice(light, 1)[0];
      await new Promise<void>((resolve) => heavyDone.push(resolve));
    }
  };

  const runLane = async (): Promise<void> => {
    let child: ChildProcess | null = null;
    try {
      for (;;) {
        const task = await takeTask();
        if (!task) break;
        const heavy = isHeavy(task);
        if (heavy) heavyRunning = true;
        child ??= spawnChild(init);
        const c: ChildProcess = child;
        const reply = await new Promise<LaneReply>((resolve) => {
          const timer = setTimeout(() => resolve({ ok: false, dir: task.dir, error: `timed out after ${timeoutMs} ms`, fatal: true }), timeoutMs);
          const done = (r: LaneReply) => {
            clearTimeout(timer);
            c.off('message', onMessage);
            c.off('error', onError);
            c.off('exit', onExit);
            resolve(r);
          };
          const onMessage = (r: WorkerReply) => done(r);
          const onError = (e: Error) => done({ ok: false, dir: task.dir, error: e.message, fatal: true });
          const onExit = (code: number | null, signal: string | null) =>
            done({ ok: false, dir: task.dir, error: `scan process died (${signal ?? `exit ${code}`})${stderrTail(c)}`, fatal: true, died: true });
          c.on('message', onMessage);
          c.on('error', onError);
          c.on('exit', onExit);
          c.send(task);
        });
        // A native abort can hit a package by chance (a finalizer run during an unlucky GC): it gets
        // one more try in a fresh process before it counts as failed.
        const retry = !reply.ok && 'died' in reply && !retried.has(task);
        if (retry) {
          retried.add(task);
          queue.unshift(task);
        } else if (reply.ok) scanned(task, reply.result);
        else merger.failed(task, `scanner failed on this package: ${reply.error.split('\n')[0]}`);
        if ('fatal' in reply) {
          c.kill('SIGKILL');
          child = null; // the next task gets a fresh process
        }
        if (heavy) {
          heavyRunning = false;
          const waiting = heavyDone;
          heavyDone = [];
          for (const wake of waiting) wake();
        }
        if (!retry) progress(task);
      }
    } finally {
      if (child) {
        const c: ChildProcess = child;
        // Wait for the exit so the child is reaped (its CPU time then counts in this process's children usage).
        const exited = new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) resolve();
          else c.once('exit', () => resolve());
        });
        c.disconnect();
        c.kill();
        await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
      }
    }
  };
  await Promise.all(Array.from({ length: workerCount }, runLane));
}

/** Scans a module directory with the given rules. */
export async function scanModule(dir: string, opts: ScanOptions): Promise<StaticResult> {
  const started = Date.now();
  const modulePath = modulePathIn(dir);
  const tasks = collectPackages(dir);
  for (const t of tasks) t.modulePath = modulePath;
  const packageDirs = tasks.map((t) => t.dir);
  const merger = new Merger();
  const filesTotal = tasks.reduce((n, t) => n + t.files.length, 0);
  const state: ScanProgress = { packagesDone: 0, packagesTotal: tasks.length, filesDone: 0, filesTotal };
  const progress = (task: PackageTask) => {
    state.packagesDone++;
    state.filesDone += task.files.length;
    opts.onProgress?.({ ...state });
  };
  await scanTasks(tasks, opts, merger, progress);
  const nested = nestedModuleDirs(dir, packageDirs);
  if (modulePath) await followImportTimeCalls(tasks, modulePath, opts, merger, state, progress, nested);
  return merger.finish(started, modulePath, nested);
}

/** Rounds of placing packages again for import-time entries (a chain of packages this long is followed). */
const MAX_ENTRY_ROUNDS = 8;

/**
 * Functions that a package's import-time code calls in another package of the module run at import
 * time too (import-time-calls.ts). Once every package is scanned: the packages whose entries can
 * matter are those holding matches in ordinary functions, or importing such a package (the chain);
 * the packages importing one of them are placed again to find their import-time calls into them; each
 * callee is then placed again with those calls as entries, which may find further calls, until no new
 * entry turns up. Rules, recovery and IOC extraction do not run again.
 */
async function followImportTimeCalls(tasks: PackageTask[], modulePath: string, opts: ScanOptions, merger: Merger, state: ScanProgress, progress: (task: PackageTask) => void, nested: string[]): Promise<void> {
  const pathOf = (t: PackageTask) => (t.dir ? `${modulePath}/${t.dir}` : modulePath);
  const byPath = new Map(tasks.map((t) => [pathOf(t), t]));
  const relevant = new Set(tasks.filter((t) => merger.get(t.dir)?.movable?.length).map(pathOf));
  for (let grew = relevant.size > 0; grew; ) {
    grew = false;
    for (const t of tasks) {
      if (relevant.has(pathOf(t)) || !merger.get(t.dir)?.buildImports.some((p) => relevant.has(p))) continue;
      relevant.add(pathOf(t));
      grew = true;
    }
  }
  const targetsOf = (t: PackageTask) => (merger.get(t.dir)?.buildImports ?? []).filter((p) => relevant.has(p) && p !== pathOf(t));
  const entered = new Map<PackageTask, Map<string, ImportTimeCall>>();
  // A package no dependent builds (an internal one only tests import, a test harness) starts nothing
  // in its callees when a dependent imports them: argo-cd's e2e fixture dials the API client at init.
  const unbuilt = unreachableInternalPackages(modulePath, tasks.map((t) => ({ dir: t.dir, buildImports: merger.get(t.dir)?.buildImports ?? null })), nested);
  let next: PackageTask[] = tasks.filter((t) => targetsOf(t).length).map((t) => ({ ...t, placeOnly: [], callTargets: targetsOf(t) }));
  for (let round = 0; round < MAX_ENTRY_ROUNDS && next.length; round++) {
    state.packagesTotal += next.length;
    state.filesTotal += next.reduce((n, t) => n + t.files.length, 0);
    await scanTasks(next, opts, merger, progress);
    const again = new Set<PackageTask>();
    for (const r of merger.all()) {
      for (const call of r.importTimeCalls ?? []) {
        const callee = byPath.get(call.path);
        if (!callee || callee.dir === r.dir || !relevant.has(call.path) || unbuilt.has(r.dir)) continue;
        // A caller in a file that no default build of linux, darwin or windows compiles (`//go:build
        // gofuzz`, `x_android.go`) runs the callee at import time only in such builds: coredns's fuzz
        // init starting a test DNS server made its dnstest package import-time network.
        const oses = r.defaultBuilds?.files[call.file];
        if (oses && !oses.some((os) => (TARGET_OS as readonly string[]).includes(os))) continue;
        const known = entered.get(callee) ?? new Map<string, ImportTimeCall>();
        if (!replacesEntry(call, known.get(entryKey(call)))) continue;
        known.set(entryKey(call), call);
        entered.set(callee, known);
        again.add(callee);
      }
    }
    next = [...again].map((t) => ({ ...t, entries: [...entered.get(t)!.values()], placeOnly: merger.get(t.dir)?.movable ?? [], callTargets: targetsOf(t) }));
  }
}

/** Scans packages (from the cache when it has them) into `merger`, in worker processes or inline. */
async function scanTasks(all: PackageTask[], opts: ScanOptions, merger: Merger, progress: (task: PackageTask) => void): Promise<void> {
  let tasks = all;
  // Packages seen before (same files, rules and scanner code) come from the cache.
  const keys = new Map<PackageTask, string>();
  const accept = (task: PackageTask, r: PackageResult) => (task.placeOnly ? merger.placedAgain(r, (task.entries?.length ?? 0) > 0) : merger.add(r));
  const scanned = (task: PackageTask, r: PackageResult) => {
    accept(task, r);
    const key = keys.get(task);
    if (key) opts.cache!.put(key, r);
  };
  if (opts.cache) {
    const misses: PackageTask[] = [];
    for (const task of tasks) {
      const key = opts.cache.keyOf(task);
      const hit = key === undefined ? undefined : opts.cache.get(key);
      if (hit) {
        accept(task, hit);
        progress(task);
      } else {
        if (key) keys.set(task, key);
        misses.push(task);
      }
    }
    tasks = misses;
  }
  const requested = opts.workers ?? Math.min(availableParallelism(), 4);
  // Starting a worker (loading tree-sitter, compiling queries) costs ~100 ms: not worth it for small modules.
  const filesLeft = tasks.reduce((n, t) => n + t.files.length, 0);
  const workerCount = filesLeft < 40 ? 0 : Math.min(requested, tasks.length);
  if (workerCount <= 1) {
    if (workerCount === 1) anchorScanShapes(opts.rules.rules);
    for (const task of tasks) {
      try {
        scanned(task, await scanPackage(task, opts.rules));
      } catch (err) {
        merger.failed(task, `scanner failed on this package: ${(err as Error).message}`);
      }
      progress(task);
      // Let the tree finalizers run (they are queued to the event loop) so native memory is freed.
      await settleBetweenPackages(task.bytes ?? 0);
    }
  } else {
    // Largest packages first so no lane is left with one big package at the end.
    tasks.sort((a, b) => b.files.length - a.files.length);
    await runPool(tasks, opts, workerCount, merger, progress, scanned);
  }
}

/** Directories below the root, holding packages, that have a go.mod of their own. */
function nestedModuleDirs(root: string, packageDirs: string[]): string[] {
  const checked = new Map<string, boolean>();
  for (const d of packageDirs) {
    const parts = d ? d.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      if (!checked.has(sub)) checked.set(sub, existsSync(join(root, sub, 'go.mod')));
    }
  }
  return [...checked].filter(([, has]) => has).map(([sub]) => sub);
}

/** The module path go.mod declares, if the directory has one that says. */
function modulePathIn(dir: string): string | undefined {
  try {
    return parseGoMod(readFileSync(join(dir, 'go.mod'), 'utf8')).module;
  } catch {
    return undefined;
  }
}

