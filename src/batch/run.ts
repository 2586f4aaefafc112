// A batch: every target of the list through the pipeline under p-queue, each result written as it
// completes — first its JSON file (atomically), then its row in the store (one transaction). A restart
// skips targets the store has and imports JSON files a kill left without a row, so after any number of
// kills every target ends up recorded exactly once. A failing target is recorded with its error.
import { existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import PQueue from 'p-queue';
import type { AnalysisResult } from '../result/schema.js';
import type { VerdictThresholds } from '../verdict/score.js';
import { parseResult } from './result-file.js';
import { BatchStore, type FailureRecord } from './store.js';
import { batchFileName, ensureBatchDir, removeStaleTemps, RESULTS_SUBDIR, STORE_FILE, writeFileAtomic } from './files.js';
import { acquireOwnerLock } from './owner-lock.js';
import type { BatchTarget } from './targets.js';
import { WorkerPool, type JobOutcome } from './worker-pool.js';
import type { ProgressSink, ProgressState } from './progress.js';

export interface BatchOptions {
  targets: BatchTarget[];
  outDir: string;
  concurrency?: number;
  staticOnly: boolean;
  rulePaths?: string[];
  /** Per dynamic phase (passed to the pipeline). */
  phaseTimeoutMs?: number;
  /** Whole target; past it the analysis thread is terminated and the target recorded as timed out. */
  targetTimeoutMs?: number;
  thresholds?: VerdictThresholds;
  allowInsecure?: boolean;
  /**
   * Registers a function to run when the batch is interrupted (the CLI's onInterrupt); it stops the
   * analysis threads from creating containers and from recording what the interruption cut short.
   */
  onInterrupt?: (fn: () => void) => () => void;
  /** Static scan cache directory; none when absent. */
  scanCacheDir?: string;
  /** Analyse targets recorded as failed again. */
  retryFailed?: boolean;
  progress: ProgressSink;
  /** Replaces the worker pool (tests). */
  analyze?: (t: BatchTarget) => Promise<JobOutcome>;
}

export interface BatchSummary {
  total: number;
  /** Already in the store when the run started. */
  skipped: number;
  /** JSON files of a killed run imported into the store without analysing again. */
  recovered: number;
  done: number;
  failed: number;
  storeFile: string;
}

/**
 * Default concurrency. Static only: one per core (a scan is CPU-bound, one thread each).
 * With dynamic analysis: max(2, cores/2). Each module's `go build` already uses every core, so more than
 * cores/2 builds at once only adds memory; but at least 2, so one module's container start-up and
 * teardown (dockerd latency, the CPU idle) overlaps another module's build.
 */
export function defaultConcurrency(staticOnly: boolean, cores = availableParallelism()): number {
  return staticOnly ? Math.max(1, cores) : Math.max(2, Math.floor(cores / 2));
}

interface FailureFile extends FailureRecord {
  gosnareBatchFailure: true;
}

function durationOf(r: AnalysisResult): number {
  return r.static.durationMs + (r.dynamic?.durationMs ?? 0);
}

/** Imports a JSON file left without a store row; false when there is none or it is unusable. */
function recover(store: BatchStore, t: BatchTarget, resultsDir: string): boolean {
  const name = batchFileName(t.key);
  const file = join(resultsDir, name);
  if (!existsSync(file)) return false;
  try {
    const text = readFileSync(file, 'utf8');
    const data = JSON.parse(text) as Partial<FailureFile>;
    if (data.gosnareBatchFailure === true && data.target === t.key) {
      store.recordFailure(data as FailureRecord, `${RESULTS_SUBDIR}/${name}`);
      return true;
    }
    const result = parseResult(text, file);
    if (result.target !== t.key) return false;
    store.recordResult(t.key, result, durationOf(result), `${RESULTS_SUBDIR}/${name}`, statSync(file).mtime.toISOString());
    return true;
  } catch {
    return false;
  }
}

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const resultsDir = ensureBatchDir(opts.outDir);
  const releaseOwner = acquireOwnerLock(opts.outDir);
  const storeFile = join(opts.outDir, STORE_FILE);
  const store = new BatchStore(storeFile);
  let pool: WorkerPool | undefined;
  let unregister: (() => void) | undefined;
  try {
    removeStaleTemps(resultsDir);
    const byKey = new Map(opts.targets.map((t) => [t.key, t]));
    if (opts.retryFailed) {
      for (const row of store.rows().filter((r) => r.status === 'failed' && byKey.has(r.target))) {
        try {
          unlinkSync(join(opts.outDir, row.file));
        } catch {
          // no file: nothing to forget
        }
      }
      store.clearFailures();
    }
    const recorded = store.recordedTargets();
    let recovered = 0;
    const pending: BatchTarget[] = [];
    for (const t of opts.targets) {
      if (recorded.has(t.key)) continue;
      if (recover(store, t, resultsDir)) recovered++;
      else pending.push(t);
    }
    const state: ProgressState = { total: opts.targets.length, skipped: opts.targets.length - pending.length, done: 0, failed: 0, running: 0, startedAt: Date.now() };
    const concurrency = Math.max(1, opts.concurrency ?? defaultConcurrency(opts.staticOnly));
    let analyze = opts.analyze;
    if (!analyze && pending.length) {
      const p = new WorkerPool(
        Math.min(concurrency, pending.length),
        { rulePaths: opts.rulePaths, staticOnly: opts.staticOnly, phaseTimeoutMs: opts.phaseTimeoutMs, thresholds: opts.thresholds, allowInsecure: opts.allowInsecure, scanCacheDir: opts.scanCacheDir },
        opts.targetTimeoutMs ?? (opts.staticOnly ? 300_000 : 900_000),
      );
      pool = p;
      analyze = (t) => p.run({ key: t.key, resolved: t.resolved });
    }
    const queue = new PQueue({ concurrency });
    // After an interrupt nothing more is recorded: a target cut short stays pending, so a restart
    // analyses it again instead of keeping a failure the interruption caused.
    let interrupted = false;
    unregister = opts.onInterrupt?.(() => {
      interrupted = true;
      pool?.stop();
      queue.clear();
    });
    let fatal: unknown;
    for (const t of pending) {
      void queue.add(async () => {
        if (fatal) return;
        state.running++;
        opts.progress.update(state);
        const started = Date.now();
        let outcome: JobOutcome;
        try {
          outcome = await analyze!(t);
        } catch (err) {
          // Not a target's fault (e.g. the rule pack cannot load in a thread): stop the batch.
          fatal ??= err;
          queue.clear();
          state.running--;
          return;
        }
        if (interrupted) return;
        const durationMs = Date.now() - started;
        const finishedAt = new Date().toISOString();
        const name = batchFileName(t.key);
        const rel = `${RESULTS_SUBDIR}/${name}`;
        let line: string;
        if (outcome.ok) {
          writeFileAtomic(join(resultsDir, name), JSON.stringify(outcome.result, null, 2) + '\n');
          store.recordResult(t.key, outcome.result, durationMs, rel, finishedAt);
          state.done++;
          line = `${outcome.result.verdict.level.padEnd(10)} ${t.key} (${(durationMs / 1000).toFixed(1)} s)`;
        } else {
          const failure: FailureFile = { gosnareBatchFailure: true, target: t.key, error: outcome.error, errorKind: outcome.errorKind, durationMs, finishedAt };
          writeFileAtomic(join(resultsDir, name), JSON.stringify(failure, null, 2) + '\n');
          store.recordFailure(failure, rel);
          state.failed++;
          line = `${'failed'.padEnd(10)} ${t.key}: ${outcome.errorKind}: ${outcome.error}`;
        }
        state.running--;
        opts.progress.finished(state, line);
      });
    }
    await queue.onIdle();
    opts.progress.end(state);
    if (fatal) throw fatal;
    return { total: state.total, skipped: state.skipped - recovered, recovered, done: state.done, failed: state.failed, storeFile };
  } finally {
    unregister?.();
    await pool?.close();
    store.close();
    releaseOwner();
  }
}
