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
import { unreachableInternalPackages, type PackageImports } from './build-reach.js';
import { parseGoMod } from '../module/gomod.js';
import { packageDirOf } from './file-role.js';
import { anchorScanShapes } from './shape-anchors.js';
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
      }
    }
    if (files.length) tasks.push({ dir: rel, files, bytes });
  };
  walk(root, '');
  return tasks;
}

function emptyResult(): StaticResult {
  return { filesScanned: 0, bytesScanned: 0, parseErrors: [], imports: [], findings: [], iocs: emptyIocs(), recoveredStrings: [], durationMs: 0 };
}

class Merger {
  readonly out = emptyResult();
  private readonly imports = new Set<string>();
  private readonly packages: PackageImports[] = [];
  filesParsed = 0;

  add(r: PackageResult): void {
    this.packages.push({ dir: r.dir, buildImports: r.buildImports });
    this.out.filesScanned += r.filesScanned;
    this.out.bytesScanned += r.bytesScanned;
    this.filesParsed += r.filesParsed;
    this.out.parseErrors.push(...r.parseErrors);
    for (const p of r.imports) this.imports.add(p);
    this.out.findings.push(...r.findings);
    this.out.recoveredStrings.push(...r.recoveredStrings);
    mergeIocsInto(this.out.iocs, r.iocs);
  }

  failed(task: PackageTask, message: string): void {
    this.packages.push({ dir: task.dir, buildImports: null });
    for (const f of task.files) this.out.parseErrors.push({ file: f.rel, line: 1, message });
  }

  /** `modulePath` (from go.mod) tells which internal packages nothing built imports. */
  finish(started: number, modulePath?: string, nestedModuleDirs: string[] = []): StaticResult {
    const out = this.out;
    const unreachable = unreachableInternalPackages(modulePath, this.packages, nestedModuleDirs);
    if (unreachable.size) for (const f of out.findings) if (unreachable.has(packageDirOf(f.file))) f.notBuilt = true;
    out.imports = [...this.imports].sort();
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
    execArgv: [...childExecArgv(process.execArgv), '--max-semi-space-size=8'],
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
  let tasks = collectPackages(dir);
  const packageDirs = tasks.map((t) => t.dir);
  const merger = new Merger();
  const filesTotal = tasks.reduce((n, t) => n + t.files.length, 0);
  const state: ScanProgress = { packagesDone: 0, packagesTotal: tasks.length, filesDone: 0, filesTotal };
  const progress = (task: PackageTask) => {
    state.packagesDone++;
    state.filesDone += task.files.length;
    opts.onProgress?.({ ...state });
  };
  // Packages seen before (same files, rules and scanner code) come from the cache.
  const keys = new Map<PackageTask, string>();
  const scanned = (task: PackageTask, r: PackageResult) => {
    merger.add(r);
    const key = keys.get(task);
    if (key) opts.cache!.put(key, r);
  };
  if (opts.cache) {
    const misses: PackageTask[] = [];
    for (const task of tasks) {
      const key = opts.cache.keyOf(task);
      const hit = key === undefined ? undefined : opts.cache.get(key);
      if (hit) {
        merger.add(hit);
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
  return merger.finish(started, modulePathIn(dir), nestedModuleDirs(dir, packageDirs));
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

