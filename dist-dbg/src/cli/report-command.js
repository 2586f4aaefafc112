// `gosnare report <result.json>`: renders a saved result as text, JSON, Markdown, HTML or SARIF.
import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { readResultFile } from '../batch/result-file.js';
import { REPORT_FORMATS, renderReport } from '../report/index.js';
import { computeVerdict, DEFAULT_THRESHOLDS } from '../verdict/score.js';
import { loadRules } from '../static/rules/load.js';
export function thresholdFlag(value, flag, fallback) {
    if (value === undefined)
        return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
        throw new UsageError(`${flag} takes a positive number, got "${value}"`);
    return n;
}
/** Rule metadata for SARIF from the given (or bundled) pack; rule errors are the rules command's business. */
export function ruleMetadata(paths) {
    return loadRules(paths).rules;
}
export function registerReport(program) {
    program
        .command('report')
        .description('Render a saved result (analyze --format json, or a batch result file) as a triage report')
        .argument('<result>', 'result JSON file')
        .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('md'))
        .option('--out <file>', 'write the report to this file instead of stdout')
        .option('--rules <path...>', 'rule pack for SARIF rule metadata (default: the bundled pack)')
        .option('--source <dir>', 'module source directory: HTML findings show surrounding lines')
        .option('--suspicious-threshold <score>', `re-score with this suspicious threshold (default ${DEFAULT_THRESHOLDS.suspicious})`)
        .option('--malicious-threshold <score>', `re-score with this malicious threshold (default ${DEFAULT_THRESHOLDS.malicious})`)
        .option('--no-color', 'no colours in text output')
        .action((file, flags) => {
        let result;
        try {
            result = readResultFile(file);
        }
        catch (err) {
            throw new UsageError(err.message);
        }
        if (flags.suspiciousThreshold !== undefined || flags.maliciousThreshold !== undefined) {
            const thresholds = {
                suspicious: thresholdFlag(flags.suspiciousThreshold, '--suspicious-threshold', DEFAULT_THRESHOLDS.suspicious),
                malicious: thresholdFlag(flags.maliciousThreshold, '--malicious-threshold', DEFAULT_THRESHOLDS.malicious),
            };
            result = { ...result, verdict: computeVerdict(result, thresholds) };
        }
        const text = renderReport(result, flags.format, {
            color: flags.color !== false && !flags.out && process.stdout.isTTY === true,
            rules: flags.format === 'sarif' ? ruleMetadata(flags.rules) : undefined,
            sourceRoot: flags.source,
        });
        if (flags.out)
            writeFileSync(flags.out, text);
        else
            process.stdout.write(text);
        process.exitCode = result.verdict.level === 'clean' ? EXIT.clean : EXIT.flagged;
    });
}
//# sourceMappingURL=report-command.js.map