// One target through the whole pipeline: target -> module -> static -> dynamic -> verdict.
import type { AnalysisResult, DynamicResult } from '../result/schema.js';
import { SCHEMA_VERSION } from '../result/schema.js';
import type { CompiledRuleSet } from '../static/rules/types.js';
import { scanModule } from '../static/scan.js';
import { ScanCache } from '../static/scan-cache.js';
import { resolveTarget, type ResolveOptions } from '../target/resolve.js';
import { computeVerdict, DEFAULT_THRESHOLDS, type VerdictThresholds } from '../verdict/score.js';
import { VERSION } from '../cli/version.js';

export interface AnalyzeOptions {
  rules: CompiledRuleSet;
  staticOnly: boolean;
  resolve?: Partial<ResolveOptions>;
  /** Per-phase wall-clock limit for the dynamic run. */
  timeoutMs?: number;
  thresholds?: VerdictThresholds;
  workers?: number;
  /** Directory of the static scan cache (see scan-cache.ts); no cache when absent. */
  scanCacheDir?: string;
  onProgress?: (message: string) => void;
  /** Runs the dynamic stage; injected so static-only use never loads Docker code. */
  runDynamic?: (module: { dir: string; path: string }, opts: { timeoutMs?: number; onProgress?: (m: string) => void }) => Promise<DynamicResult>;
}

export async function analyzeTarget(target: string, opts: AnalyzeOptions): Promise<AnalysisResult> {
  const startedAt = new Date().toISOString();
  const progress = opts.onProgress ?? (() => {});
  progress(`resolving ${target}`);
  const resolved = await resolveTarget(target, opts.resolve ?? {});
  try {
    progress(`static scan of ${resolved.info.path}`);
    const staticResult = await scanModule(resolved.dir, {
      rules: opts.rules,
      workers: opts.workers,
      cache: opts.scanCacheDir ? new ScanCache(opts.scanCacheDir, opts.rules.hash) : undefined,
    });
    let dynamic: DynamicResult | undefined;
    if (!opts.staticOnly) {
      if (!opts.runDynamic) throw new Error('dynamic analysis requested but no runner was given');
      progress(`dynamic analysis of ${resolved.info.path}`);
      dynamic = await opts.runDynamic({ dir: resolved.dir, path: resolved.info.path }, { timeoutMs: opts.timeoutMs, onProgress: progress });
    }
    const partial = { static: staticResult, dynamic, moduleFindings: resolved.findings };
    const result: AnalysisResult = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'gosnare', version: VERSION, rulePackHash: opts.rules.hash },
      target,
      startedAt,
      module: resolved.info,
      static: staticResult,
      ...(dynamic ? { dynamic } : {}),
      moduleFindings: resolved.findings,
      verdict: computeVerdict(partial, opts.thresholds ?? DEFAULT_THRESHOLDS),
    };
    return result;
  } finally {
    await resolved.cleanup();
  }
}
