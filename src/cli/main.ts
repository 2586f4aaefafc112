#!/usr/bin/env node
// gosnare command line. Exit codes: 0 clean, 1 suspicious or malicious, 2 bad usage or unreadable
// input, 3 internal analysis error (or an environment that cannot run what was asked).
import { Command, CommanderError, Option } from 'commander';
import { EXIT, EnvironmentError, UsageError } from './errors.js';
import { VERSION } from './version.js';
import { registerAnalyze } from './analyze-command.js';
import { registerRules } from './rules-command.js';
import { registerSandbox } from './sandbox-command.js';
import { registerReport } from './report-command.js';
import { registerBatch } from './batch-command.js';
import { registerResults } from './results-command.js';
import { registerDrift } from './drift-command.js';
import { registerDiff } from './diff-command.js';
import { installInterruptHandlers, useProcessTempRoot } from './interrupt.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gosnare')
    .description('Catch malicious Go modules: read the code (tree-sitter rules, string recovery) and run it in a sandbox whose network goes nowhere.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerRules(program);
  registerSandbox(program);
  registerReport(program);
  registerBatch(program);
  registerResults(program);
  registerDrift(program);
  registerDiff(program);
  program.addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp());
  return program;
}

function errorExitCode(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof EnvironmentError) return EXIT.internal;
  const name = (err as { name?: string } | null)?.name;
  // Errors from the target stage about the user's input carry these names.
  if (name === 'TargetError' || name === 'ZipRejectedError') return EXIT.usage;
  return EXIT.internal;
}

export async function main(argv: string[]): Promise<number> {
  installInterruptHandlers();
  // `gosnare rules list | head`: the reader has gone, and the rest of the output has nowhere to go.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  useProcessTempRoot();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return (process.exitCode as number | undefined) ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`gosnare: ${message.split('\n')[0]}\n`);
    if (argv.includes('--debug') && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return errorExitCode(err);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`gosnare: internal error: ${String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
