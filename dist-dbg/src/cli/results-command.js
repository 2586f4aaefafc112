// `gosnare results <dir>`: questions over a batch store. Which modules contacted this domain / IP / URL,
// fired this rule, spawned a shell, got this verdict. Filters combine (AND).
import { Option } from 'commander';
import { EXIT } from './errors.js';
import { openBatchStore } from './batch-command.js';
import { outcomeOf } from '../batch/summary.js';
function oneLine(s) {
    return s.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
export function registerResults(program) {
    program
        .command('results')
        .description('Query a batch directory: modules that contacted a domain/IP/URL, fired a rule, spawned a shell, or got a verdict')
        .argument('<dir>', 'batch directory (gosnare batch --out)')
        .addOption(new Option('--verdict <level>', 'only this verdict').choices(['clean', 'suspicious', 'malicious']))
        .option('--rule <id>', 'fired this rule')
        .option('--ioc <value>', 'a domain (subdomains included), IP, URL or command text seen statically or at run time')
        .option('--spawned-shell', 'started a shell when run in the sandbox')
        .option('--failed', 'targets whose analysis failed')
        .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'))
        .action((dir, flags) => {
        const store = openBatchStore(dir);
        try {
            const rows = store.query({ verdict: flags.verdict, rule: flags.rule, ioc: flags.ioc, spawnedShell: flags.spawnedShell === true, status: flags.failed ? 'failed' : undefined });
            const matches = rows.map((row) => {
                const d = store.details(row.target);
                const ioc = flags.ioc;
                return {
                    target: row.target,
                    verdict: outcomeOf(row),
                    score: row.score,
                    module: row.modulePath,
                    version: row.moduleVersion,
                    file: row.file,
                    error: row.error,
                    matchedIndicators: ioc ? d.indicators.filter((i) => i.value === ioc || i.value.endsWith(`.${ioc}`) || (i.kind !== 'domain' && i.value.includes(ioc))) : [],
                    ruleHits: flags.rule ? d.rules.filter((r) => r.ruleId === flags.rule) : d.rules,
                    shells: d.shells,
                };
            });
            if (flags.format === 'json')
                process.stdout.write(JSON.stringify(matches, null, 2) + '\n');
            else {
                for (const m of matches) {
                    process.stdout.write(`${m.verdict.padEnd(10)} ${oneLine(m.target)}${m.score !== null ? `  score ${m.score}` : ''}${m.error ? `  ${oneLine(m.error)}` : ''}\n`);
                    for (const i of m.matchedIndicators)
                        process.stdout.write(`    ${i.kind} ${oneLine(i.value)} (${i.seen})\n`);
                    if (flags.rule)
                        for (const r of m.ruleHits)
                            process.stdout.write(`    rule ${r.ruleId} x${r.hits}\n`);
                    if (flags.spawnedShell)
                        for (const argv of m.shells)
                            process.stdout.write(`    shell ${oneLine(argv.join(' '))}\n`);
                }
                process.stderr.write(`${matches.length} of ${store.count()} targets match\n`);
            }
            process.exitCode = matches.length ? EXIT.clean : EXIT.flagged;
        }
        finally {
            store.close();
        }
    });
}
//# sourceMappingURL=results-command.js.map