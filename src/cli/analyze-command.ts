import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { EXIT, EnvironmentError, UsageError } from './errors.js';
import { loadRules } from '../static/rules/load.js';
import { staticCacheDir } from '../static/scan-cache.js';
import { analyzeTarget } from '../pipeline/analyze.js';
import { render, writeResult, type OutputFormat } from './output.js';
import { REPORT_FORMATS } from '../report/index.js';
import type { AnalysisResult } from '../result/schema.js';
import { requireEngine } from './sandbox-command.js';
import { removeContainersOnInterrupt } from './interrupt.js';

interface AnalyzeFlags {
  staticOnly?: boolean;
  format: OutputFormat;
  out?: string;
  rules?: string[];
  timeout: string;
  goSum?: string;
  workers?: string;
  progress?: boolean;
  color?: boolean;
  allowInsecure?: boolean;
  cache?: boolean;
}

function readGoSum(file: string): { text: string; name: string } {
  try {
    return { text: readFileSync(file, 'utf8'), name: file };
  } catch (err) {
    throw new UsageError(`cannot read --go-sum ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number, got "${value}"`);
  return n;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Analyse Go modules: a directory with go.mod, a module .zip (<module>@<version>/...), or module@version from GOPROXY')
    .argument('<target...>', 'targets to analyse')
    .option('--static-only', 'do not run the module (no Docker needed)')
    .addOption(new Option('--format <format>', 'output on stdout').choices([...REPORT_FORMATS]).default('text'))
    .option('--out <dir>', 'also write one JSON result per target into this directory')
    .option('--rules <path...>', 'rule files or directories (default: the bundled pack)')
    .option('--timeout <seconds>', 'wall-clock limit per dynamic phase', '60')
    .option('--go-sum <file>', 'check the module against this go.sum')
    .option('--workers <n>', 'static scan worker threads')
    .option('--allow-insecure', 'allow plain http:// GOPROXY hosts that are not loopback')
    .option('--no-cache', 'neither reuse nor store static scan results (kept per package under $GOSNARE_CACHE/static)')
    .option('--progress', 'print progress lines on stderr even when it is not a terminal')
    .option('--no-color', 'no colours in text output')
    .action(async (targets: string[], flags: AnalyzeFlags) => {
      const timeoutMs = positiveInt(flags.timeout, '--timeout') * 1000;
      const workers = flags.workers !== undefined ? positiveInt(flags.workers, '--workers') : undefined;
      const goSum = flags.goSum !== undefined ? readGoSum(flags.goSum) : undefined;
      const rules = loadRules(flags.rules);
      if (rules.errors.length) {
        const e = rules.errors[0]!;
        throw new UsageError(`bad rule in ${e.file}:${e.line}: ${e.message}${rules.errors.length > 1 ? ` (and ${rules.errors.length - 1} more; see \`gosnare rules check\`)` : ''}`);
      }
      if (rules.rules.length === 0) throw new UsageError('no rules loaded');
      const showProgress = flags.progress === true || process.stderr.isTTY === true;
      const onProgress = showProgress ? (m: string) => process.stderr.write(`gosnare: ${m}\n`) : undefined;

      let runDynamic: Parameters<typeof analyzeTarget>[1]['runDynamic'];
      if (!flags.staticOnly) {
        await requireEngine().catch((err: unknown) => {
          throw new EnvironmentError(`${err instanceof Error ? err.message : String(err)} Or use --static-only.`);
        });
        runDynamic = (await import('../dynamic/run-dynamic.js')).runDynamic;
        removeContainersOnInterrupt();
      }
      const color = flags.color !== false && process.stdout.isTTY === true;
      let exit: number = EXIT.clean;
      for (const target of targets) {
        let result: AnalysisResult;
        try {
          result = await analyzeTarget(target, {
            rules,
            staticOnly: flags.staticOnly === true,
            timeoutMs,
            workers,
            scanCacheDir: flags.cache === false ? undefined : staticCacheDir(),
            onProgress,
            runDynamic,
            resolve: { goSum, allowInsecure: flags.allowInsecure === true },
          });
        } catch (err) {
          if (targets.length === 1) throw err;
          // With several targets, one bad target must not hide the others' results.
          process.stderr.write(`gosnare: ${target}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
          const name = (err as { name?: string }).name;
          const code = name === 'TargetError' || name === 'ZipRejectedError' || err instanceof UsageError ? EXIT.usage : EXIT.internal;
          exit = Math.max(exit, code);
          continue;
        }
        process.stdout.write(render(result, flags.format, color, rules.rules));
        if (flags.out) writeResult(flags.out, result);
        if (result.verdict.level !== 'clean') exit = Math.max(exit, EXIT.flagged);
      }
      process.exitCode = exit;
    });
}
