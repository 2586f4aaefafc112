// `gosnare batch <list>`: analyse every target of a list into a resumable batch directory;
// `gosnare batch summary <dir>`: the summary table of a batch directory, later.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { EXIT, EnvironmentError, UsageError } from './errors.js';
import { requireEngine } from './sandbox-command.js';
import { onInterrupt, removeContainersOnInterrupt } from './interrupt.js';
import { thresholdFlag } from './report-command.js';
import { readTargetList } from '../batch/targets.js';
import { defaultConcurrency, runBatch } from '../batch/run.js';
import { BatchStore } from '../batch/store.js';
import { STORE_FILE } from '../batch/files.js';
import { plainProgress, ttyProgress } from '../batch/progress.js';
import { SUMMARY_FORMATS, SUMMARY_SORTS, formatSummary, sortRows, type SummaryFormat, type SummarySort } from '../batch/summary.js';
import { loadRules } from '../static/rules/load.js';
import { staticCacheDir } from '../static/scan-cache.js';
import { DEFAULT_THRESHOLDS } from '../verdict/score.js';

interface BatchFlags {
  concurrency?: string;
  out: string;
  staticOnly?: boolean;
  format: SummaryFormat;
  sort: SummarySort;
  rules?: string[];
  timeout: string;
  targetTimeout?: string;
  retryFailed?: boolean;
  allowInsecure?: boolean;
  cache?: boolean;
  progress?: boolean;
  suspiciousThreshold?: string;
  maliciousThreshold?: string;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number, got "${value}"`);
  return n;
}

/** Opens a batch directory's store for reading; a directory without one is a usage error. */
export function openBatchStore(dir: string): BatchStore {
  const file = join(dir, STORE_FILE);
  if (!existsSync(file)) throw new UsageError(`${dir} is not a batch directory (no ${STORE_FILE})`);
  return new BatchStore(file);
}

export function registerBatch(program: Command): void {
  const batch = program
    .command('batch')
    .description('Analyse every target of a list file (one per line: module@version, directory or zip; # comments) into a resumable batch directory')
    .argument('<list>', 'file listing the targets')
    .option('--concurrency <n>', `targets analysed at once (default: cores for --static-only (${defaultConcurrency(true)}), else max(2, cores/2) (${defaultConcurrency(false)}))`)
    .option('--out <dir>', 'batch directory: SQLite store + one JSON per target', 'gosnare-batch')
    .option('--static-only', 'do not run the modules (no Docker needed)')
    .addOption(new Option('--format <format>', 'summary table format').choices([...SUMMARY_FORMATS]).default('text'))
    .addOption(new Option('--sort <key>', 'summary order').choices([...SUMMARY_SORTS]).default('severity'))
    .option('--rules <path...>', 'rule files or directories (default: the bundled pack)')
    .option('--timeout <seconds>', 'wall-clock limit per dynamic phase', '60')
    .option('--target-timeout <seconds>', 'limit for one whole target (default 300 static-only, 900 with dynamic)')
    .option('--retry-failed', 'analyse targets recorded as failed again')
    .option('--allow-insecure', 'allow plain http:// GOPROXY hosts that are not loopback')
    .option('--no-cache', 'neither reuse nor store static scan results (kept per package under $GOSNARE_CACHE/static)')
    .option('--progress', 'plain progress lines on stderr even when it is not a terminal (default there: on)')
    .option('--suspicious-threshold <score>', `verdict threshold (default ${DEFAULT_THRESHOLDS.suspicious})`)
    .option('--malicious-threshold <score>', `verdict threshold (default ${DEFAULT_THRESHOLDS.malicious})`)
    .action(async (list: string, flags: BatchFlags) => {
      if (!existsSync(list)) throw new UsageError(`cannot read target list ${list}`);
      const targets = readTargetList(list);
      if (targets.length === 0) throw new UsageError(`${list} lists no targets`);
      const rules = loadRules(flags.rules);
      if (rules.errors.length || rules.rules.length === 0) throw new UsageError(rules.errors[0] ? `bad rule in ${rules.errors[0].file}:${rules.errors[0].line}: ${rules.errors[0].message}` : 'no rules loaded');
      if (!flags.staticOnly) {
        await requireEngine().catch((err: unknown) => {
          throw new EnvironmentError(`${err instanceof Error ? err.message : String(err)} Or use --static-only.`);
        });
        removeContainersOnInterrupt();
      }
      const thresholds = {
        suspicious: thresholdFlag(flags.suspiciousThreshold, '--suspicious-threshold', DEFAULT_THRESHOLDS.suspicious),
        malicious: thresholdFlag(flags.maliciousThreshold, '--malicious-threshold', DEFAULT_THRESHOLDS.malicious),
      };
      const stderr = process.stderr;
      const summary = await runBatch({
        targets,
        outDir: resolve(flags.out),
        concurrency: flags.concurrency !== undefined ? positiveInt(flags.concurrency, '--concurrency') : undefined,
        staticOnly: flags.staticOnly === true,
        rulePaths: flags.rules,
        phaseTimeoutMs: positiveInt(flags.timeout, '--timeout') * 1000,
        targetTimeoutMs: flags.targetTimeout !== undefined ? positiveInt(flags.targetTimeout, '--target-timeout') * 1000 : undefined,
        thresholds,
        retryFailed: flags.retryFailed === true,
        allowInsecure: flags.allowInsecure === true,
        scanCacheDir: flags.cache === false ? undefined : staticCacheDir(),
        onInterrupt,
        progress: stderr.isTTY ? ttyProgress(stderr) : plainProgress(stderr),
      });
      const store = openBatchStore(flags.out);
      try {
        const keys = new Set(targets.map((t) => t.key));
        const rows = store.rows().filter((r) => keys.has(r.target));
        process.stdout.write(formatSummary(sortRows(rows, flags.sort), flags.format));
        process.exitCode = rows.some((r) => r.status === 'done' && r.verdict !== 'clean') ? EXIT.flagged : EXIT.clean;
      } finally {
        store.close();
      }
      if (summary.recovered) stderr.write(`batch: ${summary.recovered} results of an interrupted run imported from their JSON files\n`);
    });

  batch
    .command('summary')
    .description('Summary table of a batch directory: target, verdict, top reasons, duration')
    .argument('<dir>', 'batch directory')
    .addOption(new Option('--format <format>', 'table format').choices([...SUMMARY_FORMATS]).default('text'))
    .addOption(new Option('--sort <key>', 'order').choices([...SUMMARY_SORTS]).default('severity'))
    .action((dir: string, own: { format: SummaryFormat; sort: SummarySort }) => {
      // Commander hands options given after `summary` to `batch` when both define them (it would need
      // positional options program-wide, which breaks a trailing --debug): take them from there.
      const fromParent = (key: 'format' | 'sort') => (batch.getOptionValueSource(key) === 'cli' ? (batch.getOptionValue(key) as string) : undefined);
      const flags = { format: (fromParent('format') ?? own.format) as SummaryFormat, sort: (fromParent('sort') ?? own.sort) as SummarySort };
      const store = openBatchStore(dir);
      try {
        process.stdout.write(formatSummary(sortRows(store.rows(), flags.sort), flags.format));
      } finally {
        store.close();
      }
    });
}
