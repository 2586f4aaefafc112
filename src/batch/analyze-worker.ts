// A batch worker thread: loads the rule pack once, then analyses one target per message. Targets run in
// worker threads so a static-only batch uses every core (the scan of a small module runs inline) and a
// target past its time limit can be stopped for real by terminating its thread.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeTarget, type AnalyzeOptions } from '../pipeline/analyze.js';
import { loadRules } from '../static/rules/load.js';
import type { VerdictThresholds } from '../verdict/score.js';
import type { AnalysisResult } from '../result/schema.js';

export interface WorkerInit {
  gosnareBatchWorker: true;
  rulePaths?: string[];
  staticOnly: boolean;
  phaseTimeoutMs?: number;
  thresholds?: VerdictThresholds;
  allowInsecure?: boolean;
  scanCacheDir?: string;
}

export interface WorkerJob {
  id: number;
  key: string;
  resolved: string;
}

export type WorkerReply =
  | { id: number; ok: true; result: AnalysisResult }
  | { id: number; ok: false; error: string; errorKind: 'bad-target' | 'error' }
  | { ready: true }
  | { fatal: string };

const BAD_TARGET = new Set(['TargetError', 'ZipRejectedError', 'UsageError']);

async function start(init: WorkerInit): Promise<void> {
  const port = parentPort!;
  const rules = loadRules(init.rulePaths);
  if (rules.errors.length || rules.rules.length === 0) {
    port.postMessage({ fatal: rules.errors[0] ? `bad rule in ${rules.errors[0].file}:${rules.errors[0].line}: ${rules.errors[0].message}` : 'no rules loaded' } satisfies WorkerReply);
    return;
  }
  let runDynamic: AnalyzeOptions['runDynamic'];
  if (!init.staticOnly) runDynamic = (await import('../dynamic/run-dynamic.js')).runDynamic;
  port.on('message', (job: WorkerJob | { stop: true }) => {
    if ('stop' in job) {
      void import('../dynamic/container-registry.js').then((r) => r.refuseNewContainers());
      return;
    }
    analyzeTarget(job.resolved, {
      rules,
      staticOnly: init.staticOnly,
      timeoutMs: init.phaseTimeoutMs,
      thresholds: init.thresholds,
      // Parallelism comes from the batch's workers: scan inline here.
      workers: 0,
      scanCacheDir: init.scanCacheDir,
      runDynamic,
      resolve: { allowInsecure: init.allowInsecure === true },
    }).then(
      (result) => port.postMessage({ id: job.id, ok: true, result: { ...result, target: job.key } } satisfies WorkerReply),
      (err: unknown) => {
        const name = (err as { name?: string } | null)?.name ?? '';
        const error = err instanceof Error ? err.message.split('\n')[0]! : String(err);
        port.postMessage({ id: job.id, ok: false, error, errorKind: BAD_TARGET.has(name) ? 'bad-target' : 'error' } satisfies WorkerReply);
      },
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

const init = workerData as WorkerInit | undefined;
if (parentPort && init?.gosnareBatchWorker) {
  start(init).catch((err: unknown) => parentPort!.postMessage({ fatal: err instanceof Error ? err.message : String(err) } satisfies WorkerReply));
}
